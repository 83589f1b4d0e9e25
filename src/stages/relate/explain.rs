//! `kgx explain`: the evidence behind an edge, or why there is none,
//! sentence by sentence. Every candidate goes through the same
//! [`accept`](super::accept) as in `extract`: explain prints its
//! [`Rejection`]s, so the two cannot disagree.

use std::fmt;

use super::accept::{readable, type_name, Judge, Rejection, MAX_SENTENCE_BYTES};
use super::matcher::Mode;
use super::{Candidate, NameIndex, Relation, RuleSet};
use crate::analysis::Evidence;
use crate::analysis::Mention;
use crate::document::Document;
use crate::gazetteer::{EntityIdx, Gazetteer};
use crate::text::Span;

/// What happened in one sentence for the edge asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A rule fired: the edge holds, with this evidence.
    Fired {
        /// Where the edge was read.
        evidence: Evidence,
        /// The rule's line in the rules file.
        rule_line: usize,
        /// The rule's pattern, as written.
        pattern: String,
        /// Role words on the edge.
        role: Option<String>,
        /// The edge's modality.
        modality: Option<String>,
    },
    /// Both ends are mentioned but no rule for the relation matched them.
    NoRuleMatched,
    /// A rule matched, and the match was rejected (as `extract` rejects it).
    Rejected {
        /// The rule id.
        rule: String,
        /// Why.
        why: Rejection,
    },
    /// The relation's declared types do not admit this subject or object.
    WrongType {
        /// `subject` or `object`.
        end: &'static str,
        /// The declared type.
        expected: String,
        /// The entity's type and id.
        found: String,
    },
    /// The sentence is longer than [`MAX_SENTENCE_BYTES`]: the rules do not read it.
    SentenceTooLong {
        /// Its length in bytes.
        bytes: usize,
    },
    /// This many rule searches in the document ran out of steps (a rule
    /// match may have been missed, or a check could not finish).
    StepsExhausted(usize),
    /// The relation is not declared in the rules.
    UnknownRelation {
        /// The declared relations.
        known: Vec<String>,
    },
    /// No sentence of the document mentions both ends.
    NotMentionedTogether,
}

/// One line of an explanation: a sentence (where there is one) and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The document's id (not printed: the caller prints it once per line).
    pub doc: String,
    /// The sentence's index, where the outcome is about one sentence.
    pub sentence: Option<usize>,
    /// The sentence's text (empty without a sentence).
    pub text: String,
    /// What happened.
    pub outcome: Outcome,
    /// For a fired rule whose ends came through coreference: the texts of
    /// the subject's and the object's antecedents, nearest first (empty
    /// where the end is a name).
    pub chains: [Vec<String>; 2],
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(i) = self.sentence {
            writeln!(f, "sentence {}: {}", i, self.text.trim())?;
        }
        match &self.outcome {
            Outcome::Fired {
                evidence,
                rule_line,
                pattern,
                role,
                modality,
            } => {
                write!(
                    f,
                    "  fired: rule {} (line {}): {}",
                    evidence.rule, rule_line, pattern
                )?;
                write!(
                    f,
                    "\n  subject at {:?}, object at {:?}",
                    evidence.subject_span, evidence.object_span
                )?;
                if let Some(t) = evidence.trigger_span {
                    write!(f, ", trigger at {t:?}")?;
                }
                for (end, spans, texts) in [
                    ("subject", &evidence.subject_chain, &self.chains[0]),
                    ("object", &evidence.object_chain, &self.chains[1]),
                ] {
                    if spans.is_empty() {
                        continue;
                    }
                    write!(f, "\n  {end} through coreference:")?;
                    for (i, span) in spans.iter().enumerate() {
                        let text = texts.get(i).map_or("", String::as_str);
                        write!(f, " -> \"{text}\" at {span:?}")?;
                    }
                }
                if let Some(r) = role {
                    write!(f, "\n  role: {r}")?;
                }
                if let Some(m) = modality {
                    write!(f, "\n  modality: {m}")?;
                }
                Ok(())
            }
            Outcome::NoRuleMatched => write!(f, "  no rule matched"),
            Outcome::Rejected { rule, why } => write!(f, "  rule {rule} matched, rejected: {why}"),
            Outcome::WrongType {
                end,
                expected,
                found,
            } => write!(
                f,
                "  wrong type: the relation needs the {end} to be {expected}, found {found}"
            ),
            Outcome::SentenceTooLong { bytes } => write!(
                f,
                "  not read: the sentence is {bytes} bytes, longer than the rules read ({MAX_SENTENCE_BYTES})"
            ),
            Outcome::StepsExhausted(n) => write!(
                f,
                "{n} rule search(es) in this document ran out of steps; matches may be missing"
            ),
            Outcome::UnknownRelation { known } => {
                write!(f, "unknown relation (declared: {})", known.join(", "))
            }
            Outcome::NotMentionedTogether => write!(f, "no sentence mentions both ends"),
        }
    }
}

/// Why (or why not) `subject relation object` holds in `doc`: see [`RuleSet::explain`].
#[allow(clippy::too_many_arguments)]
pub(crate) fn explain(
    rules: &RuleSet,
    doc: &Document,
    sentences: &[Span],
    mentions: &[Mention],
    gaz: &Gazetteer,
    places: &NameIndex,
    subject: EntityIdx,
    relation: &str,
    object: EntityIdx,
) -> Vec<Explanation> {
    let one = |outcome| Explanation {
        chains: Default::default(),
        doc: doc.id.clone(),
        sentence: None,
        text: String::new(),
        outcome,
    };
    if subject.index() >= gaz.len() || object.index() >= gaz.len() {
        return vec![one(Outcome::NotMentionedTogether)];
    }
    let Some(decl) = rules.declaration(relation) else {
        return vec![one(Outcome::UnknownRelation {
            known: rules.relations().to_vec(),
        })];
    };
    // The relation's own types, checked once.
    let mut type_problem = None;
    if !decl.from.accepts(gaz.entity(subject)) {
        type_problem = Some(("subject", decl.from.to_string(), type_name(gaz, subject)));
    } else if !decl.to.accepts(gaz.entity(object)) {
        type_problem = Some(("object", decl.to.to_string(), type_name(gaz, object)));
    }
    let read = readable(sentences);
    let (cands, exhausted) = rules.candidates(
        doc,
        &read,
        mentions,
        gaz,
        places,
        Mode::Explain { subject, object },
    );
    // Every candidate is judged, in the order found, as `apply` judges it;
    // those of other relations are then set aside.
    let mut judge = Judge::default();
    let cands: Vec<(&Candidate, Result<Relation, Rejection>)> = cands
        .iter()
        .map(|c| (c, judge.accept(rules, doc, &read, gaz, c)))
        .filter(|(c, _)| rules.declaration_of(c.rule).name == relation)
        .collect();
    let could_be =
        |m: &Mention, t: EntityIdx| m.entity == Some(t) || m.senses.iter().any(|s| s.entity == t);
    let mut out = Vec::new();
    for (si, span) in sentences.iter().enumerate() {
        let Some(text) = doc.text.get(span.range()) else {
            continue;
        };
        let inside: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.span.start >= span.start && m.span.start < span.end)
            .collect();
        let has_s = inside.iter().any(|m| could_be(m, subject));
        let has_o = inside.iter().any(|m| could_be(m, object));
        let here: Vec<&(&Candidate, Result<Relation, Rejection>)> = cands
            .iter()
            .filter(|(c, verdict)| {
                // An edge another entity stands in for (`stands_for:`) is
                // about the ends it was given, as `extract` has it.
                let given = matches!(verdict, Ok(r) if r.subject == subject && r.object == object);
                c.sentence == si
                    && (given
                        || (c.subj.entity == Some(subject) || c.subj.entity.is_none())
                            && (c.obj.entity == Some(object) || c.obj.entity.is_none()))
            })
            .collect();
        if !(has_s && has_o) && here.is_empty() {
            continue;
        }
        let mut outcomes = Vec::new();
        if let Some((end, expected, found)) = &type_problem {
            outcomes.push(Outcome::WrongType {
                end,
                expected: expected.clone(),
                found: found.clone(),
            });
        }
        if read[si].len() < span.len() {
            outcomes.push(Outcome::SentenceTooLong { bytes: span.len() });
        }
        let mut fired = Vec::new();
        let mut reasons = Vec::new();
        for (c, verdict) in here {
            let rule = rules.rule(c.rule);
            match verdict {
                Ok(r) if (r.subject, r.object) != (subject, object) => {
                    reasons.push(Outcome::Rejected {
                        rule: rule.id.clone(),
                        why: Rejection::StandsFor(format!(
                            "{} {} {}",
                            gaz.entity(r.subject).id,
                            r.relation,
                            gaz.entity(r.object).id
                        )),
                    });
                }
                Ok(r) => {
                    let o = Outcome::Fired {
                        evidence: r.evidence.clone(),
                        rule_line: rule.line,
                        pattern: rule.source.clone(),
                        role: r.role.clone(),
                        modality: r.modality.clone(),
                    };
                    if !fired.contains(&o) {
                        fired.push(o);
                    }
                }
                Err(why) => reasons.push(Outcome::Rejected {
                    rule: rule.id.clone(),
                    why: why.clone(),
                }),
            }
        }
        if !fired.is_empty() {
            outcomes = fired;
        } else {
            for r in reasons {
                if !outcomes.contains(&r) {
                    outcomes.push(r);
                }
            }
            if outcomes.is_empty() {
                outcomes.push(Outcome::NoRuleMatched);
            }
        }
        for outcome in outcomes {
            out.push(Explanation {
                chains: Default::default(),
                doc: doc.id.clone(),
                sentence: Some(si),
                text: text.to_string(),
                outcome,
            });
        }
    }
    if out.is_empty() {
        out.push(one(Outcome::NotMentionedTogether));
    }
    if exhausted > 0 {
        out.push(one(Outcome::StepsExhausted(exhausted)));
    }
    out
}
