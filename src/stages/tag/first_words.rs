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
//!
//! Most words that do start a form start only longer ones ("the" of "the
//! Gambia", "new" of "New Zealand"), and are not followed by any of them.
//! Each word also keeps which pairs of bytes its forms go on with after a
//! space (a 64-bit set, [`Lead::may_match_at`]), so that "the" before
//! "government" is passed over without the prefix search.

use std::ops::Range;

use super::prefixes::Prefixes;
use super::words::leading_word;

/// The leading words of a prefix set's forms, each with the range of forms
/// that start with it: an open-addressing hash table, built once. A slot
/// holds its word's first eight bytes and its range, so a lookup reads one
/// slot (one cache line) for most words; the bytes past the eighth, where a
/// word has them, are kept aside.
pub(super) struct FirstWords {
    /// Empty slots have `len == 0` (no word is empty).
    slots: Vec<Slot>,
    /// `hash >> shift` is a word's first slot.
    shift: u32,
    /// The bytes of the words past their eighth, concatenated.
    rest: Vec<u8>,
    /// A one-hash Bloom filter of the words, at least 32 bits a word (for
    /// the bench's 659 leading words, 4 KiB), read by the top bits of
    /// [`quick`], a hash of one multiply: most words no form starts with
    /// (nine in ten words of news text) are turned away here, without the
    /// full hash or the table.
    filter: Vec<u64>,
    /// `quick >> filter_shift` is a word's filter bit.
    filter_shift: u32,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// The word's first eight bytes (zero-padded), little-endian.
    head: u64,
    len: u32,
    /// The word's bytes past the eighth are `rest[rest..rest + len - 8]`.
    rest: u32,
    /// The forms starting with the word.
    lo: u32,
    hi: u32,
    /// The pairs of bytes the forms go on with after the word and a space
    /// ([`pair_bit`]), or all ones where a form is the word itself or goes
    /// on with fewer than two bytes after the space.
    next: u64,
}

/// A word some forms start with: which forms, and what can follow.
#[derive(Clone, Copy, Debug)]
pub(super) struct Lead {
    lo: u32,
    hi: u32,
    next: u64,
}

impl Lead {
    /// The forms that start with the word's bytes.
    pub(super) fn forms(&self) -> Range<usize> {
        self.lo as usize..self.hi as usize
    }

    /// Whether some form of the lead may be a prefix of `text` read as keys
    /// are (see `Prefixes::prefixes_of`) from the word's start, the word
    /// ending at `end`: `false` only when none is.
    ///
    /// Exact where it answers `false`: the text goes on with a space and an
    /// ASCII letter or digit `a` and a byte `b`, which read as the key
    /// bytes `' '`, `a`, `b` ('-' read as a space). A form is a prefix only
    /// if it is the word itself or goes on with those key bytes; a form
    /// that is the word or goes on with a space and fewer than two bytes
    /// sets every bit, and any other goes on with the space and two bytes
    /// whose pair's bit is set. So with the pair's bit clear no form is a
    /// prefix.
    #[inline]
    pub(super) fn may_match_at(&self, text: &[u8], end: usize) -> bool {
        match text.get(end..end.wrapping_add(3)) {
            Some(&[b' ', a, b]) if a.is_ascii_alphanumeric() => {
                let b = if b == b'-' { b' ' } else { b };
                self.next & (1 << pair_bit(a, b)) != 0
            }
            _ => true,
        }
    }
}

/// Which of 64 bits stands for the two bytes `a b` a form goes on with
/// after its first word and a space.
#[inline]
fn pair_bit(a: u8, b: u8) -> u32 {
    (u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9e37_79b9) >> 26
}

/// The [`Slot::next`] set of the forms `forms` (all starting with a word of
/// `d` bytes).
fn next_pairs<'a>(forms: impl Iterator<Item = &'a [u8]>, d: usize) -> u64 {
    let mut next = 0;
    for f in forms {
        match f.get(d) {
            None => return u64::MAX,
            Some(b' ') => match (f.get(d + 1), f.get(d + 2)) {
                (Some(&a), Some(&b)) => next |= 1 << pair_bit(a, b),
                _ => return u64::MAX,
            },
            // A longer first word, or punctuation: no match after a space.
            Some(_) => {}
        }
    }
    next
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
        let filter_bits = (32 * words.len())
            .max(64)
            .next_power_of_two()
            .trailing_zeros();
        let mut table = FirstWords {
            slots: vec![Slot::default(); 1 << bits],
            shift: 64 - bits,
            rest: Vec::new(),
            filter: vec![0; 1 << (filter_bits - 6)],
            filter_shift: 64 - filter_bits,
        };
        // Words come sorted, so each one's forms start at or after the last one's.
        let mut from = 0;
        for word in words {
            let forms = prefixes.starting_with(word, from);
            from = forms.start;
            let slot = Slot {
                head: head(word, &(0..word.len())),
                len: u32::try_from(word.len()).expect("words under 4 GiB"),
                rest: u32::try_from(table.rest.len()).expect("gazetteer forms under 4 GiB"),
                lo: forms.start as u32,
                hi: forms.end as u32,
                next: next_pairs(forms.clone().map(|i| prefixes.form(i)), word.len()),
            };
            table
                .rest
                .extend_from_slice(word.get(8..).unwrap_or_default());
            let mask = table.slots.len() - 1;
            let head = head(word, &(0..word.len()));
            let bit = table.filter_bit(head, word.len());
            table.filter[bit / 64] |= 1 << (bit % 64);
            let h = hash(head, word);
            let mut at = (h >> table.shift) as usize;
            while table.slots[at].len != 0 {
                at = (at + 1) & mask;
            }
            table.slots[at] = slot;
        }
        table
    }

    /// The forms that start with the word `text[word]` (empty when none does).
    #[cfg(test)]
    fn forms(&self, text: &[u8], word: Range<usize>) -> Range<usize> {
        self.lookup(text, word).map_or(0..0, |lead| lead.forms())
    }

    /// The forms that start with the word `text[word]`, and what may follow
    /// it; `None` when no form starts with it.
    #[inline]
    pub(super) fn lookup(&self, text: &[u8], word: Range<usize>) -> Option<Lead> {
        let mask = self.slots.len() - 1;
        let len = word.len();
        let head = head(text, &word);
        let bit = self.filter_bit(head, len);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let word = &text[word];
        let h = hash(head, word);
        let mut at = (h >> self.shift) as usize;
        loop {
            let slot = &self.slots[at];
            if slot.len == 0 {
                return None;
            }
            if slot.head == head
                && slot.len as usize == len
                && (len <= 8 || self.rest[slot.rest as usize..][..len - 8] == word[8..])
            {
                return Some(Lead {
                    lo: slot.lo,
                    hi: slot.hi,
                    next: slot.next,
                });
            }
            at = (at + 1) & mask;
        }
    }
}

impl FirstWords {
    /// The filter bit of a word of `len` bytes whose first eight are `head`.
    #[inline]
    fn filter_bit(&self, head: u64, len: usize) -> usize {
        (quick(head, len) >> self.filter_shift) as usize
    }
}

/// The first eight bytes of the word `text[word]`, zero-padded,
/// little-endian: one unaligned load, masked, where `text` has eight bytes
/// from the word's start.
#[inline]
fn head(text: &[u8], word: &Range<usize>) -> u64 {
    let len = word.len();
    match text.get(word.start..word.start + 8) {
        Some(eight) => {
            let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            // Words are never empty: the shift is 0 to 56.
            debug_assert!(len > 0);
            x & (u64::MAX >> (64 - 8 * len.min(8)))
        }
        None => {
            let mut buf = [0u8; 8];
            let n = len.min(8);
            buf[..n].copy_from_slice(&text[word.start..word.start + n]);
            u64::from_le_bytes(buf)
        }
    }
}

/// A hash of a word of `len` bytes whose first eight are `head`, by one
/// multiply: for a word of up to eight bytes `head` is the whole word (a
/// word character has no zero byte), for a longer one the length tells
/// more apart. Its top bits are the filter's; a collision only lets a word
/// on to the table.
#[inline]
fn quick(head: u64, len: usize) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    (head ^ (len as u64).rotate_right(6)).wrapping_mul(K)
}

/// A multiplicative hash of a word given its first eight bytes (`head`),
/// then eight bytes at a time; the table reads its top bits, the filter its
/// low bits.
#[inline]
fn hash(head: u64, word: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = (head ^ (word.len() as u64).rotate_right(8)).wrapping_mul(K);
    if word.len() > 8 {
        let mut chunks = word[8..].chunks_exact(8);
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
    }
    // Fold the well-mixed top half down, so every bit depends on every byte.
    (h ^ (h >> 29)).wrapping_mul(K)
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
            "unitedkingdomofgreatbritain",
            "uzbekistan",
        ];
        let prefixes = Prefixes::new(forms.iter().map(|f| f.as_bytes()));
        let words = FirstWords::new(&prefixes);
        let named = |w: &str| -> Vec<&str> {
            words
                .forms(w.as_bytes(), 0..w.len())
                .map(|i| forms[i])
                .collect()
        };
        // Every form starting with the word's bytes (the search goes on from there).
        assert_eq!(
            named("the"),
            ["the", "the bahamas", "the gambia", "theatre"]
        );
        assert_eq!(named("theatre"), ["theatre"]);
        assert_eq!(
            named("u"),
            ["u.n.", "un", "unitedkingdomofgreatbritain", "uzbekistan"]
        );
        assert_eq!(named("un"), ["un", "unitedkingdomofgreatbritain"]);
        assert_eq!(
            named("unitedkingdomofgreatbritain"),
            ["unitedkingdomofgreatbritain"]
        );
        assert!(named("unitedkingdomofgreatbritaim").is_empty());
        assert!(named("gambia").is_empty());
        assert!(named("uz").is_empty());
        // A word inside longer text (read with one eight-byte load).
        let text = b"in the gambia";
        let got: Vec<&str> = words.forms(text, 3..6).map(|i| forms[i]).collect();
        assert_eq!(got, ["the", "the bahamas", "the gambia", "theatre"]);
    }

    /// `may_match_at` against the prefix search itself: wherever it says
    /// no, no form is a prefix of the text (and for a word with a form of
    /// its own, or a form going on with a one-letter word, it never says no).
    #[test]
    fn what_may_follow_a_word() {
        let forms = [
            "new caledonia",
            "new york",
            "new zealand",
            "newport",
            "old x",
            "the bahamas",
            "the gambia",
            "u.n.",
            "uk",
            "uk government",
        ];
        let prefixes = Prefixes::new(forms.iter().map(|f| f.as_bytes()));
        let words = FirstWords::new(&prefixes);
        let cases = [
            // (text, first word's length, may match)
            ("new zealand", 3, true),
            ("new-zealand", 3, true),
            ("new york", 3, true),
            ("new yorkers", 3, true),
            ("new government", 3, false),
            ("new 2024", 3, false),
            ("new  zealand", 3, true),
            ("new - zealand", 3, true),
            ("new", 3, true),
            ("new z", 3, true),
            ("new, zealand", 3, true),
            ("newport", 7, true),
            ("the gambia", 3, true),
            ("the gap", 3, true),
            ("the government", 3, false),
            ("old xylophone", 3, true),
            ("old government", 3, true),
            ("the us", 3, false),
            ("uk officials", 2, true),
            ("u.n.", 1, true),
        ];
        for (text, len, want) in cases {
            let lead = words.lookup(text.as_bytes(), 0..len).expect("a lead word");
            let got = lead.may_match_at(text.as_bytes(), len);
            assert_eq!(got, want, "text {text:?}");
            if !got {
                let mut found = Vec::new();
                prefixes.prefixes_of(text.as_bytes(), &mut found);
                found.retain(|(_, f)| lead.forms().contains(f));
                assert!(found.is_empty(), "text {text:?}: {found:?}");
            }
        }
    }

    proptest::proptest! {
        /// Wherever `may_match_at` says no, the prefix search finds none of
        /// the lead word's forms (the ones the scan would search; a shorter
        /// form, "a" in "ab", is not a match there: it does not end at a
        /// word boundary).
        #[test]
        fn may_match_at_never_hides_a_form(
            forms in proptest::collection::btree_set("(ab|a|b|ba)([ .](ab|a|b|ba)){0,2}", 1..12),
            text in "(ab|a|b|ba)[ -]{0,2}[ab.-]{0,5}",
        ) {
            let forms: Vec<String> = forms.into_iter().collect();
            let prefixes = Prefixes::new(forms.iter().map(|f| f.as_bytes()));
            let words = FirstWords::new(&prefixes);
            let len = text.find([' ', '-', '.']).unwrap_or(text.len());
            if let Some(lead) = words.lookup(text.as_bytes(), 0..len) {
                if !lead.may_match_at(text.as_bytes(), len) {
                    let mut found = Vec::new();
                    prefixes.prefixes_of(text.as_bytes(), &mut found);
                    found.retain(|(_, f)| lead.forms().contains(f));
                    proptest::prop_assert!(found.is_empty(), "text {:?} forms {:?}: {:?}", text, forms, found);
                }
            }
        }
    }
}
