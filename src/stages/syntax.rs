//! The syntax stage: the part-of-speech tags and dependency tree of each
//! sentence that can yield a relation, over the sentence's tokens.
//!
//! Parsing costs far more than tagging names, so `kgx extract` parses only
//! the sentences whose parse can change what the relate stage gives
//! ([`Select::Frames`]). First the cheap tests of before: two resolved
//! mentions (or a title, which may name both ends), a word that is a form of
//! a frame predicate ([`FrameReader::wants`]) and mentions of the types the
//! relations of those predicates take at both ends ([`can_fill`]); or a
//! person the gazetteer gives titles ([`FrameReader::wants_titled`]); or two
//! resolved mentions, one a capital not right after a preposition of place
//! ([`FrameReader::wants_metonym`]). A sentence that passes none is not
//! parsed. Of the others, a parse is what two things read, and a sentence is
//! parsed only where one of them may give something whatever its tree (the
//! parser may give any word any head and label, so only what the words,
//! their tags and the mentions say can rule a sentence out):
//!
//! - the context metonyms ([`FrameReader::context_metonyms`]): a place that
//!   may stand for an actor ([`FrameReader::may_stand_for_actor`]: it has an
//!   actor reading, no event sense, and is no dateline). Such a sentence is
//!   parsed at once.
//! - the frames: the sentence is tagged first (the parse's own first step,
//!   so the parse is the same), and parsed only if some frame may hit with
//!   those tags, a predicate's form with a tag and context its entry allows
//!   and words that may fill a role at each end (a preposition role its
//!   preposition), and the relation of that hit (or one a `refuse` governor
//!   turns it into) passes the accept chain's end checks for some pair of
//!   the sentence's ends ([`FrameReader::may_yield_tagged`]).
//!
//! A sentence where discovery found a name is chosen as before (the tests of
//! [`FrameReader::may_read_tagged`]): discovery's second run of the relate
//! stage reads its parse with more mentions than the tests see. With these,
//! the selection changes no output. The stage runs after coreference, so a
//! pronoun or description resolved there counts as a mention ("He met
//! Putin"); coreference itself does not read the parse. The rest cost
//! nothing: their entry in [`Analysis::syntax`] stays `None`.
//! [`Select::All`] parses every sentence (`kgx tag --syntax`, `kgx explain`).
//!
//! A worker keeps the tags and parses of the sentences it tagged, by their
//! words (`Seen`): the tagger and the parser read nothing but the words, so
//! a sentence whose words were seen before takes them from there (news
//! repeats sentences: 19 of the 359 the corpus bench parses).
//!
//! The parser sees the token layer's words ([`crate::text::Tokens`], split
//! like UD English EWT) as written in the original text; a multi-word
//! mention is several words, and [`mention_head`] gives the word that heads
//! it in the tree.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use crate::analysis::{Analysis, MentionKind, Scratch, SentenceParse, Stage};
use crate::document::Document;
use crate::frames::FrameReader;
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};
use crate::stages::relate::{NameIndex, RuleSet};
use crate::syntax::{Syntax, SyntaxScratch, Upos};

/// Which sentences the stage parses.
#[derive(Clone, Debug)]
pub enum Select {
    /// Every sentence.
    All,
    /// Sentences with at least two mentions, or one mention and one of these
    /// trigger words (normal forms, as [`crate::text::Tokens::norm`] gives them).
    Candidates {
        /// The trigger words.
        triggers: HashSet<String>,
    },
    /// The sentences whose parse may change what the relate stage gives:
    /// where a frame may give an edge or a place may be read as the actor
    /// it stands for (see the module doc).
    Frames {
        /// The frame reader.
        reader: FrameReader,
        /// The rules, whose declarations give each relation's end types.
        rules: Arc<RuleSet>,
        /// The gazetteer the mentions were resolved with.
        gazetteer: Arc<Gazetteer>,
    },
}

/// The syntax stage (see the module doc).
pub struct SyntaxStage {
    syntax: Arc<Syntax>,
    select: Select,
    /// The names of [`Select::Frames`]'s gazetteer, built the first time a
    /// sentence asks (a place's seat: [`FrameReader::may_stand_for_actor`]).
    places: OnceLock<NameIndex>,
    /// [`Select::Frames`]'s declarations of each frame's relations
    /// ([`frame_declarations`]), built the first time a sentence asks.
    decls: OnceLock<Vec<Vec<usize>>>,
}

/// The stage's buffers in a worker's [`Scratch`].
#[derive(Default)]
struct Buffers {
    scratch: SyntaxScratch,
    mentions: Vec<u32>,
    offers: Vec<Offer>,
    upos: Vec<Upos>,
    tags: Vec<&'static str>,
    /// What the worker's earlier sentences gave, by their words
    /// ([`Seen`]).
    seen: Seen,
}

/// The tags and parses of the sentences a worker tagged, by their words.
///
/// The tagger and the parser read nothing but the words of a sentence (as
/// written: [`Syntax::tag_words`] and [`Syntax::parse_tagged`] see only
/// `words`, and the models are fixed), so a sentence whose words are those
/// of one seen before gets the same tags and the same tree; news repeats
/// its sentences (a wire story's boilerplate, a story sent again). So the
/// stage keeps, per worker, each tagged sentence's tags (those it tagged:
/// a prefix where it stopped early) and its parse where it was parsed, and
/// takes them from here instead of tagging or parsing again. Which
/// sentences are tested and parsed is decided as before (by the mentions,
/// which the cache does not hold), and a test is given the same tags, so
/// the output is the same. Bounded: forgotten at [`Seen::LIMIT`] entries.
#[derive(Default)]
struct Seen {
    map: std::collections::HashMap<Vec<u8>, Entry>,
    /// The key of the sentence at hand (its words, each after its length).
    key: Vec<u8>,
}

/// What [`Seen`] keeps of one sentence.
struct Entry {
    /// The tags of its first words (all of them where it was parsed).
    upos: Vec<Upos>,
    /// Its parse, where it was parsed.
    parse: Option<SentenceParse>,
}

impl Seen {
    /// Sentences kept at most; then all are forgotten.
    const LIMIT: usize = 1 << 14;

    /// Make the key of a sentence of `words`.
    fn key(&mut self, words: &[&str]) {
        self.key.clear();
        for w in words {
            self.key.extend_from_slice(&(w.len() as u32).to_le_bytes());
            self.key.extend_from_slice(w.as_bytes());
        }
    }

    /// The entry of the key at hand.
    fn get(&self) -> Option<&Entry> {
        self.map.get(self.key.as_slice())
    }

    /// Keep `upos` (a prefix of the tags, or all) and `parse` for the key
    /// at hand: a longer prefix and a parse replace what is kept.
    fn keep(&mut self, upos: &[Upos], parse: Option<&SentenceParse>) {
        if self.map.len() >= Seen::LIMIT && !self.map.contains_key(self.key.as_slice()) {
            self.map.clear();
        }
        match self.map.get_mut(self.key.as_slice()) {
            Some(e) => {
                if upos.len() > e.upos.len() {
                    e.upos.clear();
                    e.upos.extend_from_slice(upos);
                }
                if e.parse.is_none() {
                    e.parse = parse.cloned();
                }
            }
            None => {
                self.map.insert(
                    self.key.clone(),
                    Entry {
                        upos: upos.to_vec(),
                        parse: parse.cloned(),
                    },
                );
            }
        }
    }
}

/// What the mentions of a sentence (those that overlap it, as
/// `FrameReader::mentions_in` takes them) offer the first tests of
/// [`SyntaxStage::wanted`]: [`FrameReader::wants`] asks for two resolved
/// mentions or a title, [`FrameReader::wants_metonym`] for two resolved
/// mentions, [`FrameReader::wants_titled`] for one (a person the
/// gazetteer gives titles). Counted for all sentences in one pass over the
/// mentions, so that a sentence without them costs no test at all.
#[derive(Clone, Copy, Debug, Default)]
struct Offer {
    /// Resolved mentions, up to two.
    resolved: u8,
    /// Whether a title mention is there.
    title: bool,
}

/// [`Offer`] of each sentence of `a` into `out`. The mentions are sorted
/// and do not overlap, so the first sentence a mention overlaps is never
/// before the previous mention's.
fn offers(a: &Analysis, out: &mut Vec<Offer>) {
    out.clear();
    out.resize(a.sentences.len(), Offer::default());
    let mut first = 0;
    for m in &a.mentions {
        while first < a.sentences.len() && a.sentences[first].end <= m.span.start {
            first += 1;
        }
        let mut s = first;
        while s < a.sentences.len() && a.sentences[s].start < m.span.end {
            let o = &mut out[s];
            if m.entity.is_some() {
                o.resolved = (o.resolved + 1).min(2);
            }
            o.title |= m.kind == MentionKind::Title;
            s += 1;
        }
    }
}

/// The tag the stage gives the words after the last predicate's form
/// while it has not tagged them: the tests of what the frames may read
/// ([`crate::frames::may_read`], `frames_may_hit`) read the tag of a word
/// only where it is a form of a predicate (`Lexicon::entries`), so this
/// one is never read.
const UNREAD: &str = "";

/// The number of words of sentence `range` whose tags the test of `want`
/// may read: up to the last form of a predicate (of a frame `want` names,
/// for [`Want::IfYields`]).
fn read_upto(
    reader: &FrameReader,
    a: &Analysis,
    range: std::ops::Range<usize>,
    want: &Want,
) -> usize {
    let lexicon = reader.lexicon();
    let entries = |t: usize| lexicon.entries(a.tokens.norm(t));
    match want {
        Want::IfYields(frames) => range
            .clone()
            .rposition(|t| entries(t).iter().any(|e| frames.contains(&e.frame))),
        _ => range.clone().rposition(|t| !entries(t).is_empty()),
    }
    .map_or(0, |p| p + 1)
}

impl SyntaxStage {
    /// The stage with loaded models and a selection of sentences.
    pub fn new(syntax: Arc<Syntax>, select: Select) -> SyntaxStage {
        SyntaxStage {
            syntax,
            select,
            places: OnceLock::new(),
            decls: OnceLock::new(),
        }
    }

    /// The models.
    pub fn syntax(&self) -> &Syntax {
        &self.syntax
    }

    fn places(&self, gaz: &Gazetteer) -> &NameIndex {
        self.places.get_or_init(|| NameIndex::new(gaz))
    }

    /// What to do with sentence `s`. With [`Select::Frames`], the choice is
    /// a part of the one made before the tests of what a parse may give
    /// (where [`FrameReader::may_stand_for_actor`] holds, a place resolved
    /// as such is there, which [`FrameReader::may_read_tagged`] took; where
    /// [`FrameReader::may_yield_tagged`] holds, a frame may hit, which
    /// [`crate::frames::may_read`] took), and a sentence of that choice left
    /// out gives nothing once parsed: no context metonym (no place that may
    /// stand for an actor) and no accepted frame hit (none passes the end
    /// checks). So the relate stage gives the same relations and mentions.
    fn wanted(&self, a: &Analysis, doc: &Document, s: usize, mentions: u32, offer: Offer) -> Want {
        let text = &doc.text;
        let parse = |yes: bool| if yes { Want::Parse } else { Want::No };
        match &self.select {
            Select::All => Want::Parse,
            Select::Candidates { triggers } => parse(
                mentions >= 2
                    || (mentions == 1
                        && a.tokens
                            .sentence(s)
                            .any(|i| triggers.contains(a.tokens.norm(i)))),
            ),
            Select::Frames {
                reader, gazetteer, ..
            } => {
                // Each test is asked only where the mentions offer what it
                // asks for ([`Offer`]): the same answers.
                if offer.resolved == 0 && !offer.title {
                    return Want::No;
                }
                let two = offer.resolved >= 2 || offer.title;
                let frames = (two && reader.wants(a, s) && self.can_fill(a, s))
                    || (offer.resolved >= 1 && reader.wants_titled(a, s, gazetteer));
                let capital = offer.resolved >= 2 && reader.wants_metonym(a, s, gazetteer, text);
                match (frames, capital) {
                    (false, false) => return Want::No,
                    // Discovery's second run of the relate stage reads a parse
                    // with more mentions than these: chosen as before.
                    (_, true) if discovered_in(a, s) => return Want::Parse,
                    (true, false) if discovered_in(a, s) => return Want::IfReadable,
                    _ => {}
                }
                // A parse there may make a place the actor it stands for.
                if reader.may_stand_for_actor(a, s, gazetteer, self.places(gazetteer), text) {
                    return Want::Parse;
                }
                // Whatever the tags, can a frame edge come of it, and of
                // which frames?
                if !frames {
                    return Want::No;
                }
                match self.yielding_frames(a, doc, s) {
                    None => Want::Parse,
                    Some(f) if f.is_empty() => Want::No,
                    Some(f) => Want::IfYields(f),
                }
            }
        }
    }

    /// [`FrameReader::yielding_frames`] with the selection's reader, any
    /// tags: `None` where a parse may yield whatever the tags.
    fn yielding_frames(&self, a: &Analysis, doc: &Document, s: usize) -> Option<Vec<usize>> {
        match &self.select {
            Select::Frames {
                reader,
                rules,
                gazetteer,
            } => {
                let places = self.places(gazetteer);
                reader.yielding_frames(rules, doc, a, s, None, gazetteer, places, false)
            }
            _ => None,
        }
    }

    fn can_fill(&self, a: &Analysis, s: usize) -> bool {
        match &self.select {
            Select::Frames {
                reader,
                rules,
                gazetteer,
            } => {
                let decls = self.decls.get_or_init(|| frame_declarations(reader, rules));
                can_fill_by_frames(a, s, reader, rules, decls, gazetteer)
            }
            _ => true,
        }
    }
}

/// What the stage does with a sentence.
enum Want {
    /// Nothing.
    No,
    /// Tag and parse it.
    Parse,
    /// Tag it, and parse it if the frames may read something there with
    /// those tags ([`FrameReader::may_read_tagged`]).
    IfReadable,
    /// Tag it, and parse it if a frame edge may come of it with those tags
    /// ([`FrameReader::may_yield_tagged`]); of these frames only
    /// ([`FrameReader::yielding_frames`] with any tags).
    IfYields(Vec<usize>),
}

impl Stage for SyntaxStage {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn uses_tokens(&self) -> bool {
        true
    }

    /// Every selection but [`Select::All`] parses only sentences with a mention.
    fn needs_tokens(&self, a: &Analysis) -> bool {
        matches!(self.select, Select::All) || !a.mentions.is_empty()
    }

    /// Every selection but [`Select::All`] reads the tokens of sentences
    /// with a mention only (the frames' offers, the candidates' counts, and
    /// so the tests after them, see none elsewhere): from the first
    /// sentence a mention can touch ([`Analysis::first_mentioned_sentence`]).
    /// A mention coreference adds after the layer is made lies in it: the
    /// stage finds its mentions among the tokens it reads, and the layer
    /// starts at the least first sentence of the stages to run.
    fn tokens_from(&self, _text: &str, a: &Analysis) -> usize {
        match self.select {
            Select::All => 0,
            _ => a.first_mentioned_sentence().unwrap_or(0),
        }
    }

    fn run(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch) {
        let buf = scratch.get::<Buffers>();
        let n = a.sentences.len();
        buf.mentions.clear();
        buf.mentions.resize(n, 0);
        if matches!(self.select, Select::Candidates { .. }) {
            for m in &a.mentions {
                if let Some(s) = a.sentence_at(m.span.start) {
                    buf.mentions[s] += 1;
                }
            }
        }
        if matches!(self.select, Select::Frames { .. }) {
            offers(a, &mut buf.offers);
        } else {
            buf.offers.clear();
            buf.offers.resize(n, Offer::default());
        }
        let mut parses = vec![None; n];
        let mut words: Vec<&str> = Vec::new();
        for (s, slot) in parses.iter_mut().enumerate() {
            let range = a.tokens.sentence(s);
            if range.is_empty() {
                continue;
            }
            let want = self.wanted(a, doc, s, buf.mentions[s], buf.offers[s]);
            if matches!(want, Want::No) {
                continue;
            }
            words.clear();
            words.extend(range.clone().map(|i| a.tokens.text(i, &doc.text)));
            buf.seen.key(&words);
            // Whether the scratch holds this sentence's tags so far (else
            // they came from `buf.seen`).
            let mut tagged = false;
            if let (
                Want::IfReadable | Want::IfYields(_),
                Select::Frames {
                    reader, gazetteer, ..
                },
            ) = (&want, &self.select)
            {
                // Tag only the words whose tags the test may read
                // (`Syntax::tag_words_upto`: the same tags), the others
                // once the sentence is to be parsed. Both tests read the
                // tag of a word only where it is a predicate's form
                // (`Lexicon::entries`; [`UNREAD`]). And where a frame edge
                // is asked for, only a form of a frame that may yield
                // matters: a frame hits with the tags only where it hits
                // with any tags (the tag is one more condition), whether
                // its relation passes the end checks depends on the
                // mentions alone, and whether one frame hits does not
                // depend on another's words. So the answer is the same
                // whatever the tags after the last form of those frames.
                // Tags kept from a sentence of the same words are the
                // same tags ([`Seen`]).
                let read = read_upto(reader, a, range.clone(), &want);
                match buf.seen.get().filter(|e| e.upos.len() >= read) {
                    Some(e) => {
                        buf.upos.clear();
                        buf.upos.extend_from_slice(&e.upos[..read]);
                    }
                    None => {
                        self.syntax
                            .tag_words_upto(&words, read, &mut buf.scratch, &mut buf.upos);
                        buf.seen.keep(&buf.upos, None);
                        tagged = true;
                    }
                }
                buf.tags.clear();
                buf.tags.extend(buf.upos.iter().map(|u| u.as_str()));
                buf.tags.resize(words.len(), UNREAD);
                let parse = match &want {
                    Want::IfReadable => reader.may_read_tagged(a, s, &buf.tags, gazetteer),
                    Want::IfYields(frames) => reader.may_hit_tagged(a, s, &buf.tags, frames),
                    Want::No | Want::Parse => true,
                };
                if !parse {
                    continue;
                }
            }
            if let Some(parse) = buf.seen.get().and_then(|e| e.parse.as_ref()) {
                *slot = Some(parse.clone());
                continue;
            }
            if tagged {
                self.syntax
                    .tag_words_rest(&words, &mut buf.scratch, &mut buf.upos);
            } else {
                self.syntax
                    .tag_words(&words, &mut buf.scratch, &mut buf.upos);
            }
            let p = self.syntax.parse_tagged(&mut buf.scratch);
            let parse = SentenceParse {
                heads: p.heads.iter().map(|h| h.map(|h| h as u32)).collect(),
                labels: p
                    .labels
                    .iter()
                    .map(|&l| self.syntax.label(l).to_string())
                    .collect(),
                upos: p.upos.iter().map(|u| u.as_str().to_string()).collect(),
            };
            buf.seen.keep(&buf.upos, Some(&parse));
            *slot = Some(parse);
        }
        a.syntax = parses;
    }
}

/// Whether the mentions of sentence `s` can fill both ends of a relation
/// that a predicate among its words signals, as `rules` declare the ends'
/// types: two different entities, one the subject's type and one the
/// object's. A mention resolved to a place may also stand for the country
/// or organization it can be read as (a metonym sense, the country it lies
/// in), as the frames read a capital in an actor's place; a title may hold
/// both ends itself ("Syria's ambassador to the UN"), so it always can.
/// A sentence where this fails gives no frame edge: every edge passes the
/// same type check ([`RuleSet`]'s accept chain).
///
/// The stage keeps the frames' declarations (`frame_declarations`) and
/// asks `can_fill_by_frames`, the one home of this decision; this builds
/// them for the one question.
pub fn can_fill(
    a: &Analysis,
    s: usize,
    reader: &FrameReader,
    rules: &RuleSet,
    gaz: &Gazetteer,
) -> bool {
    let decls = frame_declarations(reader, rules);
    can_fill_by_frames(a, s, reader, rules, &decls, gaz)
}

/// [`can_fill`] by frames: the declarations of the relations of each
/// frame whose form is among the words, each asked once (`decls` from
/// [`frame_declarations`] of the same reader and rules). The answer of
/// asking every relation `Lexicon::relations_of` gives the words (the
/// test `frame_declarations_are_the_relations_of_the_words`): it closes the words' frames' relations
/// under the `refuse` pairs, each of which turns one relation into
/// another, so the closure of them all is the union of each frame's
/// closure (`Lexicon::turned`), which `decls` holds declared; the test of
/// a declaration is the same, and which one passes first does not matter.
/// It saves the set of relation names and the search of the declarations
/// by name, sentence by sentence.
fn can_fill_by_frames(
    a: &Analysis,
    s: usize,
    reader: &FrameReader,
    rules: &RuleSet,
    decls: &[Vec<usize>],
    gaz: &Gazetteer,
) -> bool {
    let ends = match fill_ends(a, s, gaz) {
        Ok(ends) => ends,
        Err(answer) => return answer,
    };
    let lexicon = reader.lexicon();
    let all = rules.declarations();
    let mut frame_seen = vec![false; decls.len()];
    let mut decl_seen = vec![false; all.len()];
    for t in a.tokens.sentence(s) {
        for e in lexicon.entries(a.tokens.norm(t)) {
            if std::mem::replace(&mut frame_seen[e.frame], true) {
                continue;
            }
            for &k in &decls[e.frame] {
                if !std::mem::replace(&mut decl_seen[k], true)
                    && declaration_fits(&all[k], &ends, gaz)
                {
                    return true;
                }
            }
        }
    }
    false
}

/// For each frame of `reader`'s lexicon, the declarations (indices into
/// [`RuleSet::declarations`], the one [`RuleSet::declaration`] finds) of
/// the relations a hit of it can be (`Lexicon::turned`), those `rules`
/// declare.
fn frame_declarations(reader: &FrameReader, rules: &RuleSet) -> Vec<Vec<usize>> {
    let all = rules.declarations();
    (0..reader.lexicon().frames().len())
        .map(|f| {
            reader
                .lexicon()
                .turned(f)
                .into_iter()
                .filter_map(|r| {
                    let d = rules.declaration(r)?;
                    all.iter().position(|x| std::ptr::eq(x, d))
                })
                .collect()
        })
        .collect()
}

/// Whether declaration `d` takes one of `ends` as its subject and
/// another, different one as its object.
fn declaration_fits(
    d: &crate::stages::relate::RelationDecl,
    ends: &[EntityIdx],
    gaz: &Gazetteer,
) -> bool {
    ends.iter().any(|&x| {
        d.from.accepts(gaz.entity(x)) && ends.iter().any(|&y| y != x && d.to.accepts(gaz.entity(y)))
    })
}

/// The ends [`can_fill`] tries the declarations on, or its answer where
/// it needs none: `Err(true)` with a title mention, `Err(false)` where
/// the ends are not two different entities.
fn fill_ends(a: &Analysis, s: usize, gaz: &Gazetteer) -> Result<Vec<EntityIdx>, bool> {
    let span = a.sentences[s];
    let first = a.mentions.partition_point(|m| m.span.end <= span.start);
    let last = first + a.mentions[first..].partition_point(|m| m.span.start < span.end);
    let here = &a.mentions[first..last];
    if here.iter().any(|m| m.kind == MentionKind::Title) {
        return Err(true);
    }
    let mut ends: Vec<EntityIdx> = Vec::new();
    for m in here {
        let Some(e) = m.entity else { continue };
        ends.push(e);
        let place = gaz.entity(e);
        if place.entity_type == EntityType::Place {
            ends.extend(
                m.senses
                    .iter()
                    .filter(|x| x.kind == MentionKind::Metonym)
                    .map(|x| x.entity),
            );
            ends.extend(place.country.as_deref().and_then(|c| gaz.get(c)));
        }
    }
    // Both ends are in `ends` and differ: where all are one entity (or
    // there are none), no relation fits, whatever the predicates.
    if ends.iter().all(|&x| x == ends[0]) {
        return Err(false);
    }
    Ok(ends)
}

/// Whether discovery found a name in sentence `s` (one its batches read:
/// a mention that starts there).
fn discovered_in(a: &Analysis, s: usize) -> bool {
    let found = &a.discovered.mentions;
    let span = a.sentences[s];
    let at = found.partition_point(|d| d.start < span.start);
    found.get(at).is_some_and(|d| d.start < span.end)
}

/// The word of a span of words (`first..end`, sentence word indices) that
/// heads it in the tree: the one whose head lies outside the span (the
/// first such, if the parse splits the span).
pub fn mention_head(parse: &SentenceParse, words: std::ops::Range<usize>) -> Option<usize> {
    words.clone().find(|&i| match parse.heads.get(i) {
        Some(Some(h)) => !words.contains(&(*h as usize)),
        Some(None) => true,
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::EntityIdx;
    use crate::text::Span;
    use std::collections::BTreeSet;

    /// A sentence whose words the worker saw before, in the same document
    /// or an earlier one, gets the tags and tree a fresh worker gives it
    /// (`Seen`), and one that differs by a word is parsed afresh; with
    /// more sentences seen than `Seen::LIMIT`, all is forgotten.
    #[test]
    fn seen_sentences_get_the_parse_a_fresh_worker_gives() {
        let stage = SyntaxStage::new(Arc::new(Syntax::embedded().unwrap()), Select::All);
        let texts = [
            "Norvania backed Velmar in the talks. Velmar thanked Norvania. \
             Norvania backed Velmar in the talks.",
            "Norvania backed Velmar in the talks. Norvania backed Velmar in talks.",
            "Velmar thanked Norvania. Velmar thanked Norvania!",
        ];
        let mut shared = Scratch::new();
        for (k, text) in texts.iter().enumerate() {
            let doc = Document::new(format!("d{k}"), *text);
            let mut seen = Analysis::new(&doc, true);
            stage.run(&doc, &mut seen, &mut shared);
            let mut fresh = Analysis::new(&doc, true);
            stage.run(&doc, &mut fresh, &mut Scratch::new());
            assert_eq!(seen.syntax.len(), seen.sentences.len(), "document {k}");
            assert!(seen.syntax.iter().all(Option::is_some), "document {k}");
            assert_eq!(seen.syntax, fresh.syntax, "document {k}: {text}");
        }
        let entries = shared.get::<Buffers>().seen.map.len();
        assert_eq!(entries, 4, "one entry per distinct sentence");
        // Past the limit, the entries are forgotten before one more is kept.
        let buf = shared.get::<Buffers>();
        for i in entries..Seen::LIMIT {
            buf.seen.key(&["w", &i.to_string()]);
            buf.seen.keep(&[], None);
        }
        assert_eq!(buf.seen.map.len(), Seen::LIMIT);
        buf.seen.key(&["one", "more"]);
        buf.seen.keep(&[], None);
        assert_eq!(buf.seen.map.len(), 1);
    }

    /// Each frame's declarations ([`frame_declarations`]) are the
    /// declared relations `Lexicon::relations_of` gives for its forms:
    /// for one word and two words of the shipped lexicon's file (lemmas,
    /// roles' prepositions, governors), the union of the declarations of
    /// their forms' frames has the names of the declared relations of
    /// `relations_of` of the words, so [`can_fill_by_frames`] tries the
    /// declarations [`can_fill`] tries.
    #[test]
    fn frame_declarations_are_the_relations_of_the_words() {
        use crate::stages::relate::DEFAULT_RULES;
        let rules =
            RuleSet::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_RULES))
                .expect("shipped rules");
        let reader = FrameReader::new(crate::frames::Lexicon::embedded().unwrap(), &rules).unwrap();
        let decls = frame_declarations(&reader, &rules);
        let lexicon = reader.lexicon();
        let mut words: Vec<&str> = crate::frames::DEFAULT_FRAMES
            .split(|c: char| !c.is_ascii_lowercase())
            .filter(|w| w.len() > 1)
            .collect();
        words.sort_unstable();
        words.dedup();
        let forms: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !lexicon.entries(w).is_empty())
            .collect();
        assert!(forms.len() > 50, "{} forms", forms.len());
        let mut some = 0;
        for (i, a) in forms.iter().enumerate() {
            for b in forms[i..].iter().chain([&"the"]) {
                let pair = [*a, *b];
                let want: BTreeSet<&str> = lexicon
                    .relations_of(pair.into_iter())
                    .into_iter()
                    .filter(|r| rules.declaration(r).is_some())
                    .collect();
                let got: BTreeSet<&str> = pair
                    .iter()
                    .flat_map(|w| lexicon.entries(w))
                    .flat_map(|e| &decls[e.frame])
                    .map(|&k| rules.declarations()[k].name.as_str())
                    .collect();
                assert_eq!(got, want, "{pair:?}");
                some += usize::from(!want.is_empty());
            }
        }
        assert!(some > 1000, "{some} pairs with a declared relation");
    }

    /// `offers` counts, for every sentence, the resolved mentions and
    /// titles that `FrameReader::mentions_in` gives it: mentions inside a
    /// sentence, across two, between sentences, at a sentence's edges, an
    /// unresolved one and a title without an entity.
    #[test]
    fn offers_count_the_mentions_each_sentence_reads() {
        let text = "Aa bb cc. Dd ee ff. Gg hh.  Ii jj kk.";
        let doc = Document::new("offers", text);
        let mut a = Analysis::new(&doc, false);
        assert_eq!(a.sentences.len(), 4, "{:?}", a.sentences);
        let mention = |start: usize, end: usize, entity: Option<u32>, kind: MentionKind| {
            let mut m = crate::analysis::Mention::new(Span::from(start..end), Vec::new());
            m.entity = entity.map(EntityIdx);
            m.kind = kind;
            m
        };
        let cases: &[(&str, Vec<crate::analysis::Mention>)] = &[
            ("none", vec![]),
            (
                "inside, two in one sentence",
                vec![
                    mention(0, 2, Some(1), MentionKind::Name),
                    mention(3, 5, Some(2), MentionKind::Name),
                    mention(10, 12, Some(1), MentionKind::Name),
                ],
            ),
            (
                "across a sentence end, unresolved, a title",
                vec![
                    mention(6, 12, Some(3), MentionKind::Name),
                    mention(13, 15, None, MentionKind::Name),
                    mention(20, 22, None, MentionKind::Title),
                ],
            ),
            (
                "between sentences and at their edges",
                vec![
                    mention(8, 9, Some(1), MentionKind::Name),
                    mention(19, 20, Some(1), MentionKind::Name),
                    mention(25, 28, Some(2), MentionKind::Name),
                    mention(33, 36, Some(4), MentionKind::Name),
                ],
            ),
        ];
        let mut out = Vec::new();
        for (name, mentions) in cases {
            a.mentions = mentions.clone();
            offers(&a, &mut out);
            assert_eq!(out.len(), a.sentences.len(), "case {name}");
            for (s, o) in out.iter().enumerate() {
                let here = &a.mentions[FrameReader::mentions_in(&a, s)];
                let resolved = here.iter().filter(|m| m.entity.is_some()).count().min(2);
                let title = here.iter().any(|m| m.kind == MentionKind::Title);
                assert_eq!(
                    (usize::from(o.resolved), o.title),
                    (resolved, title),
                    "case {name}, sentence {s} {:?}",
                    a.sentences[s]
                );
            }
        }
    }
}
