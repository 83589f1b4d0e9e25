//! A sentence's tokens for the rules, read in stages so that a sentence no
//! rule can match is dropped before most of the work (see [`Tokenizer`]);
//! and the readings of mentions that give more than one token ("talks in
//! Geneva", "US ambassador to Kazakhstan").

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use super::needs::{DocumentFacts, SentenceFacts, Vocabulary};
use super::token::{normalize_token, split_words, Token};
use crate::analysis::{Mention, MentionKind, Origin};
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};
use crate::stages::compose::{self, NameIndex};

/// A stretch of plain text in a sentence, and the mention that follows it.
#[derive(Debug)]
struct Piece {
    /// Byte range of the plain text before the mention.
    gap: Range<usize>,
    /// Its words, in [`Buffers::spans`] (filled by the second stage).
    words: Range<usize>,
    /// The tokens the mention gives, in [`Buffers::mention_tokens`] (empty
    /// for the text after the last mention).
    mention: Range<usize>,
}

/// A token a mention gives, before its normal form is read: the mention, a
/// place or actor nested in it, or a plain word of it (`in` of "talks in
/// Geneva", the words of a split title), whose normal form is that of its
/// text, as for any word.
#[derive(Clone, Copy, Debug)]
struct MentionToken {
    start: usize,
    end: usize,
    /// Index of the mention in the document's mention list.
    mention: Option<usize>,
    /// For a place or actor named inside a mention: its entity.
    nested: Option<EntityIdx>,
    /// A pronoun resolved by coreference ("it", "there"), a one-word
    /// description ("president"), or a reference or alias whose last word is
    /// a lower-case noun ("the government [delegation]"): a slot for its
    /// entity, and also the word from this offset to the token's end, for
    /// the patterns that spell it out.
    word_from: Option<usize>,
    /// The word it is, where it is one (a plain word, or a slot that is
    /// also a word from `word_from`): its vocabulary id, set by stage 1.
    id: Option<u32>,
}

impl MentionToken {
    fn is_word(&self) -> bool {
        self.mention.is_none() && self.nested.is_none()
    }

    /// The token's entity, as [`token_entity`](super::matcher::token_entity) gives it.
    fn entity(&self, mentions: &[Mention]) -> Option<EntityIdx> {
        self.nested.or_else(|| mentions.get(self.mention?)?.entity)
    }

    fn token<'a>(&self, text: &'a str) -> Token<'a> {
        let from = if self.is_word() {
            Some(self.start)
        } else {
            self.word_from
        };
        let norm = if let Some(from) = from {
            text.get(from..self.end)
                .map(normalize_token)
                .unwrap_or_default()
        } else {
            Cow::Borrowed("")
        };
        Token {
            start: self.start,
            end: self.end,
            norm,
            mention: self.mention,
            nested: self.nested,
        }
    }
}

/// What a [`Tokenizer`] works in. They borrow nothing, so each thread keeps
/// one set from document to document (see [`Tokenizer::new`]): once a few
/// documents are read, stages 1 and 2 allocate only to split a title.
#[derive(Debug, Default)]
struct Buffers {
    pieces: Vec<Piece>,
    mention_tokens: Vec<MentionToken>,
    spans: Vec<(usize, usize)>,
    /// Per entry of `spans`, its word's vocabulary id.
    span_ids: Vec<Option<u32>>,
    document: DocumentFacts,
    facts: SentenceFacts,
}

impl Buffers {
    /// Entries a buffer may hold and still be kept for the next document: a
    /// very long sentence should not hold on to its memory.
    const KEEP: usize = 4096;

    fn trim(&mut self) {
        if self.pieces.capacity() > Buffers::KEEP {
            self.pieces = Vec::new();
        }
        if self.mention_tokens.capacity() > Buffers::KEEP {
            self.mention_tokens = Vec::new();
        }
        if self.spans.capacity() > Buffers::KEEP {
            self.spans = Vec::new();
        }
        if self.span_ids.capacity() > Buffers::KEEP {
            self.span_ids = Vec::new();
        }
    }
}

thread_local! {
    /// The buffers of the last [`Tokenizer`] this thread dropped.
    static BUFFERS: Cell<Buffers> = Cell::default();
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
/// Stage 3 gives exactly the tokens of splitting the sentence in one pass
/// (the reference the tests hold it to, `tokenize_in_one_pass`): the same
/// mentions are taken by the same test, and the same stretches between them
/// split; only the order of the work differs.
/// Stage 1 sees every mention token and stage 2 every plain word (stage 1
/// notes the few that mentions give).
pub(crate) struct Tokenizer<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    gaz: &'a Gazetteer,
    places: &'a NameIndex,
    vocab: &'a Vocabulary,
    /// Mentions in order of start: a sentence's first one is found by binary search.
    sorted: bool,
    buffers: Buffers,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer for one document, in this thread's buffers.
    pub fn new(
        text: &'a str,
        mentions: &'a [Mention],
        gaz: &'a Gazetteer,
        places: &'a NameIndex,
        vocab: &'a Vocabulary,
    ) -> Tokenizer<'a> {
        let mut buffers = BUFFERS.take();
        buffers.document.read(vocab, mentions, gaz);
        buffers.facts.fit(vocab);
        Tokenizer {
            text,
            mentions,
            gaz,
            places,
            vocab,
            sorted: mentions
                .windows(2)
                .all(|w| w[0].span.start <= w[1].span.start),
            buffers,
        }
    }

    /// What the stages so far have seen of the current sentence.
    pub fn facts(&self) -> &SentenceFacts {
        &self.buffers.facts
    }

    pub fn facts_mut(&mut self) -> &mut SentenceFacts {
        &mut self.buffers.facts
    }

    /// Whether some mention may give the sentence `range` a token: `false`
    /// only when none does ([`Tokenizer::read_mentions`] would find no
    /// mention token). With mentions in order of start that is when none
    /// starts inside the sentence, which a binary search tells without
    /// starting the sentence; otherwise every sentence may have one.
    pub fn may_have_mentions(&self, range: &Range<usize>) -> bool {
        if !self.sorted {
            return true;
        }
        let first = self
            .mentions
            .partition_point(|m| m.span.start < range.start);
        self.mentions
            .get(first)
            .is_some_and(|m| m.span.start < range.end)
    }

    /// Stage 1: start the sentence `range` with the tokens its mentions give.
    ///
    /// A mention is taken where it starts inside the sentence, after the end
    /// of the one taken before (in list order), and is not empty; its token
    /// ends at the sentence end at the latest. With mentions in order of
    /// start, those before the sentence's first and after its end are never
    /// taken, so the loop starts and stops there.
    pub fn read_mentions(&mut self, range: &Range<usize>) {
        let Buffers {
            pieces,
            mention_tokens,
            spans,
            span_ids,
            document,
            facts,
        } = &mut self.buffers;
        pieces.clear();
        mention_tokens.clear();
        spans.clear();
        span_ids.clear();
        facts.start(range, document);
        let mentions = self.mentions;
        let first = if self.sorted {
            mentions.partition_point(|m| m.span.start < range.start)
        } else {
            0
        };
        let mut cursor = range.start;
        for (mi, m) in mentions.iter().enumerate().skip(first) {
            if self.sorted && m.span.start >= range.end {
                break;
            }
            if m.span.end <= range.start
                || m.span.start < cursor
                || m.span.start >= range.end
                || m.span.start >= m.span.end
            {
                continue;
            }
            let end = m.span.end.min(range.end);
            let before = mention_tokens.len();
            split_event_place(self.text, mi, m, end, self.gaz, self.places, mention_tokens);
            for tok in &mut mention_tokens[before..] {
                if let Some(from) = tok.word_from {
                    let word = self.text.get(from..tok.end);
                    tok.id = word.and_then(|w| self.vocab.token(w));
                    if let Some(id) = tok.id {
                        facts.add_word(id);
                    }
                }
                if tok.is_word() {
                    let word = self.text.get(tok.start..tok.end);
                    tok.id = word.and_then(|w| self.vocab.token(w));
                    if let Some(id) = tok.id {
                        facts.add_word(id);
                    }
                } else {
                    let entity = tok.entity(mentions).map(|e| self.gaz.entity(e));
                    facts.add_mention(entity, self.vocab);
                }
            }
            pieces.push(Piece {
                gap: cursor..m.span.start,
                words: 0..0,
                mention: before..mention_tokens.len(),
            });
            cursor = end;
        }
        let n = mention_tokens.len();
        pieces.push(Piece {
            gap: cursor..range.end,
            words: 0..0,
            mention: n..n,
        });
    }

    /// Stage 2: split the text between the mentions into words, and note
    /// those the rules name.
    pub fn read_words(&mut self) {
        let text = self.text;
        let Buffers {
            pieces,
            spans,
            span_ids,
            facts,
            ..
        } = &mut self.buffers;
        for piece in pieces {
            let from = spans.len();
            if let Some(slice) = text.get(piece.gap.clone()) {
                split_words(slice, piece.gap.start, spans);
            }
            for &(a, b) in &spans[from..] {
                let id = self.vocab.token_in(text, a, b);
                if let Some(id) = id {
                    facts.add_word(id);
                }
                span_ids.push(id);
            }
            piece.words = from..spans.len();
        }
    }

    /// Stage 3: the sentence's tokens in order, into `out` (cleared first),
    /// and into `ids` each token's word where a `Word` element can match it
    /// (a token not nested, with a normal form): its vocabulary id, the id of
    /// its normal form (stages 1 and 2 looked each up as written, which is
    /// the same: [`Vocabulary::token`]).
    pub fn tokens(&self, out: &mut Vec<Token<'a>>, ids: &mut Vec<Option<u32>>) {
        out.clear();
        ids.clear();
        let text = self.text;
        for piece in &self.buffers.pieces {
            for &(a, b) in &self.buffers.spans[piece.words.clone()] {
                out.push(Token {
                    start: a,
                    end: b,
                    norm: text.get(a..b).map(normalize_token).unwrap_or_default(),
                    mention: None,
                    nested: None,
                });
            }
            ids.extend_from_slice(&self.buffers.span_ids[piece.words.clone()]);
            let mention_tokens = &self.buffers.mention_tokens[piece.mention.clone()];
            out.extend(mention_tokens.iter().map(|t| t.token(text)));
            ids.extend(mention_tokens.iter().map(|t| t.id));
        }
        debug_assert!(out.iter().zip(ids.iter()).all(|(t, &id)| {
            let word = t.nested.is_none() && !t.norm.is_empty();
            id == word.then(|| self.vocab.word(&t.norm)).flatten()
        }));
    }
}

impl Drop for Tokenizer<'_> {
    /// Give the buffers back to the thread for its next document.
    fn drop(&mut self) {
        let mut buffers = std::mem::take(&mut self.buffers);
        buffers.trim();
        BUFFERS.set(buffers);
    }
}

/// An event mention ending in "in `<Place>`" gives the event token, an `in` token
/// and a place token ([`compose::event_in_place`]); a title naming an actor
/// gives its words ([`split_title`]); any other mention gives one token.
fn split_event_place(
    text: &str,
    mi: usize,
    m: &Mention,
    end: usize,
    gaz: &Gazetteer,
    places: &NameIndex,
    out: &mut Vec<MentionToken>,
) {
    let is_event = m
        .entity
        .is_some_and(|e| gaz.entity(e).entity_type == EntityType::Event);
    if is_event && end == m.span.end {
        if let Some(read) = compose::event_in_place(text, m.span, places) {
            // The event keeps its mention; `in` is a word (its text is its
            // normal form); the place is a nested entity.
            for (span, mention, nested) in [
                (read.event, Some(mi), None),
                (read.word_in, None, None),
                (read.place, None, Some(read.entity)),
            ] {
                out.push(MentionToken {
                    start: span.start,
                    end: span.end,
                    mention,
                    nested,
                    word_from: None,
                    id: None,
                });
            }
            return;
        }
    }
    let is_person = m
        .entity
        .is_some_and(|e| gaz.entity(e).entity_type == EntityType::Person);
    let titled = m.kind == MentionKind::Title || (m.kind == MentionKind::Reference && is_person);
    if titled && end == m.span.end && split_title(text, mi, m, places, out) {
        return;
    }
    out.push(MentionToken {
        start: m.span.start,
        end,
        mention: Some(mi),
        nested: None,
        word_from: also_word(text, m, is_person),
        id: None,
    });
}

/// Where the word a mention also is starts, if it is one (see
/// [`MentionToken::word_from`]): a pronoun, or a one-word description
/// ("Ukraine's [president]", "his [government]"), is a slot and also the word
/// it is; a multi-word reference, alias or description of a country or
/// organization whose last word is a lower-case noun ("the government
/// delegation", "Syrian government delegation") is also that last word, so a
/// pattern can read "[delegation], headed by X". A name ("Free Syrian Army")
/// is never a word.
fn also_word(text: &str, m: &Mention, is_person: bool) -> Option<usize> {
    let s = text.get(m.span.start..m.span.end)?;
    let one_word = !s.contains(char::is_whitespace);
    let coref = m.origin == Origin::Coreference;
    match m.kind {
        MentionKind::Pronoun if coref => Some(m.span.start),
        MentionKind::Description if coref && one_word => Some(m.span.start),
        MentionKind::Reference | MentionKind::Alias | MentionKind::Description
            if !one_word && !is_person =>
        {
            // The last word after the last white space, whatever its width
            // (a no-break space is two bytes, a thin space three).
            let last = s.rsplit(char::is_whitespace).next()?;
            let at = s.len() - last.len();
            let common = last.chars().next().is_some_and(|c| c.is_lowercase())
                && last.chars().all(|c| c.is_alphabetic());
            common.then_some(m.span.start + at)
        }
        _ => None,
    }
}

/// A title naming a country or organization ("US ambassador to Kazakhstan") reads as
/// its words with those names as slots ([`compose::title_parts`]), so appositives and
/// possessive titles apply. A title standing alone for its holder (kind `title`:
/// "Syria's UN Ambassador will head ...") keeps its head word, the last plain word
/// before the first preposition ("Ambassador"; "President" of "President of Egypt"),
/// as a slot for the holder that is also that word, as a one-word description is, so
/// a pattern can read the holder as a person.
fn split_title(
    text: &str,
    mi: usize,
    m: &Mention,
    places: &NameIndex,
    out: &mut Vec<MentionToken>,
) -> bool {
    let Some(parts) = compose::title_parts(text, m.span, places) else {
        return false;
    };
    let mut toks: Vec<MentionToken> = parts
        .into_iter()
        .map(|(span, nested)| MentionToken {
            start: span.start,
            end: span.end,
            mention: None,
            nested,
            word_from: None,
            id: None,
        })
        .collect();
    if m.kind == MentionKind::Title {
        let preposition = toks.iter().position(|t| {
            t.nested.is_none()
                && matches!(
                    text.get(t.start..t.end),
                    Some("of" | "to" | "for" | "at" | "in" | "on" | "with")
                )
        });
        let head = toks[..preposition.unwrap_or(toks.len())]
            .iter()
            .rposition(|t| {
                t.nested.is_none()
                    && text
                        .get(t.start..t.end)
                        .is_some_and(|w| w.chars().all(char::is_alphabetic))
            });
        if let Some(h) = head {
            toks[h].mention = Some(mi);
            toks[h].word_from = Some(toks[h].start);
        }
    }
    out.extend(toks);
    true
}

/// The sentence's tokens in one pass, every mention and every stretch
/// between them in order (see [`Tokenizer`]): the reference the three stages
/// must agree with.
#[cfg(test)]
pub(crate) fn tokenize_in_one_pass<'a>(
    text: &'a str,
    range: &Range<usize>,
    mentions: &[Mention],
    gaz: &Gazetteer,
    places: &NameIndex,
) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut cursor = range.start;
    let push_words = |from: usize, to: usize, out: &mut Vec<Token<'a>>| {
        let Some(slice) = text.get(from..to) else {
            return;
        };
        let mut spans = Vec::new();
        split_words(slice, from, &mut spans);
        for (a, b) in spans {
            out.push(Token {
                start: a,
                end: b,
                norm: text.get(a..b).map(normalize_token).unwrap_or_default(),
                mention: None,
                nested: None,
            });
        }
    };
    for (mi, m) in mentions.iter().enumerate() {
        if m.span.end <= range.start
            || m.span.start < cursor
            || m.span.start >= range.end
            || m.span.start >= m.span.end
        {
            continue;
        }
        push_words(cursor, m.span.start, &mut out);
        let end = m.span.end.min(range.end);
        let mut toks = Vec::new();
        split_event_place(text, mi, m, end, gaz, places, &mut toks);
        out.extend(toks.iter().map(|t| t.token(text)));
        cursor = end;
    }
    push_words(cursor, range.end, &mut out);
    out
}

#[cfg(test)]
mod also_word_tests {
    use super::also_word;
    use crate::analysis::{Mention, MentionKind};
    use crate::text::Span;

    /// A reference mention over all of `text`.
    fn reference(text: &str) -> Mention {
        let mut m = Mention::new(Span::new(0, text.len()), Vec::new());
        m.kind = MentionKind::Reference;
        m
    }

    /// The last word of a multi-word reference is found after white space
    /// of any width: a space, a no-break space (two bytes), a thin space
    /// (three), and none is split inside (a no-break space before a capital
    /// once panicked there).
    #[test]
    fn last_word_after_white_space_of_any_width() {
        for (text, want) in [
            ("the government delegation", Some("delegation")),
            ("the government\u{a0}delegation", Some("delegation")),
            ("the government\u{2009}delegation", Some("delegation")),
            ("the\u{3000}mission", Some("mission")),
            // near misses: a capital or a digit after the space is no common noun
            ("Geneva\u{a0} \u{130}", None),
            ("the Geneva\u{a0}Talks", None),
            ("the group\u{a0}2", None),
        ] {
            let m = reference(text);
            let got = also_word(text, &m, false).map(|at| &text[at..]);
            assert_eq!(got, want, "{text:?}");
        }
    }
}
