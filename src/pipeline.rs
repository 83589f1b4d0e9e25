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

use std::sync::Arc;

use crate::analysis::{Analysis, Origin, Scratch, Stage};
use crate::document::Document;
use crate::frames::FrameReader;
use crate::gazetteer::{EntityIdx, Gazetteer};
use crate::graph::{EdgeData, GraphBuilder, Node, COOCCURRENCE};
use crate::stages::coref::events::EventParties;
use crate::stages::coref::lexicon::CorefLexicon;
use crate::stages::coref::Coref;
use crate::stages::demand::Demand;
use crate::stages::discover::{slotted, Discover, Discoverer, NewEntity, WithDiscovered};
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
    coref: Option<CorefLexicon>,
    syntax: Option<(Arc<Syntax>, bool)>,
    demand: bool,
    coreference_everywhere: bool,
    discoverer: Option<Discoverer>,
}

impl PipelineBuilder {
    /// A pipeline over `gazetteer` that finds and resolves entities.
    pub fn new(gazetteer: Gazetteer) -> PipelineBuilder {
        PipelineBuilder {
            gazetteer,
            rules: None,
            frames: None,
            tokens: false,
            coref: Some(CorefLexicon::shipped()),
            syntax: None,
            discoverer: None,
            demand: false,
            coreference_everywhere: false,
        }
    }

    /// Resolve pronouns, descriptions and implied events with `lexicon`
    /// (the coref stage), or not with `None`. On by default, with the
    /// lexicon kgx ships ([`CorefLexicon::shipped`]).
    pub fn coref(mut self, lexicon: Option<CorefLexicon>) -> PipelineBuilder {
        self.coref = lexicon;
        self
    }

    /// Also tag and parse sentences with `syntax`: every sentence with
    /// `all`, else only the candidates: with frames, the sentences they can
    /// read a relation from; without, two mentions, or one mention and a
    /// trigger word of the rules (see [`crate::stages::syntax`]).
    pub fn syntax(mut self, syntax: Arc<Syntax>, all: bool) -> PipelineBuilder {
        self.syntax = Some((syntax, all));
        self
    }

    /// Also find names the gazetteer lacks (the discovery stage, after tagging).
    pub fn discover(mut self, discoverer: Discoverer) -> PipelineBuilder {
        self.discoverer = Some(discoverer);
        self
    }

    /// Run the stages after resolution (coreference, the parse, the frames
    /// and the relation rules) only on documents some relation can come of
    /// ([`crate::stages::demand`]); the others are marked
    /// [settled](Analysis::settled). Their relations, and so the graph, are
    /// the same either way; what differs is that a settled document has no
    /// coreference mentions and no parse. For `kgx extract`, not for the
    /// commands that print those layers (`tag`, `explain`).
    pub fn demand(mut self, yes: bool) -> PipelineBuilder {
        self.demand = yes;
        self
    }

    /// With [`PipelineBuilder::demand`], still run coreference on settled
    /// documents (the parse and the relation stages stay skipped): for a
    /// caller that shows its mentions, such as the HTML report's document
    /// views.
    pub fn coreference_everywhere(mut self, yes: bool) -> PipelineBuilder {
        self.coreference_everywhere = yes;
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
        let known = self.gazetteer.len();
        let rules = self.rules.map(Arc::new);
        let tagger = Arc::new(Tagger::new(&self.gazetteer));
        let discoverer = self.discoverer.map(|d| d.for_gazetteer(&self.gazetteer));
        let discover = discoverer.is_some();
        // With discovery, the relation rules read discovered entities through
        // slots appended to the gazetteer (no copy; see `stages::discover::slotted`).
        let gazetteer = Arc::new(if discover {
            slotted(self.gazetteer)
        } else {
            self.gazetteer
        });
        let mut stages: Vec<Box<dyn Stage>> = vec![Box::new(Arc::clone(&tagger))];
        if let Some(d) = discoverer {
            stages.push(Box::new(Discover::new(d, Arc::clone(&gazetteer))));
        }
        stages.push(Box::new(
            Resolve::new(Arc::clone(&gazetteer)).with_tagger(Arc::clone(&tagger)),
        ));
        // The demand gate sits here: what runs after needs two entities.
        let settle_after = stages.len();
        let demand = self.demand.then(|| Demand::new(&gazetteer));
        let mut runs_when_settled = None;
        // The parties an event's name names take part in it (with coreference's
        // lexicon): read once, shared by coreference and the relate stage.
        let parties = self.coref.as_ref().map(|lexicon| {
            Arc::new(
                EventParties::new(&gazetteer)
                    .with_subtypes(&lexicon.party_events)
                    .with_broker_marks(&lexicon.broker_marks),
            )
        });
        if let (Some(lexicon), Some(parties)) = (self.coref, &parties) {
            let coref = Coref::new(Arc::clone(&gazetteer), lexicon, Arc::clone(parties));
            if self.coreference_everywhere {
                runs_when_settled = Some(stages.len());
            }
            stages.push(Box::new(coref));
        }
        // After coreference: the frames' selection counts the mentions it adds.
        if let Some((syntax, all)) = self.syntax {
            let select = match (&self.frames, all) {
                (_, true) => Select::All,
                (Some(frames), false) => match &rules {
                    Some(rules) => Select::Frames {
                        reader: frames.clone(),
                        rules: Arc::clone(rules),
                        gazetteer: Arc::clone(&gazetteer),
                    },
                    // Frames without rules read nothing (their accept chain is the rules').
                    None => Select::Candidates {
                        triggers: Default::default(),
                    },
                },
                (None, false) => Select::Candidates {
                    triggers: rules
                        .as_ref()
                        .map(|r| r.trigger_words())
                        .unwrap_or_default()
                        .into_iter()
                        .collect(),
                },
            };
            stages.push(Box::new(SyntaxStage::new(syntax, select)));
        }
        let frames = self.frames;
        let relate = rules.as_ref().map(|r| {
            let relate = Relate::new(Arc::clone(&gazetteer), Arc::clone(r));
            let relate = match &parties {
                Some(p) => relate.with_event_parties(Arc::clone(p)),
                None => relate,
            };
            Arc::new(match frames {
                Some(f) => relate.with_frames(f),
                None => relate,
            })
        });
        if let Some(relate) = &relate {
            if discover {
                let relate = WithDiscovered::new(Arc::clone(relate), known);
                stages.push(match &demand {
                    Some(d) => Box::new(relate.with_demand(d.clone())),
                    None => Box::new(relate),
                });
            } else {
                stages.push(Box::new(Arc::clone(relate)));
            }
        }
        let tokens = self.tokens;
        Pipeline {
            gazetteer,
            known,
            tagger,
            rules,
            relate,
            stages,
            tokens,
            demand,
            settle_after,
            runs_when_settled,
        }
    }
}

/// The stages, built once and shared across threads.
pub struct Pipeline {
    /// With discovery, with the slots appended after the first `known` entities.
    gazetteer: Arc<Gazetteer>,
    /// How many entities of `gazetteer` are its own (not discovery's slots).
    known: usize,
    tagger: Arc<Tagger>,
    rules: Option<Arc<RuleSet>>,
    relate: Option<Arc<Relate>>,
    stages: Vec<Box<dyn Stage>>,
    /// Whether the token layer is made for every document, before the
    /// stages (else only where a stage [needs it](Stage::needs_tokens)).
    tokens: bool,
    /// With [`PipelineBuilder::demand`]: the gate, asked after the first
    /// `settle_after` stages (up to resolution).
    demand: Option<Demand>,
    settle_after: usize,
    /// The stage that still runs on settled documents (coreference, with
    /// [`PipelineBuilder::coreference_everywhere`]).
    runs_when_settled: Option<usize>,
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

    /// The gazetteer the stages were built over (with discovery, its own
    /// entities and then discovery's slots, which no text names).
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

    /// Whether a [settled](Analysis::settled) document gets no coreference:
    /// built with [`PipelineBuilder::demand`] and without
    /// [`PipelineBuilder::coreference_everywhere`].
    pub fn skips_coreference_when_settled(&self) -> bool {
        self.demand.is_some() && self.runs_when_settled.is_none()
    }

    /// Analyse one document: the text layers, then every stage in order
    /// (the token layer made before the first stage that needs it, from
    /// the first sentence that stage or a later one using tokens reads:
    /// [`Stage::tokens_from`]).
    pub fn extract_with(&self, doc: &Document, scratch: &mut Scratch) -> Analysis {
        let mut all = self.extract_batch(&[doc], scratch);
        all.pop().expect("one analysis per document")
    }

    /// [`Pipeline::extract_with`] over several documents, stage by stage:
    /// each stage runs on every document before the next one starts, so a
    /// stage's tables (the parser's weights, the rules' automata) stay in the
    /// cache across the batch. Each document's analysis is what it would be
    /// alone: a stage reads only its own document's layers.
    pub fn extract_batch(&self, docs: &[&Document], scratch: &mut Scratch) -> Vec<Analysis> {
        let mut all: Vec<Analysis> = docs
            .iter()
            .map(|doc| match self.tokens {
                true => Analysis::new(doc, true),
                false => Analysis::view_only(doc),
            })
            .collect();
        for (i, stage) in self.stages.iter().enumerate() {
            for (doc, a) in docs.iter().zip(all.iter_mut()) {
                if a.settled && self.runs_when_settled != Some(i) {
                    continue;
                }
                if stage.needs_sentences() {
                    a.make_sentences(&doc.text);
                }
                if !a.has_tokens() && stage.needs_tokens(a) {
                    let later = self.stages[i + 1..].iter().filter(|s| s.uses_tokens());
                    let first = std::iter::once(stage)
                        .chain(later)
                        .map(|s| s.tokens_from(&doc.text, a))
                        .min()
                        .unwrap_or(0);
                    a.make_tokens_from(&doc.text, first);
                }
                stage.run(doc, a, scratch);
                if i + 1 == self.settle_after {
                    a.settled = self
                        .demand
                        .as_ref()
                        .is_some_and(|d| !d.can_yield_relation(a));
                }
            }
        }
        // A document longer than the longest sentence the rules read gets
        // its sentences even where no stage asked for them, so that the
        // summary counts the sentences left unread.
        for (doc, a) in docs.iter().zip(all.iter_mut()) {
            if doc.text.len() > MAX_SENTENCE_BYTES {
                a.make_sentences(&doc.text);
            }
        }
        all
    }

    /// Add a document's entities (and, with `cooccurrence`, same-sentence pairs) to a graph.
    pub fn add_to_graph(
        &self,
        doc: &Document,
        ex: &Analysis,
        graph: &mut GraphBuilder,
        cooccurrence: bool,
    ) {
        // Per entity of the document, in the entities' order: its mentions
        // and how they were written, in text order. (The mentions sorted by
        // entity and then by place, and each entity's run read in place:
        // the order a map from entity to a list of its mentions gave,
        // without the map's nodes and a list per entity.)
        let mut by_entity: Vec<(EntityIdx, u32)> = ex
            .mentions
            .iter()
            .enumerate()
            // A pronoun or description counts neither as a mention nor as an alias.
            .filter(|(_, m)| m.origin != Origin::Coreference)
            .filter_map(|(i, m)| Some((m.entity?, i as u32)))
            .collect();
        by_entity.sort_unstable();
        for run in by_entity.chunk_by(|a, b| a.0 == b.0) {
            let e = run[0].0;
            let id = &self.gazetteer.entity(e).id;
            let texts = run
                .iter()
                .map(|&(_, m)| ex.mentions[m as usize].text(&doc.text));
            graph.add_mentions(
                id,
                &doc.id,
                run.len() as u64,
                texts,
                collapse_spaces,
                || self.node(e),
            );
        }
        // Discovered entities: nodes marked `discovered`, by their provisional ids.
        // (Their mentions grouped by entity once, in text order within each:
        // a stable sort, not one pass over the mentions per entity.)
        let found = &ex.discovered;
        let mut by_entity: Vec<usize> = (0..found.mentions.len()).collect();
        by_entity.sort_by_key(|&m| found.mentions[m].entity);
        let mut rest = &by_entity[..];
        for (i, e) in found.entities.iter().enumerate() {
            // (skipping mentions of an entity before `i`, which has none
            // when every mention names one of `entities`)
            let skip = rest.partition_point(|&m| found.mentions[m].entity < i);
            let run = rest[skip..].partition_point(|&m| found.mentions[m].entity == i);
            let (mine, after) = rest[skip..].split_at(run);
            rest = after;
            let texts = mine.iter().map(|&m| {
                let m = &found.mentions[m];
                &doc.text[m.start..m.end]
            });
            graph.add_mentions(
                &e.id,
                &doc.id,
                mine.len() as u64,
                texts,
                collapse_spaces,
                || discovered_node(e),
            );
        }
        for r in &ex.relations {
            let (Some(s), Some(o)) = (self.end(ex, r.subject), self.end(ex, r.object)) else {
                continue;
            };
            graph.ensure_node(s.id(), || s.node(self));
            graph.ensure_node(o.id(), || o.node(self));
            let data =
                EdgeData::from_evidence(r.evidence.clone(), r.role.clone(), r.modality.clone());
            graph.add_edge(s.id(), &r.relation, o.id(), data);
        }
        if cooccurrence {
            // One walk over the sentences and the mentions (both sorted):
            // linear in the document, not mentions times sentences. Every
            // pair of entities named in one sentence, with that sentence as
            // evidence (the first mention of each as its span).
            let mut next = 0;
            let mut ends: Vec<(&str, (usize, usize))> = Vec::new();
            for (si, s) in ex.sentences_of(&doc.text).iter().enumerate() {
                while ex
                    .mentions
                    .get(next)
                    .is_some_and(|m| m.span.start < s.start)
                {
                    next += 1;
                }
                let first = next;
                while ex.mentions.get(next).is_some_and(|m| m.span.start < s.end) {
                    next += 1;
                }
                // The relation rules' limit: a "sentence" this long is a list
                // or a dump, whose pairs would be quadratic in it.
                if s.len() > MAX_SENTENCE_BYTES {
                    continue;
                }
                ends.clear();
                ends.extend(
                    ex.mentions[first..next]
                        .iter()
                        .filter(|m| s.contains(m.span) && m.origin != Origin::Coreference)
                        .filter_map(|m| m.entity.map(|e| (e, (m.span.start, m.span.end))))
                        .map(|(e, span)| (self.gazetteer.entity(e).id.as_str(), span)),
                );
                ends.sort_unstable();
                ends.dedup_by(|a, b| a.0 == b.0);
                for (i, (a, a_span)) in ends.iter().enumerate() {
                    for (b, b_span) in &ends[i + 1..] {
                        let evidence = crate::graph::Evidence::new(
                            &doc.id,
                            si,
                            s.of(&doc.text),
                            COOCCURRENCE,
                            *a_span,
                            *b_span,
                        );
                        graph.add_edge(
                            a,
                            COOCCURRENCE,
                            b,
                            EdgeData::from_evidence(evidence, None, None),
                        );
                    }
                }
            }
        }
    }

    /// What an end of one of `ex`'s relations stands for: a gazetteer
    /// entity, or (with discovery) a name discovered in that document.
    /// `None` only for an index neither knows.
    pub fn end<'a>(&'a self, ex: &'a Analysis, e: EntityIdx) -> Option<End<'a>> {
        match e.index().checked_sub(self.known) {
            None => Some(End::Known(e, self.gazetteer.entity(e))),
            Some(slot) => ex.discovered.entity_at(slot).map(End::Discovered),
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

/// An end of a relation: a gazetteer entity or a discovered one (see [`Pipeline::end`]).
#[derive(Clone, Copy, Debug)]
pub enum End<'a> {
    /// An entity of the gazetteer.
    Known(EntityIdx, &'a crate::gazetteer::Entity),
    /// A name discovered in the document.
    Discovered(&'a NewEntity),
}

impl End<'_> {
    /// Its id: the gazetteer's, or the provisional id.
    pub fn id(&self) -> &str {
        match self {
            End::Known(_, e) => &e.id,
            End::Discovered(e) => &e.id,
        }
    }

    /// Its type.
    pub fn entity_type(&self) -> crate::gazetteer::EntityType {
        match self {
            End::Known(_, e) => e.entity_type,
            End::Discovered(e) => e.entity_type,
        }
    }

    /// Its graph node, with no mentions yet.
    pub fn node(&self, p: &Pipeline) -> Node {
        match self {
            End::Known(i, _) => p.node(*i),
            End::Discovered(e) => discovered_node(e),
        }
    }
}

/// The graph node of a discovered entity: its provisional id and fullest
/// name, and the attributes `discovered = "true"` and the cue that found it.
pub fn discovered_node(e: &NewEntity) -> Node {
    let mut node = Node::new(&e.id, &e.name, e.entity_type);
    node.subtype = e.subtype.map(str::to_owned);
    node.attributes.insert("discovered".into(), "true".into());
    node.attributes.insert("cue".into(), e.cue.into());
    node
}

/// `s` with every whitespace run turned into one space.
pub fn collapse_spaces(s: &str) -> String {
    // Most surface forms are ASCII words with one space between: already
    // so (no other whitespace, which in ASCII is the bytes 9 to 13, and no
    // space at either end or after another), and copied as they are.
    let b = s.as_bytes();
    let plain = b.first().is_some_and(|&c| c != b' ')
        && b.last().is_some_and(|&c| c != b' ')
        && b.iter().all(|&c| c.is_ascii() && !(9..=13).contains(&c))
        && !b.windows(2).any(|w| w == b"  ");
    if plain {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::collapse_spaces;

    /// The copy taken for a plain form is what collapsing gives.
    #[test]
    fn collapse_spaces_is_splitting_and_joining() {
        for s in [
            "",
            " ",
            "Ban Ki-moon",
            "Ban  Ki-moon",
            " Ban",
            "Ban ",
            "Ban\tKi",
            "Ban\nKi",
            "Ban\u{b}Ki",
            "Ban\u{a0}Ki",
            "Ban\u{2009}Ki",
            "Zoë Ba",
            "A",
            "a b c",
            "\u{1c}x",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_spaces(s), want, "{s:?}");
        }
    }
}
