//! The one place a candidate edge becomes a [`Relation`] or is rejected,
//! for `extract` and `explain` alike (so they cannot disagree).
//!
//! In order, a candidate is rejected when:
//!
//! 1. a blocker (`unless:`) occurs near the match, or the search for
//!    blockers or modality markers ran out of steps;
//! 2. an end is a mention the resolver left without an entity;
//! 3. an end's entity is not of the type its slot or the relation declares;
//! 4. both ends are the same entity (after the relation's `stands_for:`
//!    clause put, say, a ministry's country in its place);
//! 5. the edge contradicts the relation's `where:` clause (what the
//!    gazetteer states: a place it puts in Russia is not `located_in` Poland);
//! 6. the same rule already gave the same edge in the same sentence, further
//!    left (one edge per subject, relation, object, sentence and rule).
//!
//! Before any of this, a sentence longer than [`MAX_SENTENCE_BYTES`] is not
//! read at all ([`readable`]): a dump with no full stop would cost memory in
//! proportion to it and be kept whole as evidence.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;

use super::{Blocked, Candidate, End, Relation, RuleSet};
use crate::analysis::Evidence;
use crate::document::Document;
use crate::gazetteer::{EntityIdx, Gazetteer};
use crate::text::Span;

/// Sentences longer than this (bytes) are not read by the relation rules.
pub const MAX_SENTENCE_BYTES: usize = crate::text::tokens::MAX_TOKENIZED_SENTENCE;

/// The sentences the rules read: those longer than [`MAX_SENTENCE_BYTES`]
/// emptied in place (so sentence indices stay those of the analysis).
pub(crate) fn readable(sentences: &[Span]) -> Cow<'_, [Span]> {
    if sentences.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES) {
        return Cow::Borrowed(sentences);
    }
    Cow::Owned(
        sentences
            .iter()
            .map(|&s| {
                if s.len() > MAX_SENTENCE_BYTES {
                    Span::new(s.start, s.start)
                } else {
                    s
                }
            })
            .collect(),
    )
}

/// Why a candidate edge did not become a relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// A blocker (negation, refusal) was found near the match: its text.
    Blocked(String),
    /// The search for blockers or modality markers ran out of steps, so the
    /// match cannot be known to be unblocked (`"blocker"` or `"modality"`).
    CheckUnfinished(&'static str),
    /// An end is a mention the resolver left unresolved.
    EndUnresolved {
        /// `subject` or `object`.
        end: &'static str,
        /// The mention's text.
        text: String,
    },
    /// An end's entity has the wrong type.
    WrongType {
        /// `subject` or `object`.
        end: &'static str,
        /// The type the slot or the relation asks for.
        expected: String,
        /// The entity's type and id.
        found: String,
    },
    /// Both ends are the same entity.
    SameEntity,
    /// The edge contradicts the relation's `where:` clause.
    Contradicts {
        /// The clause, as written in the rules file.
        constraint: String,
    },
    /// The same rule gave the same edge in the sentence already, further left.
    Repeated,
    /// The edge was given to the entity an end stands for (the relation's
    /// `stands_for:` clause: a ministry's refusal is its country's): that edge.
    StandsFor(String),
    /// A frame names a relation the rules do not declare.
    Undeclared(String),
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Blocked(b) => write!(f, "blocked by negation: \"{b}\" blocks it"),
            Rejection::CheckUnfinished(check) => write!(
                f,
                "dropped: its {check} check ran out of steps, so the match cannot be known to be unblocked"
            ),
            Rejection::EndUnresolved { end, text } => {
                write!(f, "end unresolved: the {end} \"{text}\" was not resolved")
            }
            Rejection::WrongType {
                end,
                expected,
                found,
            } => write!(f, "wrong type: the {end} must be {expected}, found {found}"),
            Rejection::SameEntity => write!(f, "same entity: both ends are one entity"),
            Rejection::Contradicts { constraint } => {
                write!(f, "contradicts the gazetteer: the relation requires {constraint}")
            }
            Rejection::Undeclared(r) => write!(f, "undeclared: the rules declare no relation {r:?}"),
            Rejection::StandsFor(edge) => write!(
                f,
                "given to what it stands for: the relation's stands_for: clause makes it {edge}"
            ),
            Rejection::Repeated => write!(
                f,
                "repeated: the rule gave this edge in this sentence already, further left"
            ),
        }
    }
}

/// An entity's type and id, as a rejection names it.
pub(crate) fn type_name(gaz: &Gazetteer, e: EntityIdx) -> String {
    let ent = gaz.entity(e);
    match &ent.subtype {
        Some(s) => format!("{}/{} ({})", ent.entity_type, s, ent.id),
        None => format!("{} ({})", ent.entity_type, ent.id),
    }
}

/// Judges the candidates of one document, in the order they were found
/// (it remembers the edges already given, for check 6).
#[derive(Debug, Default)]
pub(crate) struct Judge {
    seen: BTreeSet<(EntityIdx, usize, EntityIdx, usize, usize)>,
}

impl Judge {
    /// The relation `c` gives, or why it gives none (see the module doc).
    /// `sentences` are those the candidates were read from.
    pub(crate) fn accept(
        &mut self,
        rules: &RuleSet,
        doc: &Document,
        sentences: &[Span],
        gaz: &Gazetteer,
        c: &Candidate,
    ) -> Result<Relation, Rejection> {
        let r = rules.check(doc, sentences, gaz, c)?;
        let relation = rules.rule(c.rule).relation;
        if self
            .seen
            .insert((r.subject, relation, r.object, c.sentence, c.rule))
        {
            Ok(r)
        } else {
            Err(Rejection::Repeated)
        }
    }
}

impl RuleSet {
    /// Checks 1 to 5 of the module doc.
    fn check(
        &self,
        doc: &Document,
        sentences: &[Span],
        gaz: &Gazetteer,
        c: &Candidate,
    ) -> Result<Relation, Rejection> {
        match &c.blocked {
            Some(Blocked::By(b)) => return Err(Rejection::Blocked(b.clone())),
            Some(Blocked::Unfinished(check)) => return Err(Rejection::CheckUnfinished(check)),
            None => {}
        }
        let rule = self.rule(c.rule);
        let decl = self.declaration_of(c.rule);
        let (s, o) = self.check_ends(doc, gaz, decl, &c.subj, &c.obj)?;
        let text = sentences
            .get(c.sentence)
            .and_then(|r| doc.text.get(r.range()))
            .unwrap_or_default();
        let evidence = Evidence::new(
            &doc.id,
            c.sentence,
            text,
            rule.id.as_str(),
            c.subj.span,
            c.obj.span,
        )
        .with_trigger(c.trigger);
        Ok(Relation::new(s, decl.name.as_str(), o, evidence)
            .with_role(c.role.clone())
            .with_modality(c.modality.clone()))
    }

    /// Checks 2 to 5 of the module doc, on the two ends of a candidate read
    /// by any source (a rule's match, a frame's hit).
    pub(crate) fn check_ends(
        &self,
        doc: &Document,
        gaz: &Gazetteer,
        decl: &super::RelationDecl,
        subj: &End,
        obj: &End,
    ) -> Result<(EntityIdx, EntityIdx), Rejection> {
        let unresolved = |end: &'static str, e: &End| Rejection::EndUnresolved {
            end,
            text: doc
                .text
                .get(e.span.0..e.span.1)
                .unwrap_or_default()
                .to_string(),
        };
        let s = subj.entity.ok_or_else(|| unresolved("subject", subj))?;
        let o = obj.entity.ok_or_else(|| unresolved("object", obj))?;
        for (end, e, idx, want) in [
            ("subject", subj, s, &decl.from),
            ("object", obj, o, &decl.to),
        ] {
            let ent = gaz.entity(idx);
            let expected = match &e.slot_ty {
                Some(t) if !t.accepts(ent) => Some(t.to_string()),
                _ if !want.accepts(ent) => Some(want.to_string()),
                _ => None,
            };
            if let Some(expected) = expected {
                return Err(Rejection::WrongType {
                    end,
                    expected,
                    found: type_name(gaz, idx),
                });
            }
        }
        // "The State Department said it would not come": where the relation
        // declares it, a ministry's edge is its country's (`stands_for:`).
        let (s, o) = match &decl.stands_for {
            Some(sf) => {
                let (s2, o2) = sf.apply(gaz, s, o);
                if decl.from.accepts(gaz.entity(s2)) && decl.to.accepts(gaz.entity(o2)) {
                    (s2, o2)
                } else {
                    (s, o)
                }
            }
            None => (s, o),
        };
        if s == o {
            return Err(Rejection::SameEntity);
        }
        if let Some(w) = &decl.constraint {
            if !w.holds(gaz, s, o) {
                return Err(Rejection::Contradicts {
                    constraint: w.to_string(),
                });
            }
        }
        Ok((s, o))
    }

    /// [`RuleSet::check_ends`] for a frame's hit: `relation` by name, ends
    /// with no slot type of their own.
    pub(crate) fn check_frame_ends(
        &self,
        doc: &Document,
        gaz: &Gazetteer,
        relation: &str,
        subj: (Option<EntityIdx>, (usize, usize)),
        obj: (Option<EntityIdx>, (usize, usize)),
    ) -> Result<(EntityIdx, EntityIdx), Rejection> {
        let decl = self
            .declaration(relation)
            .ok_or_else(|| Rejection::Undeclared(relation.to_string()))?;
        let end = |(entity, span): (Option<EntityIdx>, (usize, usize))| End {
            entity,
            span,
            slot_ty: None,
        };
        self.check_ends(doc, gaz, decl, &end(subj), &end(obj))
    }
}
