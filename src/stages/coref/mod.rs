//! The coreference stage: pronouns, descriptions, titles standing alone and
//! implied events become mentions of what they mean, linked to their
//! antecedent.
//!
//! It runs between resolve and relate. It reads the tokens, the sentences and
//! the resolved mentions, and adds:
//!
//! - a [`Mention`] of kind [`MentionKind::Pronoun`] ("he", "its", "there") or
//!   [`MentionKind::Description`] ("the envoy", "the group", "the Syrian
//!   President", "the meeting") with the antecedent's entity and origin
//!   [`Origin::Coreference`], for each one resolved;
//! - a [`Link`] from it to its antecedent mention (a name, or an anaphor
//!   resolved before it: follow [`Analysis::referent`] to the name);
//! - for each anaphor with two equally good antecedents, one to
//!   [`ResolveStats::unresolved`](crate::stages::resolve::ResolveStats).
//!
//! The relate stage reads these mentions like any other, so a rule's slot
//! takes "he" as the person it means; the evidence of such an edge carries
//! the chain ([`crate::graph::Evidence::subject_chain`]).
//!
//! | anaphor | found as | stands for | reach |
//! |---|---|---|---|
//! | pronoun | a `[[pronoun]]` form, not expletive ("it was", "there is") | a type, number, gender | its sentence and the one before |
//! | description | the/this + up to two modifiers + a `[[description]]` head, not followed by a name | an entity answering to the head | 3 sentences |
//! | title standing alone | a country before a `title = true` head ("Ukraine's president", "the Syrian President") | the holder with that title and country | the document |
//! | event noun | the/this/these (or a `cues.time_possessors` word's "'s": "Friday's talks") + up to two modifiers (a hyphenated one counts once: "the two-day meeting"; a place: "the Geneva round") + an `[[event]]` head | the event in focus, of a fitting subtype, held at the place the text gives (after a place modifier, only an event known to be held there) | 10 sentences |
//! | "there", "here" | a `[place]` form, not existential | the event in focus | 2 sentences |
//! | relative pronoun | a `[[relative]]` form ("who", "which") | the name right before it, not in a prepositional phrase, not ending a list | its sentence |
//! | "we", "our" | a `quoted` pronoun inside a quotation | the speaker's side (the speaker, or the one side of its appositive or title) | the quotation |
//! | set phrase | a `[[set]]` phrase ("the two sides", "the guarantors"), not a label before a list | each member of the coordinated list the text established | 4 sentences |
//! | plural pronoun with no one antecedent | "they", "their" | each member of the coordinated subject before it | its sentence and the one before |
//!
//! The choice among candidates is [`antecedent::antecedent`]: agreement,
//! paragraphs, salience (recency, then subject or speaker), and no link
//! where two tie. Sets are chosen by [`antecedent::antecedent_set`]; a set
//! is one mention with a sense per member and a link to each member's
//! name ([`set_members`]), and the relate stage fans its edges out to each
//! member ([`fan_out_sets`]).

pub mod antecedent;
mod classes;
pub mod events;
pub mod lexicon;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::analysis::{
    Analysis, Link, Mention, MentionKind, Origin, Relation, Scratch, Sense, Stage,
};
use crate::document::Document;
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};
use crate::lexicon::WordHashSet;
use crate::text::{Span, Tokens};

use antecedent::{
    antecedent, antecedent_set, cataphor, Anaphor, AnaphorKind, Candidate, CandidateSet,
    Resolution, SetAnaphor,
};
use classes::{Class, Vocab};
use lexicon::{normal, CorefLexicon, Gender, Number};

/// How many sentences back a description reaches.
const DESCRIPTION_REACH: usize = 3;
/// How many sentences back an event noun reaches.
const EVENT_REACH: usize = 10;
/// How many sentences back a set phrase reaches ("the two sides").
const SET_REACH: usize = 4;
/// The longest set phrase, in tokens.
const SET_PHRASE_WORDS: usize = 4;
/// How many sentences back "there" reaches.
const PLACE_REACH: usize = 2;
/// A title anchored to a country reaches the whole document.
const DOCUMENT_REACH: usize = usize::MAX / 2;
/// How far before "that it" a verb of speech is looked for ("said at the weekend that it").
const SPEECH_REACH: usize = 6;
/// Words that open a clause: a pronoun after one can mean the subject before it.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "and", "but", "or", "which", "who", "whom", "because", "while", "when", "if", "as",
    "although", "though", "after", "before", "since", "until", "so", "to",
];
/// The determiners a description or an event noun starts with.
const DETERMINERS: &[&str] = &["the", "this", "these", "that", "those"];
/// Words around a name that can describe it ("envoy X", "the X group").
const HEAD_WINDOW: usize = 3;

/// The coreference stage.
pub struct Coref {
    gazetteer: Arc<Gazetteer>,
    lexicon: CorefLexicon,
    /// Per entity: the description heads the gazetteer gives it (by subtype or title).
    heads: Vec<Vec<String>>,
    /// The genders the gazetteer gives (attribute `gender`), found once here
    /// rather than by a walk over the whole gazetteer per document.
    genders: HashMap<EntityIdx, Gender>,
    /// Per event, the actors its names name ([`events::EventParties`]).
    parties: Arc<events::EventParties>,
    /// Per country: the organisations of subtype Government the gazetteer has for it.
    governments: HashMap<EntityIdx, Vec<EntityIdx>>,
    /// Every word list the scans ask of a token, as one map from a word to
    /// its [`Class`] bits: each token is looked up once per document
    /// ([`Coref::find`]), and each test after is a bit test.
    vocab: Vocab,
    /// The heads of descriptions and event nouns (one or two words), for
    /// the two-word phrases no token's class can answer for.
    head_words: Words,
    /// Male and female title words, each without its final dots ("Mr."
    /// as "Mr"), as the gender test compares them (a token's own class
    /// would keep the dots).
    male: Words,
    female: Words,
    /// The labels of the set phrases, every one (`lex.sets`' `label`s).
    set_labels: Vec<String>,
    /// Whether "" is a description's head (`head_description("")`): a
    /// lexicon read from a file has no empty head (see [`Coref::may_head`]).
    empty_head: bool,
    /// The types a description, a title standing alone, an event noun or
    /// "there" can stand for: every description's `refers`, and events (see
    /// [`Coref::nothing_to_find`]).
    noun_types: Vec<EntityType>,
}

/// A worker's buffers for [`Coref::find`], kept in its [`Scratch`] from one
/// document to the next (each is cleared and refilled per document).
#[derive(Default)]
struct CorefScratch {
    /// Per token: the mention covering it.
    covered: Vec<Option<usize>>,
    /// Per token: its [`Class`] bits.
    class: Vec<u32>,
    /// The tokens with a class bit the starts pass asks, in order.
    asked: Vec<u32>,
    /// The tokens the main scan of anaphors visits.
    starts: Vec<u32>,
    /// The tokens no mention covers that may start a set phrase
    /// ([`Class::SET_START`]), in order: the only ones the scan of set
    /// phrases stops at.
    set_starts: Vec<u32>,
    /// Per mention: its tokens (`Tokens::covering` of its span), as a range.
    mention_tokens: Vec<(u32, u32)>,
}

/// A set of words that most words of a text are not in, asked once per
/// word: each word's first byte and length, then its last byte and
/// length, are looked up in bit tables before the word is hashed (both are
/// needed of a member, so a word that fails either is none).
struct Words {
    words: WordHashSet,
    /// Per first byte, bit `min(len, 63)` set for each word's length.
    heads: Box<[u64; 256]>,
    /// Per last byte, bit `min(len, 63)` set for each word's length.
    tails: Box<[u64; 256]>,
}

impl FromIterator<String> for Words {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Words {
        let words: WordHashSet = iter.into_iter().collect();
        let mut heads = Box::new([0u64; 256]);
        let mut tails = Box::new([0u64; 256]);
        for w in &words {
            let first = w.bytes().next().unwrap_or(0);
            let last = w.bytes().next_back().unwrap_or(0);
            heads[usize::from(first)] |= 1 << w.len().min(63);
            tails[usize::from(last)] |= 1 << w.len().min(63);
        }
        Words {
            words,
            heads,
            tails,
        }
    }
}

impl Words {
    fn contains(&self, w: &str) -> bool {
        let first = w.bytes().next().unwrap_or(0);
        let last = w.bytes().next_back().unwrap_or(0);
        let len = 1 << w.len().min(63);
        self.heads[usize::from(first)] & len != 0
            && self.tails[usize::from(last)] & len != 0
            && self.words.contains(w)
    }
}

impl Coref {
    /// The stage over `gazetteer` (the one the mentions were tagged with) with
    /// `lexicon`, and the parties of its events (read once by the pipeline
    /// builder, shared with the relate stage).
    pub fn new(
        gazetteer: Arc<Gazetteer>,
        lexicon: CorefLexicon,
        parties: Arc<events::EventParties>,
    ) -> Coref {
        let heads = (0..gazetteer.len())
            .map(|i| gazetteer_heads(&gazetteer, &lexicon, EntityIdx(i as u32)))
            .collect();
        let genders = (0..gazetteer.len() as u32)
            .map(EntityIdx)
            .filter_map(|e| {
                match gazetteer
                    .entity(e)
                    .attributes
                    .get("gender")
                    .map(String::as_str)
                {
                    Some("male") => Some((e, Gender::Male)),
                    Some("female") => Some((e, Gender::Female)),
                    _ => None,
                }
            })
            .collect();
        let mut governments: HashMap<EntityIdx, Vec<EntityIdx>> = HashMap::new();
        for e in (0..gazetteer.len() as u32).map(EntityIdx) {
            let ent = gazetteer.entity(e);
            let government = ent.entity_type == EntityType::Organization
                && ent
                    .subtype
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case("government"));
            if let Some(c) = ent.country.as_deref().and_then(|c| gazetteer.get(c)) {
                if government {
                    governments.entry(c).or_default().push(e);
                }
            }
        }
        let head_words: Words = (lexicon.descriptions.keys())
            .chain(lexicon.events.keys())
            .cloned()
            .collect();
        let male = (lexicon.male.iter())
            .map(|w| w.trim_end_matches('.').to_string())
            .collect();
        let female = (lexicon.female.iter())
            .map(|w| w.trim_end_matches('.').to_string())
            .collect();
        let vocab = Vocab::new(vocabulary(&lexicon));
        let set_labels = (lexicon.sets.values())
            .flat_map(|p| p.label.iter().cloned())
            .collect();
        let empty_head = lexicon.descriptions.contains_key("") && head_words.contains("");
        let mut noun_types = vec![EntityType::Event];
        for ty in lexicon.descriptions.values().flat_map(|d| d.refers.iter()) {
            if !noun_types.contains(ty) {
                noun_types.push(*ty);
            }
        }
        Coref {
            gazetteer,
            lexicon,
            heads,
            genders,
            parties,
            governments,
            vocab,
            head_words,
            male,
            female,
            set_labels,
            empty_head,
            noun_types,
        }
    }
}

/// Every word of the lists the scans ask of a token, with its [`Class`]
/// bit: one entry per word and list (a word in several lists gets their
/// union in [`Vocab::new`]).
fn vocabulary(lex: &CorefLexicon) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = Vec::new();
    let mut add = |words: &mut dyn Iterator<Item = &str>, bit: u32| {
        v.extend(words.map(|w| (w.to_string(), bit)));
    };
    // A phrase's (or head's, or entry's) leading words before each space.
    fn leading(phrase: &str) -> impl Iterator<Item = &str> {
        phrase.match_indices(' ').map(move |(i, _)| &phrase[..i])
    }
    add(
        &mut (lex.relatives.keys().map(String::as_str))
            .chain(lex.pronouns.keys().map(String::as_str))
            .chain(lex.places.iter().map(String::as_str))
            .chain(DETERMINERS.iter().copied())
            .chain(["'s"]),
        Class::ANAPHOR_START,
    );
    add(
        &mut lex
            .sets
            .keys()
            .flat_map(|phrase| leading(phrase).chain([phrase.as_str()])),
        Class::SET_START,
    );
    add(
        &mut lex.sets.keys().flat_map(|phrase| {
            let after = phrase.match_indices(' ').map(|(i, _)| &phrase[i + 1..]);
            after.chain([phrase.as_str()])
        }),
        Class::SET_END,
    );
    let heads = || {
        (lex.descriptions.keys().map(String::as_str)).chain(lex.events.keys().map(String::as_str))
    };
    add(&mut heads(), Class::HEAD);
    add(&mut heads().flat_map(leading), Class::HEAD_PREFIX);
    add(
        &mut lex.descriptions.keys().map(String::as_str),
        Class::DESCRIPTION,
    );
    add(&mut ["-"].into_iter(), Class::HYPHEN);
    let lists: [(&[String], u32); 9] = [
        (&lex.prepositions, Class::PREPOSITION),
        (&lex.title_words, Class::TITLE_WORD),
        (&lex.not_names, Class::NOT_NAME),
        (&lex.speech, Class::SPEECH),
        (&lex.speech_aux, Class::SPEECH_AUX),
        (&lex.adverbs, Class::ADVERB),
        (&lex.participles, Class::PARTICIPLE),
        (&lex.passive_aux, Class::PASSIVE_AUX),
        (&lex.plural_nouns, Class::PLURAL_NOUN),
    ];
    for (list, bit) in lists {
        add(&mut list.iter().map(String::as_str), bit);
    }
    add(&mut lex.pronouns.keys().map(String::as_str), Class::PRONOUN);
    add(
        &mut (lex.pronouns.iter())
            .filter(|(_, p)| p.quoted)
            .map(|(w, _)| w.as_str()),
        Class::QUOTED,
    );
    add(
        &mut lex.relatives.keys().map(String::as_str),
        Class::RELATIVE,
    );
    add(&mut lex.places.iter().map(String::as_str), Class::PLACE);
    add(&mut DETERMINERS.iter().copied(), Class::DETERMINER);
    add(&mut CLAUSE_OPENERS.iter().copied(), Class::CLAUSE_OPENER);
    add(
        &mut lex.expletive.iter().map(String::as_str),
        Class::EXPLETIVE,
    );
    add(
        &mut lex.expletive.iter().flat_map(|e| leading(e)),
        Class::EXPLETIVE_FIRST,
    );
    // The words and marks the scans compare a token with as they walk
    // (each bit exactly the list the comparison it stands for named).
    let marks: [(&[&str], u32); 8] = [
        (&[",", ";", ":"], Class::CLAUSE_PUNCT),
        (&["\""], Class::QUOTE_MARK),
        (&["("], Class::OPEN),
        (&[")"], Class::CLOSE),
        (&["-", "\u{2013}"], Class::DASH),
        (&["the", "a", "an"], Class::ARTICLE),
        (&["which", "who", "whom", "whose", "that"], Class::WH),
        (&["'s"], Class::POSSESSIVE_S),
    ];
    for (words, bit) in marks {
        add(&mut words.iter().copied(), bit);
    }
    v
}

impl Stage for Coref {
    fn name(&self) -> &'static str {
        "coref"
    }

    fn uses_tokens(&self) -> bool {
        true
    }

    /// Only where some mention is resolved (see [`Coref::find`]).
    fn needs_tokens(&self, a: &Analysis) -> bool {
        has_antecedents(a)
    }

    /// From before the paragraph of the first mention (any, resolved or
    /// not: the event references resolved at the start of [`Stage::run`]
    /// count). Nothing before that paragraph can resolve: every antecedent,
    /// set member, speaker and quotation's side is a mention before the
    /// anaphor or in its sentence (a title standing alone: its anchor in the
    /// same phrase, its holder after it), and a quotation does not run past
    /// its paragraph. The layer starts at the last sentence before the
    /// paragraph that surely has a token (a letter or digit, not over the
    /// length limit), as a name opening the paragraph reads the token before it.
    fn tokens_from(&self, text: &str, a: &Analysis) -> usize {
        let Some(s0) = a.mentions.first().and_then(|m| a.sentence_at(m.span.start)) else {
            return 0;
        };
        // Back to the paragraph's first sentence: the walk stops where a
        // paragraph break is in the gap before (what `paragraphs` counts),
        // reading only the gaps before `s0`.
        let mut from = s0;
        while from > 0 && !paragraph_break_before(text, &a.sentences, from) {
            from -= 1;
        }
        while from > 0 {
            from -= 1;
            let s = a.sentences[from];
            let has_token = s.len() <= crate::text::tokens::MAX_TOKENIZED_SENTENCE
                && text
                    .get(s.range())
                    .is_some_and(|t| t.bytes().any(|b| b.is_ascii_alphanumeric()));
            if has_token {
                break;
            }
        }
        from
    }

    fn run(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch) {
        // References several events share ("the talks"): by place, parties, recency.
        let newly = events::resolve_references(&self.gazetteer, &self.parties, &doc.text, a);
        a.stats.unresolved = a.stats.unresolved.saturating_sub(newly);
        let found = self.find_with(&doc.text, a, scratch.get::<CorefScratch>());
        a.stats.unresolved += found.ambiguous;
        insert(a, found.linked, found.sets);
    }
}

/// A set anaphor: its span, its kind (description or pronoun) and each
/// member's (entity, mention id of its name).
pub type SetLink = (Span, MentionKind, Vec<(EntityIdx, usize)>);

/// What [`Coref::find`] returns.
#[derive(Debug, Default)]
pub struct Found {
    /// (anaphor span, its kind, the entity, the antecedent: `Ok(mention id)`
    /// of an existing mention or `Err(k)` the k-th anaphor of this list).
    pub linked: Vec<(Span, MentionKind, EntityIdx, Result<usize, usize>)>,
    /// Anaphors left with two equally good antecedents.
    pub ambiguous: usize,
    /// Set phrases ("the two sides") and the members of the set each
    /// stands for: (span, [(entity, mention id of the member's name)]).
    pub sets: Vec<SetLink>,
}

/// One anaphor found in the text, before resolution.
struct Found1 {
    anaphor: Anaphor,
    kind: MentionKind,
    /// The candidate it stands for, where the syntax alone decides (a
    /// relative pronoun and the name right before it).
    fixed: Option<usize>,
    /// An event noun with a place among its modifiers ("the Geneva round"):
    /// only an event known to be held there (by its country or the place
    /// its own name names) is its antecedent.
    placed: bool,
}

impl Coref {
    /// Find the anaphors of `a` and their antecedents (the stage without the
    /// insertion of mentions).
    pub fn find(&self, text: &str, a: &Analysis) -> Found {
        self.find_with(text, a, &mut CorefScratch::default())
    }

    /// Whether the last word of the phrase at `span` is a plural noun (by
    /// its ending or the lexicon's plural nouns): the number a description
    /// takes from its own noun ("the rebels", "the paramilitary group").
    fn ends_in_plural_noun(&self, toks: &Tokens, span: (usize, usize)) -> bool {
        let last = toks
            .covering(Span::new(span.0, span.1))
            .last()
            .map_or("", |u| toks.norm(u));
        is_plural_noun(last) || self.vocab.get(last) & Class::PLURAL_NOUN != 0
    }

    /// [`Coref::find`] with a worker's buffers.
    fn find_with(&self, text: &str, a: &Analysis, scratch: &mut CorefScratch) -> Found {
        self.find_with_skip(text, a, scratch, true)
    }

    /// [`Coref::find_with`], where `skip` lets it return at once on a
    /// document [`Coref::nothing_to_find`] answers for, and pass over the
    /// set phrases and the quoted pronouns where they can find nothing (the
    /// tests ask both).
    fn find_with_skip(
        &self,
        text: &str,
        a: &Analysis,
        scratch: &mut CorefScratch,
        skip: bool,
    ) -> Found {
        let lex = &self.lexicon;
        let gaz = &*self.gazetteer;
        let toks = &a.tokens;
        let mut out = Found::default();
        if toks.is_empty() || !has_antecedents(a) {
            return out;
        }
        // Per token: the mention covering it, and its word classes.
        let CorefScratch {
            covered,
            class,
            asked,
            starts,
            set_starts,
            mention_tokens,
        } = scratch;
        // The word classes first, though only the skip decision and the
        // scan below read them: `classify` reads no mention, quotation or
        // list, and nothing here writes what it reads, so its place does not
        // change what it gives. It reads every token's record in order (a
        // walk the prefetcher follows), so the mentions' binary searches
        // below (`Tokens::covering`) find the records in the cache: they
        // held 16% of this function's time, stalled on their first loads.
        const ASKED: u32 = Class::ANAPHOR_START | Class::SET_START | Class::QUOTED;
        self.vocab.classify(toks, class, ASKED, asked);
        let (paragraph, para_start) = paragraphs(text, &a.sentences);
        let quotes = quotes(text, &a.sentences, &paragraph);
        let all_lists = coordinated_lists(text, a, gaz);
        let quote_of = |pos: usize| quotes.iter().position(|q| q.start <= pos && pos < q.end);
        covered.clear();
        covered.resize(toks.len(), None);
        mention_tokens.clear();
        for (mi, m) in a.mentions.iter().enumerate() {
            let range = toks.covering(m.span);
            mention_tokens.push((range.start as u32, range.end as u32));
            for t in range {
                covered[t] = Some(mi);
            }
        }
        let covered: &[Option<usize>] = covered;
        // The tokens of mention `mi` (`toks.covering` of its span, found
        // once above: the mentions do not change in this function).
        let mention_tokens: &[(u32, u32)] = mention_tokens;
        let tokens_of = |mi: usize| {
            let (from, to) = mention_tokens[mi];
            from as usize..to as usize
        };
        // One pass: each token's classes (`classify`, above); the tokens no
        // mention covers that can start an anaphor, in order (`starts`: the
        // main scan visits only these); and the union of those tokens'
        // classes (`uncovered`). (`uncovered` is read only for `SET_START`
        // and `QUOTED`: the tokens with none of the three bits asked add
        // nothing to it, nor to the lists: only the others, `asked`, are
        // visited.)
        if skip && self.nothing_to_find(a, class, asked, mention_tokens, &quotes, &all_lists) {
            return out;
        }
        starts.clear();
        set_starts.clear();
        let mut uncovered = 0u32;
        for &t in asked.iter() {
            let (t, c) = (t as usize, class[t as usize]);
            if covered[t].is_none() {
                uncovered |= c;
                if c & Class::ANAPHOR_START != 0 {
                    starts.push(t as u32);
                }
                if c & Class::SET_START != 0 {
                    set_starts.push(t as u32);
                }
            }
        }
        let cls: &[u32] = class;
        let is = |t: usize, bit: u32| cls[t] & bit != 0;
        let norm = |i: usize| toks.norm(i);
        let upper = |t: usize| upper_initial(toks, t, text);
        let sets: Vec<(usize, usize, usize)> = all_lists
            .iter()
            .map(|l| (l.sentence, l.start, l.end))
            .collect();

        // Genders the text shows, per entity (over the gazetteer's, read once in `new`).
        let mut gender: HashMap<EntityIdx, Gender> = HashMap::new();
        for (mi, m) in a.mentions.iter().enumerate() {
            let (Some(e), Some(first)) = (m.entity, tokens_of(mi).next()) else {
                continue;
            };
            if first == 0 {
                continue;
            }
            let before = norm(first - 1).trim_end_matches('.');
            if self.male.contains(before) {
                gender.insert(e, Gender::Male);
            } else if self.female.contains(before) {
                gender.insert(e, Gender::Female);
            }
        }

        // Candidates: every resolved mention.
        let mut cands: Vec<Candidate> = Vec::new();
        let mut cand_mention: Vec<Result<usize, usize>> = Vec::new();
        let mut first_actor_seen: Vec<bool> = vec![false; a.sentences.len()];
        // Per sentence: the token after its first actor and that actor's
        // candidate, where it is a country or organisation and the subject
        // ("Army chief Gen. X").
        let mut modifier_subject_end: Vec<Option<(usize, usize)>> = vec![None; a.sentences.len()];
        // The two-word phrase being looked up (see `two_in`).
        let mut pair = String::new();
        for (mi, m) in a.mentions.iter().enumerate() {
            let Some(e) = m.entity else { continue };
            // "Syrian forces": an adjective, not a mention of the country a pronoun could mean.
            if m.kind == MentionKind::Demonym {
                continue;
            }
            let Some(sentence) = a.sentence_at(m.span.start) else {
                continue;
            };
            let ent = gaz.entity(e);
            let range = tokens_of(mi);
            if range.is_empty() {
                continue;
            }
            let sent_toks = toks.sentence(sentence);
            // The token before it, in its sentence.
            let prev = (range.start > sent_toks.start).then(|| range.start - 1);
            let is_actor = ent.entity_type.is_actor();
            // A preposition before it, across modifiers ("in central and northern Syria").
            let oblique = (sent_toks.start..range.start)
                .rev()
                .take(4)
                .take_while(|&u| covered[u].is_none() || covered[u] == Some(mi))
                .take_while(|&u| {
                    !is(
                        u,
                        Class::CLAUSE_PUNCT | Class::OPEN | Class::QUOTE_MARK | Class::DASH,
                    )
                })
                .any(|u| is(u, Class::PREPOSITION));
            // Clause-initial: between the clause's start and the name, only
            // determiners, names, capitalised words and title words
            // ("Iranian foreign minister X"), never a verb ("The rain kept X").
            let clause_start = (sent_toks.start..range.start)
                .rev()
                .find(|&u| covered[u].is_none() && is(u, Class::CLAUSE_PUNCT))
                .map_or(sent_toks.start, |u| u + 1);
            let clause_initial = (clause_start..range.start).all(|u| {
                covered[u].is_some()
                    || is(
                        u,
                        Class::ARTICLE | Class::QUOTE_MARK | Class::OPEN | Class::CLOSE,
                    )
                    || upper(u)
                    || is(u, Class::TITLE_WORD | Class::DESCRIPTION)
            });
            let mut subject = false;
            if is_actor && !first_actor_seen[sentence] {
                first_actor_seen[sentence] = true;
                // The first actor, with no preposition, relative clause or
                // unknown name before it.
                subject = clause_initial
                    && (sent_toks.start..range.start).all(|u| {
                        let unknown_name = u > sent_toks.start
                            && covered[u].is_none()
                            && upper(u)
                            && !is(u, Class::NOT_NAME);
                        !is(u, Class::PREPOSITION) && !is(u, Class::WH) && !unknown_name
                    });
                if subject && ent.entity_type != EntityType::Person {
                    modifier_subject_end[sentence] = Some((range.end, cands.len()));
                }
            } else if ent.entity_type == EntityType::Person {
                // "Army chief Gen. X has called ...", "U.N. envoy X said":
                // a country or organisation that is the first actor and
                // only the modifier of a title before a person's name is
                // no subject: the person heads the subject (a pronoun in
                // the next sentence may mean X, and "it" not the
                // organisation). Only title words (one at least) and
                // capitalised words between ("Secretary-General"); no comma.
                if let Some((from, modifier)) = modifier_subject_end[sentence].take() {
                    let between = from..range.start;
                    let plain = between.clone().all(|u| {
                        covered[u].is_none()
                            && (is(u, Class::TITLE_WORD | Class::DESCRIPTION)
                                || (upper(u) && !is(u, Class::PREPOSITION))
                                || matches!(norm(u), "." | "'s" | "-"))
                    });
                    let titled = between
                        .clone()
                        .any(|u| is(u, Class::TITLE_WORD | Class::DESCRIPTION));
                    subject = plain && titled;
                    if subject {
                        cands[modifier].subject = false;
                    }
                }
            }
            // The speaker: "X said", "X, ..., told", "said X".
            // The speaker: "X said", "said X" (not "... in Syria, said": that
            // comma closes a clause the name is inside of).
            // "X has said", "X, said" (X an appositive: ", Alloush, said").
            let mut next = range.end;
            if next < sent_toks.end && norm(next) == "," && prev.is_some_and(|p| norm(p) == ",") {
                next += 1;
            }
            while next < sent_toks.end && is(next, Class::SPEECH_AUX) {
                next += 1;
            }
            // "..., said Zhainakov." (not "said X would come": X starts a clause).
            let ends_clause = range.end >= sent_toks.end
                || matches!(norm(range.end), "," | "." | ";" | ":" | "\"");
            let speaker = (next < sent_toks.end && is(next, Class::SPEECH))
                || (ends_clause && prev.is_some_and(|p| is(p, Class::SPEECH)));
            if speaker && !oblique {
                subject = true;
            }
            // The agent of a passive: "was headed by X", "will be led by the
            // Yish envoy X" (a form of "be", a participle, "by", then only
            // determiners, names and title words; `cues.participles` for
            // participles not in "-ed", `cues.passive_aux` for "be": the
            // classes `PARTICIPLE` and `PASSIVE_AUX`).
            let agent = is_actor
                && !subject
                // "led by X and Y": a pair, not one agent.
                && !(range.end < sent_toks.end && matches!(norm(range.end), "and" | "or"))
                && (sent_toks.start + 1..range.start)
                    .rev()
                    .take(5)
                    .find(|&u| {
                        !(covered[u].is_some()
                            || is(u, Class::ARTICLE | Class::POSSESSIVE_S)
                            || is(u, Class::TITLE_WORD)
                            || upper(u))
                    })
                    .is_some_and(|u| {
                        let participle = norm(u - 1);
                        let mut aux = u - 1;
                        while aux > sent_toks.start && is(aux - 1, Class::ADVERB) {
                            aux -= 1;
                        }
                        norm(u) == "by"
                            && (participle.len() > 4 && participle.ends_with("ed")
                                || is(u - 1, Class::PARTICIPLE))
                            && aux > sent_toks.start
                            && is(aux - 1, Class::PASSIVE_AUX)
                    });
            let last = norm(range.end - 1);
            let last_text = toks.text(range.end - 1, text);
            let plural_word = last_text.chars().all(|c| !c.is_uppercase())
                && last.ends_with('s')
                && !last.ends_with("'s")
                && !last.ends_with("ss");
            let number = match ent.entity_type {
                // A lower-case last word ("the army" of the "X Armed
                // Forces") tells the number itself; a name's does not.
                EntityType::Organization
                    if plural_word
                        || is(range.end - 1, Class::PLURAL_NOUN)
                        || (last_text.chars().any(char::is_uppercase)
                            && ent.name.split_whitespace().last().is_some_and(|w| {
                                self.vocab.get(&w.to_lowercase()) & Class::PLURAL_NOUN != 0
                            })) =>
                {
                    Number::Plural
                }
                _ => Number::Singular,
            };
            // The gazetteer's heads, borrowed; copied only where the text adds one.
            let mut heads: Cow<[String]> = Cow::Borrowed(&self.heads[e.index()]);
            // Heads the text puts near the name: "envoy X", "the X group", "X, the UN envoy".
            let lo = range.start.saturating_sub(HEAD_WINDOW).max(sent_toks.start);
            let hi = (range.end + HEAD_WINDOW).min(sent_toks.end);
            for t in (lo..range.start).chain(range.end..hi) {
                if covered[t].is_some() {
                    continue;
                }
                // The word, then the pair from it (built in `pair`, kept
                // only where it is a head: most are not). Neither is asked
                // where its class shows it is no head (`heads_at`), and a
                // word that can give no head is passed over (`may_head`).
                if !self.may_head(cls, t, hi) {
                    continue;
                }
                let (one, two) = self.heads_at(cls, &mut pair, toks, t, hi);
                for w in [one, two].into_iter().flatten() {
                    if let Some(d) = self.head_description(w) {
                        if d.refers.contains(&ent.entity_type) && !heads.iter().any(|h| h == w) {
                            heads.to_mut().push(w.to_string());
                        }
                    }
                }
            }
            // "Ukrainian President X", "Syria's ambassador X": the head with its country.
            for t in lo..range.start {
                if !self.may_head(cls, t, range.start) {
                    continue;
                }
                let (one, two) = self.heads_at(cls, &mut pair, toks, t, range.start);
                for w in [one, two].into_iter().flatten() {
                    let Some(d) = self.head_description(w) else {
                        continue;
                    };
                    if !d.title || !d.refers.contains(&ent.entity_type) {
                        continue;
                    }
                    let anchor = (lo..t).rev().find_map(|u| {
                        covered[u]
                            .and_then(|j| a.mentions[j].entity)
                            .filter(|&x| gaz.entity(x).entity_type != EntityType::Person)
                    });
                    if let Some(x) = anchor {
                        let h = format!("{w}@{}", x.0);
                        if !heads.contains(&h) {
                            heads.to_mut().push(h);
                        }
                    }
                }
            }
            let mut places = Vec::new();
            if ent.entity_type == EntityType::Event {
                for id in [
                    ent.country.as_deref(),
                    ent.attributes.get("location").map(String::as_str),
                ]
                .into_iter()
                .flatten()
                {
                    if let Some(p) = gaz.get(id) {
                        places.push(p.0);
                    }
                }
            }
            cands.push(Candidate {
                span: (m.span.start, m.span.end),
                sentence,
                paragraph: paragraph[sentence],
                key: e.0,
                ty: ent.entity_type,
                subtype: ent.subtype.as_deref(),
                number,
                gender: gender.get(&e).or_else(|| self.genders.get(&e)).copied(),
                heads,
                subject,
                agent,
                oblique: oblique && !subject,
                quote: quote_of(m.span.start),
                places,
            });
            cand_mention.push(Ok(mi));
        }

        // Anaphors, in text order. Most words start none: only the tokens
        // of `starts` are visited (the others would each have been passed
        // over, `t += 1`, by their sentence's walk), and a description's
        // words are passed over to the token after it (`resume`), which is
        // in its sentence or starts the next, as the walk went on from it.
        let mut anaphors: Vec<Found1> = Vec::new();
        let mut resume = 0;
        for &t in starts.iter() {
            let t = t as usize;
            if t < resume {
                continue;
            }
            let Some(s) = toks.get(t).map(|tok| tok.sentence as usize) else {
                continue;
            };
            let range = toks.sentence(s);
            let base = |span: Span, kind: AnaphorKind| Anaphor {
                span: (span.start, span.end),
                sentence: s,
                paragraph: paragraph[s],
                paragraph_start: para_start[s],
                kind,
                types: Vec::new(),
                number: None,
                gender: None,
                head: None,
                subtypes: Vec::new(),
                quote: quote_of(span.start),
                reach: 0,
                places: Vec::new(),
            };
            let tok = toks.get(t).expect("in range");
            // (The word and its surface are read only in the branch that
            // asks them: most starts are determiners, which ask neither.)
            let surface = || toks.text(t, text);
            // Relative pronouns: the name right before ("X, who").
            if let Some(r) = is(t, Class::RELATIVE)
                .then(|| lex.relatives.get(norm(t)))
                .flatten()
            {
                if plain_case(surface()) {
                    if let Some(i) = self.relative_antecedent(
                        &r.refers,
                        a,
                        covered,
                        &cands,
                        &cand_mention,
                        &sets,
                        t,
                        range.start,
                    ) {
                        let mut an = base(tok.span, AnaphorKind::Pronoun);
                        an.types = r.refers.clone();
                        anaphors.push(Found1 {
                            anaphor: an,
                            kind: MentionKind::Pronoun,
                            fixed: Some(i),
                            placed: false,
                        });
                    }
                }
                continue;
            }
            // Pronouns.
            let w = if is(t, Class::PRONOUN) { norm(t) } else { "" };
            if let Some(p) = is(t, Class::PRONOUN).then(|| lex.pronouns.get(w)).flatten() {
                let expletive = (w == "it") && self.expletive_after(toks, cls, t + 1, range.end);
                // "we", "our" stand for the speaker's side: not resolved yet.
                if plain_case(surface()) && !expletive && !p.quoted {
                    let mut an = base(tok.span, AnaphorKind::Pronoun);
                    an.types = p.refers.clone();
                    an.number = Some(p.number);
                    an.gender = p.gender;
                    an.reach = 1;
                    anaphors.push(Found1 {
                        anaphor: an,
                        kind: MentionKind::Pronoun,
                        fixed: None,
                        placed: false,
                    });
                }
                continue;
            }
            // "there", "here".
            if is(t, Class::PLACE) {
                if plain_case(surface()) && !self.expletive_after(toks, cls, t + 1, range.end) {
                    let mut an = base(tok.span, AnaphorKind::Event);
                    an.types = vec![EntityType::Event];
                    an.reach = PLACE_REACH;
                    // A place one goes to: a meeting, not an agreement.
                    an.subtypes = lex
                        .events
                        .get("meeting")
                        .map(|e| e.subtypes.clone())
                        .unwrap_or_default();
                    anaphors.push(Found1 {
                        anaphor: an,
                        kind: MentionKind::Pronoun,
                        fixed: None,
                        placed: false,
                    });
                }
                continue;
            }
            // Descriptions and event nouns: a determiner (or a country's
            // "'s"), up to two modifiers, a head.
            // ("'s" is no determiner: where `det` holds, `possessive` does not.)
            let det = is(t, Class::DETERMINER);
            let possessive = !det
                && is(t, Class::POSSESSIVE_S)
                && t > range.start
                && covered[t - 1].is_some_and(|j| {
                    a.mentions[j].entity.is_some_and(|x| {
                        matches!(
                            gaz.entity(x).entity_type,
                            EntityType::Country | EntityType::Organization
                        )
                    })
                });
            // "Friday's talks", "last week's meeting": a time word's "'s"
            // opens an event noun as a determiner does (`cues.time_possessors`).
            let time = is(t, Class::POSSESSIVE_S)
                && !possessive
                && t > range.start
                && covered[t - 1].is_none()
                && {
                    // (the word read once, not once per time word)
                    let before = norm(t - 1);
                    lex.time_possessors.iter().any(|x| x == before)
                };
            if det || possessive || time {
                if let Some((mut an, kind, next)) =
                    self.description(text, a, covered, cls, t, range.end, possessive, &base)
                {
                    if time {
                        if an.kind != AnaphorKind::Event {
                            continue;
                        }
                        an.span.0 = toks.get(t - 1).map_or(an.span.0, |tok| tok.span.start);
                    }
                    // (The place modifier is the mention right before the span.)
                    let first = toks.covering(Span::new(an.span.0, an.span.0)).start;
                    let placed = an.kind == AnaphorKind::Event
                        && first > 0
                        && covered[first - 1].is_some_and(|j| {
                            a.mentions[j]
                                .entity
                                .is_some_and(|x| gaz.entity(x).entity_type == EntityType::Place)
                        });
                    anaphors.push(Found1 {
                        anaphor: an,
                        kind,
                        fixed: None,
                        placed,
                    });
                    resume = next;
                    continue;
                }
            }
        }

        // A quotation of several sentences is one unit for an event's reach:
        // "here" three sentences into a quotation reaches as far back as it
        // would from the quotation's first sentence.
        for f in &mut anaphors {
            let an = &mut f.anaphor;
            if an.kind != AnaphorKind::Event {
                continue;
            }
            if let Some(first) = an.quote.and_then(|q| a.sentence_at(quotes[q].start)) {
                an.reach += an.sentence.saturating_sub(first);
            }
        }
        // (`cand_mention` gains only anaphors, `Err`, from here on, so these
        // are also the lists `find_sets` reads.)
        let lists = set_lists(a, gaz, &all_lists, &cand_mention);
        // Descriptions left without an antecedent so far ("the group" with
        // two groups near), as (span, types, plural): each is something a
        // later pronoun may mean.
        let mut open: Vec<((usize, usize), &[EntityType], bool)> = Vec::new();
        // Resolve in text order; a resolved anaphor is a candidate for the next.
        for (k, f) in anaphors.iter().enumerate() {
            let _ = k;
            let mut resolution = match f.fixed {
                Some(i) => Resolution::Linked(i),
                None => antecedent(&f.anaphor, &cands),
            };
            // "flew to the EU summit ... joined them there": of two events
            // equally near, "there"/"here" means the one the text writes as
            // a place (after a preposition), where only one is.
            if let Resolution::Ambiguous(tied) = &resolution {
                if f.anaphor.kind == AnaphorKind::Event && f.kind == MentionKind::Pronoun {
                    let placed: Vec<usize> =
                        tied.iter().copied().filter(|&i| cands[i].oblique).collect();
                    if let [i] = placed[..] {
                        resolution = Resolution::Linked(i);
                    }
                }
            }
            if let (Resolution::Linked(i), None) = (&resolution, f.fixed) {
                let i = *i;
                let c = &cands[i];
                let an = &f.anaphor;
                // "Turkey and Russia can use their influence": a plural pronoun
                // after a coordinated list means the list, which one mention
                // cannot hold: no link.
                let set_since = an.kind == AnaphorKind::Pronoun
                    && an.number == Some(Number::Plural)
                    && sets.iter().any(|&(sentence, start, end)| {
                        end <= an.span.0 && start >= c.span.0 && an.sentence - sentence <= an.reach
                    });
                // "the group" after another, unnamed "X group" since the antecedent.
                let head_since = an.kind == AnaphorKind::Description
                    && an.head.as_deref().is_some_and(|h| {
                        let h = h.split('@').next().unwrap_or(h);
                        let from = toks.covering(Span::new(c.span.1, c.span.1)).start + HEAD_WINDOW;
                        let to = toks.covering(Span::new(an.span.0, an.span.0)).start;
                        (from..to).any(|u| {
                            covered[u].is_none() && (norm(u) == h || is_two(toks, u, to, h))
                        })
                    });
                if set_since || head_since {
                    resolution = Resolution::Ambiguous(vec![i]);
                }
            }
            // "Ukraine's president said ... Petro Poroshenko": a title standing
            // alone with its country, named nowhere before, is its one holder
            // named just after.
            if f.fixed.is_none()
                && f.anaphor.kind == AnaphorKind::Description
                && resolution == Resolution::Unresolved
            {
                resolution = cataphor(&f.anaphor, &cands);
            }
            if f.anaphor.kind == AnaphorKind::Pronoun && f.fixed.is_none() {
                let at = toks
                    .covering(Span::new(f.anaphor.span.0, f.anaphor.span.1))
                    .start;
                let sent = toks.sentence(f.anaphor.sentence);
                // "X said it ...": the pronoun is X, whoever else is near.
                match self.speaker_before(toks, covered, cls, at, sent.start) {
                    Speaker::Mention(mj) => {
                        let want = a.mentions[mj].entity.map(|e| e.0);
                        resolution = match (want, &resolution) {
                            (Some(k), Resolution::Linked(i)) if cands[*i].key == k => resolution,
                            (Some(_), _) => cand_mention
                                .iter()
                                .position(|&cm| cm == Ok(mj))
                                .filter(|&i| compatible_loose(&f.anaphor, &cands[i]))
                                .map_or(Resolution::Unresolved, Resolution::Linked),
                            (None, _) => Resolution::Unresolved,
                        };
                    }
                    Speaker::Unknown => resolution = Resolution::Unresolved,
                    Speaker::Pronoun | Speaker::None => {}
                }
                // "The Kremlin denied it": an object pronoun is not the subject
                // of its own clause (that would be "itself").
                if let Resolution::Linked(i) = resolution {
                    let c = &cands[i];
                    let possessive = matches!(toks.norm(at), "its" | "his" | "their" | "her");
                    let object = at > sent.start
                        && toks.text(at - 1, text).chars().all(|ch| ch.is_lowercase())
                        && !is(
                            at - 1,
                            Class::SPEECH | Class::PREPOSITION | Class::CLAUSE_OPENER,
                        );
                    let from = toks.covering(Span::new(c.span.1, c.span.1)).start;
                    let same_clause = c.sentence == f.anaphor.sentence
                        && (from..at).all(|u| {
                            !is(
                                u,
                                Class::CLAUSE_PUNCT
                                    | Class::QUOTE_MARK
                                    | Class::OPEN
                                    | Class::CLOSE
                                    | Class::CLAUSE_OPENER
                                    | Class::SPEECH,
                            )
                        });
                    if object && !possessive && same_clause {
                        resolution = Resolution::Unresolved;
                    }
                }
                // An unknown name between the antecedent and the pronoun may be what it means.
                if let Resolution::Linked(i) = resolution {
                    let from = toks
                        .covering(Span::new(cands[i].span.1, cands[i].span.1))
                        .start;
                    // (The cheap tests first: the same conjunction.)
                    // (A capitalised title word, "whose President X", is no name.)
                    let unknown = (from..at).any(|u| {
                        covered[u].is_none()
                            && upper(u)
                            && !is(u, Class::NOT_NAME | Class::TITLE_WORD)
                            && u != toks
                                .sentence(toks.get(u).map_or(0, |t| t.sentence as usize))
                                .start
                            && quote_of(toks.get(u).map_or(0, |t| t.span.start)).is_none()
                            && toks.text(u, text).chars().any(char::is_lowercase)
                    });
                    if unknown {
                        resolution = Resolution::Unresolved;
                    }
                }
                // "The army accused X, while the group said army warplanes
                // had struck its positions": the speaker of the last verb of
                // speech before the pronoun in its sentence, where that is
                // another entity the pronoun could mean, may be what it
                // means: no link (the adjacent "X said it" is decided above).
                if let Resolution::Linked(i) = resolution {
                    let is = |u: usize, bit: u32| cls[u] & bit != 0;
                    let speech = (sent.start..at).rev().find(|&u| is(u, Class::SPEECH));
                    let mut r = speech.unwrap_or(sent.start);
                    while r > sent.start && is(r - 1, Class::SPEECH_AUX) {
                        r -= 1;
                    }
                    let speaker_end = (r > sent.start).then(|| toks.get(r - 1)).flatten();
                    let other = speaker_end.is_some_and(|tok| {
                        cands.iter().any(|c| {
                            c.span.1 == tok.span.end
                                && c.key != cands[i].key
                                && compatible_loose(&f.anaphor, c)
                        })
                    });
                    if other {
                        resolution = Resolution::Unresolved;
                    }
                }
                // "X said on RTS that President Y should use his influence":
                // the first actor after the last clause opener, verb of
                // speech or comma before the pronoun, where that is another
                // entity the pronoun could mean, may be what it means: no
                // link.
                if let Resolution::Linked(i) = resolution {
                    let is = |u: usize, bit: u32| cls[u] & bit != 0;
                    let boundary = (sent.start..at).rev().find(|&u| {
                        is(
                            u,
                            Class::CLAUSE_OPENER | Class::SPEECH | Class::CLAUSE_PUNCT,
                        )
                    });
                    let other = boundary.is_some_and(|b| {
                        (b + 1..at)
                            .filter_map(|u| covered[u])
                            .find(|&mj| {
                                a.mentions[mj].kind != MentionKind::Demonym
                                    && a.mentions[mj]
                                        .entity
                                        .is_some_and(|e| gaz.entity(e).entity_type.is_actor())
                            })
                            .and_then(|mj| cand_mention.iter().position(|&cm| cm == Ok(mj)))
                            .is_some_and(|j| {
                                cands[j].key != cands[i].key
                                    && compatible_loose(&f.anaphor, &cands[j])
                            })
                    });
                    if other {
                        resolution = Resolution::Unresolved;
                    }
                }
                // "... could allow the group to expand its territory", "the
                // group" unresolved: a description left open between the
                // antecedent and the pronoun, of a type and number it can
                // stand for, may be what it means.
                if let Resolution::Linked(i) = resolution {
                    let an = &f.anaphor;
                    let plural = an.number == Some(Number::Plural);
                    let between = open.iter().any(|&(span, types, p)| {
                        span.0 >= cands[i].span.1
                            && span.1 <= an.span.0
                            && (an.number.is_none() || p == plural)
                            && types.iter().any(|t| an.types.contains(t))
                    });
                    if between {
                        resolution = Resolution::Unresolved;
                    }
                }
            }
            // "Peru and Chile said they would come": a plural pronoun with no
            // one antecedent stands for the coordinated subject before it.
            if f.fixed.is_none()
                && f.anaphor.kind == AnaphorKind::Pronoun
                && f.anaphor.number == Some(Number::Plural)
                && !matches!(resolution, Resolution::Linked(_))
            {
                if let Some(l) = self.subject_set(
                    text,
                    a,
                    &f.anaphor,
                    &lists,
                    &cands,
                    &cand_mention,
                    cls,
                    &quote_of,
                ) {
                    let members = l
                        .members
                        .iter()
                        .filter_map(|&mi| a.mentions[mi].entity.map(|e| (e, mi)))
                        .collect();
                    let span = Span::new(f.anaphor.span.0, f.anaphor.span.1);
                    out.sets.push((span, MentionKind::Pronoun, members));
                    continue;
                }
            }
            // "the Geneva round": an event not known to be held there is not it.
            if let (true, Resolution::Linked(i)) = (f.placed, &resolution) {
                let c = &cands[*i];
                let known = c.places.iter().any(|p| f.anaphor.places.contains(p))
                    || self
                        .parties
                        .places_of(EntityIdx(c.key))
                        .iter()
                        .any(|p| f.anaphor.places.contains(&p.0));
                if !known {
                    resolution = Resolution::Unresolved;
                }
            }
            if f.anaphor.kind == AnaphorKind::Description
                && !matches!(resolution, Resolution::Linked(_))
            {
                let plural = self.ends_in_plural_noun(toks, f.anaphor.span);
                open.push((f.anaphor.span, &f.anaphor.types, plural));
            }
            match resolution {
                Resolution::Linked(i) => {
                    let c = cands[i].clone();
                    let e = EntityIdx(c.key);
                    let n = out.linked.len();
                    out.linked.push((
                        Span::new(f.anaphor.span.0, f.anaphor.span.1),
                        f.kind,
                        e,
                        cand_mention[i],
                    ));
                    if let Some(g) = f.anaphor.gender {
                        for c in cands.iter_mut().filter(|c| c.key == e.0) {
                            c.gender.get_or_insert(g);
                        }
                    }
                    let first_of_sentence = toks
                        .covering(Span::new(f.anaphor.span.0, f.anaphor.span.1))
                        .next()
                        .is_some_and(|ti| ti == toks.sentence(f.anaphor.sentence).start);
                    // A description's own noun tells its number ("the
                    // paramilitary group" of the "X Support Forces").
                    let number = match f.anaphor.kind {
                        AnaphorKind::Description if c.ty == EntityType::Organization => {
                            if self.ends_in_plural_noun(toks, f.anaphor.span) {
                                Number::Plural
                            } else {
                                Number::Singular
                            }
                        }
                        _ => c.number,
                    };
                    cands.push(Candidate {
                        span: f.anaphor.span,
                        sentence: f.anaphor.sentence,
                        paragraph: f.anaphor.paragraph,
                        quote: f.anaphor.quote,
                        subject: first_of_sentence || c.subject && c.sentence == f.anaphor.sentence,
                        agent: false,
                        oblique: false,
                        gender: f.anaphor.gender.or(c.gender),
                        number,
                        ..c
                    });
                    cand_mention.push(Err(n));
                }
                Resolution::Ambiguous(_) => out.ambiguous += 1,
                Resolution::Unresolved => {}
            }
        }
        self.find_governments(text, a, covered, &mut out);
        // A set phrase starts, and a quoted pronoun is, a token no mention
        // covers: with none such in the text, neither pass finds anything.
        // A set phrase is linked, or left ambiguous, only with a candidate
        // set near it: a coordinated list (`lists`) or a pair of an actor's
        // mention, "and", an article and a word (`find_sets`' `build`);
        // with neither (no list, and no mention with an entity followed by
        // "and"), `antecedent_set` has none to choose and no set is near.
        let may_pair = || {
            (a.mentions.iter().zip(mention_tokens.iter()))
                .any(|(m, &(_, end))| m.entity.is_some() && toks.norm(end as usize) == "and")
        };
        if uncovered & Class::SET_START != 0 && (!skip || !lists.is_empty() || may_pair()) {
            self.find_sets(text, a, covered, cls, set_starts, &lists, &mut out);
        }
        // A quoted pronoun is linked only where one lies inside a
        // quotation (`find_quoted`'s `words`, read of no other token); the
        // speakers it finds for the others are read only for those.
        let quoted_inside = || {
            asked.iter().any(|&t| {
                let t = t as usize;
                covered[t].is_none()
                    && cls[t] & Class::QUOTED != 0
                    && toks.get(t).is_some_and(|tok| {
                        (quotes.iter()).any(|q| q.start < tok.span.start && tok.span.end < q.end)
                    })
            })
        };
        if uncovered & Class::QUOTED != 0 && (!skip || quoted_inside()) {
            self.find_quoted(text, a, covered, cls, &quotes, &paragraph, &mut out);
        }
        out
    }

    /// Whether [`Coref::find`] surely finds nothing in `a` (no link, no set,
    /// no anaphor left ambiguous), told from the mentions' types and the
    /// pronouns near them, before any anaphor is looked for. With each
    /// token's classes (`cls`), the tokens `asked` of them (every pronoun's
    /// among them), each mention's tokens, the quotations and the
    /// coordinated lists of `a` (`lists`). It answers yes on many documents
    /// that name only countries (with the countries' gazetteer, 1,805 of the
    /// 7,673 with a mention that reach coreference with `--discover`).
    ///
    /// Whatever `find` gives comes of a candidate an anaphor agrees with:
    ///
    /// - Every candidate is a mention with an entity, or an anaphor resolved
    ///   to one, of that entity's type: the candidates' types are among the
    ///   mentions' entities' types (`types`). An anaphor is linked, or left
    ///   ambiguous, only with a candidate of a type it stands for
    ///   (`compatible`, `compatible_loose`, `cataphor`, the relative's
    ///   `refers`). A description, title standing alone, event noun or
    ///   "there" stands for `noun_types`: where `types` holds none of them,
    ///   none is linked or ambiguous.
    /// - A pronoun agrees in number; a candidate is plural only as an
    ///   organisation (`number` in the candidates' loop; a resolved anaphor
    ///   keeps its antecedent's, or an organisation's description its own),
    ///   so a plural pronoun needs an organisation among `types`.
    /// - A pronoun reaches its own sentence and the one before (`reach` 1),
    ///   and "X said it" reads the speaker in its own sentence; a relative
    ///   pronoun takes the mention right before it. So the first anaphor
    ///   linked (or ambiguous) is in a sentence a mention with an entity
    ///   starts, ends or spans, or the one after: no anaphor before it is a
    ///   candidate. Where no such sentence holds a pronoun or relative of a
    ///   type among `types`, there is no first one, so none.
    /// - A set phrase, and a plural pronoun for a coordinated subject, need a
    ///   coordinated list, or a pair ("X and a rival force") of a mention
    ///   followed by "and" (`find_sets`' candidate sets, `subject_set`).
    /// - "we" and "our" (`quoted` pronouns) are read inside quotations only
    ///   (`find_quoted`), and "his government" after a linked pronoun only.
    fn nothing_to_find(
        &self,
        a: &Analysis,
        cls: &[u32],
        asked: &[u32],
        mention_tokens: &[(u32, u32)],
        quotes: &[Span],
        lists: &[List],
    ) -> bool {
        let gaz = &*self.gazetteer;
        let lex = &self.lexicon;
        let toks = &a.tokens;
        if !lists.is_empty() {
            return false;
        }
        let mut types: Vec<EntityType> = Vec::new();
        for (m, &(_, end)) in a.mentions.iter().zip(mention_tokens) {
            let Some(e) = m.entity else { continue };
            let ty = gaz.entity(e).entity_type;
            if self.noun_types.contains(&ty) {
                return false;
            }
            if !types.contains(&ty) {
                types.push(ty);
            }
            if toks.norm(end as usize) == "and" {
                return false;
            }
        }
        let plural = types.contains(&EntityType::Organization);
        let stands_for = |refers: &[EntityType]| refers.iter().any(|ty| types.contains(ty));
        // The sentences a mention with an entity starts, ends or spans, and
        // the one after each.
        let mut near = vec![false; a.sentences.len() + 1];
        for m in &a.mentions {
            if m.entity.is_none() {
                continue;
            }
            let last = m.span.end.max(m.span.start + 1) - 1;
            let (Some(from), Some(to)) = (a.sentence_at(m.span.start), a.sentence_at(last)) else {
                return false;
            };
            near[from..=to + 1].fill(true);
        }
        // Pronouns, relative pronouns and "we" are among the tokens `asked`
        // (their forms start anaphors, `ANAPHOR_START`).
        for &t in asked {
            let (t, c) = (t as usize, cls[t as usize]);
            if c & (Class::PRONOUN | Class::RELATIVE | Class::QUOTED) == 0 {
                continue;
            }
            let Some(tok) = toks.get(t) else { continue };
            if c & Class::QUOTED != 0
                && quotes
                    .iter()
                    .any(|q| q.start <= tok.span.start && tok.span.start < q.end)
            {
                return false;
            }
            if !near[tok.sentence as usize] {
                continue;
            }
            if c & Class::PRONOUN != 0 {
                let p = &lex.pronouns[toks.norm(t)];
                if !p.quoted && stands_for(&p.refers) && (p.number == Number::Singular || plural) {
                    return false;
                }
            }
            if c & Class::RELATIVE != 0 && stands_for(&lex.relatives[toks.norm(t)].refers) {
                return false;
            }
        }
        true
    }

    /// "his government", "its regime": a `governments` noun after a
    /// possessive pronoun resolved to a person or a country stands for the
    /// government of that person's country (the gazetteer's `country`) or of
    /// that country: the one organisation of subtype Government the gazetteer
    /// has for it, where the document named it before (its latest mention is
    /// the antecedent). Two such governments, or none named: no link.
    fn find_governments(
        &self,
        text: &str,
        a: &Analysis,
        covered: &[Option<usize>],
        out: &mut Found,
    ) {
        let lex = &self.lexicon;
        let gaz = &*self.gazetteer;
        let toks = &a.tokens;
        if lex.governments.is_empty() {
            return;
        }
        let mut found = Vec::new();
        for &(span, kind, e, _) in &out.linked {
            if kind != MentionKind::Pronoun {
                continue;
            }
            let Some(t) = toks.covering(span).next() else {
                continue;
            };
            if !matches!(toks.norm(t), "his" | "her" | "its" | "their") {
                continue;
            }
            let noun = t + 1;
            let same_sentence = toks
                .get(noun)
                .is_some_and(|n| toks.get(t).is_some_and(|p| p.sentence == n.sentence));
            if !same_sentence
                || covered[noun].is_some()
                || !lex.governments.iter().any(|g| g == toks.norm(noun))
                || !plain_case(toks.text(noun, text))
            {
                continue;
            }
            let ent = gaz.entity(e);
            let state = match ent.entity_type {
                EntityType::Country => Some(e),
                EntityType::Person => ent.country.as_deref().and_then(|c| gaz.get(c)),
                _ => None,
            };
            let Some(state) = state else { continue };
            // The government that answers to the noun: one of its names or
            // references holds the word ("Afghan government", "the regime").
            let word = toks.norm(noun);
            let answers: Vec<EntityIdx> = self
                .governments
                .get(&state)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&g| {
                    let g = gaz.entity(g);
                    std::iter::once(&g.name)
                        .chain(&g.aliases)
                        .chain(&g.references)
                        .any(|n| normal(n).split_whitespace().any(|w| w == word))
                })
                .collect();
            let [gov] = answers[..] else { continue };
            let Some(mi) = a
                .mentions
                .iter()
                .rposition(|m| m.entity == Some(gov) && m.span.end <= span.start)
            else {
                continue;
            };
            let Some(tok) = toks.get(noun) else { continue };
            found.push((tok.span, MentionKind::Description, gov, Ok(mi)));
        }
        out.linked.extend(found);
    }

    /// "we", "us", "our" inside a quotation: the speaker's side. The speaker
    /// is the mention right after the quotation with a verb of speech
    /// ("...," X said / said X / X, a member of Y, told) or right before it
    /// (X said: "..."); the side is the speaker where it is a country or an
    /// organisation, else the one country or organisation of the speaker's
    /// appositive (", a spokesman for the Y,") or title ("Y's envoy X",
    /// "Yish minister X"). No speaker, or two sides: no link.
    #[allow(clippy::too_many_arguments)]
    fn find_quoted(
        &self,
        text: &str,
        a: &Analysis,
        covered: &[Option<usize>],
        cls: &[u32],
        quotes: &[Span],
        paragraph: &[usize],
        out: &mut Found,
    ) {
        let lex = &self.lexicon;
        let toks = &a.tokens;
        if !lex.pronouns.values().any(|p| p.quoted) {
            return;
        }
        let quoted = |u: usize| covered[u].is_none() && cls[u] & Class::QUOTED != 0;
        // The speaker of the latest quotation and its paragraph: a quotation
        // with no attribution of its own right after one in the same paragraph
        // continues it ("...," X told Y. "That is why we came.").
        let mut last: Option<(usize, usize)> = None;
        for q in quotes {
            let inside = toks.covering(*q);
            let para = a.sentence_at(q.start).map(|s| paragraph[s]);
            let own = self
                .speaker_after(a, covered, cls, inside.end)
                .or_else(|| self.speaker_before_quote(a, covered, cls, inside.start));
            let speaker = own.or_else(|| {
                last.filter(|&(p, m)| Some(p) == para && a.mentions[m].span.end <= q.start)
                    .map(|(_, m)| m)
            });
            last = speaker.zip(para).map(|(m, p)| (p, m));
            let words: Vec<usize> = inside
                .clone()
                .filter(|&u| {
                    quoted(u)
                        && toks
                            .get(u)
                            .is_some_and(|t| q.start < t.span.start && t.span.end < q.end)
                })
                .collect();
            if words.is_empty() {
                continue;
            }
            let Some(side) = speaker.and_then(|m| self.side_of(text, a, covered, m)) else {
                continue;
            };
            let Some(e) = a.mentions[side].entity else {
                continue;
            };
            for u in words {
                let Some(t) = toks.get(u) else { continue };
                let ok = lex
                    .pronouns
                    .get(toks.norm(u))
                    .is_some_and(|p| p.refers.contains(&self.gazetteer.entity(e).entity_type));
                if ok && plain_case(toks.text(u, text)) {
                    out.linked.push((t.span, MentionKind::Pronoun, e, Ok(side)));
                }
            }
        }
    }

    /// The speaker after a quotation ending before token `t`: ", X said",
    /// ", said X", ", X, a ... of Y, told".
    fn speaker_after(
        &self,
        a: &Analysis,
        covered: &[Option<usize>],
        cls: &[u32],
        t: usize,
    ) -> Option<usize> {
        let toks = &a.tokens;
        let sentence = toks.get(t.checked_sub(1)?)?.sentence as usize;
        let end = toks.sentence(sentence).end.max(t);
        let is = |u: usize, bit: u32| cls[u] & bit != 0;
        let is_speech = |u: usize| u < end && is(u, Class::SPEECH);
        let mut u = t;
        while u < end && matches!(toks.norm(u), "," | "\"" | "\u{201d}") {
            u += 1;
        }
        if is_speech(u) {
            // ", said X".
            return covered.get(u + 1).copied().flatten();
        }
        // The name, after any title before it ("Chilean envoy X").
        let person = |j: usize| {
            a.mentions[j]
                .entity
                .is_some_and(|x| self.gazetteer.entity(x).entity_type == EntityType::Person)
        };
        let mut m = covered.get(u).copied().flatten();
        let mut w = u;
        while w < end && w < u + 6 && !m.is_some_and(person) {
            let titled = covered[w].is_some() || is(w, Class::TITLE_WORD | Class::DESCRIPTION);
            if !titled {
                break;
            }
            w = covered[w].map_or(w + 1, |j| toks.covering(a.mentions[j].span).end);
            if let Some(j) = covered.get(w).copied().flatten().filter(|&j| person(j)) {
                m = Some(j);
            }
        }
        let m = m?;
        let mut v = toks.covering(a.mentions[m].span).end;
        // An appositive: ", a senior member of the Y delegation,".
        if v < end && toks.norm(v) == "," {
            let close = (v + 1..end.min(v + 16)).find(|&w| toks.norm(w) == ",")?;
            v = close + 1;
        }
        while v < end && is(v, Class::SPEECH_AUX) {
            v += 1;
        }
        is_speech(v).then_some(m)
    }

    /// The speaker before a quotation opening at token `t`: "X said: ".
    fn speaker_before_quote(
        &self,
        a: &Analysis,
        covered: &[Option<usize>],
        cls: &[u32],
        t: usize,
    ) -> Option<usize> {
        let toks = &a.tokens;
        let mut u = t.checked_sub(1)?;
        if matches!(toks.norm(u), ":" | ",") {
            u = u.checked_sub(1)?;
        }
        if cls.get(u).is_none_or(|c| c & Class::SPEECH == 0) {
            return None;
        }
        let mut v = u.checked_sub(1)?;
        while v > 0 && cls.get(v).is_some_and(|c| c & Class::SPEECH_AUX != 0) {
            v -= 1;
        }
        covered[v]
    }

    /// The side mention `m` speaks for (see [`Coref::find_quoted`]).
    fn side_of(
        &self,
        _text: &str,
        a: &Analysis,
        covered: &[Option<usize>],
        m: usize,
    ) -> Option<usize> {
        let gaz = &*self.gazetteer;
        let toks = &a.tokens;
        let e = a.mentions[m].entity?;
        let side_type = |x: EntityIdx| {
            matches!(
                gaz.entity(x).entity_type,
                EntityType::Country | EntityType::Organization
            )
        };
        if side_type(e) {
            return Some(m);
        }
        if gaz.entity(e).entity_type != EntityType::Person {
            return None;
        }
        let range = toks.covering(a.mentions[m].span);
        let sentence = toks.get(range.start)?.sentence as usize;
        let sent = toks.sentence(sentence);
        let mut found: Vec<usize> = Vec::new();
        // The appositive after the name: ", a spokesman for the Y,".
        if range.end < sent.end && toks.norm(range.end) == "," {
            let to = sent.end.min(range.end + 16);
            for (u, c) in covered.iter().enumerate().take(to).skip(range.end + 1) {
                if toks.norm(u) == "," {
                    break;
                }
                if let Some(j) = *c {
                    found.push(j);
                }
            }
        }
        // The title before the name: "Y's envoy X", "Yish minister X".
        let mut u = range.start;
        while u > sent.start && u + 5 > range.start {
            u -= 1;
            let w = toks.norm(u);
            if matches!(w, "," | ";" | ":" | "\"" | "(" | ")") {
                break;
            }
            if let Some(j) = covered[u] {
                found.push(j);
            }
        }
        let mut sides: Vec<(EntityIdx, usize)> = found
            .into_iter()
            .filter_map(|j| {
                a.mentions[j]
                    .entity
                    .filter(|&x| side_type(x))
                    .map(|x| (x, j))
            })
            .collect();
        sides.sort();
        sides.dedup_by_key(|s| s.0);
        match sides.as_slice() {
            [(_, j)] => Some(*j),
            _ => None,
        }
    }

    /// The coordinated list a plural pronoun stands for: the latest set
    /// list in its sentence or, for a pronoun opening its sentence, the
    /// one before (same paragraph, same quotation), the subject of its sentence, with no plural candidate
    /// between, and, in one sentence, a clause boundary between (or the
    /// pronoun a possessive: "X and Y sent their envoys").
    #[allow(clippy::too_many_arguments)]
    fn subject_set<'l>(
        &self,
        text: &str,
        a: &Analysis,
        an: &Anaphor,
        lists: &'l [List],
        cands: &[Candidate],
        cand_mention: &[Result<usize, usize>],
        cls: &[u32],
        quote_of: &dyn Fn(usize) -> Option<usize>,
    ) -> Option<&'l List> {
        let toks = &a.tokens;
        let l = lists
            .iter()
            .filter(|l| l.end <= an.span.0 && an.sentence - l.sentence.min(an.sentence) <= 1)
            .filter(|l| l.sentence <= an.sentence)
            .max_by_key(|l| l.end)?;
        let first = cand_mention.iter().position(|&c| c == Ok(l.members[0]))?;
        let c = &cands[first];
        if !c.subject || c.paragraph != an.paragraph || quote_of(l.start) != an.quote {
            return None;
        }
        if !an.types.contains(&c.ty) {
            return None;
        }
        let plural_between = cands.iter().any(|c| {
            c.span.0 >= l.end
                && c.span.1 <= an.span.0
                && c.number == Number::Plural
                && an.types.contains(&c.ty)
        });
        if plural_between {
            return None;
        }
        // Across a sentence boundary only as the new sentence's first word
        // ("They said ...", "Their envoys ..."): further in, a plural noun
        // of its own may be what it means ("It is up to governments to
        // decide if they ...").
        let at = toks.covering(Span::new(an.span.0, an.span.1)).start;
        if l.sentence != an.sentence && at != toks.sentence(an.sentence).start {
            return None;
        }
        if l.sentence == an.sentence {
            let from = toks.covering(Span::new(l.end, l.end)).start;
            let possessive = cls[at] & Class::PRONOUN != 0
                && matches!(toks.norm(at), "their" | "its" | "his" | "her");
            let boundary = (from..at).any(|u| {
                cls[u] & (Class::CLAUSE_PUNCT | Class::CLAUSE_OPENER | Class::SPEECH) != 0
            });
            let _ = text;
            if !boundary && !possessive {
                return None;
            }
        }
        Some(l)
    }

    /// Set phrases ("the two sides", "the sponsors") and the coordinated
    /// list each stands for: the latest within reach of the size the phrase
    /// says, one labelled as the phrase is ("sponsors Russia, Iran and
    /// Turkey") first. A list joined by "or", or of actors of different
    /// types, is no set; two lists equally good, no link.
    #[allow(clippy::too_many_arguments)]
    fn find_sets(
        &self,
        text: &str,
        a: &Analysis,
        covered: &[Option<usize>],
        cls: &[u32],
        set_starts: &[u32],
        lists: &[List],
        out: &mut Found,
    ) {
        let lex = &self.lexicon;
        let toks = &a.tokens;
        if lex.sets.is_empty() {
            return;
        }
        // The candidate sets (the lists, each with its label, and the
        // unnamed pairs) and their members' types, made at the first set
        // phrase found: they read only the mentions, the tokens and the
        // lists, which nothing below changes, so made there they are what
        // they would be made here; most documents have no set phrase.
        let build = || {
            let labels = &self.set_labels;
            let csets: Vec<CandidateSet> = lists
                .iter()
                .map(|l| {
                    let first = toks.covering(a.mentions[l.members[0]].span).start;
                    let sent = toks.sentence(l.sentence).start;
                    // The label right before the list ("sponsors", "guarantor countries").
                    let label = (1..=2).rev().find_map(|k| {
                        if first < sent + k {
                            return None;
                        }
                        let w = (first - k..first)
                            .map(|u| toks.norm(u))
                            .collect::<Vec<_>>()
                            .join(" ");
                        labels.contains(&w).then_some(w)
                    });
                    CandidateSet {
                        members: l.members.clone(),
                        sentence: l.sentence,
                        end: l.end,
                        label,
                    }
                })
                .collect();
            // Per list: its members' type (None for a pair with an unnamed
            // member, or of a country and an organisation: a set phrase with
            // `refers` takes neither).
            let gaz = &*self.gazetteer;
            let mut kinds: Vec<Option<EntityType>> = lists
                .iter()
                .map(|l| {
                    let ty = |mi: usize| a.mentions[mi].entity.map(|e| gaz.entity(e).entity_type);
                    let first = ty(l.members[0]);
                    l.members
                        .iter()
                        .all(|&mi| ty(mi) == first)
                        .then_some(first)
                        .flatten()
                })
                .collect();
            // "Sudan's army and a rival paramilitary force agreed ...": an actor,
            // "and a/an/the", up to two lower-case words and a lower-case
            // reference of another actor of its type make a pair; with no
            // mention in those three words, a pair with an unnamed member, as
            // good as a named one, whose members no mention holds.
            let mut csets = csets;
            for (mi, m) in a.mentions.iter().enumerate() {
                let Some(e) = m.entity else { continue };
                if !gaz.entity(e).entity_type.is_actor() || m.kind == MentionKind::Demonym {
                    continue;
                }
                let after = toks.covering(m.span).end;
                let Some(s) = a.sentence_at(m.span.start) else {
                    continue;
                };
                let end = toks.sentence(s).end;
                if after + 2 >= end
                    || toks.norm(after) != "and"
                    || !matches!(toks.norm(after + 1), "a" | "an" | "the")
                {
                    continue;
                }
                let noun = after + 2;
                let lower = |u: usize| {
                    covered[u].is_none()
                        && plain_case(toks.text(u, text))
                        && toks.norm(u).chars().all(char::is_alphabetic)
                };
                if !lower(noun) {
                    continue;
                }
                let window = noun..(noun + 3).min(end);
                let next = window.clone().find(|&u| covered[u].is_some());
                if let Some(u) = next {
                    let mj = covered[u].expect("covered");
                    let other = &a.mentions[mj];
                    let pair = (noun..u).all(lower)
                        && toks.covering(other.span).start == u
                        && plain_case(toks.text(u, text))
                        && other.entity.is_some_and(|x| {
                            x != e && gaz.entity(x).entity_type == gaz.entity(e).entity_type
                        })
                        && !lists.iter().any(|l| l.members.contains(&mi));
                    if pair {
                        csets.push(CandidateSet {
                            members: vec![mi, mj],
                            sentence: s,
                            end: other.span.end,
                            label: None,
                        });
                        kinds.push(Some(gaz.entity(e).entity_type));
                    }
                } else {
                    csets.push(CandidateSet {
                        members: vec![usize::MAX; 2],
                        sentence: s,
                        end: toks.get(noun).map_or(m.span.end, |tok| tok.span.end),
                        label: None,
                    });
                    kinds.push(None);
                }
            }
            (csets, kinds)
        };
        let mut made: Option<(Vec<CandidateSet>, Vec<Option<EntityType>>)> = None;
        let mut pool: Vec<CandidateSet> = Vec::new();
        let mut w = String::new();
        // The walk through each sentence's tokens, phrase by phrase, stops
        // only at the tokens that may start a phrase (`set_starts`: no
        // mention covers it and its class has `SET_START`; most words start
        // none and no phrase is looked up there), in order, and goes on
        // after a phrase found (`resume`: a phrase lies in its sentence, so
        // the next stop is in it or in a later sentence, as the walk of
        // each sentence from its first token found it).
        let mut resume = 0;
        for &start in set_starts {
            let t = start as usize;
            if t < resume {
                continue;
            }
            let Some(s) = toks.get(t).map(|tok| tok.sentence as usize) else {
                break;
            };
            let range = toks.sentence(s);
            debug_assert!(covered[t].is_none() && cls[t] & Class::SET_START != 0);
            // A phrase of `k` words ends in a word that ends a phrase
            // (`SET_END`): no other is joined and looked up.
            // (The longest first, as a plain loop: most `k` end at a word
            // that ends no phrase and cost one bit test.)
            let mut found = None;
            for k in (1..=SET_PHRASE_WORDS.min(range.end - t)).rev() {
                if cls[t + k - 1] & Class::SET_END == 0 || (t..t + k).any(|u| covered[u].is_some())
                {
                    continue;
                }
                w.clear();
                for u in t..t + k {
                    if u > t {
                        w.push(' ');
                    }
                    w.push_str(toks.norm(u));
                }
                if let Some(p) = lex.sets.get(&w) {
                    found = Some((k, p));
                    break;
                }
            }
            let Some((k, phrase)) = found else {
                continue;
            };
            // "Sponsors Russia, Iran and Turkey": a label, not an anaphor.
            let label = t + k < range.end && covered[t + k].is_some();
            let (Some(first), Some(last)) = (toks.get(t), toks.get(t + k - 1)) else {
                break;
            };
            let span = Span::new(first.span.start, last.span.end);
            resume = t + k;
            if label {
                continue;
            }
            let an = SetAnaphor {
                span: (span.start, span.end),
                sentence: s,
                size: phrase.size,
                labels: phrase.label.clone(),
                reach: SET_REACH,
            };
            // "the two countries": only lists of countries; a phrase
            // of any type also the unnamed pairs.
            let (csets, kinds) = made.get_or_insert_with(build);
            pool.clear();
            pool.extend(csets.iter().zip(kinds.iter()).filter_map(|(c, k)| {
                let fits = match k {
                    Some(ty) => phrase.refers.is_empty() || phrase.refers.contains(ty),
                    None => phrase.refers.is_empty(),
                };
                fits.then(|| c.clone())
            }));
            let chosen = antecedent_set(&an, &pool).filter(|&i| pool[i].members[0] != usize::MAX);
            match chosen {
                Some(i) => {
                    let members = pool[i]
                        .members
                        .iter()
                        .filter_map(|&mi| a.mentions[mi].entity.map(|e| (e, mi)))
                        .collect();
                    out.sets.push((span, MentionKind::Description, members));
                }
                None => {
                    let near = csets.iter().any(|c| {
                        c.end <= span.start && s >= c.sentence && s - c.sentence <= SET_REACH
                    });
                    out.ambiguous += usize::from(near);
                }
            }
        }
    }

    /// The candidate a relative pronoun at token `t` stands for: the
    /// mention right before it (across one comma), of one of `refers`, not
    /// in a prepositional phrase ("a spokesman for the group, who") and not
    /// the end of a coordinated list ("X and Y, who": a set).
    #[allow(clippy::too_many_arguments)]
    fn relative_antecedent(
        &self,
        refers: &[EntityType],
        a: &Analysis,
        covered: &[Option<usize>],
        cands: &[Candidate],
        cand_mention: &[Result<usize, usize>],
        sets: &[(usize, usize, usize)],
        t: usize,
        start: usize,
    ) -> Option<usize> {
        let toks = &a.tokens;
        let mut u = t.checked_sub(1).filter(|&u| u >= start)?;
        if toks.norm(u) == "," {
            u = u.checked_sub(1).filter(|&u| u >= start)?;
        }
        let mi = covered[u]?;
        let m = &a.mentions[mi];
        if m.kind == MentionKind::Demonym {
            return None;
        }
        let i = cand_mention.iter().position(|&cm| cm == Ok(mi))?;
        let c = &cands[i];
        if !refers.contains(&c.ty) || c.oblique {
            return None;
        }
        if sets.iter().any(|&(_, _, end)| end == m.span.end) {
            return None;
        }
        Some(i)
    }

    /// Who speaks in "X said it", for a pronoun at token `at`: the mention
    /// before the verb of speech, an unknown subject, or none (no such verb).
    fn speaker_before(
        &self,
        toks: &Tokens,
        covered: &[Option<usize>],
        cls: &[u32],
        at: usize,
        start: usize,
    ) -> Speaker {
        let is = |u: usize, bit: u32| cls[u] & bit != 0;
        let is_speech = |u: usize| is(u, Class::SPEECH);
        // "said it", or "said (at the weekend) that it".
        let q = if at > start && toks.norm(at - 1) == "that" {
            let lo = at.saturating_sub(1 + SPEECH_REACH).max(start);
            match (lo..at - 1).rev().find(|&u| is_speech(u)) {
                Some(u) => u + 1,
                None => return Speaker::None,
            }
        } else {
            at
        };
        if q <= start || !is_speech(q - 1) {
            return Speaker::None;
        }
        let mut r = q - 1;
        while r > start && is(r - 1, Class::SPEECH_AUX) {
            r -= 1;
        }
        if r == start {
            return Speaker::Unknown;
        }
        let before = r - 1;
        match covered[before] {
            Some(mj) => Speaker::Mention(mj),
            None if is(before, Class::PRONOUN) => Speaker::Pronoun,
            None => Speaker::Unknown,
        }
    }

    /// The description whose head is `w`, asked of the head words first
    /// (every description head is one; most words are none, and are not hashed).
    fn head_description(&self, w: &str) -> Option<&lexicon::Description> {
        if self.head_words.contains(w) {
            self.lexicon.descriptions.get(w)
        } else {
            None
        }
    }

    /// Whether the words from token `t` make "it"/"there" expletive ("it was", "there is").
    ///
    /// An entry equal to the word is told by its class (`EXPLETIVE`); one
    /// equal to the word and the next, joined by a space, needs the word to
    /// be one of the entries' leading words (`EXPLETIVE_FIRST`), and only
    /// then are the entries compared.
    fn expletive_after(&self, toks: &Tokens, cls: &[u32], t: usize, end: usize) -> bool {
        let mut t = t;
        while t < end && cls[t] & Class::ADVERB != 0 {
            t += 1;
        }
        if t >= end {
            return false;
        }
        if cls[t] & Class::EXPLETIVE != 0 {
            return true;
        }
        // (Past the sentence's last word `is_two` asks for "", as it did.)
        (t + 1 >= end || cls[t] & Class::EXPLETIVE_FIRST != 0)
            && self
                .lexicon
                .expletive
                .iter()
                .any(|w| is_two(toks, t, end, w))
    }

    /// Whether [`Coref::heads_at`] can give a word or pair at token `t`
    /// (before `end`) that is a description's head: only where the word is
    /// a head or starts a two-word one (`HEAD`, `HEAD_PREFIX`), or has no
    /// next word (the pair "") where "" is a head (`empty_head`: never with
    /// a lexicon from a file, whose heads are not empty). Elsewhere
    /// `heads_at` gives no word and no pair, or only "", which
    /// [`Coref::head_description`] answers with `None`: the caller's loop
    /// body does nothing, and is not entered.
    #[inline]
    fn may_head(&self, cls: &[u32], t: usize, end: usize) -> bool {
        cls[t] & (Class::HEAD | Class::HEAD_PREFIX) != 0 || (t + 1 >= end && self.empty_head)
    }

    /// The words at token `t` (before `end`) that may be heads, as the
    /// head window around a name asks them: the word itself, where it is a
    /// head word (`HEAD`), and the pair it starts ([`two_in`], built in
    /// `pair`), where it can start a two-word head (`HEAD_PREFIX`) or has
    /// no next word (the pair is then "", asked as it was). A word or pair
    /// left out is no head: [`Coref::head_description`] would give `None`.
    fn heads_at<'t>(
        &self,
        cls: &[u32],
        pair: &'t mut String,
        toks: &'t Tokens,
        t: usize,
        end: usize,
    ) -> (Option<&'t str>, Option<&'t str>) {
        let one = (cls[t] & Class::HEAD != 0).then(|| toks.norm(t));
        let two =
            (t + 1 >= end || cls[t] & Class::HEAD_PREFIX != 0).then(|| two_in(pair, toks, t, end));
        (one, two)
    }

    /// Where token `u` is a hyphen and the token after it a lower-case word
    /// no mention covers that is no head ("two-day", "U.N.-brokered"): the
    /// token after that word.
    #[inline(never)]
    fn hyphen_word(
        &self,
        text: &str,
        toks: &Tokens,
        covered: &[Option<usize>],
        cls: &[u32],
        u: usize,
        end: usize,
    ) -> Option<usize> {
        let v = u + 1;
        (v < end
            && toks.norm(u) == "-"
            && covered[v].is_none()
            && cls[v] & (Class::HEAD | Class::HEAD_PREFIX | Class::DETERMINER) == 0
            && toks.get(u)?.span.end == toks.get(v)?.span.start
            && toks
                .text(v, text)
                .chars()
                .all(|c| c.is_lowercase() || c.is_ascii_digit()))
        .then_some(v + 1)
    }

    /// A description, title or event noun starting at the determiner (or
    /// "'s") at token `t`: the anaphor, its mention kind, the token after it.
    #[allow(clippy::too_many_arguments)]
    fn description(
        &self,
        text: &str,
        a: &Analysis,
        covered: &[Option<usize>],
        cls: &[u32],
        t: usize,
        end: usize,
        possessive: bool,
        base: &dyn Fn(Span, AnaphorKind) -> Anaphor,
    ) -> Option<(Anaphor, MentionKind, usize)> {
        let lex = &self.lexicon;
        let gaz = &*self.gazetteer;
        let toks = &a.tokens;
        // The walk below ends with a phrase only at a word no mention covers
        // that is a head or starts one (`HEAD`, `HEAD_PREFIX`); without a
        // mention among the words it visits it visits at most the three
        // after `t` (a modifier each). So where those three hold neither a
        // mention nor such a word, there is no phrase, and no walk.
        // (A hyphenated modifier, "the two-day meeting", is three tokens
        // counted as one: the window reaches two further for each.)
        let starts_phrase =
            |u: usize| covered[u].is_some() || cls[u] & (Class::HEAD | Class::HEAD_PREFIX) != 0;
        let mut hyphens = 0;
        let found = (t + 1..(t + 4).min(end)).any(|u| {
            hyphens += usize::from(cls[u] & Class::HYPHEN != 0);
            starts_phrase(u)
        });
        if !found && (hyphens == 0 || !(t + 4..(t + 4 + 2 * hyphens).min(end)).any(starts_phrase)) {
            return None;
        }
        // The country or organisation the phrase is anchored to.
        let mut anchor: Option<EntityIdx> = if possessive {
            covered[t - 1].and_then(|j| a.mentions[j].entity)
        } else {
            None
        };
        // The first token of the phrase's own span (after any anchor).
        let mut from = t + usize::from(possessive);
        let mut u = t + 1;
        let mut modifiers = 0;
        // A place among the modifiers ("the Geneva round"): only an event
        // noun takes one, held there.
        let mut place: Option<EntityIdx> = None;
        while u < end && modifiers <= 2 {
            let w = toks.norm(u);
            let is_head = |h: &str| self.head_words.contains(h);
            // The two words from `u` where they are a head (a word that
            // starts no two-word head is not joined to the next).
            let head2 = (u + 1 < end && cls[u] & Class::HEAD_PREFIX != 0)
                .then(|| two(toks, u, end))
                .filter(|h| is_head(h));
            // A head word before another is its modifier ("the opening session").
            let modifies_next = head2.is_none()
                && u + 1 < end
                && covered[u + 1].is_none()
                && cls[u + 1] & Class::HEAD != 0;
            if covered[u].is_none()
                && !modifies_next
                && (head2.is_some() || cls[u] & Class::HEAD != 0)
            {
                // Prefer the longer head, where it is one.
                let (head, last) = if let Some(head2) = head2.filter(|_| covered[u + 1].is_none()) {
                    (head2, u + 1)
                } else {
                    (w.to_string(), u)
                };
                // Not a title before a name ("the envoy Staffan ..."), not "the group of".
                let after = last + 1;
                if after < end {
                    let named = covered[after].is_some_and(|j| {
                        a.mentions[j]
                            .entity
                            .is_some_and(|x| gaz.entity(x).entity_type == EntityType::Person)
                    }) || (covered[after].is_none()
                        && upper_initial(toks, after, text));
                    if named {
                        return None;
                    }
                    // "Russia's ambassador to Ukraine, Mikhail Zurabov": a title with its name.
                    let person_at = |u: usize| {
                        covered[u].is_some_and(|j| {
                            a.mentions[j]
                                .entity
                                .is_some_and(|x| gaz.entity(x).entity_type == EntityType::Person)
                        })
                    };
                    // ("The mission's chief, X": the phrase is the possessor, not the title.)
                    let possessor = toks.norm(after) == "'s";
                    let titled = !possessor
                        && (after + 1..end.min(after + 9)).any(|u| {
                            person_at(u) && matches!(toks.norm(u - 1), "," | "(" | "-" | "\u{2013}")
                        });
                    if titled {
                        return None;
                    }
                }
                let span = Span::new(toks.get(from)?.span.start, toks.get(last)?.span.end);
                if let Some(ev) = lex.events.get(&head) {
                    if possessive {
                        return None;
                    }
                    let mut an = base(span, AnaphorKind::Event);
                    an.types = vec![EntityType::Event];
                    an.subtypes = ev.subtypes.clone();
                    an.reach = EVENT_REACH;
                    // "the Geneva round": held there.
                    if let Some(x) = place {
                        an.places.push(x.0);
                        if let Some(c) = gaz.entity(x).country.as_deref().and_then(|c| gaz.get(c)) {
                            an.places.push(c.0);
                        }
                    }
                    // "the meeting in Astana": held there.
                    if an.places.is_empty()
                        && after + 1 < end
                        && matches!(toks.norm(after), "in" | "at")
                    {
                        let place = covered[after + 1]
                            .and_then(|j| a.mentions[j].entity)
                            .filter(|&x| {
                                matches!(
                                    gaz.entity(x).entity_type,
                                    EntityType::Place | EntityType::Country
                                )
                            });
                        if let Some(x) = place {
                            an.places.push(x.0);
                            if let Some(c) =
                                gaz.entity(x).country.as_deref().and_then(|c| gaz.get(c))
                            {
                                an.places.push(c.0);
                            }
                        }
                    }
                    return Some((an, MentionKind::Description, after));
                }
                if place.is_some() {
                    return None;
                }
                let d = lex.descriptions.get(&head)?;
                // "X, the foreign minister of Y": an appositive names its own holder,
                // and a role with its complement is read by the relation rules.
                let phrase_start = match (possessive, covered[t.saturating_sub(1)]) {
                    (true, Some(j)) => toks.covering(a.mentions[j].span).start,
                    _ => t,
                };
                // ("X, the group's chief justice": the phrase is the possessor
                // inside the appositive, not the appositive itself.)
                let possessor = after < end && toks.norm(after) == "'s";
                // An appositive describes the name before the comma: a person
                // ("X, the militia commander") or a name of a type the head
                // can stand for; a place or country of another type is no
                // holder ("In the province of Arauca, the group ...": the
                // comma closes an introductory phrase).
                // An unknown name ("with the ICC, the federal agency which
                // ...") is such a holder too: not a word that is no name
                // ("On Monday,"), nor a sentence's first word.
                let sentence_start = toks
                    .get(t)
                    .map_or(0, |tok| toks.sentence(tok.sentence as usize).start);
                let appositive = !possessor
                    && phrase_start >= 2
                    && toks.norm(phrase_start - 1) == ","
                    && match covered[phrase_start - 2] {
                        Some(j) => a.mentions[j].entity.is_none_or(|x| {
                            let ty = gaz.entity(x).entity_type;
                            ty == EntityType::Person || d.refers.contains(&ty)
                        }),
                        None => {
                            // ("X (XYZ), the alliance that ...": past the bracket.)
                            let mut u = phrase_start - 2;
                            if toks.norm(u) == ")" {
                                if let Some(open) =
                                    (sentence_start..u).rev().find(|&v| toks.norm(v) == "(")
                                {
                                    u = open.saturating_sub(1);
                                }
                            }
                            covered[u].is_some()
                                || (u > sentence_start
                                    && upper_initial(toks, u, text)
                                    && cls[u] & Class::NOT_NAME == 0)
                        }
                    };
                // ("the envoy to Syria", "the ambassador to the UN"; not an
                // infinitive, "allow the group to expand".)
                let complement = anchor.is_none()
                    && after < end
                    && match toks.norm(after) {
                        "of" | "for" | "at" | "in" | "on" => true,
                        "to" => {
                            after + 1 >= end
                                || covered[after + 1].is_some()
                                || upper_initial(toks, after + 1, text)
                                || cls[after + 1] & Class::DETERMINER != 0
                        }
                        _ => false,
                    };
                if appositive || complement {
                    return None;
                }
                let mut an = base(span, AnaphorKind::Description);
                an.types = d.refers.clone();
                an.number = None;
                match anchor {
                    Some(x) if d.title => {
                        an.head = Some(format!("{head}@{}", x.0));
                        an.reach = DOCUMENT_REACH;
                    }
                    Some(_) => return None,
                    None => {
                        an.head = Some(head);
                        an.reach = DESCRIPTION_REACH;
                    }
                }
                return Some((an, MentionKind::Description, after));
            }
            match covered[u] {
                // A country or organisation as a modifier ("the Syrian President", "the UN envoy").
                Some(j) => {
                    let m = &a.mentions[j];
                    let x = m.entity?;
                    match gaz.entity(x).entity_type {
                        EntityType::Country | EntityType::Organization if anchor.is_none() => {
                            anchor = Some(x);
                        }
                        EntityType::Place if place.is_none() && !possessive => place = Some(x),
                        _ => return None,
                    }
                    u = toks.covering(m.span).end;
                    from = u;
                    modifiers += 1;
                    // "the Qatar-mediated talks": the participle after the
                    // hyphen is the name's, outside the phrase's span.
                    if let Some(v) = self.hyphen_word(text, toks, covered, cls, u, end) {
                        u = v;
                        from = v;
                    }
                }
                None => {
                    // A lower-case modifier ("embattled", "two-day", "new"):
                    // not a determiner ("said that the movement": "that"
                    // opens a clause, "the" starts the phrase; `DETERMINER`
                    // is "the", "this", "that", "these", "those") nor a
                    // preposition, with no upper-case letter and some
                    // letter (of an ASCII word, told by its bytes). The
                    // class tests first: the same conjunction.
                    if cls[u] & (Class::DETERMINER | Class::PREPOSITION) != 0
                        || matches!(w, "a" | "an")
                    {
                        return None;
                    }
                    // "two-day", "closed-door": one modifier.
                    if w == "-"
                        && u > from
                        && toks.get(u - 1).map(|x| x.span.end) == toks.get(u).map(|x| x.span.start)
                    {
                        match self.hyphen_word(text, toks, covered, cls, u, end) {
                            Some(v) => {
                                u = v;
                                continue;
                            }
                            None => return None,
                        }
                    }
                    let word = toks.text(u, text);
                    let kinds = word.bytes().fold(0, |k, b| k | BYTE_KINDS[usize::from(b)]);
                    let (lower, alpha) = if kinds & NON_ASCII == 0 {
                        (kinds & UPPER == 0, kinds & ALPHA != 0)
                    } else {
                        (
                            word.chars().all(|c| !c.is_uppercase()),
                            word.chars().any(char::is_alphabetic),
                        )
                    };
                    if !lower || !alpha {
                        return None;
                    }
                    u += 1;
                    modifiers += 1;
                }
            }
        }
        None
    }
}

/// Who speaks before a pronoun ("X said it").
enum Speaker {
    /// No verb of speech right before the pronoun.
    None,
    /// This mention is the subject of the verb.
    Mention(usize),
    /// A pronoun is ("he said he").
    Pronoun,
    /// Something that is no mention is ("the group said it").
    Unknown,
}

/// Agreement in type, number and gender only (for the speaker of "X said it").
fn compatible_loose(a: &Anaphor, c: &Candidate) -> bool {
    a.types.contains(&c.ty)
        && a.number.is_none_or(|n| n == c.number)
        && a.gender.zip(c.gender).is_none_or(|(g, h)| g == h)
}

/// A coordinated list of two or more actors ("Russia, Turkey and Iran",
/// "the government and the rebels").
#[derive(Clone)]
struct List {
    /// Its sentence.
    sentence: usize,
    /// Where it starts and ends (bytes).
    start: usize,
    end: usize,
    /// Its members (mention ids), in text order.
    members: Vec<usize>,
    /// Joined by "or": alternatives, not a set.
    alternatives: bool,
}

/// The coordinated lists of actors of `a`, with their members.
fn coordinated_lists(text: &str, a: &Analysis, gaz: &Gazetteer) -> Vec<List> {
    let mut out = Vec::new();
    let actor = |m: &Mention| {
        m.entity
            .is_some_and(|e| gaz.entity(e).entity_type.is_actor())
    };
    let mut i = 0;
    // The members of the list being read (one buffer; a list found is
    // copied out of it).
    let mut members: Vec<usize> = Vec::new();
    while i < a.mentions.len() {
        if !actor(&a.mentions[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        members.clear();
        members.push(i);
        let mut alternatives = false;
        loop {
            if j + 1 < a.mentions.len() && actor(&a.mentions[j + 1]) {
                let gap = text
                    .get(a.mentions[j].span.end..a.mentions[j + 1].span.start)
                    .unwrap_or("")
                    .trim();
                // "X and Y", "X, Y, and the Z" (never ", the Z": an appositive).
                let gap = match gap.strip_suffix(" the") {
                    Some(g) if g.ends_with("and") || g.ends_with("or") => g,
                    _ => gap,
                };
                if matches!(gap, "," | "and" | ", and" | "or" | ", or") {
                    alternatives |= gap.ends_with("or");
                    j += 1;
                    members.push(j);
                    continue;
                }
            }
            // "A, head of X, and B": a person's appositive before the next person.
            match appositive_next(text, a, gaz, j) {
                Some(k) => {
                    j = k;
                    members.push(k);
                }
                None => break,
            }
        }
        let distinct = a.mentions[i].entity != a.mentions[j].entity;
        if j > i && distinct {
            if let Some(s) = a.sentence_at(a.mentions[i].span.start) {
                out.push(List {
                    sentence: s,
                    start: a.mentions[i].span.start,
                    end: a.mentions[j].span.end,
                    members: members.clone(),
                    alternatives,
                });
            }
        }
        i = j + 1;
    }
    out
}

/// The person a person's list goes on to past an appositive of lower-case
/// words and names of no person: in "A, head of the X group, and B, leader
/// of Y, ...", B after A. The appositive closes with ", and" (", and the" is
/// not: that is a list of the appositive's own); it holds no comma,
/// semicolon, colon, full stop, bracket or quotation mark, so a longer clause
/// ("A, who met B on Monday in Lima, and C") is no list.
fn appositive_next(text: &str, a: &Analysis, gaz: &Gazetteer, j: usize) -> Option<usize> {
    let person = |m: &Mention| {
        m.entity
            .is_some_and(|e| gaz.entity(e).entity_type == EntityType::Person)
    };
    if !person(&a.mentions[j]) {
        return None;
    }
    let after = text.get(a.mentions[j].span.end..)?;
    let rest = after.strip_prefix(", ")?;
    if !rest.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    let k = (j + 1..a.mentions.len()).find(|&k| person(&a.mentions[k]))?;
    let between = text.get(a.mentions[j].span.end..a.mentions[k].span.start)?;
    let body = between.strip_suffix(", and ")?.strip_prefix(", ")?;
    let closed = body.chars().any(|c| {
        matches!(
            c,
            ',' | ';' | ':' | '.' | '(' | ')' | '"' | '\u{201c}' | '\u{201d}'
        )
    });
    (!closed && body.split_whitespace().count() <= 12).then_some(k)
}

/// The coordinated lists that can be a set: joined by "and", of distinct
/// entities of one type, each a candidate antecedent.
fn set_lists(
    a: &Analysis,
    gaz: &Gazetteer,
    lists: &[List],
    cand_mention: &[Result<usize, usize>],
) -> Vec<List> {
    lists
        .iter()
        .filter(|l| {
            let ty = |mi: usize| a.mentions[mi].entity.map(|e| gaz.entity(e).entity_type);
            let mut entities: Vec<Option<EntityIdx>> =
                l.members.iter().map(|&mi| a.mentions[mi].entity).collect();
            entities.sort();
            entities.dedup();
            // (A state and a group, "Israel and Hamas", are two sides too:
            // a list of countries and organisations is a set of actors.)
            let state_or_group =
                |mi: usize| matches!(ty(mi), Some(EntityType::Country | EntityType::Organization));
            !l.alternatives
                && entities.len() == l.members.len()
                && (l.members.iter().all(|&mi| ty(mi) == ty(l.members[0]))
                    || l.members.iter().all(|&mi| state_or_group(mi)))
                && l.members.iter().all(|&mi| cand_mention.contains(&Ok(mi)))
        })
        .cloned()
        .collect()
}

/// The heads the gazetteer gives entity `e`: its subtype's, and its titles' words.
fn gazetteer_heads(gaz: &Gazetteer, lex: &CorefLexicon, e: EntityIdx) -> Vec<String> {
    let ent = gaz.entity(e);
    let mut heads: Vec<String> = Vec::new();
    let mut heads_sorted: Vec<(&String, &lexicon::Description)> = lex.descriptions.iter().collect();
    heads_sorted.sort_by(|a, b| a.0.cmp(b.0));
    for (head, d) in heads_sorted {
        if !d.refers.contains(&ent.entity_type) {
            continue;
        }
        let by_subtype = ent
            .subtype
            .as_deref()
            .is_some_and(|s| d.subtypes.iter().any(|t| t.eq_ignore_ascii_case(s)));
        let by_title = ent.titles.iter().any(|t| {
            let t = format!(" {} ", normal(t));
            t.contains(&format!(" {head} "))
        });
        // "the mission" for "Special Monitoring Mission to X", "the ministry" for
        // "Ministry of Defence": a name holding the head word is one of its kind
        // (not a title: "President Roe" is no title of the person's name).
        let by_name = !d.title
            && std::iter::once(&ent.name)
                .chain(ent.aliases.iter())
                .any(|n| normal(n).split_whitespace().any(|w| w == head));
        if by_subtype || by_title || by_name {
            heads.push(head.clone());
        }
        if by_title && d.title {
            if let Some(c) = ent.country.as_deref().and_then(|c| gaz.get(c)) {
                heads.push(format!("{head}@{}", c.0));
            }
        }
    }
    heads
}

/// Tokens `t` and `t + 1` (before `end`) joined by a space, or "".
fn two(toks: &Tokens, t: usize, end: usize) -> String {
    if t + 1 < end {
        let (a, b) = (toks.norm(t), toks.norm(t + 1));
        let mut two = String::with_capacity(a.len() + 1 + b.len());
        two.push_str(a);
        two.push(' ');
        two.push_str(b);
        two
    } else {
        String::new()
    }
}

/// [`two`] written into `buf` (cleared first), for a caller that asks it
/// of every token and keeps few: no allocation once `buf` has grown.
fn two_in<'b>(buf: &'b mut String, toks: &Tokens, t: usize, end: usize) -> &'b str {
    buf.clear();
    if t + 1 < end {
        buf.push_str(toks.norm(t));
        buf.push(' ');
        buf.push_str(toks.norm(t + 1));
    }
    buf
}

/// Whether `s` equals [`two`]`(toks, t, end)`, without building it.
fn is_two(toks: &Tokens, t: usize, end: usize, s: &str) -> bool {
    if t + 1 < end {
        let (a, b) = (toks.norm(t), toks.norm(t + 1));
        s.len() == a.len() + 1 + b.len()
            && s.starts_with(a)
            && s.as_bytes()[a.len()] == b' '
            && s.ends_with(b)
    } else {
        s.is_empty()
    }
}

/// Whether some mention of `a` is resolved: every link's antecedent and
/// every set member is (or, through a chain, goes back to) one, so without
/// one [`Coref::find`] finds nothing.
fn has_antecedents(a: &Analysis) -> bool {
    a.mentions.iter().any(|m| m.entity.is_some())
}

/// [`BYTE_KINDS`]: a byte that is not ASCII.
const NON_ASCII: u8 = 1;
/// [`BYTE_KINDS`]: an ASCII upper-case letter.
const UPPER: u8 = 2;
/// [`BYTE_KINDS`]: an ASCII letter.
const ALPHA: u8 = 4;
/// Per byte, its kinds: a word of ASCII bytes has an upper-case letter
/// (`char::is_uppercase`) exactly where one of its bytes is `UPPER`, and a
/// letter (`char::is_alphabetic`) where one is `ALPHA`; a word with a
/// `NON_ASCII` byte is decoded instead.
static BYTE_KINDS: [u8; 256] = {
    let mut k = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        k[b] = if !c.is_ascii() {
            NON_ASCII
        } else if c.is_ascii_uppercase() {
            UPPER | ALPHA
        } else if c.is_ascii_lowercase() {
            ALPHA
        } else {
            0
        };
        b += 1;
    }
    k
};

/// Whether token `t`'s text in `text` starts with an upper-case letter
/// (`char::is_uppercase` of its first character; an ASCII first byte is
/// that character, and is told without decoding).
fn upper_initial(toks: &Tokens, t: usize, text: &str) -> bool {
    let word = toks.text(t, text);
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Whether a lower-case noun looks plural ("rebels", not "'s", not "press").
fn is_plural_noun(word: &str) -> bool {
    word.len() > 2 && word.ends_with('s') && !word.ends_with("'s") && !word.ends_with("ss")
}

/// Whether a word is written as a pronoun is ("he", "He"), not as a name ("US", "IT").
fn plain_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some() && chars.all(|c| !c.is_uppercase())
}

/// Per sentence: its paragraph, and whether it opens its paragraph. A
/// paragraph break is a blank line between two sentences.
fn paragraphs(text: &str, sentences: &[Span]) -> (Vec<usize>, Vec<bool>) {
    let mut para = Vec::with_capacity(sentences.len());
    let mut start = Vec::with_capacity(sentences.len());
    let mut p = 0;
    let mut prev_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        // A gap under two bytes (or none) holds no blank line: not sliced.
        let is_break =
            s.start >= prev_end + 2 && blank_line_in(text.get(prev_end..s.start).unwrap_or(""));
        if i > 0 && is_break {
            p += 1;
        }
        start.push(i == 0 || is_break);
        para.push(p);
        prev_end = s.end;
    }
    (para, start)
}

/// Whether the gap between sentence `i - 1` and sentence `i` (`i > 0`)
/// breaks a paragraph: where [`paragraphs`] starts a new one at `i`.
fn paragraph_break_before(text: &str, sentences: &[Span], i: usize) -> bool {
    let gap = text.get(sentences[i - 1].end..sentences[i].start);
    blank_line_in(gap.unwrap_or(""))
}

/// Whether `gap` (the text between two sentences) holds a blank line: a
/// line of it that both starts and ends at a line break (every piece after
/// the first and before the last) is blank. A gap of fewer than two bytes
/// (nearly every one: a space) has no two line breaks, so none; nor has a
/// gap with one line break or none (most of the others: spaces, or one
/// line's end). A gap of white space alone with two line breaks (a blank
/// line between paragraphs, as most of the rest are) has one: the piece
/// between its first two breaks is white space, which `trim` takes whole.
fn blank_line_in(gap: &str) -> bool {
    if gap.len() < 2 {
        return false;
    }
    // The line breaks counted and the white space told in one pass over the
    // bytes (a gap is short: a search per break cost more than the gap).
    let (breaks, white) = gap.bytes().fold((0usize, true), |(breaks, white), b| {
        (
            breaks + usize::from(b == b'\n'),
            white && b.is_ascii_whitespace(),
        )
    });
    if breaks < 2 {
        return false;
    }
    if white {
        return true;
    }
    let mut lines = gap.split('\n').skip(1).peekable();
    while let Some(l) = lines.next() {
        if lines.peek().is_some() && l.trim().is_empty() {
            return true;
        }
    }
    false
}

/// The quotations of the text, as spans: straight double quotes pair up,
/// curly ones open and close (a closing mark with none open, before a
/// word, opens); none runs past its paragraph.
fn quotes(text: &str, sentences: &[Span], paragraph: &[usize]) -> Vec<Span> {
    let mut out = Vec::new();
    // Paragraph ends, as byte offsets.
    let mut ends: Vec<usize> = Vec::new();
    for i in 1..sentences.len() {
        if paragraph[i] != paragraph[i - 1] {
            ends.push(sentences[i].start);
        }
    }
    ends.push(text.len());
    let mut open: Option<usize> = None;
    let mut e = 0;
    let bytes = text.as_bytes();
    // Only the bytes a quotation mark starts with are decoded: '"', and the
    // first bytes of '“', '”' (0xE2) and '«', '»' (0xC2).
    for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        while e < ends.len() && i >= ends[e] {
            if let Some(o) = open.take() {
                out.push(Span::new(o, ends[e]));
            }
            e += 1;
        }
        let next_is_word = || {
            text[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        };
        match c {
            '"' => match open.take() {
                Some(o) => out.push(Span::new(o, i + 1)),
                None => open = Some(i),
            },
            '\u{201c}' | '\u{ab}' if open.is_none() => open = Some(i),
            '\u{201d}' | '\u{bb}' => match open.take() {
                Some(o) => out.push(Span::new(o, i + c.len_utf8())),
                None if next_is_word() => open = Some(i),
                None => {}
            },
            _ => {}
        }
    }
    // The paragraphs that end after the last mark.
    while e < ends.len() && ends[e] < text.len() {
        if let Some(o) = open.take() {
            out.push(Span::new(o, ends[e]));
        }
        e += 1;
    }
    if let Some(o) = open {
        out.push(Span::new(o, text.len()));
    }
    out
}

/// Add the linked anaphors to `a` as mentions (sorted in), with their links;
/// and the set phrases, each a mention with one sense per member (the
/// entity that of the first) and a link to each member's name.
fn insert(
    a: &mut Analysis,
    linked: Vec<(Span, MentionKind, EntityIdx, Result<usize, usize>)>,
    sets: Vec<SetLink>,
) {
    if linked.is_empty() && sets.is_empty() {
        return;
    }
    let old = a.mentions.len();
    // New ids: old mentions, new ones and sets merged by start (0 old, 1 linked, 2 set).
    let mut order: Vec<(usize, u8, usize)> = (0..old)
        .map(|i| (a.mentions[i].span.start, 0, i))
        .chain(linked.iter().enumerate().map(|(k, l)| (l.0.start, 1, k)))
        .chain(sets.iter().enumerate().map(|(k, l)| (l.0.start, 2, k)))
        .collect();
    order.sort_unstable();
    let mut old_id = vec![0; old];
    let mut new_id = vec![0; linked.len()];
    let mut set_id = vec![0; sets.len()];
    for (id, &(_, what, i)) in order.iter().enumerate() {
        match what {
            0 => old_id[i] = id,
            1 => new_id[i] = id,
            _ => set_id[i] = id,
        }
    }
    let mut mentions: Vec<Option<Mention>> = a.mentions.drain(..).map(Some).collect();
    let mut merged = Vec::with_capacity(order.len());
    for &(_, what, i) in &order {
        match what {
            0 => merged.push(mentions[i].take().expect("each mention once")),
            1 => {
                let (span, kind, e, _) = linked[i];
                let mut m = Mention::new(span, vec![Sense { entity: e, kind }]);
                m.entity = Some(e);
                m.origin = Origin::Coreference;
                merged.push(m);
            }
            _ => {
                let (span, kind, members) = &sets[i];
                let senses = members
                    .iter()
                    .map(|&(entity, _)| Sense {
                        entity,
                        kind: *kind,
                    })
                    .collect();
                let mut m = Mention::new(*span, senses);
                m.entity = members.first().map(|&(e, _)| e);
                m.origin = Origin::Coreference;
                merged.push(m);
            }
        }
    }
    a.mentions = merged;
    for l in &mut a.links {
        l.mention = old_id[l.mention];
        l.antecedent = old_id[l.antecedent];
    }
    for (k, l) in linked.iter().enumerate() {
        let antecedent = match l.3 {
            Ok(m) => old_id[m],
            Err(j) => new_id[j],
        };
        a.links.push(Link {
            mention: new_id[k],
            antecedent,
        });
    }
    for (k, (_, _, members)) in sets.iter().enumerate() {
        for &(_, mi) in members {
            a.links.push(Link {
                mention: set_id[k],
                antecedent: old_id[mi],
            });
        }
    }
    a.links.sort_by_key(|l| l.mention);
    a.attach_tokens();
}

/// The members of a set phrase's mention ("the two sides"): its senses'
/// entities with their names' mentions, where `m` is one (a mention coreference
/// made with more than one sense); `None` for any other mention.
pub fn set_members(a: &Analysis, m: usize) -> Option<Vec<(EntityIdx, usize)>> {
    let mention = a.mentions.get(m)?;
    if mention.origin != Origin::Coreference || mention.senses.len() < 2 {
        return None;
    }
    let from = a.links.partition_point(|l| l.mention < m);
    let members: Vec<(EntityIdx, usize)> = a.links[from..]
        .iter()
        .take_while(|l| l.mention == m)
        .filter_map(|l| Some((a.mentions.get(l.antecedent)?.entity?, l.antecedent)))
        .collect();
    (members.len() >= 2).then_some(members)
}

/// Fan the edges with a set phrase at an end out to each member of the set:
/// "the two sides attended" is one edge per side, each with the member's
/// name as its chain. An edge a member already has from the same sentence
/// is not repeated.
pub fn fan_out_sets(a: &mut Analysis) {
    if !a
        .mentions
        .iter()
        .any(|m| m.origin == Origin::Coreference && m.senses.len() > 1)
    {
        return;
    }
    let set_at = |a: &Analysis, span: (usize, usize)| {
        let i = a.mentions.partition_point(|m| m.span.start < span.0);
        a.mentions
            .get(i)
            .filter(|m| m.span.end == span.1)
            .and_then(|_| set_members(a, i))
    };
    let relations = std::mem::take(&mut a.relations);
    let ends: Vec<_> = relations
        .iter()
        .map(|r| {
            (
                set_at(a, r.evidence.subject_span),
                set_at(a, r.evidence.object_span),
            )
        })
        .collect();
    let key = |r: &Relation| (r.evidence.sentence, r.subject, r.relation.clone(), r.object);
    let mut have: std::collections::HashSet<_> = relations
        .iter()
        .zip(&ends)
        .filter(|(_, (s, o))| s.is_none() && o.is_none())
        .map(|(r, _)| key(r))
        .collect();
    let mut out = Vec::with_capacity(relations.len());
    for (r, (subjects, objects)) in relations.into_iter().zip(ends) {
        if subjects.is_none() && objects.is_none() {
            out.push(r);
            continue;
        }
        let one = |e: EntityIdx| vec![(e, usize::MAX)];
        for &(s, sm) in &subjects.clone().unwrap_or_else(|| one(r.subject)) {
            for &(o, om) in &objects.clone().unwrap_or_else(|| one(r.object)) {
                if s == o {
                    continue;
                }
                let mut e = r.clone();
                e.subject = s;
                e.object = o;
                if let Some(m) = a.mentions.get(sm) {
                    e.evidence.subject_chain = vec![(m.span.start, m.span.end)];
                }
                if let Some(m) = a.mentions.get(om) {
                    e.evidence.object_chain = vec![(m.span.start, m.span.end)];
                }
                if have.insert(key(&e)) {
                    out.push(e);
                }
            }
        }
    }
    a.relations = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{sentences, Tokens};
    use lexicon::CorefLexicon;

    /// `two_in` builds and `is_two` recognises exactly what `two` gives,
    /// for every token and end of an invented sentence, and for near misses.
    #[test]
    fn two_in_and_is_two_agree_with_two() {
        let text = "The Zorvan envoy met the Quell group's chief in Varn.";
        let sents: Vec<Span> = sentences(text).into_iter().map(Span::from).collect();
        let toks = Tokens::new(text, &sents);
        let mut buf = String::from("left over");
        for end in 0..=toks.len() {
            for t in 0..toks.len() {
                let want = two(&toks, t, end);
                assert_eq!(two_in(&mut buf, &toks, t, end), want, "t {t} end {end}");
                assert!(is_two(&toks, t, end, &want), "{want:?} t {t} end {end}");
                for miss in [
                    format!("{want}s"),
                    want.replacen(' ', "  ", 1),
                    want.replacen(' ', "-", 1),
                    "zorvan envoy".to_string(),
                    String::new(),
                ] {
                    if miss != want {
                        assert!(!is_two(&toks, t, end, &miss), "{miss:?} t {t} end {end}");
                    }
                }
            }
        }
    }

    /// What [`Coref::find_with_skip`] finds in `a` without its skips,
    /// asserted to be what it finds with them (test `case`, its `text`).
    fn found_alike_with_and_without_skip(
        coref: &Coref,
        text: &str,
        a: &Analysis,
        case: impl std::fmt::Display,
    ) -> Found {
        let mut scratch = CorefScratch::default();
        let with = coref.find_with_skip(text, a, &mut scratch, true);
        let without = coref.find_with_skip(text, a, &mut scratch, false);
        assert_eq!(
            format!("{with:?}"),
            format!("{without:?}"),
            "case {case}: {text}"
        );
        without
    }

    /// The small world of the skip tests: two countries (one with a
    /// demonym), an armed group and a person, and the stage over them.
    fn freedonia() -> (Arc<Gazetteer>, Coref) {
        const GAZ: &str = r#"
[[entity]]
type = "Country"
name = "Freedonia"
demonyms = ["Freedonian"]
[[entity]]
type = "Country"
name = "Sylvania"
[[entity]]
type = "Organization"
name = "Red Brigade"
[[entity]]
type = "Person"
name = "Ana Ruiz"
"#;
        let gaz = Arc::new(Gazetteer::from_toml_str("t.toml", GAZ).unwrap());
        let parties = Arc::new(events::EventParties::new(&gaz));
        let coref = Coref::new(Arc::clone(&gaz), CorefLexicon::shipped(), parties);
        (gaz, coref)
    }

    /// `nothing_to_find`: where it answers yes, the whole search finds
    /// nothing (the same `Found` with the skip and without), over a table of
    /// documents on both sides of each of its conditions.
    #[test]
    fn nothing_to_find_only_where_the_search_finds_nothing() {
        use crate::stages::resolve::resolve;
        use crate::stages::tag::Tagger;
        let (gaz, coref) = freedonia();
        // (case, text, whether the search is skipped)
        let cases: &[(&str, &str, bool)] = &[
            (
                "'it' three sentences after the one country",
                "Freedonia is far away. The weather was bad. The roads were closed. \
                 Officials said it would pass.",
                true,
            ),
            (
                "near-miss: 'it' in the sentence after the country's",
                "Freedonia is far away. It has closed the roads.",
                false,
            ),
            (
                "near-miss: 'it' in the country's own sentence",
                "Freedonia said it would close the roads.",
                false,
            ),
            (
                "'they' after a country: no organisation can be plural",
                "Freedonia closed the border. They said nothing.",
                true,
            ),
            (
                "near-miss: 'they' after an organisation",
                "The Red Brigade closed the road. They said nothing.",
                false,
            ),
            (
                "near-miss: a relative pronoun after a country",
                "Freedonia, which closed the border, spoke.",
                false,
            ),
            (
                "near-miss: a description's type among the mentions'",
                "Ana Ruiz spoke. The weather was bad. The roads were closed. The envoy left.",
                false,
            ),
            (
                "near-miss: a coordinated list",
                "Freedonia and Sylvania met in May. The weather was bad. The two sides agreed.",
                false,
            ),
            (
                "near-miss: a mention followed by 'and' (a pair)",
                "Freedonia and a rival state fought. The two sides agreed.",
                false,
            ),
            (
                "near-miss: 'we' in a quotation",
                "Freedonia spoke. The weather was bad. \"We will win,\" the minister said.",
                false,
            ),
            (
                "'we' outside a quotation",
                "Freedonia spoke. The weather was bad. We will see.",
                true,
            ),
            (
                "a demonym and 'its' far after",
                "The Freedonian minister spoke. The weather was bad. The roads were closed. \
                 Its mayor said no.",
                true,
            ),
        ];
        let mut found_some = false;
        for (case, text, skipped) in cases {
            let doc = Document::new("d", *text);
            let mut a = Analysis::new(&doc, false);
            a.mentions = Tagger::new(&gaz).tag(text);
            resolve(&gaz, text, &mut a.mentions);
            a.make_tokens_from(text, 0);
            let (paragraph, _) = paragraphs(text, &a.sentences);
            let quotes = quotes(text, &a.sentences, &paragraph);
            let lists = coordinated_lists(text, &a, &gaz);
            let (mut cls, mut asked) = (Vec::new(), Vec::new());
            const ASKED: u32 = Class::ANAPHOR_START | Class::SET_START | Class::QUOTED;
            coref.vocab.classify(&a.tokens, &mut cls, ASKED, &mut asked);
            let mention_tokens: Vec<(u32, u32)> = (a.mentions.iter())
                .map(|m| a.tokens.covering(m.span))
                .map(|r| (r.start as u32, r.end as u32))
                .collect();
            assert_eq!(
                coref.nothing_to_find(&a, &cls, &asked, &mention_tokens, &quotes, &lists),
                *skipped,
                "case {case}: {text}"
            );
            let without = found_alike_with_and_without_skip(&coref, text, &a, case);
            found_some |= !without.linked.is_empty() || !without.sets.is_empty();
        }
        assert!(found_some, "no case of the table finds anything");
    }

    /// The set phrases are looked for only with a list or a possible pair,
    /// the quoted pronouns only with one inside a quotation: the same
    /// `Found` with those gates and without, over documents on both sides
    /// of each (each with a pronoun near a country, so that the search is
    /// not skipped as a whole), where the ones marked find a set or a
    /// quoted pronoun's link that a gate closed there would lose.
    #[test]
    fn sets_and_quoted_pronouns_are_passed_over_only_where_they_find_nothing() {
        use crate::stages::resolve::resolve;
        use crate::stages::tag::Tagger;
        let (gaz, coref) = freedonia();
        // (case, text, whether a set is found, whether a quoted pronoun is linked)
        let cases: &[(&str, &str, bool, bool)] = &[
            (
                "a set phrase with no list and no pair",
                "Freedonia said it would talk. The two sides agreed.",
                false,
                false,
            ),
            (
                "near-miss: a set phrase after a list",
                "Freedonia and Sylvania met. It was long. The two sides agreed.",
                true,
                false,
            ),
            (
                "near-miss: a set phrase after a pair",
                "Freedonia said it would talk. Freedonia and the rival Sylvania fought. \
                 The two sides agreed.",
                true,
                false,
            ),
            (
                "'we' outside a quotation",
                "Freedonia said it would talk. We will see, Ana Ruiz said.",
                false,
                false,
            ),
            (
                "near-miss: 'we' inside a quotation",
                "Freedonia said it would talk. \"We will win,\" Sylvania said.",
                false,
                true,
            ),
            (
                "near-miss: 'we' in a quotation after one without",
                "Freedonia said it would talk. \"No,\" Sylvania said. \"We will win.\"",
                false,
                true,
            ),
        ];
        for (case, text, set, quoted) in cases {
            let doc = Document::new("d", *text);
            let mut a = Analysis::new(&doc, false);
            a.mentions = Tagger::new(&gaz).tag(text);
            resolve(&gaz, text, &mut a.mentions);
            a.make_tokens_from(text, 0);
            let without = found_alike_with_and_without_skip(&coref, text, &a, case);
            assert_eq!(!without.sets.is_empty(), *set, "case {case}: {without:?}");
            let quoted_link =
                (without.linked.iter()).any(|(span, ..)| matches!(span.of(text), "We" | "we"));
            assert_eq!(quoted_link, *quoted, "case {case}: {without:?}");
        }
    }

    /// `blank_line_in`'s shortcuts against the split it was written as.
    #[test]
    fn blank_lines_as_the_split_finds_them() {
        // The spec: a piece between two line breaks that trims to nothing.
        let oracle = |gap: &str| {
            let pieces: Vec<&str> = gap.split('\n').collect();
            pieces.len() > 2
                && pieces[1..pieces.len() - 1]
                    .iter()
                    .any(|l| l.trim().is_empty())
        };
        for gap in [
            "",
            " ",
            "\n",
            "  ",
            " \n",
            "\n\n",
            "\n \n",
            " \n\t\r\n ",
            "\n\x0c\n",
            "\n x \n",
            "\n x \n\n",
            "\n\u{a0}\n",
            "\u{a0}\n\n",
            "\n\u{2003}x\n",
            "\r\n\r\n",
            "\n\x0b\n",
            "x\n\ny",
            "\n\n\n",
        ] {
            assert_eq!(blank_line_in(gap), oracle(gap), "{gap:?}");
        }
    }

    /// `paragraphs` against the spec it was written from: a break is a gap
    /// whose lines after the first break include a blank one before the last.
    #[test]
    fn paragraphs_break_at_blank_lines_only() {
        let cases: [(&str, &[bool]); 5] = [
            ("Ann came. Bo went.", &[true, false]),
            ("Ann came.\nBo went.", &[true, false]),
            ("Ann came.\n\nBo went.", &[true, true]),
            (
                "Ann came.\n  \t\nBo went.\n\n\nCy sat.",
                &[true, true, true],
            ),
            ("Ann came. \n x \nBo went.", &[true, false]),
        ];
        for (text, want) in cases {
            let sents: Vec<Span> = sentences(text).into_iter().map(Span::from).collect();
            let (para, start) = paragraphs(text, &sents);
            assert_eq!(start, want, "{text:?}");
            let mut p = 0;
            for (i, &s) in start.iter().enumerate() {
                p += usize::from(i > 0 && s);
                assert_eq!(para[i], p, "{text:?} sentence {i}");
            }
        }
    }
}
