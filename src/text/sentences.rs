//! Sentence segmentation that survives news text: abbreviations, initials,
//! dotted acronyms, quotes after full stops, ellipses, headlines and captions
//! without a full stop, CRLF and hard-wrapped wire copy.
//!
//! The segmenter works on the original text (not the normalised view) and
//! finds *cuts*; the text between two cuts, trimmed of whitespace, is a
//! sentence if it is not empty. So sentences are in order, never overlap,
//! never empty, and every non-whitespace character belongs to one.
//!
//! # Rules
//!
//! A cut follows a run of `.` `!` `?` `…` (with any closing quotes and
//! brackets after it) when whitespace follows and the next character starts a
//! sentence: an upper-case or uncased letter, a digit, an opening quote or
//! bracket. A single `.` after a word is checked against the word:
//!
//! | word before `.`                                 | cut?                                              |
//! |-------------------------------------------------|---------------------------------------------------|
//! | title (`Mr` `Dr` `St` `Gen` `Prof` `Gov` ...)    | never                                             |
//! | `e.g` `i.e` `vs` `etc.`-like Latin (`cf` `approx`) | never, except `etc`: like `Inc`                 |
//! | month (`Jan` ... `Dec`, `Sept`), `No` `Fig` `Vol` `pp` | not before a digit; else only before a sentence-starting word |
//! | `Jr` `Sr`                                        | only before a sentence-starting word (`The`, `He`, `But` ...) |
//! | company suffix (`Inc` `Ltd` `Co` `Corp` `Plc` ...) | yes, unless another suffix follows (`Co. Ltd.`)  |
//! | dotted acronym (`U.S` `U.N` `D.C` `a.m`)         | only before a sentence-starting word              |
//! | one capital letter (an initial: `George A. Krol`) | never                                            |
//! | anything else, numbers included (`in 2004.`)    | yes                                               |
//!
//! The words of the table are data: `lexicon/titles.txt`,
//! `lexicon/abbreviations-*.txt`, `lexicon/company-suffixes.txt`,
//! `lexicon/sentence-starters.txt` ([`crate::lexicon::sentences`]).
//!
//! Line breaks: a blank line ends a sentence, except in the gaps scraped
//! pages leave where links were removed: after a line that does not end in
//! terminal punctuation, a line starting with a lower-case letter or with
//! `.` `,` `;` `:` `)` continues it. A line starting with a bullet (`- `,
//! `• `, `* `) always starts a unit. A single line break ends
//! one too (headlines, captions, datelines are their own units) unless the
//! line ends in terminal punctuation (then the rules above decide) or the
//! break is inside running text: the line ends with `,` `;` `-` or a function
//! word (`the`, `of`, `in`, `said` ...), the line is long (50 chars or more)
//! and not all capitals, or the next line starts with a lower-case letter.
//!
//! ```
//! use kgx::text::sentences;
//! let text = "Talks stall in Astana\n\nMr. Lavrov arrived in the U.S. He met \
//!             George A. Krol on Dec. 29, he said. \u{201C}It went well.\u{201D} Then he left.";
//! let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(got, [
//!     "Talks stall in Astana",
//!     "Mr. Lavrov arrived in the U.S.",
//!     "He met George A. Krol on Dec. 29, he said.",
//!     "\u{201C}It went well.\u{201D}",
//!     "Then he left.",
//! ]);
//! ```
//!
//! Limitations: no sentence cuts without whitespace after the punctuation
//! (Chinese and Japanese `。`), and a wrapped line that ends on a content word
//! before a capitalised word (`met with President\nPutin` is fine, `met
//! Russian\nPresident Putin` is cut when the line is short) looks exactly
//! like a headline; a mixed-case headline of 50 chars or more directly above
//! its text (no blank line) is joined to it.

use std::ops::Range;
use std::sync::LazyLock;

use crate::lexicon::sentences::SentenceWords;

/// A line this long (in chars) with lower-case letters is wrapped running
/// text, not a headline: wire copy wraps at 60 to 70 columns.
const WRAPPED_LINE: usize = 50;

/// Bits of [`lists`]: one per word list.
const IN_TITLES: u8 = 1 << 0;
const IN_NEVER: u8 = 1 << 1;
const IN_BEFORE_NUMBER: u8 = 1 << 2;
const IN_SUFFIXES: u8 = 1 << 3;
const IN_STARTERS: u8 = 1 << 4;
const IN_CONTINUE_WORDS: u8 = 1 << 5;

/// The word lists of [`SentenceWords`] `word` is in, one bit each
/// (`lists(word) & IN_TITLES != 0` is `titles.contains(word)`): one probe of
/// a hash table over integer keys ([`word_key`]) instead of a string compare
/// with every entry of every list. Most words asked about (the word before
/// a full stop) are in no list: their probe meets an empty slot at once.
fn lists(word: &str) -> u8 {
    match word_key(word) {
        Some(key) => lists_by_key(key),
        None => 0,
    }
}

/// [`lists`] of the word whose [`word_key`] is `key`.
fn lists_by_key(key: u128) -> u8 {
    static TABLE: LazyLock<ListTable> = LazyLock::new(|| {
        let words = SentenceWords::english();
        ListTable::new(
            [
                (IN_TITLES, &words.titles),
                (IN_NEVER, &words.never),
                (IN_BEFORE_NUMBER, &words.before_number),
                (IN_SUFFIXES, &words.suffixes),
                (IN_STARTERS, &words.starters),
                (IN_CONTINUE_WORDS, &words.continue_words),
            ]
            .into_iter()
            .flat_map(|(bit, words)| {
                // (the lexicon refuses entries over 15 bytes)
                words.iter().filter_map(move |w| Some((word_key(w)?, bit)))
            }),
        )
    });
    TABLE.get(key)
}

/// [`lists`] of `text[start..]`, the word that ends `text`: its key read as
/// the last 16 bytes of `text` when there are so many (one load and a shift,
/// the bytes before the word shifted out), else by [`word_key`].
fn lists_of_end(text: &str, start: usize) -> u8 {
    let len = text.len() - start;
    match text.as_bytes().last_chunk::<16>() {
        Some(window) if (1..=15).contains(&len) => {
            let key = (u128::from_le_bytes(*window) >> (8 * (16 - len))) | ((len as u128) << 120);
            debug_assert_eq!(Some(key), word_key(&text[start..]));
            lists_by_key(key)
        }
        _ => lists(&text[start..]),
    }
}

/// An open-addressing hash table from [`word_key`] keys to their list bits
/// (a word in several lists: one entry with all their bits), at most a
/// quarter full, probed linearly.
struct ListTable {
    /// Per slot, a key or [`ListTable::EMPTY`].
    keys: Vec<u128>,
    /// Per slot, the list bits of its key.
    bits: Vec<u8>,
    /// `64 - log2(slots)`: the hash's top bits pick the slot.
    shift: u32,
}

impl ListTable {
    /// No key: its last byte, the length, would be 255 (keys have 0 to 15).
    const EMPTY: u128 = u128::MAX;

    fn new(entries: impl Iterator<Item = (u128, u8)>) -> ListTable {
        let entries: Vec<(u128, u8)> = entries.collect();
        let slots = (entries.len() * 4).next_power_of_two().max(16);
        let mut table = ListTable {
            keys: vec![Self::EMPTY; slots],
            bits: vec![0; slots],
            shift: 64 - slots.trailing_zeros(),
        };
        for (key, bit) in entries {
            let mut s = table.slot(key);
            while table.keys[s] != Self::EMPTY && table.keys[s] != key {
                s = (s + 1) & (slots - 1);
            }
            table.keys[s] = key;
            table.bits[s] |= bit;
        }
        table
    }

    /// Where the probe for `key` starts.
    fn slot(&self, key: u128) -> usize {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let h = ((key as u64).wrapping_mul(K) ^ ((key >> 64) as u64)).wrapping_mul(K);
        (h >> self.shift) as usize
    }

    /// The list bits of `key` (0: in no list).
    fn get(&self, key: u128) -> u8 {
        let mask = self.keys.len() - 1;
        let mut s = self.slot(key);
        loop {
            match self.keys[s] {
                k if k == key => return self.bits[s],
                Self::EMPTY => return 0,
                _ => s = (s + 1) & mask,
            }
        }
    }
}

/// Whether `word` is a title (`lexicon/titles.txt`): `titles.contains(word)`
/// by the table of [`lists`], for the token scanner's "Mr." (a title keeps
/// its dot) instead of a string compare with every title.
pub(crate) fn is_title(word: &str) -> bool {
    lists(word) & IN_TITLES != 0
}

/// A word of at most 15 bytes as an integer: its bytes, then its length in
/// the last byte, so two words have the same key only if they are equal.
fn word_key(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > 15 {
        return None;
    }
    // The bytes gathered into two halves (a copy of run-time length would
    // be a call).
    let (mut lo, mut hi) = (0u64, (b.len() as u64) << 56);
    for (k, &byte) in b.iter().enumerate() {
        if k < 8 {
            lo |= u64::from(byte) << (8 * k);
        } else {
            hi |= u64::from(byte) << (8 * (k - 8));
        }
    }
    Some(u128::from(lo) | (u128::from(hi) << 64))
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '“' | '‘'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '‚' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡'
    )
}

/// Whether `c`, after punctuation and whitespace, can start a sentence.
fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_numeric() || is_opening(c) || (c.is_alphabetic() && !c.is_lowercase())
}

/// Byte ranges of the sentences of `text` (the original text, not the
/// normalised view), in order, trimmed of surrounding whitespace, never
/// empty, never overlapping, on char boundaries.
///
/// ```
/// use kgx::text::sentences;
/// let text = "Shares of Acme Inc. Rose 3.5%.\r\nIt was hard going ... But one \
///             analyst, Dr. Smith, said \u{201C}no.\u{201D} he added.";
/// let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(got, [
///     "Shares of Acme Inc.",
///     "Rose 3.5%.",
///     "It was hard going ...",
///     "But one analyst, Dr. Smith, said \u{201C}no.\u{201D} he added.",
/// ]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    // News text has a cut every 120 bytes or so: room for that saves most
    // of the reallocations as the cuts are pushed.
    let mut cuts = Vec::with_capacity(text.len() / 128 + 1);
    let marks = marks(text.as_bytes());
    line_cuts(text, &marks.breaks, &mut cuts);
    punctuation_cuts(text, &marks.stops, &mut cuts);
    cuts.sort_unstable();
    cuts.dedup();

    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for end in cuts.into_iter().chain(std::iter::once(text.len())) {
        let piece = &text[start..end];
        let trimmed = trim_start(piece);
        let s = start + (piece.len() - trimmed.len());
        let e = s + trim_end(trimmed).len();
        if s < e {
            out.push(s..e);
        }
        start = end;
    }
    out
}

/// Cuts before lines that start a new unit (`breaks`: [`Marks::breaks`]).
fn line_cuts(text: &str, breaks: &[usize], cuts: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    // Trimmed content of the last non-blank line.
    let mut prev: Option<&str> = None;
    let mut blank_between = false;
    let mut line_start = 0;
    let mut i = 0;
    let mut breaks = Ahead::new(breaks.iter().copied());
    loop {
        // Find the end of the line and the start of the next.
        let (line_end, next_start, paragraph) = match next_line_break(bytes, &mut breaks, i) {
            Some((end, next, paragraph)) => (end, next, paragraph),
            None => (text.len(), text.len(), false),
        };
        let line = &text[line_start..line_end];
        let from_content = trim_start(line);
        if from_content.is_empty() {
            blank_between = true;
        } else {
            let content = trim_end(from_content);
            let s = line_start + (line.len() - from_content.len());
            if let Some(prev) = prev {
                let joined = if is_bullet(content) {
                    false
                } else if blank_between {
                    bridges_gap(prev, content)
                } else {
                    continues(prev, content)
                };
                if !joined {
                    cuts.push(s);
                }
            }
            prev = Some(content);
            blank_between = false;
        }
        if paragraph {
            blank_between = true;
        }
        if next_start >= text.len() {
            break;
        }
        line_start = next_start;
        i = next_start;
    }
}

/// The next line break at or after `i` (no less than any `i` asked before),
/// among the candidate bytes `breaks`: (end of line, start of next line,
/// whether it is a paragraph separator).
fn next_line_break(
    bytes: &[u8],
    breaks: &mut Ahead<impl Iterator<Item = usize>>,
    mut i: usize,
) -> Option<(usize, usize, bool)> {
    loop {
        i = breaks.at(i)?;
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'\n', _, _) => return Some((i, i + 1, false)),
            (b'\r', Some(b'\n'), _) => return Some((i, i + 2, false)),
            (b'\r', _, _) => return Some((i, i + 1, false)),
            (0xE2, Some(0x80), Some(0xA8)) => return Some((i, i + 3, false)),
            (0xE2, Some(0x80), Some(0xA9)) => return Some((i, i + 3, true)),
            _ => i += 1,
        }
    }
}

/// The positions of the bytes the splitter stops at, in order, one list
/// per pass: the bytes each pass looks for, sorted out as they are found
/// (where one list was filtered by each pass, a byte read per mark).
#[derive(Debug, Default, PartialEq, Eq)]
struct Marks {
    /// For [`line_cuts`]: the line breaks `\n` `\r`, and 0xE2, which leads
    /// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
    breaks: Vec<usize>,
    /// For [`punctuation_cuts`]: `.` `!` `?`, and 0xE2, which leads `…`
    /// (U+2026) and `‼` `⁇` `⁈` `⁉` (U+203C, U+2047..U+2049).
    stops: Vec<usize>,
}

/// The [`Marks`] of `bytes`: one pass over the text for both passes, 32
/// bytes a step with AVX2 where the processor has it (where the `memchr`
/// crate's searches were one pass each and a call per hit);
/// [`marks_by_bytes`] elsewhere.
fn marks(bytes: &[u8]) -> Marks {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2.
        return unsafe { marks_avx2(bytes) };
    }
    marks_by_bytes(bytes, 0, Marks::with_capacity(bytes.len()))
}

impl Marks {
    /// Room for the marks of a text of `len` bytes, most of the time (news
    /// text has a line break every 63 bytes and a stop every 96).
    fn with_capacity(len: usize) -> Marks {
        Marks {
            breaks: Vec::with_capacity(len / 32 + 8),
            stops: Vec::with_capacity(len / 48 + 8),
        }
    }
}

/// Whether [`line_cuts`] stops at byte `b` ([`Marks::breaks`]).
fn is_break(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | 0xE2)
}

/// Whether [`punctuation_cuts`] stops at byte `b` ([`Marks::stops`]).
fn is_stop(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | 0xE2)
}

/// [`marks`] from `from` on, appended to `out`, byte by byte: the
/// definition the vector code is held to (and its tail).
fn marks_by_bytes(bytes: &[u8], from: usize, mut out: Marks) -> Marks {
    for (p, &b) in bytes.iter().enumerate().skip(from) {
        if is_break(b) {
            out.breaks.push(p);
        }
        if is_stop(b) {
            out.stops.push(p);
        }
    }
    out
}

/// [`marks`] with AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn marks_avx2(bytes: &[u8]) -> Marks {
    use std::arch::x86_64::{
        _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8,
    };
    let mut out = Marks::with_capacity(bytes.len());
    if bytes.len() < 32 {
        return marks_by_bytes(bytes, 0, out);
    }
    // The bits of the block at `at` for `breaks` and for `stops`.
    let block_marks = |at: usize| {
        let block: &[u8; 32] = bytes[at..].first_chunk().expect("32 bytes from `at`");
        // SAFETY: the load reads the 32 bytes of `block` (unaligned).
        let v = unsafe { _mm256_loadu_si256(block.as_ptr().cast()) };
        let is = |b: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b as i8));
        let e2 = is(0xE2);
        let breaks = _mm256_or_si256(_mm256_or_si256(is(b'\n'), is(b'\r')), e2);
        let stops = _mm256_or_si256(
            _mm256_or_si256(is(b'.'), is(b'!')),
            _mm256_or_si256(is(b'?'), e2),
        );
        (
            _mm256_movemask_epi8(breaks) as u32,
            _mm256_movemask_epi8(stops) as u32,
        )
    };
    let push = |out: &mut Marks, at: usize, (breaks, stops): (u32, u32)| {
        for (mut found, list) in [(breaks, &mut out.breaks), (stops, &mut out.stops)] {
            while found != 0 {
                list.push(at + found.trailing_zeros() as usize);
                found &= found - 1;
            }
        }
    };
    let mut i = 0;
    while i + 32 <= bytes.len() {
        push(&mut out, i, block_marks(i));
        i += 32;
    }
    if i < bytes.len() {
        // The rest, in the last 32 bytes of the text: the bits of the bytes
        // before `i`, pushed already, are shifted out.
        let last = bytes.len() - 32;
        let (breaks, stops) = block_marks(last);
        let seen = i - last;
        push(
            &mut out,
            last,
            (breaks >> seen << seen, stops >> seen << seen),
        );
    }
    out
}

/// The positions an increasing iterator gives (of [`marks`], the list of
/// one pass), asked for in increasing order: the first at
/// or after `i`. A caller that jumps past some (the rest of a
/// `\r\n`, a run of dots) has them skipped.
struct Ahead<I> {
    positions: I,
    /// The last position taken from `positions` and not yet passed.
    next: Option<usize>,
}

impl<I: Iterator<Item = usize>> Ahead<I> {
    fn new(mut positions: I) -> Self {
        let next = positions.next();
        Ahead { positions, next }
    }

    /// The first position at or after `i` (no less than any `i` asked
    /// before).
    fn at(&mut self, i: usize) -> Option<usize> {
        loop {
            match self.next {
                Some(p) if p < i => self.next = self.positions.next(),
                next => return next,
            }
        }
    }
}

/// Whether a trimmed line starts with a list bullet (`- `, `• `, `* `, `– `):
/// each item is its own unit.
fn is_bullet(line: &str) -> bool {
    // (a line starting with an ASCII byte other than `-` and `*`, as nearly
    // every one does, starts with no bullet: the others are not ASCII)
    if line
        .as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii() && !matches!(b, b'-' | b'*'))
    {
        return false;
    }
    let mut chars = line.chars();
    matches!(chars.next(), Some('-' | '•' | '*' | '–' | '—' | '·'))
        && chars.next().is_some_and(char::is_whitespace)
}

/// The last char of `line` before the closing quotes and brackets that end
/// it: `line.trim_end_matches(is_closing).chars().next_back()`, read as
/// the last byte where that is ASCII and no closing mark (nearly every
/// line: the ASCII closing marks are `"` `'` `)` `]` `}`).
fn last_before_closing(line: &str) -> Option<char> {
    match line.as_bytes().last() {
        Some(&b) if b.is_ascii() && !matches!(b, b'"' | b'\'' | b')' | b']' | b'}') => {
            Some(char::from(b))
        }
        _ => line.trim_end_matches(is_closing).chars().next_back(),
    }
}

/// Whether the line `next` continues the sentence of `prev` across a blank
/// line. Scraped pages leave blank lines where links were removed
/// (`the BBC's comedy\n\n. And the`, `like an\n\nagent provocateur\n\nand`):
/// a line that starts with a lower-case letter or with punctuation that
/// cannot open a sentence continues a line that did not end one.
fn bridges_gap(prev: &str, next: &str) -> bool {
    let last = last_before_closing(prev);
    if last.is_some_and(is_terminal) {
        return false;
    }
    next.chars().next().is_some_and(|c| {
        c.is_lowercase() || matches!(c, '.' | ',' | ';' | ':' | ')' | ']' | '}' | '!' | '?' | '…')
    })
}

/// Whether the line `next` continues the sentence of the line `prev` (both
/// trimmed, non-empty) rather than starting a unit of its own.
fn continues(prev: &str, next: &str) -> bool {
    let last = last_before_closing(prev);
    if last.is_some_and(is_terminal) {
        // The punctuation rules decide, the break is just whitespace.
        return true;
    }
    // (an ASCII byte at either end is the char there: read as it is)
    let prev_last = match prev.as_bytes().last() {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => prev.chars().next_back(),
    };
    if matches!(prev_last, Some(',' | ';' | '-' | '–' | '—')) {
        return true;
    }
    let next_lower = match next.as_bytes().first() {
        Some(&b) if b.is_ascii() => b.is_ascii_lowercase(),
        _ => next.chars().next().is_some_and(char::is_lowercase),
    };
    if next_lower {
        return true;
    }
    // (a char is at least one byte: most lines are decided by their length)
    // (a char is at most four bytes: a line of 200 bytes is 50 chars
    // without counting them)
    // (an ASCII line has as many chars as bytes: told without counting)
    if prev.len() >= WRAPPED_LINE
        && (prev.len() >= 4 * WRAPPED_LINE
            || prev.is_ascii()
            || prev.chars().count() >= WRAPPED_LINE)
        && prev.chars().any(char::is_lowercase)
    {
        // hard-wrapped copy (`...the Indian Sugar\nMills Association said.`);
        // headlines are shorter or in capitals
        return true;
    }
    lists_of_end(prev, word_ending_start(prev)) & IN_CONTINUE_WORDS != 0
}

/// Cuts after sentence-ending punctuation (`stops`: [`Marks::stops`]).
fn punctuation_cuts(text: &str, stops: &[usize], cuts: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut marks = Ahead::new(stops.iter().copied());
    while let Some(p) = marks.at(i) {
        i = p;
        if let Some((run_end, cut)) = ascii_candidate(text, i) {
            cuts.extend(cut);
            i = run_end;
            continue;
        }
        if bytes[i] == 0xE2 && !text[i..].chars().next().is_some_and(is_terminal) {
            i += 1;
            continue;
        }
        // The run of terminal punctuation, then closing quotes and brackets.
        let run_start = i;
        let mut end = i;
        let mut dots = 0;
        let mut only_dots = true;
        for c in text[i..].chars() {
            if !is_terminal(c) {
                break;
            }
            if c == '.' {
                dots += 1;
            } else {
                only_dots = false;
            }
            end += c.len_utf8();
        }
        let run_end = end;
        for c in text[end..].chars() {
            if !is_closing(c) {
                break;
            }
            end += c.len_utf8();
        }
        i = run_end;
        let rest = &text[end..];
        let after = rest.trim_start();
        if after.len() == rest.len() || after.is_empty() {
            // no whitespace after it, or the end of the text
            continue;
        }
        let Some(next) = after.chars().next() else {
            continue;
        };
        if !starts_sentence(next) {
            continue;
        }
        let after_next = after[next.len_utf8()..].chars().next();
        if is_closing(next) && !matches!(after_next, Some(c) if !c.is_whitespace()) {
            // a dangling closing quote after a space: `documents. "`
            continue;
        }
        let single_dot = only_dots && dots == 1 && run_end == end;
        if single_dot && !dot_ends_sentence(&text[..run_start], after) {
            continue;
        }
        cuts.push(end);
    }
}

/// `text.trim_start()`, the ASCII white space tested as bytes (`str`'s
/// decodes every char and asks the Unicode table).
fn trim_start(text: &str) -> &str {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            c if is_ascii_space(c) => i += 1,
            0x80.. => return text[i..].trim_start(),
            _ => break,
        }
    }
    &text[i..]
}

/// `text.trim_end()`, the ASCII white space tested as bytes.
fn trim_end(text: &str) -> &str {
    let b = text.as_bytes();
    let mut e = b.len();
    while e > 0 {
        match b[e - 1] {
            c if is_ascii_space(c) => e -= 1,
            0x80.. => return text[..e].trim_end(),
            _ => break,
        }
    }
    &text[..e]
}

/// ASCII whitespace as `char::is_whitespace` has it (with U+000B, which
/// `u8::is_ascii_whitespace` leaves out).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The loop body of [`punctuation_cuts`] for the run of punctuation at `i`,
/// decided on bytes where every byte it reads is ASCII (news copy: nearly
/// every full stop): where the run ends and the cut after it, if any. `None`
/// when it meets a byte of a longer char (a `…`, a curly quote, a
/// non-breaking space, a letter of another alphabet) where the loop reads a
/// char: the loop then decides by chars, from the same place.
///
/// It asks what the loop asks, in the same order, each test on a char
/// narrowed to ASCII: terminal `.` `!` `?`, closing `"` `'` `)` `]` `}`,
/// white space U+0009..U+000D and space, a sentence start being an
/// upper-case letter, a digit or an opening `"` `'` `(` `[` `{`.
fn ascii_candidate(text: &str, i: usize) -> Option<(usize, Option<usize>)> {
    let b = text.as_bytes();
    let mut j = i;
    let mut dots = 0;
    let mut only_dots = true;
    loop {
        match b.get(j) {
            Some(b'.') => dots += 1,
            Some(b'!' | b'?') => only_dots = false,
            Some(0x80..) => return None,
            _ => break,
        }
        j += 1;
    }
    let run_end = j;
    loop {
        match b.get(j) {
            Some(b'"' | b'\'' | b')' | b']' | b'}') => j += 1,
            Some(0x80..) => return None,
            _ => break,
        }
    }
    let end = j;
    loop {
        match b.get(j) {
            Some(&c) if is_ascii_space(c) => j += 1,
            Some(0x80..) => return None,
            _ => break,
        }
    }
    let no_cut = Some((run_end, None));
    let Some(&next) = b.get(j) else {
        // the end of the text
        return no_cut;
    };
    if j == end {
        // no whitespace after it
        return no_cut;
    }
    let opening = matches!(next, b'"' | b'\'' | b'(' | b'[' | b'{');
    if !(next.is_ascii_uppercase() || next.is_ascii_digit() || opening) {
        return no_cut;
    }
    if matches!(next, b'"' | b'\'') {
        // a closing quote too
        match b.get(j + 1) {
            Some(0x80..) => return None,
            Some(&c) if !is_ascii_space(c) => {}
            // a dangling closing quote after a space: `documents. "`
            _ => return no_cut,
        }
    }
    let single_dot = only_dots && dots == 1 && run_end == end;
    if single_dot && may_be_listed_word(b, i) && !dot_ends_sentence(&text[..i], &text[j..]) {
        return no_cut;
    }
    Some((run_end, Some(end)))
}

/// Whether the word before the dot at `dot` may be one the rules of
/// [`dot_ends_sentence`] name; `false` only where that dot ends the
/// sentence by the last rule ("anything else"), told from the last three
/// bytes before the dot, so most full stops ("said.", "year.", "2004.")
/// are decided without the scan back over the word and its look-ups.
///
/// Where the two bytes before the dot are ASCII letters or digits, the
/// word ends with them: it is at least two chars long, so no initial, and
/// its last part after any dot is too, so no dotted acronym. It is in no
/// list of the rules when no entry ends as it does: the last three bytes
/// where the byte before those two is an ASCII letter or digit too, else
/// (a space, a quote, the text's start: the word is those two bytes) the
/// two bytes alone, and [`ListEnds`] holds those endings of every entry.
/// A word reaching further back through a dot or a non-ASCII byte is
/// left to the rules.
fn may_be_listed_word(b: &[u8], dot: usize) -> bool {
    if dot < 2 {
        return true;
    }
    let (p, l) = (b[dot - 2], b[dot - 1]);
    let before = if dot >= 3 { b[dot - 3] } else { b' ' };
    if !(p.is_ascii_alphanumeric() && l.is_ascii_alphanumeric()) {
        return true;
    }
    let first = match before {
        c if c.is_ascii_alphanumeric() => c,
        b'.' | 0x80.. => return true,
        _ => 0,
    };
    static ENDS: LazyLock<ListEnds> = LazyLock::new(|| {
        let words = SentenceWords::english();
        let mut ends = ListEnds { bits: [0; 64] };
        for list in [
            &words.titles,
            &words.never,
            &words.before_number,
            &words.suffixes,
        ] {
            for word in list.iter() {
                ends.add(word.as_bytes());
            }
        }
        ends
    });
    ENDS.may_hold(first, p, l)
}

/// The endings of the words of some lists, for [`may_be_listed_word`]: the
/// last three bytes of each word of three bytes or more, the last two
/// (after a 0) of each word of two, in a set of 4096 bits by a hash (a
/// collision only lets more words through to the rules).
struct ListEnds {
    bits: [u64; 64],
}

impl ListEnds {
    fn index(first: u8, p: u8, l: u8) -> usize {
        let h =
            (u32::from(first) << 16 | u32::from(p) << 8 | u32::from(l)).wrapping_mul(0x9E37_79B1);
        (h >> 20) as usize
    }

    fn add(&mut self, word: &[u8]) {
        let key = match *word {
            [.., first, p, l] if word.len() >= 3 => (first, p, l),
            [p, l] => (0, p, l),
            _ => return,
        };
        let i = ListEnds::index(key.0, key.1, key.2);
        self.bits[i / 64] |= 1 << (i % 64);
    }

    fn may_hold(&self, first: u8, p: u8, l: u8) -> bool {
        let i = ListEnds::index(first, p, l);
        self.bits[i / 64] >> (i % 64) & 1 != 0
    }
}

/// Whether a single `.` ends a sentence, given the text before it and the
/// text after the whitespace that follows it (which starts a sentence).
fn dot_ends_sentence(before: &str, after: &str) -> bool {
    let mut start = dotted_word_start(before);
    // (byte tests: the leading dots and a dot inside are ASCII)
    while before.as_bytes().get(start) == Some(&b'.') {
        start += 1;
    }
    let word = &before[start..];
    if word.is_empty() {
        return true;
    }
    // What follows is looked at only for the few words that need it.
    let next_word = || word_starting(after);
    let next_is_starter = || lists(next_word()) & IN_STARTERS != 0;
    let next_is_digit = after.as_bytes().first().is_some_and(u8::is_ascii_digit);

    if word.bytes().any(|b| b == b'.') {
        if lists(word) & IN_NEVER != 0 {
            return false;
        }
        // dotted acronym: U.S, U.N, D.C, a.m
        let acronym = word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
        if acronym {
            return next_is_starter();
        }
        // something like "3.5" or "example.com": an ordinary word
        return true;
    }
    let word_lists = lists_of_end(before, start);
    if word_lists & IN_TITLES != 0 {
        return matches!(word, "Jr" | "Sr") && next_is_starter();
    }
    if word_lists & IN_NEVER != 0 {
        return false;
    }
    if word_lists & IN_BEFORE_NUMBER != 0 {
        return !next_is_digit && next_is_starter();
    }
    if word_lists & IN_SUFFIXES != 0 {
        return lists(next_word()) & IN_SUFFIXES == 0;
    }
    // (a word of one byte is one ASCII char; one of five bytes or more is
    // more than one char)
    let initial = match word.len() {
        1 => word.as_bytes()[0].is_ascii_uppercase(),
        2..=4 => {
            let mut chars = word.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
        }
        _ => false,
    };
    // an initial does not end a sentence
    !initial
}

/// Where the alphanumeric chars that end `text` start (`"in 2004"` -> 3,
/// the start of `"2004"`): ASCII bytes tested as bytes (an ASCII char is
/// alphanumeric exactly where its byte is an ASCII letter or digit), from
/// the first other byte on by chars.
fn word_ending_start(text: &str) -> usize {
    let b = text.as_bytes();
    let mut start = b.len();
    while start > 0 {
        match b[start - 1] {
            c if c.is_ascii_alphanumeric() => start -= 1,
            0x80.. => return strip_end(&text[..start], char::is_alphanumeric).len(),
            _ => break,
        }
    }
    start
}

/// Where the alphanumeric chars and dots that end `text` start (`"the
/// U.S"` -> 4, `"U.S"`): ASCII bytes tested as bytes, from the first other
/// byte on by chars.
fn dotted_word_start(text: &str) -> usize {
    /// Per byte: an ASCII letter, digit or `.`.
    static WORD_OR_DOT: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = c.is_ascii_alphanumeric() || c == b'.';
            b += 1;
        }
        table
    };
    let b = text.as_bytes();
    let mut start = b.len();
    while start > 0 {
        match b[start - 1] {
            c if WORD_OR_DOT[usize::from(c)] => start -= 1,
            0x80.. => {
                return strip_end(&text[..start], |c| c.is_alphanumeric() || c == '.').len();
            }
            _ => break,
        }
    }
    start
}

/// The alphanumeric chars that start `text` (`"Then he"` -> `"Then"`).
fn word_starting(text: &str) -> &str {
    let rest = strip_start(text, char::is_alphanumeric);
    &text[..text.len() - rest.len()]
}

/// `text` without the chars matching `strip` at its start, like
/// `str::trim_start_matches`, but an ASCII byte is tested as it is, without
/// decoding: lines and words are mostly ASCII.
fn strip_start(text: &str, strip: impl Fn(char) -> bool) -> &str {
    let mut start = 0;
    while let Some(&b) = text.as_bytes().get(start) {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            text[start..].chars().next().expect("a char starts here")
        };
        if !strip(c) {
            break;
        }
        start += c.len_utf8();
    }
    &text[start..]
}

/// `text` without the chars matching `strip` at its end, like
/// `str::trim_end_matches`, but an ASCII byte is tested as it is, without
/// decoding.
fn strip_end(text: &str, strip: impl Fn(char) -> bool) -> &str {
    let mut end = text.len();
    while let Some(&b) = text.as_bytes()[..end].last() {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            text[..end].chars().next_back().expect("a char ends here")
        };
        if !strip(c) {
            break;
        }
        end -= c.len_utf8();
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::oracle;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    /// The shared table (`tests/data/sentences.toml`), run against the fast
    /// path and the spec oracle.
    #[test]
    fn splits() {
        let cases = oracle::sentence_cases();
        assert!(cases.len() >= 70, "{} cases", cases.len());
        let mut failures = Vec::new();
        for case in &cases {
            let (name, text) = (&case.name, &case.text);
            let oracle: Vec<&str> = oracle::sentences(text)
                .into_iter()
                .map(|r| &text[r])
                .collect();
            for (who, got) in [("fast path", split(text)), ("oracle", oracle)] {
                if got != case.want {
                    failures.push(format!(
                        "{who}: case {name:?}, text {text:?}: got {got:?}, want {:?}",
                        case.want
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Every word the splitter decides by is read from the lexicon, and
    /// changes a cut: a title, an abbreviation, a suffix, a starter.
    #[test]
    fn word_lists_come_from_the_lexicon() {
        let words = SentenceWords::english();
        for title in words.titles.iter().filter(|t| !matches!(*t, "Jr" | "Sr")) {
            let text = format!("He met {title}. Smith today.");
            assert_eq!(split(&text).len(), 1, "title {title:?}: {text:?}");
        }
        assert_eq!(split("He met Xyz. Smith today.").len(), 2);
    }

    /// Where [`may_be_listed_word`] passes a word over, the rules would
    /// have ended the sentence there: every entry of every list, alone, after
    /// a space, glued to letters, a dot or a non-ASCII letter before it, its
    /// last letters alone, and some ordinary words; and the filter lets
    /// every entry through.
    #[test]
    fn words_passed_over_end_their_sentence() {
        let words = SentenceWords::english();
        let mut cases: Vec<String> = ["said", "year", "2004", "Ltd", "UK", "U.S", "e.g", "a", "A"]
            .map(String::from)
            .to_vec();
        for list in [
            &words.titles,
            &words.never,
            &words.before_number,
            &words.suffixes,
            &words.starters,
        ] {
            for w in list.iter() {
                for wrapped in [
                    w.to_string(),
                    format!("x{w}"),
                    format!("Xy{w}"),
                    format!("x.{w}"),
                    format!("\u{e9}{w}"),
                    w[w.len().saturating_sub(2)..].to_string(),
                ] {
                    cases.push(wrapped);
                }
            }
        }
        let mut passed_over = 0;
        for word in &cases {
            for before in ["", " ", "(", "\u{e9}"] {
                let text = format!("{before}{word}. The end.");
                let dot = before.len() + word.len();
                let listed = may_be_listed_word(text.as_bytes(), dot);
                if !listed {
                    passed_over += 1;
                    assert!(
                        dot_ends_sentence(&text[..dot], &text[dot + 2..]),
                        "{text:?}: passed over, but the rules keep the sentence going"
                    );
                }
            }
        }
        assert!(passed_over > 100, "{passed_over} words passed over");
        for list in [
            &words.titles,
            &words.never,
            &words.before_number,
            &words.suffixes,
        ] {
            for w in list.iter() {
                let text = format!(" {w}. The");
                assert!(
                    may_be_listed_word(text.as_bytes(), 1 + w.len()),
                    "{w:?} passed over"
                );
            }
        }
    }

    /// The marks found 32 bytes a step are those found byte by byte: every
    /// byte value at every place of two blocks, on texts of every length
    /// up to 70.
    #[test]
    fn marks_as_by_bytes() {
        let base: Vec<u8> = b"Mr. A said: it is! Or is it? Yes.\r\nThen the end of it all came.\n"
            .iter()
            .cycle()
            .take(70)
            .copied()
            .collect();
        let mut texts = vec![base.clone()];
        for b in 0..=255u8 {
            for k in (0..70).step_by(3) {
                let mut t = base.clone();
                t[k] = b;
                texts.push(t);
            }
        }
        for t in &texts {
            for len in [0, 1, 31, 32, 33, 63, 64, 65, 70] {
                let t = &t[..len];
                assert_eq!(
                    marks(t),
                    marks_by_bytes(t, 0, Marks::default()),
                    "text {t:?}"
                );
            }
        }
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn texty() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                4 => "[A-Za-z]{1,6}",
                3 => "[ .!?\n]{1,3}",
                2 => "(Mr|U\\.S|Inc|Dec|No|A|e\\.g|etc|\\.\\.\\.|3\\.5)\\.?",
                2 => "[ \t\r\n\u{a0}\u{2028}\u{2029}\u{85}]{1,3}",
                2 => "[\u{201c}\u{201d}\"'()…ÉéΣ北\u{301}]{1,2}",
                1 => any::<String>(),
            ];
            prop::collection::vec(piece, 0..20).prop_map(|v| v.concat())
        }

        /// Text dense in what the segmenter looks at, in pieces long and
        /// short enough that the byte scans meet it everywhere in and around
        /// their 8- and 32-byte blocks.
        fn tricky() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                4 => "[A-Za-z0-9]{1,8}",
                2 => "[a-z ]{20,70}",
                4 => "[ \n.!?]{1,3}",
                4 => prop::sample::select(&[
                    "U.S.", "U.N", "Mr.", "Mrs.", "Dr.", "St.", "Jr.", "Sr.", "Inc.", "Co.",
                    "Ltd.", "e.g.", "i.e.", "vs.", "etc.", "Dec.", "Sept.", "No.", "Fig.",
                    "3.5", "2004.", "...", ". . .", "\u{2026}", "a.m.", "A.", "The", "He",
                    "But", "In", "said", "the", "of", "with", "- ", "\u{2022} ", "* ",
                    "\u{2013} ", ", ", "; ", ":", "example.com",
                ][..])
                .prop_map(str::to_owned),
                3 => "[ \t\r\n\u{a0}\u{85}\u{b}\u{c}\u{2028}\u{2029}\u{3000}]{1,3}",
                3 => "[\u{201c}\u{201d}\u{2018}\u{2019}\u{201e}\u{ab}\u{bb}\"'()\\[\\]{}\u{bf}\u{a1}]{1,2}",
                3 => "[\u{e9}\u{fc}\u{df}\u{c9}\u{dc}\u{1e9e}\u{5317}\u{4eac}\u{3002}\u{41f}\u{43f}\u{627}\u{301}\u{ad}\u{2010}\u{2013}\u{2014}\u{203c}\u{2047}\u{2048}\u{2049}\u{2030}\u{e2}\u{0}\u{1}\u{7f}]{1,3}",
                1 => any::<String>(),
            ];
            prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// The fast paths split as the rules say: the same sentences
            /// as the spec oracle.
            #[test]
            fn same_as_oracle(text in tricky()) {
                prop_assert_eq!(sentences(&text), crate::text::oracle::sentences(&text), "text {:?}", text);
            }

            /// On the shared cases cut and glued at random places.
            #[test]
            fn same_as_oracle_on_the_cases(picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..6)) {
                let cases = crate::text::oracle::sentence_cases();
                let mut text = String::new();
                for (case, cut) in &picks {
                    let t = &case.get(&cases).text;
                    let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
                    text.push_str(&t[*cut.get(&bounds)..]);
                    text.push(' ');
                }
                prop_assert_eq!(sentences(&text), crate::text::oracle::sentences(&text), "text {:?}", text);
            }
        }

        proptest! {
            #[test]
            fn ranges_are_sound(text in texty()) {
                let ranges = sentences(&text);
                let mut last_end = 0;
                for r in &ranges {
                    prop_assert!(r.start >= last_end, "{r:?} overlaps or is out of order in {ranges:?}");
                    prop_assert!(r.start < r.end && r.end <= text.len(), "{r:?} empty or out of bounds");
                    prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    let s = &text[r.clone()];
                    prop_assert_eq!(s, s.trim(), "untrimmed {:?}", s);
                    last_end = r.end;
                }
                for (i, c) in text.char_indices() {
                    if !c.is_whitespace() {
                        prop_assert!(
                            ranges.iter().any(|r| r.contains(&i)),
                            "{c:?} at {i} in no sentence: {ranges:?}"
                        );
                    }
                }
            }
        }
    }
}
