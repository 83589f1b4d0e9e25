//! Spec oracles for the text layers, and the case tables they share with the
//! tests and the fuzz targets.
//!
//! Each oracle is written from the module doc of the code it checks (the
//! table of [`mod@super::normalize`], the rules of [`mod@super::sentences`]), a
//! character at a time, with none of its fast paths and none of its helpers:
//! a bug in a shared helper would be invisible to a copy. They are slow and
//! obviously correct; the unit tests, the proptests and the fuzz targets
//! compare the fast paths with them.
//!
//! The case tables are data: `tests/data/normalize.toml` and
//! `tests/data/sentences.toml`, one table run against the fast path, the
//! oracle and the fuzz targets (regex's `testdata/`).
//!
//! Compiled for the tests and with the `oracles` feature (the fuzz crate).

use std::ops::Range;

use serde::Deserialize;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::lexicon::sentences::SentenceWords;

/// A normalised view as the spec defines it: the text and, for each of its
/// bytes, the original range of the unit that produced it.
#[derive(Clone, Debug)]
pub struct View {
    /// The normalised text.
    pub text: String,
    units: Vec<Range<usize>>,
    original_len: usize,
}

impl View {
    /// Where the original char that produced normalised byte `i` starts; the
    /// original length past the end.
    pub fn origin(&self, i: usize) -> usize {
        self.units.get(i).map_or(self.original_len, |u| u.start)
    }

    /// The original range from the start of the unit of the first byte to
    /// the end of the unit of the last (clamped; empty maps to empty).
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let end = range.end.min(self.text.len());
        let start = range.start.min(end);
        if start == end {
            let o = self.origin(start);
            return o..o;
        }
        self.units[start].start..self.units[end - 1].end
    }
}

/// The normaliser, from the table in [`mod@super::normalize`].
pub fn normalized(original: &str) -> View {
    let mut view = View {
        text: String::new(),
        units: Vec::new(),
        original_len: original.len(),
    };
    let mut in_space = false;
    // Normalised start of the last unit, while a mark may still join it.
    let mut last: Option<usize> = None;
    for (p, c) in original.char_indices() {
        let unit = p..p + c.len_utf8();
        let invisible = matches!(c, '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
        if invisible {
            last = None;
        } else if c.is_whitespace() || c.is_control() {
            if !in_space {
                view.text.push(' ');
                view.units.push(unit);
            }
            (in_space, last) = (true, None);
        } else {
            let folded = fold(c);
            if folded.is_empty() {
                // a mark belongs to the letter before it
                if let Some(from) = last {
                    view.units[from..].iter_mut().for_each(|u| u.end = unit.end);
                }
                continue;
            }
            last = Some(view.text.len());
            view.text.push_str(&folded);
            view.units.resize(view.text.len(), unit);
            in_space = false;
        }
    }
    view
}

/// Apostrophes, quotes and dashes to ASCII; else the compatibility
/// decomposition without marks, in lower case, with the letter folds.
fn fold(c: char) -> String {
    const PUNCT: [(&str, char); 3] = [
        ("'\u{2019}\u{02BC}\u{2018}\u{201B}`\u{00B4}\u{2032}", '\''),
        (
            "\"\u{201C}\u{201D}\u{201E}\u{201F}\u{00AB}\u{00BB}\u{2033}",
            '"',
        ),
        (
            "\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}\u{FE58}\u{FE63}\u{FF0D}",
            '-',
        ),
    ];
    const LETTERS: [(char, &str); 11] = [
        ('ß', "ss"),
        ('ı', "i"),
        ('ς', "σ"),
        ('ø', "o"),
        ('ł', "l"),
        ('đ', "d"),
        ('ð', "d"),
        ('ħ', "h"),
        ('æ', "ae"),
        ('œ', "oe"),
        ('þ', "th"),
    ];
    let punct = |c: char| {
        PUNCT
            .iter()
            .find(|(set, _)| set.contains(c))
            .map(|&(_, p)| p)
    };
    if let Some(p) = punct(c) {
        return p.to_string();
    }
    let mut out = String::new();
    for d in std::iter::once(c).nfkd().filter(|&d| !is_combining_mark(d)) {
        if d.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if let Some(p) = punct(d) {
            out.push(p);
        } else {
            for l in d.to_lowercase().filter(|&l| !is_combining_mark(l)) {
                match LETTERS.iter().find(|&&(from, _)| from == l) {
                    Some((_, to)) => out.push_str(to),
                    None => out.push(l),
                }
            }
        }
    }
    out.trim_end_matches(' ').to_owned()
}

/// The sentence splitter, from the rules in [`mod@super::sentences`]: cuts before
/// lines that start a unit and after sentence-ending punctuation; the
/// trimmed, non-empty text between cuts.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let words = SentenceWords::english();
    let mut cuts = line_cuts(text, words);
    cuts.extend(punctuation_cuts(text, words));
    cuts.push(text.len());
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for end in cuts {
        let piece = &text[start.min(end)..end];
        let s = end - piece.trim_start().len();
        let e = s + piece.trim().len();
        if s < e {
            out.push(s..e);
        }
        start = start.max(end);
    }
    out
}

const TERMINAL: &str = ".!?…‼⁇⁈⁉";
const CLOSING: &str = "\"'”’»›)]}“‘";
const OPENING: &str = "\"'“‘„‚«‹([{¿¡";

/// The last char of `s` once closing quotes and brackets are set aside.
fn last_before_closing(s: &str) -> Option<char> {
    s.chars().rev().find(|&c| !CLOSING.contains(c))
}

fn line_cuts(text: &str, words: &SentenceWords) -> Vec<usize> {
    // (line, a paragraph separator ends it)
    let mut lines = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut start = 0;
    while let Some((i, c)) = chars.next() {
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                chars.next();
            }
            lines.push((start..i, c == '\u{2029}'));
            start = chars.peek().map_or(text.len(), |&(j, _)| j);
        }
    }
    lines.push((start..text.len(), false));

    let mut cuts = Vec::new();
    let (mut prev, mut blank): (Option<&str>, bool) = (None, false);
    for (line, paragraph) in lines {
        let content = text[line.clone()].trim();
        if content.is_empty() {
            blank = true;
            continue;
        }
        let first = content.chars().next();
        if let Some(prev) = prev {
            let bullet = matches!(first, Some('-' | '•' | '*' | '–' | '—' | '·'))
                && content.chars().nth(1).is_some_and(char::is_whitespace);
            let ended = last_before_closing(prev).is_some_and(|c| TERMINAL.contains(c));
            let lower = first.is_some_and(char::is_lowercase);
            let joined = if bullet {
                false
            } else if blank {
                !ended && (lower || first.is_some_and(|c| ".,;:)]}!?…".contains(c)))
            } else {
                let last_word = prev.rsplit(|c: char| !c.is_alphanumeric()).next();
                ended
                    || prev.ends_with([',', ';', '-', '–', '—'])
                    || lower
                    || (prev.chars().count() >= 50 && prev.chars().any(char::is_lowercase))
                    || last_word.is_some_and(|w| words.continue_words.contains(w))
            };
            if !joined {
                cuts.push(line.end - text[line.clone()].trim_start().len());
            }
        }
        (prev, blank) = (Some(content), paragraph);
    }
    cuts
}

fn punctuation_cuts(text: &str, words: &SentenceWords) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut cuts = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !TERMINAL.contains(chars[k].1) {
            k += 1;
            continue;
        }
        // a run of terminal punctuation, then closing quotes and brackets
        let run = k;
        while k < chars.len() && TERMINAL.contains(chars[k].1) {
            k += 1;
        }
        let mut close = k;
        while close < chars.len() && CLOSING.contains(chars[close].1) {
            close += 1;
        }
        let Some(next) = (close..chars.len()).find(|&n| !chars[n].1.is_whitespace()) else {
            continue;
        };
        let c = chars[next].1;
        let starts = c.is_uppercase()
            || c.is_numeric()
            || OPENING.contains(c)
            || (c.is_alphabetic() && !c.is_lowercase());
        let dangling =
            CLOSING.contains(c) && chars.get(next + 1).is_none_or(|&(_, d)| d.is_whitespace());
        if next == close || !starts || dangling {
            continue;
        }
        let single_dot = k == run + 1 && chars[run].1 == '.' && close == k;
        if single_dot && !dot_ends_sentence(&text[..at(run)], &text[at(next)..], words) {
            continue;
        }
        cuts.push(at(close));
    }
    cuts
}

/// The table of words before a single `.` in [`mod@super::sentences`].
fn dot_ends_sentence(before: &str, after: &str, words: &SentenceWords) -> bool {
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = before[start..].trim_start_matches('.');
    let next: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    let starter = words.starters.contains(&next);
    if word.is_empty() {
        true
    } else if word.contains('.') {
        let acronym = word.split('.').all(|p| {
            let mut cs = p.chars();
            cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
        });
        !words.never.contains(word) && (!acronym || starter)
    } else if words.titles.contains(word) {
        (word == "Jr" || word == "Sr") && starter
    } else if words.never.contains(word) {
        false
    } else if words.before_number.contains(word) {
        !after.starts_with(|c: char| c.is_ascii_digit()) && starter
    } else if words.suffixes.contains(word) {
        !words.suffixes.contains(&next)
    } else {
        let mut cs = word.chars();
        !(cs.next().is_some_and(char::is_uppercase) && cs.next().is_none())
    }
}

/// A case of `tests/data/normalize.toml`: `input` normalises to `want`.
#[derive(Clone, Debug, Deserialize)]
pub struct NormalizeCase {
    /// Names the case in failure messages.
    pub name: String,
    /// The original text.
    pub input: String,
    /// Its normalised view.
    pub want: String,
}

/// A case of `tests/data/normalize.toml`: the first `needle` in the
/// normalised `original` maps back to the original slice `want`.
#[derive(Clone, Debug, Deserialize)]
pub struct SpanCase {
    /// Names the case in failure messages.
    pub name: String,
    /// The original text.
    pub original: String,
    /// A piece of its normalised view.
    pub needle: String,
    /// The original slice the needle maps back to.
    pub want: String,
}

/// A case of `tests/data/sentences.toml`: `text` splits into `want`.
#[derive(Clone, Debug, Deserialize)]
pub struct SentenceCase {
    /// Names the case in failure messages.
    pub name: String,
    /// The text.
    pub text: String,
    /// Its sentences, in order.
    pub want: Vec<String>,
}

/// The cases of `tests/data/normalize.toml`: views, then spans.
pub fn normalize_cases() -> (Vec<NormalizeCase>, Vec<SpanCase>) {
    #[derive(Deserialize)]
    struct Table {
        normalize: Vec<NormalizeCase>,
        span: Vec<SpanCase>,
    }
    let t: Table = parse(
        "normalize.toml",
        include_str!("../../tests/data/normalize.toml"),
    );
    (t.normalize, t.span)
}

/// The cases of `tests/data/sentences.toml`.
pub fn sentence_cases() -> Vec<SentenceCase> {
    #[derive(Deserialize)]
    struct Table {
        sentences: Vec<SentenceCase>,
    }
    let t: Table = parse(
        "sentences.toml",
        include_str!("../../tests/data/sentences.toml"),
    );
    t.sentences
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    toml::from_str(text).unwrap_or_else(|e| panic!("tests/data/{name}: {e}"))
}
