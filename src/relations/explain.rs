//! `kgx explain`: the evidence behind an edge, or why there is none, sentence by sentence.

use crate::text::Span;
use std::fmt;

use super::apply::Mode;
use super::{Blocked, Candidate, RuleSet};
use crate::analysis::Mention;
use crate::document::Document;
use crate::gazetteer::{EntityIdx, Gazetteer};
use crate::graph::Evidence;

/// What happened in one sentence for the edge asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A rule fired: the edge holds, with this evidence.
    Fired {
        evidence: Evidence,
        rule_line: usize,
        pattern: String,
        role: Option<String>,
        modality: Option<String>,
    },
    /// Both ends are mentioned but no rule for the relation matched them.
    NoRuleMatched,
    /// A rule matched but a blocker (negation, refusal) was found near it.
    BlockedByNegation { rule: String, blocker: String },
    /// A rule matched but its search for blockers or modality markers ran
    /// out of steps, so the match was dropped.
    CheckUnfinished { rule: String, check: &'static str },
    /// This many rule searches in the document ran out of steps (a rule
    /// match may have been missed, or a check could not finish).
    StepsExhausted(usize),
    /// A rule matched but one end is a mention the resolver left unresolved.
    EndUnresolved {
        rule: String,
        end: &'static str,
        text: String,
    },
    /// A rule matched (or could not) because an end has the wrong type.
    WrongType {
        rule: Option<String>,
        end: &'static str,
        expected: String,
        found: String,
    },
    /// The relation is not declared in the rules.
    UnknownRelation { known: Vec<String> },
    /// No sentence of the document mentions both ends.
    NotMentionedTogether,
}

/// One line of an explanation: a sentence (where there is one) and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub doc: String,
    pub sentence: Option<usize>,
    pub text: String,
    pub outcome: Outcome,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sentence {
            Some(i) => writeln!(f, "{} sentence {}: {}", self.doc, i, self.text.trim())?,
            None => write!(f, "{}: ", self.doc)?,
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
                if let Some(r) = role {
                    write!(f, "\n  role: {r}")?;
                }
                if let Some(m) = modality {
                    write!(f, "\n  modality: {m}")?;
                }
                Ok(())
            }
            Outcome::NoRuleMatched => write!(f, "  no rule matched"),
            Outcome::StepsExhausted(n) => write!(
                f,
                "  {n} rule search(es) in this document ran out of steps; matches may be missing"
            ),
            Outcome::CheckUnfinished { rule, check } => write!(
                f,
                "  dropped: rule {rule} matched but its {check} check ran out of steps, so the match \
                 cannot be known to be unblocked"
            ),
            Outcome::BlockedByNegation { rule, blocker } => {
                write!(
                    f,
                    "  blocked by negation: rule {rule} matched but \"{blocker}\" blocks it"
                )
            }
            Outcome::EndUnresolved { rule, end, text } => {
                write!(f, "  end unresolved: rule {rule} matched but the {end} \"{text}\" was not resolved")
            }
            Outcome::WrongType {
                rule,
                end,
                expected,
                found,
            } => match rule {
                Some(r) => write!(
                    f,
                    "  wrong type: rule {r} needs the {end} to be {expected}, found {found}"
                ),
                None => write!(
                    f,
                    "  wrong type: the relation needs the {end} to be {expected}, found {found}"
                ),
            },
            Outcome::UnknownRelation { known } => {
                write!(f, "unknown relation (declared: {})", known.join(", "))
            }
            Outcome::NotMentionedTogether => write!(f, "no sentence mentions both ends"),
        }
    }
}

fn type_name(gaz: &Gazetteer, e: EntityIdx) -> String {
    let ent = gaz.entity(e);
    match &ent.subtype {
        Some(s) => format!("{}/{} ({})", ent.entity_type, s, ent.id),
        None => format!("{} ({})", ent.entity_type, ent.id),
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn explain(
    rules: &RuleSet,
    doc: &Document,
    sentences: &[Span],
    mentions: &[Mention],
    gaz: &Gazetteer,
    subject: EntityIdx,
    relation: &str,
    object: EntityIdx,
) -> Vec<Explanation> {
    let one = |outcome| Explanation {
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
    let (cands, exhausted) = rules.candidates(
        doc,
        sentences,
        mentions,
        gaz,
        &super::PlaceIndex::new(gaz),
        Mode::Explain { subject, object },
    );
    let cands: Vec<Candidate> = cands
        .into_iter()
        .filter(|c| rules.declaration_of(c.rule).name == relation)
        .collect();
    let could_be =
        |m: &Mention, t: EntityIdx| m.entity == Some(t) || m.senses.iter().any(|s| s.entity == t);
    let mut out = Vec::new();
    for (si, range) in sentences.iter().map(|s| s.range()).enumerate() {
        let range = &range;
        let Some(text) = doc.text.get(range.clone()) else {
            continue;
        };
        let inside: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.span.start >= range.start && m.span.start < range.end)
            .collect();
        let has_s = inside.iter().any(|m| could_be(m, subject));
        let has_o = inside.iter().any(|m| could_be(m, object));
        let here: Vec<&Candidate> = cands
            .iter()
            .filter(|c| {
                c.sentence == si
                    && (c.subj.entity == Some(subject) || c.subj.entity.is_none())
                    && (c.obj.entity == Some(object) || c.obj.entity.is_none())
            })
            .collect();
        if !(has_s && has_o) && here.is_empty() {
            continue;
        }
        let mut outcomes = Vec::new();
        if let Some((end, expected, found)) = &type_problem {
            outcomes.push(Outcome::WrongType {
                rule: None,
                end,
                expected: expected.clone(),
                found: found.clone(),
            });
        }
        let mut fired = Vec::new();
        let mut reasons = Vec::new();
        for c in &here {
            let rule = rules.rule(c.rule);
            let id = rule.id.clone();
            if c.subj.entity.is_none() || c.obj.entity.is_none() {
                let (end, span) = if c.subj.entity.is_none() {
                    ("subject", c.subj.span)
                } else {
                    ("object", c.obj.span)
                };
                let text = doc.text.get(span.0..span.1).unwrap_or_default().to_string();
                reasons.push(Outcome::EndUnresolved {
                    rule: id,
                    end,
                    text,
                });
                continue;
            }
            let wrong = [
                ("subject", &c.subj, &decl.from),
                ("object", &c.obj, &decl.to),
            ]
            .into_iter()
            .find_map(|(end, e, want)| {
                let idx = e.entity?;
                let ent = gaz.entity(idx);
                let slot_ok = e.slot_ty.as_ref().is_none_or(|t| t.accepts(ent));
                let expected = if !slot_ok {
                    e.slot_ty.as_ref()?.to_string()
                } else {
                    want.to_string()
                };
                (!slot_ok || !want.accepts(ent)).then(|| (end, expected, type_name(gaz, idx)))
            });
            if let Some((end, expected, found)) = wrong {
                reasons.push(Outcome::WrongType {
                    rule: Some(id),
                    end,
                    expected,
                    found,
                });
                continue;
            }
            match &c.blocked {
                Some(Blocked::By(b)) => {
                    reasons.push(Outcome::BlockedByNegation {
                        rule: id,
                        blocker: b.clone(),
                    });
                    continue;
                }
                Some(Blocked::Unfinished(check)) => {
                    reasons.push(Outcome::CheckUnfinished { rule: id, check });
                    continue;
                }
                None => {}
            }
            let ev = Evidence {
                doc: doc.id.clone(),
                sentence: si,
                text: text.to_string(),
                subject_span: c.subj.span,
                object_span: c.obj.span,
                trigger_span: c.trigger,
                rule: id,
                subject_chain: Vec::new(),
                object_chain: Vec::new(),
            };
            let o = Outcome::Fired {
                evidence: ev,
                rule_line: rule.line,
                pattern: rule.source.clone(),
                role: c.role.clone(),
                modality: c.modality.clone(),
            };
            if !fired.contains(&o) {
                fired.push(o);
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
