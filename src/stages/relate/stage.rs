//! The relate stage: the relation rules read over the sentences, each
//! candidate edge accepted or rejected by [`accept`](super::accept).

use std::sync::Arc;

use super::{Explanation, PlaceIndex, RuleSet};
use crate::analysis::{Analysis, Scratch, Stage};
use crate::document::Document;
use crate::gazetteer::{EntityIdx, Gazetteer};

/// The relate stage: a rule set and the gazetteer names it needs, indexed once.
pub struct Relate {
    gazetteer: Arc<Gazetteer>,
    rules: Arc<RuleSet>,
    places: PlaceIndex,
}

impl Relate {
    /// The stage for `rules` over `gazetteer` (the one the mentions were tagged with).
    pub fn new(gazetteer: Arc<Gazetteer>, rules: Arc<RuleSet>) -> Relate {
        let places = PlaceIndex::new(&gazetteer);
        Relate {
            gazetteer,
            rules,
            places,
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
        let (mut relations, exhausted) = self.rules.apply_counted(
            doc,
            &a.sentences,
            &a.mentions,
            &self.gazetteer,
            &self.places,
        );
        // Ends that came through coreference carry their chain in the evidence.
        a.add_chains(&mut relations);
        a.relations = relations;
        a.exhausted_searches = exhausted;
    }
}
