//! The frame lexicon: predicates with their argument roles, as data
//! (`lexicon/frames.txt`), and the inflections generated from each lemma.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::{Error, ErrorKind, Location};
use crate::lexicon::WordMap;

/// The lexicon shipped with kgx.
pub const DEFAULT_FRAMES: &str = include_str!("../../lexicon/frames.txt");

/// Which syntactic argument of a predicate fills one end of a relation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The doer of a verb: its subject, a passive's by-phrase, the name before "-backed".
    Agent,
    /// What a verb is done to: its object, a passive's subject, the noun a participle modifies.
    Theme,
    /// Who a relational noun is: the name in apposition, the copula's subject, the name after a title.
    Holder,
    /// Whose a relational noun is: the nearest name or demonym modifying it, the possessive,
    /// or the doer of the verb it is the object of.
    Owner,
    /// Whose a noun for someone sent is: the possessive, else the first name modifying it
    /// ("Syria's U.N. ambassador", "U.N. Syria envoy").
    Principal,
    /// Who a verb of giving gives to: its indirect object, else its to-phrase
    /// ("gave the rebels sanctuary", "gave sanctuary to the rebels").
    Recipient,
    /// Who a verb asks to leave office (set `LEAVE_OFFICE`): the subject of its
    /// complement clause ("demanded that X step down"), else its object or
    /// on/for-phrase ("urged X to resign", "called on X to quit").
    Ousted,
    /// A phrase with this preposition (`in`, `to`, `of`, ...).
    Prep(String),
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "agent" => Role::Agent,
            "theme" => Role::Theme,
            "holder" => Role::Holder,
            "owner" => Role::Owner,
            "principal" => Role::Principal,
            "recipient" => Role::Recipient,
            "ousted" => Role::Ousted,
            p if !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()) => Role::Prep(p.into()),
            _ => return None,
        })
    }

    /// The role as the lexicon writes it.
    pub fn name(&self) -> &str {
        match self {
            Role::Agent => "agent",
            Role::Theme => "theme",
            Role::Holder => "holder",
            Role::Owner => "owner",
            Role::Principal => "principal",
            Role::Recipient => "recipient",
            Role::Ousted => "ousted",
            Role::Prep(p) => p,
        }
    }
}

/// Whether a frame's predicate is a verb or a relational noun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    /// A verb; its forms are generated from the lemma.
    Verb,
    /// A relational noun; its plural is generated.
    Noun,
    /// A name, a mark, and a list of names after it ("the contact group:
    /// Roe, Doe and Poe"): each listed name stands in the relation to the
    /// first. The lemma is the mark (`colon`).
    List,
}

/// One predicate of one relation with its argument roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// Verb or noun.
    pub pos: Pos,
    /// The relation it signals.
    pub relation: String,
    /// The lemma as written (`take part`, `prime minister`).
    pub lemma: String,
    /// The roles that fill the relation's subject, tried in order.
    pub subj: Vec<Role>,
    /// The roles that fill the relation's object, tried in order.
    pub obj: Vec<Role>,
    /// Modifier words of the predicate that keep it from holding (`deputy` leader).
    pub unless: Vec<String>,
    /// The line of the lexicon file.
    pub line: usize,
}

impl Frame {
    /// A short name for evidence and `explain`: `verb:broker`, `noun:ally`.
    pub fn name(&self) -> String {
        let pos = match self.pos {
            Pos::Verb => "verb",
            Pos::Noun => "noun",
            Pos::List => "list",
        };
        format!("{pos}:{}", self.lemma.replace(' ', "_"))
    }
}

/// How a surface form relates to its lemma.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Form {
    /// Base, third person or -ing form of a verb; singular or plural noun.
    Plain,
    /// A verb form that can be a past participle (`backed`, `led`, `taken`).
    Participle,
}

/// An entry of the form index: frame `frame` matches where the word is its
/// head word, `before` are the words that must precede it (multiword nouns)
/// and `after` the particle words that must follow (multiword verbs).
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub frame: usize,
    pub form: Form,
    pub before: Vec<String>,
    pub after: Vec<String>,
}

/// A checked frame lexicon.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    name: String,
    frames: Vec<Frame>,
    sets: BTreeMap<String, BTreeSet<String>>,
    /// Every word form of every predicate's head word, hashed: the syntax
    /// stage asks it of every word of every candidate sentence
    /// ([`Lexicon::has_predicate`]). Only looked up, never walked, so its
    /// order reaches no output.
    forms: WordMap<Vec<Entry>>,
    /// Lemma forms of governing verbs that turn a relation into another.
    refuse: Vec<(String, String, BTreeSet<String>)>,
    /// Governing verbs (all forms) whose complement is not a fact.
    block_forms: BTreeSet<String>,
    modalities: Vec<(String, BTreeSet<String>)>,
    irregular: BTreeMap<String, (String, String)>,
    /// Each entry of set `LEAVE_OFFICE`: the forms of its verb, its particles.
    leave_office: Vec<(BTreeSet<String>, Vec<String>)>,
    /// For each form of a verb of `leave_office`, the entries it is a form
    /// of (indices into `leave_office`), for [`Lexicon::may_leave_office`].
    leave_office_at: WordMap<Vec<usize>>,
}

/// The sets the templates read; a lexicon must define them.
const REQUIRED_SETS: [&str; 4] = ["NEG", "BLOCK", "PROXY", "RELPRON"];

impl Lexicon {
    /// The lexicon shipped with kgx ([`DEFAULT_FRAMES`]).
    pub fn embedded() -> crate::Result<Lexicon> {
        Lexicon::from_str("lexicon/frames.txt", DEFAULT_FRAMES)
    }

    /// Load and check a lexicon file; every problem is reported with file:line.
    pub fn load(path: &Path) -> crate::Result<Lexicon> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(ErrorKind::Rules, "read frame lexicon", path, &e))?;
        Lexicon::from_str(&path.display().to_string(), &text)
    }

    /// Parse a lexicon from a string; `name` is used as the file in error locations.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(name: &str, text: &str) -> crate::Result<Lexicon> {
        let mut lex = Lexicon {
            name: name.to_string(),
            ..Lexicon::default()
        };
        let mut errors = Vec::new();
        let mut irregular: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut refuse_raw: Vec<(String, String, Vec<String>)> = Vec::new();
        let mut block_raw = Vec::new();
        for (line, directive) in directives(text) {
            let err = |m: String| Error::new(ErrorKind::Rules, m).at(Location::line(name, line));
            let (word, rest) = directive
                .split_once(char::is_whitespace)
                .unwrap_or((&directive, ""));
            let rest = rest.trim();
            match word {
                "set" => match rest.split_once('=') {
                    Some((n, words)) if !n.trim().is_empty() => {
                        let words = alternatives(words);
                        if words.is_empty() {
                            errors.push(err(format!("set {:?} lists no word", n.trim())));
                        }
                        if n.trim() == "BLOCK" {
                            block_raw = words.clone();
                        }
                        lex.sets.insert(n.trim().to_string(), words.into_iter().collect());
                    }
                    _ => errors.push(err("expected `set NAME = w | w`".into())),
                },
                "irregular" => match rest.split_once(':') {
                    Some((lemma, forms)) => {
                        let forms = alternatives(forms);
                        match forms.as_slice() {
                            [one] => {
                                irregular.insert(lemma.trim().into(), (one.clone(), one.clone()));
                            }
                            [past, part] => {
                                irregular.insert(lemma.trim().into(), (past.clone(), part.clone()));
                            }
                            _ => errors.push(err(format!(
                                "irregular {:?}: expected `past` or `past | participle`",
                                lemma.trim()
                            ))),
                        }
                    }
                    None => errors.push(err("expected `irregular LEMMA: past | participle`".into())),
                },
                "modality" => match rest.split_once(':') {
                    Some((n, words)) if !n.trim().is_empty() => lex
                        .modalities
                        .push((n.trim().to_string(), alternatives(words).into_iter().collect())),
                    _ => errors.push(err("expected `modality NAME: w | w`".into())),
                },
                "refuse" => {
                    let parsed = rest.split_once(':').and_then(|(head, words)| {
                        let (from, to) = head.split_once("->")?;
                        Some((from.trim().to_string(), to.trim().to_string(), alternatives(words)))
                    });
                    match parsed {
                        Some(p) if !p.0.is_empty() && !p.1.is_empty() => refuse_raw.push(p),
                        _ => errors.push(err("expected `refuse RELATION -> RELATION: lemma | lemma`".into())),
                    }
                }
                "list" => match rest.split_once(':') {
                    Some((relation, mark)) if !relation.trim().is_empty() && mark.trim() == "colon" => {
                        lex.frames.push(Frame {
                            pos: Pos::List,
                            relation: relation.trim().to_string(),
                            lemma: "colon".into(),
                            subj: Vec::new(),
                            obj: Vec::new(),
                            unless: Vec::new(),
                            line,
                        })
                    }
                    _ => errors.push(err("expected `list RELATION: colon`".into())),
                },
                "verb" | "noun" => match parse_frame(word, rest, line) {
                    Ok(f) => lex.frames.extend(f),
                    Err(m) => errors.push(err(m)),
                },
                "unless:" => match lex.frames.last_mut() {
                    Some(last) if last.line == line => {
                        let words = alternatives(rest);
                        for f in lex.frames.iter_mut().rev().take_while(|f| f.line == line) {
                            f.unless = words.clone();
                        }
                    }
                    _ => errors.push(err("`unless:` continues a `verb` or `noun` line".into())),
                },
                other => errors.push(err(format!(
                    "unknown directive {other:?} (expected verb, noun, list, set, refuse, modality or irregular)"
                ))),
            }
        }
        for s in REQUIRED_SETS {
            if !lex.sets.contains_key(s) {
                errors.push(
                    Error::new(
                        ErrorKind::Rules,
                        format!("the lexicon defines no `set {s}` (the templates need it)"),
                    )
                    .at(Location::file(name)),
                );
            }
        }
        if !errors.is_empty() {
            return Err(Error::many(errors));
        }
        for (i, f) in lex.frames.iter().enumerate() {
            let words: Vec<&str> = f.lemma.split(' ').collect();
            match f.pos {
                Pos::Verb => {
                    let (head, after) = (words[0], &words[1..]);
                    for (form, kind) in verb_forms(head, irregular.get(head)) {
                        lex.forms.entry(form).or_default().push(Entry {
                            frame: i,
                            form: kind,
                            before: Vec::new(),
                            after: after.iter().map(|w| w.to_string()).collect(),
                        });
                    }
                }
                // A list frame has no word of its own: the templates look for its mark.
                Pos::List => {}
                Pos::Noun => {
                    let (before, head) = words.split_at(words.len() - 1);
                    for form in [head[0].to_string(), plural(head[0])] {
                        lex.forms.entry(form).or_default().push(Entry {
                            frame: i,
                            form: Form::Plain,
                            before: before.iter().map(|w| w.to_string()).collect(),
                            after: Vec::new(),
                        });
                    }
                }
            }
        }
        for (from, to, lemmas) in refuse_raw {
            let forms = lemmas
                .iter()
                .flat_map(|l| verb_forms(l, irregular.get(l.as_str())))
                .map(|(f, _)| f)
                .collect();
            lex.refuse.push((from, to, forms));
        }
        lex.irregular = irregular.clone();
        lex.leave_office = lex
            .sets
            .get("LEAVE_OFFICE")
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let mut parts = e.split_whitespace();
                let lemma = parts.next()?;
                let mut forms: BTreeSet<String> = verb_forms(lemma, irregular.get(lemma))
                    .into_iter()
                    .map(|(f, _)| f)
                    .collect();
                forms.insert(lemma.to_string());
                Some((forms, parts.map(str::to_string).collect()))
            })
            .collect();
        for (k, (forms, _)) in lex.leave_office.iter().enumerate() {
            for f in forms {
                lex.leave_office_at.entry(f.clone()).or_default().push(k);
            }
        }
        lex.block_forms = block_raw
            .iter()
            .flat_map(|l| verb_forms(l, irregular.get(l.as_str())))
            .map(|(f, _)| f)
            .collect();
        Ok(lex)
    }

    /// Where the lexicon came from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Every frame, in file order.
    pub fn frames(&self) -> &[Frame] {
        &self.frames
    }

    /// Frame `i`.
    pub fn frame(&self, i: usize) -> &Frame {
        &self.frames[i]
    }

    /// The relations the frames name (for checking against a rule set's declarations).
    pub fn relations(&self) -> BTreeSet<&str> {
        let mut out: BTreeSet<&str> = self.frames.iter().map(|f| f.relation.as_str()).collect();
        for (from, to, _) in &self.refuse {
            out.insert(from);
            out.insert(to);
        }
        out
    }

    /// Whether `word` (lower case) is a form of some predicate's head word.
    pub fn has_form(&self, word: &str) -> bool {
        self.forms.contains_key(word)
            || (word == ":" && self.frames.iter().any(|f| f.pos == Pos::List))
    }

    /// Whether any of `words` (normal forms, as [`crate::text::Tokens::norm`]
    /// gives them) is a form of some predicate's head word: the cheap test
    /// of whether a sentence can yield a frame at all, made before parsing it.
    pub fn has_predicate<'w>(&self, mut words: impl Iterator<Item = &'w str>) -> bool {
        words.any(|w| self.forms.contains_key(w))
    }

    /// The relations a hit on the predicates among `words` (normal forms)
    /// can be: their frames' relations, and what a `refuse` governor can
    /// turn those into. Empty where no word is a predicate.
    pub fn relations_of<'w>(&self, words: impl Iterator<Item = &'w str>) -> BTreeSet<&str> {
        let mut out: BTreeSet<&str> = words
            .flat_map(|w| self.entries(w))
            .map(|e| self.frames[e.frame].relation.as_str())
            .collect();
        self.close_under_refuse(&mut out);
        out
    }

    /// Adds to `out` every relation a `refuse` governor can turn one of its
    /// relations into, over and over, until nothing new comes.
    fn close_under_refuse<'a>(&'a self, out: &mut BTreeSet<&'a str>) {
        loop {
            let before = out.len();
            for (from, to, _) in &self.refuse {
                if out.contains(from.as_str()) {
                    out.insert(to.as_str());
                }
            }
            if out.len() == before {
                return;
            }
        }
    }

    /// The relations a hit of frame `frame` can be: its own, and what
    /// `refuse` governors can turn it into (over and over, as
    /// [`Lexicon::relations_of`] closes them).
    pub(crate) fn turned(&self, frame: usize) -> BTreeSet<&str> {
        let mut out: BTreeSet<&str> = BTreeSet::new();
        out.insert(self.frames[frame].relation.as_str());
        self.close_under_refuse(&mut out);
        out
    }

    pub(crate) fn entries(&self, word: &str) -> &[Entry] {
        self.forms.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether `word` is in set `set`.
    pub(crate) fn in_set(&self, set: &str, word: &str) -> bool {
        self.sets.get(set).is_some_and(|s| s.contains(word))
    }

    /// Whether `word` is a form of a verb listed in set `set` (`ACTOR_OBJECT`).
    pub(crate) fn in_verb_set(&self, set: &str, word: &str) -> bool {
        self.sets.get(set).is_some_and(|lemmas| {
            lemmas.contains(word)
                || lemmas.iter().any(|l| {
                    verb_forms(l, self.irregular.get(l.as_str()))
                        .iter()
                        .any(|(f, _)| f == word)
                })
        })
    }

    /// Whether verb form `word`, with the words `beside` it, is an entry of
    /// set `set` written as a lemma and its particles ("step down": a form of
    /// "step" with "down" beside it).
    pub(crate) fn in_phrase_set(&self, set: &str, word: &str, beside: &[&str]) -> bool {
        self.sets.get(set).is_some_and(|entries| {
            entries.iter().any(|e| {
                let mut parts = e.split_whitespace();
                let Some(lemma) = parts.next() else {
                    return false;
                };
                let head = lemma == word
                    || verb_forms(lemma, self.irregular.get(lemma))
                        .iter()
                        .any(|(f, _)| f == word);
                head && parts.all(|w| beside.contains(&w))
            })
        })
    }

    /// Whether some word of `words` is an entry of set `LEAVE_OFFICE` with
    /// the entry's particles among `words`: whether
    /// [`Lexicon::in_phrase_set`] could hold for that set, a word of `words`
    /// and words beside it taken from `words`.
    ///
    /// Asked of each word by its entries (`leave_office_at`): an entry
    /// holds where one of its forms is among `words` and so are its
    /// particles, which is what asking every entry of every word gives.
    pub(crate) fn may_leave_office(&self, words: &[&str]) -> bool {
        words.iter().any(|w| {
            self.leave_office_at.get(*w).is_some_and(|entries| {
                entries.iter().any(|&k| {
                    let parts = &self.leave_office[k].1;
                    parts.iter().all(|p| words.contains(&p.as_str()))
                })
            })
        })
    }

    pub(crate) fn is_block_governor(&self, word: &str) -> bool {
        self.block_forms.contains(word)
    }

    /// The relation a governing verb `word` turns `relation` into, if it does.
    pub(crate) fn refusal(&self, relation: &str, word: &str) -> Option<&str> {
        self.refuse
            .iter()
            .find(|(from, _, forms)| from == relation && forms.contains(word))
            .map(|(_, to, _)| to.as_str())
    }

    pub(crate) fn modality(&self, word: &str) -> Option<&str> {
        self.modalities
            .iter()
            .find(|(_, w)| w.contains(word))
            .map(|(n, _)| n.as_str())
    }
}

/// The directives of a file: (line, text), continuation lines joined.
fn directives(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = if raw.trim_start().starts_with('#') {
            ""
        } else {
            raw.find(" #").map_or(raw, |p| &raw[..p])
        };
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with(char::is_whitespace);
        let trimmed = line.trim();
        match out.last_mut() {
            // `unless:` on an indented line is a directive of its own, tied to the line above.
            Some((n, _)) if indented && trimmed.starts_with("unless:") => {
                let n = *n;
                out.push((n, trimmed.to_string()));
            }
            Some((_, prev)) if indented => {
                prev.push(' ');
                prev.push_str(trimmed);
            }
            _ => out.push((i + 1, trimmed.to_string())),
        }
    }
    out
}

/// `a | b c | d` -> ["a", "b c", "d"], lower case, spaces collapsed.
fn alternatives(s: &str) -> Vec<String> {
    s.split('|')
        .map(|w| {
            w.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// `RELATION SUBJ -> OBJ: lemma | lemma` -> one frame per lemma.
fn parse_frame(pos: &str, rest: &str, line: usize) -> Result<Vec<Frame>, String> {
    let pos = if pos == "verb" { Pos::Verb } else { Pos::Noun };
    let (head, lemmas) = rest
        .split_once(':')
        .ok_or("expected `verb RELATION SUBJ -> OBJ: lemma | lemma`")?;
    let (relation, roles) = head
        .trim()
        .split_once(char::is_whitespace)
        .ok_or("expected a relation and `SUBJ -> OBJ`")?;
    let (subj, obj) = roles
        .split_once("->")
        .ok_or("expected `SUBJ -> OBJ` after the relation")?;
    let roles = |s: &str| -> Result<Vec<Role>, String> {
        s.trim()
            .split('|')
            .map(|r| {
                Role::parse(r.trim()).ok_or_else(|| {
                    format!(
                        "unknown role {:?} (expected agent, theme, holder, owner or a preposition)",
                        r.trim()
                    )
                })
            })
            .collect()
    };
    let (subj, obj) = (roles(subj)?, roles(obj)?);
    let allowed = |r: &Role| match pos {
        Pos::Verb => !matches!(r, Role::Holder | Role::Owner | Role::Principal),
        Pos::Noun | Pos::List => !matches!(r, Role::Agent | Role::Theme | Role::Recipient),
    };
    if let Some(r) = subj.iter().chain(&obj).find(|r| !allowed(r)) {
        return Err(format!(
            "role {:?} is not for a {} (verbs: agent, theme, recipient, ousted, PREP; nouns: holder, owner, principal, ousted, PREP)",
            r.name(),
            if pos == Pos::Verb { "verb" } else { "noun" }
        ));
    }
    let lemmas = alternatives(lemmas);
    if lemmas.is_empty() {
        return Err("no lemma after `:`".into());
    }
    Ok(lemmas
        .into_iter()
        .map(|lemma| Frame {
            pos,
            relation: relation.to_string(),
            lemma,
            subj: subj.clone(),
            obj: obj.clone(),
            unless: Vec::new(),
            line,
        })
        .collect())
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a one-syllable verb doubles its last consonant (`bar` -> `barred`, `snub` -> `snubbed`).
fn doubles(w: &[u8]) -> bool {
    let n = w.len();
    (3..=4).contains(&n)
        && !is_vowel(w[n - 1])
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
        && is_vowel(w[n - 2])
        && !is_vowel(w[n - 3])
        && w[..n - 2].iter().filter(|&&c| is_vowel(c)).count() == 0
}

/// Every form of a verb lemma: base, -s, -ing, past and participle (irregular ones given).
pub(crate) fn verb_forms(lemma: &str, irregular: Option<&(String, String)>) -> Vec<(String, Form)> {
    let b = lemma.as_bytes();
    let n = b.len();
    let mut out = vec![(lemma.to_string(), Form::Plain)];
    let third = if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || lemma.ends_with('z')
    {
        format!("{lemma}es")
    } else if n > 1 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &lemma[..n - 1])
    } else {
        format!("{lemma}s")
    };
    out.push((third, Form::Plain));
    let stem_ing = if lemma.ends_with("ee") || lemma.ends_with("ye") || lemma.ends_with("oe") {
        lemma.to_string()
    } else if lemma.ends_with("ie") {
        format!("{}y", &lemma[..n - 2])
    } else if lemma.ends_with('e') {
        lemma[..n - 1].to_string()
    } else if doubles(b) {
        format!("{lemma}{}", b[n - 1] as char)
    } else {
        lemma.to_string()
    };
    out.push((format!("{stem_ing}ing"), Form::Plain));
    match irregular {
        Some((past, part)) => {
            out.push((
                past.clone(),
                if past == part {
                    Form::Participle
                } else {
                    Form::Plain
                },
            ));
            if past != part {
                out.push((part.clone(), Form::Participle));
            }
        }
        None => {
            let ed = if lemma.ends_with('e') {
                format!("{lemma}d")
            } else if n > 1 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
                format!("{}ied", &lemma[..n - 1])
            } else if doubles(b) {
                format!("{lemma}{}ed", b[n - 1] as char)
            } else {
                format!("{lemma}ed")
            };
            out.push((ed, Form::Participle));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// The plural of a noun (`ally` -> `allies`, `spokesman` -> `spokesmen`).
pub(crate) fn plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let n = b.len();
    if let Some(stem) = noun.strip_suffix("man") {
        format!("{stem}men")
    } else if noun.ends_with('s')
        || noun.ends_with('x')
        || noun.ends_with("ch")
        || noun.ends_with("sh")
    {
        format!("{noun}es")
    } else if n > 1 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &noun[..n - 1])
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms_come_from_the_lemma() {
        type Case<'a> = (&'a str, Option<(&'a str, &'a str)>, &'a [&'a str]);
        let cases: &[Case] = &[
            (
                "broker",
                None,
                &["broker", "brokered", "brokering", "brokers"],
            ),
            ("host", None, &["host", "hosted", "hosting", "hosts"]),
            (
                "convene",
                None,
                &["convene", "convened", "convenes", "convening"],
            ),
            ("ally", None, &["allied", "allies", "ally", "allying"]),
            ("snub", None, &["snub", "snubbed", "snubbing", "snubs"]),
            ("head", None, &["head", "headed", "heading", "heads"]),
            (
                "finance",
                None,
                &["finance", "financed", "finances", "financing"],
            ),
            (
                "lead",
                Some(("led", "led")),
                &["lead", "leading", "leads", "led"],
            ),
            (
                "take",
                Some(("took", "taken")),
                &["take", "taken", "takes", "taking", "took"],
            ),
        ];
        for (lemma, irr, want) in cases {
            let irr = irr.map(|(a, b)| (a.to_string(), b.to_string()));
            let mut got: Vec<String> = verb_forms(lemma, irr.as_ref())
                .into_iter()
                .map(|(f, _)| f)
                .collect();
            got.sort();
            assert_eq!(got, *want, "forms of {lemma:?}");
        }
        let led = verb_forms("lead", Some(&("led".into(), "led".into())));
        assert!(
            led.contains(&("led".into(), Form::Participle)),
            "led is a participle"
        );
        let took = verb_forms("take", Some(&("took".into(), "taken".into())));
        assert!(
            took.contains(&("took".into(), Form::Plain)),
            "took is not a participle"
        );
    }

    #[test]
    fn plurals() {
        for (noun, want) in [
            ("ally", "allies"),
            ("spokesman", "spokesmen"),
            ("envoy", "envoys"),
            ("sponsor", "sponsors"),
            ("host", "hosts"),
        ] {
            assert_eq!(plural(noun), want, "plural of {noun:?}");
        }
    }

    /// `may_leave_office` (by each word's entries) answers what asking
    /// every entry of set `LEAVE_OFFICE` of every word answers (the
    /// oracle below): forms of one-word and particle entries, with and
    /// without their particles, near misses, and word lists mixing them.
    #[test]
    fn may_leave_office_asks_each_entry_of_each_word() {
        let lex = Lexicon::embedded().expect("lexicon/frames.txt");
        let oracle = |words: &[&str]| {
            lex.leave_office.iter().any(|(forms, parts)| {
                words.iter().any(|w| forms.contains(*w))
                    && parts.iter().all(|p| words.contains(&p.as_str()))
            })
        };
        let pool = [
            "resign",
            "resigned",
            "resigns",
            "resigning",
            "step",
            "stepped",
            "steps",
            "down",
            "aside",
            "stand",
            "stood",
            "leave",
            "left",
            "office",
            "power",
            "abdicated",
            "quit",
            "the",
            "minister",
            "up",
            "go",
        ];
        let mut cases: Vec<Vec<&str>> = vec![Vec::new()];
        for (i, a) in pool.iter().enumerate() {
            cases.push(vec![a]);
            for b in &pool[i..] {
                cases.push(vec![a, b]);
                cases.push(vec!["roe", b, "to", a]);
            }
        }
        let mut yes = 0;
        for words in &cases {
            let want = oracle(words);
            assert_eq!(lex.may_leave_office(words), want, "{words:?}");
            yes += usize::from(want);
        }
        assert!(
            yes > 10 && yes < cases.len() - 10,
            "{yes} of {}",
            cases.len()
        );
        assert!(lex.may_leave_office(&["roe", "stepped", "down"]));
        assert!(!lex.may_leave_office(&["roe", "stepped", "in"]));
    }

    #[test]
    fn the_shipped_lexicon_loads() {
        let lex = Lexicon::embedded().expect("lexicon/frames.txt");
        assert!(lex.frames().len() > 50, "{} frames", lex.frames().len());
        assert!(lex.has_form("brokered") && lex.has_form("allies") && lex.has_form("led"));
        assert!(lex.has_predicate(["talks", "were", "brokered", "by"].into_iter()));
        assert!(
            !lex.has_predicate(["rain", "fell", "on", "tuesday"].into_iter()),
            "no predicate among these words"
        );
        assert!(!lex.has_predicate(std::iter::empty()));
        let rels = lex.relations_of(["chile", "declined", "to", "attend"].into_iter());
        assert!(
            rels.contains("attends") && rels.contains("declined"),
            "attend, and what a refusal turns it into: {rels:?}"
        );
        assert!(lex.relations_of(["rain", "fell"].into_iter()).is_empty());
        assert_eq!(lex.refusal("attends", "declined"), Some("declined"));
        assert!(lex.is_block_governor("hopes"));
        let leader = lex
            .frames()
            .iter()
            .find(|f| f.lemma == "leader")
            .expect("leader");
        assert_eq!(leader.unless, ["deputy", "vice", "former", "ex"]);
    }

    #[test]
    fn bad_lexicons_name_file_and_line() {
        let cases = [
            (
                "verb brokered agent theme: broker",
                "f.txt:1: expected `SUBJ -> OBJ`",
            ),
            (
                "verb brokered agent -> holder: broker",
                "f.txt:1: role \"holder\" is not for a verb",
            ),
            (
                "noun supports holder -> Who: ally",
                "f.txt:1: unknown role \"Who\"",
            ),
            ("frame x", "f.txt:1: unknown directive \"frame\""),
            (
                "\n\nirregular go: went | gone | goes",
                "f.txt:3: irregular \"go\"",
            ),
            ("unless: deputy", "f.txt:1: `unless:` continues"),
            (
                "\nlist member_of: dash",
                "f.txt:2: expected `list RELATION: colon`",
            ),
        ];
        let sets = "\nset NEG = not\nset BLOCK = hope\nset PROXY = team\nset RELPRON = who\n";
        for (text, want) in cases {
            let err = Lexicon::from_str("f.txt", &format!("{text}{sets}"))
                .expect_err(text)
                .to_string();
            assert!(err.contains(want), "{text:?}: got {err:?}, want {want:?}");
        }
        let err = Lexicon::from_str("f.txt", "verb brokered agent -> theme: broker")
            .expect_err("no sets")
            .to_string();
        assert!(err.contains("set NEG"), "{err}");
    }
}
