//! The relate stage: the relation rules read over the sentences, each
//! candidate edge accepted or rejected by [`accept`](super::accept).

use std::sync::Arc;

use super::{Explanation, PlaceIndex, RuleSet};
use crate::analysis::{Analysis, Scratch, Stage};
use crate::document::Document;
use crate::frames::FrameReader;
use crate::gazetteer::{EntityIdx, Gazetteer};

/// The relate stage: a rule set and the gazetteer names it needs, indexed
/// once, and optionally frames read over a parse (a second source of
/// candidates, judged by the same end checks).
pub struct Relate {
    gazetteer: Arc<Gazetteer>,
    rules: Arc<RuleSet>,
    places: PlaceIndex,
    frames: Option<FrameReader>,
}

impl Relate {
    /// The stage for `rules` over `gazetteer` (the one the mentions were tagged with).
    pub fn new(gazetteer: Arc<Gazetteer>, rules: Arc<RuleSet>) -> Relate {
        let places = PlaceIndex::new(&gazetteer);
        Relate {
            gazetteer,
            rules,
            places,
            frames: None,
        }
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
        let (relations, exhausted) = self.rules.apply_counted(
            doc,
            &a.sentences,
            &a.mentions,
            &self.gazetteer,
            &self.places,
        );
        a.relations = relations;
        a.exhausted_searches = exhausted;
        if let Some(frames) = &self.frames {
            frames.parse(doc, a, &self.gazetteer);
            let (edges, metonyms) =
                frames.relations(&self.rules, doc, a, &self.gazetteer, &self.places);
            // The tagger's layer agrees with the graph: a capital an edge reads
            // as an actor is that actor.
            let in_context = frames.context_metonyms(doc, a, &self.gazetteer, &self.places);
            for (i, actor) in metonyms.into_iter().chain(in_context) {
                if let Some(m) = a.mentions.get_mut(i) {
                    m.entity = Some(actor);
                    m.kind = crate::analysis::MentionKind::Metonym;
                }
            }
            // A frame edge the rules (or another frame) already read from the
            // same sentence adds nothing.
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
            a.relations.sort_by(|x, y| {
                (
                    x.evidence.sentence,
                    x.evidence.subject_span,
                    &x.relation,
                    x.evidence.object_span,
                    &x.evidence.rule,
                )
                    .cmp(&(
                        y.evidence.sentence,
                        y.evidence.subject_span,
                        &y.relation,
                        y.evidence.object_span,
                        &y.evidence.rule,
                    ))
            });
        }
        // Ends that came through coreference carry their chain in the
        // evidence (frame edges too); a set phrase's edges fan out to its members.
        let mut relations = std::mem::take(&mut a.relations);
        a.add_chains(&mut relations);
        a.relations = relations;
        crate::stages::coref::fan_out_sets(a);
    }

    fn uses_tokens(&self) -> bool {
        self.frames.is_some()
    }

    /// The frames read only sentences with a mention ([`FrameReader::wants`]).
    fn needs_tokens(&self, a: &Analysis) -> bool {
        self.frames.is_some() && !a.mentions.is_empty()
    }
}
