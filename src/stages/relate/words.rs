//! The rules' literal words, numbered, and looked up by a document token's
//! text as it is written: the question the relation prefilter asks of
//! every word of every sentence that holds mentions.
//!
//! Most tokens are short ASCII. Such a token is lower-cased and packed into
//! two machine words, eight bytes at a time, and looked up in an
//! open-addressing table of packed words: a few operations on machine words,
//! with nothing allocated and no string compared byte by byte. Other tokens
//! take the general way: [`normalize`], then a hash map.

use std::collections::HashMap;

use super::token::normalize;

/// Tokens up to this many bytes are packed.
const PACKED: usize = 16;
/// Every byte of a machine word set to `b`.
const fn lanes(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}
const HIGH_BITS: u64 = lanes(0x80);

/// Words numbered in the order they are added.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordTable {
    /// Every word (in normal form) and its number.
    by_text: HashMap<Box<str>, u32>,
    /// The packable words again, by [`Packed`] key: open addressing with
    /// linear probing, a power of two long, at most half full (built by
    /// [`WordTable::finish`]).
    slots: Vec<Slot>,
    /// Length in bytes of the longest word.
    longest: usize,
}

/// A token of 1 to [`PACKED`] ASCII bytes, none a backtick, lower-cased and
/// zero-padded, with its length: two tokens pack to equal keys exactly when
/// their normal forms are equal.
#[derive(Clone, Copy, Debug, Default)]
struct Packed {
    bytes: [u64; 2],
    len: u32,
}

impl PartialEq for Packed {
    /// All three fields at once, without a branch per field.
    fn eq(&self, other: &Packed) -> bool {
        (self.bytes[0] ^ other.bytes[0])
            | (self.bytes[1] ^ other.bytes[1])
            | u64::from(self.len ^ other.len)
            == 0
    }
}

impl Eq for Packed {}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// `len == 0` marks an empty slot.
    key: Packed,
    id: u32,
}

/// Up to 8 bytes as a little-endian word, zero-padded. Built in registers:
/// copying a short token into a buffer and reading the buffer back as words
/// stalls the load on the bytewise stores.
#[inline]
fn load(s: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(s) {
        Ok(eight) => u64::from_le_bytes(eight),
        Err(_) => s.iter().rev().fold(0, |w, &b| (w << 8) | u64::from(b)),
    }
}

impl Packed {
    /// Pack `s` if it is 1 to [`PACKED`] ASCII bytes without a backtick:
    /// then its [`normalize`]d form is its ASCII lower case, which is what
    /// is packed.
    #[inline]
    fn new(s: &[u8]) -> Option<Packed> {
        if s.is_empty() || s.len() > PACKED {
            return None;
        }
        let (front, back) = s.split_at(s.len().min(8));
        let mut bytes = [load(front), load(back)];
        for x in &mut bytes {
            // Not ASCII, or a backtick (which normalises to an apostrophe;
            // the zero padding is neither).
            if *x & HIGH_BITS != 0 || has_zero_byte(*x ^ lanes(b'`')) {
                return None;
            }
            // ASCII upper case to lower: for bytes below 0x80 the sums do
            // not carry from one byte to the next; a byte's high bit ends up
            // set where it is at least b'A' and at most b'Z', and moved to
            // 0x20 it makes the letter lower case.
            let upper =
                x.wrapping_add(lanes(0x80 - b'A')) & !x.wrapping_add(lanes(0x80 - b'Z' - 1));
            *x |= (upper & HIGH_BITS) >> 2;
        }
        Some(Packed {
            bytes,
            len: s.len() as u32,
        })
    }

    /// Where the probe for this key starts in a table of `2^bits` slots.
    fn home(&self, bits: u32) -> usize {
        let mixed = self.bytes[0] ^ self.bytes[1].rotate_left(29) ^ u64::from(self.len);
        (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }
}

/// Does any byte of `x` equal zero? (Exact as a yes or no.)
fn has_zero_byte(x: u64) -> bool {
    x.wrapping_sub(lanes(1)) & !x & HIGH_BITS != 0
}

impl WordTable {
    /// Number `word` (given in normal form), if it is new.
    pub fn add(&mut self, word: &str) -> u32 {
        let next = self.by_text.len() as u32;
        self.longest = self.longest.max(word.len());
        *self.by_text.entry(word.into()).or_insert(next)
    }

    pub fn len(&self) -> usize {
        self.by_text.len()
    }

    /// Build the packed table, once every word is in.
    pub fn finish(&mut self) {
        let bits = (2 * self.by_text.len())
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        self.slots = vec![Slot::default(); 1 << bits];
        let mask = self.slots.len() - 1;
        for (word, &id) in &self.by_text {
            let Some(key) = Packed::new(word.as_bytes()) else {
                continue;
            };
            let mut i = key.home(bits);
            while self.slots[i].key.len != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = Slot { key, id };
        }
    }

    /// The word (in normal form) numbered `id` (a search of every word:
    /// for building, not for reading).
    pub fn text(&self, id: u32) -> Option<&str> {
        (self.by_text.iter()).find_map(|(w, &i)| (i == id).then_some(&**w))
    }

    /// The number of a word given in normal form.
    pub fn word(&self, norm: &str) -> Option<u32> {
        self.by_text.get(norm).copied()
    }

    /// The number of a token given as written: `self.word(&normalize(raw))`.
    ///
    /// A packable token is found in the packed table, which holds every
    /// packable word; a token longer than every word is none of them.
    pub fn token(&self, raw: &str) -> Option<u32> {
        let Some(key) = Packed::new(raw.as_bytes()) else {
            return self.token_slowly(raw);
        };
        let bits = self.slots.len().trailing_zeros();
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = key.home(bits);
        loop {
            let slot = self.slots.get(i)?;
            if slot.key == key {
                return Some(slot.id);
            }
            if slot.key.len == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// [`WordTable::token`] for a token that does not pack.
    #[cold]
    fn token_slowly(&self, raw: &str) -> Option<u32> {
        if raw.len() > self.longest && raw.is_ascii() {
            // ASCII normalises to the same length.
            return None;
        }
        self.word(&normalize(raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_found_as_its_normal_form() {
        let mut table = WordTable::default();
        let words = [
            "the",
            "'s",
            ",",
            "-",
            "n't",
            "won't",
            "co-sponsors",
            "in",
            "a",
            "participating",
            "secretary",
            "exactly16bytes!!",
            "seventeen-bytes!!",
            "\u{2013}",
            "caf\u{e9}",
            "\"",
        ];
        for w in words {
            table.add(&normalize(w));
        }
        table.finish();
        let tokens = [
            "The",
            "THE",
            "tHe",
            "the",
            "th",
            "thee",
            "'S",
            "\u{2019}s",
            "`s",
            ",",
            "-",
            "N'T",
            "Won't",
            "WON\u{2019}T",
            "Co-Sponsors",
            "In",
            "IN",
            "A",
            "a",
            "b",
            "",
            "Participating",
            "PARTICIPATINGX",
            "Secretary",
            "EXACTLY16BYTES!!",
            "Seventeen-Bytes!!",
            "seventeen-bytes!",
            "\u{2014}",
            "\u{2013}",
            "CAF\u{c9}",
            "Caf\u{e9}",
            "\u{201c}",
            "\"",
            "@",
            "[",
            "`",
            "\0",
            "the\0",
            "Z",
            "zz",
        ];
        for t in tokens {
            assert_eq!(table.token(t), table.word(&normalize(t)), "token {t:?}");
        }
        assert_eq!(table.token("The"), Some(0));
        assert_eq!(
            table.token("EXACTLY16BYTES!!"),
            table.word("exactly16bytes!!")
        );
        assert!(table.token("Seventeen-Bytes!!").is_some());
    }

    #[test]
    fn packing_lower_cases_ascii_exactly() {
        for b in 1..=0x7fu8 {
            let got = Packed::new(&[b]);
            if b == b'`' {
                assert_eq!(got, None);
            } else {
                let want = u64::from(b.to_ascii_lowercase());
                assert_eq!(got.map(|p| p.bytes[0]), Some(want), "byte {b:#x}");
            }
        }
        assert_eq!(Packed::new(&[0x80]), None);
        assert_eq!(Packed::new(b"abcdefghijklmno`"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_token_is_found_as_its_normal_form(
            words in proptest::collection::vec("[a-zA-Z'`,\\-\u{e9}\u{2019}]{1,18}", 0..40),
            tokens in proptest::collection::vec("[a-zA-Z'`,\\-\u{e9}\u{2019}\u{c9}]{0,18}", 0..40),
        ) {
            let mut table = WordTable::default();
            for w in &words {
                table.add(&normalize(w));
            }
            table.finish();
            for t in words.iter().chain(&tokens) {
                proptest::prop_assert_eq!(table.token(t), table.word(&normalize(t)), "token {:?}", t);
            }
        }
    }
}
