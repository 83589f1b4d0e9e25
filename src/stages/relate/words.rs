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
    /// The packable words of 1 to 8 bytes again, by [`short_key`]: open
    /// addressing with linear probing, a power of two long, at most half
    /// full, 0 an empty slot (built by [`WordTable::finish`]). Eight bytes a
    /// slot, so the probes stay in a few cache lines; the numbers are in
    /// `short_ids`, read only on a hit.
    short_keys: Vec<u64>,
    short_ids: Vec<u32>,
    /// The packable words of 9 to [`PACKED`] bytes again, by [`Packed`]
    /// key, as `short_keys` (a slot with `len == 0` is empty).
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

/// The key of a token of `len` bytes, 1 to 8, given as a little-endian word
/// zero-padded above them (`x`), if it packs ([`Packed::new`]: ASCII, no
/// backtick): its lower case, as [`Packed`] has it, with the high bit of
/// its last byte set. No ASCII byte has that bit, so the highest byte with
/// it tells the length back: two tokens have equal keys exactly when their
/// [`Packed`] keys are equal, that is when their normal forms are; and no
/// token's key is 0 (the empty slot).
#[inline]
fn short_key(x: u64, len: usize) -> Option<u64> {
    debug_assert!((1..=8).contains(&len) && (len == 8 || x >> (8 * len) == 0));
    if x & HIGH_BITS != 0 || has_zero_byte(x ^ lanes(b'`')) {
        return None;
    }
    let upper = x.wrapping_add(lanes(0x80 - b'A')) & !x.wrapping_add(lanes(0x80 - b'Z' - 1));
    Some((x | (upper & HIGH_BITS) >> 2) | 0x80 << (8 * (len - 1)))
}

/// Where the probe for a short key starts in a table of `2^bits` slots.
#[inline]
fn short_home(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
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
        let table_bits = |words: usize| (2 * words).next_power_of_two().trailing_zeros().max(4);
        let short = |w: &str| w.len() <= 8 && Packed::new(w.as_bytes()).is_some();
        let shorts = self.by_text.keys().filter(|w| short(w)).count();
        let bits = table_bits(shorts);
        self.short_keys = vec![0; 1 << bits];
        self.short_ids = vec![0; 1 << bits];
        let mask = self.short_keys.len() - 1;
        for (word, &id) in self.by_text.iter().filter(|(w, _)| short(w)) {
            let key = short_key(load(word.as_bytes()), word.len()).expect("packs");
            let mut i = short_home(key, bits);
            while self.short_keys[i] != 0 {
                i = (i + 1) & mask;
            }
            self.short_keys[i] = key;
            self.short_ids[i] = id;
        }
        let bits = table_bits(self.by_text.len() - shorts);
        self.slots = vec![Slot::default(); 1 << bits];
        let mask = self.slots.len() - 1;
        for (word, &id) in &self.by_text {
            if word.len() <= 8 {
                continue;
            }
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
        let bytes = raw.as_bytes();
        if (1..=8).contains(&bytes.len()) {
            return match short_key(load(bytes), bytes.len()) {
                Some(key) => self.short(key),
                None => self.token_slowly(raw),
            };
        }
        let Some(key) = Packed::new(bytes) else {
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

    /// The number of the word of 1 to 8 bytes whose key is `key`.
    #[inline]
    fn short(&self, key: u64) -> Option<u32> {
        let bits = self.short_keys.len().trailing_zeros();
        let mask = self.short_keys.len().wrapping_sub(1);
        let mut i = short_home(key, bits);
        loop {
            let have = *self.short_keys.get(i)?;
            if have == key {
                return self.short_ids.get(i).copied();
            }
            if have == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// `text.get(from..to).and_then(|w| self.token(w))`, where a token of 1
    /// to 8 bytes is read from `text` as one 8-byte load (the window from
    /// `from`, or the one ending at `to`, its other bytes masked off)
    /// rather than byte by byte, whose loop ends on a branch the token's
    /// length decides. The same: where the token's bytes are all ASCII,
    /// `from` and `to` are char boundaries (an ASCII byte starts a char, and
    /// one ends before `to`), and its key is the one [`WordTable::token`]
    /// makes of those bytes; any other token takes [`WordTable::token`].
    #[inline]
    pub fn token_in(&self, text: &str, from: usize, to: usize) -> Option<u32> {
        let bytes = text.as_bytes();
        let len = to.wrapping_sub(from);
        if (1..=8).contains(&len) && to <= bytes.len() {
            let window =
                |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
            let x = if from + 8 <= bytes.len() {
                window(from) & (u64::MAX >> (64 - 8 * len))
            } else if to >= 8 {
                window(to - 8) >> (8 * (8 - len))
            } else {
                load(&bytes[from..to])
            };
            if let Some(key) = short_key(x, len) {
                return self.short(key);
            }
        }
        self.token(text.get(from..to)?)
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

    /// [`WordTable::token_in`] finds what [`WordTable::token`] finds for
    /// every range of a text (tokens at its start and end, across the 8-byte
    /// windows, non-ASCII ones and ranges off char boundaries), short words
    /// and long ones, a NUL and a word with one after it.
    #[test]
    fn a_token_in_a_text_is_the_token_of_its_bytes() {
        let mut table = WordTable::default();
        for w in [
            "a",
            "in",
            "the",
            "\0",
            "the\0",
            "armed",
            "backing",
            "aircraft",
            "supported",
            "co-sponsors",
            "won't",
            "caf\u{e9}",
            "12345678",
        ] {
            table.add(&normalize(w));
        }
        table.finish();
        for text in [
            "A",
            "the",
            "The ARMED backing, Aircraft supported\0 THE\0 the co-sponsors won\u{2019}t",
            "caf\u{e9} CAF\u{c9} in In iN 12345678 123456789 `in` a\u{2019}in",
        ] {
            for from in 0..=text.len() {
                for to in from..=text.len() {
                    let want = text.get(from..to).and_then(|w| table.token(w));
                    assert_eq!(
                        table.token_in(text, from, to),
                        want,
                        "{text:?} {from}..{to}"
                    );
                }
            }
        }
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
