//! Applying rules to a tokenised sentence: a bounded backtracking matcher,
//! fan-out of coordinated slots, blockers, modality, implicit objects.

use std::cell::Cell;

use super::rule::{AltIndex, Cap, Elem, GapFilter, MarkKind, Rule, Slot, TypeSpec};
use super::token::{is_inword_punct, normalize, Token};
use crate::analysis::Mention;
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};

/// Steps the matcher may take for one rule on one sentence before it gives up.
const STEP_BUDGET: usize = 200_000;
/// Steps one search for blockers or modality markers may take. Each search has
/// its own budget, so a pattern that spent the rule's budget cannot hide a
/// blocker; a search that runs out answers [`Search::Unfinished`].
const CHECK_BUDGET: usize = 200_000;

/// The answer of a bounded search for blockers or markers near a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Search {
    /// Found at this token span.
    Found(usize, usize),
    /// Searched everywhere it could be: not there.
    Absent,
    /// The step budget ran out before the search could finish: nothing is known.
    Unfinished,
}
/// Tokens before the match searched for blockers and modality markers.
pub(crate) const WINDOW_BEFORE: usize = 3;

/// What the match so far has bound. The matcher changes it in place and
/// undoes each change when it backtracks, so no branch clones it.
#[derive(Debug, Default)]
struct State<'r> {
    subj: Vec<usize>,
    obj: Vec<usize>,
    subj_ty: Option<&'r TypeSpec>,
    obj_ty: Option<&'r TypeSpec>,
    open: Vec<(MarkKind, usize)>,
    trigger: Option<(usize, usize)>,
    roles: Vec<(usize, usize)>,
}

/// One complete match of a rule: token indices of its ends and marks.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub subj: Vec<usize>,
    pub obj: Vec<usize>,
    /// The type constraints of the slots that bound subject and object.
    pub subj_ty: Option<TypeSpec>,
    pub obj_ty: Option<TypeSpec>,
    pub trigger: Option<(usize, usize)>,
    pub roles: Vec<(usize, usize)>,
}

/// Which mentions a capture slot may take: strictly by type, or (for `explain`)
/// also any mention that could name the entity asked about.
#[derive(Clone, Copy)]
pub(crate) enum Mode {
    Strict,
    Explain {
        subject: EntityIdx,
        object: EntityIdx,
    },
}

/// A sentence ready for matching.
pub(crate) struct Sentence<'a> {
    pub index: usize,
    pub tokens: Vec<Token<'a>>,
    pub mentions: &'a [Mention],
    pub gaz: &'a Gazetteer,
}

/// A token's entity: the resolved mention's, or the place nested in an event mention.
pub(crate) fn token_entity(tok: &Token, mentions: &[Mention]) -> Option<EntityIdx> {
    if let Some(e) = tok.nested {
        return Some(e);
    }
    mentions.get(tok.mention?)?.entity
}

/// Could this token name `target` (resolved to it, or one of its senses)?
fn token_could_be(tok: &Token, mentions: &[Mention], target: EntityIdx) -> bool {
    if tok.nested == Some(target) {
        return true;
    }
    match tok.mention.and_then(|m| mentions.get(m)) {
        Some(m) => m.entity == Some(target) || m.senses.iter().any(|s| s.entity == target),
        None => false,
    }
}

/// What to match after the current sequence: the rest of the enclosing ones.
/// `'c` is the stack the continuation lives on, `'r` the rule.
struct Cont<'c, 'r> {
    elems: &'r [Elem],
    next: Option<&'c Cont<'c, 'r>>,
}

pub(crate) struct Matcher<'a> {
    pub s: &'a Sentence<'a>,
    pub mode: Mode,
    steps: Cell<usize>,
    /// The budget of the current search (rule match or check).
    budget: Cell<usize>,
    /// Did the current search run out of steps?
    exhausted: Cell<bool>,
    /// In a search for blockers: the tokens that are the match's own ends.
    /// A pronoun coreference resolved that is an end of the match is its
    /// entity, not a word that blocks it ("represented by its UN ambassador"
    /// is blocked for the UN, not for whom "its" means).
    ends: std::cell::RefCell<Vec<usize>>,
    /// The tokens' vocabulary ids ([`Matcher::with_ids`]); empty when not
    /// given, and then every set of alternatives is tried in full.
    ids: &'a [Option<u32>],
}

impl<'a> Matcher<'a> {
    pub fn new(s: &'a Sentence<'a>, mode: Mode) -> Matcher<'a> {
        Matcher {
            s,
            mode,
            steps: Cell::new(0),
            budget: Cell::new(STEP_BUDGET),
            exhausted: Cell::new(false),
            ends: std::cell::RefCell::new(Vec::new()),
            ids: &[],
        }
    }

    /// The matcher with the tokens' vocabulary ids, as
    /// [`super::tokenizer::Tokenizer::tokens`] gives them (the id of the
    /// token's word exactly where a `Word` element can match it): a set of
    /// alternatives with an [`AltIndex`] then tries only the alternatives
    /// the token may open. A list of another length is not used.
    pub fn with_ids(mut self, ids: &'a [Option<u32>]) -> Matcher<'a> {
        if ids.len() == self.s.tokens.len() {
            self.ids = ids;
        }
        self
    }

    fn tok(&self, i: usize) -> Option<&Token<'a>> {
        self.s.tokens.get(i)
    }

    pub(crate) fn strict_accepts(&self, types: &TypeSpec, i: usize) -> bool {
        let Some(tok) = self.tok(i) else { return false };
        match token_entity(tok, self.s.mentions) {
            Some(e) => types.accepts(self.s.gaz.entity(e)),
            None => false,
        }
    }

    fn slot_accepts(&self, slot: &Slot, i: usize) -> bool {
        if self.strict_accepts(&slot.types, i) {
            return true;
        }
        let Some(tok) = self.tok(i) else { return false };
        match (self.mode, slot.cap) {
            (Mode::Explain { subject, .. }, Some(Cap::Subj)) => {
                token_could_be(tok, self.s.mentions, subject)
            }
            (Mode::Explain { object, .. }, Some(Cap::Obj)) => {
                token_could_be(tok, self.s.mentions, object)
            }
            _ => false,
        }
    }

    /// May a match with `opening` start at token `pos`? `false` only where
    /// the token is none of the words and slots the pattern can open with
    /// (see [`Opening::of`]), where [`Matcher::go`] would find no match from
    /// `pos`. `ids` are the tokens' vocabulary ids where a `Word` element
    /// can match them ([`super::tokenizer::Tokenizer::tokens`]): a `Word`
    /// takes the token exactly where its id is the word's. Without them (a
    /// list of another length) every start may open.
    pub fn opens_at(&self, opening: &Opening, ids: &[Option<u32>], pos: usize) -> bool {
        if opening.any || ids.len() != self.s.tokens.len() {
            return true;
        }
        let word = ids.get(pos).copied().flatten().is_some_and(|id| {
            (opening.words.get(id as usize / 64)).is_some_and(|w| w & (1 << (id % 64)) != 0)
        });
        // (A slot takes only a mention's token or a nested one, in either mode.)
        word || (self
            .tok(pos)
            .is_some_and(|t| t.mention.is_some() || t.nested.is_some())
            && opening
                .slots
                .iter()
                .any(|slot| self.slot_accepts(slot, pos)))
    }

    /// Every match of `rule`'s pattern in the sentence from the token
    /// indices `starts` (ascending, each below the sentence's length; the
    /// others are not tried and take no steps), and whether the step budget
    /// ran out (then some matches may be missing; the ones returned are
    /// complete).
    pub fn hits_from(&self, rule: &Rule, starts: impl Iterator<Item = usize>) -> (Vec<Hit>, bool) {
        let mut out = Vec::new();
        self.steps.set(0);
        self.budget.set(STEP_BUDGET);
        self.exhausted.set(false);
        for start in starts {
            let mut st = State::default();
            let before = out.len();
            self.go(&rule.pattern, None, start, &mut st, &mut out);
            debug_assert!(st.subj.is_empty() && st.open.is_empty() && st.roles.is_empty());
            for h in &mut out[before..] {
                h.start = start;
            }
        }
        (out, self.exhausted.get())
    }

    /// Does any of `alts` match starting at `pos`?
    fn matches_at(&self, alts: &[Vec<Elem>], pos: usize) -> Option<usize> {
        let mut out = Vec::new();
        for a in alts.iter().filter(|a| self.may_open(a, pos)) {
            let mut st = State::default();
            self.go(a, None, pos, &mut st, &mut out);
            if let Some(h) = out.first() {
                return Some(h.end);
            }
        }
        None
    }

    /// [`Matcher::find_in`] where the tokens `ends` are the match's own
    /// ends (see the `ends` field).
    pub fn find_in_except(
        &self,
        alts: &[Vec<Elem>],
        from: usize,
        to: usize,
        ends: &[usize],
    ) -> Search {
        *self.ends.borrow_mut() = ends.to_vec();
        let answer = self.find_in(alts, from, to);
        self.ends.borrow_mut().clear();
        answer
    }

    /// Search `alts` anywhere in tokens `from..to`, with a step budget of its
    /// own (never the one a rule match has spent): the first hit's token span,
    /// [`Search::Absent`], or [`Search::Unfinished`] when the budget ran out
    /// before every start was tried.
    pub fn find_in(&self, alts: &[Vec<Elem>], from: usize, to: usize) -> Search {
        let saved = (self.steps.get(), self.budget.get(), self.exhausted.get());
        self.steps.set(0);
        self.budget.set(CHECK_BUDGET);
        self.exhausted.set(false);
        let mut answer = Search::Absent;
        for p in from..to {
            let end = self.matches_at(alts, p);
            if let Some(e) = end.filter(|&e| e <= to) {
                answer = Search::Found(p, e);
                break;
            }
            if self.exhausted.get() {
                answer = Search::Unfinished;
                break;
            }
        }
        self.steps.set(saved.0);
        self.budget.set(saved.1);
        self.exhausted.set(saved.2);
        answer
    }

    /// Match `elems` then the continuation `k` from token `pos`, pushing every
    /// complete match to `out`. Every change to `st` is undone before returning.
    fn go<'r>(
        &self,
        elems: &'r [Elem],
        k: Option<&Cont<'_, 'r>>,
        pos: usize,
        st: &mut State<'r>,
        out: &mut Vec<Hit>,
    ) {
        let n = self.steps.get() + 1;
        self.steps.set(n);
        if n > self.budget.get() {
            self.exhausted.set(true);
            return;
        }
        let Some((first, rest)) = elems.split_first() else {
            match k {
                Some(c) => self.go(c.elems, c.next, pos, st, out),
                None => out.push(Hit {
                    start: pos,
                    end: pos,
                    subj: st.subj.clone(),
                    obj: st.obj.clone(),
                    subj_ty: st.subj_ty.cloned(),
                    obj_ty: st.obj_ty.cloned(),
                    trigger: st.trigger,
                    roles: st.roles.clone(),
                }),
            }
            return;
        };
        let len = self.s.tokens.len();
        match first {
            Elem::Word(w) => {
                if self.word_here(pos, w) {
                    self.go(rest, k, pos + 1, st, out);
                }
            }
            Elem::Alt(alts, index) => {
                let c = Cont {
                    elems: rest,
                    next: k,
                };
                if index.built && !self.ids.is_empty() {
                    // Only the alternatives opening with the token's word
                    // and those not opening with a word, in their order:
                    // every other one opens with a word the token is not,
                    // which `may_open` would pass over (see `AltIndex`).
                    let id = self.ids.get(pos).copied().flatten();
                    let (mut always, mut by_word) = (&index.always[..], index.opening_with(id));
                    loop {
                        let next = match (always.first(), by_word.first()) {
                            (Some(&a), Some(&(_, b))) if a < b => {
                                always = &always[1..];
                                a
                            }
                            (_, Some(&(_, b))) => {
                                by_word = &by_word[1..];
                                b
                            }
                            (Some(&a), None) => {
                                always = &always[1..];
                                a
                            }
                            (None, None) => break,
                        };
                        let a = &alts[next as usize];
                        if self.may_open(a, pos) {
                            self.go(a, Some(&c), pos, st, out);
                        }
                    }
                } else {
                    // (Most alternatives of a set of trigger words open with a
                    // word the token is not: passed over, see `may_open`.)
                    for a in alts {
                        if self.may_open(a, pos) {
                            self.go(a, Some(&c), pos, st, out);
                        }
                    }
                }
            }
            Elem::Not(alts) => {
                if self.matches_at(alts, pos).is_none() {
                    self.go(rest, k, pos, st, out);
                }
            }
            Elem::NotAfter(alts) => {
                // The rest first, the look back only where the rest matched:
                // both are read at `pos` and the look back captures nothing,
                // so the hits kept are the same, and a rule that opens with
                // `~X` no longer searches back from every token of the
                // sentence (`~@SUCCEED_V {subj:Person} ...` did, under
                // --discover, for 188 M instructions).
                let before = out.len();
                self.go(rest, k, pos, st, out);
                if out.len() > before {
                    // Tried from up to 8 tokens back: does some match end right here?
                    let ends_here = (pos.saturating_sub(8)..pos).any(|p| {
                        alts.iter().filter(|a| self.may_open(a, p)).any(|a| {
                            let mut hits = Vec::new();
                            self.go(a, None, p, &mut State::default(), &mut hits);
                            hits.iter().any(|h| h.end == pos)
                        })
                    });
                    if ends_here {
                        out.truncate(before);
                    }
                }
            }
            Elem::Start => {
                if pos == 0 {
                    self.go(rest, k, pos, st, out);
                }
            }
            Elem::End => {
                let tail_ok = self.s.tokens[pos.min(len)..]
                    .iter()
                    .all(|t| t.mention.is_none() && t.nested.is_none() && !t.is_word());
                if tail_ok {
                    self.go(rest, k, len, st, out);
                }
            }
            Elem::Mark(kind, true) => {
                st.open.push((*kind, pos));
                self.go(rest, k, pos, st, out);
                st.open.pop();
            }
            Elem::Mark(kind, false) => {
                let Some(i) = st.open.iter().rposition(|(k2, _)| k2 == kind) else {
                    return;
                };
                let (_, from) = st.open.remove(i);
                match kind {
                    MarkKind::Trigger => {
                        let old = st.trigger.replace((from, pos));
                        self.go(rest, k, pos, st, out);
                        st.trigger = old;
                    }
                    MarkKind::Role if pos > from => {
                        st.roles.push((from, pos));
                        self.go(rest, k, pos, st, out);
                        st.roles.pop();
                    }
                    MarkKind::Role => self.go(rest, k, pos, st, out),
                }
                st.open.insert(i, (*kind, from));
            }
            Elem::Gap { min, max, filter } => {
                for g in 0..=*max {
                    let p = pos + g;
                    if p > len {
                        break;
                    }
                    if g > 0 && !self.gap_allows(filter, p - 1) {
                        break;
                    }
                    if g >= *min {
                        self.go(rest, k, p, st, out);
                    }
                }
            }
            Elem::Slot(slot) => {
                if !self.slot_accepts(slot, pos) {
                    return;
                }
                if slot.coord {
                    for (items, after) in self.coordinated(slot, pos) {
                        self.bind(slot, items, after, rest, k, st, out);
                    }
                } else {
                    let items = if slot.cap.is_some() {
                        vec![pos]
                    } else {
                        Vec::new()
                    };
                    self.bind(slot, items, pos + 1, rest, k, st, out);
                }
            }
        }
    }

    /// Bind a slot's items to its capture, match the rest, undo the binding.
    #[allow(clippy::too_many_arguments)]
    fn bind<'r>(
        &self,
        slot: &'r Slot,
        items: Vec<usize>,
        after: usize,
        rest: &'r [Elem],
        k: Option<&Cont<'_, 'r>>,
        st: &mut State<'r>,
        out: &mut Vec<Hit>,
    ) {
        match slot.cap {
            Some(Cap::Subj) => {
                let old = std::mem::replace(&mut st.subj, items);
                let old_ty = st.subj_ty.replace(&slot.types);
                self.go(rest, k, after, st, out);
                st.subj = old;
                st.subj_ty = old_ty;
            }
            Some(Cap::Obj) => {
                let old = std::mem::replace(&mut st.obj, items);
                let old_ty = st.obj_ty.replace(&slot.types);
                self.go(rest, k, after, st, out);
                st.obj = old;
                st.obj_ty = old_ty;
            }
            None => self.go(rest, k, after, st, out),
        }
    }

    /// Whether a match of `elems` from token `pos` may exist, as far as its
    /// first element tells: `false` only when it opens with a word that
    /// the token at `pos` is not, where [`Matcher::go`]'s first step (the
    /// `Word` arm) would push nothing and return. Such a sequence is not
    /// tried: the hits are the same, in the same order, and only the step
    /// count is lower (so a search that ran out of steps may now finish,
    /// and then find every match).
    #[inline(always)]
    fn may_open(&self, elems: &[Elem], pos: usize) -> bool {
        match elems.first() {
            Some(Elem::Word(w)) => self
                .tok(pos)
                .is_some_and(|t| t.nested.is_none() && !t.norm.is_empty() && t.norm == w.as_str()),
            _ => true,
        }
    }

    /// Whether the token at `pos` is the word `w` (the `Word` element's
    /// test: a plain token of that normal form, not one of a blocker
    /// search's own ends).
    #[inline]
    fn word_here(&self, pos: usize, w: &str) -> bool {
        self.tok(pos).is_some_and(|t| {
            t.nested.is_none()
                && !t.norm.is_empty()
                && t.norm == w
                && !(t.mention.is_some() && self.ends.borrow().contains(&pos))
        })
    }

    fn gap_allows(&self, filter: &GapFilter, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        // A pronoun resolved by coreference is a mention with a normal form: in a
        // gap it passes as the word it is, as it did before it was resolved.
        let pronoun = t.mention.is_some() && !t.norm.is_empty();
        let is_mention = (t.mention.is_some() && !pronoun) || t.nested.is_some();
        match filter {
            GapFilter::Any => true,
            GapFilter::Words => {
                pronoun || (!is_mention && (t.is_word() || is_inword_punct(&t.norm)))
            }
            GapFilter::Excluding { types, words } => {
                if is_mention {
                    // An unresolved mention is no known type: let it pass.
                    !types.iter().any(|ty| self.strict_accepts(ty, i))
                } else {
                    !words.iter().any(|w| *w == t.norm)
                }
            }
        }
    }

    fn word_at(&self, i: usize, w: &str) -> bool {
        self.tok(i)
            .is_some_and(|t| t.nested.is_none() && !t.norm.is_empty() && t.norm == w)
    }

    /// May these two tokens stand in one coordinated list? A person only with persons.
    fn same_kind(&self, a: usize, b: usize) -> bool {
        let ty = |i: usize| {
            let t = self.tok(i)?;
            token_entity(t, self.s.mentions).map(|e| self.s.gaz.entity(e).entity_type)
        };
        match (ty(a), ty(b)) {
            (Some(x), Some(y)) => (x == EntityType::Person) == (y == EntityType::Person),
            _ => true,
        }
    }

    /// Coordinated lists starting with the item at `pos`: "X", "X and Y", "X, Y, and Z",
    /// items optionally preceded by "the" or a parenthesis. Returns (items, position after).
    fn coordinated(&self, slot: &Slot, pos: usize) -> Vec<(Vec<usize>, usize)> {
        let mut lists = vec![(vec![pos], pos + 1)];
        let mut items = vec![pos];
        let mut p = pos + 1;
        loop {
            let mut q = p;
            let comma = self.word_at(q, ",");
            if comma {
                q += 1;
            }
            let and = self.word_at(q, "and") || self.word_at(q, "&");
            if and {
                q += 1;
            }
            if !comma && !and {
                break;
            }
            if self.word_at(q, "the") {
                q += 1;
            }
            if self.word_at(q, "(") {
                match (q + 1..(q + 10).min(self.s.tokens.len())).find(|&j| self.word_at(j, ")")) {
                    Some(j) => q = j + 1,
                    None => break,
                }
            }
            if !self.slot_accepts(slot, q) || !self.same_kind(pos, q) {
                break;
            }
            items.push(q);
            p = q + 1;
            lists.push((items.clone(), p));
        }
        lists
    }
}

/// What the token a match starts at must be, as the pattern's first
/// elements tell: one of these words or a token one of these slots accepts,
/// or anything (`any`). Worked out once per rule ([`Opening::of`]) and asked
/// at every start before the match is tried ([`Matcher::opens_at`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct Opening {
    /// No test: the pattern may open with a gap or `$`, or consume no token.
    any: bool,
    /// The words it may open with, as a set of vocabulary ids (bit `id`).
    words: Vec<u64>,
    /// The slots it may open with.
    slots: Vec<Slot>,
}

impl Opening {
    /// The opening of `pattern`; `word_id` numbers a pattern's word as the
    /// tokens' ids do (every `Word` element of a pattern outside `!` and `~`
    /// is in the rules' vocabulary; one that is not makes the opening `any`).
    ///
    /// A match consumes its pattern's elements in order from its start: the
    /// first token it takes is taken by the first element that takes one,
    /// after the elements that take none (zero-width ones, an alternative or
    /// a gap that may be empty; each of those also lets the next element
    /// open). A `Word` takes only a token of its word, a slot only a token it
    /// accepts; a gap may take any token, and `$` jumps to the sentence's
    /// end, so either makes the opening `any`.
    pub fn of(pattern: &[Elem], word_id: &dyn Fn(&str) -> Option<u32>) -> Opening {
        let mut o = Opening::default();
        if !o.add_sequence(pattern, word_id) {
            // A match may take no token at all: anything opens it.
            o.any = true;
        }
        if o.any {
            o.words.clear();
            o.slots.clear();
        }
        o
    }

    #[cfg(test)]
    pub fn is_any(&self) -> bool {
        self.any
    }

    #[cfg(test)]
    pub fn words_len(&self) -> usize {
        self.words.len()
    }

    #[cfg(test)]
    pub fn has_word(&self, id: u32) -> bool {
        (self.words.get(id as usize / 64)).is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    #[cfg(test)]
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// Add what `elems` may open with; `true` where every path through them
    /// takes a token (else the element after them may open the match too).
    fn add_sequence(&mut self, elems: &[Elem], word_id: &dyn Fn(&str) -> Option<u32>) -> bool {
        for e in elems {
            let takes = match e {
                Elem::Word(w) => {
                    match word_id(w) {
                        Some(id) => {
                            let (k, bit) = (id as usize / 64, id % 64);
                            if self.words.len() <= k {
                                self.words.resize(k + 1, 0);
                            }
                            self.words[k] |= 1 << bit;
                        }
                        None => self.any = true,
                    }
                    true
                }
                Elem::Slot(slot) => {
                    self.slots.push(slot.clone());
                    true
                }
                Elem::Gap { max: 0, .. } => false,
                Elem::Gap { .. } | Elem::End => {
                    self.any = true;
                    true
                }
                Elem::Alt(alts, _) => {
                    let mut all_take = true;
                    for a in alts {
                        all_take &= self.add_sequence(a, word_id);
                    }
                    all_take
                }
                Elem::Start | Elem::Not(_) | Elem::NotAfter(_) | Elem::Mark(..) => false,
            };
            if takes || self.any {
                return true;
            }
        }
        false
    }
}

/// Sets with fewer alternatives opening with a word than this are tried in
/// full: comparing a few first words costs less than the index's merge.
const INDEX_FROM: usize = 4;

/// Build the [`AltIndex`] of every [`Elem::Alt`] in `elems` (nested ones
/// too, and those inside `!` and `~`) with at least [`INDEX_FROM`]
/// alternatives opening with a word; `word_id` numbers words as the tokens'
/// ids do. An alternative opening with a word `word_id` does not know is
/// put with those that open otherwise (always tried): a token's id is never
/// that word's, but its normal form might be.
pub(crate) fn index_alternatives(elems: &mut [Elem], word_id: &dyn Fn(&str) -> Option<u32>) {
    for e in elems {
        match e {
            Elem::Alt(alts, index) => {
                for a in alts.iter_mut() {
                    index_alternatives(a, word_id);
                }
                let mut built = AltIndex {
                    built: true,
                    ..AltIndex::default()
                };
                for (i, a) in alts.iter().enumerate() {
                    let i = u32::try_from(i).expect("fewer than 2^32 alternatives");
                    match a.first() {
                        Some(Elem::Word(w)) => match word_id(w) {
                            Some(id) => built.by_word.push((id, i)),
                            None => built.always.push(i),
                        },
                        _ => built.always.push(i),
                    }
                }
                built.by_word.sort_unstable();
                if built.by_word.len() >= INDEX_FROM {
                    *index = built;
                }
            }
            Elem::Not(alts) | Elem::NotAfter(alts) => {
                for a in alts.iter_mut() {
                    index_alternatives(a, word_id);
                }
            }
            _ => {}
        }
    }
}

impl AltIndex {
    /// The (word id, alternative) entries for a token of word `id`.
    pub(crate) fn opening_with(&self, id: Option<u32>) -> &[(u32, u32)] {
        let Some(id) = id else { return &[] };
        let from = self.by_word.partition_point(|&(w, _)| w < id);
        let to = from + self.by_word[from..].partition_point(|&(w, _)| w == id);
        &self.by_word[from..to]
    }
}

/// The most tokens a match of `elems` can span from its start, or `None`
/// where it has no bound (a coordinated slot takes a list of any length;
/// `$` reaches the sentence's end). Quantifiers are expanded into
/// alternatives at load time, so every other element is bounded: a word or
/// a slot is one token, a gap at most its maximum, zero-width elements none.
/// Every token a match captures lies in `start..start + max_tokens`.
pub(crate) fn max_tokens(elems: &[Elem]) -> Option<usize> {
    let mut n = 0usize;
    for e in elems {
        n += match e {
            Elem::Word(_) => 1,
            Elem::Slot(slot) if slot.coord => return None,
            Elem::Slot(_) => 1,
            Elem::Gap { max, .. } => *max,
            Elem::Alt(alts, _) => {
                let mut most = 0;
                for a in alts {
                    most = most.max(max_tokens(a)?);
                }
                most
            }
            Elem::End => return None,
            Elem::Start | Elem::Not(_) | Elem::NotAfter(_) | Elem::Mark(..) => 0,
        };
    }
    Some(n)
}

/// Byte span of tokens `a..b` of a sentence.
pub(crate) fn token_span(tokens: &[Token], a: usize, b: usize) -> Option<(usize, usize)> {
    if a >= b {
        return None;
    }
    Some((tokens.get(a)?.start, tokens.get(b - 1)?.end))
}

/// The implicit object of a rule: the latest mention in the document, starting
/// before the sentence ends, that satisfies the type and `like` words.
pub(crate) fn implicit_object(
    rule: &Rule,
    text: &str,
    sentence_end: usize,
    mentions: &[Mention],
    gaz: &Gazetteer,
) -> Option<usize> {
    let imp = rule.implicit.as_ref()?;
    mentions
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, m)| m.span.start < sentence_end)
        .find_map(|(i, m)| {
            let e = gaz.entity(m.entity?);
            if !imp.types.accepts(e) {
                return None;
            }
            if imp.like.is_empty() {
                return Some(i);
            }
            let surface = text
                .get(m.span.start..m.span.end)
                .map(normalize)
                .unwrap_or_default();
            let name = normalize(&e.name);
            let has = |hay: &str| {
                hay.split(|c: char| !c.is_alphanumeric())
                    .any(|w| imp.like.iter().any(|l| l == w))
            };
            (has(&surface) || has(&name)).then_some(i)
        })
}
