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
//! | F × (v + 1 + k × (1 + v)) | key minus the previous key (varint; keys ascending), k, then k × (class `u8`, weight as zigzag varint) |
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
        triples.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
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
        model
    }
}

/// A frozen model: quantised sparse rows, looked up by feature key.
#[derive(Clone, Debug)]
pub struct Model {
    kind: String,
    classes: Vec<String>,
    extra: Vec<u8>,
    index: Key32Map<(u32, u16)>,
    keys: Vec<u32>,
    row_class: Vec<u8>,
    row_weight: Vec<i16>,
}

const MAGIC: &[u8; 8] = b"KGXSYN01";

impl Model {
    fn empty(kind: &str, classes: Vec<String>, extra: Vec<u8>) -> Model {
        Model {
            kind: kind.to_string(),
            classes,
            extra,
            index: Key32Map::default(),
            keys: Vec::new(),
            row_class: Vec::new(),
            row_weight: Vec::new(),
        }
    }

    fn push_row(&mut self, key: u32, row: &[(u8, i16)]) {
        let start = self.row_class.len() as u32;
        for &(c, w) in row {
            self.row_class.push(c);
            self.row_weight.push(w);
        }
        self.index.insert(key, (start, row.len() as u16));
        self.keys.push(key);
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
        self.keys.len()
    }

    /// A copy without the weights below `min` in magnitude (features left with none are dropped).
    pub fn prune(&self, min: i16) -> Model {
        let mut out = Model::empty(&self.kind, self.classes.clone(), self.extra.clone());
        let mut row = Vec::new();
        for &k in &self.keys {
            let (start, len) = self.index[&k];
            row.clear();
            for i in start as usize..start as usize + usize::from(len) {
                if self.row_weight[i].unsigned_abs() >= min.unsigned_abs() {
                    row.push((self.row_class[i], self.row_weight[i]));
                }
            }
            if !row.is_empty() {
                out.push_row(k, &row);
            }
        }
        out
    }

    /// Number of weights.
    pub fn n_weights(&self) -> usize {
        self.row_weight.len()
    }

    /// Sum the weights of `feats` into `scores` (one per class, zeroed first).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in feats {
            if let Some(&(start, len)) = self.index.get(&fold(f)) {
                let (s, e) = (start as usize, start as usize + usize::from(len));
                for (c, w) in self.row_class[s..e].iter().zip(&self.row_weight[s..e]) {
                    scores[usize::from(*c)] += i32::from(*w);
                }
            }
        }
    }

    /// The model file's bytes (see the module doc).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.keys.len() * 16);
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
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for &k in &self.keys {
            let (start, len) = self.index[&k];
            put_varint(&mut out, u64::from(k - prev));
            prev = k;
            out.push(len as u8);
            for i in start as usize..start as usize + usize::from(len) {
                out.push(self.row_class[i]);
                let w = i64::from(self.row_weight[i]);
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
        model.keys.reserve(n_feat);
        model.index.reserve(n_feat);
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
                let z = r
                    .varint()
                    .ok_or_else(|| err(r.at, "bad or truncated weight".into()))?;
                let w = ((z >> 1) as i64) ^ -((z & 1) as i64);
                if w.unsigned_abs() > QMAX as u64 {
                    return Err(err(at, format!("weight {w} out of range")));
                }
                row.push((c, w as i16));
            }
            model.push_row(key, &row);
        }
        if r.at != body.len() {
            return Err(err(r.at, "trailing bytes after the last feature".into()));
        }
        Ok(model)
    }
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
        back.score(&[1], &mut s);
        assert!(s[0] > 0 && s[1] < 0, "{s:?}");
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
    }
}
