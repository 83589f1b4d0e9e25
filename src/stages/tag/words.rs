//! Words of the normalised text: the runs of word characters a match can start with.

use std::ops::Range;

use crate::text::is_word_char;

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
/// Made in one pass over the text, sixteen bytes at a time where the
/// processor allows (SSE2, part of every x86_64 target): ASCII is
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
    /// `from`, under the conditions of [`next_word`], which it agrees with.
    #[inline(always)]
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
        let (w, h) = masks16(sixteen.try_into().expect("16 bytes"));
        word |= u64::from(w) << (16 * i);
        high |= u64::from(h) << (16 * i);
    }
    (word, high)
}

/// [`block_masks`] for sixteen bytes, with SSE2: a byte is a letter when
/// `(b | 0x20) - b'a'` (wrapping) is at most 25, a digit when `b - b'0'` is
/// at most 9; every byte of 0x80 and above fails both.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn masks16(b: &[u8; 16]) -> (u16, u16) {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_sub_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 target, and the load reads the
    // sixteen bytes of `b` (unaligned).
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr().cast());
        let letter = _mm_sub_epi8(
            _mm_or_si128(v, _mm_set1_epi8(0x20)),
            _mm_set1_epi8(b'a' as i8),
        );
        let letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(25)), letter);
        let digit = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
        let digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
        let word = _mm_movemask_epi8(_mm_or_si128(letter, digit));
        (word as u16, _mm_movemask_epi8(v) as u16)
    }
}

/// [`block_masks`] for sixteen bytes, by the table.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn masks16(b: &[u8; 16]) -> (u16, u16) {
    masks16_by_table(b)
}

/// [`masks16`] by [`ASCII_WORD`], one byte at a time: the other targets'
/// way, and the tests' reference.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
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

    #[test]
    fn block_masks_agree_with_the_table() {
        for first in (0..=255u8).step_by(16) {
            let b: [u8; 16] = std::array::from_fn(|i| first + i as u8);
            assert_eq!(masks16(&b), masks16_by_table(&b), "bytes from {first:#x}");
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
