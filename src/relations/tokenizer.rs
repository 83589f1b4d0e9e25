//! A sentence's tokens for the rules, read in stages so that a sentence no
//! rule can match is dropped before most of the work (see [`Tokenizer`]);
//! and the readings of mentions that give more than one token ("talks in
//! Geneva", "US ambassador to Kazakhstan").

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::needs::{DocumentFacts, SentenceFacts, Vocabulary};
use super::token::{normalize_token, split_words, Token};
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};
use crate::mention::{Mention, MentionKind};

/// Place and country names, for splitting "talks in Geneva" into event, `in`, place.
/// and the actors named inside a title ("US ambassador to Kazakhstan").
///
/// Built from a whole gazetteer, so build it once per gazetteer (see
/// [`RuleSet::apply_with`](super::RuleSet::apply_with)).
pub struct PlaceIndex {
    places: HashMap<String, EntityIdx>,
    actors: HashMap<String, EntityIdx>,
}

impl PlaceIndex {
    /// Index the place, country and actor names of `gaz`.
    pub fn new(gaz: &Gazetteer) -> PlaceIndex {
        let mut places = HashMap::new();
        let mut actors = HashMap::new();
        for (idx, e) in gaz.iter() {
            let names = std::iter::once(&e.name).chain(&e.aliases);
            match e.entity_type {
                EntityType::Place | EntityType::Country => {
                    for n in names.clone() {
                        places.entry(n.clone()).or_insert(idx);
                    }
                }
                _ => {}
            }
            if matches!(
                e.entity_type,
                EntityType::Country | EntityType::Organization
            ) {
                for n in names.chain(&e.demonyms) {
                    actors.entry(n.clone()).or_insert(idx);
                }
            }
        }
        PlaceIndex { places, actors }
    }
}

/// A stretch of plain text in a sentence, and the mention that follows it.
#[derive(Debug)]
struct Piece {
    /// Byte range of the plain text before the mention.
    gap: Range<usize>,
    /// Its words, in [`Tokenizer::spans`] (filled by the second stage).
    words: Range<usize>,
    /// The tokens the mention gives, in [`Tokenizer::mention_tokens`]
    /// (empty for the text after the last mention).
    mention: Range<usize>,
}

/// Tokenises the sentences of one document in three stages, each run only
/// where the stage before leaves some rule a chance (see [`Needs`](super::needs::Needs)):
///
/// 1. [`Tokenizer::read_mentions`]: the tokens the sentence's mentions give
///    (a mention is one token; see [`split_event_place`]), and what they show.
/// 2. [`Tokenizer::read_words`]: the plain text between them split into
///    words, each looked up in the rules' [`Vocabulary`] without allocating.
/// 3. [`Tokenizer::tokens`]: all tokens in order, with their normal forms,
///    for the matcher.
///
/// Buffers are kept from sentence to sentence. Stage 3 gives exactly the
/// tokens of splitting the sentence in one pass, as kgx did before: the same
/// mentions are taken by the same test, and the same stretches between them
/// split; only the order of the work differs. Stage 1 sees every mention
/// token and stage 2 every plain word (stage 1 notes the few that mentions
/// give, the `in` of "talks in Geneva" and the words of a split title).
pub(crate) struct Tokenizer<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    gaz: &'a Gazetteer,
    places: &'a PlaceIndex,
    vocab: &'a Vocabulary,
    /// Mentions in order of start: a sentence's first one is found by binary search.
    sorted: bool,
    pieces: Vec<Piece>,
    mention_tokens: Vec<Token<'a>>,
    spans: Vec<(usize, usize)>,
    document: DocumentFacts,
    /// What the stages so far have seen of the current sentence.
    pub facts: SentenceFacts,
}

impl<'a> Tokenizer<'a> {
    pub fn new(
        text: &'a str,
        mentions: &'a [Mention],
        gaz: &'a Gazetteer,
        places: &'a PlaceIndex,
        vocab: &'a Vocabulary,
    ) -> Tokenizer<'a> {
        Tokenizer {
            text,
            mentions,
            gaz,
            places,
            vocab,
            sorted: mentions.windows(2).all(|w| w[0].start <= w[1].start),
            pieces: Vec::new(),
            mention_tokens: Vec::new(),
            spans: Vec::new(),
            document: DocumentFacts::new(vocab, mentions, gaz),
            facts: SentenceFacts::new(vocab),
        }
    }

    /// Stage 1: start the sentence `range` with the tokens its mentions give.
    ///
    /// A mention is taken where it starts inside the sentence, after the end
    /// of the one taken before (in list order), and is not empty; its token
    /// ends at the sentence end at the latest. With mentions in order of
    /// start, those before the sentence's first and after its end are never
    /// taken, so the loop starts and stops there.
    pub fn read_mentions(&mut self, range: &Range<usize>) {
        self.pieces.clear();
        self.mention_tokens.clear();
        self.spans.clear();
        self.facts.start(range, &self.document);
        let mentions = self.mentions;
        let first = if self.sorted {
            mentions.partition_point(|m| m.start < range.start)
        } else {
            0
        };
        let mut cursor = range.start;
        for (mi, m) in mentions.iter().enumerate().skip(first) {
            if self.sorted && m.start >= range.end {
                break;
            }
            if m.end <= range.start || m.start < cursor || m.start >= range.end || m.start >= m.end
            {
                continue;
            }
            let end = m.end.min(range.end);
            let before = self.mention_tokens.len();
            split_event_place(
                self.text,
                mi,
                m,
                end,
                self.gaz,
                self.places,
                &mut self.mention_tokens,
            );
            for tok in &self.mention_tokens[before..] {
                self.facts
                    .add_mention_token(tok, mentions, self.gaz, self.vocab);
            }
            self.pieces.push(Piece {
                gap: cursor..m.start,
                words: 0..0,
                mention: before..self.mention_tokens.len(),
            });
            cursor = end;
        }
        let n = self.mention_tokens.len();
        self.pieces.push(Piece {
            gap: cursor..range.end,
            words: 0..0,
            mention: n..n,
        });
    }

    /// Stage 2: split the text between the mentions into words, and note
    /// those the rules name.
    pub fn read_words(&mut self) {
        let text = self.text;
        for piece in &mut self.pieces {
            let from = self.spans.len();
            if let Some(slice) = text.get(piece.gap.clone()) {
                split_words(slice, piece.gap.start, &mut self.spans);
            }
            for &(a, b) in &self.spans[from..] {
                if let Some(id) = text.get(a..b).and_then(|w| self.vocab.token(w)) {
                    self.facts.add_word(id);
                }
            }
            piece.words = from..self.spans.len();
        }
    }

    /// Stage 3: the sentence's tokens in order, into `out` (cleared first).
    pub fn tokens(&self, out: &mut Vec<Token<'a>>) {
        out.clear();
        for piece in &self.pieces {
            for &(a, b) in &self.spans[piece.words.clone()] {
                out.push(Token {
                    start: a,
                    end: b,
                    norm: self.text.get(a..b).map(normalize_token).unwrap_or_default(),
                    mention: None,
                    nested: None,
                });
            }
            out.extend_from_slice(&self.mention_tokens[piece.mention.clone()]);
        }
    }
}

/// An event mention ending in "in <Place>" gives the event token, an `in` token
/// and a place token; any other mention gives one token.
fn split_event_place<'a>(
    text: &'a str,
    mi: usize,
    m: &Mention,
    end: usize,
    gaz: &Gazetteer,
    places: &PlaceIndex,
    out: &mut Vec<Token<'a>>,
) {
    let is_event = m
        .entity
        .is_some_and(|e| gaz.entity(e).entity_type == EntityType::Event);
    if is_event && end == m.end {
        if let Some(s) = text.get(m.start..m.end) {
            if let Some(i) = s.rfind(" in ") {
                let place = &s[i + 4..];
                if let Some(&p) = places.places.get(place) {
                    let in_start = m.start + i + 1;
                    let place_start = m.start + i + 4;
                    out.push(Token {
                        start: m.start,
                        end: m.start + i,
                        norm: Cow::Borrowed(""),
                        mention: Some(mi),
                        nested: None,
                    });
                    out.push(Token {
                        start: in_start,
                        end: in_start + 2,
                        norm: Cow::Borrowed("in"),
                        mention: None,
                        nested: None,
                    });
                    out.push(Token {
                        start: place_start,
                        end: m.end,
                        norm: Cow::Borrowed(""),
                        mention: None,
                        nested: Some(p),
                    });
                    return;
                }
            }
        }
    }
    let is_person = m
        .entity
        .is_some_and(|e| gaz.entity(e).entity_type == EntityType::Person);
    let titled = m.kind == MentionKind::Title || (m.kind == MentionKind::Reference && is_person);
    if titled && end == m.end && split_title(text, m, places, out) {
        return;
    }
    out.push(Token {
        start: m.start,
        end,
        norm: Cow::Borrowed(""),
        mention: Some(mi),
        nested: None,
    });
}

/// A title naming a country or organization ("US ambassador to Kazakhstan") reads as
/// its words with those names as slots, so appositives and possessive titles apply.
fn split_title<'a>(
    text: &'a str,
    m: &Mention,
    places: &PlaceIndex,
    out: &mut Vec<Token<'a>>,
) -> bool {
    let Some(s) = text.get(m.start..m.end) else {
        return false;
    };
    let mut spans = Vec::new();
    split_words(s, m.start, &mut spans);
    let mut toks = Vec::new();
    let mut found = false;
    let mut i = 0;
    while i < spans.len() {
        // Longest run of tokens from i that names an actor.
        let hit = (i + 1..=spans.len().min(i + 6)).rev().find_map(|j| {
            let name = text.get(spans[i].0..spans[j - 1].1)?;
            places.actors.get(name).map(|&e| (j, e))
        });
        match hit {
            Some((j, e)) => {
                toks.push(Token {
                    start: spans[i].0,
                    end: spans[j - 1].1,
                    norm: Cow::Borrowed(""),
                    mention: None,
                    nested: Some(e),
                });
                found = true;
                i = j;
            }
            None => {
                let (a, b) = spans[i];
                toks.push(Token {
                    start: a,
                    end: b,
                    norm: text.get(a..b).map(normalize_token).unwrap_or_default(),
                    mention: None,
                    nested: None,
                });
                i += 1;
            }
        }
    }
    if found {
        out.extend(toks);
    }
    found
}
