//! Words of the normalised text: the runs of word characters a match can start with.

use std::ops::Range;

use crate::text::is_word_char;
use crate::text::normalize::ViewBits;

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

/// Which bytes of a normalised view belong to words, and which come from
/// an ASCII lower-case letter of the original: the view's [`ViewBits`],
/// one bit a byte of each kind, made as the view was built
/// (`Normalized::bits`). The words are exactly the maximal runs of set word
/// bits; the tagger's scan goes from word to word by finding set and clear
/// bits (`trailing_zeros`), a few instructions a word, where [`next_word`]
/// reads every byte.
///
/// A word starting at a lower-case byte starts, in the original, with a
/// lower-case letter, which a form whose case rule wants a capital there
/// cannot match (`CasePolicy::may_accept_lower_initial`).
pub(crate) struct WordBits<'a> {
    /// Bit `i % 64` of `bits[i / 64]` is byte `i`; there is always a clear
    /// word bit at the text's length (`len / 64 + 1` entries), so a word's
    /// end is found without a bounds test.
    bits: &'a [ViewBits],
}

impl<'a> WordBits<'a> {
    /// The bits of a view (`Normalized::bits`, or bits laid out the same).
    pub(crate) fn new(bits: &'a [ViewBits]) -> WordBits<'a> {
        WordBits { bits }
    }

    /// The first word (maximal run of word characters) at or after byte
    /// `from`, under the conditions of [`next_word`], which it agrees with
    /// (the tests' reference for [`Starts`]).
    #[cfg(test)]
    pub(crate) fn next_word(&self, from: usize) -> Option<Range<usize>> {
        let mut k = from / 64;
        let mut w = self.bits.get(k)?.word & (!0u64 << (from % 64));
        while w == 0 {
            k += 1;
            w = self.bits.get(k)?.word;
        }
        let start = k * 64 + w.trailing_zeros() as usize;
        Some(start..self.word_end(start))
    }
}

impl<'a> WordBits<'a> {
    /// The word starts from byte `from` on (under the conditions of
    /// [`next_word`]) that a scan reads: see [`Starts`].
    #[cfg(test)]
    pub(crate) fn starts<F: FnMut(usize) -> bool>(&self, keep_lower: F) -> Starts<'a, F> {
        self.starts_led(None, keep_lower)
    }

    /// [`WordBits::starts`], where `keep_lower` is asked only of the
    /// lower-case starts that `leads` (with the text `hay` these bits are
    /// of) lets through: `keep_lower` must say no wherever `leads` does.
    pub(crate) fn starts_led<F: FnMut(usize) -> bool>(
        &self,
        leads: Option<(&'a [u8], &'a LeadBytes)>,
        keep_lower: F,
    ) -> Starts<'a, F> {
        let mut starts = Starts {
            bits: self.bits,
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
        let mut w = !self.bits[k].word & (!0u64 << (start % 64));
        while w == 0 {
            k += 1;
            w = !self.bits[k].word;
        }
        k * 64 + w.trailing_zeros() as usize
    }
}

/// A cursor over the word starts a scan reads, left to right: every word
/// start (a byte whose word bit is set and the bit before it clear), but
/// a word whose first byte's lower-case bit is set only where
/// `keep_lower(start)` says so. The starts of 64 bytes are told at once
/// when the cursor reaches them; a word passed over costs a few
/// instructions and its end is never looked for.
pub(crate) struct Starts<'a, F> {
    bits: &'a [ViewBits],
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
        let Some(&ViewBits {
            word: w,
            lower: low,
        }) = self.bits.get(k)
        else {
            self.cand = 0;
            return;
        };
        let before = if k == 0 {
            0
        } else {
            self.bits[k - 1].word >> 63
        };
        let starts = w & !(w << 1 | before) & (!0u64 << from);
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
    use crate::text::Normalized;

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

    /// The view's bits by their definitions: a word bit for each byte of
    /// each word character of the view; a lower-case bit for each byte of a
    /// piece that maps byte for byte onto the original where the original
    /// byte is an ASCII lower-case letter; `len / 64 + 1` entries.
    fn bits_by_definition(text: &str, norm: &Normalized) -> Vec<ViewBits> {
        let mut bits = vec![ViewBits::default(); norm.len() / 64 + 1];
        for (i, c) in norm.as_str().char_indices() {
            if is_word_char(c) {
                for j in i..i + c.len_utf8() {
                    bits[j / 64].word |= 1 << (j % 64);
                }
            }
        }
        for (n, o, len) in norm.linear_pieces() {
            for j in 0..len {
                if text.as_bytes()[o + j].is_ascii_lowercase() {
                    bits[(n + j) / 64].lower |= 1 << ((n + j) % 64);
                }
            }
        }
        bits
    }

    /// `bits` with every lower-case bit clear: every word is read.
    fn without_lower(bits: &[ViewBits]) -> Vec<ViewBits> {
        bits.iter()
            .map(|b| ViewBits {
                word: b.word,
                lower: 0,
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The bits the normaliser sets as it builds the view are the
        /// definition's, whatever the text: runs of spaces and line breaks
        /// (skipped bytes inside a block), combining marks after an ASCII
        /// letter (which then no longer maps byte for byte), characters
        /// folding to ASCII, to several characters or to other alphabets,
        /// controls, and ASCII runs long enough to cross the 32- and 64-byte
        /// blocks at every place.
        #[test]
        fn view_bits_are_their_definition(
            text in "([a-zA-Z0-9]{1,40}|[ ]{1,3}|\r\n|\n\n|[\t\u{0}\u{7f}`'.,-]|\u{301}|\u{e9}|\u{c9}|\u{2019}|\u{201c}|\u{ad}|\u{df}|\u{fb01}|\u{fdfa}|\u{a0}|\u{4e2d}|\u{660}|\u{1d400}|\u{416}){0,50}",
        ) {
            let norm = Normalized::new(&text);
            proptest::prop_assert_eq!(norm.bits(), &bits_by_definition(&text, &norm)[..], "text {:?}", text);
        }

        /// The word bits give the words [`next_word`] gives, from every
        /// start, whatever the mix of ASCII and other characters and
        /// wherever the 64-byte blocks fall.
        #[test]
        fn word_bits_agree_with_next_word(
            raw in "([a-zA-Z0-9]{1,11}|[ .,'@`\\[{-]|\u{e9}|\u{301}|\u{2019}|\u{4e2d}|\u{660}|\u{1d400}|\u{fb01}){0,60}",
        ) {
            let norm = Normalized::new(&raw);
            let text = norm.as_str();
            let bits = WordBits::new(norm.bits());
            let mut at = 0;
            loop {
                let want = next_word(text, at);
                proptest::prop_assert_eq!(bits.next_word(at), want.clone(), "text {:?} from {}", text, at);
                match want {
                    Some(w) => at = w.end,
                    None => break,
                }
            }
            // From any char boundary, not only word ends.
            for (i, _) in text.char_indices() {
                proptest::prop_assert_eq!(bits.next_word(i), next_word(text, i), "text {:?} from {}", text, i);
            }
        }
    }

    proptest::proptest! {
        /// With no lower-case bits the cursor gives every word start, in
        /// order, and `word_end` each word's end, as [`next_word`] finds
        /// them; after `skip_to` a word's or match's end, the starts after it.
        #[test]
        fn starts_are_the_word_starts(
            raw in "([a-zA-Z0-9]{1,11}|[ .,'@`\\[{-]|\u{e9}|\u{301}|\u{2019}|\u{4e2d}|\u{660}|\u{1d400}|\u{fb01}){0,60}",
            skip in 0usize..4,
        ) {
            let norm = Normalized::new(&raw);
            let text = norm.as_str();
            let all = without_lower(norm.bits());
            let bits = WordBits::new(&all);
            let mut cursor = bits.starts(|_| false);
            let mut at = 0;
            let mut n = 0;
            while let Some(w) = next_word(text, at) {
                let start = cursor.next_start();
                proptest::prop_assert_eq!(start, Some(w.start), "text {:?} from {}", text, at);
                proptest::prop_assert_eq!(bits.word_end(w.start), w.end, "text {:?}", text);
                at = w.end;
                n += 1;
                // Now and then jump past the next word, as after a match.
                if n % 4 == skip {
                    if let Some(v) = next_word(text, at) {
                        at = v.end;
                        cursor.skip_to(at);
                    }
                }
            }
            proptest::prop_assert_eq!(cursor.next_start(), None, "text {:?}", text);
        }

        /// The lower-case bits are the bytes that come from an ASCII
        /// lower-case letter of the original, where the view maps byte for
        /// byte; nothing is set past the view's end.
        #[test]
        fn lower_bits_mark_lower_case_origins(
            text in "([a-zA-Z0-9]{1,30}|[ ]{1,3}|\n\n|\u{e9}|\u{c9}|\u{2019}|\u{201c}|\u{ad}|\u{df}|\u{fb01}|\u{301}){0,40}",
        ) {
            let norm = Normalized::new(&text);
            let bits = norm.bits();
            for i in 0..norm.len() {
                let set = bits[i / 64].lower >> (i % 64) & 1 != 0;
                if set {
                    let o = norm.origin(i);
                    proptest::prop_assert!(text.as_bytes()[o].is_ascii_lowercase(), "text {:?} byte {}", text, i);
                    proptest::prop_assert_eq!(norm.to_original(i..i + 1), o..o + 1, "text {:?} byte {}", text, i);
                }
            }
            for i in norm.len()..bits.len() * 64 {
                proptest::prop_assert!(bits[i / 64].lower >> (i % 64) & 1 == 0);
                proptest::prop_assert!(bits[i / 64].word >> (i % 64) & 1 == 0);
            }
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
