//! Sentence tokens: words, single punctuation marks, and mentions as single slots.
//!
//! Words are runs of letters and digits, with in-word apostrophes kept
//! ("won't", "n't"); an apostrophe before letters starts a word ("'s").
//! Every other non-space character is a token of its own, so "US-backed"
//! reads `US` `-` `backed`. Tokens are compared in a normal form: lower case,
//! curly quotes made straight, en and em dashes made one dash.

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

/// Split `text` into (start, end) byte ranges of words and punctuation, offset by `base`.
pub(crate) fn split_words(text: &str, base: usize, out: &mut Vec<(usize, usize)>) {
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
