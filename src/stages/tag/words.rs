//! Words of the normalised text: the runs of word characters a match can start with.

use std::ops::Range;

#[cfg(target_arch = "x86_64")]
use crate::text::tokens::alnum32_avx2;
use crate::text::tokens::alnum_high16;
use crate::text::{is_word_char, Normalized};

/// ASCII bytes that are word characters (letters and digits), as a table.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Whether the char starting at byte `i` of `s` is a word character, and its length.
#[inline]
fn word_char_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (ASCII_WORD[b as usize], 1)
    } else {
        // A char starts at every byte the scan stops on (it moves by whole chars).
        let c = s[i..].chars().next().expect("a char at a char boundary");
        (is_word_char(c), c.len_utf8())
    }
}

/// The first word (maximal run of word characters) of `s` at or after byte
/// `from`, where `from` is 0 or the char before it is not a word character
/// or the char at it is not one (so a word found there starts there).
/// ASCII is classified by a table, without decoding: in "  al-Assad" the
/// words are 2..4 and 5..10.
///
/// The tagger's scan goes by [`WordBits`] instead (the same words); this is
/// for short stretches of text (`stages/compose.rs`). Always inlined: whether
/// LLVM inlines it under a plain `#[inline]` changed with unrelated code
/// elsewhere in the crate.
#[inline(always)]
pub(crate) fn next_word(s: &str, from: usize) -> Option<Range<usize>> {
    let len = s.len();
    let mut i = from;
    loop {
        if i >= len {
            return None;
        }
        let (word, n) = word_char_at(s, i);
        if word {
            break;
        }
        i += n;
    }
    let start = i;
    while i < len {
        let (word, n) = word_char_at(s, i);
        if !word {
            break;
        }
        i += n;
    }
    Some(start..i)
}

/// Which bytes of a text belong to words: one bit a byte, set for every
/// byte of every word character (Unicode alphanumeric), so the words are
/// exactly the maximal runs of set bits.
///
/// Made in one pass over the text, 32 bytes at a time with AVX2 where the
/// processor has it, else sixteen (SSE2, part of every x86_64 target): ASCII is
/// classified by range tests on the whole block at once, and only the
/// non-ASCII characters are decoded one by one. The tagger's scan then goes
/// from word to word by finding set and clear bits (`trailing_zeros`), a
/// few instructions a word, where [`next_word`] reads every byte.
pub(crate) struct WordBits {
    /// Bit `i % 64` of `bits[i / 64]` is byte `i`; there is always a clear
    /// bit at the text's length (`len / 64 + 1` words), so a word's end is
    /// found without a bounds test.
    bits: Vec<u64>,
}

impl WordBits {
    /// The word bits of `s`.
    pub(crate) fn new(s: &str) -> WordBits {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2.
            return unsafe { WordBits::new_avx2(s) };
        }
        WordBits::build(s, block_masks)
    }

    /// [`WordBits::new`] with AVX2: 32 bytes a compare ([`block_masks_avx2`]).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn new_avx2(s: &str) -> WordBits {
        WordBits::build(s, |block| block_masks_avx2(block))
    }

    /// [`WordBits::new`], each block's masks by `block_masks`.
    #[inline(always)]
    fn build(s: &str, block_masks: impl Fn(&[u8; 64]) -> (u64, u64)) -> WordBits {
        let bytes = s.as_bytes();
        let mut bits = vec![0u64; bytes.len() / 64 + 1];
        let mut blocks = bytes.chunks_exact(64);
        let mut k = 0;
        for block in &mut blocks {
            let block: &[u8; 64] = block.try_into().expect("64 bytes");
            let (word, high) = block_masks(block);
            bits[k] |= word;
            if high != 0 {
                mark_non_ascii(s, &mut bits, k * 64, high);
            }
            k += 1;
        }
        let rest = blocks.remainder();
        if !rest.is_empty() {
            // Zero bytes are neither word characters nor non-ASCII.
            let mut block = [0u8; 64];
            block[..rest.len()].copy_from_slice(rest);
            let (word, high) = block_masks(&block);
            bits[k] |= word;
            if high != 0 {
                mark_non_ascii(s, &mut bits, k * 64, high);
            }
        }
        WordBits { bits }
    }

    /// The first word (maximal run of word characters) at or after byte
    /// `from`, under the conditions of [`next_word`], which it agrees with
    /// (the tests' reference for [`Starts`]).
    #[cfg(test)]
    pub(crate) fn next_word(&self, from: usize) -> Option<Range<usize>> {
        let mut k = from / 64;
        let mut w = *self.bits.get(k)? & (!0u64 << (from % 64));
        while w == 0 {
            k += 1;
            w = *self.bits.get(k)?;
        }
        let start = k * 64 + w.trailing_zeros() as usize;
        // The clear bit at the text's length ends the last word.
        let mut w = !self.bits[k] & (!0u64 << (start % 64));
        while w == 0 {
            k += 1;
            w = !self.bits[k];
        }
        Some(start..k * 64 + w.trailing_zeros() as usize)
    }
}

impl WordBits {
    /// The word starts from byte `from` on (under the conditions of
    /// [`next_word`]) that a scan reads: see [`Starts`].
    #[cfg(test)]
    pub(crate) fn starts<'a, F: FnMut(usize) -> bool>(
        &'a self,
        lower: &'a LowerBits,
        keep_lower: F,
    ) -> Starts<'a, F> {
        self.starts_led(lower, None, keep_lower)
    }

    /// [`WordBits::starts`], where `keep_lower` is asked only of the
    /// lower-case starts that `leads` (with the text `hay` these bits are
    /// of) lets through: `keep_lower` must say no wherever `leads` does.
    pub(crate) fn starts_led<'a, F: FnMut(usize) -> bool>(
        &'a self,
        lower: &'a LowerBits,
        leads: Option<(&'a [u8], &'a LeadBytes)>,
        keep_lower: F,
    ) -> Starts<'a, F> {
        let mut starts = Starts {
            bits: &self.bits,
            lower: &lower.bits,
            leads,
            keep_lower,
            k: 0,
            cand: 0,
        };
        starts.load(0, 0);
        starts
    }

    /// The end of the word starting at byte `start` (a word start).
    #[inline(always)]
    pub(crate) fn word_end(&self, start: usize) -> usize {
        let mut k = start / 64;
        // The clear bit at the text's length ends the last word.
        let mut w = !self.bits[k] & (!0u64 << (start % 64));
        while w == 0 {
            k += 1;
            w = !self.bits[k];
        }
        k * 64 + w.trailing_zeros() as usize
    }
}

/// A cursor over the word starts a scan reads, left to right: every word
/// start (a byte whose word bit is set and the bit before it clear), but
/// a word whose first byte is set in the [`LowerBits`] only where
/// `keep_lower(start)` says so. The starts of 64 bytes are told at once
/// when the cursor reaches them; a word passed over costs a few
/// instructions and its end is never looked for.
pub(crate) struct Starts<'a, F> {
    bits: &'a [u64],
    lower: &'a [u64],
    /// The text and a filter asked of a block's lower-case starts before
    /// `keep_lower` ([`WordBits::starts_led`]).
    leads: Option<(&'a [u8], &'a LeadBytes)>,
    keep_lower: F,
    /// The block of 64 bytes the cursor is in.
    k: usize,
    /// The starts still to give in block `k`.
    cand: u64,
}

impl<F: FnMut(usize) -> bool> Starts<'_, F> {
    /// Put the cursor in block `k`, at its byte `from` (0 to 63).
    #[inline(always)]
    fn load(&mut self, k: usize, from: u32) {
        self.k = k;
        let Some(&w) = self.bits.get(k) else {
            self.cand = 0;
            return;
        };
        let before = if k == 0 { 0 } else { self.bits[k - 1] >> 63 };
        let starts = w & !(w << 1 | before) & (!0u64 << from);
        let low = self.lower[k];
        let mut cand = starts & !low;
        let mut lows = starts & low;
        if lows != 0 {
            if let Some((hay, leads)) = self.leads {
                lows &= leads.mask(hay, k);
            }
        }
        while lows != 0 {
            let b = lows.trailing_zeros();
            lows &= lows - 1;
            if (self.keep_lower)(k * 64 + b as usize) {
                cand |= 1 << b;
            }
        }
        self.cand = cand;
    }

    /// The next start the scan reads.
    #[inline(always)]
    pub(crate) fn next_start(&mut self) -> Option<usize> {
        while self.cand == 0 {
            if self.k + 1 >= self.bits.len() {
                return None;
            }
            self.load(self.k + 1, 0);
        }
        let b = self.cand.trailing_zeros();
        self.cand &= self.cand - 1;
        Some(self.k * 64 + b as usize)
    }

    /// Go on from byte `from` (at or after the last start given, where no
    /// word starts inside a word: a word's or a match's end).
    #[inline(always)]
    pub(crate) fn skip_to(&mut self, from: usize) {
        let k = from / 64;
        let b = (from % 64) as u32;
        if k == self.k {
            self.cand &= !0u64 << b;
        } else {
            self.load(k, b);
        }
    }
}

/// A filter on the first two bytes of words, by their low five bits: a
/// word may pass when the low five bits of its first byte are in one set
/// and those of its second (0 past the text's end) in another. Told for 64
/// bytes at once ([`LeadBytes::mask`]) with AVX2 table lookups where the
/// processor has them. The tagger builds it from its `LowerLeads` set of
/// pairs (`stages::tag`): the firsts and the seconds of the pairs, so that
/// every pair of the set passes and most lower-case words do not.
#[derive(Clone, Debug, Default)]
pub(crate) struct LeadBytes {
    /// The low five bits a first byte may have.
    first: u32,
    /// The low five bits a second byte may have.
    second: u32,
    /// `first` and `second` as `pshufb` tables: per set, the entries for
    /// 0 to 15 then those for 16 to 31 (0xFF where in the set), each twice
    /// (one copy a 128-bit lane).
    tables: [[[u8; 32]; 2]; 2],
}

impl LeadBytes {
    /// The filter of the sets `first` and `second` (bit `i` for low five bits `i`).
    pub(crate) fn new(first: u32, second: u32) -> LeadBytes {
        let table = |set: u32| {
            let mut t = [[0u8; 32]; 2];
            for i in 0..32 {
                if set >> i & 1 != 0 {
                    t[i / 16][i % 16] = 0xFF;
                    t[i / 16][16 + i % 16] = 0xFF;
                }
            }
            t
        };
        LeadBytes {
            first,
            second,
            tables: [table(first), table(second)],
        }
    }

    /// Bit `p` set where byte `64 k + p` of `hay` may start a word that
    /// passes: its low five bits in the first set, and the next byte's
    /// (0 past the end of `hay`) in the second; bit 63 passes the second
    /// test (the next byte is the next block's). Bytes past `hay` are read
    /// as 0.
    #[inline]
    pub(crate) fn mask(&self, hay: &[u8], k: usize) -> u64 {
        let from = (k * 64).min(hay.len());
        let block: [u8; 64] = match hay[from..].first_chunk::<64>() {
            Some(b) => *b,
            None => {
                let mut b = [0u8; 64];
                b[..hay.len() - from].copy_from_slice(&hay[from..]);
                b
            }
        };
        let (first, second) = self.masks(&block);
        first & (second >> 1 | 1 << 63)
    }

    /// Per byte of `block`: whether its low five bits are in the first set,
    /// and whether in the second.
    #[inline]
    fn masks(&self, block: &[u8; 64]) -> (u64, u64) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2.
            return unsafe { self.masks_avx2(block) };
        }
        self.masks_by_bytes(block)
    }

    /// [`LeadBytes::masks`] one byte at a time: the other targets' way and
    /// the tests' reference.
    fn masks_by_bytes(&self, block: &[u8; 64]) -> (u64, u64) {
        block.iter().enumerate().fold((0, 0), |(f, s), (i, &b)| {
            let low = u32::from(b & 31);
            (
                f | u64::from(self.first >> low & 1) << i,
                s | u64::from(self.second >> low & 1) << i,
            )
        })
    }

    /// [`LeadBytes::masks`] with AVX2: per 32 bytes and set, two `pshufb`
    /// lookups by the low four bits, one chosen by the fifth bit.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn masks_avx2(&self, block: &[u8; 64]) -> (u64, u64) {
        use std::arch::x86_64::{
            __m256i, _mm256_and_si256, _mm256_blendv_epi8, _mm256_cmpeq_epi8, _mm256_loadu_si256,
            _mm256_movemask_epi8, _mm256_set1_epi8, _mm256_shuffle_epi8,
        };
        // SAFETY: each load reads 32 bytes of `block` or of a table (unaligned).
        let load = |p: &[u8; 32]| unsafe { _mm256_loadu_si256(p.as_ptr().cast::<__m256i>()) };
        let halves = [
            load(block[..32].try_into().expect("32 bytes")),
            load(block[32..].try_into().expect("32 bytes")),
        ];
        let mut out = [0u64; 2];
        for (set, out) in out.iter_mut().enumerate() {
            let [low, high] = &self.tables[set];
            let (low, high) = (load(low), load(high));
            for (h, v) in halves.iter().enumerate() {
                let index = _mm256_and_si256(*v, _mm256_set1_epi8(15));
                let fifth = _mm256_and_si256(*v, _mm256_set1_epi8(16));
                let fifth = _mm256_cmpeq_epi8(fifth, _mm256_set1_epi8(16));
                let hit = _mm256_blendv_epi8(
                    _mm256_shuffle_epi8(low, index),
                    _mm256_shuffle_epi8(high, index),
                    fifth,
                );
                *out |= u64::from(_mm256_movemask_epi8(hit) as u32) << (32 * h);
            }
        }
        (out[0], out[1])
    }
}

/// Which bytes of a normalised text come from an ASCII lower-case letter of
/// the original (`a` to `z`, in a piece of the view that maps byte for byte
/// onto the original; other bytes are clear): one bit a byte, laid out as
/// [`WordBits`]. A word starting at such a byte starts, in the original,
/// with a lower-case letter, which a form whose case rule wants a capital
/// there cannot match (`CasePolicy::may_accept_lower_initial`).
pub(crate) struct LowerBits {
    /// `hay.len() / 64 + 1` words, as [`WordBits::bits`].
    bits: Vec<u64>,
}

impl LowerBits {
    /// The lower-case bits of `norm` (the normalised view of `text`): for
    /// each piece that maps byte for byte, the original's bytes 64 at a time
    /// (32 a compare with AVX2 where the processor has it, else sixteen with
    /// SSE2), put at the piece's normalised place.
    pub(crate) fn new(text: &str, norm: &Normalized) -> LowerBits {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2.
            return unsafe { LowerBits::new_avx2(text, norm) };
        }
        LowerBits::build(text, norm, lower_mask)
    }

    /// [`LowerBits::new`] with AVX2: 32 bytes a compare ([`lower_mask_avx2`]).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn new_avx2(text: &str, norm: &Normalized) -> LowerBits {
        LowerBits::build(text, norm, |block| lower_mask_avx2(block))
    }

    /// [`LowerBits::new`], each block's mask by `lower_mask`.
    #[inline(always)]
    fn build(text: &str, norm: &Normalized, lower_mask: impl Fn(&[u8; 64]) -> u64) -> LowerBits {
        let mut bits = vec![0u64; norm.len() / 64 + 1];
        let src = text.as_bytes();
        for (n0, o0, len) in norm.linear_pieces() {
            let mut j = 0;
            while j < len {
                let take = (len - j).min(64);
                let o = o0 + j;
                let m = match src.get(o..o + 64) {
                    Some(b) => lower_mask(b.try_into().expect("64 bytes")),
                    None => {
                        let mut buf = [0u8; 64];
                        buf[..take].copy_from_slice(&src[o..o + take]);
                        lower_mask(&buf)
                    }
                };
                let m = if take < 64 {
                    m & ((1u64 << take) - 1)
                } else {
                    m
                };
                let (k, sh) = ((n0 + j) / 64, (n0 + j) % 64);
                bits[k] |= m << sh;
                if sh != 0 && m >> (64 - sh) != 0 {
                    bits[k + 1] |= m >> (64 - sh);
                }
                j += 64;
            }
        }
        LowerBits { bits }
    }

    /// Bits set nowhere: every word is read (for the tests' reference scan).
    #[cfg(test)]
    pub(crate) fn none(len: usize) -> LowerBits {
        LowerBits {
            bits: vec![0; len / 64 + 1],
        }
    }
}

/// Which of 64 bytes are ASCII lower-case letters.
#[inline(always)]
fn lower_mask(block: &[u8; 64]) -> u64 {
    let mut m = 0u64;
    for (i, sixteen) in block.chunks_exact(16).enumerate() {
        m |= u64::from(lower16(sixteen.try_into().expect("16 bytes"))) << (16 * i);
    }
    m
}

/// [`lower_mask`] with AVX2, 32 bytes a compare: the test of [`lower16`].
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "avx2")]
fn lower_mask_avx2(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8, _mm256_movemask_epi8,
        _mm256_set1_epi8, _mm256_sub_epi8,
    };
    let half = |h: usize| {
        // SAFETY: the load reads bytes 32 h to 32 h + 32 of the block (unaligned).
        let v = unsafe { _mm256_loadu_si256(block.as_ptr().add(32 * h).cast::<__m256i>()) };
        let d = _mm256_sub_epi8(v, _mm256_set1_epi8(b'a' as i8));
        let m = _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(25)), d);
        u64::from(_mm256_movemask_epi8(m) as u32)
    };
    half(0) | half(1) << 32
}

/// [`block_masks`] with AVX2, 32 bytes a compare: the tests of
/// [`alnum_high16`] (letters and digits; bytes from 0x80 up).
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "avx2")]
fn block_masks_avx2(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{__m256i, _mm256_loadu_si256, _mm256_movemask_epi8};
    let (lo, hi) = block.split_at(32);
    let (lo, hi): (&[u8; 32], &[u8; 32]) = (
        lo.try_into().expect("32 bytes"),
        hi.try_into().expect("32 bytes"),
    );
    // SAFETY: each load reads the 32 bytes of one half (unaligned).
    let high = |h: &[u8; 32]| unsafe {
        _mm256_movemask_epi8(_mm256_loadu_si256(h.as_ptr().cast::<__m256i>())) as u32
    };
    let word = u64::from(alnum32_avx2(lo)) | u64::from(alnum32_avx2(hi)) << 32;
    (word, u64::from(high(lo)) | u64::from(high(hi)) << 32)
}

/// [`lower_mask`] for sixteen bytes, with SSE2: `b - b'a'` (wrapping) at most 25.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn lower16(b: &[u8; 16]) -> u16 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_set1_epi8,
        _mm_sub_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 target, and the load reads the
    // sixteen bytes of `b` (unaligned).
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr().cast());
        let d = _mm_sub_epi8(v, _mm_set1_epi8(b'a' as i8));
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(25)), d)) as u16
    }
}

/// [`lower_mask`] for sixteen bytes, one at a time.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn lower16_by_bytes(b: &[u8; 16]) -> u16 {
    b.iter()
        .enumerate()
        .fold(0, |m, (i, x)| m | u16::from(x.is_ascii_lowercase()) << i)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn lower16(b: &[u8; 16]) -> u16 {
    lower16_by_bytes(b)
}

/// Set the bits of the non-ASCII word characters that start in the block at
/// byte `at` of `s` (`high` marks the block's bytes of 0x80 and above); a
/// character may reach into the next block.
#[cold]
#[inline(never)]
fn mark_non_ascii(s: &str, bits: &mut [u64], at: usize, mut high: u64) {
    let bytes = s.as_bytes();
    while high != 0 {
        let i = at + high.trailing_zeros() as usize;
        high &= high - 1;
        // Continuation bytes belong to the character started before them.
        if bytes[i] & 0xC0 == 0x80 {
            continue;
        }
        let c = s[i..].chars().next().expect("a char starts here");
        if is_word_char(c) {
            for j in i..i + c.len_utf8() {
                bits[j / 64] |= 1 << (j % 64);
            }
        }
    }
}

/// For a block of 64 bytes: which are ASCII word characters, and which are
/// 0x80 or above.
#[inline(always)]
fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    let (mut word, mut high) = (0u64, 0u64);
    for (i, sixteen) in block.chunks_exact(16).enumerate() {
        let (w, h) = alnum_high16(sixteen.try_into().expect("16 bytes"));
        word |= u64::from(w) << (16 * i);
        high |= u64::from(h) << (16 * i);
    }
    (word, high)
}

/// [`block_masks`] for sixteen bytes by [`ASCII_WORD`], one byte at a time:
/// the tests hold the token layer's [`alnum_high16`] to it (the tagger's word
/// bytes are the ASCII letters and digits).
#[cfg(test)]
fn masks16_by_table(b: &[u8; 16]) -> (u16, u16) {
    let (mut word, mut high) = (0u16, 0u16);
    for (i, &x) in b.iter().enumerate() {
        if x < 0x80 {
            word |= u16::from(ASCII_WORD[x as usize]) << i;
        } else {
            high |= 1 << i;
        }
    }
    (word, high)
}

/// The leading word of a form (its bytes up to the first non-word character).
pub(super) fn leading_word(form: &[u8]) -> &[u8] {
    let s = std::str::from_utf8(form).expect("forms are UTF-8");
    let end = s
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(s.len(), |(i, _)| i);
    &form[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vector masks are the byte-by-byte ones, for every byte value at
    /// every place of a block, for sets dense and sparse; a block past the
    /// text's end reads zeros.
    #[test]
    fn lead_masks_as_by_bytes() {
        for (first, second) in [
            (1u32 << 20, 1 << 8),
            (0x0ff0_f00f, 0xf0f0_0ff1),
            (!0, 0),
            (0, !0),
        ] {
            let leads = LeadBytes::new(first, second);
            for b in 0..=255u8 {
                for k in 0..64 {
                    let mut block: [u8; 64] = std::array::from_fn(|i| (i as u8).wrapping_mul(37));
                    block[k] = b;
                    assert_eq!(
                        leads.masks(&block),
                        leads.masks_by_bytes(&block),
                        "byte {b:#x} at {k}, sets {first:#x} {second:#x}"
                    );
                }
            }
            let hay = b"the talks";
            let (f, s) =
                leads.masks_by_bytes(&std::array::from_fn(|i| *hay.get(64 + i).unwrap_or(&0)));
            assert_eq!(leads.mask(hay, 1), f & (s >> 1 | 1 << 63), "past the end");
        }
    }

    #[test]
    fn words_of_text() {
        let s = "  al-Assad, 3.5 caf\u{e9}\u{301} \u{201c}x\u{201d}";
        let mut got = Vec::new();
        let mut at = 0;
        while let Some(w) = next_word(s, at) {
            got.push(&s[w.clone()]);
            at = w.end;
        }
        assert_eq!(got, ["al", "Assad", "3", "5", "caf\u{e9}", "x"]);
    }

    proptest::proptest! {
        /// The words are the maximal runs of word characters (the spec,
        /// char by char), whatever mix of ASCII and other chars.
        #[test]
        fn words_are_maximal_runs(text in "([a-z0-9]{1,11}|[ .,'-]|\u{e9}|\u{301}|\u{2019}|\u{4e2d}|\u{660}){0,20}") {
            let mut got = Vec::new();
            let mut at = 0;
            while let Some(w) = next_word(&text, at) {
                got.push(w.clone());
                at = w.end;
            }
            let mut want = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                match (is_word_char(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        want.push(s..i);
                        start = None;
                    }
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(got, want, "text {:?}", text);
        }
    }

    /// The AVX2 block masks are the SSE2 ones, for every byte value at
    /// every place of a block.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_block_masks_as_sse2() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        for b in 0..=255u8 {
            for k in 0..64 {
                let mut block: [u8; 64] = std::array::from_fn(|i| (i as u8).wrapping_mul(61));
                block[k] = b;
                // SAFETY: the processor has AVX2.
                let (fast, lower) = unsafe { (block_masks_avx2(&block), lower_mask_avx2(&block)) };
                assert_eq!(fast, block_masks(&block), "byte {b:#x} at {k}");
                assert_eq!(lower, lower_mask(&block), "byte {b:#x} at {k}");
            }
        }
    }

    #[test]
    fn block_masks_agree_with_the_table() {
        for first in (0..=255u8).step_by(16) {
            let b: [u8; 16] = std::array::from_fn(|i| first + i as u8);
            assert_eq!(
                alnum_high16(&b),
                masks16_by_table(&b),
                "bytes from {first:#x}"
            );
        }
    }

    proptest::proptest! {
        /// The word bits give the words [`next_word`] gives, from every
        /// start, whatever the mix of ASCII and other characters and
        /// wherever the 64-byte blocks fall.
        #[test]
        fn word_bits_agree_with_next_word(
            text in "([a-zA-Z0-9]{1,11}|[ .,'@`\\[{-]|\u{e9}|\u{301}|\u{2019}|\u{4e2d}|\u{660}|\u{1d400}){0,60}",
        ) {
            let bits = WordBits::new(&text);
            let mut at = 0;
            loop {
                let want = next_word(&text, at);
                proptest::prop_assert_eq!(bits.next_word(at), want.clone(), "text {:?} from {}", text, at);
                match want {
                    Some(w) => at = w.end,
                    None => break,
                }
            }
            // From any char boundary, not only word ends.
            for (i, _) in text.char_indices() {
                proptest::prop_assert_eq!(bits.next_word(i), next_word(&text, i), "text {:?} from {}", text, i);
            }
        }
    }

    proptest::proptest! {
        /// With no lower-case bits the cursor gives every word start, in
        /// order, and `word_end` each word's end, as [`next_word`] finds
        /// them; after `skip_to` a word's or match's end, the starts after it.
        #[test]
        fn starts_are_the_word_starts(
            text in "([a-zA-Z0-9]{1,11}|[ .,'@`\\[{-]|\u{e9}|\u{301}|\u{2019}|\u{4e2d}|\u{660}|\u{1d400}){0,60}",
            skip in 0usize..4,
        ) {
            let bits = WordBits::new(&text);
            let none = LowerBits::none(text.len());
            let mut cursor = bits.starts(&none, |_| false);
            let mut at = 0;
            let mut n = 0;
            while let Some(w) = next_word(&text, at) {
                let start = cursor.next_start();
                proptest::prop_assert_eq!(start, Some(w.start), "text {:?} from {}", text, at);
                proptest::prop_assert_eq!(bits.word_end(w.start), w.end, "text {:?}", text);
                at = w.end;
                n += 1;
                // Now and then jump past the next word, as after a match.
                if n % 4 == skip {
                    if let Some(v) = next_word(&text, at) {
                        at = v.end;
                        cursor.skip_to(at);
                    }
                }
            }
            proptest::prop_assert_eq!(cursor.next_start(), None, "text {:?}", text);
        }

        /// The lower-case bits are the bytes that come from an ASCII
        /// lower-case letter of the original, where the view maps byte for byte.
        #[test]
        fn lower_bits_mark_lower_case_origins(
            text in "([a-zA-Z0-9]{1,30}|[ ]{1,3}|\n\n|\u{e9}|\u{c9}|\u{2019}|\u{201c}|\u{ad}|\u{df}|\u{fb01}){0,40}",
        ) {
            let norm = Normalized::new(&text);
            let lower = LowerBits::new(&text, &norm);
            for i in 0..norm.len() {
                let set = lower.bits[i / 64] >> (i % 64) & 1 != 0;
                if set {
                    let o = norm.origin(i);
                    proptest::prop_assert!(text.as_bytes()[o].is_ascii_lowercase(), "text {:?} byte {}", text, i);
                    proptest::prop_assert_eq!(norm.to_original(i..i + 1), o..o + 1, "text {:?} byte {}", text, i);
                }
            }
            for i in norm.len()..lower.bits.len() * 64 {
                proptest::prop_assert!(lower.bits[i / 64] >> (i % 64) & 1 == 0);
            }
        }
    }

    #[test]
    fn lower_masks_agree_with_the_bytes() {
        for first in (0..=255u8).step_by(16) {
            let b: [u8; 16] = std::array::from_fn(|i| first + i as u8);
            assert_eq!(lower16(&b), lower16_by_bytes(&b), "bytes from {first:#x}");
        }
    }

    #[test]
    fn leading_words_of_forms() {
        assert_eq!(leading_word(b"u.n."), b"u");
        assert_eq!(leading_word(b"the bahamas"), b"the");
        assert_eq!(
            leading_word("s\u{e3}o paulo".as_bytes()),
            "s\u{e3}o".as_bytes()
        );
        assert_eq!(leading_word(b"turkey"), b"turkey");
    }
}
