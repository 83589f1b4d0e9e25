//! The relate stage: the relation rules read over the sentences, each
//! candidate edge accepted or rejected by [`accept`](super::accept).

use std::sync::Arc;

use super::{Explanation, NameIndex, RuleSet};
use crate::analysis::{Analysis, Scratch, Stage};
use crate::analysis::{Evidence, MentionKind, Relation};
use crate::document::Document;
use crate::frames::FrameReader;
use crate::gazetteer::{EntityIdx, Gazetteer};
use crate::stages::coref::events::EventParties;

/// The relate stage: a rule set and the gazetteer names it needs, indexed
/// once, and optionally frames read over a parse (a second source of
/// candidates, judged by the same end checks).
pub struct Relate {
    gazetteer: Arc<Gazetteer>,
    rules: Arc<RuleSet>,
    places: NameIndex,
    frames: Option<FrameReader>,
    parties: Option<Arc<EventParties>>,
}

impl Relate {
    /// The stage for `rules` over `gazetteer` (the one the mentions were tagged with).
    pub fn new(gazetteer: Arc<Gazetteer>, rules: Arc<RuleSet>) -> Relate {
        let places = NameIndex::new(&gazetteer);
        Relate {
            gazetteer,
            rules,
            places,
            frames: None,
            parties: None,
        }
    }

    /// Read `attends` from the parties an event's own name names ("the
    /// U.S.-Taliban agreement": the United States and the Taliban), rule
    /// `name:parties` (see [`EventParties::named_in`]), and `brokered` from
    /// the brokers it names ("the U.N.-brokered truce"), rule `name:broker`
    /// (see [`EventParties::brokers_in`]).
    pub fn with_event_parties(mut self, parties: Arc<EventParties>) -> Relate {
        self.parties = Some(parties);
        self
    }

    /// The `attends` edges of the parties and the `brokered` edges of the
    /// brokers named inside event mentions, through the accept chain's end
    /// checks. With `new_from` (see [`Relate::run_new_ends`]), only those of
    /// an event of entity index `new_from` or more: the parties and brokers
    /// are gazetteer names, and the end checks give an end of a gazetteer
    /// entity for one, so an edge of another event has no new end.
    fn party_edges(&self, doc: &Document, a: &Analysis, new_from: Option<usize>) -> Vec<Relation> {
        let Some(parties) = &self.parties else {
            return Vec::new();
        };
        let gaz = &*self.gazetteer;
        let mut out = Vec::new();
        for m in &a.mentions {
            let Some(event) = m.entity else { continue };
            if new_from.is_some_and(|base| event.index() < base) {
                continue;
            }
            if !matches!(
                m.kind,
                MentionKind::Name | MentionKind::Alias | MentionKind::Reference
            ) {
                continue;
            }
            let span = (m.span.start, m.span.end);
            let Some(sentence) = a.sentence_at(m.span.start) else {
                continue;
            };
            // (A reference names its brokers, not its parties: "the
            // U.N.-brokered truce" may be the user's reference of the truce.)
            let names_parties = (m.kind != MentionKind::Reference).then_some(gaz);
            let (named, brokers) =
                parties.parties_and_brokers(names_parties, &doc.text, span, event);
            let edges = (named.into_iter().map(|p| ("attends", "name:parties", p)))
                .chain(brokers.into_iter().map(|p| ("brokered", "name:broker", p)));
            for (relation, rule, (actor, aspan)) in edges {
                let checked = self.rules.check_frame_ends(
                    doc,
                    gaz,
                    relation,
                    (Some(actor), aspan),
                    (Some(event), span),
                );
                if let Ok((s, o)) = checked {
                    let evidence = Evidence::new(
                        &doc.id,
                        sentence,
                        a.sentences[sentence].of(&doc.text),
                        rule,
                        aspan,
                        span,
                    );
                    out.push(Relation::new(s, relation, o, evidence));
                }
            }
        }
        out
    }

    /// Read with `frames` too.
    pub fn with_frames(mut self, frames: FrameReader) -> Relate {
        self.frames = Some(frames);
        self
    }

    /// The frame reader, if any.
    pub fn frames(&self) -> Option<&FrameReader> {
        self.frames.as_ref()
    }

    /// Why (or why not) the frames read `subject relation object`, per parsed
    /// sentence that mentions both (empty without frames).
    pub fn explain_frames(
        &self,
        doc: &Document,
        a: &Analysis,
        subject: EntityIdx,
        relation: &str,
        object: EntityIdx,
    ) -> Vec<(usize, String)> {
        match &self.frames {
            Some(f) => f.explain(
                &self.rules,
                doc,
                a,
                &self.gazetteer,
                &self.places,
                subject,
                relation,
                object,
            ),
            None => Vec::new(),
        }
    }

    /// Why (or why not) `subject relation object` holds in the analysed
    /// document, judged as [`Stage::run`] judges it (see [`RuleSet::explain`]).
    pub fn explain(
        &self,
        doc: &Document,
        a: &Analysis,
        subject: EntityIdx,
        relation: &str,
        object: EntityIdx,
    ) -> Vec<Explanation> {
        let mut out = self.rules.explain_with(
            doc,
            &a.sentences,
            &a.mentions,
            &self.gazetteer,
            &self.places,
            subject,
            relation,
            object,
        );
        // The chains of ends that came through coreference, as `extract` records them.
        for e in &mut out {
            if let super::Outcome::Fired { evidence, .. } = &mut e.outcome {
                evidence.subject_chain = a.chain_spans(evidence.subject_span);
                evidence.object_chain = a.chain_spans(evidence.object_span);
                e.chains = [&evidence.subject_chain, &evidence.object_chain].map(|c| {
                    c.iter()
                        .map(|&(s, t)| doc.text.get(s..t).unwrap_or("").to_string())
                        .collect()
                });
            }
        }
        out
    }
}

impl Stage for Relate {
    fn name(&self) -> &'static str {
        "relate"
    }

    fn run(&self, doc: &Document, a: &mut Analysis, _: &mut Scratch) {
        self.run_new_ends(doc, a, None);
    }

    fn uses_tokens(&self) -> bool {
        self.frames.is_some()
    }

    /// The frames read only sentences with a mention ([`FrameReader::wants`]).
    fn needs_tokens(&self, a: &Analysis) -> bool {
        self.frames.is_some() && !a.mentions.is_empty()
    }

    /// The frames read the tokens of sentences with a mention only (every
    /// test of [`FrameReader::parse`] and the views of the parsed
    /// sentences): from the first sentence a mention can touch
    /// ([`Analysis::first_mentioned_sentence`]; a mention coreference adds
    /// lies in the layer, as [`crate::stages::syntax`]'s `tokens_from` says).
    fn tokens_from(&self, _text: &str, a: &Analysis) -> usize {
        a.first_mentioned_sentence().unwrap_or(0)
    }
}

impl Relate {
    /// [`Stage::run`]; with `new_from`, the relation rules are read only
    /// for the relations with an end of entity index `new_from` or more
    /// (`RuleSet::candidates_new_ends` says how): the others of the rules
    /// may be missing. Discovery's second run of this stage keeps
    /// no other ([`crate::stages::discover::WithDiscovered`]).
    pub fn run_new_ends(&self, doc: &Document, a: &mut Analysis, new_from: Option<usize>) {
        // A capital that stands for its state by its place in the sentence is
        // that state for the rules and the frames alike, and in the tagger's
        // layer (`kgx tag`): decided first, once.
        if let Some(frames) = &self.frames {
            frames.parse(doc, a, &self.gazetteer);
            let in_context = frames.context_metonyms(doc, a, &self.gazetteer, &self.places);
            set_metonyms(a, in_context);
        }
        let (relations, exhausted) = self.rules.apply_new_ends(
            doc,
            &a.sentences,
            &a.mentions,
            &self.gazetteer,
            &self.places,
            new_from,
        );
        a.relations = relations;
        a.exhausted_searches = exhausted;
        if let Some(frames) = &self.frames {
            let (edges, metonyms) =
                frames.relations(&self.rules, doc, a, &self.gazetteer, &self.places);
            // The tagger's layer agrees with the graph: a capital an edge reads
            // as an actor is that actor.
            set_metonyms(a, metonyms);
            // A frame edge the rules (or another frame) already read from the
            // same sentence adds nothing.
            add_new_edges(a, edges);
        }
        // An event's name that names its parties ("the U.S.-Taliban agreement").
        let named = self.party_edges(doc, a, new_from);
        if !named.is_empty() {
            add_new_edges(a, named);
        }
        // Ends that came through coreference carry their chain in the
        // evidence (frame edges too); a set phrase's edges fan out to its members.
        let mut relations = std::mem::take(&mut a.relations);
        a.add_chains(&mut relations);
        a.relations = relations;
        crate::stages::coref::fan_out_sets(a);
    }
}

/// Add the `edges` that no relation of `a` (or an edge added before them)
/// already gives in the same sentence with the same ends, then put the
/// relations in the order of their evidence (sentence, spans, relation, rule).
fn add_new_edges(a: &mut Analysis, edges: Vec<Relation>) {
    let mut have: std::collections::HashSet<(usize, EntityIdx, String, EntityIdx)> = a
        .relations
        .iter()
        .map(|r| (r.evidence.sentence, r.subject, r.relation.clone(), r.object))
        .collect();
    for r in edges {
        if have.insert((r.evidence.sentence, r.subject, r.relation.clone(), r.object)) {
            a.relations.push(r);
        }
    }
    fn evidence_order(r: &Relation) -> (usize, (usize, usize), &str, (usize, usize), &str) {
        let e = &r.evidence;
        (
            e.sentence,
            e.subject_span,
            &r.relation,
            e.object_span,
            &e.rule,
        )
    }
    a.relations
        .sort_by(|x, y| evidence_order(x).cmp(&evidence_order(y)));
}

/// Make each mention `i` of `metonyms` a metonym of its actor.
fn set_metonyms(a: &mut Analysis, metonyms: Vec<(usize, EntityIdx)>) {
    for (i, actor) in metonyms {
        if let Some(m) = a.mentions.get_mut(i) {
            m.entity = Some(actor);
            m.kind = crate::analysis::MentionKind::Metonym;
        }
    }
}
