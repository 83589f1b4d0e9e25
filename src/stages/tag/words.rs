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
/// Always inlined: the tagger's scan calls it once per word, and whether
/// LLVM inlines it under a plain `#[inline]` changed with unrelated code
/// elsewhere in the crate (about 15% of the tagger's instructions).
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
