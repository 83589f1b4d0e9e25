//! Frames as a source of relations in the relate stage: a candidate
//! sentence (two resolved mentions, or a title, and a word that is a form of
//! some predicate) is parsed on demand into [`Analysis::syntax`], its tokens
//! and mentions made into a [`ParseView`], read by the templates, and every
//! hit put through the same end checks the rules' matches go through
//! ([`RuleSet`]'s accept chain).

use std::sync::Arc;

use super::{read, Hit, Lexicon, ParseView, Slot};
use crate::analysis::{Analysis, Evidence, Mention, MentionKind, Relation, Sense, SentenceParse};
use crate::document::Document;
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};
use crate::stages::relate::{NameIndex, Rejection, RuleSet, MAX_SENTENCE_BYTES};
use crate::stages::resolve::word_before;

/// A dependency parser the frames call on one sentence at a time.
pub trait SentenceParser: Send + Sync {
    /// Parse `words` (the sentence's tokens, split the way the parser was
    /// trained: punctuation apart, `'s` and `n't` apart). One entry per word.
    fn parse(&self, words: &[&str]) -> SentenceParse;
}

/// One frame hit on entities, with its verdict.
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
    /// `Ok` with the edge, or why it was not kept.
    pub verdict: Result<Relation, FrameRejection>,
    /// A mention (index into the document's mentions) the edge reads as the
    /// actor it stands for, not the place it was resolved to.
    pub metonym: Option<(usize, EntityIdx)>,
}

/// Why a frame hit did not become an edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameRejection {
    /// Negation, a blocking governor, a hypothetical, or a modifier (`Hit::blocked`).
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

/// The actor a mention resolved to a place can stand for: a metonym sense
/// of a country or organization it kept, else the one actor that lists the
/// place among its own `metonyms` ("Brussels" for the European Union, whose
/// seat it is, before Belgium, whose capital it is), else the country whose
/// capital the place is ("Moscow" for Russia).
fn actor_reading(m: &Mention, gaz: &Gazetteer, places: &NameIndex) -> Option<EntityIdx> {
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
    if let Some(seat) = places.seat_of(e) {
        return Some(seat);
    }
    state_of_capital(gaz, e)
}

/// The country whose capital place `e` is, where the gazetteer says so.
fn state_of_capital(gaz: &Gazetteer, e: EntityIdx) -> Option<EntityIdx> {
    gaz.country(e).filter(|&c| gaz.capital(c) == Some(e))
}

/// Whether the gazetteer gives person `e` titles of its own (`titles`, or a
/// `role` attribute) that may name whose title it is.
pub(crate) fn has_titles(gaz: &Gazetteer, e: EntityIdx) -> bool {
    let e = gaz.entity(e);
    e.entity_type == EntityType::Person
        && (!e.titles.is_empty() || e.attributes.contains_key("role"))
}

/// Words of a title in a normal form for comparing: lower case, single spaces, no dots.
fn title_words(t: &str) -> String {
    t.split_whitespace()
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The actors a title's owner phrase names ("Ukraine", "the United
/// Nations", "Chile and Peru"): the whole phrase if it names one, else
/// each of its parts split at commas and "and".
fn owners_named(places: &NameIndex, phrase: &str) -> Vec<EntityIdx> {
    let phrase = phrase.trim();
    let bare = phrase.strip_prefix("the ").unwrap_or(phrase);
    if let Some(e) = places.actor(phrase).or_else(|| places.actor(bare)) {
        return vec![e];
    }
    let mut out = Vec::new();
    for part in bare.split(',').flat_map(|p| p.split(" and ")) {
        let part = part.trim();
        let part = part.strip_prefix("the ").unwrap_or(part);
        if let Some(e) = places.actor(part) {
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

/// The one country or organization whose `title` ("president", "prime
/// minister") the gazetteer's own titles for `person` say he holds: each of
/// the entry's `titles` and its `role` attribute is read as a head and an
/// owner ("President of Ukraine", "Ukrainian President"); the titles whose
/// head is `title` must together name exactly one owner, else none.
pub(crate) fn gazetteer_title_owner(
    gaz: &Gazetteer,
    places: &NameIndex,
    person: EntityIdx,
    title: &str,
) -> Option<EntityIdx> {
    let want = title_words(title);
    if want.is_empty() {
        return None;
    }
    let e = gaz.entity(person);
    if e.entity_type != EntityType::Person {
        return None;
    }
    let mut owner = None;
    for t in e.titles.iter().chain(e.attributes.get("role")) {
        // A note after the title is not part of it: "US Secretary of State
        // (until 2017)", "Deputy Minister; head of the delegation".
        let t = t.split(['(', ';']).next().unwrap_or("").trim();
        // "President of Ukraine": the head before " of ", the owner after it;
        // where the of-phrase names no actor, it belongs to the head
        // ("US Secretary of State"), and the owner is read from its first words.
        let of_reading = t
            .rsplit_once(" of ")
            .map(|(head, rest)| (head.to_string(), owners_named(places, rest)))
            .filter(|(_, owners)| !owners.is_empty());
        let (head, owners) = match of_reading {
            Some(reading) => reading,
            None => {
                // The longest run of first words that names an actor ("Ukrainian").
                let words: Vec<&str> = t.split_whitespace().collect();
                match (1..words.len())
                    .rev()
                    .find_map(|k| places.actor(&words[..k].join(" ")).map(|a| (k, a)))
                {
                    Some((k, a)) => (words[k..].join(" "), vec![a]),
                    None => (t.to_string(), Vec::new()),
                }
            }
        };
        // A dated note after the title is not part of it either: "chief
        // negotiator until May 2020", "Chief Executive 2014-2020".
        let head = title_words(&head);
        let dated_note = head
            .strip_prefix(want.as_str())
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| rest.chars().any(|c| c.is_ascii_digit()));
        if head != want && !dated_note {
            continue;
        }
        match owners.as_slice() {
            [one] if owner.is_none_or(|o| o == *one) => owner = Some(*one),
            _ => return None,
        }
    }
    owner
}

/// Whether mention `m`, first in its sentence, is a dateline: in capitals and
/// followed by a comma or a parenthesis ("GENEVA (AP) -", "KABUL, March 2").
fn is_dateline(text: &str, m: &Mention) -> bool {
    let name = m.text(text);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && !name.chars().any(char::is_lowercase)
        && matches!(
            text[m.span.end..].trim_start().chars().next(),
            Some(',' | '(')
        )
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

/// The frame lexicon: reads relations from parsed sentences. The parses
/// come from the syntax stage ([`Analysis::syntax`]); a reader given a parser
/// of its own ([`FrameReader::with_parser`]) also parses the sentences it
/// wants that no stage parsed.
#[derive(Clone)]
pub struct FrameReader {
    lexicon: Arc<Lexicon>,
    parser: Option<Arc<dyn SentenceParser>>,
    undeclared: Vec<String>,
}

impl std::fmt::Debug for FrameReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameReader")
            .field("lexicon", &self.lexicon.name())
            .finish()
    }
}

impl FrameReader {
    /// A reader with `lexicon` for the relations `rules` declare: frames of
    /// a relation the rules do not declare are not read (a user's own rules
    /// may declare fewer; [`FrameReader::undeclared`] lists them).
    pub fn new(lexicon: Lexicon, rules: &RuleSet) -> crate::Result<FrameReader> {
        let undeclared: Vec<String> = lexicon
            .relations()
            .into_iter()
            .filter(|r| rules.declaration(r).is_none())
            .map(str::to_string)
            .collect();
        Ok(FrameReader {
            lexicon: Arc::new(lexicon),
            parser: None,
            undeclared,
        })
    }

    /// The relations the lexicon's frames name that the rules do not declare
    /// (their frames are not read).
    pub fn undeclared(&self) -> &[String] {
        &self.undeclared
    }

    /// Parse the sentences the frames want that no stage parsed with `parser`.
    pub fn with_parser(mut self, parser: Arc<dyn SentenceParser>) -> FrameReader {
        self.parser = Some(parser);
        self
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The mentions of sentence `s` (a range of `a.mentions`).
    pub(crate) fn mentions_in(a: &Analysis, s: usize) -> std::ops::Range<usize> {
        let span = a.sentences[s];
        let first = a.mentions.partition_point(|m| m.span.end <= span.start);
        let last = first + a.mentions[first..].partition_point(|m| m.span.start < span.end);
        first..last
    }

    /// Whether sentence `s` is worth parsing: two resolved mentions (or a
    /// title, which may hold both ends) and a word that is a predicate's form.
    /// A sentence without them yields no edge, parsed or not (both ends of an
    /// edge are resolved and differ; the templates start at a predicate).
    pub fn wants(&self, a: &Analysis, s: usize) -> bool {
        if a.sentences[s].len() > MAX_SENTENCE_BYTES {
            return false;
        }
        let here = &a.mentions[FrameReader::mentions_in(a, s)];
        if here.iter().filter(|m| m.entity.is_some()).count() < 2
            && !here.iter().any(|m| m.kind == MentionKind::Title)
        {
            return false;
        }
        self.lexicon
            .has_predicate(a.tokens.sentence(s).map(|t| a.tokens.norm(t)))
    }

    /// Whether sentence `s` is worth parsing for a bare title before a
    /// person the gazetteer gives titles to ("President Jane Roe said"): one
    /// such person and a word that is a predicate's form. The owner comes
    /// from the gazetteer's titles ([`FrameCandidate::object`]).
    pub fn wants_titled(&self, a: &Analysis, s: usize, gaz: &Gazetteer) -> bool {
        a.sentences[s].len() <= MAX_SENTENCE_BYTES
            && a.mentions[FrameReader::mentions_in(a, s)]
                .iter()
                .any(|m| m.entity.is_some_and(|e| has_titles(gaz, e)))
            && self
                .lexicon
                .has_predicate(a.tokens.sentence(s).map(|t| a.tokens.norm(t)))
    }

    /// Whether sentence `s` is worth parsing to decide whether a capital in it
    /// stands for its state ([`FrameReader::context_metonyms`]) where no
    /// frame wants it: two resolved mentions, one a capital not right after
    /// a preposition of place ("in Moscow", "from Kabul").
    pub fn wants_metonym(&self, a: &Analysis, s: usize, gaz: &Gazetteer, text: &str) -> bool {
        if a.sentences[s].len() > MAX_SENTENCE_BYTES {
            return false;
        }
        let here = &a.mentions[FrameReader::mentions_in(a, s)];
        here.iter().filter(|m| m.entity.is_some()).count() >= 2
            && here.iter().any(|m| {
                let Some(e) = m.entity else { return false };
                let capital = gaz.entity(e).entity_type == EntityType::Place
                    && state_of_capital(gaz, e).is_some();
                let before = word_before(text, m.span.start);
                capital
                    && !matches!(
                        before.as_str(),
                        "in" | "at" | "from" | "near" | "outside" | "across" | "around" | "inside"
                    )
            })
    }

    /// Whether the frames could read anything from sentence `s`, its words
    /// tagged `upos` (one Universal tag each), whatever its tree: a hit of
    /// the templates ([`super::may_read`]), or a mention resolved to a place
    /// and not already read as an actor, which [`FrameReader::context_metonyms`]
    /// may read as the actor it stands for. Where this is false, a parse of
    /// the sentence changes nothing the relate stage gives, so the syntax
    /// stage tags it and stops there.
    pub fn may_read_tagged(&self, a: &Analysis, s: usize, upos: &[&str], gaz: &Gazetteer) -> bool {
        let range = a.tokens.sentence(s);
        let place = a.mentions[FrameReader::mentions_in(a, s)].iter().any(|m| {
            m.kind != MentionKind::Metonym
                && m.entity
                    .is_some_and(|e| gaz.entity(e).entity_type == EntityType::Place)
        });
        place || {
            let words: Vec<&str> = range.map(|t| a.tokens.norm(t)).collect();
            super::may_read(&self.lexicon, &words, upos)
        }
    }

    /// The mentions of sentence `s` that are slots of its parse view, with
    /// the sentence's words they cover (as [`FrameReader::view`] makes
    /// them; a title is one slot here, its nested actors aside).
    fn slots_in<'a>(
        a: &'a Analysis,
        s: usize,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + 'a {
        let range = a.tokens.sentence(s);
        FrameReader::mentions_in(a, s).filter_map(move |k| {
            let m = &a.mentions[k];
            let covered = a.tokens.covering(m.span);
            if covered.start < range.start || covered.end > range.end || covered.is_empty() {
                return None;
            }
            let words = covered.start - range.start..covered.end - range.start;
            (!(words.start == 0 && is_dateline(text, m))).then_some((k, words))
        })
    }

    /// Whether [`FrameReader::context_metonyms`] could read a mention of
    /// sentence `s` as the actor it stands for, whatever the sentence's
    /// tree. It reads a slot of the parse view that is not yet a metonym,
    /// has an actor reading (a metonym sense, a seat, or a capital: as
    /// `actor_reading` gives it), no event sense, and is not a mixed-case
    /// dateline (first, before a parenthesis); of the places in
    /// the tree that make it the actor, a possessor (`nmod:poss`) asks for
    /// nothing but a label the parser may give any word, so every such
    /// mention may be read so. Where this is false, a parse of `s` changes no
    /// mention (`places` must come from `gaz`).
    pub fn may_stand_for_actor(
        &self,
        a: &Analysis,
        s: usize,
        gaz: &Gazetteer,
        places: &NameIndex,
        text: &str,
    ) -> bool {
        let range = a.tokens.sentence(s);
        FrameReader::slots_in(a, s, text).any(|(k, words)| {
            let m = &a.mentions[k];
            m.kind != MentionKind::Metonym
                && actor_reading(m, gaz, places).is_some()
                && !m.senses.iter().any(|x| {
                    x.kind == MentionKind::Metonym
                        && gaz.entity(x.entity).entity_type == EntityType::Event
                })
                && !(words.start == 0
                    && range.start + words.end < range.end
                    && a.tokens.norm(range.start + words.end) == "(")
        })
    }

    /// Whether a parse of sentence `s`, its words tagged `upos` (or with any
    /// tags, where `None`), could give a frame edge, whatever its tree: some
    /// frame may hit there
    /// (`frames_may_hit`: a predicate's form with a tag
    /// and context its entry allows, and words that can fill a role at each
    /// end), and the relation of its hit, or one a `refuse` governor turns
    /// it into, passes the accept chain's end checks
    /// (`RuleSet::check_frame_ends`: types, `stands_for`, different
    /// entities, constraint) for some pair of the sentence's ends. An end is
    /// a slot's (a mention of the parse view: not a dateline, not one
    /// running past the sentence; a hit's ends are two slots) resolved
    /// entity or the actor a place may stand for
    /// (`actor_reading`, as [`FrameReader::context_metonyms`] and the
    /// retry of a wrong type read it); a bare title's owner comes from the
    /// gazetteer's titles for its holder, so a frame that may take one passes
    /// where its subject type takes a person the gazetteer gives titles. A
    /// sentence with a title mention passes (its nested actors are ends the
    /// parse view makes). Where this is false, every hit [`read`] finds in
    /// any parse of `s` is rejected, so the parse gives no edge and (as only
    /// accepted hits read a capital as an actor) changes no mention. Fewer
    /// mentions give fewer ends, so this holds for a run over part of them
    /// too (discovery's second run of the relate stage, on the sentences
    /// that found no name).
    #[allow(clippy::too_many_arguments)]
    pub fn may_yield_tagged(
        &self,
        rules: &RuleSet,
        doc: &Document,
        a: &Analysis,
        s: usize,
        upos: Option<&[&str]>,
        gaz: &Gazetteer,
        places: &NameIndex,
    ) -> bool {
        self.yielding_frames(rules, doc, a, s, upos, gaz, places, true)
            .is_none_or(|f| !f.is_empty())
    }

    /// The frames of [`FrameReader::may_yield_tagged`]: those that may hit
    /// in sentence `s` with tags `upos` (or any tags) and whose relation,
    /// or one a `refuse` governor turns it into, passes the end checks for
    /// some pair of the sentence's ends; `None` where a parse may yield
    /// whatever the frames (a title mention, or tags that are not one a
    /// word). With `first`, it stops at the first such frame. Whether a
    /// frame passes the end checks depends on the mentions only, not on
    /// the tags.
    #[allow(clippy::too_many_arguments)]
    pub fn yielding_frames(
        &self,
        rules: &RuleSet,
        doc: &Document,
        a: &Analysis,
        s: usize,
        upos: Option<&[&str]>,
        gaz: &Gazetteer,
        places: &NameIndex,
        first: bool,
    ) -> Option<Vec<usize>> {
        let range = a.tokens.sentence(s);
        if upos.is_some_and(|u| u.len() != range.len()) {
            return None;
        }
        let here = &a.mentions[FrameReader::mentions_in(a, s)];
        if here.iter().any(|m| m.kind == MentionKind::Title) {
            return None;
        }
        let words: Vec<&str> = range.map(|t| a.tokens.norm(t)).collect();
        let frames = super::templates::frames_may_hit(&self.lexicon, &words, upos);
        let mut out = Vec::new();
        if frames.is_empty() {
            return Some(out);
        }
        // A hit's ends are the slots of the parse view (`FrameReader::view`:
        // a dateline, or a mention that runs past the sentence, is none)
        // and what `judge` reads of them: their entities and actor readings.
        let mut ends: Vec<EntityIdx> = FrameReader::slots_in(a, s, &doc.text)
            .flat_map(|(k, _)| {
                let m = &a.mentions[k];
                [m.entity, actor_reading(m, gaz, places)]
            })
            .flatten()
            .collect();
        ends.sort_unstable();
        ends.dedup();
        let titled = || ends.iter().copied().filter(|&e| has_titles(gaz, e));
        // The relations whose end checks failed for every pair.
        let mut tried: Vec<&str> = Vec::new();
        for (f, gazetteer_owner) in frames {
            let passes = self.lexicon.turned(f).into_iter().any(|r| {
                if self.undeclared.iter().any(|u| u == r) {
                    return false;
                }
                if gazetteer_owner
                    && rules
                        .declaration(r)
                        .is_some_and(|d| titled().any(|x| d.from.accepts(gaz.entity(x))))
                {
                    return true;
                }
                if tried.contains(&r) {
                    return false;
                }
                let fits = |x: EntityIdx, y: EntityIdx| {
                    rules
                        .check_frame_ends(doc, gaz, r, (Some(x), (0, 0)), (Some(y), (0, 0)))
                        .is_ok()
                };
                let yes = ends.iter().any(|&x| ends.iter().any(|&y| fits(x, y)));
                if !yes {
                    tried.push(r);
                }
                yes
            });
            if passes {
                out.push(f);
                if first {
                    break;
                }
            }
        }
        Some(out)
    }

    /// Whether one of `frames` may hit in sentence `s`, its words tagged
    /// `upos`. With the frames [`FrameReader::yielding_frames`] gave for
    /// `s` with any tags, this is what [`FrameReader::may_yield_tagged`]
    /// answers with `upos`, without the end checks again: a frame hits
    /// with tags only where it hits with any, and whether it passes the
    /// end checks depends on the mentions alone.
    pub fn may_hit_tagged(&self, a: &Analysis, s: usize, upos: &[&str], frames: &[usize]) -> bool {
        let words: Vec<&str> = a.tokens.sentence(s).map(|t| a.tokens.norm(t)).collect();
        super::templates::frames_may_hit(&self.lexicon, &words, Some(upos))
            .iter()
            .any(|(f, _)| frames.contains(f))
    }

    /// Parse the sentences the frames could read into `a.syntax` with the
    /// reader's own parser, if it has one (those already parsed are kept):
    /// those it [wants](FrameReader::wants) and those with a person `gaz`
    /// gives titles to ([`FrameReader::wants_titled`]).
    pub fn parse(&self, doc: &Document, a: &mut Analysis, gaz: &Gazetteer) {
        let Some(parser) = &self.parser else { return };
        a.syntax.resize(a.sentences.len(), None);
        for s in 0..a.sentences.len() {
            if a.syntax[s].is_some()
                || !(self.wants(a, s)
                    || self.wants_titled(a, s, gaz)
                    || self.wants_metonym(a, s, gaz, &doc.text))
            {
                continue;
            }
            let words: Vec<&str> = a
                .tokens
                .sentence(s)
                .map(|t| a.tokens.text(t, &doc.text))
                .collect();
            if words.is_empty() {
                continue;
            }
            let parse = parser.parse(&words);
            let n = words.len();
            if parse.heads.len() == n && parse.labels.len() == n && parse.upos.len() == n {
                a.syntax[s] = Some(parse);
            }
        }
    }

    /// Every frame hit of the parsed sentences of `a`, with its verdict
    /// (`places` must come from `gaz`: it finds the actors inside titles).
    pub fn candidates(
        &self,
        rules: &RuleSet,
        doc: &Document,
        a: &Analysis,
        gaz: &Gazetteer,
        places: &NameIndex,
    ) -> Vec<FrameCandidate> {
        let mut out = Vec::new();
        for s in 0..a.sentences.len() {
            let Some((view, nested)) = self.view(doc, a, s, places, gaz) else {
                continue;
            };
            let all = Mentions {
                doc: &a.mentions,
                nested: &nested,
            };
            for hit in read(&self.lexicon, &view) {
                if self.undeclared.contains(&hit.relation) {
                    continue;
                }
                out.push(self.judge(rules, doc, a, s, &view, &all, hit, gaz, places));
            }
        }
        out
    }

    /// The edges of a document (hits that pass the checks), and the mentions
    /// (indices) those edges read as the actor a capital stands for.
    pub fn relations(
        &self,
        rules: &RuleSet,
        doc: &Document,
        a: &Analysis,
        gaz: &Gazetteer,
        places: &NameIndex,
    ) -> (Vec<Relation>, Vec<(usize, EntityIdx)>) {
        let mut edges = Vec::new();
        let mut metonyms = Vec::new();
        for c in self.candidates(rules, doc, a, gaz, places) {
            if let Ok(r) = c.verdict {
                metonyms.extend(c.metonym.filter(|&(i, _)| i < a.mentions.len()));
                edges.push(r);
            }
        }
        (edges, metonyms)
    }

    /// Capitals (and other seats of power with a metonym sense) that stand for
    /// their actor by where they sit in the parse, whether or not an edge
    /// needs them: the subject of a verb ("Moscow denies it", "Kiev is to
    /// regain control"), a possessor ("Moscow's ambassador"), or coordinated
    /// with a country or organization ("Kiev and Western governments",
    /// "Washington and the EU"). "Talks in Moscow", "flew to Kabul", "visiting
    /// Budapest" and datelines stay places. Returns (mention index, actor).
    pub fn context_metonyms(
        &self,
        doc: &Document,
        a: &Analysis,
        gaz: &Gazetteer,
        places: &NameIndex,
    ) -> Vec<(usize, EntityIdx)> {
        let mut out = Vec::new();
        for s in 0..a.sentences.len() {
            let Some((view, _)) = self.view(doc, a, s, places, gaz) else {
                continue;
            };
            let slot_of = |t: usize| view.mentions.iter().position(|m| m.tokens.contains(&t));
            // An actor coordinated with the place, other than the country the
            // place is in ("held in Astana, Kazakhstan" is where, not who).
            let is_actor = |k: usize, place: EntityIdx| {
                let id = view.mentions[k].id;
                let country = gaz.entity(place).country.as_deref();
                id < a.mentions.len()
                    && a.mentions[id].entity.is_some_and(|e| {
                        let ent = gaz.entity(e);
                        matches!(
                            ent.entity_type,
                            EntityType::Country | EntityType::Organization
                        ) && country != Some(ent.id.as_str())
                    })
            };
            for (k, slot) in view.mentions.iter().enumerate() {
                let id = slot.id;
                if id >= a.mentions.len() || a.mentions[id].kind == MentionKind::Metonym {
                    continue;
                }
                let Some(actor) = actor_reading(&a.mentions[id], gaz, places) else {
                    continue;
                };
                // "Astana is a course to end the bloodshed": a name that can also
                // stand for an event is not read as a state by position alone.
                if a.mentions[id].senses.iter().any(|s| {
                    s.kind == MentionKind::Metonym
                        && gaz.entity(s.entity).entity_type == EntityType::Event
                }) {
                    continue;
                }
                let r = slot.tokens.clone();
                // "Washington (AFP) -": a dateline in mixed case is still where the story was filed.
                if r.start == 0 && view.words.get(r.end).map(String::as_str) == Some("(") {
                    continue;
                }
                let head = r
                    .clone()
                    .rev()
                    .find(|&t| view.heads[t].is_none_or(|h| !r.contains(&h)))
                    .unwrap_or(r.end - 1);
                let label = view.labels[head].as_str();
                let gov = view.heads[head];
                // The verb's subject: the nearest before it (a second subject is a
                // misparse, "Putin, visiting the capital, Budapest, said"), not
                // itself set off by a comma.
                let subject = label == "nsubj"
                    && (r.start == 0 || view.words[r.start - 1] != ",")
                    && gov.is_some_and(|g| {
                        view.upos[g] == "VERB"
                            && head < g
                            && !(head + 1..g)
                                .any(|t| view.heads[t] == Some(g) && view.labels[t] == "nsubj")
                    });
                let possessor = label == "nmod:poss";
                let Some(place) = a.mentions[id].entity else {
                    continue;
                };
                let coordinated = (label == "conj"
                    && gov
                        .and_then(slot_of)
                        .is_some_and(|o| o != k && is_actor(o, place)))
                    || (0..view.len()).any(|c| {
                        view.heads[c] == Some(head)
                            && view.labels[c] == "conj"
                            && slot_of(c).is_some_and(|o| o != k && is_actor(o, place))
                    });
                // The object of a verb that makes its object act ("accused
                // Islamabad of sheltering", "persuade Damascus to accept").
                let actor_verb =
                    |g: usize| self.lexicon.in_verb_set("ACTOR_OBJECT", &view.words[g]);
                let acts = (matches!(label, "obj" | "nsubj:pass") && gov.is_some_and(actor_verb))
                    // right after the verb, however it was parsed ("accuse Moscow of")
                    || (r.start > 0 && actor_verb(r.start - 1))
                    // "Islamabad, long accused by Kabul of sheltering ...": the
                    // participle the parse hung on the capital.
                    || (0..view.len()).any(|c| {
                        view.heads[c] == Some(head)
                            && matches!(view.labels[c].as_str(), "acl" | "parataxis")
                            && actor_verb(c)
                            && !(0..view.len()).any(|o| view.heads[o] == Some(c) && view.labels[o] == "obj")
                    });
                let case = |w: usize| {
                    (0..w)
                        .rev()
                        .find(|&c| view.heads[c] == Some(w) && view.labels[c] == "case")
                        .map(|c| view.words[c].as_str())
                };
                // The agent of a passive ("a step opposed by Berlin and Paris").
                let agent = label == "obl:agent"
                    || (label == "obl"
                        && case(head) == Some("by")
                        && gov.is_some_and(|g| view.upos[g] == "VERB"));
                // Who gains or loses ("a first for New Delhi", "a blow for
                // Moscow": a for-phrase of a noun, not of a verb: "left for
                // Moscow" is where to), and who is given what the set TRANSFER
                // lists ("weapons to Kiev", "aid to Kabul"; not "envoys to
                // Cairo", "flew to Kiev").
                let given = |g: usize| {
                    self.lexicon.in_set("TRANSFER", &view.words[g])
                        || (view.upos[g] == "VERB"
                            && (0..view.len()).any(|o| {
                                view.heads[o] == Some(g)
                                    && view.labels[o] == "obj"
                                    && self.lexicon.in_set("TRANSFER", &view.words[o])
                            }))
                };
                let beneficiary = matches!(label, "nmod" | "obl")
                    && gov.is_some_and(|g| match case(head) {
                        Some("for") => view.upos[g] == "NOUN" && slot_of(g).is_none(),
                        Some("to") => given(g),
                        _ => false,
                    });
                if subject || possessor || coordinated || acts || agent || beneficiary {
                    out.push((id, actor));
                }
            }
        }
        out
    }

    /// Why the frames did or did not read `subject relation object`, per
    /// parsed sentence where both are mentioned: the sentence, then the
    /// frame that fired, the one that was rejected and why, or the closest
    /// the templates came, then the parse.
    #[allow(clippy::too_many_arguments)]
    pub fn explain(
        &self,
        rules: &RuleSet,
        doc: &Document,
        a: &Analysis,
        gaz: &Gazetteer,
        places: &NameIndex,
        subject: EntityIdx,
        relation: &str,
        object: EntityIdx,
    ) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for s in 0..a.sentences.len() {
            let Some((view, nested)) = self.view(doc, a, s, places, gaz) else {
                continue;
            };
            let all = Mentions {
                doc: &a.mentions,
                nested: &nested,
            };
            let slots = |e: EntityIdx| -> Vec<usize> {
                view.mentions
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| all.get(m.id).entity == Some(e))
                    .map(|(i, _)| i)
                    .collect()
            };
            let (subj, obj) = (slots(subject), slots(object));
            // The edge an accepted candidate gives may have other ends than
            // its mentions (a metonym, or a `stands_for:` clause: the
            // ministry's refusal is its country's), so a sentence counts
            // where either its mentions or its edge's ends are the pair.
            let judged: Vec<FrameCandidate> = read(&self.lexicon, &view)
                .into_iter()
                .filter(|h| h.relation == relation)
                .map(|h| self.judge(rules, doc, a, s, &view, &all, h, gaz, places))
                .filter(|c| {
                    let mentioned = (c.subject, c.object) == (Some(subject), Some(object));
                    match &c.verdict {
                        Ok(r) => mentioned || (r.subject, r.object) == (subject, object),
                        Err(_) => mentioned,
                    }
                })
                .collect();
            if judged.is_empty() && (subj.is_empty() || obj.is_empty()) {
                continue;
            }
            let line = match judged.iter().find(|c| c.verdict.is_ok()).or(judged.first()) {
                Some(c) => match &c.verdict {
                    Ok(r) if (r.subject, r.object) == (subject, object) => {
                        format!("frame {} fired (template {})", c.frame, c.hit.template)
                    }
                    Ok(r) => format!(
                        "frame {} matched (template {}), given to what it stands for: makes it {} {} {}",
                        c.frame,
                        c.hit.template,
                        gaz.entity(r.subject).id,
                        r.relation,
                        gaz.entity(r.object).id
                    ),
                    Err(why) => format!(
                        "frame {} matched (template {}) but was rejected: {why}",
                        c.frame, c.hit.template
                    ),
                },
                None => format!(
                    "frames: {}",
                    super::explain_pair(&self.lexicon, &view, relation, &subj, &obj)
                ),
            };
            let text = a.sentences[s].of(&doc.text).trim();
            out.push((
                s,
                format!("{text}\n  {line}\n  parse: {}", view.to_conllu_line()),
            ));
        }
        out
    }

    /// The parse view of parsed sentence `s`: its mentions as slots, and a
    /// title's nested actors ("Syria's ambassador to the UN" names Syria and
    /// the UN) as slots of their own, returned as mentions numbered after the
    /// document's; the title keeps its head word ("ambassador") for the
    /// person it names. A dateline is no slot.
    fn view(
        &self,
        doc: &Document,
        a: &Analysis,
        s: usize,
        places: &NameIndex,
        gaz: &Gazetteer,
    ) -> Option<(ParseView, Vec<Mention>)> {
        let parse = a.syntax.get(s)?.as_ref()?;
        let text = &doc.text;
        let range = a.tokens.sentence(s);
        let base = range.start;
        let n = range.len();
        if n == 0 || parse.heads.len() != n {
            return None;
        }
        let span = |t: usize| a.tokens.get(base + t).map(|k| k.span).unwrap_or_default();
        let heads: Vec<Option<usize>> = parse
            .heads
            .iter()
            .map(|h| h.map(|h| h as usize).filter(|&h| h < n))
            .collect();
        let mut slots = Vec::new();
        let mut nested = Vec::new();
        // The mentions inside the sentence, datelines aside ("GENEVA (AP) -",
        // "KABUL, March 2" is where the story was filed, never an argument).
        for (k, words) in FrameReader::slots_in(a, s, text) {
            let m = &a.mentions[k];
            let (first, last) = (words.start, words.end - 1);
            let person = m
                .entity
                .is_some_and(|e| gaz.entity(e).entity_type == EntityType::Person);
            let mut inner = Vec::new();
            if m.kind == MentionKind::Title {
                let mut i = first;
                while i <= last {
                    // The longest run of words from i that names an actor.
                    let hit = (i..=last.min(i + 5)).rev().find_map(|j| {
                        let name = text.get(span(i).start..span(j).end)?;
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
                    tokens: first..last + 1,
                    id: k,
                    name: m.text(text).to_string(),
                    person,
                });
                continue;
            }
            // The title's head word: the last of its words whose head is outside it.
            let head = (first..=last)
                .rev()
                .find(|&t| heads[t].is_none_or(|h| h < first || h > last))
                .unwrap_or(last);
            if !inner.iter().any(|(r, _)| r.contains(&head)) {
                slots.push(Slot {
                    tokens: head..head + 1,
                    id: k,
                    name: m.text(text).to_string(),
                    person,
                });
            }
            for (r, e) in inner {
                let sp = crate::text::Span::new(span(r.start).start, span(r.end - 1).end);
                slots.push(Slot {
                    tokens: r,
                    id: a.mentions.len() + nested.len(),
                    name: sp.of(text).to_string(),
                    person: false,
                });
                let mut inner_mention = Mention::new(
                    sp,
                    vec![Sense {
                        entity: e,
                        kind: MentionKind::Name,
                    }],
                );
                inner_mention.entity = Some(e);
                nested.push(inner_mention);
            }
        }
        slots.sort_by_key(|s| s.tokens.start);
        let view = ParseView {
            words: range
                .clone()
                .map(|t| a.tokens.norm(t).to_string())
                .collect(),
            upos: parse.upos.clone(),
            heads,
            labels: parse.labels.clone(),
            mentions: slots,
        };
        Some((view, nested))
    }

    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        rules: &RuleSet,
        doc: &Document,
        a: &Analysis,
        sentence: usize,
        view: &ParseView,
        mentions: &Mentions,
        hit: Hit,
        gaz: &Gazetteer,
        places: &NameIndex,
    ) -> FrameCandidate {
        let base = a.tokens.sentence(sentence).start;
        let span = |t: usize| a.tokens.get(base + t).map(|k| k.span).unwrap_or_default();
        let (sm, om) = (
            mentions.get(view.mentions[hit.subj].id),
            mentions.get(view.mentions[hit.obj].id),
        );
        let trigger = (span(hit.trigger).start, span(hit.trigger).end);
        let (ss, mut os) = ((sm.span.start, sm.span.end), (om.span.start, om.span.end));
        // A bare title ("President Jane Roe"): the owner is the one the
        // gazetteer's own titles for the holder name, the title word its span.
        let mut object = om.entity;
        if hit.owner_from_gazetteer {
            let title = hit
                .role
                .as_ref()
                .map(|r| doc.text[span(r.start).start..span(r.end - 1).end].to_string())
                .unwrap_or_default();
            let word = &doc.text[trigger.0..trigger.1];
            object = sm.entity.and_then(|p| {
                gazetteer_title_owner(gaz, places, p, &title)
                    .or_else(|| gazetteer_title_owner(gaz, places, p, word))
            });
            os = trigger;
        }
        let role = hit
            .role
            .as_ref()
            .filter(|_| matches!(hit.relation.as_str(), "represents" | "leads"))
            .map(|r| doc.text[span(r.start).start..span(r.end - 1).end].to_string());
        let frame = self.lexicon.frame(hit.frame).name();
        let check = |s: Option<EntityIdx>, o: Option<EntityIdx>| {
            rules.check_frame_ends(doc, gaz, &hit.relation, (s, ss), (o, os))
        };
        // A capital read as a place that fills an actor argument stands for
        // its country ("sponsored by Paris and Rome", "Riyadh backs ...").
        let mut accepted = check(sm.entity, object);
        let mut metonym = None;
        if let Err(Rejection::WrongType { end, .. }) = &accepted {
            let subject_end = *end == "subject";
            let (m, k) = if subject_end {
                (sm, hit.subj)
            } else {
                (om, hit.obj)
            };
            if let Some(actor) = actor_reading(m, gaz, places) {
                let retry = if subject_end {
                    check(Some(actor), om.entity)
                } else {
                    check(sm.entity, Some(actor))
                };
                if let Ok(pair) = retry {
                    accepted = Ok(pair);
                    metonym = Some((view.mentions[k].id, actor));
                }
            }
        }
        let verdict = match &hit.blocked {
            Some(b) => Err(FrameRejection::Blocked(b.clone())),
            None => accepted.map_err(FrameRejection::Accept).map(|(s, o)| {
                let evidence = Evidence::new(
                    &doc.id,
                    sentence,
                    a.sentences[sentence].of(&doc.text),
                    format!("frame:{frame}:{}", hit.template),
                    ss,
                    os,
                )
                .with_trigger(Some(trigger));
                Relation::new(s, hit.relation.as_str(), o, evidence)
                    .with_role(role)
                    .with_modality(hit.modality.clone())
            }),
        };
        FrameCandidate {
            sentence,
            metonym: metonym.filter(|_| hit.blocked.is_none()),
            frame,
            subject: sm.entity,
            object,
            hit,
            verdict,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_dateline;
    use crate::analysis::Mention;
    use crate::text::Span;

    #[test]
    fn datelines_are_capitals_before_a_comma_or_parenthesis() {
        let m = |text: &str, end: usize| {
            is_dateline(text, &Mention::new(Span::new(0, end), Vec::new()))
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
}
