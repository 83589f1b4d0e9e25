//! The pipeline: one document in, its sentences, resolved mentions and relations out;
//! many documents folded into one graph.
//!
//! ```
//! use kgx::gazetteer::Gazetteer;
//! use kgx::pipeline::Pipeline;
//! use kgx::Document;
//! let gaz = Gazetteer::from_toml_str("g.toml", r#"
//! [[entity]]
//! type = "Country"
//! name = "Turkey"
//! demonyms = ["Turkish"]
//! "#).unwrap();
//! let pipeline = Pipeline::new(gaz);
//! let doc = Document::new("d1", "Turkish forces entered. Turkey said so.");
//! let ex = pipeline.extract(&doc);
//! assert_eq!(ex.sentences.len(), 2);
//! assert_eq!(ex.mentions.len(), 2);
//! let mut graph = kgx::graph::GraphBuilder::new();
//! pipeline.add_to_graph(&doc, &ex, &mut graph, false);
//! assert_eq!(graph.build().node("turkey").unwrap().mentions, 2);
//! ```

use std::collections::BTreeMap;
use std::ops::Range;

use crate::document::Document;
use crate::frames::FrameReader;
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};
use crate::graph::{EdgeData, GraphBuilder, Node, COOCCURRENCE};
use crate::mention::Mention;
use crate::relations::{PlaceIndex, RuleSet};
use crate::resolve::{resolve, ResolveStats};
use crate::tagger::Tagger;
use crate::text::sentences;

/// Sentences longer than this (bytes) are not read by the relation rules.
pub const MAX_SENTENCE_BYTES: usize = 16 * 1024;

/// Everything extracted from one document.
#[derive(Clone, Debug)]
pub struct Extraction {
    pub sentences: Vec<Range<usize>>,
    pub mentions: Vec<Mention>,
    pub stats: ResolveStats,
    /// Typed relations read by the rules (empty until a rule set is given).
    pub relations: Vec<crate::relations::Relation>,
    /// Rule searches that ran out of steps (see [`crate::relations::RuleSet::apply_counted`]).
    pub exhausted_searches: usize,
}

/// A gazetteer compiled for tagging; build once, share across threads.
pub struct Pipeline {
    gazetteer: Gazetteer,
    tagger: Tagger,
    rules: Option<RuleSet>,
    /// The gazetteer's names the rules need, indexed once (with the rules).
    places: Option<PlaceIndex>,
    /// Frames read over a parse, beside the rules (see [`crate::frames`]).
    frames: Option<FrameReader>,
}

impl Pipeline {
    /// A pipeline that finds entities only.
    pub fn new(gazetteer: Gazetteer) -> Pipeline {
        let tagger = Tagger::new(&gazetteer);
        Pipeline {
            gazetteer,
            tagger,
            rules: None,
            places: None,
            frames: None,
        }
    }

    /// A pipeline that also reads relations with `rules`.
    pub fn with_rules(gazetteer: Gazetteer, rules: RuleSet) -> Pipeline {
        let places = PlaceIndex::new(&gazetteer);
        Pipeline {
            rules: Some(rules),
            places: Some(places),
            ..Pipeline::new(gazetteer)
        }
    }

    /// Read relations with frames too (a second source of candidates beside
    /// the rules, checked by the same [`RuleSet::accept`]). Without rules
    /// the frames read nothing.
    pub fn with_frames(mut self, frames: FrameReader) -> Pipeline {
        self.frames = Some(frames);
        self
    }

    /// The frame reader, if any.
    pub fn frames(&self) -> Option<&FrameReader> {
        self.frames.as_ref()
    }

    /// The gazetteer's place and actor index (with the rules).
    pub fn places(&self) -> Option<&PlaceIndex> {
        self.places.as_ref()
    }

    /// The relation rules, if any.
    pub fn rules(&self) -> Option<&RuleSet> {
        self.rules.as_ref()
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The compiled tagger (for tagging without resolving, as the benchmark does).
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// Tag and resolve one document, and read its relations.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let mut mentions = self.tagger.tag(&doc.text);
        let stats = resolve(&self.gazetteer, &doc.text, &mut mentions);
        let sentences = sentences(&doc.text);
        let (mut relations, exhausted_searches) = match (&self.rules, &self.places) {
            (Some(rules), Some(places)) => {
                // A "sentence" longer than any prose sentence (a dump with no
                // full stop) is not read for relations: its tokens would cost
                // memory in proportion to it, and it would be kept as evidence.
                // Emptied in place, so sentence indices stay those of `sentences`.
                let readable: Vec<Range<usize>> = sentences
                    .iter()
                    .map(|r| {
                        if r.len() > MAX_SENTENCE_BYTES {
                            r.start..r.start
                        } else {
                            r.clone()
                        }
                    })
                    .collect();
                rules.apply_counted(doc, &readable, &mentions, &self.gazetteer, places)
            }
            _ => (Vec::new(), 0),
        };
        if let (Some(frames), Some(rules), Some(places)) = (&self.frames, &self.rules, &self.places)
        {
            let readable: Vec<Range<usize>> = sentences
                .iter()
                .map(|r| {
                    if r.len() > MAX_SENTENCE_BYTES {
                        r.start..r.start
                    } else {
                        r.clone()
                    }
                })
                .collect();
            // A frame edge the rules already read from the same sentence adds nothing.
            let have: std::collections::HashSet<(usize, EntityIdx, &str, EntityIdx)> = relations
                .iter()
                .map(|r| {
                    (
                        r.evidence.sentence,
                        r.subject,
                        r.relation.as_str(),
                        r.object,
                    )
                })
                .collect();
            let mut extra: Vec<crate::relations::Relation> = Vec::new();
            let (edges, metonyms) =
                frames.relations(rules, doc, &readable, &mentions, &self.gazetteer, places);
            // The tagger's output agrees with the graph: a capital an edge reads as an actor is that actor.
            for (i, actor) in metonyms {
                if let Some(m) = mentions.get_mut(i) {
                    m.entity = Some(actor);
                    m.kind = crate::mention::MentionKind::Metonym;
                }
            }
            for r in edges {
                let key = (
                    r.evidence.sentence,
                    r.subject,
                    r.relation.as_str(),
                    r.object,
                );
                if !have.contains(&key)
                    && !extra.iter().any(|x| {
                        (
                            x.evidence.sentence,
                            x.subject,
                            x.relation.as_str(),
                            x.object,
                        ) == key
                    })
                {
                    extra.push(r);
                }
            }
            relations.extend(extra);
            relations.sort_by(|a, b| {
                (
                    a.evidence.sentence,
                    a.evidence.subject_span,
                    &a.relation,
                    a.evidence.object_span,
                    &a.evidence.rule,
                )
                    .cmp(&(
                        b.evidence.sentence,
                        b.evidence.subject_span,
                        &b.relation,
                        b.evidence.object_span,
                        &b.evidence.rule,
                    ))
            });
        }
        relations.retain(|r| consistent_with_gazetteer(&self.gazetteer, r));
        Extraction {
            sentences,
            mentions,
            stats,
            relations,
            exhausted_searches,
        }
    }

    /// Add a document's entities (and, with `cooccurrence`, same-sentence pairs) to a graph.
    pub fn add_to_graph(
        &self,
        doc: &Document,
        ex: &Extraction,
        graph: &mut GraphBuilder,
        cooccurrence: bool,
    ) {
        // Per entity of the document: its mentions and how they were written.
        let mut seen: BTreeMap<EntityIdx, (u64, Vec<&str>)> = BTreeMap::new();
        for m in &ex.mentions {
            let Some(e) = m.entity else { continue };
            let (count, texts) = seen.entry(e).or_default();
            *count += 1;
            texts.push(m.text(&doc.text));
        }
        for (e, (count, texts)) in seen {
            let id = &self.gazetteer.entity(e).id;
            graph.add_mentions(id, &doc.id, count, texts, collapse_spaces, || self.node(e));
        }
        for r in &ex.relations {
            let (s, o) = (
                self.gazetteer.entity(r.subject),
                self.gazetteer.entity(r.object),
            );
            graph.ensure_node(&s.id, || self.node(r.subject));
            graph.ensure_node(&o.id, || self.node(r.object));
            let data =
                EdgeData::from_evidence(r.evidence.clone(), r.role.clone(), r.modality.clone());
            graph.add_edge(&s.id, &r.relation, &o.id, data);
        }
        if cooccurrence {
            for s in &ex.sentences {
                let mut ids: Vec<&str> = ex
                    .mentions
                    .iter()
                    .filter(|m| m.start >= s.start && m.end <= s.end)
                    .filter_map(|m| m.entity)
                    .map(|e| self.gazetteer.entity(e).id.as_str())
                    .collect();
                ids.sort();
                ids.dedup();
                for (i, a) in ids.iter().enumerate() {
                    for b in &ids[i + 1..] {
                        graph.add_edge(
                            a,
                            COOCCURRENCE,
                            b,
                            EdgeData {
                                count: 1,
                                ..EdgeData::default()
                            },
                        );
                    }
                }
            }
        }
    }

    /// The graph node of an entity, with no mentions yet.
    pub fn node(&self, e: EntityIdx) -> Node {
        let ent = self.gazetteer.entity(e);
        let mut node = Node::new(&ent.id, &ent.name, ent.entity_type);
        node.subtype = ent.subtype.clone();
        if let Some(q) = &ent.wikidata {
            node.attributes.insert("wikidata".into(), q.clone());
        }
        for (k, v) in &ent.attributes {
            node.attributes.insert(k.clone(), v.clone());
        }
        node
    }
}

/// Whether a relation read from the text agrees with what the gazetteer
/// states as fact. Geography is where a misparse shows ("in Moscow, Poland,
/// East Germany" is a list, not Moscow in Poland): a place the gazetteer puts
/// in one country is not `located_in` another, a continent is in no country,
/// and a country with a known capital has no other `capital_of`.
///
/// ```
/// use kgx::gazetteer::{Entity, EntityType, Gazetteer};
/// use kgx::pipeline::consistent_with_gazetteer;
/// use kgx::relations::Relation;
/// let mut moscow = Entity::new(EntityType::Place, "Moscow");
/// moscow.country = Some("russia".into());
/// let gaz = Gazetteer::from_entities(vec![
///     Entity::new(EntityType::Country, "Russia"), Entity::new(EntityType::Country, "Poland"), moscow,
/// ]).unwrap();
/// let rel = |object: &str| Relation {
///     subject: gaz.get("moscow").unwrap(), relation: "located_in".into(), object: gaz.get(object).unwrap(),
///     role: None, modality: None, evidence: Default::default(),
/// };
/// assert!(consistent_with_gazetteer(&gaz, &rel("russia")));
/// assert!(!consistent_with_gazetteer(&gaz, &rel("poland")));
/// ```
pub fn consistent_with_gazetteer(gaz: &Gazetteer, r: &crate::relations::Relation) -> bool {
    let (s, o) = (gaz.entity(r.subject), gaz.entity(r.object));
    match r.relation.as_str() {
        "located_in" if o.entity_type == EntityType::Country => {
            s.subtype.as_deref() != Some("Continent")
                && s.country.as_deref().is_none_or(|c| c == o.id)
        }
        "capital_of" => {
            o.capital.as_deref().is_none_or(|c| c == s.id)
                && s.country.as_deref().is_none_or(|c| c == o.id)
        }
        _ => true,
    }
}

/// `s` with every whitespace run turned into one space.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
