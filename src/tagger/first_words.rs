//! Which forms can match where a given word starts.
//!
//! A match starts at a word start and ends at a word boundary, so the word of
//! the text there (its maximal run of word characters) must be the form's
//! leading word exactly: a form's bytes match the text's, the form either
//! ends after its leading word (and the text's word must end there, at the
//! boundary) or goes on with a non-word character, which the text must have
//! too. The text's word therefore picks, with one hash lookup, the forms
//! worth searching: a word no form starts with (most words of most text) is
//! passed over at once, and for the others the prefix search starts past the
//! word instead of narrowing its range byte by byte.

use std::ops::Range;

use super::prefixes::Prefixes;
use super::words::leading_word;

/// The leading words of a prefix set's forms, each with the range of forms
/// that start with it: an open-addressing hash table, built once.
pub(super) struct FirstWords {
    /// `0` for an empty slot, else the index of the entry plus one.
    slots: Vec<u32>,
    /// `hash >> shift` is a word's first slot.
    shift: u32,
    entries: Vec<Entry>,
    /// The words' bytes, concatenated.
    bytes: Vec<u8>,
}

#[derive(Clone, Copy)]
struct Entry {
    /// The word is `bytes[start..start + len]`.
    start: u32,
    len: u32,
    /// The forms starting with the word.
    forms: (u32, u32),
}

impl FirstWords {
    pub(super) fn new(prefixes: &Prefixes) -> FirstWords {
        let mut words: Vec<&[u8]> = (0..prefixes.len())
            .map(|i| leading_word(prefixes.form(i)))
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        let bits = (2 * words.len())
            .max(16)
            .next_power_of_two()
            .trailing_zeros();
        let mut table = FirstWords {
            slots: vec![0; 1 << bits],
            shift: 64 - bits,
            entries: Vec::with_capacity(words.len()),
            bytes: Vec::new(),
        };
        for word in words {
            let forms = prefixes.starting_with(word);
            let entry = Entry {
                start: u32::try_from(table.bytes.len()).expect("gazetteer forms under 4 GiB"),
                len: word.len() as u32,
                forms: (forms.start as u32, forms.end as u32),
            };
            table.bytes.extend_from_slice(word);
            let mut slot = (hash(word) >> table.shift) as usize;
            while table.slots[slot] != 0 {
                slot = (slot + 1) & (table.slots.len() - 1);
            }
            table.entries.push(entry);
            table.slots[slot] = table.entries.len() as u32;
        }
        table
    }

    /// The forms that start with `word` (empty when none does).
    #[inline]
    pub(super) fn forms(&self, word: &[u8]) -> Range<usize> {
        let mask = self.slots.len() - 1;
        let mut slot = (hash(word) >> self.shift) as usize;
        loop {
            let e = self.slots[slot];
            if e == 0 {
                return 0..0;
            }
            let entry = self.entries[e as usize - 1];
            let start = entry.start as usize;
            if entry.len as usize == word.len() && &self.bytes[start..start + word.len()] == word {
                return entry.forms.0 as usize..entry.forms.1 as usize;
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// A multiplicative hash of a short byte string, eight bytes at a time; the
/// table reads its top bits.
#[inline]
fn hash(word: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = (word.len() as u64).wrapping_mul(K);
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h.rotate_left(23) ^ x).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_by_leading_word() {
        let forms = [
            "the",
            "the bahamas",
            "the gambia",
            "theatre",
            "u.n.",
            "un",
            "uzbekistan",
        ];
        let prefixes = Prefixes::new(forms.iter().map(|f| f.as_bytes()));
        let words = FirstWords::new(&prefixes);
        let named =
            |w: &str| -> Vec<&str> { words.forms(w.as_bytes()).map(|i| forms[i]).collect() };
        // Every form starting with the word's bytes (the search goes on from there).
        assert_eq!(
            named("the"),
            ["the", "the bahamas", "the gambia", "theatre"]
        );
        assert_eq!(named("theatre"), ["theatre"]);
        assert_eq!(named("u"), ["u.n.", "un", "uzbekistan"]);
        assert_eq!(named("un"), ["un"]);
        assert!(named("gambia").is_empty());
        assert!(named("uz").is_empty());
    }
}
