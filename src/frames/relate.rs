//! Frames as a source of relations: a sentence's tokens and mentions made
//! into a [`ParseView`] (parsed on demand, only where a frame could read
//! something), read by the templates, and every hit put through the same
//! [`RuleSet::accept`] the rules go through.

use std::ops::Range;
use std::sync::Arc;

use super::{read, Hit, Lexicon, ParseView, Slot};
use crate::document::Document;
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};
use crate::graph::Evidence;
use crate::mention::{Mention, MentionKind, Sense};
use crate::relations::{PlaceIndex, Rejection, Relation, RuleSet};

/// The parse of one sentence's words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Universal part of speech of each word.
    pub upos: Vec<String>,
    /// Head of each word (word index), `None` for the root.
    pub heads: Vec<Option<usize>>,
    /// Dependency label of each word.
    pub labels: Vec<String>,
}

/// A dependency parser the frames call on one sentence at a time.
pub trait SentenceParser: Send + Sync {
    /// Parse `words` (tokens split the way the parser was trained: punctuation
    /// apart, `'s` apart). The result has one entry per word.
    fn parse(&self, words: &[&str]) -> Parsed;
}

/// One frame hit on entities, before or after [`RuleSet::accept`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameCandidate {
    /// The sentence index.
    pub sentence: usize,
    /// The hit, on the view's mentions.
    pub hit: Hit,
    /// The frame's name (`verb:host`).
    pub frame: String,
    /// The subject's entity, if its mention is resolved.
    pub subject: Option<EntityIdx>,
    /// The object's entity.
    pub object: Option<EntityIdx>,
    /// Byte spans of subject, object and trigger in the document.
    pub spans: [(usize, usize); 3],
    /// Role words, as written.
    pub role: Option<String>,
    /// `Ok` with the edge, or why it was not kept.
    pub verdict: Result<Relation, FrameRejection>,
    /// A mention (index into the document's mentions) the edge reads as an
    /// actor it stands for, not the place it was resolved to.
    pub metonym: Option<(usize, EntityIdx)>,
}

/// The actor a mention resolved to a place can stand for: a metonym sense
/// of a country or organization it kept, else the country whose capital the
/// place is ("Moscow" for Russia).
fn actor_reading(m: &Mention, gaz: &Gazetteer) -> Option<EntityIdx> {
    let e = m.entity?;
    let place = gaz.entity(e);
    if place.entity_type != EntityType::Place {
        return None;
    }
    let mut actors = m.senses.iter().filter(|s| {
        s.kind == MentionKind::Metonym
            && matches!(
                gaz.entity(s.entity).entity_type,
                EntityType::Country | EntityType::Organization
            )
    });
    if let Some(first) = actors.next() {
        return actors
            .all(|s| s.entity == first.entity)
            .then_some(first.entity);
    }
    let country = gaz.get(place.country.as_deref()?)?;
    (gaz.entity(country).capital.as_deref() == Some(place.id.as_str())).then_some(country)
}

/// Why a frame hit did not become an edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameRejection {
    /// Negation, a blocking governor, or a modifier (`Hit::blocked`).
    Blocked(String),
    /// One of the checks every candidate goes through.
    Accept(Rejection),
}

impl std::fmt::Display for FrameRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameRejection::Blocked(b) => write!(f, "blocked ({b})"),
            FrameRejection::Accept(r) => write!(f, "{r}"),
        }
    }
}

/// The frame lexicon and a parser: reads relations from sentences.
#[derive(Clone)]
pub struct FrameReader {
    lexicon: Arc<Lexicon>,
    parser: Arc<dyn SentenceParser>,
}

impl std::fmt::Debug for FrameReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameReader")
            .field("lexicon", &self.lexicon.name())
            .finish()
    }
}

/// Whether mention `m`, first in its sentence, is a dateline: in capitals and
/// followed by a comma or a parenthesis ("GENEVA (AP) -", "KABUL, March 2").
fn is_dateline(text: &str, m: &Mention) -> bool {
    let name = &text[m.start..m.end];
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && !name.chars().any(char::is_lowercase)
        && matches!(text[m.end..].trim_start().chars().next(), Some(',' | '('))
}

/// A document's mentions and the actors nested in its titles (numbered after them).
struct Mentions<'a> {
    doc: &'a [Mention],
    nested: &'a [Mention],
}

impl Mentions<'_> {
    fn get(&self, id: usize) -> &Mention {
        match self.doc.get(id) {
            Some(m) => m,
            None => &self.nested[id - self.doc.len()],
        }
    }
}

/// A sentence's tokens: byte spans in the document and their normal forms.
struct SentenceTokens {
    spans: Vec<(usize, usize)>,
    norms: Vec<String>,
}

impl FrameReader {
    /// A reader with `lexicon`, parsing with `parser`. Fails when a frame
    /// names a relation `rules` does not declare.
    pub fn new(
        lexicon: Lexicon,
        parser: Arc<dyn SentenceParser>,
        rules: &RuleSet,
    ) -> crate::Result<FrameReader> {
        let unknown: Vec<&str> = lexicon
            .relations()
            .into_iter()
            .filter(|r| rules.declaration(r).is_none())
            .collect();
        if !unknown.is_empty() {
            return Err(crate::Error::new(
                crate::ErrorKind::Rules,
                format!(
                    "{}: the frames name relations the rules ({}) do not declare: {} (declare them with `relation NAME FROM -> TO`)",
                    lexicon.name(),
                    rules.name(),
                    unknown.join(", ")
                ),
            ));
        }
        Ok(FrameReader {
            lexicon: Arc::new(lexicon),
            parser,
        })
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Every frame hit of a document with its verdict (edges and rejections).
    /// `places` must come from `gaz` (it finds the actors named inside titles).
    pub fn candidates(
        &self,
        rules: &RuleSet,
        doc: &Document,
        sentences: &[Range<usize>],
        mentions: &[Mention],
        gaz: &Gazetteer,
        places: &PlaceIndex,
    ) -> Vec<FrameCandidate> {
        let mut out = Vec::new();
        let mut m0 = 0;
        for (si, range) in sentences.iter().enumerate() {
            let Some(text) = doc.text.get(range.clone()) else {
                continue;
            };
            while m0 < mentions.len() && mentions[m0].end <= range.start {
                m0 += 1;
            }
            let mut m1 = m0;
            while m1 < mentions.len() && mentions[m1].start < range.end {
                m1 += 1;
            }
            let in_sentence = &mentions[m0..m1];
            // Two ends are needed; a title may hold both (its holder and the actors it names).
            if in_sentence.iter().filter(|m| m.entity.is_some()).count() < 2
                && !in_sentence.iter().any(|m| m.kind == MentionKind::Title)
            {
                continue;
            }
            let tokens = tokens_of(text, range.start);
            if !tokens.norms.iter().any(|w| self.lexicon.has_form(w)) {
                continue;
            }
            let Some((view, nested)) = self.view(
                &doc.text,
                &tokens,
                in_sentence,
                m0,
                mentions.len(),
                places,
                gaz,
            ) else {
                continue;
            };
            let all = Mentions {
                doc: mentions,
                nested: &nested,
            };
            for hit in read(&self.lexicon, &view) {
                out.push(self.judge(rules, doc, si, text, &tokens, &view, &all, hit, gaz));
            }
        }
        out
    }

    /// The edges of a document (hits that pass [`RuleSet::accept`]), and the
    /// mentions (indices) those edges read as the actor a capital stands for.
    pub fn relations(
        &self,
        rules: &RuleSet,
        doc: &Document,
        sentences: &[Range<usize>],
        mentions: &[Mention],
        gaz: &Gazetteer,
        places: &PlaceIndex,
    ) -> (Vec<Relation>, Vec<(usize, EntityIdx)>) {
        let mut edges = Vec::new();
        let mut metonyms = Vec::new();
        for c in self.candidates(rules, doc, sentences, mentions, gaz, places) {
            if let Ok(r) = c.verdict {
                metonyms.extend(c.metonym.filter(|&(i, _)| i < mentions.len()));
                edges.push(r);
            }
        }
        (edges, metonyms)
    }

    /// Why the frames did or did not read `subject relation object`, per
    /// sentence where both are mentioned: the frame that fired, the one
    /// that was rejected and why, or the closest the templates came.
    #[allow(clippy::too_many_arguments)]
    pub fn explain(
        &self,
        rules: &RuleSet,
        doc: &Document,
        sentences: &[Range<usize>],
        mentions: &[Mention],
        gaz: &Gazetteer,
        places: &PlaceIndex,
        subject: EntityIdx,
        relation: &str,
        object: EntityIdx,
    ) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (si, range) in sentences.iter().enumerate() {
            let Some(text) = doc.text.get(range.clone()) else {
                continue;
            };
            let first = mentions.partition_point(|m| m.end <= range.start);
            let last = first + mentions[first..].partition_point(|m| m.start < range.end);
            let here = &mentions[first..last];
            let has = |e: EntityIdx| here.iter().any(|m| m.entity == Some(e));
            if !has(subject) || !has(object) {
                continue;
            }
            let tokens = tokens_of(text, range.start);
            let Some((view, nested)) =
                self.view(&doc.text, &tokens, here, first, mentions.len(), places, gaz)
            else {
                continue;
            };
            let all = Mentions {
                doc: mentions,
                nested: &nested,
            };
            let hits = read(&self.lexicon, &view);
            let judged: Vec<FrameCandidate> = hits
                .into_iter()
                .filter(|h| h.relation == relation)
                .map(|h| self.judge(rules, doc, si, text, &tokens, &view, &all, h, gaz))
                .filter(|c| c.subject == Some(subject) && c.object == Some(object))
                .collect();
            let line = match judged.iter().find(|c| c.verdict.is_ok()).or(judged.first()) {
                Some(c) => match &c.verdict {
                    Ok(_) => format!("frame {} fired (template {})", c.frame, c.hit.template),
                    Err(why) => format!(
                        "frame {} matched (template {}) but was rejected: {why}",
                        c.frame, c.hit.template
                    ),
                },
                None => {
                    let slots = |e: EntityIdx| -> Vec<usize> {
                        view.mentions
                            .iter()
                            .enumerate()
                            .filter(|(_, s)| all.get(s.id).entity == Some(e))
                            .map(|(i, _)| i)
                            .collect()
                    };
                    let near = super::explain_pair(
                        &self.lexicon,
                        &view,
                        relation,
                        &slots(subject),
                        &slots(object),
                    );
                    format!("frames: {near}")
                }
            };
            let line = format!(
                "{}\n  {line}\n  parse: {}",
                text.trim(),
                view.to_conllu_line()
            );
            out.push((si, line));
        }
        out
    }

    /// The parse view of a sentence: its mentions as slots, and a title's
    /// nested actors ("Syria's ambassador to the UN" names Syria and the
    /// UN) as slots of their own, returned as mentions numbered from `total`;
    /// the title keeps its head word ("ambassador") for the person it names.
    #[allow(clippy::too_many_arguments)]
    fn view(
        &self,
        text: &str,
        tokens: &SentenceTokens,
        mentions: &[Mention],
        first: usize,
        total: usize,
        places: &PlaceIndex,
        gaz: &Gazetteer,
    ) -> Option<(ParseView, Vec<Mention>)> {
        let words: Vec<&str> = tokens.spans.iter().map(|&(a, b)| &text[a..b]).collect();
        if words.is_empty() {
            return None;
        }
        let parsed = self.parser.parse(&words);
        if parsed.heads.len() != words.len()
            || parsed.labels.len() != words.len()
            || parsed.upos.len() != words.len()
        {
            return None;
        }
        let mut slots = Vec::new();
        let mut nested = Vec::new();
        for (k, m) in mentions.iter().enumerate() {
            let inside: Vec<usize> = (0..words.len())
                .filter(|&t| tokens.spans[t].0 >= m.start && tokens.spans[t].1 <= m.end)
                .collect();
            let (Some(&a), Some(&b)) = (inside.first(), inside.last()) else {
                continue;
            };
            // A dateline ("GENEVA (AP) -", "KABUL, March 2") is where the story was
            // filed, never an argument.
            if a == 0 && is_dateline(text, m) {
                continue;
            }
            let person = m
                .entity
                .is_some_and(|e| gaz.entity(e).entity_type == EntityType::Person);
            let mut inner = Vec::new();
            if m.kind == MentionKind::Title {
                let mut i = a;
                while i <= b {
                    // The longest run of words from i that names an actor.
                    let hit = (i..=b.min(i + 5)).rev().find_map(|j| {
                        let name = text.get(tokens.spans[i].0..tokens.spans[j].1)?;
                        places.actor(name).map(|e| (j, e))
                    });
                    match hit {
                        Some((j, e)) if m.entity != Some(e) => {
                            inner.push((i..j + 1, e));
                            i = j + 1;
                        }
                        _ => i += 1,
                    }
                }
            }
            if inner.is_empty() {
                slots.push(Slot {
                    tokens: a..b + 1,
                    id: first + k,
                    name: m.text(text).to_string(),
                    person,
                });
                continue;
            }
            // The title's head word: the last of its words whose head is outside it.
            let head = (a..=b)
                .rev()
                .find(|&t| parsed.heads[t].is_none_or(|h| h < a || h > b))
                .unwrap_or(b);
            if !inner.iter().any(|(r, _)| r.contains(&head)) {
                slots.push(Slot {
                    tokens: head..head + 1,
                    id: first + k,
                    name: m.text(text).to_string(),
                    person,
                });
            }
            for (r, e) in inner {
                let (start, end) = (tokens.spans[r.start].0, tokens.spans[r.end - 1].1);
                slots.push(Slot {
                    tokens: r,
                    id: total + nested.len(),
                    name: text[start..end].to_string(),
                    person: false,
                });
                nested.push(Mention {
                    start,
                    end,
                    kind: MentionKind::Name,
                    entity: Some(e),
                    senses: vec![Sense {
                        entity: e,
                        kind: MentionKind::Name,
                    }],
                });
            }
        }
        slots.sort_by_key(|s| s.tokens.start);
        let view = ParseView {
            words: tokens.norms.clone(),
            upos: parsed.upos,
            heads: parsed.heads,
            labels: parsed.labels,
            mentions: slots,
        };
        Some((view, nested))
    }

    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        rules: &RuleSet,
        doc: &Document,
        sentence: usize,
        text: &str,
        tokens: &SentenceTokens,
        view: &ParseView,
        mentions: &Mentions,
        hit: Hit,
        gaz: &Gazetteer,
    ) -> FrameCandidate {
        let (sm, om) = (
            mentions.get(view.mentions[hit.subj].id),
            mentions.get(view.mentions[hit.obj].id),
        );
        let trigger = tokens.spans[hit.trigger];
        let role = hit
            .role
            .as_ref()
            .map(|r| doc.text[tokens.spans[r.start].0..tokens.spans[r.end - 1].1].to_string());
        let frame = self.lexicon.frame(hit.frame).name();
        // A capital read as a place that fills an actor argument stands for
        // its country ("sponsored by Paris and Rome", "Riyadh backs ...").
        let mut accepted = rules.accept(&hit.relation, sm.entity, om.entity, gaz);
        let mut metonym = None;
        if let Err(Rejection::WrongType { end, .. }) = &accepted {
            let (m, k) = if *end == "subject" {
                (sm, hit.subj)
            } else {
                (om, hit.obj)
            };
            if let Some(actor) = actor_reading(m, gaz) {
                let (s, o) = if *end == "subject" {
                    (Some(actor), om.entity)
                } else {
                    (sm.entity, Some(actor))
                };
                if let Ok(pair) = rules.accept(&hit.relation, s, o, gaz) {
                    accepted = Ok(pair);
                    metonym = Some((view.mentions[k].id, actor));
                }
            }
        }
        let verdict = match &hit.blocked {
            Some(b) => Err(FrameRejection::Blocked(b.clone())),
            None => accepted
                .map_err(FrameRejection::Accept)
                .map(|(s, o)| Relation {
                    subject: s,
                    relation: hit.relation.clone(),
                    object: o,
                    role: role
                        .clone()
                        .filter(|_| matches!(hit.relation.as_str(), "represents" | "leads")),
                    modality: hit.modality.clone(),
                    evidence: Evidence {
                        doc: doc.id.clone(),
                        sentence,
                        text: text.to_string(),
                        subject_span: (sm.start, sm.end),
                        object_span: (om.start, om.end),
                        trigger_span: Some(trigger),
                        rule: format!("frame:{frame}:{}", hit.template),
                    },
                }),
        };
        FrameCandidate {
            sentence,
            metonym: metonym.filter(|_| hit.blocked.is_none()),
            frame,
            subject: sm.entity,
            object: om.entity,
            spans: [(sm.start, sm.end), (om.start, om.end), trigger],
            role,
            hit,
            verdict,
        }
    }
}

/// The tokens of one sentence (`text` starts at byte `base` of the document),
/// split the way the parser was trained: a possessive `'s` and a `n't` apart.
fn tokens_of(text: &str, base: usize) -> SentenceTokens {
    let mut words = Vec::new();
    crate::relations::split_words(text, base, &mut words);
    // "U.N.", "U.S.": single letters with dots are one token.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(words.len());
    let letter = |(a, b): (usize, usize)| {
        let w = &text[a - base..b - base];
        w.chars().count() == 1 && w.chars().all(char::is_alphabetic)
    };
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j + 1 < words.len()
            && letter(words[j])
            && &text[words[j + 1].0 - base..words[j + 1].1 - base] == "."
            && words[j + 1].0 == words[j].1
            && (j == i || words[j].0 == words[j - 1].1)
        {
            j += 2;
        }
        if j - i >= 4 {
            merged.push((words[i].0, words[j - 1].1));
            i = j;
        } else {
            merged.push(words[i]);
            i += 1;
        }
    }
    let words = merged;
    let mut spans = Vec::with_capacity(words.len());
    for (a, b) in words {
        let w = &text[a - base..b - base];
        let cut = ["'s", "\u{2019}s", "n't", "n\u{2019}t"]
            .iter()
            .find(|c| w.len() > c.len() && w.ends_with(*c))
            .map(|c| b - c.len());
        match cut {
            Some(c) => {
                spans.push((a, c));
                spans.push((c, b));
            }
            None => spans.push((a, b)),
        }
    }
    let norms = spans
        .iter()
        .map(|&(a, b)| crate::relations::normalize_word(&text[a - base..b - base]))
        .collect();
    SentenceTokens { spans, norms }
}

#[cfg(test)]
mod tests {
    use super::{is_dateline, tokens_of};
    use crate::mention::{Mention, MentionKind};

    #[test]
    fn datelines_are_capitals_before_a_comma_or_parenthesis() {
        let m = |text: &str, end: usize| {
            let mention = Mention {
                start: 0,
                end,
                kind: MentionKind::Name,
                entity: None,
                senses: Vec::new(),
            };
            is_dateline(text, &mention)
        };
        assert!(m("LIMA (Reuters) - Chile said", 4));
        assert!(m("LIMA, March 3 - Chile said", 4));
        assert!(!m("Lima, the capital, hosted", 4), "not in capitals");
        assert!(
            !m("LIMA said on Monday", 4),
            "no comma or parenthesis after it"
        );
        assert!(!m("UN, the body", 2), "too short to tell from an acronym");
    }

    #[test]
    fn tokens_split_like_the_parsers_treebank() {
        let text = "The U.N. envoy's aide won't go to the U.S. base, A. Smith said.";
        let t = tokens_of(text, 0);
        let words: Vec<&str> = t.spans.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(
            words,
            [
                "The", "U.N.", "envoy", "'s", "aide", "wo", "n't", "go", "to", "the", "U.S.",
                "base", ",", "A", ".", "Smith", "said", "."
            ]
        );
        assert_eq!(t.norms[1], "u.n.");
    }
}
