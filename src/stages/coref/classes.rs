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

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::lexicon::{WordHasher, WordMap};
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

/// A word's bits, looked up without hashing the word where it is short.
///
/// Words of one or two bytes (marks, "of", "to", "in", "it": a quarter of a
/// text's words) are read straight from a table. Longer ones are first
/// asked of a bit table by their first and last byte (is there a word of
/// this length with these two ends?); words of up to eight bytes (nearly
/// all the lists' words, and most words of a text) are then packed into a
/// `u64` and found, with their length, in an open-addressed table by one
/// multiplication; longer ones are hashed.
pub struct Vocab {
    /// The bits of every word of one or two bytes, at [`tiny_index`] (0
    /// for a word in no list).
    tiny: Box<[u32]>,
    /// Per first and last byte ([`ends_index`]), bit `min(len, 31)` set for
    /// each word of three bytes or more of that length with those ends.
    ends: Box<[u32]>,
    /// Slots of (packed word, length, bits); `len == EMPTY` marks a free one.
    short: Vec<(u64, u8, u32)>,
    /// `64 - log2(short.len())`.
    shift: u32,
    /// Words over eight bytes, by their bytes (a token's normal form is
    /// looked up as the bytes it is, with no check that they are UTF-8:
    /// every word here is, so bytes that are not match none).
    long: HashMap<Box<[u8]>, u32, BuildHasherDefault<WordHasher>>,
}

/// The length mark of a free slot.
const EMPTY: u8 = u8::MAX;

/// Where [`Vocab::ends`] keeps the lengths of the words of three bytes or
/// more whose first byte is `first` and last byte `last`.
#[inline(always)]
fn ends_index(first: u8, last: u8) -> usize {
    usize::from(first) | usize::from(last) << 8
}

/// Where [`Vocab::tiny`] keeps the bits of the word `w` of one or two
/// bytes: its byte for one, 256 plus its two bytes as a little-endian
/// number for two (so every such word has its own place).
#[inline(always)]
fn tiny_index(w: &[u8]) -> usize {
    match *w {
        [x] => usize::from(x),
        [x, y] => 256 + usize::from(u16::from_le_bytes([x, y])),
        _ => unreachable!("tiny_index of a word of one or two bytes"),
    }
}

/// A short word (up to eight bytes) as a number: its bytes, little-endian,
/// zero-padded (the length is kept beside it, so "a" and "a\0" differ).
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

impl Vocab {
    /// The vocabulary of `(word, bits)` pairs (a word given twice has the
    /// union of its bits).
    pub fn new(words: impl IntoIterator<Item = (String, u32)>) -> Vocab {
        let mut all: WordMap<u32> = WordMap::default();
        for (w, bits) in words {
            *all.entry(w).or_default() |= bits;
        }
        let n_short = all.keys().filter(|w| w.len() <= 8).count();
        let size = (n_short * 4).next_power_of_two().max(16);
        let mut v = Vocab {
            tiny: vec![0; 256 + 65536].into_boxed_slice(),
            ends: vec![0; 65536].into_boxed_slice(),
            short: vec![(0, EMPTY, 0); size],
            shift: 64 - size.trailing_zeros(),
            long: HashMap::default(),
        };
        for (w, bits) in all {
            let b = w.as_bytes();
            if matches!(b.len(), 1 | 2) {
                v.tiny[tiny_index(b)] = bits;
            }
            if let (true, Some(&first), Some(&last)) = (b.len() >= 3, b.first(), b.last()) {
                v.ends[ends_index(first, last)] |= 1 << b.len().min(31);
            }
            if w.len() <= 8 {
                let (k, len) = (pack(b), w.len() as u8);
                let mut i = v.slot(k, len);
                while v.short[i].1 != EMPTY {
                    i = (i + 1) & (size - 1);
                }
                v.short[i] = (k, len, bits);
            } else {
                v.long.insert(w.into_bytes().into_boxed_slice(), bits);
            }
        }
        v
    }

    /// The first slot to probe for a packed word.
    fn slot(&self, k: u64, len: u8) -> usize {
        let h = (k ^ u64::from(len).rotate_right(8)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> self.shift) as usize
    }

    /// Every token's bits, in order, into `out` (cleared first): what
    /// [`Vocab::get`] gives of each token's normal form; and in `marked`
    /// (cleared first), in order, the tokens whose bits have one of `mask`.
    /// (A loop of its own, each slot of `out` written in place, not pushed.)
    #[inline(never)]
    pub fn classify(&self, toks: &Tokens, out: &mut Vec<u32>, mask: u32, marked: &mut Vec<u32>) {
        out.clear();
        out.resize(toks.len(), 0);
        marked.clear();
        for (t, (c, b)) in out.iter_mut().zip(toks.norm_bytes()).enumerate() {
            let bits = self.get_bytes(b);
            *c = bits;
            if bits & mask != 0 {
                marked.push(t as u32);
            }
        }
    }

    /// The bits of word `w` (0 for a word in no list).
    pub fn get(&self, w: &str) -> u32 {
        self.get_bytes(w.as_bytes())
    }

    /// [`Vocab::get`] of the word whose bytes are `b` (UTF-8). (Inlined
    /// into the one loop that asks it of every token.)
    #[inline(always)]
    fn get_bytes(&self, b: &[u8]) -> u32 {
        let n = b.len();
        if matches!(n, 1 | 2) {
            return self.tiny[tiny_index(b)];
        }
        if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
            // A word of three bytes or more in no list's table of ends.
            if self.ends[ends_index(first, last)] & (1 << n.min(31)) == 0 {
                return 0;
            }
        }
        if n <= 8 {
            let (k, len) = (pack(b), n as u8);
            let mask = self.short.len() - 1;
            let mut i = self.slot(k, len);
            loop {
                let (sk, sl, bits) = self.short[i];
                if sl == EMPTY {
                    return 0;
                }
                if sk == k && sl == len {
                    return bits;
                }
                i = (i + 1) & mask;
            }
        }
        self.long.get(b).copied().unwrap_or(0)
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
}
