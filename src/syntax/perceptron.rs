//! The averaged perceptron: a trainable form with integer weights and lazy
//! averaging, and a frozen form with quantised, pruned weights that the model
//! files hold.
//!
//! Training is exact integer arithmetic (updates of ±1, sums in `i64`), so a
//! retraining with the same data and seed gives the same averages, and the
//! model file is written in key order: byte-identical files.
//!
//! Freezing keeps a model small: feature keys are folded to 32 bits (rows
//! whose keys fold together are summed), averaged weights are quantised to
//! ±2047 against the largest, and weights below a threshold are dropped. In
//! the file, keys are stored as differences from the previous key and
//! weights in zigzag form, both as variable-length integers (LEB128).
//!
//! # Model file format (little endian)
//!
//! | bytes | content |
//! | --- | --- |
//! | 8 | magic `KGXSYN01` |
//! | 1 + n | kind (`tagger` or `parser`), length-prefixed |
//! | 2 | number of classes C (at most 256) |
//! | C × (1 + n) | class names, length-prefixed |
//! | 4 + n | extra data of the kind (the tagger's tag dictionary), length-prefixed |
//! | 4 | number of features F |
//! | F × (v + 1 + k × (1 + v)) | key minus the previous key (varint; keys ascending), k, then k × (class `u8`, weight as zigzag varint); in a row, classes ascending and weights not zero |
//! | 8 | FNV-1a of everything before |

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::{Error, ErrorKind};

use super::features::hash_str;

/// A hasher for keys that are already hashes (a 32-bit key is spread over 64 bits).
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The 32-bit key a frozen model stores for a 64-bit feature key.
#[inline]
pub fn fold(key: u64) -> u32 {
    (key ^ (key >> 32)) as u32
}

/// Largest quantised weight.
pub const QMAX: f64 = 2047.0;

/// A map keyed by feature hashes.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;
/// A map keyed by folded 32-bit keys.
pub type Key32Map<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    weight: i32,
    total: i64,
    stamp: u32,
}

/// A perceptron being trained: sparse rows of integer weights with lazy averaging.
pub struct Averaged {
    n_classes: usize,
    rows: KeyMap<Vec<Entry>>,
    now: u32,
}

impl Averaged {
    /// An empty model over `n_classes` classes.
    pub fn new(n_classes: usize) -> Averaged {
        Averaged {
            n_classes,
            rows: KeyMap::default(),
            now: 0,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Add the current weights of `feats` into `scores` (one per class).
    pub fn score(&self, feats: &[u64], scores: &mut [i64]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    scores[usize::from(e.class)] += i64::from(e.weight);
                }
            }
        }
    }

    /// One training instance has been seen (the clock of the averages).
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// Move weight from `guess` to `gold` on every feature.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        if gold == guess {
            return;
        }
        let now = self.now;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            for (class, delta) in [(gold, 1), (guess, -1)] {
                let class = class as u16;
                let e = match row.iter_mut().position(|e| e.class == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Entry {
                            class,
                            weight: 0,
                            total: 0,
                            stamp: now,
                        });
                        row.last_mut().unwrap()
                    }
                };
                e.total += i64::from(e.weight) * i64::from(now - e.stamp);
                e.stamp = now;
                e.weight += delta;
            }
        }
    }

    /// Freeze: average the weights, fold the keys to 32 bits (summing rows
    /// that fold together), quantise to ±2047 against the largest average,
    /// and drop weights whose quantised magnitude is below `min_q`.
    pub fn freeze(&self, kind: &str, classes: Vec<String>, extra: Vec<u8>, min_q: i16) -> Model {
        let now = f64::from(self.now.max(1));
        let avg = |e: &Entry| {
            let total = e.total + i64::from(e.weight) * i64::from(self.now - e.stamp);
            total as f64 / now
        };
        // (folded key, class, average), summed where keys fold together.
        let mut triples: Vec<(u32, u16, f64)> = Vec::new();
        let mut keys: Vec<u64> = self.rows.keys().copied().collect();
        keys.sort_unstable();
        for k in keys {
            for e in &self.rows[&k] {
                triples.push((fold(k), e.class, avg(e)));
            }
        }
        triples.sort_by_key(|t| (t.0, t.1));
        let mut merged: Vec<(u32, u16, f64)> = Vec::with_capacity(triples.len());
        for (k, c, w) in triples {
            match merged.last_mut() {
                Some(last) if last.0 == k && last.1 == c => last.2 += w,
                _ => merged.push((k, c, w)),
            }
        }
        let max = merged
            .iter()
            .map(|t| t.2.abs())
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let scale = QMAX / max;
        let min = min_q.unsigned_abs().max(1);
        let mut model = Model::empty(kind, classes, extra);
        let mut row = Vec::new();
        let mut i = 0;
        while i < merged.len() {
            let k = merged[i].0;
            row.clear();
            while i < merged.len() && merged[i].0 == k {
                let q = (merged[i].2 * scale).round() as i16;
                if q.unsigned_abs() >= min {
                    row.push((merged[i].1 as u8, q));
                }
                i += 1;
            }
            if !row.is_empty() {
                model.push_row(k, &row);
            }
        }
        model.index();
        model
    }
}

/// One weight of a row: a class and its quantised weight (4 bytes).
#[derive(Clone, Copy, Debug)]
struct Weight {
    class: u8,
    weight: i16,
}

/// How many weights of a row sit in its slot (most rows have one or two).
const INLINE: usize = 2;

/// A slot of the table is one `u64` (eight to a cache line):
///
/// | bits | content |
/// | --- | --- |
/// | 0..40 | a row of one or two weights ([`KIND_INLINE`]): two 20-bit weights, each a class (8 bits) and a 12-bit two's-complement weight (±2047 fits; the second is zero for a row of one); a longer row: `start << 8 \| len` |
/// | 40..42 | the kind: empty (0; then the distance is 0 and the low bits all ones, see `Model::key_at`), inline, long (weights in `rest` from `start`), dense (`start` is its number among the dense rows) |
/// | 42..48 | the displacement: the slot's number minus the row's home; [`FAR`] if 63 or more (the key is then in `Model::far`) |
/// | 48..64 | the key's low bits (`key mod 2^shift`; its high bits are its home) |
///
/// The homes are a power of two, `2^(32 - shift)`, so a key's home is its
/// top bits and a slot holds the key whole: `(i - d) << shift | low`.
type Slot = u64;

const KIND_SHIFT: u32 = 40;
const KIND_INLINE: u64 = 1;
const KIND_LONG: u64 = 2;
const KIND_DENSE: u64 = 3;
const DISP_SHIFT: u32 = 42;
/// The displacement that says "look the key up in `Model::far`".
const FAR: u64 = 63;
const LOW_SHIFT: u32 = 48;
/// The most low bits a slot holds (so at least `2^16` homes).
const MAX_SHIFT: u32 = 16;
/// The payload bits of a slot.
const PAYLOAD: u64 = (1 << KIND_SHIFT) - 1;

/// A slot's 20-bit weight: its class and its 12-bit two's-complement weight.
#[inline(always)]
fn pack_weight(w: Weight) -> u64 {
    u64::from(w.class) | (u64::from(w.weight as u16 & 0xfff) << 8)
}

/// The weight of a slot's 20 bits (bits above 20 are ignored).
#[inline(always)]
fn unpack_weight(v: u64) -> Weight {
    let v = v as u32;
    Weight {
        class: v as u8,
        weight: (((v << 12) as i32) >> 20) as i16,
    }
}

/// The table has at least two homes a row, rounded up to a power of two
/// (three a row for the parser's model, 2.4 for the tagger's). Measured on
/// EWT test with 16-byte slots (parser words per CPU-second): 1.2 homes a
/// row ~130k, 1.5 ~145k, 2 ~168k, 3 ~196k (a scan past the home is a
/// mispredicted branch). With 8-byte slots the parser's table is 16.8 MB
/// and the tagger's 4.2 MB.
const HOMES_PER_ROW: usize = 2;

/// The most weights a model may hold (a row's start has 24 bits).
const MAX_WEIGHTS: usize = 1 << 24;

/// A frozen model: quantised sparse rows, looked up by feature key.
///
/// Scoring is the hot path of tagging and parsing, and it is bound by
/// memory: each feature is a lookup in tables of megabytes, most of them
/// a cache miss. The rows sit in one array of 8-byte slots in key order,
/// the file's order, with gaps: an ordered linear-probing table. The keys
/// are hashes, spread evenly; a key's *home* is its top bits (the number
/// of homes is a power of two, so homes rise with keys), and each row sits
/// at its home or, if the row before took that slot, just after that row.
/// A slot keeps the key's low bits and its distance from its home, which
/// give the key back whole (`Slot`). A lookup goes straight to the key's
/// home (no index to read first: one cache miss, not two) and scans
/// forward while the keys are smaller: an empty slot reads as the largest
/// key of its own home (`Model::key_at`), no smaller than the key sought,
/// so a scan stops at one, as at any larger key, and the rows are in
/// key order, so a key found nowhere on the way has no row. At a load of
/// 1/2 or less a row is mostly at its home or the slot after. Loading
/// stays one sweep over the file: rows are placed in the order they are
/// read (`Model::index`). [`Model::score`] does each step for every
/// feature before the next (with prefetches), so that the cache misses of
/// one call overlap.
///
/// A few rows are long (features of tags alone, seen with most classes),
/// and they hold most of the weights a decision adds up: nine in ten on
/// the EWT test set. Those rows (an eighth of the classes or more; about 1%
/// of the parser's rows, 2% of the tagger's) are kept dense, a weight for
/// every class, and added as whole vectors, 64 classes at a time in
/// registers (`add_dense`). Their keys are also in a small index of their
/// own (`Model::dense_row`: 256 KB for the parser's 5,993 dense rows and
/// for the tagger's 4,253), which a lookup asks first: half the lookups end there,
/// in a table that stays in the processor's cache, with one compare instead
/// of a slot's decoding and scan. The same rows are found either way (the
/// index holds exactly the dense rows' keys, each with its row; a key not
/// there is looked up in the slots as before, where it has no dense row).
#[derive(Clone, Debug)]
pub struct Model {
    kind: String,
    classes: Vec<String>,
    extra: Vec<u8>,
    /// Before [`Model::index`], one slot per row without its key (which is
    /// in `keys`); after, the table: rows at or after their homes, keys
    /// ascending, empty slots between, and an empty slot last, where every
    /// scan stops and which a key without a row finds.
    slots: Vec<Slot>,
    /// The keys of the rows pushed, until [`Model::index`] puts them in the slots.
    keys: Vec<u32>,
    /// The keys of the rows 63 slots or more past their homes, by slot
    /// number (ascending); none in the shipped models.
    far: Vec<(u32, u32)>,
    /// How many low bits of a key a slot holds; the homes are `2^(32 - shift)`.
    shift: u32,
    /// The number of rows.
    n_rows: usize,
    /// The weights of each long sparse row, one row after the other.
    rest: Vec<Weight>,
    /// The dense rows, `stride` weights each (0 for a class without weight).
    dense: Vec<i16>,
    /// The number of classes rounded up to a multiple of 8.
    stride: usize,
    /// The shortest dense row: more weights than fit in a slot, and an
    /// eighth of the classes (of `stride`) or more.
    dense_min: usize,
    n_weights: usize,
    /// The keys of the dense rows with their numbers ([`Model::dense_row`]):
    /// an open-addressing table of `key | (number + 1) << 32` (0 empty) a
    /// few hundred kilobytes long, so that it stays in the processor's
    /// cache, where the slots of the same rows in `slots` do not.
    hot: Vec<u64>,
    /// `32 - log2(hot.len())`: a key's home in `hot` is the top bits of
    /// its product with an odd constant ([`hot_home`]).
    hot_shift: u32,
    /// One bit a home, set where a row that is not dense has its home
    /// there ([`Model::may_have_sparse_row`]): 256 KB for the parser's
    /// 2^21 homes, 64 KB for the tagger's.
    sparse_homes: Vec<u64>,
}

const MAGIC: &[u8; 8] = b"KGXSYN01";

/// The buffers of [`Model::score`], kept by its caller from one call to the
/// next (one a thread).
///
/// The accumulator of the sums is zero between calls: a call adds into it
/// and, as it copies the sums out, sets them back to zero. So no call
/// clears 1 KB first and then copies the sums out in a second pass (about
/// 150 instructions a call, over 80,000 calls on the corpus bench).
#[derive(Clone, Debug)]
pub struct ScoreBuffers {
    /// Keys and row numbers of one call (contents do not matter between calls).
    rows: Vec<u32>,
    /// One sum a class, all zero between calls.
    acc: Box<[i32; 256]>,
}

impl Default for ScoreBuffers {
    fn default() -> ScoreBuffers {
        ScoreBuffers {
            rows: Vec::new(),
            acc: Box::new([0; 256]),
        }
    }
}

impl Model {
    fn empty(kind: &str, classes: Vec<String>, extra: Vec<u8>) -> Model {
        let stride = classes.len().next_multiple_of(8);
        let dense_min = (INLINE + 1).max(stride.div_ceil(8));
        Model {
            kind: kind.to_string(),
            classes,
            extra,
            slots: Vec::new(),
            keys: Vec::new(),
            far: Vec::new(),
            shift: MAX_SHIFT,
            n_rows: 0,
            rest: Vec::new(),
            dense: Vec::new(),
            stride,
            dense_min,
            n_weights: 0,
            hot: vec![0],
            hot_shift: 32,
            sparse_homes: Vec::new(),
        }
    }

    /// Add a row: keys ascending, classes ascending, weights not zero (call
    /// [`Model::index`] after the last).
    fn push_row(&mut self, key: u32, row: &[(u8, i16)]) {
        debug_assert!(self.keys.last().is_none_or(|&k| k < key));
        debug_assert!(row.iter().all(|&(_, w)| f64::from(w).abs() <= QMAX));
        let len = row.len() as u64;
        let slot = if self.is_dense(row.len()) {
            let d = self.dense.len();
            self.dense.resize(d + self.stride, 0);
            for &(class, weight) in row {
                self.dense[d + usize::from(class)] = weight;
            }
            (KIND_DENSE << KIND_SHIFT) | (((d / self.stride) as u64) << 8) | len
        } else if row.len() > INLINE || row.iter().any(|&(_, w)| w == 0) {
            // A weight of zero (no file or `freeze` has one, but a test
            // writes one) would read as no weight in a slot: such a row is
            // kept whole in `rest`, so that it is written back as it came.
            let start = self.rest.len() as u64;
            self.rest
                .extend(row.iter().map(|&(class, weight)| Weight { class, weight }));
            (KIND_LONG << KIND_SHIFT) | (start << 8) | len
        } else {
            let mut slot = KIND_INLINE << KIND_SHIFT;
            for (k, &(class, weight)) in row.iter().enumerate() {
                slot |= pack_weight(Weight { class, weight }) << (20 * k);
            }
            slot
        };
        self.n_weights += row.len();
        self.keys.push(key);
        self.slots.push(slot);
    }

    /// The shift of a table of `n` rows: `2^(32 - shift)` homes, at least
    /// `HOMES_PER_ROW` a row, and at least `2^(32 - MAX_SHIFT)`.
    fn shift_for(n: usize) -> u32 {
        let homes = (n * HOMES_PER_ROW)
            .max(1)
            .next_power_of_two()
            .max(1 << (32 - MAX_SHIFT));
        32 - homes.trailing_zeros().min(32)
    }

    /// The number of homes.
    #[inline]
    fn homes(&self) -> usize {
        1usize << (32 - self.shift)
    }

    /// The home of a key: its top bits.
    #[inline(always)]
    fn home(&self, key: u32) -> usize {
        (u64::from(key) >> self.shift) as usize
    }

    /// The key of the row in slot `i`; for an empty slot (distance 0, low
    /// bits all ones) `i << shift | low_mask`, the largest key whose home
    /// is `i`: no smaller than any key whose scan reaches slot `i` (its
    /// home is `i` or before), so a scan stops there without a test of the
    /// slot's kind. In 64 bits, as the last slot is past the last home.
    #[inline(always)]
    fn key_at(&self, i: usize, slot: Slot) -> u64 {
        let d = (slot >> DISP_SHIFT) & 63;
        if d == FAR {
            return u64::from(self.far_key(i));
        }
        ((i as u64 - d) << self.shift) | (slot >> LOW_SHIFT)
    }

    /// The key of a row far from its home (out of line: the shipped models have none).
    #[cold]
    #[inline(never)]
    fn far_key(&self, i: usize) -> u32 {
        let at = self
            .far
            .binary_search_by_key(&(i as u32), |&(j, _)| j)
            .expect("a far slot has its key noted");
        self.far[at].1
    }

    /// Place the rows pushed (one slot each, keys ascending) in the table:
    /// each at its home or just after the row before, whichever is later,
    /// in one sweep back to front (a row only moves up, onto a slot that
    /// is free or whose row has moved already), with its key's low bits
    /// and its displacement; then the empty slot last.
    fn index(&mut self) {
        let n = self.slots.len();
        self.n_rows = n;
        self.shift = Model::shift_for(n);
        let homes = self.homes();
        let low_mask = (1u64 << self.shift) - 1;
        let mut at = Vec::with_capacity(n);
        let mut next = 0;
        for &key in &self.keys {
            let i = self.home(key).max(next);
            at.push(i as u32);
            next = i + 1;
        }
        let empty = low_mask << LOW_SHIFT;
        self.slots.resize(next.max(homes) + 1, empty);
        self.far.clear();
        let mut dense = Vec::new();
        for (j, &i) in at.iter().enumerate().rev() {
            let (i, key) = (i as usize, self.keys[j]);
            let d = (i - self.home(key)) as u64;
            let d = if d >= FAR {
                self.far.push((i as u32, key));
                FAR
            } else {
                d
            };
            let slot =
                self.slots[j] | (d << DISP_SHIFT) | ((u64::from(key) & low_mask) << LOW_SHIFT);
            if i != j {
                self.slots[j] = empty;
            }
            self.slots[i] = slot;
            if (slot >> KIND_SHIFT) & 3 == KIND_DENSE {
                dense.push((key, ((slot & PAYLOAD) >> 8) as u32));
            }
        }
        self.far.reverse();
        self.sparse_homes = vec![0; homes.div_ceil(64)];
        for (&key, &i) in self.keys.iter().zip(&at) {
            if (self.slots[i as usize] >> KIND_SHIFT) & 3 != KIND_DENSE {
                let h = self.home(key);
                self.sparse_homes[h / 64] |= 1 << (h % 64);
            }
        }
        self.index_dense(&dense);
        self.keys = Vec::new();
        // The last dense row's last block of classes reads this far ([`add_dense`]).
        self.dense.resize(self.dense.len() + DENSE_BLOCK_AVX2, 0);
    }

    /// Build the index of the dense rows (`hot`) from their keys and
    /// numbers: a power of two of entries, at least four a dense row, so
    /// that most lookups read one entry.
    fn index_dense(&mut self, dense: &[(u32, u32)]) {
        self.hot = vec![0; (dense.len() * 4).next_power_of_two().max(8)];
        self.hot_shift = 32 - self.hot.len().trailing_zeros();
        let mask = self.hot.len() - 1;
        for &(key, row) in dense {
            let mut i = hot_home(key, self.hot_shift);
            while self.hot[i] != 0 {
                i = (i + 1) & mask;
            }
            self.hot[i] = u64::from(key) | (u64::from(row) + 1) << 32;
        }
    }

    /// The number of the dense row of `key`, if it has one (a lookup in
    /// `hot`: the entries from the key's home to the first empty one).
    #[inline(always)]
    fn dense_row(&self, key: u32) -> Option<u32> {
        let hot = &self.hot[..];
        let mask = hot.len() - 1;
        let mut i = hot_home(key, self.hot_shift);
        let mut e = hot[i];
        while e != 0 && e as u32 != key {
            i = (i + 1) & mask;
            e = hot[i];
        }
        (e != 0).then(|| (e >> 32) as u32 - 1)
    }

    /// Whether a key that has no dense row may have a row: false where no
    /// row but dense ones has its home at the key's home, so that the key
    /// has none (a bit a home, set by [`Model::index`] for every other
    /// row). Most keys without a row are told so here, by a bit in a
    /// table of a few hundred kilobytes, without the scan of the slots
    /// (a cache miss in a table of megabytes): a fifth of the parser's
    /// lookups on the corpus bench have no row.
    #[inline(always)]
    fn may_have_sparse_row(&self, key: u32) -> bool {
        let h = self.home(key);
        self.sparse_homes[h / 64] >> (h % 64) & 1 != 0
    }

    /// The slot of `key` (the empty one last if it has no row), scanning
    /// from slot `i` (its home). Every slot from a row's home to the row is
    /// full (a row leaves its home only for the row before it), the keys
    /// ascend, and an empty slot reads as no smaller than `key` (the
    /// largest key of its home, and `key`'s home is that or before; the
    /// kind is tested once, at the end): so the scan stops
    /// at the key's row, or at a larger key or an empty slot if it has none.
    /// The last slot is empty: no scan runs past the end.
    #[inline(always)]
    fn find_from(&self, mut i: usize, key: u32) -> u32 {
        let slots = &self.slots[..];
        let key = u64::from(key);
        let mut k = self.key_at(i, slots[i]);
        while k < key {
            i += 1;
            k = self.key_at(i, slots[i]);
        }
        if k == key && (slots[i] >> KIND_SHIFT) & 3 != 0 {
            i as u32
        } else {
            (slots.len() - 1) as u32
        }
    }

    /// The slots that hold a row, with their numbers in the table and their keys.
    fn full_slots(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, &s)| (s >> KIND_SHIFT) & 3 != 0)
            .map(|(j, &s)| (j as u32, self.key_at(j, s) as u32))
    }

    /// Whether a row of `len` weights is kept dense: more than fit in a
    /// slot, and an eighth of the classes or more (`dense_min` or more).
    #[inline]
    fn is_dense(&self, len: usize) -> bool {
        len >= self.dense_min
    }

    /// The weights of the row in slot `j`, in file order (classes ascending).
    fn row(&self, j: u32, out: &mut Vec<Weight>) {
        out.clear();
        let slot = self.slots[j as usize];
        let len = (slot & 0xff) as usize;
        let start = ((slot & PAYLOAD) >> 8) as usize;
        match (slot >> KIND_SHIFT) & 3 {
            KIND_DENSE => {
                let row = &self.dense[start * self.stride..][..self.stride];
                for (class, &weight) in row.iter().enumerate() {
                    if weight != 0 {
                        out.push(Weight {
                            class: class as u8,
                            weight,
                        });
                    }
                }
            }
            KIND_LONG => out.extend_from_slice(&self.rest[start..start + len]),
            KIND_INLINE => {
                for k in 0..INLINE {
                    let w = unpack_weight(slot >> (20 * k));
                    if w.weight != 0 {
                        out.push(w);
                    }
                }
            }
            _ => {}
        }
    }

    /// The class names.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// The kind's extra data.
    pub fn extra(&self) -> &[u8] {
        &self.extra
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.n_rows
    }

    /// A copy without the weights below `min` in magnitude (features left with none are dropped).
    pub fn prune(&self, min: i16) -> Model {
        let mut out = Model::empty(&self.kind, self.classes.clone(), self.extra.clone());
        let (mut row, mut weights) = (Vec::new(), Vec::new());
        for (j, key) in self.full_slots() {
            row.clear();
            self.row(j, &mut weights);
            for w in &weights {
                if w.weight.unsigned_abs() >= min.unsigned_abs() {
                    row.push((w.class, w.weight));
                }
            }
            if !row.is_empty() {
                out.push_row(key, &row);
            }
        }
        out.index();
        out
    }

    /// The number of classes rounded up to a multiple of eight: the
    /// cheapest length of the sums [`Model::score`] writes. Those of the
    /// classes past the last are zero; with every length a multiple of
    /// eight, the loops that copy and add sums have no odd tail.
    pub fn score_width(&self) -> usize {
        self.stride
    }

    /// Number of weights.
    pub fn n_weights(&self) -> usize {
        self.n_weights
    }

    /// Sum the weights of `feats` into `scores` (one per class, zeroed
    /// first); `buf` is the caller's ([`ScoreBuffers`]).
    ///
    /// Every feature's lookup is a likely cache miss, and the misses are what
    /// scoring costs; so each step is done for all features before the next,
    /// so that the misses of one call overlap instead of waiting one for
    /// another: fold the keys and prefetch their entries in the index of
    /// dense rows; ask the index, and prefetch the whole dense row found or
    /// else the key's home slot; find the other keys in the slots and add
    /// the weights in their slots, noting the longer rows and prefetching
    /// them; add those; add the dense rows. (The index's answer decides a
    /// branch that the processor cannot guess, dense or not about half the
    /// time: an index entry that is not in the cache when it is asked
    /// stalls the processor there, one entry after another, hence the
    /// first pass.) A slot's two weights are added whatever the row's
    /// length: the weights a slot does not use (a row of one weight) are
    /// zeros, and the payload of a slot not of the inline kind (a longer
    /// row, an empty slot) is masked to zero, which adds nothing. The sums
    /// are of integers, exact in any order.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32], buf: &mut ScoreBuffers) {
        let slots = &self.slots[..];
        let n = feats.len();
        // rows[..n]: the folded keys; rows[n..2n]: the dense rows'
        // numbers; rows[2n..]: the keys looked up in the slots, then the
        // slots of the long sparse rows. Each entry is written before it
        // is read, so what the buffer held before does not matter: it is
        // only grown, never cleared.
        let rows = &mut buf.rows;
        if rows.len() < 3 * n {
            rows.resize(3 * n, 0);
        }
        let (keys, rest) = rows.split_at_mut(n);
        let (dense, long) = rest.split_at_mut(n);
        for (k, &f) in keys.iter_mut().zip(feats) {
            *k = fold(f);
            // A prefetch of any address is harmless: no bounds check.
            prefetch_ptr(self.hot.as_ptr().wrapping_add(hot_home(*k, self.hot_shift)));
        }
        let (mut n_dense, mut n_rest) = (0, 0);
        for &key in keys.iter() {
            match self.dense_row(key) {
                Some(r) => {
                    self.prefetch_dense(r);
                    dense[n_dense] = r;
                    n_dense += 1;
                }
                None => {
                    if self.may_have_sparse_row(key) {
                        prefetch_ptr(slots.as_ptr().wrapping_add(self.home(key)));
                        long[n_rest] = key;
                        n_rest += 1;
                    }
                }
            }
        }
        // Classes are bytes: a 256-wide accumulator needs no bounds checks.
        // It is zero here (`ScoreBuffers::acc`).
        let acc = &mut *buf.acc;
        debug_assert!(acc.iter().all(|&a| a == 0));
        let mut n_long = 0;
        for m in 0..n_rest {
            let key = long[m];
            let j = self.find_from(self.home(key), key);
            let slot = slots[j as usize];
            let kind = (slot >> KIND_SHIFT) & 3;
            debug_assert!(kind != KIND_DENSE, "a dense row's key is in `hot`");
            let inline = if kind == KIND_INLINE { slot } else { 0 };
            for w in 0..INLINE {
                let w = unpack_weight(inline >> (20 * w));
                acc[usize::from(w.class)] += i32::from(w.weight);
            }
            if kind == KIND_LONG {
                prefetch_ptr(
                    self.rest
                        .as_ptr()
                        .wrapping_add(((slot & PAYLOAD) >> 8) as usize),
                );
                // Entry m was read already, and n_long <= m.
                long[n_long] = j;
                n_long += 1;
            }
        }
        for &j in &long[..n_long] {
            let slot = slots[j as usize];
            let (start, len) = (((slot & PAYLOAD) >> 8) as usize, (slot & 0xff) as usize);
            for w in &self.rest[start..start + len] {
                acc[usize::from(w.class)] += i32::from(w.weight);
            }
        }
        // The dense rows' sums are added as the totals are written out,
        // and the accumulator is left zero for the next call. Only the
        // first `classes` sums can be other than zero (a weight's class
        // is below the number of classes, checked when a model is read);
        // those up to `stride` are zero ([`Model::score_width`]).
        let n = scores.len().min(self.stride);
        let (out, past) = scores.split_at_mut(n);
        let classes = self.classes.len();
        add_dense(
            &self.dense,
            self.stride,
            classes,
            &dense[..n_dense],
            acc,
            out,
        );
        // A caller that asks more sums than there are classes gets zeros there.
        let past = past.len().min(acc.len() - n);
        if past > 0 {
            scores[n..n + past].fill(0);
        }
    }

    /// Prefetch every cache line of dense row `r` that [`add_dense`] reads:
    /// its blocks of `DENSE_BLOCK_AVX2` weights from the row's start (a row
    /// of the shipped models is 208 bytes, four or five lines, and its one
    /// block reads 256 bytes): the addresses are those `add_dense` reads,
    /// so within the table (`Model::index` pads it), though a prefetch of
    /// any address would be harmless.
    #[inline(always)]
    fn prefetch_dense(&self, r: u32) {
        const LINE: usize = 32; // weights a 64-byte line
        let row = self.dense.as_ptr().wrapping_add(r as usize * self.stride);
        let span = self.stride.next_multiple_of(DENSE_BLOCK_AVX2);
        if span == DENSE_BLOCK_AVX2 {
            for at in [0, LINE, 2 * LINE, 3 * LINE, DENSE_BLOCK_AVX2 - 1] {
                prefetch_ptr(row.wrapping_add(at));
            }
        } else {
            for at in (0..span).step_by(LINE).chain([span - 1]) {
                prefetch_ptr(row.wrapping_add(at));
            }
        }
    }

    /// The model file's bytes (see the module doc).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.n_features() * 16);
        out.extend_from_slice(MAGIC);
        out.push(self.kind.len() as u8);
        out.extend_from_slice(self.kind.as_bytes());
        out.extend_from_slice(&(self.classes.len() as u16).to_le_bytes());
        for c in &self.classes {
            out.push(c.len() as u8);
            out.extend_from_slice(c.as_bytes());
        }
        out.extend_from_slice(&(self.extra.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.extra);
        out.extend_from_slice(&(self.n_features() as u32).to_le_bytes());
        let mut prev = 0u32;
        let mut weights = Vec::new();
        for (j, key) in self.full_slots() {
            put_varint(&mut out, u64::from(key - prev));
            prev = key;
            self.row(j, &mut weights);
            out.push(weights.len() as u8);
            for w in &weights {
                out.push(w.class);
                let w = i64::from(w.weight);
                put_varint(&mut out, ((w << 1) ^ (w >> 63)) as u64);
            }
        }
        let sum = fnv_bytes(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Read a model file of the given kind; `name` names it in errors.
    pub fn from_bytes(name: &str, kind: &str, bytes: &[u8]) -> crate::Result<Model> {
        let err = |at: usize, msg: String| {
            Error::new(ErrorKind::Model, format!("{name}: byte {at}: {msg}"))
        };
        if bytes.len() < MAGIC.len() + 8 || &bytes[..8] != MAGIC {
            return Err(err(0, "not a kgx syntax model (expected magic \"KGXSYN01\"); retrain with `kgx train-syntax`".into()));
        }
        let body = &bytes[..bytes.len() - 8];
        let stored = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().unwrap());
        if fnv_bytes(body) != stored {
            return Err(err(
                bytes.len() - 8,
                "checksum mismatch: the file is damaged or truncated".into(),
            ));
        }
        let mut r = Reader { bytes: body, at: 8 };
        let trunc = |at: usize| err(at, "truncated".into());
        let klen = usize::from(r.u8().ok_or_else(|| trunc(r.at))?);
        let got_kind = r.take(klen).ok_or_else(|| trunc(r.at))?;
        if got_kind != kind.as_bytes() {
            return Err(err(
                9,
                format!(
                    "is a {:?} model, expected a {kind:?} model",
                    String::from_utf8_lossy(got_kind)
                ),
            ));
        }
        let n_classes = usize::from(r.u16().ok_or_else(|| trunc(r.at))?);
        if n_classes == 0 || n_classes > 256 {
            return Err(err(
                r.at - 2,
                format!("{n_classes} classes (expected 1 to 256)"),
            ));
        }
        let mut classes = Vec::with_capacity(n_classes);
        for _ in 0..n_classes {
            let at = r.at;
            let len = usize::from(r.u8().ok_or_else(|| trunc(r.at))?);
            let s = r.take(len).ok_or_else(|| trunc(r.at))?;
            let s =
                std::str::from_utf8(s).map_err(|_| err(at, "class name is not UTF-8".into()))?;
            classes.push(s.to_string());
        }
        let elen = r.u32().ok_or_else(|| trunc(r.at))? as usize;
        let extra = r.take(elen).ok_or_else(|| trunc(r.at))?.to_vec();
        let n_feat = r.u32().ok_or_else(|| trunc(r.at))? as usize;
        let mut model = Model::empty(kind, classes, extra);
        // A feature takes four bytes or more of what is left, a weight two;
        // the table has room for its homes and a few rows past the last.
        let n_rows = n_feat.min((body.len() - r.at) / 4);
        model.keys.reserve(n_rows);
        model
            .slots
            .reserve((1usize << (32 - Model::shift_for(n_rows))) + 64);
        model.rest.reserve((body.len() - r.at) / 2);
        let mut row = Vec::new();
        let mut key = 0u32;
        for i in 0..n_feat {
            let at = r.at;
            let delta = r
                .varint()
                .ok_or_else(|| err(at, "bad or truncated key".into()))?;
            if (i > 0 && delta == 0) || u64::from(key) + delta > u64::from(u32::MAX) {
                return Err(err(at, "feature keys out of order".into()));
            }
            key += delta as u32;
            let len = r.u8().ok_or_else(|| trunc(r.at))?;
            if len == 0 {
                return Err(err(r.at - 1, "a feature with no weight".into()));
            }
            if model.n_weights + usize::from(len) > MAX_WEIGHTS {
                return Err(err(r.at - 1, format!("more than {MAX_WEIGHTS} weights")));
            }
            row.clear();
            for _ in 0..len {
                let at = r.at;
                let c = r.u8().ok_or_else(|| trunc(r.at))?;
                if usize::from(c) >= n_classes {
                    return Err(err(
                        at,
                        format!("class {c} out of range ({n_classes} classes)"),
                    ));
                }
                if row.last().is_some_and(|&(last, _)| c <= last) {
                    return Err(err(at, format!("class {c} out of order in its row")));
                }
                let z = r
                    .varint()
                    .ok_or_else(|| err(r.at, "bad or truncated weight".into()))?;
                let w = ((z >> 1) as i64) ^ -((z & 1) as i64);
                if w == 0 || w.unsigned_abs() > QMAX as u64 {
                    return Err(err(at, format!("weight {w} out of range")));
                }
                row.push((c, w as i16));
            }
            model.push_row(key, &row);
        }
        if r.at != body.len() {
            return Err(err(r.at, "trailing bytes after the last feature".into()));
        }
        model.index();
        Ok(model)
    }
}

/// How many dense rows may be summed in 16 bits: `DENSE_BATCH × QMAX <= i16::MAX`.
const DENSE_BATCH: usize = (i16::MAX as usize) / (QMAX as usize);

/// How many classes of the dense rows `add_dense` sums at once with
/// SSE2: 64 16-bit sums, eight registers.
const DENSE_BLOCK: usize = 64;

/// How many with AVX2: 128 16-bit sums, eight of its sixteen registers
/// (the parser's 103 classes and the tagger's 102 in one block).
const DENSE_BLOCK_AVX2: usize = 128;

/// Add the dense rows numbered `rows` (`stride` weights each, in `dense`)
/// to the sums in `acc`, write the totals of the first `out.len()`
/// classes (at most `stride`) to `out`, and leave `acc` zero where it can
/// be other than zero (the first `classes` sums): with AVX2 where the
/// processor has it (checked at run time), else with SSE2. The same sums
/// either way ([`add_dense_blocks`]).
#[inline]
fn add_dense(
    dense: &[i16],
    stride: usize,
    classes: usize,
    rows: &[u32],
    acc: &mut [i32; 256],
    out: &mut [i32],
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2 (checked just above).
        unsafe { add_dense_avx2(dense, stride, classes, rows, acc, out) };
        return;
    }
    add_dense_blocks::<DENSE_BLOCK>(dense, stride, classes, rows, acc, out);
}

/// [`add_dense_blocks`] of `DENSE_BLOCK_AVX2` classes, compiled for AVX2.
///
/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn add_dense_avx2(
    dense: &[i16],
    stride: usize,
    classes: usize,
    rows: &[u32],
    acc: &mut [i32; 256],
    out: &mut [i32],
) {
    add_dense_blocks::<DENSE_BLOCK_AVX2>(dense, stride, classes, rows, acc, out);
}

/// [`add_dense`] a block of `B` classes at a time: the block is summed
/// over the rows in 16-bit lanes held in registers, `DENSE_BATCH` rows at
/// a time (no sum can overflow); each batch's sums but the last are added
/// into `acc`, and the last batch's (zeros if there are no rows) are
/// added to `acc`'s as they are written to `out`, in the same pass that
/// sets `acc` back to zero: exact, as every sum is, whatever `B`. The
/// last block of a row reads past its end, into the next row or the
/// padding that `Model::index` puts after the last: those lanes are
/// summed (wrapping) and dropped. The sums of the classes from `classes`
/// to `stride` are only ever added zeros (a dense row's padding; a sparse
/// weight's class is below `classes`), so they stay zero untouched.
#[inline(always)]
fn add_dense_blocks<const B: usize>(
    dense: &[i16],
    stride: usize,
    classes: usize,
    rows: &[u32],
    acc: &mut [i32; 256],
    out: &mut [i32],
) {
    debug_assert!(out.len() <= stride && classes <= stride && stride <= acc.len());
    let sum_of = |batch: &[u32], block: usize| {
        let mut sum = [0i16; B];
        for &r in batch {
            let at = r as usize * stride + block;
            let row: &[i16; B] = dense[at..at + B].try_into().expect("a block of B weights");
            for (s, &w) in sum.iter_mut().zip(row) {
                *s = s.wrapping_add(w);
            }
        }
        sum
    };
    // The batches before the last, and the last (empty if there are no rows).
    let (early, last) = rows.split_at(rows.len().saturating_sub(1) / DENSE_BATCH * DENSE_BATCH);
    for block in (0..stride).step_by(B) {
        let lanes = (stride - block).min(B);
        let acc = &mut acc[block..block + lanes];
        for batch in early.chunks(DENSE_BATCH) {
            let sum = sum_of(batch, block);
            for (a, &s) in acc.iter_mut().zip(&sum[..lanes]) {
                *a += i32::from(s);
            }
        }
        let sum = sum_of(last, block);
        let written = out.len().saturating_sub(block).min(lanes);
        let from = block.min(out.len());
        for ((o, a), &s) in out[from..from + written]
            .iter_mut()
            .zip(acc.iter_mut())
            .zip(&sum[..written])
        {
            *o = *a + i32::from(s);
            *a = 0;
        }
        // Sums not written out (a caller that asks fewer than `classes`).
        let live = classes.saturating_sub(block).min(lanes);
        if written < live {
            acc[written..live].fill(0);
        }
    }
}

/// The home of a key in [`Model`]'s index of dense rows (`2^(32 - shift)`
/// entries): the top bits of the key times an odd constant (Fibonacci
/// hashing: keys that differ in any bit spread, and the tests use small
/// keys), a multiply and a shift. The index is built and read with this
/// one function, so every key finds its row.
#[inline(always)]
fn hot_home(key: u32, shift: u32) -> usize {
    (u64::from(key.wrapping_mul(0x9e37_79b1)) >> shift) as usize
}

/// Ask for the cache line of address `p` (any address: a prefetch reads
/// nothing into the program and cannot fault; nothing on other targets).
#[inline(always)]
fn prefetch_ptr<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing into the program and cannot fault,
    // whatever the address; SSE, which it needs, is part of every x86_64 target.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Append `v` as LEB128.
fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// FNV-1a over bytes (the model file checksum).
fn fnv_bytes(bytes: &[u8]) -> u64 {
    // Same function as for strings; bytes need not be UTF-8.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    debug_assert_eq!(hash_str(""), 0xcbf2_9ce4_8422_2325);
    h
}

/// A cursor over a model file.
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.take(2)
            .map(|b| u16::from_le_bytes(b.try_into().unwrap()))
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap()))
    }
    /// A LEB128 integer of at most ten bytes.
    pub(crate) fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Model {
        let mut p = Averaged::new(3);
        for _ in 0..5 {
            p.tick();
            p.update(&[1, 2], 0, 1);
            p.tick();
            p.update(&[3], 2, 0);
        }
        p.freeze(
            "tagger",
            vec!["a".into(), "b".into(), "c".into()],
            vec![7, 8],
            1,
        )
    }

    #[test]
    fn round_trip_and_scores() {
        let m = toy();
        let bytes = m.to_bytes();
        let back = Model::from_bytes("toy", "tagger", &bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.extra(), &[7, 8]);
        let mut s = [0i32; 3];
        back.score(&[1], &mut s, &mut ScoreBuffers::default());
        assert!(s[0] > 0 && s[1] < 0, "{s:?}");
    }

    /// The open-addressing table finds every row (of one weight, two, more
    /// than fit in a slot, or enough to be dense) and no row for a key the
    /// model lacks; the bytes survive a round trip.
    #[test]
    fn the_table_scores_as_the_rows_say() {
        use std::collections::BTreeMap;
        let mut rows: BTreeMap<u32, Vec<(u8, i16)>> = BTreeMap::new();
        let mut x = 12345u64;
        let mut next = || {
            x = super::super::features::mix(x, 1);
            x
        };
        for _ in 0..5000 {
            let key = next() as u32;
            let len = 1 + (next() % 5) as usize;
            let row = (0..len)
                .map(|c| (c as u8 * 3, (next() % 4000) as i16 - 2000))
                .map(|(c, w)| (c, if w == 0 { 1 } else { w }))
                .collect();
            rows.insert(key, row);
        }
        let mut m = Model::empty("tagger", (0..16).map(|c| c.to_string()).collect(), vec![]);
        for (k, row) in &rows {
            m.push_row(*k, row);
        }
        m.index();
        let back = Model::from_bytes("toy", "tagger", &m.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), m.to_bytes());
        assert_eq!(back.n_weights(), rows.values().map(Vec::len).sum::<usize>());
        let (mut scores, mut buf) = (vec![0i32; 16], ScoreBuffers::default());
        for (k, row) in rows.iter().take(500) {
            // A feature whose fold is the key: the key itself (high bits zero).
            back.score(&[u64::from(*k)], &mut scores, &mut buf);
            let mut want = vec![0i32; 16];
            for &(c, w) in row {
                want[usize::from(c)] += i32::from(w);
            }
            assert_eq!(scores, want, "key {k}");
        }
        let absent = (0..u32::MAX).find(|k| !rows.contains_key(k)).unwrap();
        back.score(&[u64::from(absent)], &mut scores, &mut buf);
        assert!(scores.iter().all(|&s| s == 0), "key {absent} has no row");
    }

    /// Rows far from their homes (a run of keys that share one home, keys
    /// at the very top, next to keys the model lacks): every row is found
    /// with its weights, every key between them finds nothing, and the
    /// file round-trips (rows in key order, gaps skipped).
    #[test]
    fn rows_displaced_from_their_homes_are_found() {
        let mut keys: Vec<u32> = (0..300u32).map(|k| k * 2).collect();
        keys.extend((1..=300u32).map(|k| u32::MAX - 2 * (300 - k)));
        keys.extend((0..200u32).map(|k| 0x8000_0000 + k * 3));
        keys.sort_unstable();
        let mut m = Model::empty("tagger", (0..16).map(|c| c.to_string()).collect(), vec![]);
        let row_of = |k: u32| vec![((k % 16) as u8, 1 + (k % 1000) as i16)];
        for &k in &keys {
            m.push_row(k, &row_of(k));
        }
        m.index();
        assert_eq!(m.n_features(), keys.len());
        let back = Model::from_bytes("toy", "tagger", &m.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), m.to_bytes());
        let (mut scores, mut buf) = (vec![0i32; 16], ScoreBuffers::default());
        for &k in &keys {
            for (probe, present) in [(k, true), (k ^ 1, keys.contains(&(k ^ 1)))] {
                back.score(&[u64::from(probe)], &mut scores, &mut buf);
                let mut want = vec![0i32; 16];
                if present {
                    for (c, w) in row_of(probe) {
                        want[usize::from(c)] += i32::from(w);
                    }
                }
                assert_eq!(scores, want, "key {probe:#x}");
            }
        }
    }

    /// The index of dense rows of the shipped models holds exactly the
    /// keys of their dense rows, each with its row; a key of another
    /// row, or of none, is not in it.
    #[test]
    fn the_index_of_dense_rows_holds_their_keys() {
        for (kind, bytes) in [
            ("tagger", crate::syntax::TAGGER_MODEL),
            ("parser", crate::syntax::PARSER_MODEL),
        ] {
            let m = Model::from_bytes(kind, kind, bytes).unwrap();
            let mut n_dense = 0;
            for (j, key) in m.full_slots() {
                let slot = m.slots[j as usize];
                let want = ((slot >> KIND_SHIFT) & 3 == KIND_DENSE)
                    .then_some(((slot & PAYLOAD) >> 8) as u32);
                assert_eq!(m.dense_row(key), want, "{kind}: key {key:#x}");
                n_dense += usize::from(want.is_some());
                if m.find_from(m.home(key ^ 1), key ^ 1) as usize == m.slots.len() - 1 {
                    assert_eq!(m.dense_row(key ^ 1), None, "{kind}: key {:#x}", key ^ 1);
                }
            }
            assert!(n_dense > 1000, "{kind}: {n_dense} dense rows");
            assert!(
                m.hot.len() >= 2 * n_dense,
                "{kind}: {} entries",
                m.hot.len()
            );
        }
    }

    /// `add_dense` by AVX2 (where the processor has it) and by SSE2 blocks
    /// give the plain sums, for no rows, one batch, a batch and one more,
    /// many batches, and totals asked of fewer classes than the model
    /// has, all of them, and the padded width; and both leave the
    /// accumulator zero.
    #[test]
    fn dense_sums_by_avx2_as_by_sse2() {
        for classes in [8usize, 63, 64, 65, 102, 103, 200] {
            let stride = classes.next_multiple_of(8);
            let n_rows = 40;
            let mut dense = vec![0i16; n_rows * stride + DENSE_BLOCK_AVX2];
            let mut x = classes as u64;
            for r in 0..n_rows {
                for c in 0..classes {
                    x = crate::syntax::features::mix(x, (r * 1000 + c) as u64);
                    dense[r * stride + c] = (x % 4095) as i16 - 2047;
                }
            }
            for n in [0usize, 1, 16, 17, 40] {
                let rows: Vec<u32> = (0..n as u32).map(|r| (r * 7) % n_rows as u32).collect();
                for width in [classes / 2, classes, stride] {
                    let sparse: Vec<i32> = (0..classes as i32).map(|c| c * 3 - 50).collect();
                    let mut want = vec![0i32; width];
                    for (c, w) in want.iter_mut().enumerate() {
                        *w = sparse.get(c).copied().unwrap_or(0)
                            + rows
                                .iter()
                                .map(|&r| i32::from(dense[r as usize * stride + c]))
                                .sum::<i32>();
                    }
                    let fresh = || {
                        let mut acc = [0i32; 256];
                        acc[..classes].copy_from_slice(&sparse);
                        acc
                    };
                    let case = format!("{classes} classes, {n} rows, {width} asked");
                    let (mut acc, mut out) = (fresh(), vec![7i32; width]);
                    add_dense_blocks::<DENSE_BLOCK>(
                        &dense, stride, classes, &rows, &mut acc, &mut out,
                    );
                    assert_eq!(out, want, "SSE2 blocks, {case}");
                    assert!(acc.iter().all(|&a| a == 0), "SSE2 blocks, {case}");
                    let (mut acc, mut out) = (fresh(), vec![7i32; width]);
                    add_dense(&dense, stride, classes, &rows, &mut acc, &mut out);
                    assert_eq!(out, want, "add_dense, {case}");
                    assert!(acc.iter().all(|&a| a == 0), "add_dense, {case}");
                }
            }
        }
    }

    /// Every row's home has its bit in `sparse_homes` unless the row is
    /// dense (so no key with a row is turned away), and most other keys
    /// are turned away, in the two shipped models.
    #[test]
    fn sparse_homes_hold_every_sparse_row() {
        let models = [
            Model::from_bytes("tagger", "tagger", crate::syntax::TAGGER_MODEL).unwrap(),
            Model::from_bytes("parser", "parser", crate::syntax::PARSER_MODEL).unwrap(),
        ];
        for m in &models {
            let mut turned_away = 0;
            for (j, key) in m.full_slots() {
                let dense = (m.slots[j as usize] >> KIND_SHIFT) & 3 == KIND_DENSE;
                assert!(dense || m.may_have_sparse_row(key), "key {key} turned away");
                // A key of no row, most likely (keys are hashes).
                let other = crate::syntax::features::mix(u64::from(key), 1) as u32;
                turned_away += usize::from(!m.may_have_sparse_row(other));
            }
            assert!(
                turned_away * 2 > m.n_features(),
                "{turned_away} turned away"
            );
        }
    }

    /// Many dense rows at once (more than one 16-bit batch, weights at
    /// the extremes, so a batch's sums come near overflow), over more
    /// classes than one block of `add_dense`, and the last row of the
    /// table: the scores are the plain sums of the rows' weights.
    #[test]
    fn dense_rows_sum_exactly() {
        for n_classes in [8usize, 64, 65, 103, 200] {
            let mut m = Model::empty(
                "parser",
                (0..n_classes).map(|c| c.to_string()).collect(),
                vec![],
            );
            let mut rows = Vec::new();
            for key in 1..=40u32 {
                let row: Vec<(u8, i16)> = (0..n_classes)
                    .filter(|c| (c + key as usize) % 3 != 0)
                    .map(|c| {
                        let w = if (c + key as usize) % 2 == 0 {
                            2047
                        } else {
                            -2047
                        };
                        (c as u8, if key % 5 == 0 { (c as i16 % 7) + 1 } else { w })
                    })
                    .collect();
                m.push_row(key, &row);
                rows.push(row);
            }
            m.index();
            let feats: Vec<u64> = (1..=40u64).chain([7, 40, 40, 99]).collect();
            let mut want = vec![0i32; n_classes];
            for &f in &feats {
                if let Some(row) = rows.get(f as usize - 1) {
                    for &(c, w) in row {
                        want[usize::from(c)] += i32::from(w);
                    }
                }
            }
            let (mut scores, mut buf) = (vec![0i32; n_classes], ScoreBuffers::default());
            m.score(&feats, &mut scores, &mut buf);
            assert_eq!(scores, want, "{n_classes} classes");
        }
    }

    #[test]
    fn damaged_files_are_errors() {
        let bytes = toy().to_bytes();
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("empty", vec![], "not a kgx syntax model"),
            ("truncated", bytes[..bytes.len() - 3].to_vec(), "checksum"),
            (
                "flipped",
                {
                    let mut b = bytes.clone();
                    b[20] ^= 1;
                    b
                },
                "checksum",
            ),
        ];
        for (case, input, want) in cases {
            let err = Model::from_bytes("toy", "tagger", &input)
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "case {case}: {err}");
        }
        let err = Model::from_bytes("toy", "parser", &bytes)
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected a \"parser\" model"), "{err}");
        // Rows whose classes are not ascending, or with a weight of zero:
        // no model `freeze` writes has them, and a dense row could not keep
        // them (64 classes: these short rows stay sparse, as written).
        let rows = [
            (
                "descending",
                &[(3u8, 5i16), (1, 7)][..],
                "class 1 out of order",
            ),
            (
                "repeated",
                &[(2, 5), (2, 7), (4, 1)][..],
                "class 2 out of order",
            ),
            ("zero", &[(2, 0)][..], "weight 0 out of range"),
            ("ascending", &[(1, 5), (2, -7), (4, 1)][..], ""),
        ];
        for (case, row, want) in rows {
            let mut m = Model::empty("tagger", (0..64).map(|c| c.to_string()).collect(), vec![]);
            m.push_row(9, row);
            m.index();
            match Model::from_bytes("toy", "tagger", &m.to_bytes()) {
                Ok(_) => assert!(want.is_empty(), "case {case}: read back"),
                Err(e) => assert!(
                    !want.is_empty() && e.to_string().contains(want),
                    "case {case}: {e}"
                ),
            }
        }
    }
}
