//! The coreference lexicon: pronouns, descriptions, set phrases, event
//! nouns and cue words, as data (`lexicon/coref.toml`), checked at load.
//!
//! Every problem is reported with file:line, all at once (an unknown key, an
//! unknown type or value, an empty list, a word claimed twice).

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{toml_failure, Error, ErrorKind, LineIndex, Location};
use crate::gazetteer::EntityType;
use crate::lexicon::WordMap;

/// The lexicon kgx ships, embedded in the binary.
pub const SHIPPED: &str = include_str!("../../../lexicon/coref.toml");
/// Its path in the source tree (for messages).
pub const SHIPPED_PATH: &str = "lexicon/coref.toml";

/// Grammatical number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Number {
    /// One.
    Singular,
    /// More than one (a coordinated list, a plural noun).
    Plural,
}

/// Grammatical gender, where the text shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// He, him, his; Mr.
    Male,
    /// She, her; Ms, Mrs.
    Female,
}

/// A personal or possessive pronoun.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pronoun {
    /// The types it can stand for.
    pub refers: Vec<EntityType>,
    /// Its number.
    pub number: Number,
    /// Its gender, where it has one.
    pub gender: Option<Gender>,
    /// Only inside a quotation, for the speaker's side ("we", "our").
    pub quoted: bool,
}

/// A relative pronoun ("who", "which"): it stands for the name right
/// before it ("Tomas Berg, who attended ..."), where that name is of one of
/// its types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relative {
    /// The types it can stand for.
    pub refers: Vec<EntityType>,
}

/// A definite description's head noun ("the envoy", "the group").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// The head, lower case, as written (one or two words).
    pub head: String,
    /// The types it can stand for.
    pub refers: Vec<EntityType>,
    /// Entity subtypes that answer to it.
    pub subtypes: Vec<String>,
    /// A role that also stands alone after a country ("Ukraine's president").
    pub title: bool,
}

/// A phrase standing for a set of actors the text established.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetPhrase {
    /// How many members it has, where the phrase says ("the two sides").
    pub size: Option<usize>,
    /// Words that name such a set before a coordinated list ("sponsors").
    pub label: Vec<String>,
    /// The types its members must have ("the two countries": Country);
    /// empty: any one type of actor, and a pair with an unnamed member
    /// ("X and a rival force") competes with the named lists.
    pub refers: Vec<EntityType>,
}

/// An event noun ("the talks", "the agreement").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventNoun {
    /// Event subtypes it fits (an event with no subtype fits every noun).
    pub subtypes: Vec<String>,
}

/// The checked lexicon.
#[derive(Clone, Debug, Default)]
pub struct CorefLexicon {
    /// Pronoun forms, lower case.
    pub pronouns: WordMap<Pronoun>,
    /// Relative pronoun forms, lower case.
    pub relatives: WordMap<Relative>,
    /// Description heads, lower case (one or two words).
    pub descriptions: WordMap<Description>,
    /// Set phrases, lower case, words joined by one space.
    pub sets: WordMap<SetPhrase>,
    /// Event nouns, lower case.
    pub events: WordMap<EventNoun>,
    /// Place adverbs standing for the event in focus ("there").
    pub places: Vec<String>,
    /// Title words telling a male person.
    pub male: Vec<String>,
    /// Title words telling a female person.
    pub female: Vec<String>,
    /// Verbs of speech.
    pub speech: Vec<String>,
    /// Words (or two-word sequences) after "it"/"there" that make it expletive.
    pub expletive: Vec<String>,
    /// Prepositions.
    pub prepositions: Vec<String>,
    /// Plural nouns for organisations and sets.
    pub plural_nouns: Vec<String>,
    /// Adverbs skipped after "it"/"there".
    pub adverbs: Vec<String>,
    /// Words skipped between a verb of speech and its subject.
    pub speech_aux: Vec<String>,
    /// Past participles not ending in "-ed" that, before "by", make the
    /// name after "by" a passive's agent ("led by X"; "headed by X" needs
    /// no entry).
    pub participles: Vec<String>,
    /// Forms of "be" before a participle that make it a passive ("was led
    /// by X"), not a reduced relative ("analysts polled by X").
    pub passive_aux: Vec<String>,
    /// Capitalised words that are not names.
    pub not_names: Vec<String>,
    /// Lower-case title words before a name.
    pub title_words: Vec<String>,
    /// Event subtypes (lower case) whose parties, where its name names two
    /// or more ("US-Taliban agreement"), take part in it.
    pub party_events: Vec<String>,
    /// Participles that, after an actor inside an event's own name
    /// ("U.N.-brokered truce"), make the actor its broker.
    pub broker_marks: Vec<String>,
    /// Nouns for the government of a state, after a possessive pronoun
    /// ("his government", "its regime").
    pub governments: Vec<String>,
    /// Time words whose "'s" opens an event noun as "the" does ("Friday's
    /// talks", "last week's meeting").
    pub time_possessors: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    pronoun: Vec<Spanned<RawPronoun>>,
    #[serde(default)]
    relative: Vec<Spanned<RawRelative>>,
    #[serde(default)]
    description: Vec<Spanned<RawDescription>>,
    #[serde(default)]
    set: Vec<Spanned<RawSet>>,
    #[serde(default)]
    event: Vec<Spanned<RawEvent>>,
    place: Option<Spanned<RawPlace>>,
    cues: Option<Spanned<RawCues>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPronoun {
    forms: Vec<String>,
    refers: Vec<String>,
    number: String,
    gender: Option<String>,
    #[serde(default)]
    quoted: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelative {
    forms: Vec<String>,
    refers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDescription {
    heads: Vec<String>,
    refers: Vec<String>,
    #[serde(default)]
    subtypes: Vec<String>,
    #[serde(default)]
    title: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    phrases: Vec<String>,
    size: Option<usize>,
    #[serde(default)]
    label: Vec<String>,
    refers: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    heads: Vec<String>,
    #[serde(default)]
    subtypes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCues {
    #[serde(default)]
    male: Vec<String>,
    #[serde(default)]
    female: Vec<String>,
    #[serde(default)]
    speech: Vec<String>,
    #[serde(default)]
    expletive: Vec<String>,
    #[serde(default)]
    prepositions: Vec<String>,
    #[serde(default)]
    plural_nouns: Vec<String>,
    #[serde(default)]
    adverbs: Vec<String>,
    #[serde(default)]
    speech_aux: Vec<String>,
    #[serde(default)]
    participles: Vec<String>,
    #[serde(default)]
    passive_aux: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    title_words: Vec<String>,
    #[serde(default)]
    party_events: Vec<String>,
    #[serde(default)]
    broker_marks: Vec<String>,
    governments: Vec<String>,
    #[serde(default)]
    time_possessors: Vec<String>,
}

impl CorefLexicon {
    /// The lexicon kgx ships ([`SHIPPED`]); it is checked by the tests.
    pub fn shipped() -> CorefLexicon {
        CorefLexicon::from_toml_str(SHIPPED_PATH, SHIPPED).expect("the shipped coref lexicon loads")
    }

    /// Load a lexicon file.
    pub fn load(path: &Path) -> crate::Result<CorefLexicon> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(ErrorKind::Lexicon, "read coref lexicon", path, &e))?;
        CorefLexicon::from_toml_str(&path.display().to_string(), &text)
    }

    /// Parse a lexicon; `name` is the file named in error locations.
    pub fn from_toml_str(name: &str, text: &str) -> crate::Result<CorefLexicon> {
        let lines = LineIndex::new(text);
        let line_at = |at: usize| lines.line(at);
        let file: RawFile = toml::from_str(text).map_err(|e| {
            let (loc, message) = toml_failure(name, text, &e);
            Error::new(ErrorKind::Lexicon, message).at(loc)
        })?;
        let mut errors = Vec::new();
        let mut lex = CorefLexicon::default();
        let mut err = |line: usize, msg: String| {
            errors.push(Error::new(ErrorKind::Lexicon, msg).at(Location::line(name, line)));
        };
        // Which line first claimed each word, per table kind.
        let mut claimed: HashMap<(&'static str, String), usize> = HashMap::new();
        let mut claim =
            |kind: &'static str, word: &str, line: usize, err: &mut dyn FnMut(usize, String)| {
                let w = normal(word);
                if w.is_empty() {
                    err(line, format!("empty {kind} word"));
                    return None;
                }
                if let Some(first) = claimed.insert((kind, w.clone()), line) {
                    err(
                        line,
                        format!(
                        "{kind} \"{w}\" is already listed at line {first} (list each word once)"
                    ),
                    );
                    return None;
                }
                Some(w)
            };

        for p in &file.pronoun {
            let line = line_at(p.span().start);
            let raw = p.get_ref();
            let refers = types(&raw.refers, line, &mut err);
            let number = match raw.number.as_str() {
                "singular" => Number::Singular,
                "plural" => Number::Plural,
                other => {
                    err(
                        line,
                        format!("unknown number \"{other}\" (expected singular or plural)"),
                    );
                    Number::Singular
                }
            };
            let gender = match raw.gender.as_deref() {
                None => None,
                Some("male") => Some(Gender::Male),
                Some("female") => Some(Gender::Female),
                Some(other) => {
                    err(
                        line,
                        format!("unknown gender \"{other}\" (expected male or female)"),
                    );
                    None
                }
            };
            nonempty(&raw.forms, "forms", line, &mut err);
            for f in &raw.forms {
                if let Some(w) = claim("pronoun", f, line, &mut err) {
                    let pronoun = Pronoun {
                        refers: refers.clone(),
                        number,
                        gender,
                        quoted: raw.quoted,
                    };
                    lex.pronouns.insert(w, pronoun);
                }
            }
        }
        for r in &file.relative {
            let line = line_at(r.span().start);
            let raw = r.get_ref();
            let refers = types(&raw.refers, line, &mut err);
            nonempty(&raw.forms, "forms", line, &mut err);
            for f in &raw.forms {
                if lex.pronouns.contains_key(&normal(f)) {
                    err(
                        line,
                        format!(
                            "relative \"{}\" is also a [[pronoun]] (list it once)",
                            normal(f)
                        ),
                    );
                    continue;
                }
                if let Some(w) = claim("relative", f, line, &mut err) {
                    let relative = Relative {
                        refers: refers.clone(),
                    };
                    lex.relatives.insert(w, relative);
                }
            }
        }
        for d in &file.description {
            let line = line_at(d.span().start);
            let raw = d.get_ref();
            let refers = types(&raw.refers, line, &mut err);
            nonempty(&raw.heads, "heads", line, &mut err);
            for h in &raw.heads {
                if h.split_whitespace().count() > 2 {
                    err(line, format!("head \"{h}\" has more than two words"));
                    continue;
                }
                if let Some(w) = claim("description head", h, line, &mut err) {
                    let description = Description {
                        head: w.clone(),
                        refers: refers.clone(),
                        subtypes: raw.subtypes.clone(),
                        title: raw.title,
                    };
                    lex.descriptions.insert(w, description);
                }
            }
        }
        for s in &file.set {
            let line = line_at(s.span().start);
            let raw = s.get_ref();
            nonempty(&raw.phrases, "phrases", line, &mut err);
            if raw.size.is_some_and(|n| n < 2) {
                err(line, "a set has at least 2 members (size >= 2)".to_string());
            }
            let refers = raw
                .refers
                .as_deref()
                .map(|r| types(r, line, &mut err))
                .unwrap_or_default();
            for p in &raw.phrases {
                if let Some(w) = claim("set phrase", p, line, &mut err) {
                    let set = SetPhrase {
                        size: raw.size,
                        label: raw.label.iter().map(|l| normal(l)).collect(),
                        refers: refers.clone(),
                    };
                    lex.sets.insert(w, set);
                }
            }
        }
        for e in &file.event {
            let line = line_at(e.span().start);
            let raw = e.get_ref();
            nonempty(&raw.heads, "heads", line, &mut err);
            for h in &raw.heads {
                if let Some(w) = claim("event noun", h, line, &mut err) {
                    let noun = EventNoun {
                        subtypes: raw.subtypes.clone(),
                    };
                    lex.events.insert(w, noun);
                }
            }
        }
        if let Some(p) = &file.place {
            let line = line_at(p.span().start);
            for f in &p.get_ref().forms {
                if let Some(w) = claim("place form", f, line, &mut err) {
                    lex.places.push(w);
                }
            }
        }
        if let Some(c) = &file.cues {
            let line = line_at(c.span().start);
            let raw = c.get_ref();
            let words = |v: &[String], kind: &'static str, err: &mut dyn FnMut(usize, String)| {
                let mut out: Vec<String> = Vec::new();
                for w in v {
                    let n = normal(w);
                    if n.is_empty() {
                        err(line, format!("empty word in cues.{kind}"));
                    } else if out.contains(&n) {
                        err(line, format!("\"{n}\" is listed twice in cues.{kind}"));
                    } else {
                        out.push(n);
                    }
                }
                out
            };
            lex.male = words(&raw.male, "male", &mut err);
            lex.female = words(&raw.female, "female", &mut err);
            lex.speech = words(&raw.speech, "speech", &mut err);
            lex.expletive = words(&raw.expletive, "expletive", &mut err);
            lex.prepositions = words(&raw.prepositions, "prepositions", &mut err);
            lex.plural_nouns = words(&raw.plural_nouns, "plural_nouns", &mut err);
            lex.adverbs = words(&raw.adverbs, "adverbs", &mut err);
            lex.speech_aux = words(&raw.speech_aux, "speech_aux", &mut err);
            lex.participles = words(&raw.participles, "participles", &mut err);
            lex.passive_aux = words(&raw.passive_aux, "passive_aux", &mut err);
            lex.not_names = words(&raw.not_names, "not_names", &mut err);
            lex.title_words = words(&raw.title_words, "title_words", &mut err);
            lex.party_events = words(&raw.party_events, "party_events", &mut err);
            lex.broker_marks = words(&raw.broker_marks, "broker_marks", &mut err);
            lex.governments = words(&raw.governments, "governments", &mut err);
            lex.time_possessors = words(&raw.time_possessors, "time_possessors", &mut err);
        }
        if errors.is_empty() {
            Ok(lex)
        } else {
            Err(Error::many(errors))
        }
    }
}

/// A word or phrase as the lexicon keys it: lower case, curly apostrophes
/// straight, one space between words.
pub fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('\u{2019}', "'")
}

fn types(names: &[String], line: usize, err: &mut dyn FnMut(usize, String)) -> Vec<EntityType> {
    if names.is_empty() {
        err(line, "refers is empty (give at least one type)".to_string());
    }
    names
        .iter()
        .filter_map(|n| match n.parse::<EntityType>() {
            Ok(t) => Some(t),
            Err(msg) => {
                err(line, msg);
                None
            }
        })
        .collect()
}

fn nonempty(v: &[String], key: &str, line: usize, err: &mut dyn FnMut(usize, String)) {
    if v.is_empty() {
        err(line, format!("{key} is empty (give at least one)"));
    }
}
