//! What a rule needs in a sentence before it can match, worked out once at
//! load, so that most sentences are dropped before they are even tokenised.
//!
//! Each rule's [`Needs`] say how many mention tokens a match takes, which slot
//! types it fills, which literal words it must contain, and for an
//! `implicit:` object, which type the document must have mentioned. A
//! sentence is then described in two cheap stages (see [`SentenceFacts`]):
//! first from its mentions alone, then from its words, looked up in the rule
//! set's [`Vocabulary`] without allocating. A rule whose needs a sentence
//! lacks cannot give a candidate there, so skipping it changes no output.

use std::ops::Range;

use super::matcher::Mode;
use super::rule::{BaseType, Elem, Rule, TypeSpec};
use super::words::WordTable;
use crate::analysis::Mention;
use crate::gazetteer::{Entity, EntityType, Gazetteer};

/// What every candidate of a rule needs in its sentence.
///
/// Sound by construction: a literal word in the pattern's main sequence must
/// be a token; alternatives that each need a word need one of those words
/// (of one need of each), and a need every alternative has (or a narrower
/// one) is theirs too;
/// every slot of the main sequence needs a mention it accepts; a match
/// takes at least as many mention tokens as its slots (the fewest an
/// alternative takes, inside alternatives); and a rule with an `implicit:`
/// object gives nothing unless a resolved mention of that type starts before
/// the sentence ends (see `implicit_object`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Needs {
    /// Each entry: one of these words (ids in the [`Vocabulary`]) is a plain token.
    words: Vec<Vec<u32>>,
    /// Slot types every match fills (ids in the [`Vocabulary`]).
    slot_types: Vec<u32>,
    /// Mention tokens every match takes at least.
    mentions: usize,
    /// The type of the implicit object (an id in the [`Vocabulary`]).
    implicit: Option<u32>,
}

impl Needs {
    fn of(pattern: &[Elem], vocab: &mut Vocabulary) -> Needs {
        let mut n = Needs::default();
        n.collect(pattern, vocab);
        n
    }

    fn collect(&mut self, elems: &[Elem], vocab: &mut Vocabulary) {
        for e in elems {
            match e {
                Elem::Word(w) => {
                    let id = vocab.add_word(w);
                    self.words.push(vec![id]);
                }
                Elem::Slot(s) => {
                    let id = vocab.add_type(&s.types);
                    self.slot_types.push(id);
                    self.mentions += 1;
                }
                Elem::Alt(alts, _) => {
                    let subs: Vec<Needs> = alts.iter().map(|a| Needs::of(a, vocab)).collect();
                    if subs.iter().all(|m| !m.words.is_empty()) {
                        // One need of each alternative: the one whose
                        // shortest word is longest (the first of those), as
                        // short words ("the", "at", ",") are in most sentences.
                        let shortest = |g: &Vec<u32>| {
                            (g.iter().map(|&w| vocab.words.text(w).map_or(0, str::len)))
                                .min()
                                .unwrap_or(0)
                        };
                        let best = |m: &Needs| {
                            let most = m.words.iter().map(shortest).max().unwrap_or(0);
                            (m.words.iter().find(|g| shortest(g) == most))
                                .expect("a need of the most")
                                .clone()
                        };
                        let mut any: Vec<u32> = subs.iter().flat_map(best).collect();
                        any.sort_unstable();
                        any.dedup();
                        self.words.push(any);
                        // A need of the first alternative that every other
                        // one has too, or a narrower form of (a need of its
                        // own whose words are all among it), is a need of
                        // whichever alternative matches: "helm" of `(at the
                        // helm of | the helm of)`, where the first words give
                        // only "at" or "the".
                        for g in &subs[0].words {
                            let shared = subs[1..]
                                .iter()
                                .all(|m| m.words.iter().any(|h| h.iter().all(|w| g.contains(w))));
                            if shared && !self.words.contains(g) {
                                self.words.push(g.clone());
                            }
                        }
                    }
                    self.mentions += subs.iter().map(|m| m.mentions).min().unwrap_or(0);
                }
                Elem::Not(_)
                | Elem::NotAfter(_)
                | Elem::Gap { .. }
                | Elem::Start
                | Elem::End
                | Elem::Mark(..) => {}
            }
        }
    }

    /// Do the sentence's mentions leave the rule a chance? (`false` only when
    /// it cannot give a candidate.) Needs only the first stage of [`SentenceFacts`].
    pub fn mentions_met(&self, facts: &SentenceFacts, mode: Mode) -> bool {
        if facts.mention_tokens < self.mentions {
            return false;
        }
        if self.implicit.is_some_and(|t| !facts.implicit.contains(t)) {
            return false;
        }
        // In explain mode a captured slot also takes mentions of other types.
        if !matches!(mode, Mode::Strict) {
            return true;
        }
        facts.entity_tokens >= self.mentions
            && self.slot_types.iter().all(|&t| facts.types.contains(t))
    }

    /// Are the rule's words in the sentence? (`false` only when it cannot
    /// match.) The definition [`RuleNeeds::retain_words_met`] is held to.
    #[cfg_attr(not(any(test, debug_assertions)), allow(dead_code))]
    pub fn words_met(&self, facts: &SentenceFacts) -> bool {
        self.words
            .iter()
            .all(|any| any.iter().any(|&w| facts.words.contains(w)))
    }
}

/// The needs of every rule of a rule set, the vocabulary they are written
/// in, and the same needs turned around: per need, the rules that have it.
#[derive(Clone, Debug)]
pub(crate) struct RuleNeeds {
    vocab: Vocabulary,
    /// Per rule.
    rules: Vec<Needs>,
    /// All rules.
    all: BitSet,
    /// (type id, the rules with a slot of that type), for each type some
    /// rule has a slot of (a type no rule has rules out none).
    by_slot_type: Vec<(u32, BitSet)>,
    /// (type id, the rules with an implicit object of that type), for each
    /// type some rule's implicit object has.
    by_implicit_type: Vec<(u32, BitSet)>,
    /// At index `c`: the rules that need more than `c` mention tokens (the
    /// last entry, for the most any rule needs, is empty).
    more_mentions_than: Vec<BitSet>,
    /// The fewest mention tokens a rule needs.
    fewest_mentions: usize,
    /// The rules' word needs (each "one of these words") without repeats,
    /// numbered: many rules share a trigger set.
    word_groups: Vec<Vec<u32>>,
    /// Per rule, the numbers of its word needs (in `word_groups`).
    rule_groups: Vec<Vec<u32>>,
    /// Per word (vocabulary id), the word needs it meets: entries
    /// `groups_of_word[w]..groups_of_word[w + 1]` of `word_group_list`.
    groups_of_word: Vec<u32>,
    word_group_list: Vec<u32>,
}

impl RuleNeeds {
    pub fn compile(rules: &[Rule]) -> RuleNeeds {
        let mut vocab = Vocabulary::default();
        let needs: Vec<Needs> = rules
            .iter()
            .map(|r| {
                let mut n = Needs::of(&r.pattern, &mut vocab);
                n.implicit = r.implicit.as_ref().map(|imp| {
                    let id = vocab.add_type(&imp.types);
                    if !vocab.implicit_types.contains(&id) {
                        vocab.implicit_types.push(id);
                    }
                    id
                });
                n
            })
            .collect();
        vocab.finish();
        let rule_set = |keep: &dyn Fn(&Needs) -> bool| {
            let mut set = BitSet::new(needs.len());
            for (i, n) in needs.iter().enumerate() {
                if keep(n) {
                    set.insert(i as u32);
                }
            }
            set
        };
        let types = 0..vocab.types.len() as u32;
        let most = needs.iter().map(|n| n.mentions).max().unwrap_or(0);
        // The word needs numbered once each, and turned around by word.
        let mut word_groups: Vec<Vec<u32>> = Vec::new();
        let rule_groups: Vec<Vec<u32>> = needs
            .iter()
            .map(|n| {
                n.words
                    .iter()
                    .map(|any| match word_groups.iter().position(|g| g == any) {
                        Some(g) => g as u32,
                        None => {
                            word_groups.push(any.clone());
                            (word_groups.len() - 1) as u32
                        }
                    })
                    .collect()
            })
            .collect();
        let mut by_word: Vec<Vec<u32>> = vec![Vec::new(); vocab.words.len()];
        for (g, any) in word_groups.iter().enumerate() {
            for &w in any {
                if !by_word[w as usize].contains(&(g as u32)) {
                    by_word[w as usize].push(g as u32);
                }
            }
        }
        let mut groups_of_word = vec![0u32];
        let mut word_group_list = Vec::new();
        for gs in &by_word {
            word_group_list.extend_from_slice(gs);
            groups_of_word.push(word_group_list.len() as u32);
        }
        RuleNeeds {
            word_groups,
            rule_groups,
            groups_of_word,
            word_group_list,
            all: rule_set(&|_| true),
            by_slot_type: types
                .clone()
                .map(|t| (t, rule_set(&|n| n.slot_types.contains(&t))))
                .filter(|(_, rules)| !rules.is_empty())
                .collect(),
            by_implicit_type: types
                .map(|t| (t, rule_set(&|n| n.implicit == Some(t))))
                .filter(|(_, rules)| !rules.is_empty())
                .collect(),
            more_mentions_than: (0..=most).map(|c| rule_set(&|n| n.mentions > c)).collect(),
            fewest_mentions: needs.iter().map(|n| n.mentions).min().unwrap_or(0),
            rules: needs,
            vocab,
        }
    }

    pub fn vocab(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The fewest mention tokens a rule needs.
    pub fn fewest_mentions(&self) -> usize {
        self.fewest_mentions
    }

    /// Into the sentence's live rules (see [`SentenceFacts::live`]), in
    /// order: the rules whose needs its mentions meet ([`Needs::mentions_met`]).
    ///
    /// Worked out a machine word of rules at a time: a rule is out where it
    /// needs more mention (or, strictly, entity) tokens than the sentence has,
    /// a slot type no token satisfies, or an implicit type not yet mentioned.
    /// The rules out are gathered type by type, each type's whole set at
    /// once (a union, so in any order), over only the types some rule needs
    /// (the others' sets are empty and rule out nothing).
    pub fn live_after_mentions(&self, facts: &mut SentenceFacts, mode: Mode) {
        let mut live = std::mem::take(&mut facts.live);
        live.clear();
        let strict = matches!(mode, Mode::Strict);
        let most = self.more_mentions_than.len() - 1;
        let too_few = |tokens: usize| &self.more_mentions_than[tokens.min(most)];
        let out = &mut facts.out;
        out.0.clear();
        out.0.extend_from_slice(&too_few(facts.mention_tokens).0);
        for (t, rules) in &self.by_implicit_type {
            if !facts.implicit.contains(*t) {
                out.union_with(rules);
            }
        }
        if strict {
            out.union_with(too_few(facts.entity_tokens));
            for (t, rules) in &self.by_slot_type {
                if !facts.types.contains(*t) {
                    out.union_with(rules);
                }
            }
        }
        for (k, (&all, &out)) in self.all.0.iter().zip(&out.0).enumerate() {
            let mut bits = all & !out;
            while bits != 0 {
                live.push(k * 64 + bits.trailing_zeros() as usize);
                bits &= bits - 1;
            }
        }
        debug_assert!(live
            .iter()
            .copied()
            .eq((0..self.rules.len()).filter(|&r| self.rules[r].mentions_met(facts, mode))));
        facts.live = live;
    }

    /// Per word need (numbered as in `rule_groups`), into `dist`: how far
    /// the token nearest to one of `near` (token indices, ascending) that
    /// meets it lies from that one (`u32::MAX` where no token meets it),
    /// for a sentence whose tokens have the words `ids` (vocabulary ids,
    /// where a `Word` element can match the token).
    pub fn word_distances(&self, ids: &[Option<u32>], near: &[usize], dist: &mut Vec<u32>) {
        dist.clear();
        dist.resize(self.word_groups.len(), u32::MAX);
        let mut next = 0;
        for (p, id) in ids.iter().enumerate() {
            while near.get(next).is_some_and(|&i| i < p) {
                next += 1;
            }
            let Some(w) = *id else { continue };
            let after = near.get(next).map_or(usize::MAX, |&i| i - p);
            let before = next
                .checked_sub(1)
                .and_then(|k| near.get(k))
                .map_or(usize::MAX, |&i| p - i);
            let d = after.min(before).min(u32::MAX as usize) as u32;
            let w = w as usize;
            let (a, b) = (self.groups_of_word[w], self.groups_of_word[w + 1]);
            for &g in &self.word_group_list[a as usize..b as usize] {
                let slot = &mut dist[g as usize];
                *slot = (*slot).min(d);
            }
        }
    }

    /// Whether every word need of `rule` is met by a token less than `n`
    /// tokens from one of the tokens `dist` was worked out for
    /// ([`RuleNeeds::word_distances`]). `false` only where no match that
    /// spans at most `n` tokens and holds one of them can exist: such a
    /// match holds every word its needs name (see [`Needs`]), each among
    /// its own tokens.
    pub fn words_within(&self, rule: usize, dist: &[u32], n: usize) -> bool {
        (self.rule_groups[rule].iter())
            .all(|&g| dist.get(g as usize).is_some_and(|&d| (d as usize) < n))
    }

    /// Keep those of the sentence's live rules whose words it has ([`Needs::words_met`]).
    ///
    /// Each word need is decided once for the sentence, from the words it
    /// has (each marks the needs it meets), not once per rule and word of
    /// the need: a rule is kept where every one of its needs is marked,
    /// which is [`Needs::words_met`].
    pub fn retain_words_met(&self, facts: &mut SentenceFacts) {
        let mut live = std::mem::take(&mut facts.live);
        #[cfg(debug_assertions)]
        let want: Vec<usize> = (live.iter().copied())
            .filter(|&r| self.rules[r].words_met(facts))
            .collect();
        let met = &mut facts.groups_met;
        met.fit(self.word_groups.len());
        met.clear();
        for &w in &facts.present {
            let w = w as usize;
            let (from, to) = (self.groups_of_word[w], self.groups_of_word[w + 1]);
            for &g in &self.word_group_list[from as usize..to as usize] {
                met.insert(g);
            }
        }
        live.retain(|&r| self.rule_groups[r].iter().all(|&g| met.contains(g)));
        #[cfg(debug_assertions)]
        debug_assert_eq!(live, want);
        facts.live = live;
    }
}

/// The literal words and the types the rules' [`Needs`] refer to, numbered.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vocabulary {
    words: WordTable,
    /// Slot and implicit object types.
    types: Vec<TypeSpec>,
    /// The types of implicit objects (ids in `types`).
    implicit_types: Vec<u32>,
    /// Per [`EntityType`] (as `usize`): the types every entity of it satisfies.
    by_entity_type: Vec<BitSet>,
    /// Type alternatives with a subtype: (type id, base type, subtype).
    subtyped: Vec<(u32, BaseType, String)>,
}

impl Vocabulary {
    fn add_word(&mut self, w: &str) -> u32 {
        self.words.add(w)
    }

    fn add_type(&mut self, t: &TypeSpec) -> u32 {
        match self.types.iter().position(|u| u == t) {
            Some(i) => i as u32,
            None => {
                self.types.push(t.clone());
                (self.types.len() - 1) as u32
            }
        }
    }

    /// Index the words and types once all are in.
    fn finish(&mut self) {
        self.words.finish();
        self.index_types();
    }

    /// Split each type into what the entity type alone decides and the
    /// alternatives that also ask for a subtype (see [`Vocabulary::add_types_of`]).
    fn index_types(&mut self) {
        self.by_entity_type = EntityType::ALL
            .iter()
            .map(|_| BitSet::new(self.types.len()))
            .collect();
        for (id, spec) in self.types.iter().enumerate() {
            for (base, sub) in &spec.0 {
                match sub {
                    Some(sub) => self.subtyped.push((id as u32, *base, sub.clone())),
                    None => {
                        for t in EntityType::ALL {
                            if base.accepts(t) {
                                self.by_entity_type[t as usize].insert(id as u32);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Add to `into` every type `entity` satisfies: the same as testing
    /// [`TypeSpec::accepts`] for each, since a type accepts an entity where
    /// one of its alternatives takes the entity's type and, if it names a
    /// subtype, the entity's subtype (case aside).
    fn add_types_of(&self, entity: &Entity, into: &mut BitSet) {
        into.union_with(&self.by_entity_type[entity.entity_type as usize]);
        if let Some(have) = &entity.subtype {
            for (id, base, sub) in &self.subtyped {
                if base.accepts(entity.entity_type) && have.eq_ignore_ascii_case(sub) {
                    into.insert(*id);
                }
            }
        }
    }

    /// The word numbered `id`, in normal form (a search: for tests).
    #[cfg(test)]
    pub fn text(&self, id: u32) -> &str {
        self.words.text(id).unwrap_or_default()
    }

    /// The id of a token given as it is written in the document (see [`WordTable::token`]).
    pub fn token(&self, raw: &str) -> Option<u32> {
        self.words.token(raw)
    }

    /// [`Vocabulary::token`] of the bytes `from..to` of `text` (none off its
    /// char boundaries), read without a loop per byte (see [`WordTable::token_in`]).
    pub fn token_in(&self, text: &str, from: usize, to: usize) -> Option<u32> {
        self.words.token_in(text, from, to)
    }

    /// The id of a word given in normal form (a token's `norm`), which a
    /// `Word` element of that word matches: by the packed table where it is
    /// ASCII (a normal form is then its own lower case, which the table
    /// looks up), else by the text. (The ids of the words a rule's match
    /// may open with, [`super::matcher::Opening`], and the tokenizer's check
    /// of the ids it gives.)
    pub fn word(&self, norm: &str) -> Option<u32> {
        if norm.is_ascii() {
            self.words.token(norm)
        } else {
            self.words.word(norm)
        }
    }
}

/// Where in one document the implicit objects' types are first mentioned.
#[derive(Debug, Default)]
pub(crate) struct DocumentFacts {
    /// Per implicit type: (its id, the start of the first resolved mention of it).
    first_implicit: Vec<(u32, Option<usize>)>,
}

impl DocumentFacts {
    /// Forget the last document and read these mentions.
    pub fn read(&mut self, vocab: &Vocabulary, mentions: &[Mention], gaz: &Gazetteer) {
        self.first_implicit.clear();
        self.first_implicit
            .extend(vocab.implicit_types.iter().map(|&id| {
                let ty = &vocab.types[id as usize];
                let first = mentions
                    .iter()
                    .filter(|m| m.entity.is_some_and(|e| ty.accepts(gaz.entity(e))))
                    .map(|m| m.span.start)
                    .min();
                (id, first)
            }));
    }
}

/// What the needs look at in one sentence, filled in two stages: its
/// mentions ([`SentenceFacts::start`], [`SentenceFacts::add_mention`], and
/// [`SentenceFacts::add_word`] for the plain words a mention gives), then
/// its plain words. Reused from sentence to sentence and document to document.
#[derive(Debug, Default)]
pub(crate) struct SentenceFacts {
    /// Tokens that are mentions (resolved or not) or nested places and actors.
    mention_tokens: usize,
    /// Tokens with an entity.
    entity_tokens: usize,
    /// Slot types (vocabulary ids) some token's entity satisfies.
    types: BitSet,
    /// Implicit object types (vocabulary ids) mentioned before the sentence ends.
    implicit: BitSet,
    /// Words (vocabulary ids) that are plain tokens.
    words: BitSet,
    /// The same words, each once, in the order first seen.
    present: Vec<u32>,
    /// The word needs (numbers of [`RuleNeeds`]) the words meet
    /// ([`RuleNeeds::retain_words_met`]'s scratch).
    groups_met: BitSet,
    /// The rules whose needs the facts so far meet (filled by [`RuleNeeds`]).
    live: Vec<usize>,
    /// The rules the facts rule out ([`RuleNeeds::live_after_mentions`]'s
    /// scratch, kept from sentence to sentence).
    out: BitSet,
}

impl SentenceFacts {
    /// Size the sets for `vocab` (before the first sentence of a document).
    pub fn fit(&mut self, vocab: &Vocabulary) {
        self.types.fit(vocab.types.len());
        self.implicit.fit(vocab.types.len());
        self.words.fit(vocab.words.len());
    }

    /// Forget the last sentence and begin the one at `range`.
    pub fn start(&mut self, range: &Range<usize>, doc: &DocumentFacts) {
        self.mention_tokens = 0;
        self.entity_tokens = 0;
        self.types.clear();
        self.words.clear();
        self.present.clear();
        self.implicit.clear();
        self.live.clear();
        for &(id, first) in &doc.first_implicit {
            if first.is_some_and(|start| start < range.end) {
                self.implicit.insert(id);
            }
        }
    }

    pub fn mention_tokens(&self) -> usize {
        self.mention_tokens
    }

    /// The rules whose needs the facts so far meet, in order.
    pub fn live(&self) -> &[usize] {
        &self.live
    }

    /// Note a token that is a mention or a place or actor nested in one,
    /// with its entity if it has one.
    pub fn add_mention(&mut self, entity: Option<&Entity>, vocab: &Vocabulary) {
        self.mention_tokens += 1;
        if let Some(entity) = entity {
            self.entity_tokens += 1;
            vocab.add_types_of(entity, &mut self.types);
        }
    }

    /// Note a plain word of the sentence by its vocabulary id.
    pub fn add_word(&mut self, id: u32) {
        if !self.words.contains(id) {
            self.words.insert(id);
            self.present.push(id);
        }
    }
}

/// A fixed-size set of small numbers.
#[derive(Clone, Debug, Default)]
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(len: usize) -> BitSet {
        BitSet(vec![0; len.div_ceil(64)])
    }

    /// Make room for numbers below `len` (and no more words than that needs).
    fn fit(&mut self, len: usize) {
        self.0.resize(len.div_ceil(64), 0);
    }

    fn insert(&mut self, i: u32) {
        self.0[i as usize / 64] |= 1 << (i % 64);
    }

    fn contains(&self, i: u32) -> bool {
        self.0[i as usize / 64] & (1 << (i % 64)) != 0
    }

    fn union_with(&mut self, other: &BitSet) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    fn clear(&mut self) {
        self.0.fill(0);
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::relate::parse::parse;

    /// [`RuleNeeds::retain_words_met`] keeps exactly the live rules whose
    /// [`Needs::words_met`] holds, for the shipped rules and sentences
    /// holding every word, none, and spread subsets of the rules' words.
    #[test]
    fn word_needs_decided_once_keep_the_rules_words_met_keeps() {
        let shipped = include_str!("../../../gazetteer/relations.rules");
        let parsed = parse("shipped", shipped).expect("rules");
        let needs = RuleNeeds::compile(&parsed.rules);
        let words = needs.vocab.words.len() as u32;
        let mut facts = SentenceFacts::default();
        facts.fit(&needs.vocab);
        let mut kept_some = false;
        let mut dropped_some = false;
        for (step, offset) in [
            (1, 0),
            (2, 0),
            (2, 1),
            (3, 2),
            (7, 3),
            (13, 5),
            (words + 1, 0),
        ] {
            facts.start(&(0..0), &DocumentFacts::default());
            for w in (offset..words).step_by(step as usize) {
                facts.add_word(w);
                // (a word seen twice is noted once)
                facts.add_word(w);
            }
            facts.live = (0..needs.rules.len()).collect();
            let want: Vec<usize> = (0..needs.rules.len())
                .filter(|&r| needs.rules[r].words_met(&facts))
                .collect();
            needs.retain_words_met(&mut facts);
            assert_eq!(facts.live, want, "every {step}th word from {offset}");
            kept_some |= !want.is_empty();
            dropped_some |= want.len() < needs.rules.len();
        }
        assert!(kept_some && dropped_some, "the cases keep and drop rules");
    }

    /// Alternatives need one of the words of each one's need whose shortest
    /// word is longest, and a need every alternative has; not one that some
    /// alternative lacks.
    #[test]
    fn alternatives_need_what_each_of_them_needs() {
        let rules = "relation r Any -> Any\n\
            rule a r: {subj:Any} <(at the helm of | the helm of)> {obj:Any}\n\
            rule b r: {subj:Any} (at the helm | the helm of | (helm | helms) of) {obj:Any}\n";
        let parsed = parse("alternatives", rules).expect("rules");
        let needs = RuleNeeds::compile(&parsed.rules);
        let id = |w: &str| needs.vocab.words.word(w).expect(w);
        let need_sets = |r: usize| -> Vec<Vec<u32>> { needs.rules[r].words.clone() };
        // (The longest need of each, then those they share.)
        let want = [id("helm"), id("the"), id("of")].map(|w| vec![w]);
        assert_eq!(need_sets(0), want.to_vec(), "rule a");
        // "helm" is a need of the first and second alternatives, and the
        // third needs "helm" or "helms", which is not narrower: no shared
        // need, and the longest of each is "helm" or "helms".
        let mut helms = vec![id("helm"), id("helms")];
        helms.sort_unstable();
        assert_eq!(need_sets(1), vec![helms], "rule b");
    }

    /// [`Vocabulary::add_types_of`] gives exactly the types that accept the
    /// entity, for the shipped rules' types and a few more with subtypes.
    #[test]
    fn an_entity_has_exactly_the_types_that_accept_it() {
        let more = "relation r Any -> Any\n\
            rule a r: {subj:Place/city|Organization/MEDIA} {obj:Actor/Media|Event}\n\
            rule b r: {subj:Any/igo} {obj:Country|Place/Region}\n";
        let shipped = include_str!("../../../gazetteer/relations.rules");
        let mut toml = String::new();
        let subtypes = [
            "", "Media", "media", "City", "Town", "Region", "IGO", "Other",
        ];
        for ty in EntityType::ALL {
            for (i, sub) in subtypes.iter().enumerate() {
                let sub = if sub.is_empty() {
                    String::new()
                } else {
                    format!("subtype = \"{sub}\"\n")
                };
                toml += &format!(
                    "[[entity]]\ntype = \"{}\"\n{sub}name = \"{} {i}\"\n",
                    ty.as_str(),
                    ty.as_str()
                );
            }
        }
        let gaz = Gazetteer::from_toml_str("types.toml", &toml).expect("gazetteer");
        for (name, text) in [("shipped", shipped), ("more", more)] {
            let parsed = parse(name, text).expect("rules");
            let vocab = RuleNeeds::compile(&parsed.rules).vocab;
            for (_, entity) in gaz.iter() {
                let mut got = BitSet::new(vocab.types.len());
                vocab.add_types_of(entity, &mut got);
                for (i, ty) in vocab.types.iter().enumerate() {
                    assert_eq!(
                        got.contains(i as u32),
                        ty.accepts(entity),
                        "{name}: type {ty} and {:?}/{:?}",
                        entity.entity_type,
                        entity.subtype
                    );
                }
            }
        }
    }
}
