//! The dependency parser: greedy arc-hybrid transitions (Kuhlmann, Gómez-Rodríguez
//! and Satta 2011) scored by an averaged perceptron over rich non-local
//! features (Zhang and Nivre 2011), trained with the dynamic oracle of
//! Goldberg and Nivre (2013).
//!
//! The artificial root sits at the end of the buffer (Ballesteros and Nivre
//! 2013) and may take one dependent only: the word left alone on the stack.
//! The classes are `S` (shift), `L label` (the buffer front becomes the head
//! of the stack top) and `R label` (the word under the stack top becomes its
//! head). Every state has a valid transition, so a parse always ends, after
//! exactly 2n transitions.

use super::features::{key, WordView};
use super::perceptron::{Model, ScoreBuffers};

/// "No such token" in the state's arrays.
pub(crate) const NONE: u32 = u32::MAX;

const SHIFT: usize = 0;

/// The kind of a transition class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Move {
    Shift,
    Left(u16),
    Right(u16),
}

/// Class index <-> move: 0 is shift, 1 + 2l is left with label l, 2 + 2l is right.
#[inline]
pub(crate) fn decode(class: usize) -> Move {
    if class == SHIFT {
        Move::Shift
    } else if class % 2 == 1 {
        Move::Left(((class - 1) / 2) as u16)
    } else {
        Move::Right(((class - 2) / 2) as u16)
    }
}

/// The class of a move.
pub(crate) fn encode(m: Move) -> usize {
    match m {
        Move::Shift => SHIFT,
        Move::Left(l) => 1 + 2 * usize::from(l),
        Move::Right(l) => 2 + 2 * usize::from(l),
    }
}

/// The words of a sentence as the parser sees them: form hashes and tags, with the root at index n.
#[derive(Default, Debug)]
pub(crate) struct Input {
    pub(crate) form: Vec<u64>,
    pub(crate) tag: Vec<u64>,
    pub(crate) upos: Vec<u64>,
    pub(crate) suffix: Vec<u64>,
    pub(crate) shape: Vec<u64>,
    /// Commas before each position (prefix counts; length n + 2).
    pub(crate) commas: Vec<u32>,
}

const ROOT_FORM: u64 = 0x524f_4f54;
const NONE_VAL: u64 = 0x4e4f_4e45;

impl Input {
    /// Fill from word views and tag classes (`upos_of[tag]` is the tag's Universal tag index).
    pub(crate) fn fill(
        &mut self,
        views: &[WordView],
        tags: &[usize],
        upos_of: &[usize],
        comma: &[bool],
    ) {
        self.form.clear();
        self.tag.clear();
        self.upos.clear();
        self.suffix.clear();
        self.shape.clear();
        self.commas.clear();
        self.commas.push(0);
        for (i, v) in views.iter().enumerate() {
            self.form.push(v.form);
            self.tag.push(tags[i] as u64 + 1);
            self.upos.push(upos_of[tags[i]] as u64 + 1);
            self.suffix.push(v.suffix[2]);
            self.shape.push(v.shape);
            let last = *self.commas.last().unwrap();
            self.commas.push(last + u32::from(comma[i]));
        }
        self.form.push(ROOT_FORM);
        self.tag.push(0);
        self.upos.push(0);
        self.suffix.push(ROOT_FORM);
        self.shape.push(ROOT_FORM);
        let last = *self.commas.last().unwrap();
        self.commas.push(last);
    }

    fn n(&self) -> usize {
        self.form.len() - 1
    }
}

/// A parser configuration.
#[derive(Default, Debug)]
pub(crate) struct State {
    pub(crate) n: usize,
    pub(crate) stack: Vec<u32>,
    pub(crate) b: usize,
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    /// The sums of the groups of [`Group::CACHED`] ([`Parser::parse`]).
    cache: [GroupSums; 3],
    /// The keys of each group of a step ([`features_grouped`]), taken
    /// out while a step reads the state (`None` until the first step).
    group_feats: Option<Box<GroupKeys>>,
}

/// The weights of one group of features summed for each word, with the
/// number of children the word had then ([`Parser::parse`]).
#[derive(Default, Debug)]
struct GroupSums {
    /// For each word (the root last, then "no word"), the children count
    /// its sums were made with, or `NONE`.
    seen: Vec<u32>,
    /// `n_classes` sums a word.
    sums: Vec<i32>,
}

impl State {
    /// The initial configuration for `n` words.
    pub(crate) fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        for v in [
            &mut self.heads,
            &mut self.l1,
            &mut self.l2,
            &mut self.r1,
            &mut self.r2,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.labels.clear();
        self.labels.resize(n + 1, u16::MAX);
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    /// Whether the parse is complete.
    pub(crate) fn done(&self) -> bool {
        self.b == self.n && self.stack.is_empty()
    }

    /// Whether `m` may be applied (`root` is the label reserved for the root arc).
    #[inline]
    pub(crate) fn valid(&self, m: Move, root: u16) -> bool {
        match m {
            Move::Shift => self.b < self.n,
            Move::Left(l) => {
                !self.stack.is_empty()
                    && if self.b == self.n {
                        self.stack.len() == 1 && l == root
                    } else {
                        l != root
                    }
            }
            Move::Right(l) => self.stack.len() >= 2 && l != root,
        }
    }

    /// The only valid move, if there is one: shift when the stack is
    /// empty, the root arc when the buffer is done and one word is left.
    /// [`best_valid`] would pick that move whatever the scores (the score
    /// of a move that is not valid is never read), so a parse need not
    /// compute features or scores there: the same moves, fewer lookups
    /// (each sentence starts with one such step and ends with another).
    #[inline]
    pub(crate) fn forced(&self, root: u16) -> Option<Move> {
        if self.stack.is_empty() {
            (self.b < self.n).then_some(Move::Shift)
        } else if self.b == self.n && self.stack.len() == 1 {
            Some(Move::Left(root))
        } else {
            None
        }
    }

    /// The word of group `g` ([`Group::CACHED`]) and its number of
    /// children: its place in [`Parser::parse`]'s caches (`n + 1` for no
    /// word) and the number (`NONE` where a count has saturated: no sums
    /// kept). The buffer front has left children only.
    fn group_word(&self, g: Group) -> (usize, u32) {
        let w = match g {
            Group::Buffer => self.b as u32,
            Group::Top => self.stack.last().copied().unwrap_or(NONE),
            Group::Under => match self.stack.len() {
                0 | 1 => NONE,
                k => self.stack[k - 2],
            },
            Group::Cross => NONE,
        };
        if w == NONE {
            return (self.n + 1, 0);
        }
        let (l, r) = (self.nl[w as usize], self.nr[w as usize]);
        let count = if l == u8::MAX || r == u8::MAX {
            NONE
        } else {
            u32::from(l) + u32::from(r)
        };
        (w as usize, count)
    }

    /// Apply a valid move.
    pub(crate) fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            Move::Left(l) => {
                let d = self.stack.pop().unwrap();
                self.arc(self.b as u32, d, l);
            }
            Move::Right(l) => {
                let d = self.stack.pop().unwrap();
                let h = *self.stack.last().unwrap();
                self.arc(h, d, l);
            }
        }
    }

    fn arc(&mut self, h: u32, d: u32, l: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            if self.l1[hu] == NONE || d < self.l1[hu] {
                self.l2[hu] = self.l1[hu];
                self.l1[hu] = d;
            } else if self.l2[hu] == NONE || d < self.l2[hu] {
                self.l2[hu] = d;
            }
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= bit;
        } else {
            if self.r1[hu] == NONE || d > self.r1[hu] {
                self.r2[hu] = self.r1[hu];
                self.r1[hu] = d;
            } else if self.r2[hu] == NONE || d > self.r2[hu] {
                self.r2[hu] = d;
            }
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= bit;
        }
    }

    /// Costs of shift, left and right against a projective gold tree
    /// (`gold_heads[d]`, root = n), labels aside: the number of gold arcs each
    /// makes unreachable (Goldberg and Nivre 2013). A move not valid here gets `u32::MAX`.
    pub(crate) fn costs(&self, gold_heads: &[u32]) -> [u32; 3] {
        let n = self.n;
        let b = self.b as u32;
        let mut out = [u32::MAX; 3];
        if self.b < n {
            let top = self.stack.last().copied();
            let mut c = self
                .stack
                .iter()
                .filter(|&&d| gold_heads[d as usize] == b)
                .count() as u32;
            let gh = gold_heads[self.b];
            if Some(gh) != top && self.stack.contains(&gh) {
                c += 1;
            }
            out[0] = c;
        }
        if let Some(&s0) = self.stack.last() {
            let s1 = if self.stack.len() >= 2 {
                self.stack[self.stack.len() - 2]
            } else {
                NONE
            };
            let kids = gold_heads[self.b..n].iter().filter(|&&h| h == s0).count() as u32;
            let gh = gold_heads[s0 as usize];
            // Left: s0 takes b as head; its head is lost if it is s1 or further in the buffer.
            let lost_left = gh != b && (gh == s1 || (gh > b && gh as usize <= n));
            out[1] = kids + u32::from(lost_left);
            if s1 != NONE {
                // Right: s0 takes s1 as head; its head is lost if it is in the buffer.
                let lost_right = gh != s1 && gh >= b && gh as usize <= n;
                out[2] = kids + u32::from(lost_right);
            }
        }
        out
    }

    /// The head `m` gives the stack top (`NONE` for shift).
    pub(crate) fn new_head(&self, m: Move) -> u32 {
        match m {
            Move::Shift => NONE,
            Move::Left(_) => self.b as u32,
            Move::Right(_) => self.stack[self.stack.len() - 2],
        }
    }
}

fn dist_class(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 9;
    }
    let d = b.abs_diff(a);
    match d {
        0..=5 => u64::from(d),
        6..=9 => 6,
        _ => 7,
    }
}

/// The features of a configuration, in template order.
pub(crate) fn features(inp: &Input, st: &State, out: &mut Vec<u64>) {
    out.clear();
    templates(inp, st, |t, vals| out.push(key(t, vals)));
}

/// The keys of each [`Group`] of a step, in fixed arrays (no group has
/// more than [`GroupKeys::MAX`] templates): a key is put with one store,
/// and the four lengths can stay in registers, where four vectors' pushes
/// each read and write a vector's length and test its capacity.
#[derive(Debug)]
pub(crate) struct GroupKeys {
    keys: [[u64; GroupKeys::MAX]; 4],
    len: [usize; 4],
}

impl GroupKeys {
    /// The most templates of a group.
    const MAX: usize = 64;

    /// The keys of group `g` (by [`Group`] number).
    pub(crate) fn group(&self, g: usize) -> &[u64] {
        &self.keys[g][..self.len[g]]
    }
}

impl Default for GroupKeys {
    fn default() -> GroupKeys {
        GroupKeys {
            keys: [[0; GroupKeys::MAX]; 4],
            len: [0; 4],
        }
    }
}

/// The groups of the parser's templates: each template's values are
/// those of one group's words, or of several (`Cross`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Group {
    /// The buffer front: the words at `b`, `b + 1`, `b + 2` (forms, tags,
    /// suffix, shapes) and the left children of `b` (their words, tags
    /// and labels, how many, which labels): [`FRONT`] and [`B0_LEFT`].
    Buffer = 0,
    /// The stack top and its children ([`S0`]).
    Top = 1,
    /// The word under the stack top and its children ([`S1`]).
    Under = 2,
    /// The others: values of words of two groups, distances, commas,
    /// the third word on the stack.
    Cross = 3,
}

impl Group {
    /// The groups whose sums [`Parser::parse`] keeps, in the order of
    /// [`Parser::parse`]'s caches.
    pub(crate) const CACHED: [Group; 3] = [Group::Buffer, Group::Top, Group::Under];
}

/// The templates (bit `t` for template `t`, in the order of
/// [`templates`]) whose values are the words at the buffer's first three
/// places, `b`, `b + 1`, `b + 2`: their forms, tags, suffix and shapes,
/// which only the input and `st.b` decide. Templates 6 to 13
/// (`b0w` to `b2p`), 16 (`sf(b0) b0p`), 24 (`b0p b1p`), 32 (`b0p b1p b2p`),
/// 107 (`sh(b0) b0p`) and 109 (`sh(b0) sh(b1) b0p b1p`).
pub(crate) const FRONT: u128 =
    (0xff << 6) | (1 << 16) | (1 << 24) | (1 << 32) | (1 << 107) | (1 << 109);

/// The templates of the buffer front's word with its left children
/// (`b0` with `b0l`, `b0l2`, `vl(b0)`, `ls(b0)`), and nothing else: 57
/// and 58 (valency), 66 to 68 and 75 to 77 (`b0l` and `b0l2`: word, tag,
/// label), 89, 93, 100 and 101.
pub(crate) const B0_LEFT: u128 =
    (0b11 << 57) | (0b111 << 66) | (0b111 << 75) | (1 << 89) | (1 << 93) | (0b11 << 100);

/// The templates of the stack top with its children (`s0` with `s0l`,
/// `s0l2`, `s0r`, `s0r2`, `vl(s0)`, `vr(s0)`, `ls(s0)`, `rs(s0)`), and
/// nothing else: 0 to 2, 15, 53 to 56, 60 to 65 (`s0l`, `s0r`), 69 to 74
/// (`s0l2`, `s0r2`), 87, 88, 91, 92, 96 to 99 and 106 (`sh(s0) s0p`).
pub(crate) const S0: u128 = 0b111
    | (1 << 15)
    | (0b1111 << 53)
    | (0b11_1111 << 60)
    | (0b11_1111 << 69)
    | (0b11 << 87)
    | (0b11 << 91)
    | (0b1111 << 96)
    | (1 << 106);

/// The templates of the word under the stack top with its children (`s1`
/// with `s1l`, `s1r`, `s1r2`, `vr(s1)`, `rs(s1)`), and nothing else: 3 to
/// 5, 59, 78 to 86, 90 and 102.
pub(crate) const S1: u128 =
    (0b111 << 3) | (1 << 59) | (0b1_1111_1111 << 78) | (1 << 90) | (1 << 102);

/// The number of templates.
pub(crate) const N_TEMPLATES: usize = 111;

/// The group of each template.
const GROUP: [Group; N_TEMPLATES] = {
    let mut g = [Group::Cross; N_TEMPLATES];
    let mut t = 0;
    while t < N_TEMPLATES {
        let bit = 1u128 << t;
        if (FRONT | B0_LEFT) & bit != 0 {
            g[t] = Group::Buffer;
        } else if S0 & bit != 0 {
            g[t] = Group::Top;
        } else if S1 & bit != 0 {
            g[t] = Group::Under;
        }
        t += 1;
    }
    g
};

/// The features of a configuration of the groups `need` names (by
/// [`Group`] number), each group's keys into its part of `out` (emptied
/// first), in template order.
pub(crate) fn features_grouped(inp: &Input, st: &State, need: [bool; 4], out: &mut GroupKeys) {
    let mut len = [0usize; 4];
    templates(inp, st, |t, vals| {
        let g = GROUP[t as usize] as usize;
        if need[g] {
            out.keys[g][len[g]] = key(t, vals);
            len[g] += 1;
        }
    });
    out.len = len;
}

/// Each template's number and values, in template order, to `put`.
#[inline(always)]
fn templates(inp: &Input, st: &State, mut put: impl FnMut(u64, &[u64])) {
    let n = inp.n();
    let at = |i: usize| -> u32 {
        if st.stack.len() > i {
            st.stack[st.stack.len() - 1 - i]
        } else {
            NONE
        }
    };
    let s0 = at(0);
    let s1 = at(1);
    let s2 = at(2);
    let b0 = st.b as u32;
    let b1 = if st.b < n { st.b as u32 + 1 } else { NONE };
    let b2 = if st.b + 1 < n { st.b as u32 + 2 } else { NONE };
    let w = |i: u32| {
        if i == NONE {
            NONE_VAL
        } else {
            inp.form[i as usize]
        }
    };
    let p = |i: u32| {
        if i == NONE {
            NONE_VAL
        } else {
            inp.tag[i as usize]
        }
    };
    let u = |i: u32| {
        if i == NONE {
            NONE_VAL
        } else {
            inp.upos[i as usize]
        }
    };
    let sf = |i: u32| {
        if i == NONE {
            NONE_VAL
        } else {
            inp.suffix[i as usize]
        }
    };
    let sh = |i: u32| {
        if i == NONE {
            NONE_VAL
        } else {
            inp.shape[i as usize]
        }
    };
    let lab = |i: u32| {
        if i == NONE {
            NONE_VAL
        } else {
            u64::from(st.labels[i as usize])
        }
    };
    let child = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let s0l = child(&st.l1, s0);
    let s0l2 = child(&st.l2, s0);
    let s0r = child(&st.r1, s0);
    let s0r2 = child(&st.r2, s0);
    let s1l = child(&st.l1, s1);
    let s1r = child(&st.r1, s1);
    let s1r2 = child(&st.r2, s1);
    let b0l = child(&st.l1, b0);
    let b0l2 = child(&st.l2, b0);
    let vl = |i: u32| {
        if i == NONE {
            99
        } else {
            u64::from(st.nl[i as usize].min(6))
        }
    };
    let vr = |i: u32| {
        if i == NONE {
            99
        } else {
            u64::from(st.nr[i as usize].min(6))
        }
    };
    let ls = |i: u32| {
        if i == NONE {
            NONE_VAL
        } else {
            st.lset[i as usize]
        }
    };
    let rs = |i: u32| {
        if i == NONE {
            NONE_VAL
        } else {
            st.rset[i as usize]
        }
    };

    let (s0w, s0p, s1w, s1p, b0w, b0p, b1w, b1p, b2w, b2p) = (
        w(s0),
        p(s0),
        w(s1),
        p(s1),
        w(b0),
        p(b0),
        w(b1),
        p(b1),
        w(b2),
        p(b2),
    );
    let d = dist_class(s0, b0);
    let d1 = dist_class(s1, s0);
    let mut t = 0u64;
    let mut f = |vals: &[u64]| {
        put(t, vals);
        t += 1;
    };
    // Single words.
    f(&[s0w]);
    f(&[s0p]);
    f(&[s0w, s0p]);
    f(&[s1w]);
    f(&[s1p]);
    f(&[s1w, s1p]);
    f(&[b0w]);
    f(&[b0p]);
    f(&[b0w, b0p]);
    f(&[b1w]);
    f(&[b1p]);
    f(&[b1w, b1p]);
    f(&[b2w]);
    f(&[b2p]);
    f(&[w(s2), p(s2)]);
    f(&[sf(s0), s0p]);
    f(&[sf(b0), b0p]);
    // Pairs.
    f(&[s0w, s0p, b0w, b0p]);
    f(&[s0w, s0p, b0w]);
    f(&[s0w, b0w, b0p]);
    f(&[s0w, s0p, b0p]);
    f(&[s0p, b0w, b0p]);
    f(&[s0w, b0w]);
    f(&[s0p, b0p]);
    f(&[b0p, b1p]);
    f(&[s1p, s0p]);
    f(&[s1w, s0w]);
    f(&[s1w, s1p, s0p]);
    f(&[s1p, s0w, s0p]);
    f(&[s1w, s1p, s0w, s0p]);
    f(&[u(s0), u(b0)]);
    f(&[u(s1), u(s0), u(b0)]);
    // Triples of tags.
    f(&[b0p, b1p, b2p]);
    f(&[s0p, b0p, b1p]);
    f(&[s1p, s0p, b0p]);
    f(&[s0p, p(s0l), b0p]);
    f(&[s0p, p(s0r), b0p]);
    f(&[s0p, b0p, p(b0l)]);
    f(&[s1p, s0p, p(s0l)]);
    f(&[s1p, s0p, p(s0r)]);
    f(&[s1p, p(s1l), s0p]);
    f(&[s1p, p(s1r), s0p]);
    f(&[p(s2), s1p, s0p]);
    f(&[s0w, b0p, b1p]);
    f(&[s0p, b0w, b1p]);
    // Distance.
    f(&[s0w, d]);
    f(&[s0p, d]);
    f(&[b0w, d]);
    f(&[b0p, d]);
    f(&[s0w, b0w, d]);
    f(&[s0p, b0p, d]);
    f(&[s1p, s0p, d1]);
    f(&[s1w, s0w, d1]);
    // Valency.
    f(&[s0w, vr(s0)]);
    f(&[s0p, vr(s0)]);
    f(&[s0w, vl(s0)]);
    f(&[s0p, vl(s0)]);
    f(&[b0w, vl(b0)]);
    f(&[b0p, vl(b0)]);
    f(&[s1p, vr(s1)]);
    // Children.
    for c in [s0l, s0r, b0l, s0l2, s0r2, b0l2, s1l, s1r, s1r2] {
        f(&[w(c)]);
        f(&[p(c)]);
        f(&[lab(c)]);
    }
    f(&[s0p, lab(s0l), lab(s0l2)]);
    f(&[s0p, lab(s0r), lab(s0r2)]);
    f(&[b0p, lab(b0l), lab(b0l2)]);
    f(&[s1p, lab(s1r), lab(s1r2)]);
    f(&[s0w, lab(s0l)]);
    f(&[s0w, lab(s0r)]);
    f(&[b0w, lab(b0l)]);
    f(&[s0p, lab(s0r), b0p]);
    f(&[s0p, lab(s0l), b0p]);
    // Label sets.
    f(&[s0w, ls(s0)]);
    f(&[s0p, ls(s0)]);
    f(&[s0w, rs(s0)]);
    f(&[s0p, rs(s0)]);
    f(&[b0w, ls(b0)]);
    f(&[b0p, ls(b0)]);
    f(&[s1p, rs(s1)]);
    // Commas between the stack top and the buffer front; the root in view.
    let commas = if s0 == NONE {
        99
    } else {
        u64::from((inp.commas[b0 as usize] - inp.commas[s0 as usize + 1]).min(3))
    };
    f(&[s0p, b0p, commas]);
    f(&[s1p, s0p, u64::from(st.b == n), st.stack.len().min(4) as u64]);
    f(&[s0p, p(s0r), u64::from(st.b == n)]);
    // Shapes: capitals tell names, titles and acronyms apart.
    f(&[sh(s0), s0p]);
    f(&[sh(b0), b0p]);
    f(&[sh(s0), sh(b0), s0p, b0p]);
    f(&[sh(b0), sh(b1), b0p, b1p]);
    f(&[sh(s1), sh(s0), s1p, s0p]);
}

/// A trained parser.
#[derive(Clone, Debug)]
pub struct Parser {
    model: Model,
    labels: Vec<String>,
    root: u16,
}

impl Parser {
    /// The parser of a model of kind `parser`.
    pub(crate) fn new(model: Model) -> Result<Parser, String> {
        let classes = model.classes();
        if classes.first().map(String::as_str) != Some("S") || classes.len() % 2 != 1 {
            return Err(
                "parser classes must be \"S\" then pairs of \"L label\" and \"R label\"".into(),
            );
        }
        let mut labels = Vec::new();
        for pair in classes[1..].chunks(2) {
            let l = pair[0]
                .strip_prefix("L ")
                .ok_or_else(|| format!("class {:?} is not \"L label\"", pair[0]))?;
            let r = pair[1]
                .strip_prefix("R ")
                .ok_or_else(|| format!("class {:?} is not \"R label\"", pair[1]))?;
            if l != r {
                return Err(format!(
                    "classes {:?} and {:?} do not pair",
                    pair[0], pair[1]
                ));
            }
            labels.push(l.to_string());
        }
        let root = labels
            .iter()
            .position(|l| l == "root")
            .ok_or("the parser has no \"root\" label")? as u16;
        Ok(Parser {
            model,
            labels,
            root,
        })
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The dependency labels, by index.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The index of the root label.
    pub fn root_label(&self) -> u16 {
        self.root
    }

    /// Parse: `st` ends with the heads (root = n) and labels (`scores`
    /// and `score_buffers` are buffers).
    ///
    /// A step's score is the sum of the weights of its features, in four
    /// groups ([`Group`]): the buffer front, the stack top, the word under
    /// it, each with its children, and the rest. Within one parse, a
    /// group's keys are decided by its word and that word's children, and
    /// a word's children only grow (an arc is never undone): so the word
    /// and its number of children decide them. The sums of the first three
    /// groups are kept for each word with that number, and a step whose
    /// group has a word with the same number adds them instead of looking
    /// the keys up again: after a left arc the stack top and the word under
    /// it were so two steps before, after a right arc the buffer front is
    /// the same. The scores are sums of integers (no sum comes near
    /// `i32::MAX`: 111 weights of at most 2047), the same in any grouping:
    /// the same scores, the same moves. A test checks in many states that
    /// the groups' keys are those of every other state of the parse with
    /// the same word and number of children, and that the four groups
    /// together are all the features, each once.
    pub(crate) fn parse(
        &self,
        inp: &Input,
        st: &mut State,
        scores: &mut Vec<i32>,
        score_buffers: &mut ScoreBuffers,
    ) {
        let n = inp.n();
        st.reset(n);
        let nc = self.model.classes().len();
        // Sums are kept `width` wide (the classes, padded with zeros to a
        // multiple of eight: [`Model::score_width`]); moves are chosen
        // among the first `nc`.
        let width = self.model.score_width();
        scores.resize(width, 0);
        for c in &mut st.cache {
            c.seen.clear();
            c.seen.resize(n + 2, NONE);
            c.sums.resize((n + 2) * width, 0);
        }
        while !st.done() {
            let m = match st.forced(self.root) {
                Some(m) => m,
                None => {
                    let at = Group::CACHED.map(|g| st.group_word(g));
                    let mut need = [true; 4];
                    for (k, &(w, count)) in at.iter().enumerate() {
                        need[k] = count == NONE || st.cache[k].seen[w] != count;
                    }
                    let mut feats = st.group_feats.take().unwrap_or_default();
                    features_grouped(inp, st, need, &mut feats);
                    for (k, &(w, count)) in at.iter().enumerate() {
                        if need[k] {
                            let c = &mut st.cache[k];
                            self.model.score(
                                feats.group(k),
                                &mut c.sums[w * width..][..width],
                                score_buffers,
                            );
                            c.seen[w] = count;
                        }
                    }
                    self.model
                        .score(feats.group(Group::Cross as usize), scores, score_buffers);
                    st.group_feats = Some(feats);
                    for (k, &(w, _)) in at.iter().enumerate() {
                        let sums = &st.cache[k].sums[w * width..][..width];
                        for (s, c) in scores.iter_mut().zip(sums) {
                            *s += c;
                        }
                    }
                    best_valid(st, &scores[..nc], self.root)
                }
            };
            st.apply(m);
        }
    }
}

/// The highest-scoring valid move; the lowest class wins a tie.
pub(crate) fn best_valid<T: PartialOrd + Copy>(st: &State, scores: &[T], root: u16) -> Move {
    let mut best: Option<(usize, T)> = None;
    for (c, &s) in scores.iter().enumerate() {
        if best.is_some_and(|(_, b)| s <= b) {
            continue;
        }
        if st.valid(decode(c), root) {
            best = Some((c, s));
        }
    }
    decode(best.expect("every state has a valid move").0)
}

/// Lift non-projective arcs to their grandparent until the tree is projective
/// (heads 0-based, root = n); the shortest crossing arc is lifted first.
pub(crate) fn projectivize(heads: &mut [u32]) {
    let n = heads.len() as u32;
    loop {
        let mut worst: Option<(u32, u32)> = None;
        for d in 0..n {
            let h = heads[d as usize];
            if h == n {
                continue;
            }
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            let projective = (lo + 1..hi).all(|k| dominates(heads, h, k));
            if !projective && worst.is_none_or(|(_, len)| hi - lo < len) {
                worst = Some((d, hi - lo));
            }
        }
        match worst {
            Some((d, _)) => heads[d as usize] = heads[heads[d as usize] as usize],
            None => return,
        }
    }
}

fn dominates(heads: &[u32], h: u32, mut k: u32) -> bool {
    let n = heads.len() as u32;
    for _ in 0..=n {
        if k == h {
            return true;
        }
        if k == n {
            return false;
        }
        k = heads[k as usize];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `State::forced` names a move exactly when it is the only valid one,
    /// in every state a parse of a few words can reach (so skipping the
    /// scores there cannot change a parse).
    #[test]
    fn forced_moves_are_the_only_valid_ones() {
        let (n_labels, root) = (4u16, 2u16);
        let classes = 1 + 2 * usize::from(n_labels);
        let mut seen = [0usize; 2];
        for n in 1..=5usize {
            // Every sequence of valid moves, depth first.
            let mut todo: Vec<Vec<Move>> = vec![Vec::new()];
            while let Some(path) = todo.pop() {
                let mut st = State::default();
                st.reset(n);
                for &m in &path {
                    st.apply(m);
                }
                if st.done() {
                    continue;
                }
                let valid: Vec<Move> = (0..classes)
                    .map(decode)
                    .filter(|&m| st.valid(m, root))
                    .collect();
                let forced = st.forced(root);
                match forced {
                    Some(m) => assert_eq!(valid, vec![m], "n {n}, after {path:?}"),
                    None => assert!(valid.len() > 1, "n {n}, after {path:?}: {valid:?}"),
                }
                seen[usize::from(forced.is_some())] += 1;
                // Two labels of each kind are enough to reach every shape of state.
                for m in valid.into_iter().filter(|m| match m {
                    Move::Left(l) | Move::Right(l) => *l == root || *l == 0,
                    Move::Shift => true,
                }) {
                    let mut next = path.clone();
                    next.push(m);
                    todo.push(next);
                }
            }
        }
        assert!(seen[0] > 0 && seen[1] > 0, "{seen:?}");
    }

    /// The groups of [`Parser::parse`] read what it assumes: in every
    /// state a parse of an invented sentence can reach, each cached
    /// group's keys are those of every other state of the same parse with
    /// the same word and number of children; the four groups together are
    /// all the features, each once; the masks do not overlap.
    #[test]
    fn group_features_depend_on_their_word_and_its_children_only() {
        let masks = [FRONT | B0_LEFT, S0, S1];
        for (i, a) in masks.iter().enumerate() {
            for b in &masks[i + 1..] {
                assert_eq!(a & b, 0, "masks {i} and another overlap");
            }
        }
        assert_eq!(FRONT & B0_LEFT, 0);
        let words = [
            "Brask", "said", ",", "Old", "Tovin", "backed", "the", "RLU", "plan", ".",
        ];
        let views: Vec<WordView> = words.iter().map(|w| WordView::new(w, false)).collect();
        let tags: Vec<usize> = (0..words.len()).map(|i| (i * 7) % 11).collect();
        let upos_of: Vec<usize> = (0..11).map(|t| t % 5).collect();
        let comma: Vec<bool> = words.iter().map(|w| *w == ",").collect();
        let root = 3u16;
        let mut seen: std::collections::HashMap<(usize, usize, u32), Vec<u64>> = Default::default();
        let mut all = Vec::new();
        let mut groups = GroupKeys::default();
        let (mut states, mut reused) = (0, 0);
        for n in [1usize, 2, 3, 5, words.len()] {
            let mut inp = Input::default();
            inp.fill(&views[..n], &tags[..n], &upos_of, &comma[..n]);
            // Many move sequences: each step takes a valid move picked by a
            // small generator (every kind of move, labels 0, 1 and the root's).
            for seed in 0..200u64 {
                seen.clear();
                let mut x = seed;
                let mut st = State::default();
                st.reset(n);
                while !st.done() {
                    features_grouped(&inp, &st, [true; 4], &mut groups);
                    features(&inp, &st, &mut all);
                    assert_eq!(all.len(), N_TEMPLATES);
                    let mut joined: Vec<u64> =
                        (0..4).flat_map(|g| groups.group(g)).copied().collect();
                    let mut sorted = all.clone();
                    joined.sort_unstable();
                    sorted.sort_unstable();
                    assert_eq!(joined, sorted, "n {n}, seed {seed}");
                    assert_eq!(
                        groups.group(0).len(),
                        (FRONT | B0_LEFT).count_ones() as usize
                    );
                    assert_eq!(groups.group(1).len(), S0.count_ones() as usize);
                    assert_eq!(groups.group(2).len(), S1.count_ones() as usize);
                    for (k, &g) in Group::CACHED.iter().enumerate() {
                        let (w, count) = st.group_word(g);
                        if count == NONE {
                            continue;
                        }
                        match seen.get(&(k, w, count)) {
                            Some(keys) => {
                                reused += 1;
                                assert_eq!(keys, groups.group(k), "n {n}, seed {seed}, {g:?} {w}")
                            }
                            None => {
                                seen.insert((k, w, count), groups.group(k).to_vec());
                            }
                        }
                    }
                    states += 1;
                    let valid: Vec<Move> = (0..7)
                        .map(decode)
                        .chain([Move::Left(root)])
                        .filter(|&m| st.valid(m, root))
                        .collect();
                    x = crate::syntax::features::mix(x, 1);
                    st.apply(valid[(x % valid.len() as u64) as usize]);
                }
            }
        }
        assert!(reused > 1000, "{reused} states reused sums");
        assert!(states > 1000, "{states} states");
    }
}
