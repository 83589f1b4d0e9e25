//! Relation rules: typed, directed edges read from sentences by patterns that are data.
//!
//! A rules file (by default [`DEFAULT_RULES`]) declares the relation vocabulary
//! and the patterns that signal each relation; `docs/RULES.md` is the user's
//! guide. In short, a file is a list of directives (indented lines continue
//! the directive above; `#` starts a comment):
//!
//! ```text
//! relation brokered Actor -> Event             # name, subject type -> object type
//! set BROKERED = brokered | sponsored | organised | organized
//! modality reported = said | told | according to
//! rule brokered-passive brokered: {obj:Event} ,? [words 0-3] <@BROKERED> by {subj:Actor+}
//!     unless: not | never
//! ```
//!
//! A pattern works over the tokens of one sentence, where each mention is one
//! slot token. Its elements:
//!
//! | element | matches |
//! | --- | --- |
//! | `word`, `'s`, `,` | that token, case-insensitively (curly quotes made straight) |
//! | `{subj:Actor}` `{obj:Event}` | a resolved mention of that type, captured as an end |
//! | `{subj:Actor+}` | a coordinated list "X, Y, and Z" of such mentions: one edge each |
//! | `{Place}` `{_:Organization/Media}` | a mention of that type (sub-type after `/`), not captured |
//! | `(a b \| c)` | alternatives, each a sequence |
//! | `x?` `x*` `x+` | optional, repeated (at most 6) |
//! | `@NAME` | the alternatives of `set NAME` |
//! | `[gap 0-4]` `[words 0-4]` `[gap 0-9 no Actor ,]` | a bounded gap: any tokens; plain words; anything but these |
//! | `<...>` | the trigger (its span goes in the evidence) |
//! | `<role: ...>` | role words put on the edge (several are joined by a space) |
//! | `^` `$` `!x` | sentence start, sentence end, "not followed by x" |
//!
//! Clauses after the pattern: `unless: a | b c` blocks the rule where one of
//! these sequences occurs from 3 tokens before the match to its end (negation
//! and refusal; `explain` reports the block); `implicit: obj Event like talks`
//! takes the object from the document (the latest mention, up to the end of
//! the sentence, of that type whose text or name has one of the words).
//!
//! Every edge is checked against its relation's declared types, and carries
//! [`Evidence`]: the document, the sentence (index and
//! text), the byte spans of both ends and the trigger, and the rule id.
//!
//! ```
//! use kgx::relations::RuleSet;
//! use kgx::gazetteer::Gazetteer;
//! use kgx::analysis::{Mention, MentionKind, Sense};
//! use kgx::text::Span;
//! use kgx::Document;
//!
//! let gaz = Gazetteer::from_toml_str("g.toml", r#"
//! [[entity]]
//! type = "Country"
//! name = "Russia"
//! [[entity]]
//! type = "Country"
//! name = "Turkey"
//! [[entity]]
//! type = "Event"
//! name = "Minsk talks"
//! "#).unwrap();
//! let rules = RuleSet::from_str("inline.rules", "
//! relation brokered Actor -> Event
//! rule brokered-passive brokered: {obj:Event} [words 0-2] <brokered> by {subj:Actor+}
//! ").unwrap();
//! let doc = Document::new("d1", "The Minsk talks were brokered by Russia and Turkey.");
//! let mention = |start: usize, id: &str| {
//!     let e = gaz.get(id).unwrap();
//!     let end = start + doc.text[start..].find(|c: char| c == ' ' || c == '.').unwrap_or(0);
//!     let mut m = Mention::new(Span::new(start, end), vec![Sense { entity: e, kind: MentionKind::Name }]);
//!     m.entity = Some(e);
//!     m
//! };
//! let mut talks = mention(4, "minsk-talks");
//! talks.span.end = 15;
//! let mentions = vec![talks, mention(33, "russia"), mention(44, "turkey")];
//! let rels = rules.apply(&doc, &[Span::new(0, doc.text.len())], &mentions, &gaz);
//! let got: Vec<_> = rels.iter().map(|r| (gaz.entity(r.subject).id.as_str(), r.relation.as_str())).collect();
//! assert_eq!(got, [("russia", "brokered"), ("turkey", "brokered")]);
//! assert_eq!(&*rels[0].evidence.rule, "brokered-passive");
//! ```

mod accept;
mod constraint;
mod explain;
mod matcher;
mod needs;
mod parse;
mod rule;
mod stage;
pub(crate) mod token;
mod tokenizer;
mod types;
mod words;

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

pub use crate::analysis::{Evidence, Relation};
pub use accept::{Rejection, MAX_SENTENCE_BYTES};
pub use constraint::{Constraint, StandsFor};
pub use explain::{Explanation, Outcome};
pub use rule::{RelationDecl, TypeSpec};
pub use stage::Relate;

use crate::analysis::Mention;
use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::gazetteer::{EntityIdx, Gazetteer};
pub use crate::stages::compose::NameIndex;
use crate::text::Span;
use matcher::{
    implicit_object, index_alternatives, max_tokens, token_entity, token_span, Matcher, Mode,
    Opening, Search, Sentence, WINDOW_BEFORE,
};
use needs::RuleNeeds;
use rule::{Modality, Rule};
use tokenizer::Tokenizer;

/// The rules file used when no `--rules` is given.
pub const DEFAULT_RULES: &str = "gazetteer/relations.rules";

/// A checked set of relation rules and the relation vocabulary they use.
#[derive(Clone, Debug)]
pub struct RuleSet {
    name: String,
    decls: Vec<RelationDecl>,
    names: Vec<String>,
    rules: Vec<Rule>,
    modalities: Vec<Modality>,
    /// What every match of each rule must contain (see [`RuleNeeds`]).
    needs: RuleNeeds,
    /// Per rule, the most tokens a match spans ([`matcher::max_tokens`]).
    max_tokens: Vec<Option<usize>>,
    /// Per rule, what the token a match starts at must be ([`Opening`]).
    openings: Vec<Opening>,
}

/// One end of a candidate edge.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct End {
    pub entity: Option<EntityIdx>,
    pub span: (usize, usize),
    /// The slot's own type constraint, where a slot bound it.
    pub slot_ty: Option<TypeSpec>,
}

/// A rule match fanned out to one (subject, object) pair, before checks.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Candidate {
    pub rule: usize,
    pub sentence: usize,
    pub subj: End,
    pub obj: End,
    pub trigger: Option<(usize, usize)>,
    pub role: Option<String>,
    pub modality: Option<String>,
    /// Why the match may not become an edge, if it may not.
    pub blocked: Option<Blocked>,
}

/// Why a pattern match is kept from becoming an edge before any other check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Blocked {
    /// An `unless:` blocker occurs near the match (the text found).
    By(String),
    /// The search for blockers or modality markers ran out of steps, so the
    /// match cannot be known to be unblocked; it is dropped, never guessed.
    Unfinished(&'static str),
}

/// Fill in the [`rule::AltIndex`] of every set of alternatives in the rules'
/// patterns, blockers and modality markers, numbering words as the tokens'
/// ids do (the needs' vocabulary).
fn index_rules(rules: &mut [Rule], modalities: &mut [Modality], needs: &RuleNeeds) {
    let word_id = |w: &str| needs.vocab().word(w);
    for r in rules {
        index_alternatives(&mut r.pattern, &word_id);
        for blocker in &mut r.unless {
            index_alternatives(blocker, &word_id);
        }
    }
    for m in modalities {
        for marker in &mut m.markers {
            index_alternatives(marker, &word_id);
        }
    }
}

impl RuleSet {
    /// Load and check a rules file; every problem is reported with file:line.
    pub fn load(path: &Path) -> crate::Result<RuleSet> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(ErrorKind::Rules, "read rules", path, &e))?;
        RuleSet::from_str(&path.display().to_string(), &text)
    }

    /// Parse several rule files as one set, in order (the shipped rules, then
    /// the user's): `(name, text)` pairs, names used in error locations.
    pub fn from_sources(files: &[(&str, &str)]) -> crate::Result<RuleSet> {
        let mut parsed = parse::parse_many(files)?;
        let names = parsed.relations.iter().map(|d| d.name.clone()).collect();
        let name = files.iter().map(|f| f.0).collect::<Vec<_>>().join(" + ");
        let needs = RuleNeeds::compile(&parsed.rules);
        index_rules(&mut parsed.rules, &mut parsed.modalities, &needs);
        let openings = (parsed.rules.iter())
            .map(|r| Opening::of(&r.pattern, &|w| needs.vocab().word(w)))
            .collect();
        Ok(RuleSet {
            needs,
            openings,
            max_tokens: parsed
                .rules
                .iter()
                .map(|r| max_tokens(&r.pattern))
                .collect(),
            name,
            decls: parsed.relations,
            names,
            rules: parsed.rules,
            modalities: parsed.modalities,
        })
    }

    /// Parse rules from a string; `name` is used as the file in error locations.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(name: &str, text: &str) -> crate::Result<RuleSet> {
        let mut parsed = parse::parse(name, text)?;
        let names = parsed.relations.iter().map(|d| d.name.clone()).collect();
        let needs = RuleNeeds::compile(&parsed.rules);
        index_rules(&mut parsed.rules, &mut parsed.modalities, &needs);
        let openings = (parsed.rules.iter())
            .map(|r| Opening::of(&r.pattern, &|w| needs.vocab().word(w)))
            .collect();
        Ok(RuleSet {
            needs,
            openings,
            max_tokens: parsed
                .rules
                .iter()
                .map(|r| max_tokens(&r.pattern))
                .collect(),
            name: name.to_string(),
            decls: parsed.relations,
            names,
            rules: parsed.rules,
            modalities: parsed.modalities,
        })
    }

    /// The literal words inside the rules' trigger marks (`<...>`), as the
    /// rules spell them (normal form): what makes a sentence with one mention
    /// worth parsing (see [`crate::stages::syntax`]).
    pub fn trigger_words(&self) -> std::collections::BTreeSet<String> {
        fn walk(
            elems: &[rule::Elem],
            inside: bool,
            out: &mut std::collections::BTreeSet<String>,
        ) -> bool {
            let mut inside = inside;
            for e in elems {
                match e {
                    rule::Elem::Mark(rule::MarkKind::Trigger, open) => inside = *open,
                    rule::Elem::Word(w) if inside => {
                        out.insert(w.clone());
                    }
                    rule::Elem::Alt(alts, _) => {
                        let mut after = inside;
                        for alt in alts {
                            after = walk(alt, inside, out);
                        }
                        inside = after;
                    }
                    _ => {}
                }
            }
            inside
        }
        let mut out = std::collections::BTreeSet::new();
        for r in &self.rules {
            walk(&r.pattern, false, &mut out);
        }
        out
    }

    /// Where the rules came from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The declared relation names, in file order.
    pub fn relations(&self) -> &[String] {
        &self.names
    }

    /// The declared relations with their from -> to types.
    pub fn declarations(&self) -> &[RelationDecl] {
        &self.decls
    }

    /// The declaration of a relation by name.
    pub fn declaration(&self, relation: &str) -> Option<&RelationDecl> {
        self.decls.iter().find(|d| d.name == relation)
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Rule ids with their relation and line, in file order.
    pub fn rule_ids(&self) -> impl Iterator<Item = (&str, &str, usize)> {
        self.rules
            .iter()
            .map(|r| (r.id.as_str(), self.decls[r.relation].name.as_str(), r.line))
    }

    /// Read the relations of one document.
    ///
    /// `sentences` are byte ranges of `doc.text`; `mentions` are sorted and do not
    /// overlap; unresolved mentions (`entity: None`) never become an edge end.
    /// Edges whose ends break the relation's declared types, whose ends are the
    /// same entity, or whose match is blocked by an `unless:` are dropped.
    ///
    /// Output: one [`Relation`] per (subject, relation, object, sentence, rule):
    /// where one rule matches a pair twice in a sentence the leftmost match is
    /// kept. Sorted by sentence, subject span, relation, object span, rule id.
    /// Never panics: bad ranges are skipped, and the matcher has a step budget.
    ///
    /// This builds a [`NameIndex`] of the gazetteer on each call; to read many
    /// documents, build it once and call [`RuleSet::apply_with`].
    pub fn apply(
        &self,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
        gazetteer: &Gazetteer,
    ) -> Vec<Relation> {
        let places = NameIndex::new(gazetteer);
        self.apply_with(doc, sentences, mentions, gazetteer, &places)
    }

    /// [`RuleSet::apply`] with the gazetteer's [`NameIndex`] built beforehand
    /// (`places` must come from `gazetteer`).
    pub fn apply_with(
        &self,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
        gazetteer: &Gazetteer,
        places: &NameIndex,
    ) -> Vec<Relation> {
        self.apply_counted(doc, sentences, mentions, gazetteer, places)
            .0
    }

    /// [`RuleSet::apply_with`], and how many rule searches ran out of steps
    /// (a rule match that may have missed matches, or a blocker or modality
    /// check that could not finish and so dropped its match).
    pub fn apply_counted(
        &self,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
        gazetteer: &Gazetteer,
        places: &NameIndex,
    ) -> (Vec<Relation>, usize) {
        self.apply_new_ends(doc, sentences, mentions, gazetteer, places, None)
    }

    /// [`RuleSet::apply_counted`]; with `new_from`, only the relations with
    /// an end of entity index `new_from` or more are wanted (see
    /// [`RuleSet::candidates_new_ends`]): the others may be missing.
    pub(crate) fn apply_new_ends(
        &self,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
        gazetteer: &Gazetteer,
        places: &NameIndex,
        new_from: Option<usize>,
    ) -> (Vec<Relation>, usize) {
        let sentences = &*accept::readable(sentences);
        let (candidates, exhausted) = self.candidates_new_ends(
            doc,
            sentences,
            mentions,
            gazetteer,
            places,
            Mode::Strict,
            new_from,
        );
        let mut judge = accept::Judge::default();
        let mut out: Vec<Relation> = candidates
            .iter()
            .filter_map(|c| judge.accept(self, doc, sentences, gazetteer, c).ok())
            .collect();
        out.sort_by(|a, b| {
            (
                a.evidence.sentence,
                a.evidence.subject_span,
                &a.relation,
                a.evidence.object_span,
                &a.evidence.rule,
            )
                .cmp(&(
                    b.evidence.sentence,
                    b.evidence.subject_span,
                    &b.relation,
                    b.evidence.object_span,
                    &b.evidence.rule,
                ))
        });
        (out, exhausted)
    }

    /// Every rule match in every sentence, fanned out to (subject, object)
    /// pairs, and how many (rule, sentence) searches ran out of steps (a rule
    /// match that may have missed matches, or a blocker or modality check that
    /// could not finish).
    pub(crate) fn candidates(
        &self,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
        gaz: &Gazetteer,
        places: &NameIndex,
        mode: Mode,
    ) -> (Vec<Candidate>, usize) {
        self.candidates_new_ends(doc, sentences, mentions, gaz, places, mode, None)
    }

    /// [`RuleSet::candidates`]; with `new_from`, only the candidates with an
    /// end whose entity index is `new_from` or more are wanted (discovery's
    /// slots: [`crate::stages::discover::WithDiscovered`] keeps nothing
    /// else of its second run). Those are all found; the others may not be.
    /// A candidate's ends are the entities of the tokens its match captured
    /// (or a rule's implicit object), and a match captures tokens from its
    /// start on, fewer than [`matcher::max_tokens`] of the pattern after it.
    /// So no rule is tried in a sentence with no token of such an entity, and
    /// in one that has some, a rule without an implicit object is tried only
    /// from the starts that have such a token close enough after them, and
    /// only its matches that capture one are fanned out. (The steps a search
    /// takes are fewer, so where a full search would have run out of its step
    /// budget, this one may not: its count of searches out of steps is then
    /// lower, and it finds every wanted match.)
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn candidates_new_ends(
        &self,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
        gaz: &Gazetteer,
        places: &NameIndex,
        mode: Mode,
        new_from: Option<usize>,
    ) -> (Vec<Candidate>, usize) {
        let mut out = Vec::new();
        let mut exhausted = 0;
        // Mentions with an entity outside the gazetteer would panic on lookup: drop them
        // (copying the list only when there is one).
        let outside = |m: &Mention| {
            m.entity.is_some_and(|e| e.index() >= gaz.len())
                || m.senses.iter().any(|s| s.entity.index() >= gaz.len())
        };
        let mentions: Cow<[Mention]> = if mentions.iter().any(outside) {
            Cow::Owned(
                mentions
                    .iter()
                    .map(|m| {
                        let mut m = m.clone();
                        if m.entity.is_some_and(|e| e.index() >= gaz.len()) {
                            m.entity = None;
                        }
                        m.senses.retain(|s| s.entity.index() < gaz.len());
                        m
                    })
                    .collect(),
            )
        } else {
            Cow::Borrowed(mentions)
        };
        let mentions = &*mentions;
        // Each sentence is tokenised in stages, and dropped as soon as no
        // rule's needs are met: a rule whose needs are not met cannot match
        // (see `Needs`), so the output is that of matching every rule everywhere.
        let fewest = self.needs.fewest_mentions();
        if fewest > 0 && mentions.is_empty() {
            return (out, exhausted);
        }
        let mut tokenizer = Tokenizer::new(&doc.text, mentions, gaz, places, self.needs.vocab());
        let mut tokens = Vec::new();
        let mut ids = Vec::new();
        for (si, range) in sentences.iter().map(|s| s.range()).enumerate() {
            let range = &range;
            if doc.text.get(range.clone()).is_none() {
                continue;
            }
            // Most sentences have no mention at all: those are passed over
            // before stage 1 (which would find no mention token).
            if fewest > 0 && !tokenizer.may_have_mentions(range) {
                continue;
            }
            tokenizer.read_mentions(range);
            if tokenizer.facts().mention_tokens() < fewest {
                continue;
            }
            self.needs.live_after_mentions(tokenizer.facts_mut(), mode);
            if tokenizer.facts().live().is_empty() {
                continue;
            }
            tokenizer.read_words();
            self.needs.retain_words_met(tokenizer.facts_mut());
            if tokenizer.facts().live().is_empty() {
                continue;
            }
            tokenizer.tokens(&mut tokens, &mut ids);
            let sentence = Sentence {
                index: si,
                tokens: std::mem::take(&mut tokens),
                mentions,
                gaz,
            };
            let live = tokenizer.facts().live().iter().copied();
            exhausted += self.read_sentence(
                &sentence, &ids, range, live, &doc.text, mode, new_from, &mut out,
            );
            tokens = sentence.tokens;
        }
        (out, exhausted)
    }

    /// Match `rules` (indices, in order) in one tokenised sentence and fan
    /// their hits out into `out`; returns how many searches ran out of steps.
    /// `ids` are the tokens' words ([`Tokenizer::tokens`]; a list of another
    /// length, as the tests' reference reading gives, tries every start).
    #[allow(clippy::too_many_arguments)]
    fn read_sentence(
        &self,
        sentence: &Sentence,
        ids: &[Option<u32>],
        range: &Range<usize>,
        rules: impl Iterator<Item = usize>,
        text: &str,
        mode: Mode,
        new_from: Option<usize>,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let (mentions, gaz) = (sentence.mentions, sentence.gaz);
        let m = Matcher::new(sentence, mode).with_ids(ids);
        let mut exhausted = 0;
        // With `new_from`: the tokens of a new entity, ascending (see
        // `candidates_new_ends`).
        let new: Vec<usize> = match new_from {
            Some(base) => (sentence.tokens.iter().enumerate())
                .filter(|(_, t)| token_entity(t, mentions).is_some_and(|e| e.index() >= base))
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
        if new_from.is_some() && new.is_empty() {
            return exhausted;
        }
        // With `new_from`: how near to a token of `new` each word need is met.
        let mut dist = Vec::new();
        if new_from.is_some() {
            self.needs.word_distances(ids, &new, &mut dist);
        }
        for ri in rules {
            let rule = &self.rules[ri];
            let (hits, ran_out) = match new_from {
                Some(_) if rule.implicit.is_none() => {
                    let span = self.max_tokens[ri];
                    // A match that captures a token of `new` spans at most
                    // `n` tokens from a start at or before it, so every word
                    // it needs lies less than `n` tokens from that token: a
                    // rule whose words are not all that near one is not
                    // tried (its search could keep no hit).
                    if span.is_some_and(|n| !self.needs.words_within(ri, &dist, n)) {
                        continue;
                    }
                    // The starts with a token `i` of `new` in `start..start
                    // + span`, that is `i + 1 - span..=i` (with no bound,
                    // `0..=i`), ascending and each once (`new` is
                    // ascending), at which the pattern may open.
                    let near_new = new.iter().scan(0, |taken: &mut usize, &i| {
                        let from = span.map_or(0, |n| (i + 1).saturating_sub(n));
                        let starts = from.max(*taken)..i + 1;
                        *taken = i + 1;
                        Some(starts)
                    });
                    let starts = (near_new.flatten())
                        .filter(|&start| m.opens_at(&self.openings[ri], ids, start));
                    let (mut hits, ran_out) = m.hits_from(rule, starts);
                    hits.retain(|h| {
                        h.subj
                            .iter()
                            .chain(&h.obj)
                            .any(|i| new.binary_search(i).is_ok())
                    });
                    (hits, ran_out)
                }
                _ => {
                    let starts = (0..sentence.tokens.len())
                        .filter(|&start| m.opens_at(&self.openings[ri], ids, start));
                    m.hits_from(rule, starts)
                }
            };
            exhausted += usize::from(ran_out);
            if hits.is_empty() {
                continue;
            }
            let implicit = rule
                .implicit
                .as_ref()
                .and_then(|_| implicit_object(rule, text, range.end, mentions, gaz))
                .map(|i| &mentions[i]);
            if rule.implicit.is_some() && implicit.is_none() {
                continue;
            }
            for hit in hits {
                exhausted += self.fan_out(&m, ri, rule, &hit, implicit, text, out);
            }
        }
        exhausted
    }

    /// One candidate per (subject, object) of `hit`; returns 1 when a blocker
    /// or modality check could not finish (the candidates are then blocked).
    #[allow(clippy::too_many_arguments)]
    fn fan_out(
        &self,
        m: &Matcher,
        ri: usize,
        rule: &Rule,
        hit: &matcher::Hit,
        implicit: Option<&Mention>,
        text: &str,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let s = m.s;
        let toks = &s.tokens;
        let from = hit.start.saturating_sub(WINDOW_BEFORE);
        // Blockers and modality are decided before an edge is kept, each
        // search with its own step budget; one that cannot finish blocks.
        let mut blocked = match rule.unless.is_empty() {
            true => None,
            false => match m.find_in_except(
                &rule.unless,
                from,
                hit.end,
                &[hit.subj.as_slice(), hit.obj.as_slice()].concat(),
            ) {
                Search::Found(a, b) => Some(Blocked::By(
                    token_span(toks, a, b)
                        .and_then(|(a, b)| text.get(a..b))
                        .unwrap_or_default()
                        .to_string(),
                )),
                Search::Absent => None,
                Search::Unfinished => Some(Blocked::Unfinished("blocker")),
            },
        };
        let mut modality = None;
        for md in &self.modalities {
            match m.find_in(&md.markers, from, hit.end) {
                Search::Found(..) => {
                    modality = Some(md.name.clone());
                    break;
                }
                Search::Absent => {}
                Search::Unfinished => {
                    blocked.get_or_insert(Blocked::Unfinished("modality"));
                    break;
                }
            }
        }
        let unfinished = usize::from(matches!(blocked, Some(Blocked::Unfinished(_))));
        let role = {
            let parts: Vec<&str> = hit
                .roles
                .iter()
                .filter_map(|&(a, b)| token_span(toks, a, b))
                .filter_map(|(a, b)| text.get(a..b))
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        };
        let trigger = hit.trigger.and_then(|(a, b)| token_span(toks, a, b));
        let end_of = |i: usize, ty: &Option<TypeSpec>| {
            let t = &toks[i];
            let span = match (t.nested, t.mention.and_then(|mi| s.mentions.get(mi))) {
                (None, Some(mn)) => (mn.span.start, mn.span.end),
                _ => (t.start, t.end),
            };
            End {
                entity: token_entity(t, s.mentions),
                span,
                slot_ty: ty.clone(),
            }
        };
        let objs: Vec<End> = match implicit {
            Some(mn) => vec![End {
                entity: mn.entity,
                span: (mn.span.start, mn.span.end),
                slot_ty: None,
            }],
            None => hit.obj.iter().map(|&i| end_of(i, &hit.obj_ty)).collect(),
        };
        for &si in &hit.subj {
            for o in &objs {
                out.push(Candidate {
                    rule: ri,
                    sentence: s.index,
                    subj: end_of(si, &hit.subj_ty),
                    obj: o.clone(),
                    trigger,
                    role: role.clone(),
                    modality: modality.clone(),
                    blocked: blocked.clone(),
                });
            }
        }
        unfinished
    }

    /// Why (or why not) `subject relation object` holds in this document; see [`Explanation`].
    ///
    /// Every candidate edge is judged by the same checks as in
    /// [`RuleSet::apply`], so an edge explain says fired is an edge apply
    /// gives, and the other way round. This builds a [`NameIndex`]; to explain
    /// many documents, build it once and call [`RuleSet::explain_with`] (or
    /// use [`Pipeline::explain`](crate::pipeline::Pipeline::explain)).
    #[allow(clippy::too_many_arguments)]
    pub fn explain(
        &self,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
        gazetteer: &Gazetteer,
        subject: EntityIdx,
        relation: &str,
        object: EntityIdx,
    ) -> Vec<Explanation> {
        let places = NameIndex::new(gazetteer);
        self.explain_with(
            doc, sentences, mentions, gazetteer, &places, subject, relation, object,
        )
    }

    /// [`RuleSet::explain`] with the gazetteer's [`NameIndex`] built
    /// beforehand (`places` must come from `gazetteer`).
    #[allow(clippy::too_many_arguments)]
    pub fn explain_with(
        &self,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
        gazetteer: &Gazetteer,
        places: &NameIndex,
        subject: EntityIdx,
        relation: &str,
        object: EntityIdx,
    ) -> Vec<Explanation> {
        explain::explain(
            self, doc, sentences, mentions, gazetteer, places, subject, relation, object,
        )
    }

    pub(crate) fn rule(&self, i: usize) -> &Rule {
        &self.rules[i]
    }
}

impl RuleSet {
    pub(crate) fn declaration_of(&self, rule: usize) -> &RelationDecl {
        &self.decls[self.rules[rule].relation]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::MentionKind;
    use crate::pipeline::Pipeline;

    /// [`RuleSet::candidates`] without the prefilter: every sentence
    /// tokenised in one pass, every rule run on it (the reference the
    /// prefiltered candidates must equal).
    fn candidates_unfiltered(
        rules: &RuleSet,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
        gaz: &Gazetteer,
        places: &NameIndex,
        mode: Mode,
    ) -> Vec<Candidate> {
        let mut out = Vec::new();
        for (si, range) in sentences.iter().map(|s| s.range()).enumerate() {
            let range = &range;
            if doc.text.get(range.clone()).is_none() {
                continue;
            }
            let tokens = tokenizer::tokenize_in_one_pass(&doc.text, range, mentions, gaz, places);
            let sentence = Sentence {
                index: si,
                tokens,
                mentions,
                gaz,
            };
            let all = 0..rules.rules.len();
            rules.read_sentence(&sentence, &[], range, all, &doc.text, mode, None, &mut out);
        }
        out
    }

    /// Sentences for the rules with an implicit object, the event named in
    /// the same sentence, and event and title mentions that are split.
    const WRITTEN: &str = "Sponsors Russia and Turkey said the Astana talks would resume. \
        Jordan declined an invitation to the Astana talks on Monday. \
        Iran is attending the Geneva talks as an observer. \
        The talks in Geneva were hosted by the United Nations, and Qatar is participating. \
        US ambassador to Kazakhstan George Krol will attend the talks in Astana.";

    /// The seeds and [`WRITTEN`], and each again with curly quotes and in upper case.
    fn documents() -> Vec<Document> {
        let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
            .expect("seeds/")
            .map(|e| e.expect("seed").path())
            .collect();
        paths.sort();
        let mut texts: Vec<(String, String)> = paths
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("seed text");
                (p.display().to_string(), text)
            })
            .collect();
        texts.push(("written".to_string(), WRITTEN.to_string()));
        let mut docs = Vec::new();
        for (name, text) in texts {
            let curly = text.replace('\'', "\u{2019}").replace(" \"", " \u{201c}");
            docs.push(Document::new(format!("{name} curly"), &curly));
            docs.push(Document::new(format!("{name} upper"), text.to_uppercase()));
            docs.push(Document::new(&name, &text));
        }
        docs
    }

    /// The shipped gazetteer and rules, the gazetteer's name index, and a
    /// pipeline that finds and resolves entities over it.
    fn shipped() -> (Gazetteer, RuleSet, NameIndex, Pipeline) {
        let gaz = Gazetteer::load(&[crate::gazetteer::default_gazetteer_dir()])
            .expect("shipped gazetteer");
        let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_RULES))
            .expect("shipped rules");
        let places = NameIndex::new(&gaz);
        let pipeline = Pipeline::new(gaz.clone());
        (gaz, rules, places, pipeline)
    }

    /// Each of [`documents`] with its analysis by `pipeline` and its
    /// mentions in reverse order.
    fn analysed(
        pipeline: &Pipeline,
    ) -> Vec<(
        Document,
        crate::analysis::Analysis,
        Vec<crate::analysis::Mention>,
    )> {
        documents()
            .into_iter()
            .map(|doc| {
                let ex = pipeline.extract(&doc);
                let mut reversed = ex.mentions.clone();
                reversed.reverse();
                (doc, ex, reversed)
            })
            .collect()
    }

    /// The prefilter and the staged tokenizer change no candidate, strict or
    /// explained, with mentions in order or not.
    #[test]
    fn prefilter_changes_no_candidate() {
        let (gaz, rules, places, pipeline) = shipped();
        let mut strict_candidates = 0;
        for (doc, ex, reversed) in analysed(&pipeline) {
            // Every mention a title, to read titles with the actors they name.
            let mut titled = ex.mentions.clone();
            for m in &mut titled {
                m.kind = MentionKind::Title;
            }
            let entities: std::collections::BTreeSet<EntityIdx> = ex
                .mentions
                .iter()
                .filter_map(|m| m.entity)
                .take(5)
                .collect();
            let mut modes = vec![Mode::Strict];
            for &subject in &entities {
                for &object in &entities {
                    modes.push(Mode::Explain { subject, object });
                }
            }
            let sentences = &ex.sentences;
            for mentions in [&ex.mentions, &reversed, &titled] {
                for &mode in &modes {
                    let want = candidates_unfiltered(
                        &rules, &doc, sentences, mentions, &gaz, &places, mode,
                    );
                    let got = rules
                        .candidates(&doc, sentences, mentions, &gaz, &places, mode)
                        .0;
                    assert_eq!(got, want, "{} with mode {}", doc.id, mode_name(mode));
                    if matches!(mode, Mode::Strict) {
                        strict_candidates += got.len();
                    }
                }
            }
        }
        assert!(
            strict_candidates > 20,
            "the documents give candidates: {strict_candidates}"
        );
    }

    /// Read for new ends only (`candidates_new_ends`), the candidates with
    /// an end of entity index `base` or more are those of the full reading,
    /// for bases that make all of a document's entities new, then fewer of
    /// them, with mentions in order or not; and some of them are there.
    #[test]
    fn reading_for_new_ends_finds_every_candidate_with_a_new_end() {
        let (gaz, rules, places, pipeline) = shipped();
        let mut kept = 0;
        for (doc, ex, reversed) in analysed(&pipeline) {
            // Bases that make the document's entities new, from all to the last.
            let mut named: Vec<usize> = (ex.mentions.iter())
                .filter_map(|m| m.entity)
                .map(|e| e.index())
                .collect();
            named.sort_unstable();
            named.dedup();
            let bases: Vec<usize> = (0..5)
                .filter_map(|q| named.get(q * named.len() / 5).copied())
                .collect();
            for &base in &bases {
                let new = |c: &Candidate| {
                    [c.subj.entity, c.obj.entity]
                        .iter()
                        .any(|e| e.is_some_and(|e| e.index() >= base))
                };
                for mentions in [&ex.mentions, &reversed] {
                    let sentences = &ex.sentences;
                    let mut want = candidates_unfiltered(
                        &rules,
                        &doc,
                        sentences,
                        mentions,
                        &gaz,
                        &places,
                        Mode::Strict,
                    );
                    want.retain(new);
                    let (mut got, _) = rules.candidates_new_ends(
                        &doc,
                        sentences,
                        mentions,
                        &gaz,
                        &places,
                        Mode::Strict,
                        Some(base),
                    );
                    got.retain(new);
                    assert_eq!(got, want, "{} with new ends from {base}", doc.id);
                    kept += got.len();
                }
            }
        }
        assert!(
            kept > 100,
            "the documents give candidates with new ends: {kept}"
        );
    }

    /// Every sentence of the shipped documents ([`analysed`]) as the
    /// matcher tests below read it: every word read, whatever the rules'
    /// needs say, with the words' vocabulary ids and the modes to match in
    /// (strict, and explained where the document names an entity); `visit`
    /// gets the document's id and the sentence's index too.
    fn each_sentence_every_word(
        gaz: &Gazetteer,
        rules: &RuleSet,
        places: &NameIndex,
        pipeline: &Pipeline,
        mut visit: impl FnMut(&str, usize, &Sentence, &[Option<u32>], &[Mode]),
    ) {
        for (doc, ex, _) in analysed(pipeline) {
            let mentions = &ex.mentions;
            let entity = mentions.iter().find_map(|m| m.entity);
            let mut modes = vec![Mode::Strict];
            if let Some(e) = entity {
                modes.push(Mode::Explain {
                    subject: e,
                    object: e,
                });
            }
            let mut tokenizer =
                Tokenizer::new(&doc.text, mentions, gaz, places, rules.needs.vocab());
            let (mut tokens, mut ids) = (Vec::new(), Vec::new());
            for (si, range) in ex.sentences.iter().map(|s| s.range()).enumerate() {
                tokenizer.read_mentions(&range);
                tokenizer.read_words();
                tokenizer.tokens(&mut tokens, &mut ids);
                let sentence = Sentence {
                    index: si,
                    tokens: std::mem::take(&mut tokens),
                    mentions,
                    gaz,
                };
                visit(&doc.id, si, &sentence, &ids, &modes);
                tokens = sentence.tokens;
            }
        }
    }

    /// A rule's matches from the starts its [`Opening`] allows are its
    /// matches from every start, for every shipped rule over every sentence
    /// of the documents (every word read, whatever the needs say), strict and
    /// explained; and the openings rule out most starts.
    #[test]
    fn matches_from_the_opening_starts_are_all_matches() {
        let (gaz, rules, places, pipeline) = shipped();
        let (mut starts, mut opening, mut hits) = (0, 0, 0);
        each_sentence_every_word(
            &gaz,
            &rules,
            &places,
            &pipeline,
            |doc, si, sentence, ids, modes| {
                let n = sentence.tokens.len();
                for &mode in modes {
                    let m = Matcher::new(sentence, mode);
                    for (ri, rule) in rules.rules.iter().enumerate() {
                        let all = m.hits_from(rule, 0..n);
                        let open: Vec<usize> = (0..n)
                            .filter(|&p| m.opens_at(&rules.openings[ri], ids, p))
                            .collect();
                        let got = m.hits_from(rule, open.iter().copied());
                        assert_eq!(
                            format!("{got:?}"),
                            format!("{all:?}"),
                            "{} sentence {si}, rule {}, {}",
                            doc,
                            rule.id,
                            mode_name(mode)
                        );
                        starts += n;
                        opening += open.len();
                        hits += all.0.len();
                    }
                }
            },
        );
        assert!(hits > 50, "the rules match: {hits}");
        assert!(
            opening * 4 < starts,
            "the openings rule out most starts: {opening} of {starts}"
        );
    }

    /// Does `elems` hold a set of alternatives with a built index?
    fn has_index(elems: &[rule::Elem]) -> bool {
        elems.iter().any(|e| match e {
            rule::Elem::Alt(alts, index) => index.built || alts.iter().any(|a| has_index(a)),
            rule::Elem::Not(alts) | rule::Elem::NotAfter(alts) => alts.iter().any(|a| has_index(a)),
            _ => false,
        })
    }

    /// The matcher with the tokens' ids (which tries only the alternatives
    /// of an indexed set that the token may open, `AltIndex`) finds the
    /// same hits, and the same blockers, as without them (every alternative
    /// tried): every shipped rule over every sentence of the seeds and the
    /// written sentences, strict and explained. Fails when the index leaves
    /// out an alternative that can match (a title set's alternative, a
    /// non-word one), or tries them out of order.
    #[test]
    fn indexed_alternatives_find_what_every_alternative_finds() {
        let (gaz, rules, places, pipeline) = shipped();
        let (mut hits, mut indexed_hits, mut blockers) = (0, 0, 0);
        each_sentence_every_word(
            &gaz,
            &rules,
            &places,
            &pipeline,
            |doc, si, sentence, ids, modes| {
                let n = sentence.tokens.len();
                for &mode in modes {
                    let every = Matcher::new(sentence, mode);
                    let indexed = Matcher::new(sentence, mode).with_ids(ids);
                    for rule in &rules.rules {
                        let want = every.hits_from(rule, 0..n);
                        let got = indexed.hits_from(rule, 0..n);
                        let case = format!(
                            "{} sentence {si}, rule {}, {}",
                            doc,
                            rule.id,
                            mode_name(mode)
                        );
                        assert_eq!(format!("{got:?}"), format!("{want:?}"), "{case}");
                        hits += want.0.len();
                        if has_index(&rule.pattern) {
                            indexed_hits += want.0.len();
                        }
                        if !rule.unless.is_empty() {
                            let want = every.find_in(&rule.unless, 0, n);
                            let got = indexed.find_in(&rule.unless, 0, n);
                            assert_eq!(got, want, "blockers of {case}");
                            blockers += usize::from(matches!(want, Search::Found(..)));
                        }
                    }
                }
            },
        );
        assert!(hits > 50, "the rules match: {hits}");
        assert!(
            indexed_hits > 20,
            "rules with indexed sets match: {indexed_hits} of {hits}"
        );
        assert!(blockers > 0, "some blocker is found");
    }

    /// Each alternative of an indexed set matches where only it can: the
    /// second and third of those opening with the same word, one opening
    /// with a slot, one opening with a nested set (taken and skipped).
    /// Fails when the index leaves out any of them.
    #[test]
    fn every_alternative_of_an_indexed_set_matches() {
        let (gaz, _, _, pipeline) = shipped();
        let rules = RuleSet::from_str(
            "index",
            "relation r Country -> Country\n\
             set T = special envoy | special adviser to | special | {Country} envoy of | envoy | (chief)? minister\n\
             rule a r: {subj:Country} @T {obj:Country}\n",
        )
        .expect("rules");
        let france = gaz.get("france").expect("france");
        let germany = gaz.get("germany").expect("germany");
        for between in [
            "special envoy",
            "special adviser to",
            "special",
            "Spain envoy of",
            "envoy",
            "chief minister",
            "minister",
        ] {
            let doc = Document::new("d", format!("France {between} Germany."));
            let ex = pipeline.extract(&doc);
            let spans = [Span::new(0, doc.text.len())];
            let rels = rules.apply(&doc, &spans, &ex.mentions, &gaz);
            let got: Vec<_> = rels.iter().map(|r| (r.subject, r.object)).collect();
            assert_eq!(got, [(france, germany)], "France {between} Germany.");
        }
    }

    /// The index of a set of alternatives: the ones opening with a word by
    /// its id, the others (empty, a slot, a nested set) always tried.
    #[test]
    fn a_set_of_alternatives_is_indexed_by_its_first_words() {
        let text = "relation r Any -> Any\n\
            set T = special envoy | envoy | {Country} envoy | minister | special adviser | (chief)?\n\
            rule a r: {subj:Any} @T {obj:Any}\n\
            rule b r: {subj:Any} (x | y) {obj:Any}\n";
        let rules = RuleSet::from_str("index", text).expect("rules");
        let id = |w: &str| rules.needs.vocab().word(w).expect("a rule's word");
        let index = |ri: usize| {
            rules.rules[ri]
                .pattern
                .iter()
                .find_map(|e| match e {
                    rule::Elem::Alt(alts, index) => Some((alts.clone(), index.clone())),
                    _ => None,
                })
                .expect("a set")
        };
        let (alts, t) = index(0);
        assert!(t.built);
        let first_word = |i: u32| match alts[i as usize].first() {
            Some(rule::Elem::Word(w)) => Some(w.clone()),
            _ => None,
        };
        assert_eq!(
            t.by_word.len() + t.always.len(),
            alts.len(),
            "each alternative once"
        );
        for &(w, i) in &t.by_word {
            assert_eq!(Some(w), first_word(i).map(|f| id(&f)), "alternative {i}");
        }
        for &i in &t.always {
            assert_eq!(first_word(i), None, "alternative {i} opens with no word");
        }
        assert!(
            t.always.len() >= 2,
            "the slot one and the nested one: {:?}",
            t.always
        );
        let special: Vec<u32> = t
            .opening_with(Some(id("special")))
            .iter()
            .map(|e| e.1)
            .collect();
        assert_eq!(special.len(), 2, "two alternatives open with `special`");
        assert!(special.windows(2).all(|w| w[0] < w[1]), "in their order");
        assert!(t.opening_with(None).is_empty());
        assert!(!index(1).1.built, "a small set is tried in full");
    }

    /// What a pattern may open with: the words and slots before the first
    /// element that must take a token, past zero-width elements and
    /// alternatives that may be empty; anything where a gap or `$` may open.
    #[test]
    fn a_pattern_opens_with_what_its_first_elements_take() {
        let text = "relation r Any -> Any\n\
            set DET = the | a | an\n\
            rule a r: ~(x) @DET? {subj:Country} said {obj:Any}\n\
            rule b r: ^ !(y) (z | (w)? v) {subj:Any} {obj:Any}\n\
            rule c r: [words 0-2] {subj:Any} {obj:Any}\n\
            rule d r: [gap 0-0] q {subj:Any} {obj:Any}\n\
            rule e r: (q)? $ {subj:Any} {obj:Any}\n\
            rule f r: <role: (q | )> {subj:Any+} said {obj:Any}\n";
        let rules = RuleSet::from_str("openings", text).expect("rules");
        let words = |ri: usize| -> Vec<String> {
            let o = &rules.openings[ri];
            let mut w: Vec<String> = (0..64 * o.words_len())
                .filter(|&id| o.has_word(id as u32))
                .map(|id| rules.needs.vocab().text(id as u32).to_string())
                .collect();
            w.sort();
            w
        };
        let summary = |ri: usize| {
            let o = &rules.openings[ri];
            (o.is_any(), words(ri), o.slot_count())
        };
        let s = |w: &[&str]| w.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(summary(0), (false, s(&["a", "an", "the"]), 1), "rule a");
        assert_eq!(summary(1), (false, s(&["v", "w", "z"]), 0), "rule b");
        assert_eq!(summary(2), (true, s(&[]), 0), "rule c");
        assert_eq!(summary(3), (false, s(&["q"]), 0), "rule d");
        assert_eq!(summary(4), (true, s(&[]), 0), "rule e");
        assert_eq!(summary(5), (false, s(&["q"]), 1), "rule f");
    }

    fn mode_name(mode: Mode) -> String {
        match mode {
            Mode::Strict => "strict".to_string(),
            Mode::Explain { subject, object } => format!("explain {subject:?} {object:?}"),
        }
    }
}
