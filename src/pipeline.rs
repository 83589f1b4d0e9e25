//! The pipeline: [`PipelineBuilder`] builds the stages once;
//! [`Pipeline::extract`] runs them over one document and returns its
//! [`Analysis`]; [`Pipeline::add_to_graph`] folds it into a graph.
//!
//! ```
//! use kgx::gazetteer::Gazetteer;
//! use kgx::pipeline::PipelineBuilder;
//! use kgx::Document;
//! let gaz = Gazetteer::from_toml_str("g.toml", r#"
//! [[entity]]
//! type = "Country"
//! name = "Turkey"
//! demonyms = ["Turkish"]
//! "#).unwrap();
//! let pipeline = PipelineBuilder::new(gaz).tokens(true).build();
//! let doc = Document::new("d1", "Turkish forces entered. Turkey said so.");
//! let a = pipeline.extract(&doc);
//! assert_eq!(a.sentences.len(), 2);
//! assert_eq!(a.mentions.len(), 2);
//! assert_eq!(a.tokens.len(), 8);
//! assert_eq!(a.mentions[1].tokens, 4..5);
//! let mut graph = kgx::graph::GraphBuilder::new();
//! pipeline.add_to_graph(&doc, &a, &mut graph, false);
//! assert_eq!(graph.build().node("turkey").unwrap().mentions, 2);
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::analysis::{Analysis, Scratch, Stage};
use crate::document::Document;
use crate::frames::FrameReader;
use crate::gazetteer::{EntityIdx, Gazetteer};
use crate::graph::{EdgeData, GraphBuilder, Node, COOCCURRENCE};
use crate::stages::relate::{Explanation, Relate, RuleSet};
use crate::stages::resolve::Resolve;
use crate::stages::syntax::{Select, SyntaxStage};
use crate::stages::tag::Tagger;
use crate::syntax::Syntax;

pub use crate::stages::relate::MAX_SENTENCE_BYTES;

/// The analysis of one document, under its former name.
pub type Extraction = Analysis;

/// What a pipeline is built from. Everything that can fail (reading and
/// checking the gazetteer and the rules) is done before: building cannot fail.
pub struct PipelineBuilder {
    gazetteer: Gazetteer,
    rules: Option<RuleSet>,
    frames: Option<FrameReader>,
    tokens: bool,
    syntax: Option<(Arc<Syntax>, bool)>,
}

impl PipelineBuilder {
    /// A pipeline over `gazetteer` that finds and resolves entities.
    pub fn new(gazetteer: Gazetteer) -> PipelineBuilder {
        PipelineBuilder {
            gazetteer,
            rules: None,
            frames: None,
            tokens: false,
            syntax: None,
        }
    }

    /// Also tag and parse sentences with `syntax`: every sentence with
    /// `all`, else only the candidates (two mentions, or one mention and a
    /// trigger word of the rules; see [`crate::stages::syntax`]).
    pub fn syntax(mut self, syntax: Arc<Syntax>, all: bool) -> PipelineBuilder {
        self.syntax = Some((syntax, all));
        self
    }

    /// Make the token layer even if no stage reads it (for a caller that does).
    pub fn tokens(mut self, yes: bool) -> PipelineBuilder {
        self.tokens = yes;
        self
    }

    /// Also read relations with `rules`.
    pub fn rules(mut self, rules: RuleSet) -> PipelineBuilder {
        self.rules = Some(rules);
        self
    }

    /// Also read relations with frames over a parse (with the rules: their
    /// relation vocabulary and accept chain; see [`crate::frames`]).
    pub fn frames(mut self, frames: FrameReader) -> PipelineBuilder {
        self.frames = Some(frames);
        self
    }

    /// Compile the stages, in the order they run. A new stage is one line here.
    pub fn build(self) -> Pipeline {
        let gazetteer = Arc::new(self.gazetteer);
        let rules = self.rules.map(Arc::new);
        let tagger = Arc::new(Tagger::new(&gazetteer));
        let mut stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Arc::clone(&tagger)),
            Box::new(Resolve::new(Arc::clone(&gazetteer))),
        ];
        if let Some((syntax, all)) = self.syntax {
            let select = if all {
                Select::All
            } else {
                let triggers = rules
                    .as_ref()
                    .map(|r| r.trigger_words())
                    .unwrap_or_default();
                Select::Candidates {
                    triggers: triggers.into_iter().collect(),
                }
            };
            stages.push(Box::new(SyntaxStage::new(syntax, select)));
        }
        let frames = self.frames;
        let relate = rules.as_ref().map(|r| {
            let relate = Relate::new(Arc::clone(&gazetteer), Arc::clone(r));
            Arc::new(match frames {
                Some(f) => relate.with_frames(f),
                None => relate,
            })
        });
        if let Some(relate) = &relate {
            stages.push(Box::new(Arc::clone(relate)));
        }
        let tokens = self.tokens || stages.iter().any(|s| s.uses_tokens());
        Pipeline {
            gazetteer,
            tagger,
            rules,
            relate,
            stages,
            tokens,
        }
    }
}

/// The stages, built once and shared across threads.
pub struct Pipeline {
    gazetteer: Arc<Gazetteer>,
    tagger: Arc<Tagger>,
    rules: Option<Arc<RuleSet>>,
    relate: Option<Arc<Relate>>,
    stages: Vec<Box<dyn Stage>>,
    /// Whether the token layer is made.
    tokens: bool,
}

impl Pipeline {
    /// A pipeline that finds entities only (`PipelineBuilder::new(gazetteer).build()`).
    pub fn new(gazetteer: Gazetteer) -> Pipeline {
        PipelineBuilder::new(gazetteer).build()
    }

    /// A pipeline that also reads relations with `rules`.
    pub fn with_rules(gazetteer: Gazetteer, rules: RuleSet) -> Pipeline {
        PipelineBuilder::new(gazetteer).rules(rules).build()
    }

    /// The relation rules, if any.
    pub fn rules(&self) -> Option<&RuleSet> {
        self.rules.as_deref()
    }

    /// The gazetteer the stages were built over.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The compiled tagger (for tagging without resolving, as the benchmark does).
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// Why (or why not) `subject relation object` holds in the analysed
    /// document, judged by the same checks as extraction (empty without rules).
    pub fn explain(
        &self,
        doc: &Document,
        a: &Analysis,
        subject: EntityIdx,
        relation: &str,
        object: EntityIdx,
    ) -> Vec<Explanation> {
        match &self.relate {
            Some(r) => r.explain(doc, a, subject, relation, object),
            None => Vec::new(),
        }
    }

    /// Why (or why not) the frames read `subject relation object`, per
    /// parsed sentence that mentions both (empty without frames).
    pub fn explain_frames(
        &self,
        doc: &Document,
        a: &Analysis,
        subject: EntityIdx,
        relation: &str,
        object: EntityIdx,
    ) -> Vec<(usize, String)> {
        match &self.relate {
            Some(r) => r.explain_frames(doc, a, subject, relation, object),
            None => Vec::new(),
        }
    }

    /// The frame reader, if the pipeline reads frames.
    pub fn frames(&self) -> Option<&FrameReader> {
        self.relate.as_ref().and_then(|r| r.frames())
    }

    /// The names of the stages, in the order they run.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Analyse one document (with scratch space of its own; a worker that
    /// reads many documents keeps one [`Scratch`] and calls
    /// [`Pipeline::extract_with`]).
    pub fn extract(&self, doc: &Document) -> Analysis {
        self.extract_with(doc, &mut Scratch::new())
    }

    /// Analyse one document: the text layers, then every stage in order.
    pub fn extract_with(&self, doc: &Document, scratch: &mut Scratch) -> Analysis {
        let mut a = Analysis::new(doc, self.tokens);
        for stage in &self.stages {
            stage.run(doc, &mut a, scratch);
        }
        a
    }

    /// Add a document's entities (and, with `cooccurrence`, same-sentence pairs) to a graph.
    pub fn add_to_graph(
        &self,
        doc: &Document,
        ex: &Analysis,
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
                    .filter(|m| s.contains(m.span))
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

/// `s` with every whitespace run turned into one space.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
