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
//! let ev = Evidence { doc: "doc1".into(), sentence: 0, text: "Russia brokered the Astana talks.".into(),
//!     subject_span: (0, 6), object_span: (20, 32), trigger_span: Some((7, 15)), rule: "brokered-active".into() };
//! b.add_edge("russia", "brokered", "astana-talks", EdgeData::from_evidence(ev, None, None));
//! let g = b.build();
//! assert_eq!(g.node_count(), 2);
//! let (s, o, e) = g.edges().next().unwrap();
//! assert_eq!((s.id.as_str(), e.relation.as_str(), o.id.as_str(), e.weight), ("russia", "brokered", "astana-talks", 1));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityType;

/// The relation name of same-sentence co-occurrence edges (`--cooccurrence`).
pub const COOCCURRENCE: &str = "co_occurs";

/// One entity in the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
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
        }
    }

    /// Builder-style: record `count` mentions in `doc`.
    pub fn with_mentions(mut self, doc: &str, count: u64) -> Node {
        self.mentions += count;
        self.documents.insert(doc.to_string());
        self
    }

    fn merge(&mut self, other: Node) {
        self.mentions += other.mentions;
        self.documents.extend(other.documents);
        self.aliases_seen.extend(other.aliases_seen);
        if self.subtype.is_none() {
            self.subtype = other.subtype;
        }
        for (k, v) in other.attributes {
            self.attributes.entry(k).or_insert(v);
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
        self.count += other.count;
    }
}

/// One merged edge as laid out in the graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    pub relation: String,
    /// Number of distinct evidence sentences (or the co-occurrence count); always > 0.
    pub weight: u64,
    /// Documents with evidence, sorted.
    pub documents: BTreeSet<String>,
    #[serde(flatten)]
    pub data: EdgeData,
}

/// One edge of a [`Partial`]: its ends and relation, then its data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialEdge {
    pub subject: String,
    pub relation: String,
    pub object: String,
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
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub edges: Vec<PartialEdge>,
}

/// Collects and merges nodes and edges; see the module docs.
#[derive(Clone, Debug, Default)]
pub struct GraphBuilder {
    nodes: BTreeMap<String, Node>,
    edges: BTreeMap<(String, String, String), EdgeData>,
}

impl GraphBuilder {
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    /// Add or merge a node.
    pub fn add_node(&mut self, node: Node) {
        match self.nodes.get_mut(&node.id) {
            Some(n) => n.merge(node),
            None => {
                self.nodes.insert(node.id.clone(), node);
            }
        }
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
        let n = match self.nodes.get_mut(id) {
            Some(n) => n,
            None => self.nodes.entry(id.to_string()).or_insert_with(node),
        };
        n.mentions += count;
        if !n.documents.contains(doc) {
            n.documents.insert(doc.to_string());
        }
        for a in aliases {
            if !n.aliases_seen.contains(a) {
                n.aliases_seen.insert(collapse(a));
            }
        }
    }

    /// Add the node `id` (made by `node`) if the graph has none of that id.
    pub fn ensure_node(&mut self, id: &str, node: impl FnOnce() -> Node) {
        if !self.nodes.contains_key(id) {
            self.nodes.insert(id.to_string(), node());
        }
    }

    /// Add or merge an edge. Both ends should be added as nodes too.
    pub fn add_edge(&mut self, subject: &str, relation: &str, object: &str, data: EdgeData) {
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

    /// This builder's nodes and edges as a [`Partial`] (sorted, so it is deterministic).
    pub fn to_partial(&self, doc: Option<&str>) -> Partial {
        Partial {
            doc: doc.map(str::to_string),
            nodes: self.nodes.values().cloned().collect(),
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
    }

    /// Whether nothing has been added.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty()
    }

    /// Fold another builder into this one (associative, commutative).
    pub fn merge(&mut self, other: GraphBuilder) {
        for (_, n) in other.nodes {
            self.add_node(n);
        }
        for ((s, r, o), d) in other.edges {
            self.add_edge(&s, &r, &o, d);
        }
    }

    /// Lay the graph out: nodes sorted by id, edges by (subject, relation, object).
    /// Edges whose ends are not nodes, or whose weight would be 0, are dropped.
    pub fn build(self) -> KnowledgeGraph {
        let mut graph = DiGraph::with_capacity(self.nodes.len(), self.edges.len());
        let mut index = IndexMap::with_capacity(self.nodes.len());
        for (id, node) in self.nodes {
            let ix = graph.add_node(node);
            index.insert(id, ix);
        }
        for ((s, relation, o), data) in self.edges {
            let (Some(&si), Some(&oi)) = (index.get(&s), index.get(&o)) else {
                continue;
            };
            let sentences: BTreeSet<(&str, usize)> = data
                .evidence
                .iter()
                .map(|e| (e.doc.as_str(), e.sentence))
                .collect();
            let weight = sentences.len() as u64 + data.count;
            if weight == 0 {
                continue;
            }
            let documents = data.evidence.iter().map(|e| e.doc.clone()).collect();
            graph.add_edge(
                si,
                oi,
                Edge {
                    relation,
                    weight,
                    documents,
                    data,
                },
            );
        }
        KnowledgeGraph { graph, index }
    }
}

/// The finished graph: a petgraph [`DiGraph`] plus an id → node index map.
#[derive(Clone, Debug, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Edge>,
    index: IndexMap<String, NodeIndex>,
}

impl KnowledgeGraph {
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

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

    /// The id → node index map (in id order).
    pub fn index(&self) -> &IndexMap<String, NodeIndex> {
        &self.index
    }
}
