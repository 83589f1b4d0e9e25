//! Sentence tokens: words, single punctuation marks, and mentions as single slots.
//!
//! Words are runs of letters and digits, with in-word apostrophes kept
//! ("won't", "n't"); an apostrophe before letters starts a word ("'s").
//! Every other non-space character is a token of its own, so "US-backed"
//! reads `US` `-` `backed`. Tokens are compared in a normal form: lower case,
//! curly quotes made straight, en and em dashes made one dash.
//!
//! These are not the token layer's tokens ([`crate::text::Tokens`]), on
//! purpose: that layer follows the parser's treebank (`won't` is `wo` `n't`,
//! `3.5` one token, diacritics dropped), while the rules are written in words
//! as a reader spells them (`won't` in the `NEG` set) and count these tokens
//! in their gaps. Reading them over the token layer changes which sentences
//! match (docs/RULES.md, "Patterns").

use std::borrow::Cow;

/// Normalise one token's text for comparison.
pub(crate) fn normalize(s: &str) -> String {
    if s.bytes().all(|b| b.is_ascii() && b != b'`') {
        return s.to_ascii_lowercase();
    }
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' => '"',
            '\u{2014}' | '\u{2013}' | '\u{2012}' => '\u{2013}',
            c => c,
        })
        .collect()
}

/// [`normalize`], borrowing `s` where it is already in normal form (plain
/// lower-case ASCII, as most tokens of news text are once lower-cased).
pub(crate) fn normalize_token(s: &str) -> Cow<'_, str> {
    if s.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`')
    {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(normalize(s))
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// The char at byte `i` of `text` (which must be a char boundary), decoding
/// only where it is not ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text.get(i..)?.chars().next()
    }
}

/// Every byte of a machine word set to `b`.
const fn lanes(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}
const HIGH_BITS: u64 = lanes(0x80);

/// The high bit of each byte of `x` (little-endian: byte 0 lowest) that is
/// an ASCII letter or digit, every other bit clear. With the high bits
/// cleared first (`y`), each byte is below 0x80, so the sums below do not
/// carry from one byte into the next; a sum's high bit is set where the
/// byte is at least the bound it tests. `y | 0x20` makes a capital small
/// and leaves a small letter one; no other byte lands among the small
/// letters (`@` and `[` land on `` ` `` and `{`).
#[inline(always)]
fn ascii_alnum_bits(x: u64) -> u64 {
    let ascii = !x & HIGH_BITS;
    let y = x & !HIGH_BITS;
    let at_least = |v: u64, b: u8| v.wrapping_add(lanes(0x80 - b));
    let digit = at_least(y, b'0') & !at_least(y, b'9' + 1);
    let small = y | lanes(0x20);
    let letter = at_least(small, b'a') & !at_least(small, b'z' + 1);
    (digit | letter) & ascii
}

/// Where the run of ASCII letters and digits from byte `i` of `bytes` ends:
/// eight bytes at a time, the end found as the first byte not among them
/// (a loop byte by byte ends on a branch the word's length decides, which
/// the core mispredicts on most words). Near the end of `bytes`, the last
/// eight bytes shifted down so that the bytes past the end read as zero,
/// which is no letter or digit; a slice shorter than eight bytes is walked
/// byte by byte.
#[inline]
fn ascii_alnum_run_end(bytes: &[u8], mut i: usize) -> usize {
    let window = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let n = bytes.len();
    if n >= 8 {
        while i < n {
            let x = if i + 8 <= n {
                window(i)
            } else {
                window(n - 8) >> (8 * (i + 8 - n))
            };
            let stop = !ascii_alnum_bits(x) & HIGH_BITS;
            if stop != 0 {
                return i + (stop.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
        return n;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// Split `text` into (start, end) byte ranges of words and punctuation, offset by `base`.
///
/// Walks the bytes, decoding a char only where it is not ASCII, and runs
/// through the ASCII letters and digits of a word without decoding at all
/// (for ASCII, `is_alphanumeric` is `is_ascii_alphanumeric`, and
/// `is_whitespace` is a space or one of the bytes 9 to 13). An ASCII byte
/// that is not a letter, a digit or an apostrophe ends a word without a
/// decode; an ASCII byte outside a word is a space or a token of its own
/// (an apostrophe starts a word where a letter follows).
pub(crate) fn split_words(text: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let letter_at = |i: usize| char_at(text, i).is_some_and(char::is_alphabetic);
    // The end of the word whose letters run from before `i`: letters and
    // digits, and apostrophes before a letter.
    let word_end = |mut i: usize| -> usize {
        loop {
            i = ascii_alnum_run_end(bytes, i);
            match bytes.get(i) {
                None => break,
                Some(&b) if b.is_ascii() && b != b'\'' => break,
                Some(_) => {}
            }
            let Some(n) = char_at(text, i) else { break };
            let next = i + n.len_utf8();
            if n.is_alphanumeric() || (is_apostrophe(n) && letter_at(next)) {
                i = next;
            } else {
                break;
            }
        }
        i
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() || (b == b'\'' && letter_at(i)) {
                i = word_end(i);
            } else if b == b' ' || (9..=13).contains(&b) {
                continue;
            }
        } else {
            let Some(c) = char_at(text, i) else { break };
            i += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            if c.is_alphanumeric() || (is_apostrophe(c) && letter_at(i)) {
                i = word_end(i);
            }
        }
        out.push((base + start, base + i));
    }
}

/// Punctuation that may sit inside a `[words]` gap.
pub(crate) fn is_inword_punct(t: &str) -> bool {
    matches!(t, "-" | "'" | "/" | "&")
}

/// One token of a sentence, borrowing from the document where it can.
#[derive(Clone, Debug)]
pub(crate) struct Token<'a> {
    /// Byte range in the document (for a mention: clamped to the sentence).
    pub start: usize,
    pub end: usize,
    /// Normal form (empty for mentions).
    pub norm: Cow<'a, str>,
    /// Index of the mention in the document's mention list.
    pub mention: Option<usize>,
    /// For a place split off an event mention ("talks in Geneva"): the place entity.
    pub nested: Option<crate::gazetteer::EntityIdx>,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.mention.is_none()
            && self
                .norm
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '\'')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first `split_words`, which collected the chars first: the
    /// reference the byte walk must agree with.
    fn split_words_by_chars(text: &str, base: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let word_start = c.is_alphanumeric()
                || (is_apostrophe(c) && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphabetic()));
            if word_start {
                i += 1;
                loop {
                    match chars.get(i) {
                        Some(&(_, n)) if n.is_alphanumeric() => i += 1,
                        Some(&(_, n))
                            if is_apostrophe(n)
                                && chars.get(i + 1).is_some_and(|&(_, m)| m.is_alphabetic()) =>
                        {
                            i += 2
                        }
                        _ => break,
                    }
                }
            } else {
                i += 1;
            }
            let end = chars.get(i).map_or(text.len(), |&(b, _)| b);
            out.push((base + start, base + end));
        }
        out
    }

    fn split(text: &str, base: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        split_words(text, base, &mut out);
        out
    }

    #[test]
    fn split_words_agrees_with_the_char_by_char_split() {
        let cases = [
            "",
            " ",
            "The Minsk talks were brokered by Russia and Turkey.",
            "US-backed forces won't go; it's the rebels' 'own' call",
            "\u{2018}quoted\u{2019} and \u{201c}double\u{201d} \u{2014} dash\u{2013}ish",
            "Erdo\u{11f}an\u{2019}s caf\u{e9} na\u{ef}ve \u{130}stanbul \u{3a3}\u{3bf}\u{3c6}\u{3af}\u{3b1}",
            "'s ' 'x x' x'' x'1 1'a \u{2019}\u{2019}a a\u{2019}\u{2019}b",
            "tab\tnew\nline\u{b}vt\u{c}ff\r\u{85}nel\u{a0}nbsp\u{3000}ideo",
            "\u{665}\u{666} \u{2163}IV \u{b2}x \u{1f600}emoji\u{1f600} \u{300}combining",
        ];
        for (i, text) in cases.iter().enumerate() {
            assert_eq!(
                split(text, 7),
                split_words_by_chars(text, 7),
                "case {i}: {text:?}"
            );
        }
    }

    /// [`ascii_alnum_bits`] marks exactly the ASCII letters and digits, every
    /// byte value in every lane, beside any other bytes.
    #[test]
    fn alnum_bits_mark_the_ascii_letters_and_digits() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                for fill in [0u8, b'a', 0x80, 0xff, b'9', b'Z', b' '] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let got = ascii_alnum_bits(u64::from_le_bytes(bytes));
                    for (k, &c) in bytes.iter().enumerate() {
                        let marked = got >> (8 * k) & 0xff;
                        let want = if c.is_ascii_alphanumeric() { 0x80 } else { 0 };
                        assert_eq!(marked, want, "byte {c:#x} in lane {k} of {bytes:?}");
                    }
                }
            }
        }
    }

    /// The run's end eight bytes at a time is the end byte by byte, from
    /// every start, for runs across and up to the eight-byte windows and the
    /// slice's end.
    #[test]
    fn alnum_runs_end_where_the_bytes_say() {
        let cases: [&[u8]; 7] = [
            b"",
            b"abc",
            b"abcdefgh",
            b"abcdefghi jk",
            b"Ab3dEf9hIjKlMnOpQrStU",
            b"word,word word\xe2\x80\x99s 12345678901234567 x",
            b"\xff\x80abcdefgh\x00ijklmnop\x7f",
        ];
        for bytes in cases {
            for i in 0..=bytes.len() {
                let mut want = i;
                while bytes.get(want).is_some_and(u8::is_ascii_alphanumeric) {
                    want += 1;
                }
                assert_eq!(ascii_alnum_run_end(bytes, i), want, "{bytes:?} from {i}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn split_words_agrees_on_long_words(text in "([a-zA-Z0-9]{0,20}['\u{2019} ,.\u{e9}-]){0,6}") {
            proptest::prop_assert_eq!(split(&text, 5), split_words_by_chars(&text, 5));
        }

        #[test]
        fn split_words_agrees_on_any_text(text in "(?s).{0,40}") {
            proptest::prop_assert_eq!(split(&text, 3), split_words_by_chars(&text, 3));
        }

        #[test]
        fn split_words_agrees_on_word_like_text(text in "[a-zA-Z0-9 '\u{2019}\u{2018}.,\u{e9}\u{660}\t\n\u{b}\u{c}\r\u{1c}\u{85}\u{a0}`-]{0,40}") {
            proptest::prop_assert_eq!(split(&text, 0), split_words_by_chars(&text, 0));
        }
    }
}
