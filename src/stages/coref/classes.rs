//! The word classes coreference asks of a token, found once per token.
//!
//! The stage asks about a dozen word lists of the tokens it reads: is this
//! word a preposition, a verb of speech, a title word, a pronoun, a word a
//! description's head starts with ... Asked list by list, a word is sliced,
//! hashed and compared again for every list and every time a scan passes
//! it. A [`Vocab`] is the union of those lists, built once in
//! [`Coref::new`](super::Coref::new), mapping each word to the bits of the
//! lists it is in; [`Vocab::classify`] gives every token of a document its
//! bits in one pass, and each later test is a bit test on the token.
//!
//! Each bit stands for membership of the token's normal form in one set,
//! exactly: a set built from the same lexicon entries the list test read
//! (`Class::SPEECH` is set for a token exactly where `lex.speech` holds its
//! normal form). The few bits that are only a necessary condition
//! (`EXPLETIVE_FIRST`, `HEAD_PREFIX`, `SET_END`) say so, and their callers
//! run the full test where the bit is set.

use std::ops::Range;

use crate::lexicon::{WordMap, LOW_BYTES};
use crate::text::Tokens;

/// One bit per word list (see the module doc).
pub struct Class;

impl Class {
    /// Starts an anaphor of the main scan: a relative pronoun, a pronoun, a
    /// "there" word, a determiner or "'s".
    pub const ANAPHOR_START: u32 = 1 << 0;
    /// A set phrase's leading words (one, two, ... up to the whole phrase).
    pub const SET_START: u32 = 1 << 1;
    /// A description or event head (one or two words).
    pub const HEAD: u32 = 1 << 2;
    /// A head's leading words before a space: a word that is none of them
    /// starts no two-word head.
    pub const HEAD_PREFIX: u32 = 1 << 3;
    /// A description head (`lex.descriptions`).
    pub const DESCRIPTION: u32 = 1 << 4;
    /// A preposition.
    pub const PREPOSITION: u32 = 1 << 5;
    /// A lower-case title word before a name.
    pub const TITLE_WORD: u32 = 1 << 6;
    /// A capitalised word that is no name.
    pub const NOT_NAME: u32 = 1 << 7;
    /// A verb of speech.
    pub const SPEECH: u32 = 1 << 8;
    /// A word between a verb of speech and its subject.
    pub const SPEECH_AUX: u32 = 1 << 9;
    /// An adverb skipped after "it"/"there".
    pub const ADVERB: u32 = 1 << 10;
    /// A participle not in "-ed".
    pub const PARTICIPLE: u32 = 1 << 11;
    /// A form of "be" before a participle.
    pub const PASSIVE_AUX: u32 = 1 << 12;
    /// A plural noun.
    pub const PLURAL_NOUN: u32 = 1 << 13;
    /// A pronoun (`lex.pronouns`).
    pub const PRONOUN: u32 = 1 << 14;
    /// A pronoun of the speaker's side (`quoted = true`: "we", "our").
    pub const QUOTED: u32 = 1 << 15;
    /// A relative pronoun (`lex.relatives`).
    pub const RELATIVE: u32 = 1 << 16;
    /// A "there" word (`lex.places`).
    pub const PLACE: u32 = 1 << 17;
    /// A determiner a description starts with.
    pub const DETERMINER: u32 = 1 << 18;
    /// A word that opens a clause.
    pub const CLAUSE_OPENER: u32 = 1 << 19;
    /// A one-word entry of `lex.expletive`.
    pub const EXPLETIVE: u32 = 1 << 20;
    /// The words before a space of an entry of `lex.expletive`: a word that
    /// is none of them starts no two-word entry (a necessary condition).
    pub const EXPLETIVE_FIRST: u32 = 1 << 21;
    /// A set phrase's trailing words after a space, and each whole phrase:
    /// the last of the words joined into a phrase is one of them (a
    /// necessary condition).
    pub const SET_END: u32 = 1 << 22;
    /// A comma, semicolon or colon: the marks that close a clause.
    pub const CLAUSE_PUNCT: u32 = 1 << 23;
    /// A straight double quotation mark.
    pub const QUOTE_MARK: u32 = 1 << 24;
    /// An opening parenthesis.
    pub const OPEN: u32 = 1 << 25;
    /// A closing parenthesis.
    pub const CLOSE: u32 = 1 << 26;
    /// A hyphen or an en dash standing alone.
    pub const DASH: u32 = 1 << 27;
    /// "the", "a", "an".
    pub const ARTICLE: u32 = 1 << 28;
    /// "which", "who", "whom", "whose", "that".
    pub const WH: u32 = 1 << 29;
    /// The possessive "'s".
    pub const POSSESSIVE_S: u32 = 1 << 30;
    /// A hyphen ("two-day": the window before an event head reaches past it).
    pub const HYPHEN: u32 = 1 << 31;
}

/// A word's bits, found in one cache line of one small table, with one
/// branch that is seldom taken.
///
/// A text's words have data-dependent lengths and are in the lists or not
/// at random, so a look-up that tests the length, then a filter, then
/// probes, pays a mispredicted branch for a good share of its tokens. Here
/// every word is kept in a table of buckets of three slots (one cache line
/// each), under a key of one `u64`: its first seven bytes (the whole word,
/// zero-padded, for a word of seven bytes or fewer) and its length ([`key`]).
/// A word's home bucket is read whatever the word, its three keys are
/// compared, and the answer is read without a branch from the slot that
/// holds the word (at most one does), or from the bucket's fourth place,
/// which holds no word and bits 0, where none does. One branch follows, on
/// flags read from the same place, and it is seldom taken: the found slot
/// holds a word of eight bytes or more (`LONG`: its other bytes must be
/// compared), or, for a word found nowhere, a word whose home this bucket
/// is lies further on (`CHAIN`: the bucket was full when it was placed).
/// Both go to the plain probe ([`Vocab::find_probing`]). [`Vocab::new`]
/// picks, of a few hashes, one that fills no bucket before its time if it
/// can, so the second case is as good as never met.
pub struct Vocab {
    /// A power of two of them; see [`Bucket`].
    buckets: Box<[Bucket]>,
    /// `64 - log2(buckets.len())`.
    shift: u32,
    /// Mixed into every key before it is hashed ([`Vocab::home`]).
    seed: u64,
    /// The bytes of each word of eight bytes or more, at its slot's index
    /// (`SLOTS * bucket + slot`; empty at the other slots): compared only
    /// on the probing path.
    long: Box<[Box<[u8]>]>,
}

/// The words a bucket holds.
const SLOTS: usize = 3;

/// `SLOTS` slots of [`Vocab`]'s table, slot `j` being `keys[j]` and
/// `values[j]`, and a place `SLOTS` that holds no word, whose value is
/// `CHAIN` or 0. A free slot has key `FREE` and value 0.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(64))]
struct Bucket {
    /// Each word's [`key`].
    keys: [u64; SLOTS],
    /// Each word's bits (the low half) and the flag `LONG`; then the
    /// bucket's `CHAIN` flag.
    values: [u64; SLOTS + 1],
}

/// The key of a free slot: no word's, as its low byte, 0xFF, starts no
/// UTF-8 text.
const FREE: u64 = u64::MAX;
/// A word of eight bytes or more: its key holds its first seven bytes only.
const LONG: u64 = 1 << 32;
/// In `values[SLOTS]`: some word whose home is this bucket lies further on
/// (the bucket was full when it was placed).
const CHAIN: u64 = 1 << 33;

/// The odd multiplier of [`Vocab::home`] (2^64 over the golden ratio).
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// A word's key from its first seven bytes packed (`first`, [`pack`]) and
/// its length: the length, capped at 255, in the top byte. For a word of
/// seven bytes or fewer the key is the word (no two such words share one);
/// longer words with the same first seven bytes and (capped) length share
/// it, and are told apart by their bytes.
#[inline(always)]
fn key(first: u64, len: usize) -> u64 {
    first | (len.min(255) as u64) << 56
}

/// A short word (up to eight bytes) as a number: its bytes, little-endian,
/// zero-padded.
/// Read in two loads that may overlap (an overlapping byte lands where it
/// belongs both times), not byte by byte.
#[inline]
fn pack(w: &[u8]) -> u64 {
    let n = w.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        let hi = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]);
        u64::from(lo) | u64::from(hi) << (8 * (n - 4))
    } else if n > 0 {
        u64::from(w[0])
            | u64::from(w[n / 2]) << (8 * (n / 2))
            | u64::from(w[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// The [`key`] of a word.
#[inline]
fn key_of(w: &[u8]) -> u64 {
    key(pack(&w[..w.len().min(7)]), w.len())
}

impl Vocab {
    /// The vocabulary of `(word, bits)` pairs (a word given twice has the
    /// union of its bits).
    pub fn new(words: impl IntoIterator<Item = (String, u32)>) -> Vocab {
        let mut all: WordMap<u32> = WordMap::default();
        for (w, bits) in words {
            *all.entry(w).or_default() |= bits;
        }
        // Sorted, so that the table's layout does not hang on the map's order.
        let mut all: Vec<(String, u32)> = all.into_iter().collect();
        all.sort_unstable();
        // At most two words a bucket of three on average: a hash that
        // fills none before its time is found in a few tries.
        let size = (all.len() * 3 / 2).next_power_of_two().max(4);
        let mut best: Option<(usize, Vocab)> = None;
        for seed in 0..64u64 {
            let v = Vocab::placed(&all, size, seed.wrapping_mul(MULTIPLIER));
            let chains = (v.buckets.iter())
                .filter(|b| b.values[SLOTS] & CHAIN != 0)
                .count();
            if best.as_ref().is_none_or(|(c, _)| chains < *c) {
                best = Some((chains, v));
            }
            if chains == 0 {
                break;
            }
        }
        best.expect("at least one seed was tried").1
    }

    /// The table of `words` (distinct) in `size` buckets, hashed with `seed`.
    fn placed(words: &[(String, u32)], size: usize, seed: u64) -> Vocab {
        assert!(size >= 2 && size.is_power_of_two() && words.len() < SLOTS * size);
        let free = Bucket {
            keys: [FREE; SLOTS],
            values: [0; SLOTS + 1],
        };
        let mut v = Vocab {
            buckets: vec![free; size].into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
            seed,
            long: vec![Box::default(); SLOTS * size].into_boxed_slice(),
        };
        for (w, bits) in words {
            let b = w.as_bytes();
            let key = key_of(b);
            let home = v.home(key);
            let mut i = home;
            let j = loop {
                if let Some(j) = v.buckets[i].keys.iter().position(|&k| k == FREE) {
                    break j;
                }
                i = (i + 1) & (size - 1);
            };
            if i != home {
                v.buckets[home].values[SLOTS] = CHAIN;
            }
            let long = if b.len() >= 8 { LONG } else { 0 };
            v.buckets[i].keys[j] = key;
            v.buckets[i].values[j] = u64::from(*bits) | long;
            if long != 0 {
                v.long[SLOTS * i + j] = b.into();
            }
        }
        v
    }

    /// The home bucket of a word with this key.
    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        ((key ^ self.seed).wrapping_mul(MULTIPLIER) >> self.shift) as usize
    }

    /// Every token's bits, in order, into `out` (cleared first): what
    /// [`Vocab::get`] gives of each token's normal form; and in `marked`
    /// (cleared first), in order, the tokens whose bits have one of `mask`.
    ///
    /// A loop of its own, each slot of `out` written in place. A token's
    /// first seven bytes are one 8-byte load from the token layer's buffer,
    /// masked to the word's length (the bytes after a normal form are the
    /// buffer's own, there to read; the last few forms of the buffer are
    /// packed instead).
    /// Each token's index is written at `marked`'s next place, which moves
    /// on only where the bits have one of `mask`: no branch on the bits.
    #[inline(never)]
    pub fn classify(&self, toks: &Tokens, out: &mut Vec<u32>, mask: u32, marked: &mut Vec<u32>) {
        let n = toks.len();
        let buf = toks.norm_buffer();
        out.clear();
        out.resize(n, 0);
        marked.clear();
        marked.resize(n, 0);
        let mut kept = 0;
        for (t, c) in out.iter_mut().enumerate() {
            let r = toks.norm_range(t);
            let len = r.end - r.start;
            let first = match buf.get(r.start..r.start + 8) {
                Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) => {
                    u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]) & LOW_BYTES[len.min(7)]
                }
                // Fewer than eight bytes left in the buffer: so is the form.
                _ => pack(&buf[r.start..r.start + len.min(7)]),
            };
            let key = key(first, len);
            let bits = self.find(key, buf, r);
            *c = bits;
            marked[kept] = t as u32;
            kept += usize::from(bits & mask != 0);
        }
        marked.truncate(kept);
    }

    /// The bits of word `w` (0 for a word in no list).
    pub fn get(&self, w: &str) -> u32 {
        let b = w.as_bytes();
        self.find(key_of(b), b, 0..b.len())
    }

    /// The bits of the word `buf[word]`, whose [`key`] is `key`.
    #[inline(always)]
    fn find(&self, key: u64, buf: &[u8], word: Range<usize>) -> u32 {
        let home = self.home(key);
        let b = &self.buckets[home];
        // Each key compared into a bit of `hits` (at most one is set but
        // for long words); the place to read is the slot that holds the
        // word, or place `SLOTS` (bits 0) where none does. No branch on
        // the word: the flags and the bits are read from that place.
        let mut hits = 0u32;
        for j in 0..SLOTS {
            hits |= u32::from(b.keys[j] == key) << j;
        }
        let value = b.values[(hits | 1 << SLOTS).trailing_zeros() as usize];
        // Found: final unless the word is long (its other bytes must be
        // compared). Not found: final unless a word of this home lies
        // further on.
        if value & (LONG | CHAIN) != 0 {
            return self.find_probing(key, home, &buf[word]);
        }
        value as u32
    }

    /// [`Vocab::find`] by the plain probe from bucket `home` on, comparing
    /// the whole bytes of the long words. A word lies at most as far as the
    /// first bucket with a free slot (it went to the first with one when it
    /// was placed, and a slot once taken stays taken).
    #[cold]
    #[inline(never)]
    fn find_probing(&self, key: u64, home: usize, word: &[u8]) -> u32 {
        let mut i = home;
        loop {
            let b = &self.buckets[i];
            for j in 0..SLOTS {
                if b.keys[j] == key
                    && (b.values[j] & LONG == 0 || *self.long[SLOTS * i + j] == *word)
                {
                    return b.values[j] as u32;
                }
            }
            if b.keys.contains(&FREE) {
                return 0;
            }
            i = (i + 1) & (self.buckets.len() - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word gets the union of the bits it was given, and words near
    /// them (a letter more, less or changed, a NUL pad, other lengths) none.
    #[test]
    fn vocab_gives_each_word_its_bits_and_near_misses_none() {
        let words = [
            ("the", 1),
            ("he", 2),
            ("he", 4),
            ("", 8),
            ("a", 16),
            ("eightchr", 32),
            ("ninechars", 64),
            ("spokeswoman", 128),
            ("vice president", 256),
            ("'s", 512),
            ("réunion", 1024),
            ("a-word-of-thirty-three-bytes-long", 2048),
            ("dox", 4096),
        ];
        let v = Vocab::new(words.iter().map(|&(w, b)| (w.to_string(), b)));
        let cases: &[(&str, u32)] = &[
            ("the", 1),
            ("he", 6),
            ("", 8),
            ("a", 16),
            ("eightchr", 32),
            ("ninechars", 64),
            ("spokeswoman", 128),
            ("vice president", 256),
            ("'s", 512),
            ("réunion", 1024),
            ("th", 0),
            ("then", 0),
            ("she", 0),
            ("a\0", 0),
            ("\0", 0),
            ("eightch", 0),
            ("eightchrs", 0),
            ("ninechar", 0),
            ("ninecharz", 0),
            ("spokeswomen", 0),
            ("vice  president", 0),
            ("s", 0),
            ("reunion", 0),
            ("a-word-of-thirty-three-bytes-long", 2048),
            ("a-word-of-thirty-three-bytes-lon", 0),
            ("a-word-of-thirty-three-bytes-longg", 0),
            ("a-word-of-thirty-three-bytes-lonG", 0),
            ("a-word-of-thirty-four-bytes-longer", 0),
            ("dox", 4096),
            ("dux", 0),
            ("dot", 0),
            ("docx", 0),
            ("ox", 0),
        ];
        for &(w, want) in cases {
            assert_eq!(v.get(w), want, "{w:?}");
        }
        // Lengths over 255, capped in the key: told apart by their bytes.
        let long = "a".repeat(300);
        let v = Vocab::new([(long.clone(), 1), ("a".repeat(256), 2)]);
        assert_eq!(v.get(&long), 1);
        assert_eq!(v.get(&"a".repeat(256)), 2);
        for n in [255, 257, 299, 301, 600] {
            assert_eq!(v.get(&"a".repeat(n)), 0, "{n} bytes");
        }
        assert_eq!(v.get(&format!("{}b", "a".repeat(299))), 0);
    }

    /// `classify` gives every token what `get` gives its normal form, and
    /// marks, in order, exactly the tokens with a bit of the mask.
    #[test]
    fn classify_gives_each_token_its_bits_and_marks_those_asked() {
        use crate::text::Span;
        let words = [
            ("the", 1),
            ("he", 2),
            ("of", 4),
            (",", 8),
            ("spokeswoman", 16),
            ("abc", 32),
        ];
        let v = Vocab::new(words.iter().map(|&(w, b)| (w.to_string(), b)));
        let text = "The spokeswoman, of the Abc group, said he left the \
                    thirty-three-bytes-long-unlisted-word a.";
        let toks = Tokens::new(text, &[Span::new(0, text.len())]);
        let (mut out, mut marked) = (vec![7; 3], vec![9]);
        v.classify(&toks, &mut out, 2 | 32, &mut marked);
        assert_eq!(out.len(), toks.len());
        for (t, &c) in out.iter().enumerate() {
            assert_eq!(c, v.get(toks.norm(t)), "token {t} {:?}", toks.norm(t));
        }
        let want: Vec<u32> = (0..toks.len() as u32)
            .filter(|&t| out[t as usize] & (2 | 32) != 0)
            .collect();
        assert_eq!(marked, want);
        assert_eq!(want.len(), 2, "{marked:?}");
        assert!(out.iter().filter(|&&c| c == 1).count() == 3);
    }

    /// `classify` of tokens whose normal forms are not the text's bytes
    /// (appended after the lower-cased text: "Réunion", "“"), of every
    /// length, up to the buffer's last bytes.
    #[test]
    fn classify_reads_appended_normal_forms_and_the_buffer_end() {
        use crate::text::Span;
        let words = [
            ("reunion", 1),
            ("\"", 2),
            ("eightchr", 4),
            ("ninechars", 8),
            ("it", 16),
            ("the", 32),
        ];
        let v = Vocab::new(words.iter().map(|&(w, b)| (w.to_string(), b)));
        for text in [
            "“Réunion” said it, the eightchr ninechars the Réunion",
            "The ninechars, Réunion eightchr it",
            "it “the” eightchr",
            "Réunion",
            "ninechars",
        ] {
            let toks = Tokens::new(text, &[Span::new(0, text.len())]);
            let (mut out, mut marked) = (Vec::new(), Vec::new());
            v.classify(&toks, &mut out, 1 | 4, &mut marked);
            for (t, &c) in out.iter().enumerate() {
                assert_eq!(
                    c,
                    v.get(toks.norm(t)),
                    "{text:?}: token {t} {:?}",
                    toks.norm(t)
                );
            }
            let want: Vec<u32> = (0..toks.len() as u32)
                .filter(|&t| out[t as usize] & (1 | 4) != 0)
                .collect();
            assert_eq!(marked, want, "{text:?}");
            let reunion = out.iter().any(|&c| c & 1 != 0);
            assert_eq!(reunion, text.contains("Réunion"), "{text:?}: {out:?}");
        }
    }

    /// `pack` reads each word of up to eight bytes as the plain
    /// byte-by-byte little-endian number.
    #[test]
    fn pack_is_the_little_endian_number() {
        let text = b"abcdefgh\xc3\xa9\0z";
        for from in 0..text.len() {
            for n in 0..=8.min(text.len() - from) {
                let w = &text[from..from + n];
                let want = w
                    .iter()
                    .enumerate()
                    .fold(0u64, |k, (i, &b)| k | u64::from(b) << (8 * i));
                assert_eq!(pack(w), want, "{w:?}");
            }
        }
    }

    /// A table far fuller than the lexicon's (every word of two letters)
    /// still finds each word and refuses those of three.
    #[test]
    fn vocab_probes_past_collisions() {
        let words: Vec<String> = (b'a'..=b'z')
            .flat_map(|x| (b'a'..=b'z').map(move |y| String::from_utf8(vec![x, y]).unwrap()))
            .collect();
        let v = Vocab::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.clone(), i as u32 + 1)),
        );
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.get(w), i as u32 + 1, "{w}");
            assert_eq!(v.get(&format!("{w}x")), 0, "{w}x");
        }
    }

    /// The plain look-up the table must agree with: each distinct word's
    /// bits (the union of those it was given) in a map, by its bytes.
    fn plain(words: &[(String, u32)]) -> std::collections::HashMap<Vec<u8>, u32> {
        let mut m = std::collections::HashMap::new();
        for (w, bits) in words {
            *m.entry(w.as_bytes().to_vec()).or_insert(0) |= *bits;
        }
        m
    }

    /// Words over a small alphabet (so that many share their first eight
    /// bytes, their ends and their lengths), NUL and a two-byte letter
    /// among them, of no byte up to twenty.
    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(prop::sample::select(vec!['a', 'b', '\0', 'é', ' ']), 0..20)
            .prop_map(String::from_iter)
    }

    proptest::proptest! {
        /// The table with its one probe and its seldom-taken branch gives
        /// what the plain map gives, for the listed words, words near them
        /// (one byte more, less or changed) and others; in a table built by
        /// `Vocab::new`, and in tables so small, at any seed, that buckets
        /// overflow and long words share a bucket (the probing path).
        #[test]
        fn vocab_gives_what_a_plain_map_gives(
            words in proptest::collection::vec((word(), 1u32..), 0..40),
            others in proptest::collection::vec(word(), 0..40),
            seed in proptest::prelude::any::<u64>(),
        ) {
            let want = plain(&words);
            let mut distinct: Vec<(String, u32)> = (want.iter())
                .map(|(w, &b)| (String::from_utf8(w.clone()).unwrap(), b))
                .collect();
            distinct.sort_unstable();
            // The fewest buckets that leave a slot free (a probe ends at
            // one), two at least (the hash's shift is under 64).
            let small = (distinct.len() / SLOTS + 1).next_power_of_two().max(2);
            let tables = [
                Vocab::new(words.clone()),
                Vocab::placed(&distinct, small, seed),
                Vocab::placed(&distinct, small * 2, seed),
            ];
            let mut asked: Vec<String> = others;
            for (w, _) in &words {
                asked.push(w.clone());
                asked.push(format!("{w}a"));
                asked.push(format!("a{w}"));
                let mut shorter = w.clone();
                shorter.pop();
                asked.push(shorter);
                asked.push(w.replacen('a', "b", 1));
                asked.push(w.replacen('b', "\0", 1));
            }
            for (t, v) in tables.iter().enumerate() {
                for w in &asked {
                    let plain = want.get(w.as_bytes()).copied().unwrap_or(0);
                    proptest::prop_assert_eq!(v.get(w), plain, "table {} word {:?}", t, w);
                }
            }
        }

        /// `classify` gives each token of a text what the plain map gives
        /// its normal form, and marks exactly the tokens with a bit of the
        /// mask: texts of listed words (half the pieces), near misses and
        /// marks, up to the buffer's end (where a form's eight bytes are
        /// not all there).
        #[test]
        fn classify_gives_what_a_plain_map_gives(
            listed in proptest::collection::vec(("[a-c]{1,11}|[,.\"']", 1u32..16), 1..30),
            pieces in proptest::collection::vec(
                (0usize..60, "[a-cA-C]{1,11}|[,.\"']|R\u{e9}union|\u{201c}", "[ ,]|"),
                0..40,
            ),
        ) {
            let mut text = String::new();
            for (i, other, gap) in &pieces {
                text.push_str(listed.get(*i).map_or(other.as_str(), |(w, _)| w.as_str()));
                text.push_str(if gap.is_empty() { " " } else { gap });
            }
            use crate::text::Span;
            let v = Vocab::new(listed.clone());
            let want = plain(&listed);
            let toks = Tokens::new(&text, &[Span::new(0, text.len())]);
            let (mut out, mut marked) = (vec![5; 2], vec![7]);
            v.classify(&toks, &mut out, 2 | 8, &mut marked);
            proptest::prop_assert_eq!(out.len(), toks.len());
            for (t, &c) in out.iter().enumerate() {
                let plain = want.get(toks.norm(t).as_bytes()).copied().unwrap_or(0);
                proptest::prop_assert_eq!(c, plain, "{:?}: token {} {:?}", text, t, toks.norm(t));
            }
            let marks: Vec<u32> = (0..toks.len() as u32)
                .filter(|&t| out[t as usize] & (2 | 8) != 0)
                .collect();
            proptest::prop_assert_eq!(marked, marks, "{:?}", text);
        }
    }
}
