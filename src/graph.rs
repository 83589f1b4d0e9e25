//! The knowledge graph: entities as nodes, typed relations as merged, weighted edges.
//!
//! A [`GraphBuilder`] takes nodes and edges in any order and merges them:
//! nodes by id (mention counts add up, documents and aliases are unioned),
//! edges by (subject, relation, object) (evidence, documents and roles are
//! unioned; the weight is the number of distinct evidence sentences). Merging
//! is associative and commutative, so the same facts give the same graph,
//! byte for byte, whatever the order of documents or the grouping of partial
//! results. [`GraphBuilder::build`] lays the result out in a petgraph graph with
//! nodes sorted by id and edges sorted by (subject, relation, object).
//!
//! ```
//! use kgx::graph::{GraphBuilder, Node, EdgeData, Evidence};
//! use kgx::gazetteer::EntityType;
//! let mut b = GraphBuilder::new();
//! b.add_node(Node::new("russia", "Russia", EntityType::Country).with_mentions("doc1", 2));
//! b.add_node(Node::new("astana-talks", "Astana talks", EntityType::Event).with_mentions("doc1", 1));
//! let ev = Evidence::new("doc1", 0, "Russia brokered the Astana talks.", "brokered-active", (0, 6), (20, 32))
//!     .with_trigger(Some((7, 15)));
//! b.add_edge("russia", "brokered", "astana-talks", EdgeData::from_evidence(ev, None, None));
//! let g = b.build();
//! assert_eq!(g.node_count(), 2);
//! let (s, o, e) = g.edges().next().unwrap();
//! assert_eq!((s.id.as_str(), e.relation.as_str(), o.id.as_str(), e.weight), ("russia", "brokered", "astana-talks", 1));
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use indexmap::IndexMap;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::document::Meta;
use crate::gazetteer::EntityType;

/// The relation name of same-sentence co-occurrence edges (`--cooccurrence`).
pub const COOCCURRENCE: &str = "co_occurs";

/// One entity in the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The entity's gazetteer id (the node id in every export).
    pub id: String,
    /// Its display name.
    pub label: String,
    /// Its type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Its subtype, if the gazetteer gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// Surface forms seen in the text, sorted.
    #[serde(default)]
    pub aliases_seen: BTreeSet<String>,
    /// Number of mentions over all documents.
    #[serde(default)]
    pub mentions: u64,
    /// Documents that mention the entity, sorted.
    #[serde(default)]
    pub documents: BTreeSet<String>,
    /// Free attributes from the gazetteer (wikidata, ...), sorted by key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// The first and last day of the dated documents that mention the entity
    /// (`YYYY-MM-DD`; set by [`GraphBuilder::build`] where documents have dates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<(String, String)>,
}

impl Node {
    /// A node with no mentions yet.
    pub fn new(id: &str, label: &str, entity_type: EntityType) -> Node {
        Node {
            id: id.to_string(),
            label: label.to_string(),
            entity_type,
            subtype: None,
            aliases_seen: BTreeSet::new(),
            mentions: 0,
            documents: BTreeSet::new(),
            attributes: BTreeMap::new(),
            seen: None,
        }
    }

    /// Builder-style: record `count` mentions in `doc`.
    pub fn with_mentions(mut self, doc: &str, count: u64) -> Node {
        self.mentions = self.mentions.saturating_add(count);
        self.documents.insert(doc.to_string());
        self
    }

    /// Fold `other` (the same id) in. Where the two disagree (partial
    /// graphs from different gazetteers), the smaller label, type, subtype
    /// and attribute value win, so the result does not depend on the order
    /// of merging; counts saturate instead of wrapping.
    fn merge(&mut self, other: Node) {
        self.mentions = self.mentions.saturating_add(other.mentions);
        self.documents.extend(other.documents);
        self.aliases_seen.extend(other.aliases_seen);
        if other.label < self.label {
            self.label = other.label;
        }
        self.entity_type = self.entity_type.min(other.entity_type);
        self.subtype = match (self.subtype.take(), other.subtype) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for (k, v) in other.attributes {
            match self.attributes.get_mut(&k) {
                Some(old) if v < *old => *old = v,
                Some(_) => {}
                None => {
                    self.attributes.insert(k, v);
                }
            }
        }
    }
}

pub use crate::analysis::Evidence;

/// The attributes of a merged edge (everything but its ends).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EdgeData {
    /// Role words on represents/leads edges ("Foreign Minister"), sorted.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub roles: BTreeSet<String>,
    /// Modality/tense marks seen on the evidence ("reported", "future", "hope"), sorted.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub modalities: BTreeSet<String>,
    /// Evidence, sorted and without duplicates.
    #[serde(default)]
    pub evidence: BTreeSet<Evidence>,
    /// Extra weight for edges that carry no evidence list (co-occurrence counts).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub count: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl EdgeData {
    /// Edge data with one piece of evidence.
    pub fn from_evidence(
        evidence: Evidence,
        role: Option<String>,
        modality: Option<String>,
    ) -> EdgeData {
        let mut d = EdgeData::default();
        d.evidence.insert(evidence);
        d.roles.extend(role);
        d.modalities.extend(modality);
        d
    }

    fn merge(&mut self, other: EdgeData) {
        self.roles.extend(other.roles);
        self.modalities.extend(other.modalities);
        self.evidence.extend(other.evidence);
        self.count = self.count.saturating_add(other.count);
    }
}

/// One merged edge as laid out in the graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// The relation name, or [`COOCCURRENCE`].
    pub relation: String,
    /// Number of distinct evidence sentences (or the co-occurrence count); always > 0.
    pub weight: u64,
    /// Documents with evidence, sorted.
    pub documents: BTreeSet<String>,
    /// The first and last day of the dated documents with evidence (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seen: Option<(String, String)>,
    /// The merged evidence and counts.
    #[serde(flatten)]
    pub data: EdgeData,
}

/// One edge of a [`Partial`]: its ends and relation, then its data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialEdge {
    /// The subject's entity id.
    pub subject: String,
    /// The relation name, or [`COOCCURRENCE`].
    pub relation: String,
    /// The object's entity id.
    pub object: String,
    /// The evidence and counts, merged with those of the same edge elsewhere.
    #[serde(flatten)]
    pub data: EdgeData,
}

/// A piece of a graph as one JSON line: what `kgx extract --emit partial`
/// writes per document and `kgx merge` folds back (see [`GraphBuilder::merge`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    /// The document the piece comes from, when it is one document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The nodes the piece's edges and mentions touch.
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// The piece's edges.
    #[serde(default)]
    pub edges: Vec<PartialEdge>,
    /// Metadata of the documents, where the input gave some.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub documents: BTreeMap<String, Meta>,
}

/// What to keep when exporting (`--relations`, `--min-weight`, `--drop-isolated`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep only edges of these relations (all when `None`).
    pub relations: Option<BTreeSet<String>>,
    /// Keep only edges of at least this weight.
    pub min_weight: u64,
    /// Leave out nodes with no edge left.
    pub drop_isolated: bool,
}

/// A node as a [`GraphBuilder`] holds it while documents come in: its
/// newest documents are kept in a list, in the order they came, and go
/// into the node's set when the list grows long or the node is read
/// ([`Building::settle`]).
///
/// A node gets one document at a time, nearly always one it does not have
/// yet: pushed on a list instead of inserted in an ordered set (a search
/// down the set's tree, comparing ids, for each document of each node,
/// whatever their order: a corpus's ids in its own order are often not in
/// the set's, as "reuters/16" after "reuters/4"). The list is sorted and
/// made a set in one pass and merged into the node's set in another. A
/// document given twice in a row is listed once; one given again later
/// (a corpus read twice) is listed again and drops out when the list is
/// settled, which happens once the list is longer than the set by
/// [`Building::SETTLE_AFTER`], so the list stays within the set's size plus
/// that, and the cost per document stays a push and a share of a sort.
///
/// The node itself is boxed: the builder's map holds a `Building` in each
/// of its slots, and a slot of 64 bytes (the id, this box, the list and
/// a number) is one cache line to read on a look-up and little to move
/// when the map grows, where a node inline made it 256 bytes.
#[derive(Clone, Debug)]
struct Building {
    node: Box<Node>,
    /// Documents not yet in `node.documents` (some may be), in the order given.
    later_documents: Vec<String>,
    /// The builder's number of the last document given ([`GraphBuilder::add_mentions`]),
    /// which the node has (0: none yet).
    last_document: u64,
}

impl Building {
    /// How many more documents than its set holds the list may hold.
    const SETTLE_AFTER: usize = 64;

    fn new(node: Node) -> Building {
        Building {
            node: Box::new(node),
            later_documents: Vec::new(),
            last_document: 0,
        }
    }

    /// Add `doc`, which the builder numbers `number` (see
    /// [`GraphBuilder::document_number`]), to the node's documents (if it is
    /// not one yet).
    fn add_document(&mut self, doc: &str, number: u64) {
        // (the same document again: a second entity of the same id in it;
        // told by the number, in the slot itself, rather than by the last
        // listed id, a string elsewhere in memory)
        if self.last_document == number {
            return;
        }
        self.last_document = number;
        self.later_documents.push(doc.to_string());
        if self.later_documents.len() > self.node.documents.len() + Self::SETTLE_AFTER {
            self.settle();
        }
    }

    /// Move the listed documents into the node's set.
    fn settle(&mut self) {
        if self.later_documents.is_empty() {
            return;
        }
        // (Sorted, the list is made a set in one pass (`collect` finds it
        // sorted and takes out the repeats; the list is handed over whole,
        // not drained, so that `collect` sorts in the list's own buffer);
        // appending a set to a set merges the two in one pass.)
        let mut later = std::mem::take(&mut self.later_documents);
        later.sort_unstable();
        let mut later: BTreeSet<String> = later.into_iter().collect();
        self.node.documents.append(&mut later);
    }

    /// The node, with all its documents.
    fn into_node(mut self) -> Node {
        self.settle();
        *self.node
    }

    /// A copy of the node, with all its documents.
    fn to_node(&self) -> Node {
        let mut node = Node::clone(&self.node);
        node.documents.extend(self.later_documents.iter().cloned());
        node
    }
}

/// Collects and merges nodes and edges; see the module docs.
#[derive(Clone, Debug, Default)]
pub struct GraphBuilder {
    /// By id: looked up once per entity of every document, so hashed
    /// rather than ordered; sorted where they are laid out.
    nodes: HashMap<String, Building>,
    edges: BTreeMap<(String, String, String), EdgeData>,
    documents: BTreeMap<String, Meta>,
    /// One shared copy of every evidence string (sentence, document id,
    /// rule id): a sentence read for several edges is held once.
    strings: HashSet<Arc<str>>,
    /// The document [`GraphBuilder::add_mentions`] was last given, and its
    /// number (counted from 1, one more for each change of document).
    last_document: (String, u64),
}

impl GraphBuilder {
    /// An empty builder.
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    /// Add or merge a node.
    pub fn add_node(&mut self, node: Node) {
        match self.nodes.get_mut(&node.id) {
            Some(n) => {
                n.settle();
                n.node.merge(node);
            }
            None => {
                self.nodes.insert(node.id.clone(), Building::new(node));
            }
        }
    }

    /// The number of `doc` among the documents given to
    /// [`GraphBuilder::add_mentions`]: the same as the call before for the
    /// same document, a new one for another. (A document given again after
    /// another gets a new number: a node given it both times lists it
    /// twice, and the second drops out when the list is settled.)
    fn document_number(&mut self, doc: &str) -> u64 {
        let (last, number) = &mut self.last_document;
        if *number == 0 || last != doc {
            last.clear();
            last.push_str(doc);
            *number += 1;
        }
        *number
    }

    /// Record `count` mentions of the entity `id` in `doc`, written as
    /// `aliases` (each stored as `collapse` makes it); `node` makes the node,
    /// with no mentions, where the graph has none yet.
    ///
    /// The graph is the one `add_node(node().with_mentions(doc, count))` with
    /// those aliases gives, for a `node` that always makes the same node, but
    /// a node that exists is updated in place: nothing is allocated for a
    /// document or alias it already has.
    pub fn add_mentions<'a>(
        &mut self,
        id: &str,
        doc: &str,
        count: u64,
        aliases: impl IntoIterator<Item = &'a str>,
        collapse: impl Fn(&str) -> String,
        node: impl FnOnce() -> Node,
    ) {
        let number = self.document_number(doc);
        let n = match self.nodes.get_mut(id) {
            Some(n) => n,
            None => self
                .nodes
                .entry(id.to_string())
                .or_insert_with(|| Building::new(node())),
        };
        n.add_document(doc, number);
        let n = &mut n.node;
        n.mentions = n.mentions.saturating_add(count);
        // (an alias written as the one before it, as a name repeated in a
        // document mostly is, is not looked up again)
        let mut previous: Option<&str> = None;
        for a in aliases {
            if previous != Some(a) && !n.aliases_seen.contains(a) {
                n.aliases_seen.insert(collapse(a));
            }
            previous = Some(a);
        }
    }

    /// Record what is known about the document `id` (nothing is kept for empty metadata).
    /// Two records of one id keep the smaller, so merging stays order-independent.
    pub fn add_document(&mut self, id: &str, meta: &Meta) {
        if meta.is_empty() {
            return;
        }
        match self.documents.get_mut(id) {
            Some(m) if *m <= *meta => {}
            Some(m) => *m = meta.clone(),
            None => {
                self.documents.insert(id.to_string(), meta.clone());
            }
        }
    }

    /// Add the node `id` (made by `node`) if the graph has none of that id.
    pub fn ensure_node(&mut self, id: &str, node: impl FnOnce() -> Node) {
        if !self.nodes.contains_key(id) {
            self.nodes.insert(id.to_string(), Building::new(node()));
        }
    }

    /// Add or merge an edge. Both ends should be added as nodes too.
    pub fn add_edge(&mut self, subject: &str, relation: &str, object: &str, mut data: EdgeData) {
        if !data.evidence.is_empty() {
            let evidence = std::mem::take(&mut data.evidence);
            data.evidence = evidence
                .into_iter()
                .map(|e| Evidence {
                    doc: self.intern(e.doc),
                    text: self.intern(e.text),
                    rule: self.intern(e.rule),
                    ..e
                })
                .collect();
        }
        let key = (
            subject.to_string(),
            relation.to_string(),
            object.to_string(),
        );
        match self.edges.get_mut(&key) {
            Some(d) => d.merge(data),
            None => {
                self.edges.insert(key, data);
            }
        }
    }

    /// The shared copy of `s`.
    fn intern(&mut self, s: Arc<str>) -> Arc<str> {
        match self.strings.get(&s) {
            Some(shared) => shared.clone(),
            None => {
                self.strings.insert(s.clone());
                s
            }
        }
    }

    /// This builder's nodes and edges as a [`Partial`] (sorted, so it is deterministic).
    pub fn to_partial(&self, doc: Option<&str>) -> Partial {
        Partial {
            doc: doc.map(str::to_string),
            nodes: {
                let mut nodes: Vec<Node> = self.nodes.values().map(Building::to_node).collect();
                nodes.sort_unstable_by(|a, b| a.id.cmp(&b.id));
                nodes
            },
            edges: self
                .edges
                .iter()
                .map(|((s, r, o), d)| PartialEdge {
                    subject: s.clone(),
                    relation: r.clone(),
                    object: o.clone(),
                    data: d.clone(),
                })
                .collect(),
            documents: self.documents.clone(),
        }
    }

    /// Fold a [`Partial`] in (associative, commutative, like [`GraphBuilder::merge`]).
    pub fn add_partial(&mut self, partial: Partial) {
        for n in partial.nodes {
            self.add_node(n);
        }
        for e in partial.edges {
            self.add_edge(&e.subject, &e.relation, &e.object, e.data);
        }
        for (id, meta) in partial.documents {
            self.add_document(&id, &meta);
        }
    }

    /// Whether nothing has been added.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty() && self.documents.is_empty()
    }

    /// Fold another builder into this one (associative, commutative).
    pub fn merge(&mut self, other: GraphBuilder) {
        for (_, n) in other.nodes {
            self.add_node(n.into_node());
        }
        for ((s, r, o), d) in other.edges {
            self.add_edge(&s, &r, &o, d);
        }
        for (id, meta) in other.documents {
            self.add_document(&id, &meta);
        }
    }

    /// Lay the graph out: nodes sorted by id, edges by (subject, relation, object).
    /// Edges whose ends are not nodes, or whose weight would be 0, are dropped.
    pub fn build(self) -> KnowledgeGraph {
        self.build_filtered(&Filter::default())
    }

    /// [`GraphBuilder::build`], keeping only the edges and nodes `filter` lets through.
    pub fn build_filtered(self, filter: &Filter) -> KnowledgeGraph {
        let GraphBuilder {
            nodes,
            edges,
            documents,
            ..
        } = self;
        let days = |docs: &BTreeSet<String>| -> Option<(String, String)> {
            // (no metadata, no dates: the documents are not looked up one by one)
            if documents.is_empty() {
                return None;
            }
            let mut dated = docs
                .iter()
                .filter_map(|d| documents.get(d).and_then(|m| m.date.as_ref()));
            let first = dated.next()?;
            let (lo, hi) = dated.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
            Some((lo.clone(), hi.clone()))
        };
        let mut kept = Vec::with_capacity(edges.len());
        let mut linked: BTreeSet<String> = BTreeSet::new();
        for ((s, relation, o), data) in edges {
            if !(nodes.contains_key(&s) && nodes.contains_key(&o)) {
                continue;
            }
            if filter
                .relations
                .as_ref()
                .is_some_and(|r| !r.contains(&relation))
            {
                continue;
            }
            let sentences: BTreeSet<(&str, usize)> = data
                .evidence
                .iter()
                .map(|e| (&*e.doc, e.sentence))
                .collect();
            let weight = (sentences.len() as u64).saturating_add(data.count);
            if weight == 0 || weight < filter.min_weight {
                continue;
            }
            if filter.drop_isolated {
                linked.insert(s.clone());
                linked.insert(o.clone());
            }
            let documents: BTreeSet<String> =
                data.evidence.iter().map(|e| e.doc.to_string()).collect();
            let seen = days(&documents);
            kept.push((
                s,
                o,
                Edge {
                    relation,
                    weight,
                    documents,
                    seen,
                    data,
                },
            ));
        }
        let mut graph = DiGraph::with_capacity(nodes.len(), kept.len());
        let mut index = IndexMap::with_capacity(nodes.len());
        // (The nodes sorted as they are held, boxed: the sort moves 64
        // bytes an entry rather than a whole node.)
        let mut nodes: Vec<(String, Building)> = nodes.into_iter().collect();
        nodes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (id, building) in nodes {
            if filter.drop_isolated && !linked.contains(&id) {
                continue;
            }
            let mut node = building.into_node();
            node.seen = days(&node.documents);
            let ix = graph.add_node(node);
            index.insert(id, ix);
        }
        for (s, o, edge) in kept {
            graph.add_edge(index[&s], index[&o], edge);
        }
        // (Without metadata, as for a corpus of bare texts, no document is
        // kept whatever the nodes hold: the set of every node's documents,
        // one entry per node and document, is not gathered for nothing.)
        let documents = if documents.is_empty() {
            BTreeMap::new()
        } else {
            let used: BTreeSet<&String> = graph
                .node_weights()
                .flat_map(|n: &Node| &n.documents)
                .collect();
            documents
                .iter()
                .filter(|(id, _)| used.contains(id))
                .map(|(id, m)| (id.clone(), m.clone()))
                .collect()
        };
        KnowledgeGraph {
            graph,
            index,
            documents,
        }
    }
}

/// The finished graph: a petgraph [`DiGraph`] plus an id → node index map.
#[derive(Clone, Debug, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Edge>,
    index: IndexMap<String, NodeIndex>,
    documents: BTreeMap<String, Meta>,
}

impl KnowledgeGraph {
    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The number of edges (typed and co-occurrence).
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Nodes, sorted by id.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// Edges as (subject, object, edge), sorted by (subject id, relation, object id).
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Node, &Edge)> {
        self.graph
            .raw_edges()
            .iter()
            .map(|e| (&self.graph[e.source()], &self.graph[e.target()], &e.weight))
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&ix| &self.graph[ix])
    }

    /// The edge (subject, relation, object), if present.
    pub fn edge(&self, subject: &str, relation: &str, object: &str) -> Option<&Edge> {
        let (&s, &o) = (self.index.get(subject)?, self.index.get(object)?);
        self.graph
            .edges_connecting(s, o)
            .map(|e| e.weight())
            .find(|e| e.relation == relation)
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn petgraph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    /// Metadata of the graph's documents (date, URL, title, source), by id,
    /// for the documents the input described.
    pub fn documents(&self) -> &BTreeMap<String, Meta> {
        &self.documents
    }

    /// The distinct days of those of `docs` that are dated, sorted.
    pub fn days<'a>(&'a self, docs: &'a BTreeSet<String>) -> BTreeSet<&'a str> {
        docs.iter()
            .filter_map(|d| self.documents.get(d).and_then(|m| m.date.as_deref()))
            .collect()
    }

    /// Whether any node carries first/last-seen days (the input had dates).
    pub fn is_dated(&self) -> bool {
        self.nodes().any(|n| n.seen.is_some())
    }

    /// The id → node index map (in id order).
    pub fn index(&self) -> &IndexMap<String, NodeIndex> {
        &self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documents of each node, as `add_mentions` calls in `order` leave
    /// them: read through `to_partial` halfway and at the end, and through
    /// `build` at the end (after a merge into a second builder).
    fn documents_after(order: &[(&str, &str)]) -> Vec<Vec<(String, Vec<String>)>> {
        let mut b = GraphBuilder::new();
        let mut seen = Vec::new();
        let read = |b: &GraphBuilder| -> Vec<(String, Vec<String>)> {
            b.to_partial(None)
                .nodes
                .into_iter()
                .map(|n| (n.id, n.documents.into_iter().collect()))
                .collect()
        };
        for (i, &(id, doc)) in order.iter().enumerate() {
            b.add_mentions(id, doc, 1, [id], str::to_string, || {
                Node::new(id, id, EntityType::Person)
            });
            if i == order.len() / 2 {
                seen.push(read(&b));
            }
        }
        seen.push(read(&b));
        let mut merged = GraphBuilder::new();
        merged.add_node(Node::new("a", "a", EntityType::Person).with_mentions("d0", 1));
        merged.merge(b);
        let built = merged.build();
        seen.push(
            built
                .nodes()
                .map(|n| (n.id.clone(), n.documents.iter().cloned().collect()))
                .collect(),
        );
        seen
    }

    /// A node's documents are the set of those it was added with, whatever
    /// the order: ascending (the list path), descending and mixed (the set
    /// path, which settles the list first), repeated, and read in between.
    #[test]
    fn documents_are_a_set_in_any_order() {
        let docs = ["d1", "d2", "d3", "d4", "d5", "d6"];
        let ascending: Vec<(&str, &str)> =
            docs.iter().flat_map(|&d| [("a", d), ("b", d)]).collect();
        let mut descending = ascending.clone();
        descending.reverse();
        // Ascending, one out of order, a repeat of a listed document, a
        // repeat of the last, then ascending again.
        let mixed = [
            ("a", "d2"),
            ("a", "d4"),
            ("a", "d1"),
            ("a", "d4"),
            ("a", "d2"),
            ("a", "d5"),
            ("a", "d5"),
            ("a", "d6"),
            ("a", "d3"),
            ("b", "d6"),
            ("b", "d1"),
            ("b", "d2"),
            ("b", "d3"),
            ("b", "d4"),
            ("b", "d5"),
        ];
        let want_end = vec![
            (
                "a".to_string(),
                docs.iter().map(|d| d.to_string()).collect(),
            ),
            (
                "b".to_string(),
                docs.iter().map(|d| d.to_string()).collect(),
            ),
        ];
        for order in [&ascending[..], &descending[..], &mixed[..]] {
            let seen = documents_after(order);
            assert_eq!(seen[1], want_end, "{order:?}");
            let mut with_d0 = want_end.clone();
            with_d0[0].1.insert(0, "d0".to_string());
            assert_eq!(seen[2], with_d0, "{order:?}");
        }
        // Halfway through the ascending order: d1-d3 for both, d4 for "a".
        let half = &documents_after(&ascending)[0];
        assert_eq!(half[0].1, ["d1", "d2", "d3", "d4"]);
        assert_eq!(half[1].1, ["d1", "d2", "d3"]);
    }

    /// Without metadata no document is kept and no node is dated, which
    /// `build_filtered` takes without looking (see there); with metadata,
    /// the documents some node has are kept and dated.
    #[test]
    fn documents_kept_are_those_of_some_node() {
        let add = |b: &mut GraphBuilder, doc: &str| {
            b.add_mentions("a", doc, 1, ["A"], str::to_string, || {
                Node::new("a", "A", EntityType::Person)
            });
        };
        let mut bare = GraphBuilder::new();
        add(&mut bare, "d1");
        let g = bare.build();
        assert!(g.documents().is_empty());
        assert_eq!(g.node("a").unwrap().seen, None);

        let mut dated = GraphBuilder::new();
        let meta = |date: &str| Meta {
            date: Some(date.to_string()),
            ..Meta::default()
        };
        dated.add_document("d1", &meta("2020-01-02"));
        dated.add_document("d2", &meta("2020-01-01"));
        dated.add_document("unused", &meta("2019-01-01"));
        add(&mut dated, "d1");
        add(&mut dated, "d2");
        let g = dated.build();
        assert_eq!(g.documents().keys().collect::<Vec<_>>(), ["d1", "d2"]);
        assert_eq!(
            g.node("a").unwrap().seen,
            Some(("2020-01-01".to_string(), "2020-01-02".to_string()))
        );
    }

    /// The aliases, mentions and documents `add_mentions` leaves are those
    /// the plain version (every alias not the one before looked up in the
    /// node's set, every count added to the node, every document put in its
    /// set) leaves: aliases repeated and alternating, with runs of spaces,
    /// empty and long, documents given again after others (new numbers),
    /// and nodes merged in between with aliases (not collapsed), mentions
    /// and documents of their own.
    #[test]
    fn add_mentions_is_the_plain_version() {
        use proptest::prelude::*;
        let aliases: Vec<String> = [
            "A",
            "A B",
            "A  B",
            " A",
            "",
            "Bee",
            "an alias of 23 bytes ok",
            "an alias of 24 bytes, ok",
            "an alias  of 24 bytes ok",
        ]
        .iter()
        .map(|a| a.to_string())
        .chain(["x".repeat(255), "x".repeat(256)])
        .collect();
        let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let call = (
            0..3usize,
            0..4usize,
            0..3u64,
            proptest::collection::vec(0..aliases.len(), 0..4),
            proptest::bool::weighted(0.15),
        );
        let mut runner = proptest::test_runner::TestRunner::default();
        runner
            .run(&proptest::collection::vec(call, 0..40), |calls| {
                let mut b = GraphBuilder::new();
                // id -> (aliases, mentions, documents), as the plain version keeps them
                let mut want: BTreeMap<String, (BTreeSet<String>, u64, BTreeSet<String>)> =
                    BTreeMap::new();
                for (id, doc, count, which, merge) in calls {
                    let id = format!("n{id}");
                    let doc = format!("d{doc}");
                    let w = want.entry(id.clone()).or_default();
                    let given: Vec<&str> = which.iter().map(|&i| aliases[i].as_str()).collect();
                    if merge {
                        let mut node = Node::new(&id, &id, EntityType::Person);
                        node.aliases_seen
                            .extend(given.iter().map(|a| a.to_string()));
                        node.mentions = count;
                        node.documents.insert(doc.clone());
                        w.0.extend(given.iter().map(|a| a.to_string()));
                        b.add_node(node);
                    } else {
                        b.add_mentions(&id, &doc, count, given.iter().copied(), collapse, || {
                            Node::new(&id, &id, EntityType::Person)
                        });
                        let mut previous = None;
                        for &a in &given {
                            if previous != Some(a) && !w.0.contains(a) {
                                w.0.insert(collapse(a));
                            }
                            previous = Some(a);
                        }
                    }
                    w.1 += count;
                    w.2.insert(doc);
                }
                let got = |nodes: Vec<&Node>| -> BTreeMap<_, _> {
                    nodes
                        .into_iter()
                        .map(|n| {
                            let v = (n.aliases_seen.clone(), n.mentions, n.documents.clone());
                            (n.id.clone(), v)
                        })
                        .collect()
                };
                let partial = b.to_partial(None);
                prop_assert_eq!(&got(partial.nodes.iter().collect()), &want);
                let built = b.build();
                prop_assert_eq!(&got(built.nodes().collect()), &want);
                Ok(())
            })
            .unwrap();
    }

    /// A slot of the builder's map (the id and a `Building`) is one cache
    /// line, as `Building`'s doc says.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_slot_is_one_cache_line() {
        assert_eq!(std::mem::size_of::<(String, Building)>(), 64);
    }

    /// A corpus read twice, its ids not in the set's order ("r/16" after
    /// "r/4"): the list is settled whenever it outgrows the set by
    /// `SETTLE_AFTER`, so it never holds more, and the node ends with each
    /// document once.
    #[test]
    fn a_long_list_is_settled_and_repeats_drop_out() {
        let ids: Vec<String> = (1..=500).map(|i| format!("r/{i}")).collect();
        let mut b = Building::new(Node::new("n", "n", EntityType::Person));
        let mut settled = 0;
        for (number, doc) in (1..).zip(ids.iter().chain(&ids)) {
            let before = b.node.documents.len();
            b.add_document(doc, number);
            b.add_document(doc, number);
            assert!(b.later_documents.len() <= b.node.documents.len() + Building::SETTLE_AFTER);
            settled += usize::from(b.node.documents.len() != before);
        }
        // (at 65 listed, then 130 against 65, 260 against 195, 520 against 455)
        assert_eq!(settled, 4);
        let mut want = ids.clone();
        want.sort();
        assert_eq!(b.to_node().documents.into_iter().collect::<Vec<_>>(), want);
        assert_eq!(
            b.into_node().documents.into_iter().collect::<Vec<_>>(),
            want
        );
    }
}
