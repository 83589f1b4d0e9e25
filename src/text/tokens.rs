//! THE word scanner: a document's tokens, each with its [`Span`] in the
//! original text, its sentence and one normal form.
//!
//! The tokens follow the conventions of the Universal Dependencies English
//! Web Treebank (EWT), so a parser trained on it reads them directly:
//!
//! | text                           | tokens                  |
//! |--------------------------------|-------------------------|
//! | `US-backed`                    | `US` `-` `backed`       |
//! | `Russia's`, `Russia’s`         | `Russia` `'s` / `’s`    |
//! | `don't`, `can't`, `won't`      | `do` `n't`, `ca` `n't`, `wo` `n't` |
//! | `they're`, `we'll`, `I'm`, `I'd`, `we've` | the clitic (`'re` `'ll` `'m` `'d` `'ve`) split off |
//! | `Ja'afari`, `O'Brien`          | one token (an apostrophe inside a name is kept) |
//! | `rebels'`                      | `rebels` `'`            |
//! | `3.5`, `1,000`                 | one token (a `.` or `,` between digits) |
//! | `U.S.`, `U.N.`                 | one token (single letters with dots) |
//! | `Mr.`, `Gen.` (a title before a name) | one token, with its dot |
//! | `...`, `--`                    | one token (a run of the same mark) |
//! | any other mark (`,` `(` `"` `“` `—` `;` ...) | a token of its own |
//!
//! Words are runs of Unicode alphanumerics; a combining mark or an invisible
//! character (soft hyphen, zero-width joiner) inside a word stays in it.
//! Whitespace, control and invisible characters between words separate tokens
//! and are in none.
//!
//! The normal form ([`Tokens::norm`]) is the token as the gazetteer matcher
//! sees it ([`normalize_phrase`]): lower case, diacritics removed, quotes made
//! straight, dashes made `-`. It is the one form rules compare words in.
//!
//! ```
//! use kgx::text::{sentences, Span, Tokens};
//! let text = "US-backed rebels don't trust Ja'afari's envoy.";
//! let sents: Vec<Span> = sentences(text).into_iter().map(Span::from).collect();
//! let tokens = Tokens::new(text, &sents);
//! let words: Vec<&str> = (0..tokens.len()).map(|i| tokens.text(i, text)).collect();
//! assert_eq!(words, ["US", "-", "backed", "rebels", "do", "n't", "trust", "Ja'afari", "'s", "envoy", "."]);
//! assert_eq!(tokens.norm(0), "us");
//! assert_eq!(tokens.sentence(0), 0..11);
//! ```

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use super::sentences::is_title;
use super::{normalize_phrase, Span};

/// The longest sentence given tokens, in bytes: the relation layer's limit
/// ([`crate::stages::relate::MAX_SENTENCE_BYTES`]); a longer one has none.
pub const MAX_TOKENIZED_SENTENCE: usize = 16 * 1024;

/// One token: where it is, which sentence it is in, where its normal form is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its bytes in the original text.
    pub span: Span,
    /// Index of its sentence.
    pub sentence: u32,
    /// Its normal form: a range of [`Tokens`]' shared buffer.
    norm: (u32, u32),
    /// What the scanner knew of its bytes as it made it ([`Token::shape`]).
    shape: Shape,
}

impl Token {
    /// What the scanner knew of the token's bytes and of the byte after it
    /// when it made the token: told for the common tokens it made on its
    /// short paths, so that a reader that would test the same bytes again
    /// (discovery's word pass) reads one byte instead. [`Shape::Other`]
    /// says nothing: the reader tests the bytes itself.
    #[inline]
    pub fn shape(&self) -> Shape {
        self.shape
    }
}

/// What the scanner knew of a token as it made it ([`Token::shape`]). It
/// costs the scanner a constant per place it makes a token (the byte goes
/// into the padding of [`Token`]), and the first byte's case bit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Shape {
    /// Nothing is told (the token was made on the scanner's general path,
    /// or stands at its sentence's end).
    Other,
    /// A one-byte ASCII mark that is always a token of its own (`,` `(`
    /// `"` `/` ...): no letter, digit, white space, apostrophe, `.` or `-`.
    Mark,
    /// ASCII letters and digits, the first a small letter or a digit,
    /// followed in its sentence by white space or by a [`Shape::Mark`]
    /// token that starts right after it: so not by a hyphen, an apostrophe,
    /// a full stop, a clitic or a byte of a non-ASCII character.
    LoneSmall,
    /// As [`Shape::LoneSmall`], the first byte a capital letter.
    LoneCapital,
}

impl Shape {
    /// The shape of a run of ASCII letters and digits whose first byte is
    /// `first`, standing alone as [`Shape::LoneSmall`] says: an ASCII
    /// letter or digit has bit 0x20 set exactly when it is no capital
    /// (digits are 0x30..=0x39, small letters 0x61..=0x7A, capitals
    /// 0x41..=0x5A).
    #[inline(always)]
    fn lone(first: u8) -> Shape {
        if first & 0x20 != 0 {
            Shape::LoneSmall
        } else {
            Shape::LoneCapital
        }
    }
}

/// The token layer of a document: every token of every sentence, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    tokens: Vec<Token>,
    /// The normal forms of all tokens, one after the other.
    norms: String,
    /// `starts[s]..starts[s + 1]` are the tokens of sentence `s`.
    starts: Vec<u32>,
}

impl Tokens {
    /// Scan the `sentences` of `text` (spans in order, not overlapping).
    /// Text outside every sentence gives no token.
    pub fn new(text: &str, sentences: &[Span]) -> Tokens {
        Tokens::from_sentence(text, sentences, 0)
    }

    /// Scan the `sentences` of `text` from sentence `first` on: the
    /// sentences before it are in the layer with no tokens (as a sentence
    /// over [`MAX_TOKENIZED_SENTENCE`] is), so token indices count from the
    /// first token of sentence `first`.
    pub fn from_sentence(text: &str, sentences: &[Span], first: usize) -> Tokens {
        // The normal form of a token of ASCII without a backquote (nearly
        // every token) is its bytes in lower case ([`normal_form`]), which
        // is the same bytes of the text lower-cased as a whole: the shared
        // buffer starts as the text from the first tokenised sentence on,
        // lower-cased in one pass, and such a token's normal form is its own
        // span of it; only the other tokens append theirs after it.
        // Where the first tokenised sentence starts (the text's end if none).
        let first_start = sentences
            .get(first)
            .map_or(text.len(), |s| s.start)
            .min(text.len());
        let base = if text.is_char_boundary(first_start) {
            first_start
        } else {
            text.len()
        };
        let readable: usize = sentences
            .iter()
            .skip(first)
            .filter(|s| s.len() <= MAX_TOKENIZED_SENTENCE)
            .map(|s| s.len())
            .sum();
        let mut norms = String::with_capacity(text.len() - base + 64);
        norms.push_str(&text[base..]);
        norms.make_ascii_lowercase();
        let mut t = Tokens {
            // News text has a token every 5.1 bytes: at one per 4 bytes
            // the vector is seldom grown (each growth copies it whole).
            tokens: Vec::with_capacity(readable / 4 + 16),
            norms,
            starts: Vec::with_capacity(sentences.len() + 1),
        };
        let bytes = text.as_bytes();
        // The spans of a sentence that is not all plain (seldom: most
        // documents have none).
        let mut spans: Vec<Span> = Vec::new();
        // The letters and digits of the whole text from the first
        // tokenised sentence on, in one pass (a pass per sentence paid
        // a call and its set-up, about as much as its blocks), and whether
        // that text is all plain (ASCII, no backquote): then so is every
        // sentence in it. Sentences are in order, so each later one lies in
        // it; one that did not (a caller's unordered spans) would get bits
        // of its own, and so would every one after it.
        let mut alnum = AlnumBits::default();
        let plain_from_base = alnum.set(bytes, first_start, text.len()) && first_start == base;
        let mut bits_whole = true;
        for (si, &sentence) in sentences.iter().enumerate() {
            t.starts.push(t.tokens.len() as u32);
            // A "sentence" this long is a list or a dump with no sentence
            // end, not prose: no stage reads its words (the relation rules,
            // frames and co-occurrence skip it), and its tokens would cost
            // memory in proportion to it (about 6x its bytes).
            if si < first
                || sentence.len() > MAX_TOKENIZED_SENTENCE
                || text.get(sentence.range()).is_none()
            {
                continue;
            }
            let Tokens { tokens, norms, .. } = &mut t;
            // Most sentences are all plain ASCII: told once, with word-wide
            // and vector loads, not token by token.
            let sentence_bytes = &bytes[sentence.range()];
            let all_plain = sentence.start >= base
                && (plain_from_base
                    || sentence_bytes.is_ascii() && memchr::memchr(b'`', sentence_bytes).is_none());
            if !(bits_whole && alnum.covers(sentence.start, sentence.end)) {
                alnum.set(bytes, sentence.start, sentence.end);
                bits_whole = false;
            }
            let alnum = &alnum;
            let si = si as u32;
            if all_plain {
                // Each token straight into the layer: its normal form is
                // its own span of the lower-cased copy.
                scan_with::<true>(text, sentence, alnum, |span, shape| {
                    tokens.push(Token {
                        span,
                        sentence: si,
                        norm: ((span.start - base) as u32, (span.end - base) as u32),
                        shape,
                    })
                });
                continue;
            }
            // The spans first (a push the scanner's many call sites can
            // inline), then the tokens in one loop.
            spans.clear();
            // (Their shapes are not kept: [`Shape::Other`] tells nothing.)
            scan_with::<true>(text, sentence, alnum, |span, _| spans.push(span));
            tokens.reserve(spans.len());
            for &span in &spans {
                let plain = span.start >= base
                    && bytes[span.range()]
                        .iter()
                        .all(|&b| b.is_ascii() && b != b'`');
                let norm = if plain {
                    ((span.start - base) as u32, (span.end - base) as u32)
                } else {
                    let from = norms.len() as u32;
                    normal_form(span.of(text), norms);
                    (from, norms.len() as u32)
                };
                tokens.push(Token {
                    span,
                    sentence: si,
                    norm,
                    shape: Shape::Other,
                });
            }
        }
        t.starts.push(t.tokens.len() as u32);
        t
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// All tokens, in text order.
    pub fn as_slice(&self) -> &[Token] {
        &self.tokens
    }

    /// Token `i`.
    pub fn get(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// The normal forms of every token, in order, as bytes: what
    /// [`Tokens::norm`] gives of each, for a caller that walks them all
    /// (without a lookup and a check of character boundaries per token:
    /// each range was cut at them when the layer was made).
    #[inline]
    pub fn norm_bytes(&self) -> impl ExactSizeIterator<Item = &[u8]> + '_ {
        let norms = self.norms.as_bytes();
        (self.tokens.iter()).map(move |t| &norms[t.norm.0 as usize..t.norm.1 as usize])
    }

    /// The normal form of token `i` (empty if there is no such token).
    pub fn norm(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.norms[t.norm.0 as usize..t.norm.1 as usize])
    }

    /// The buffer every normal form is a range of ([`Tokens::norm_range`]).
    #[inline]
    pub fn norm_buffer(&self) -> &[u8] {
        self.norms.as_bytes()
    }

    /// Where the normal form of token `i` is in [`Tokens::norm_buffer`]
    /// (for a reader that loads more than the form's bytes at once: the
    /// buffer's bytes after it are there to read).
    #[inline]
    pub fn norm_range(&self, i: usize) -> Range<usize> {
        let (a, b) = self.tokens[i].norm;
        a as usize..b as usize
    }

    /// The text of token `i` in `text` (the document the tokens were made from).
    pub fn text<'t>(&self, i: usize, text: &'t str) -> &'t str {
        self.tokens.get(i).map_or("", |t| t.span.of(text))
    }

    /// The tokens of sentence `s` (empty past the last sentence).
    pub fn sentence(&self, s: usize) -> Range<usize> {
        match (self.starts.get(s), self.starts.get(s + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => self.len()..self.len(),
        }
    }

    /// Number of sentences the tokens were made from.
    pub fn sentences(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The tokens that share a byte with `span`, as an index range (empty,
    /// at the place it would be, where none does).
    pub fn covering(&self, span: Span) -> Range<usize> {
        let first = self.tokens.partition_point(|t| t.span.end <= span.start);
        let mut last = first;
        while !span.is_empty()
            && last < self.tokens.len()
            && self.tokens[last].span.start < span.end
        {
            last += 1;
        }
        first..last
    }
}

/// Append the normal form of one token to `out`.
pub fn normal_form(token: &str, out: &mut String) {
    // Plain ASCII (the common case) lower-cased in one pass; anything else
    // (or a backquote) through `normalize_phrase`.
    let from = out.len();
    for b in token.bytes() {
        if !b.is_ascii() || b == b'`' {
            out.truncate(from);
            out.push_str(&normalize_phrase(token));
            return;
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
}

/// Characters that separate tokens and belong to none.
///
/// An ASCII char is one exactly when it is a control (up to U+001F, and
/// DEL) or the space: the ASCII white space (`\t` `\n` U+000B U+000C `\r`
/// and the space) is the space and four controls, and no invisible char is
/// ASCII. Told by two compares where most calls come (the general path
/// asks it of every mark it reads, a sentence's last dot among them); the
/// test `ascii_spaces_are_the_spaces` holds it to the definition.
#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return c <= ' ' || c == '\u{7f}';
    }
    is_space_by_definition(c)
}

/// [`is_space`] as it is defined.
fn is_space_by_definition(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_invisible(c)
}

/// Invisible characters: dropped between words, kept inside one.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{200b}'
            | '\u{200c}'
            | '\u{200d}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2060}'
            | '\u{feff}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{2bc}')
}

/// Whether `c` continues a word that has started.
#[inline]
fn in_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// The char at byte `i` of `text`, if `i < to`.
#[inline]
fn char_at(text: &str, i: usize, to: usize) -> Option<char> {
    if i >= to {
        return None;
    }
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text.get(i..)?.chars().next()
    }
}

/// Clitics split off a word after an apostrophe, lower case.
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Where the clitic that starts with the apostrophe at `i` ends ("'s" in
/// "Russia's"), if the apostrophe starts one.
fn clitic_at(text: &str, i: usize, to: usize) -> Option<usize> {
    let ap = char_at(text, i, to)?;
    let from = i + ap.len_utf8();
    let mut end = from;
    while let Some(c) = char_at(text, end, to).filter(|&c| in_word(c)) {
        end += c.len_utf8();
    }
    let word = &text[from..end];
    (end > from && word.len() <= 2 && CLITICS.iter().any(|c| c.eq_ignore_ascii_case(word)))
        .then_some(end)
}

/// Call `emit` with the span of every token of `text[range]`, in order.
///
/// `range` must lie on char boundaries of `text`.
pub fn scan(text: &str, range: Span, mut emit: impl FnMut(Span)) {
    let mut alnum = AlnumBits::default();
    alnum.set(text.as_bytes(), range.start, range.end.min(text.len()));
    scan_with::<true>(text, range, &alnum, |span, _| emit(span))
}

/// [`scan`], with the shortcuts for common ASCII (`FAST`) or without them:
/// the slow form is the general path alone, which the tests hold the
/// shortcuts to (they must make the same tokens).
///
/// `alnum` holds the ASCII letters and digits of a stretch of the text
/// that covers the range ([`AlnumBits::covers`]; the slow form does not
/// read it): it may go on past the range, as the token layer makes it once
/// for the whole document ([`Tokens::from_sentence`]), and every run read
/// from it is cut at the range's end.
///
/// Each token is emitted with its [`Shape`], told where a short path made
/// it (the general path, and so the slow form, tells [`Shape::Other`]).
fn scan_with<const FAST: bool>(
    text: &str,
    range: Span,
    alnum: &AlnumBits,
    mut emit: impl FnMut(Span, Shape),
) {
    let to = range.end.min(text.len());
    let bytes = text.as_bytes();
    let mut i = range.start;
    debug_assert!(!FAST || i >= to || alnum.covers(i, to));
    while i < to {
        // The common ASCII cases by a table, each told exactly as the
        // general path below would tell it (see `ScanByte`).
        let class = if FAST {
            SCAN_BYTE[usize::from(bytes[i])]
        } else {
            ScanByte::Other
        };
        // The end of the run of ASCII letters and digits at `i`, where the
        // `Alnum` arm found it and left the word to the general path.
        let mut alnum_run = None;
        match class {
            ScanByte::Space => {
                i += 1;
                continue;
            }
            ScanByte::Alnum => {
                // A run of ASCII letters and digits that a byte ending a
                // plain word follows (or the range's end) is one token:
                // what `word` makes of it (see `ENDS_PLAIN_WORD`).
                let run = alnum.run_end(i, to);
                if run >= to || ENDS_PLAIN_WORD[usize::from(bytes[run])] {
                    // Alone where a byte of its sentence follows (see
                    // `Shape::LoneSmall`: `ENDS_PLAIN_WORD` holds white space
                    // and `ScanByte::Single` marks); at the range's end the
                    // next sentence may start right after it.
                    let shape = match run < to {
                        true => Shape::lone(bytes[i]),
                        false => Shape::Other,
                    };
                    emit(Span::new(i, run), shape);
                    // A space after it is skipped at once, as the `Space`
                    // arm would skip it.
                    i = run + usize::from(run < to && bytes[run] == b' ');
                    i = plain_tokens(bytes, i, to, alnum, &mut emit);
                    continue;
                }
                // A comma or slash ends it too unless a digit is on both
                // sides ("1,000", "9/11"): `word` reads them only there,
                // and `whole_token_at` is not asked at them (they continue
                // no web token).
                if matches!(bytes[run], b',' | b'/')
                    && !(bytes[run - 1].is_ascii_digit()
                        && run + 1 < to
                        && bytes[run + 1].is_ascii_digit())
                {
                    // (A comma and a slash are `ScanByte::Single` marks:
                    // the next token, made there by that arm.)
                    emit(Span::new(i, run), Shape::lone(bytes[i]));
                    i = plain_tokens(bytes, run, to, alnum, &mut emit);
                    continue;
                }
                alnum_run = Some(run);
            }
            ScanByte::Single => {
                emit(Span::new(i, i + 1), Shape::Mark);
                i += 1 + usize::from(i + 1 < to && bytes[i + 1] == b' ');
                i = plain_tokens(bytes, i, to, alnum, &mut emit);
                continue;
            }
            ScanByte::Other => {}
        }
        let Some(c) = char_at(text, i, to) else { break };
        let n = c.len_utf8();
        // A word of ASCII letters and digits followed by none of the bytes
        // that can continue a web token is no web token: most words, told
        // without `whole_token_at` (see `may_continue_web_token`). Nor is
        // one followed by dots and hyphens and then a byte that ends
        // `whole_token_at`'s run ("said.", "pre- and"): that run, its closing
        // dots and hyphens dropped, holds no mark, and it starts no URL
        // (a scheme needs a ':' and "www." a letter or digit after the dot).
        let mut run = i;
        if c.is_ascii_alphanumeric() {
            if FAST {
                run = alnum_run.unwrap_or_else(|| alnum.run_end(i, to));
            } else {
                while run < to && bytes[run].is_ascii_alphanumeric() {
                    run += 1;
                }
            }
            let plain = run >= to
                || !may_continue_web_token(bytes[run])
                || FAST && {
                    let mut k = run;
                    while k < to && matches!(bytes[k], b'.' | b'-') {
                        k += 1;
                    }
                    k > run && (k >= to || RUN_BYTE[usize::from(bytes[k])] == 0)
                };
            if plain {
                i = word(text, i, run, to, &mut |span| emit(span, Shape::Other));
                continue;
            }
        }
        // `whole_token_at` finds nothing at any other start (see `ScanByte::Single`).
        let web = if !FAST || c.is_ascii_alphanumeric() || matches!(c, ':' | ';' | '=') {
            whole_token_at(text, i, to)
        } else {
            None
        };
        if let Some(end) = web {
            emit(Span::new(i, end), Shape::Other);
            i = end;
        } else if c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()) {
            i = word(text, i, run, to, &mut |span| emit(span, Shape::Other));
        } else if is_space(c) {
            i += n;
        } else if is_apostrophe(c) {
            let end = clitic_at(text, i, to).unwrap_or(i + n);
            emit(Span::new(i, end), Shape::Other);
            i = end;
        } else if matches!(c, '.' | '-') {
            let mut end = i + 1;
            while char_at(text, end, to) == Some(c) {
                end += 1;
            }
            // ".?", "...!": dots that run into the marks that end a sentence.
            if c == '.' && matches!(char_at(text, end, to), Some('!' | '?')) {
                end = mark_run_at(text, end, to).unwrap_or(end);
            }
            emit(Span::new(i, end), Shape::Other);
            i = end;
        } else if let Some(end) = mark_run_at(text, i, to) {
            emit(Span::new(i, end), Shape::Other);
            i = end;
        } else {
            emit(Span::new(i, i + n), Shape::Other);
            i += n;
        }
    }
}

/// The tokens from byte `from` on that the `Alnum` and `Single` arms of
/// [`scan_with`] make, made as those arms make them, up to the first token
/// they do not make: returns where the scanner goes on (that token's start,
/// which it reads by its other arms, or `to`). `from` is where the scanner
/// stands after a token those arms made (right after it, or after one
/// space that follows it).
///
/// The tokens are found from the token starts of `alnum`
/// ([`starts_of`]: the bytes that are no white space and no letter or
/// digit, and the letters and digits after none), one `trailing_zeros` a
/// token, not byte by byte from where the last token ended: so each token
/// is read apart from the one before (no chain of loads from one token's
/// end to the next token's start), which lets the processor read several
/// at once. Exact: the scanner reads only from where it stands, and from
/// `from` it would skip white space (its `Space` arm) to the next byte
/// that is none, which is the next token start (a letter or digit there
/// follows white space, or a mark the arms made a token of its own, or the
/// token before: a run they took ends where the bytes that are no letters
/// or digits begin); a `Single` mark there is a token of one byte; a run
/// of letters and digits there is the run's token where the byte after it
/// ends it (`ENDS_PLAIN_WORD`, or a comma or slash without a digit on both
/// sides), with the `Alnum` arm's shape, and its end is where the scanner
/// stands next (the white space or mark after it, none of it in a token).
/// Any other token start is left to the scanner's other arms.
/// (`shortcuts_make_the_general_tokens` holds the scanner to its general
/// path, `shapes_are_what_they_say` the shapes.)
#[inline(always)]
fn plain_tokens(
    bytes: &[u8],
    from: usize,
    to: usize,
    alnum: &AlnumBits,
    emit: &mut impl FnMut(Span, Shape),
) -> usize {
    if from >= to {
        return to;
    }
    let mut k = from / 32;
    let mut starts = alnum.starts[k] & (!0u32 << (from % 32));
    loop {
        while starts == 0 {
            k += 1;
            if k * 32 >= to {
                return to;
            }
            starts = alnum.starts[k];
        }
        let s = k * 32 + starts.trailing_zeros() as usize;
        if s >= to {
            return to;
        }
        starts &= starts - 1;
        match SCAN_BYTE[usize::from(bytes[s])] {
            ScanByte::Single => emit(Span::new(s, s + 1), Shape::Mark),
            ScanByte::Alnum => {
                let run = alnum.run_end(s, to);
                if run >= to {
                    // (At the range's end the next sentence may start
                    // right after it: see `Shape::LoneSmall`.)
                    emit(Span::new(s, run), Shape::Other);
                    return to;
                }
                let after = bytes[run];
                let alone = ENDS_PLAIN_WORD[usize::from(after)]
                    || (matches!(after, b',' | b'/')
                        && !(bytes[run - 1].is_ascii_digit()
                            && run + 1 < to
                            && bytes[run + 1].is_ascii_digit()));
                if !alone {
                    return s;
                }
                emit(Span::new(s, run), Shape::lone(bytes[s]));
            }
            _ => return s,
        }
    }
}

/// Characters that close a URL's sentence rather than the URL.
fn url_trailer(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | ')'
            | ']'
            | '}'
            | '>'
            | '\u{201d}'
            | '\u{2019}'
    )
}

/// Whether byte `b`, right after a run of ASCII letters and digits that
/// starts a token, can make [`whole_token_at`] find a token there: a byte
/// of its run other than a letter or digit (`_ % + . - @`), or the `:` of
/// a URL's scheme (`http:`, `mailto:`). After any other byte (or at the
/// end of the range) the run holds no mark and starts no URL, so
/// `whole_token_at` finds nothing there.
#[inline]
fn may_continue_web_token(b: u8) -> bool {
    (RUN_BYTE[usize::from(b)] != 0 && !b.is_ascii_alphanumeric()) || b == b':'
}

/// A byte of the run [`whole_token_at`] reads: letters, digits, `_`, `%`, `+`.
const RUN_PLAIN: u8 = 1;
/// A byte of that run that marks an address, a site or a date: `.`, `-`, `@`.
const RUN_MARK: u8 = 2;
/// Per byte: [`RUN_PLAIN`], [`RUN_MARK`], or 0 (it ends the run).
const RUN_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = if matches!(b, b'.' | b'-' | b'@') {
            RUN_MARK
        } else if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'%' | b'+') {
            RUN_PLAIN
        } else {
            0
        };
        c += 1;
    }
    table
};

/// How [`scan`] reads an ASCII byte at a token start without decoding.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ScanByte {
    /// `' '`, `'\n'`, `'\t'`, `'\r'`: white space, in no token.
    Space,
    /// A mark that is a token of its own, always: not a letter or digit,
    /// not white space or a control, not a mark that can start something
    /// longer (an apostrophe's clitic, a run of `.` or `-`, a run of marks
    /// (`mark_run_at`), an emoticon (`:` `;` `=`)). [`whole_token_at`]
    /// finds nothing at it (it needs a letter or digit, or `:` `;` `=`).
    Single,
    /// An ASCII letter or digit: a word starts.
    Alnum,
    /// Anything else: the general path.
    Other,
}

/// Bytes after a run of ASCII letters and digits (at a token start) that
/// end it as a token of its own, as [`scan`] would: white space or a mark
/// of [`ScanByte::Single`], but not one that can continue a web token
/// ([`may_continue_web_token`]: `%`, `@`) or that `word` reads between
/// digits (`,`, `/`). At such a byte `whole_token_at` finds nothing and
/// `word` stops.
const ENDS_PLAIN_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let class = SCAN_BYTE[c];
        let web = (RUN_BYTE[c] != 0 && !b.is_ascii_alphanumeric()) || b == b':';
        table[c] = matches!(class, ScanByte::Space | ScanByte::Single)
            && !web
            && !matches!(b, b',' | b'/');
        c += 1;
    }
    table
};

/// Which bytes of a range of the text are ASCII letters and digits: one
/// bit a byte (bit `j % 32` of `bits[j / 32]` is byte `from + j`), made 32
/// bytes at a time (AVX2 where the processor has it, else two SSE2
/// compares), so that the end of a run is found with one `trailing_zeros`
/// instead of a test per byte. Bytes past the range are clear, and there is
/// always a clear bit after it.
///
/// Beside them, the same way, the bytes where a token may start
/// (`starts`, see [`starts_of`]), which the scanner's run of plain tokens
/// ([`plain_tokens`]) walks.
#[derive(Default)]
pub(crate) struct AlnumBits {
    from: usize,
    to: usize,
    bits: Vec<u32>,
    starts: Vec<u32>,
}

/// The token starts of a 32-byte block ([`AlnumBits`]' `starts`): every
/// byte that is neither white space ([`ScanByte::Space`]) nor an ASCII
/// letter or digit, and every letter or digit whose byte before is none
/// (`alnum_before`: whether the byte before the block is one). `alnum` and
/// `space` are the block's letters and digits and its white space.
#[inline(always)]
fn starts_of(alnum: u32, space: u32, alnum_before: bool) -> u32 {
    (alnum & !(alnum << 1 | u32::from(alnum_before))) | (!alnum & !space)
}

/// Which of 32 bytes are white space as [`ScanByte::Space`] says, one at a
/// time (the fallback of [`alnum_special32_avx2`]'s space mask).
#[inline(always)]
fn space32(block: &[u8; 32]) -> u32 {
    block.iter().enumerate().fold(0, |m, (i, &b)| {
        m | u32::from(matches!(b, b' ' | b'\n' | b'\t' | b'\r')) << i
    })
}

impl AlnumBits {
    /// The bits of `bytes[from..to]`; and whether every byte there is
    /// ASCII and no backquote (the bytes whose normal form is the byte in
    /// lower case: see [`Tokens::from_sentence`]), told in the same pass.
    fn set(&mut self, bytes: &[u8], from: usize, to: usize) -> bool {
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        self.set_with(bytes, from, to, avx2)
    }

    /// [`AlnumBits::set`], with AVX2 (where `avx2` says the processor has
    /// it) or without (the tests hold the two to each other).
    fn set_with(&mut self, bytes: &[u8], from: usize, to: usize, avx2: bool) -> bool {
        let from = from.min(to);
        self.from = from;
        self.to = to;
        // Word `k` holds bytes `32 * k..` of the text (so that a run's end
        // is found without the range's start): the words before the
        // range's block stay clear, and its first block is read whole from
        // its 32-aligned start (the bits before `from` are set as the bytes
        // say; `run_end` reads none before its start).
        let aligned = from & !31;
        self.bits.clear();
        self.bits.resize(to / 32 + 1, 0);
        self.starts.clear();
        self.starts.resize(to / 32 + 1, 0);
        let words = &mut self.bits[aligned / 32..];
        let starts = &mut self.starts[aligned / 32..];
        #[cfg(target_arch = "x86_64")]
        if avx2 {
            // SAFETY: the processor has AVX2.
            return unsafe {
                alnum_words_avx2(words, starts, &bytes[..to], aligned, from - aligned)
            };
        }
        let mut at = aligned;
        let mut alnum_before = false;
        for (word, start) in words.iter_mut().zip(starts) {
            let (alnum, space) = match bytes[at..to].first_chunk::<32>() {
                Some(block) => (alnum32(block), space32(block)),
                None => {
                    let block = padded(&bytes[at..to]);
                    let last = last_block_mask(to - at);
                    (alnum32(&block) & last, space32(&block) | !last)
                }
            };
            *word = alnum;
            *start = starts_of(alnum, space, alnum_before);
            alnum_before = alnum >> 31 != 0;
            at += 32;
        }
        let range = &bytes[from..to];
        range.is_ascii() && memchr::memchr(b'`', range).is_none()
    }

    /// Whether the bits hold `from..to` (a range of the text).
    fn covers(&self, from: usize, to: usize) -> bool {
        self.from <= from && to <= self.to
    }

    /// The end of the run of ASCII letters and digits at byte `i` of the
    /// text, at most `to` (`i` in the bits' range, `to` at most its end).
    ///
    /// The bits of `i`'s block and the next are read as one `u64`, so that
    /// a run that goes on into the next block (one word in five or so) is
    /// told as the others are, without a second step (past the last word
    /// there is no next: its bits are taken as clear, as the bits past the
    /// range are); only a run that goes on past the next block takes the
    /// loop.
    #[inline]
    fn run_end(&self, i: usize, to: usize) -> usize {
        let k = i / 32;
        let next = self.bits.get(k + 1).map_or(0, |&w| u64::from(w));
        let two = !(u64::from(self.bits[k]) | next << 32) >> (i % 32);
        if two != 0 {
            return (i + two.trailing_zeros() as usize).min(to);
        }
        let mut k = k + 2;
        let mut w = !self.bits[k];
        while w == 0 {
            k += 1;
            w = !self.bits[k];
        }
        (k * 32 + w.trailing_zeros() as usize).min(to)
    }
}

/// The mask of the last (partial) block of a range, `n` bytes long (fewer
/// than 32): the bits of its bytes, those past the range's end cleared. The
/// block is read from the text where the text has 32 bytes there (the
/// bytes past the range are read and their bits dropped), else from a copy
/// padded with zeros ([`padded`]).
#[inline(always)]
fn last_block_mask(n: usize) -> u32 {
    (1u32 << n) - 1
}

/// The last fewer than 32 bytes of a range, padded with zeros (no letter or digit).
#[inline(always)]
fn padded(rest: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 32];
    block[..rest.len()].copy_from_slice(rest);
    block
}

/// [`AlnumBits::set`] with AVX2: `words` (one per 32 bytes of
/// `bytes[from..]`, `from` a multiple of 32, and one more) get the words of
/// the whole 32-byte blocks, then the last word (see [`last_block_mask`]),
/// clear past the end (all clear where the range ends at a block's end).
/// Returns whether no byte of the range (`bytes[from + before..]`: the
/// first `before` bytes are the aligned block's, not the range's) is 0x80
/// or above or a backquote (the movemask of the bytes and of a compare,
/// kept in the same loop).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn alnum_words_avx2(
    words: &mut [u32],
    starts: &mut [u32],
    bytes: &[u8],
    from: usize,
    before: usize,
) -> bool {
    let to = bytes.len();
    // The first `before` bytes are not the range's: their specials are
    // dropped (cleared here, then shifted out by the first block's).
    let mut special = 0u32;
    let mut first_block_mask = !0u32 << before;
    let mut at = from;
    let mut alnum_before = false;
    let (last, whole) = words.split_last_mut().expect("one word past the blocks");
    let (last_start, whole_starts) = starts.split_last_mut().expect("as many as words");
    for (word, start) in whole.iter_mut().zip(whole_starts) {
        let block = bytes[at..].first_chunk::<32>().expect("a whole block");
        let (alnum, odd, space) = alnum_special32_avx2(block);
        *word = alnum;
        *start = starts_of(alnum, space, alnum_before);
        alnum_before = alnum >> 31 != 0;
        special |= odd & first_block_mask;
        first_block_mask = !0;
        at += 32;
    }
    let rest = to - at;
    let (alnum, odd, space) = match bytes[at..].first_chunk::<32>() {
        Some(block) => alnum_special32_avx2(block),
        None => alnum_special32_avx2(&padded(&bytes[at..])),
    };
    // The last block's bytes past the end (0 to 31 of them) are dropped;
    // the padding of a copy is zeros, neither letters nor special (and no
    // token start: they are taken as white space).
    *last = alnum & last_block_mask(rest);
    *last_start = starts_of(*last, space | !last_block_mask(rest), alnum_before);
    special |= odd & last_block_mask(rest) & first_block_mask;
    special == 0
}

/// [`alnum32_avx2`], which of the 32 bytes are 0x80 or above or a
/// backquote, and which are white space ([`ScanByte::Space`]).
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "avx2")]
fn alnum_special32_avx2(b: &[u8; 32]) -> (u32, u32, u32) {
    use std::arch::x86_64::{
        _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8,
    };
    // SAFETY: the load reads the 32 bytes of `b` (unaligned).
    let v = unsafe { _mm256_loadu_si256(b.as_ptr().cast()) };
    let backquote = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'`' as i8));
    let special = _mm256_movemask_epi8(v) as u32 | _mm256_movemask_epi8(backquote) as u32;
    let space = _mm256_or_si256(
        _mm256_or_si256(
            _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b' ' as i8)),
            _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\n' as i8)),
        ),
        _mm256_or_si256(
            _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\t' as i8)),
            _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\r' as i8)),
        ),
    );
    (alnum32_avx2(b), special, _mm256_movemask_epi8(space) as u32)
}

/// Which of 32 bytes are ASCII letters or digits, with AVX2: the test of
/// [`alnum_high16`] on twice the bytes.
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "avx2")]
pub(crate) fn alnum32_avx2(b: &[u8; 32]) -> u32 {
    use std::arch::x86_64::{
        _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8, _mm256_sub_epi8,
    };
    // SAFETY: the load reads the 32 bytes of `b` (unaligned).
    let v = unsafe { _mm256_loadu_si256(b.as_ptr().cast()) };
    let letter = _mm256_sub_epi8(
        _mm256_or_si256(v, _mm256_set1_epi8(0x20)),
        _mm256_set1_epi8(b'a' as i8),
    );
    let letter = _mm256_cmpeq_epi8(_mm256_min_epu8(letter, _mm256_set1_epi8(25)), letter);
    let digit = _mm256_sub_epi8(v, _mm256_set1_epi8(b'0' as i8));
    let digit = _mm256_cmpeq_epi8(_mm256_min_epu8(digit, _mm256_set1_epi8(9)), digit);
    _mm256_movemask_epi8(_mm256_or_si256(letter, digit)) as u32
}

/// Which of 32 bytes are ASCII letters or digits (two [`alnum_high16`]).
#[inline(always)]
fn alnum32(block: &[u8; 32]) -> u32 {
    let (lo, hi) = block.split_at(16);
    let lo = alnum_high16(lo.try_into().expect("16 bytes")).0;
    let hi = alnum_high16(hi.try_into().expect("16 bytes")).0;
    u32::from(lo) | u32::from(hi) << 16
}

/// Which of sixteen bytes are ASCII letters or digits, and which are 0x80
/// or above, with SSE2: a letter when `(b | 0x20) - b'a'` (wrapping) is at
/// most 25, a digit when `b - b'0'` is at most 9; every byte of 0x80 and
/// above fails both. The token layer reads the first mask, the gazetteer
/// tagger both (`stages::tag::words`).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn alnum_high16(b: &[u8; 16]) -> (u16, u16) {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_sub_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 target, and the load reads the
    // sixteen bytes of `b` (unaligned).
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr().cast());
        let letter = _mm_sub_epi8(
            _mm_or_si128(v, _mm_set1_epi8(0x20)),
            _mm_set1_epi8(b'a' as i8),
        );
        let letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(25)), letter);
        let digit = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
        let digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
        let alnum = _mm_movemask_epi8(_mm_or_si128(letter, digit));
        (alnum as u16, _mm_movemask_epi8(v) as u16)
    }
}

/// [`alnum_high16`] one byte at a time: the other targets' way, and the tests' reference.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
pub(crate) fn alnum_high16_by_bytes(b: &[u8; 16]) -> (u16, u16) {
    b.iter().enumerate().fold((0, 0), |(alnum, high), (i, x)| {
        (
            alnum | u16::from(x.is_ascii_alphanumeric()) << i,
            high | u16::from(*x >= 0x80) << i,
        )
    })
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
pub(crate) fn alnum_high16(b: &[u8; 16]) -> (u16, u16) {
    alnum_high16_by_bytes(b)
}

/// Per byte, its [`ScanByte`] (every byte from 0x80 up is `Other`).
const SCAN_BYTE: [ScanByte; 256] = {
    let mut table = [ScanByte::Other; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        table[c] = if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
            ScanByte::Space
        } else if b.is_ascii_alphanumeric() {
            ScanByte::Alnum
        } else if b.is_ascii_graphic()
            && !b.is_ascii_alphanumeric()
            && !matches!(
                b,
                b'\''
                    | b'.'
                    | b'-'
                    | b'!'
                    | b'?'
                    | b'='
                    | b'_'
                    | b'*'
                    | b'~'
                    | b'#'
                    | b'^'
                    | b'+'
                    | b':'
                    | b';'
            )
        {
            ScanByte::Single
        } else {
            ScanByte::Other
        };
        c += 1;
    }
    table
};

/// A token of web text that holds marks which elsewhere split words,
/// starting at `i` (a token start), and where it ends:
///
/// | kind | example |
/// | --- | --- |
/// | URL (`http://`, `https://`, `ftp://`, `www.`, `mailto:` up to a space; closing marks of the sentence left out) | `http://example.org/a-b?c=d` |
/// | e-mail address | `jane.roe@mail.example.org`, `Roe@EXAMPLE` |
/// | dotted name of a site or file (lower-case parts after the first) | `Example.com`, `notes.doc`, `alt.news.misc` |
/// | a date with the month in letters | `01-Feb-02` |
/// | emoticon | `:)`, `:-(`, `;)`, `:D`, `=)` |
fn whole_token_at(text: &str, i: usize, to: usize) -> Option<usize> {
    let rest = text.get(i..to)?;
    let b = rest.as_bytes();
    let first = *b.first()?;
    // URLs.
    let starts = |p: &str| {
        b.get(..p.len())
            .is_some_and(|x| x.eq_ignore_ascii_case(p.as_bytes()))
    };
    // Each prefix is told by its first two letters ("ht", "ft", "ma", "ww")
    // before it is compared.
    let lead = (
        first.to_ascii_lowercase(),
        b.get(1).map(u8::to_ascii_lowercase),
    );
    let is_url = matches!(
        lead,
        (b'h' | b'f', Some(b't')) | (b'm', Some(b'a')) | (b'w', Some(b'w'))
    ) && (["http://", "https://", "ftp://", "mailto:"]
        .iter()
        .any(|p| starts(p))
        || (starts("www.") && b.get(4).is_some_and(u8::is_ascii_alphanumeric)));
    if is_url {
        let mut end = rest.find(is_space).unwrap_or(rest.len());
        let url = &rest[..end];
        let opened = url.matches('(').count();
        let mut closed = url.matches(')').count();
        while let Some(c) = rest[..end].chars().next_back() {
            if !url_trailer(c) || (c == ')' && closed <= opened) {
                break;
            }
            if c == ')' {
                closed -= 1;
            }
            end -= c.len_utf8();
        }
        return (end > 0).then_some(i + end);
    }
    // Emoticons: eyes, an optional nose, a mouth, then no letter or digit.
    if matches!(first, b':' | b';' | b'=') {
        let mut k = 1;
        if matches!(b.get(k), Some(b'-' | b'\'')) {
            k += 1;
        }
        let mouth = matches!(
            b.get(k),
            Some(b')' | b'(' | b'D' | b'P' | b'p' | b'O' | b'o' | b'/' | b'|' | b']' | b'[')
        );
        let clear = !b.get(k + 1).is_some_and(u8::is_ascii_alphanumeric);
        return (mouth && clear && !(first == b'=' && k == 1 && b.get(k) == Some(&b'(')))
            .then_some(i + k + 1);
    }
    if !first.is_ascii_alphanumeric() {
        return None;
    }
    // The run of characters of addresses, sites, file names and dates; one
    // with no '.', '@' or '-' (most words) is none of them. Which marks it
    // holds are counted in the same pass: each test below that needs a
    // mark is skipped without it (a date has two hyphens exactly, a site or
    // file name a dot), in place of the searches and splits that would
    // find none.
    let (mut n, mut at, mut first_dot, mut dots, mut hyphens) = (0, None, 0, 0, 0);
    while let Some(&c) = b.get(n) {
        match c {
            b'@' => {
                at = at.or(Some(n));
            }
            b'.' => {
                if dots == 0 {
                    first_dot = n;
                }
                dots += 1;
            }
            b'-' => hyphens += 1,
            _ if RUN_BYTE[usize::from(c)] == RUN_PLAIN => {}
            _ => break,
        }
        n += 1;
    }
    if at.is_none() && dots == 0 && hyphens == 0 {
        return None;
    }
    // The run's closing dots and hyphens are left out (and out of the
    // counts: no '@' is among them, and the first dot is before them where
    // any dot is left).
    while n > 0 && matches!(b[n - 1], b'.' | b'-') {
        n -= 1;
        if b[n] == b'.' {
            dots -= 1;
        } else {
            hyphens -= 1;
        }
    }
    let run = &rest[..n];
    if let Some(k) = at {
        let (local, domain) = (&run[..k], &run[k + 1..]);
        let ok = !local.is_empty()
            && domain
                .bytes()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            && domain
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'));
        return ok.then_some(i + run.len());
    }
    // "01-Feb-02": three parts.
    // (split only where there are two hyphens: most runs have one or none)
    if hyphens == 2 {
        let mut parts = run.split('-');
        if let (Some(d), Some(m), Some(y)) = (parts.next(), parts.next(), parts.next()) {
            let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
                n.contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit())
            };
            if digits(d, 1..=2)
                && m.len() == 3
                && m.bytes().all(|c| c.is_ascii_alphabetic())
                && digits(y, 2..=4)
            {
                return Some(i + run.len());
            }
        }
    }
    // "Example.com", "notes.doc": the parts after the first in lower case, one of two letters or more.
    if dots == 0 {
        return None;
    }
    let (head, tail) = (&run[..first_dot], &run[first_dot + 1..]);
    let lower_part = |p: &str| {
        p.bytes().next().is_some_and(|c| c.is_ascii_lowercase())
            && p.bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    };
    let named = head.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        && head.bytes().any(|c| c.is_ascii_alphabetic())
        && tail.split('.').all(lower_part)
        && tail.split('.').any(|p| p.len() >= 2)
        && !run.contains("--");
    named.then_some(i + run.len())
}

/// A run of marks that is one token, starting at `i`: marks that end a
/// sentence mixed (`!!!`, `?!`, `.?`), or two or more rule and emphasis marks
/// (`***`, `____`, `=-----`, `^^`).
fn mark_run_at(text: &str, i: usize, to: usize) -> Option<usize> {
    let b = text.as_bytes();
    let run = |set: &[u8]| {
        let mut end = i;
        while end < to && set.contains(&b[end]) {
            end += 1;
        }
        end
    };
    let end = match b[i] {
        b'!' | b'?' => run(b".!?"),
        b'=' | b'_' | b'*' | b'~' | b'#' | b'^' | b'+' => {
            let end = run(b"=_*~#^+-");
            if end - i < 2 {
                return None;
            }
            end
        }
        _ => return None,
    };
    Some(end)
}

/// Scan the word starting at `start` (a word character): emit it (and a
/// split-off `n't`), return where the scan goes on. The bytes from `start`
/// to `from` are known to be ASCII letters and digits (`from` may be `start`).
fn word(text: &str, start: usize, from: usize, to: usize, emit: &mut impl FnMut(Span)) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    // Whether `text[start..i]` is all ASCII letters and digits (read by
    // the loop's first line alone): then it holds no dot and each char is
    // a byte, which the tests at a dot read without a search.
    let mut plain = true;
    loop {
        // The run of word characters.
        while i < to && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let Some(c) = char_at(text, i, to) else { break };
        if in_word(c) {
            i += c.len_utf8();
            plain = false;
            continue;
        }
        // Any other ASCII character but these ends the word (the common case, first).
        if c.is_ascii() && !matches!(c, '\'' | '.' | ',' | '/' | ':' | '-') {
            break;
        }
        let after = i + c.len_utf8();
        let word_plain = plain;
        // Every branch below that goes on past `c` reads it into the word.
        plain = false;
        let prev = match word_plain && i > start {
            true => Some(char::from(bytes[i - 1])),
            false => text[start..i].chars().next_back(),
        };
        let next = char_at(text, after, to);
        if is_invisible(c) && next.is_some_and(char::is_alphanumeric) {
            // "co\u{ad}operate".
            i = after;
            continue;
        }
        if is_apostrophe(c) {
            // "don't": "do" "n't".
            let t_end = after + 1;
            if matches!(prev, Some('n' | 'N'))
                && matches!(next, Some('t' | 'T'))
                && !char_at(text, t_end, to).is_some_and(in_word)
            {
                let n = i - 1;
                if n > start {
                    emit(Span::new(start, n));
                }
                emit(Span::new(n, t_end));
                return t_end;
            }
            if clitic_at(text, i, to).is_some() {
                break;
            }
            // An apostrophe inside a name: "Ja'afari".
            if next.is_some_and(|n| n.is_alphanumeric()) {
                i = after;
                continue;
            }
            break;
        }
        if matches!(c, '.' | ',' | '/' | ':' | '-') {
            // "3.5", "1,000", "9/11", "01/24/2001", "12:30", "853-7906".
            if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            {
                i = after;
                continue;
            }
        }
        if c == '.' {
            // "U.S.": single letters, each followed by a dot.
            let segment_chars = if word_plain {
                // No dot to search back to, and a char a byte.
                i - start
            } else {
                let segment = &text[text[start..i].rfind('.').map_or(start, |d| start + d + 1)..i];
                segment.chars().count()
            };
            let one_letter = segment_chars == 1 && prev.is_some_and(char::is_alphabetic);
            if one_letter {
                let letter_dot = next.is_some_and(char::is_alphabetic)
                    && next.and_then(|n| char_at(text, after + n.len_utf8(), to)) == Some('.');
                if letter_dot {
                    i = after;
                    continue;
                }
                if !word_plain && text[start..i].contains('.') {
                    i = after;
                    break;
                }
            }
            // "Mr.", "Gen.". Other abbreviations ("Inc.", "Nov.") and initials
            // ("E. Smith") keep their dot apart: EWT joins them, but the
            // relation templates read these parses better (see docs/SYNTAX.md).
            if is_title(&text[start..i]) {
                i = after;
            }
        }
        break;
    }
    emit(Span::new(start, i));
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;

    #[test]
    fn a_sentence_over_the_limit_has_no_tokens() {
        // A prose sentence, a "sentence" of a list with no end over the
        // limit, and prose again: only the prose is tokenised, and every
        // sentence keeps its index.
        let list = "Aland, Bora, ".repeat(MAX_TOKENIZED_SENTENCE / 10);
        let text = format!("Norway hosted talks. {list}\nPeru came.");
        let a = 0;
        let b = "Norway hosted talks. ".len();
        let c = b + list.len() + 1;
        let sentences = [
            Span::new(a, b - 1),
            Span::new(b, c - 1),
            Span::new(c, text.len()),
        ];
        let t = Tokens::new(&text, &sentences);
        assert_eq!(t.sentence(0).len(), 4, "Norway hosted talks .");
        assert_eq!(t.sentence(1).len(), 0, "the list over the limit");
        assert_eq!(t.sentence(2).len(), 3, "Peru came .");
        // At the limit itself the sentence is read.
        let at = "x ".repeat(MAX_TOKENIZED_SENTENCE / 2);
        let t = Tokens::new(&at, &[Span::new(0, at.len())]);
        assert_eq!(t.len(), MAX_TOKENIZED_SENTENCE / 2);
    }

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        scan(text, Span::new(0, text.len()), |s| out.push(s.of(text)));
        out
    }

    fn has_avx2() -> bool {
        #[cfg(target_arch = "x86_64")]
        return std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        false
    }

    /// The run ends where `is_ascii_alphanumeric` says, for every byte
    /// value at every place of a range that crosses 16- and 32-byte blocks,
    /// and never past the range's end, with bits of the range or of a longer
    /// stretch; the AVX2 words are the SSE2 words, and both tell whether the
    /// range is plain (ASCII, no backquote) as the bytes do.
    #[test]
    fn alnum_runs_end_where_the_bytes_say() {
        let mut alnum = AlnumBits::default();
        for b in 0..=255u8 {
            for k in 0..140 {
                let mut bytes = vec![b'a'; 150];
                bytes[k] = b;
                for (from, to) in [(0, 150), (3, 140), (k.min(7), k + 1), (k.min(7), k)] {
                    let plain = bytes[from..to].iter().all(|&c| c.is_ascii() && c != b'`');
                    let mut words = None;
                    for avx2 in [false, true] {
                        if avx2 && !has_avx2() {
                            continue;
                        }
                        assert_eq!(
                            alnum.set_with(&bytes, from, to, avx2),
                            plain,
                            "plain: byte {b:#x} at {k}, range {from}..{to}, avx2 {avx2}"
                        );
                        let want = if b.is_ascii_alphanumeric() || k >= to {
                            to
                        } else {
                            k.max(from)
                        };
                        let want = if k < from { to } else { want };
                        assert_eq!(
                            alnum.run_end(from, to),
                            want,
                            "byte {b:#x} at {k}, range {from}..{to}, avx2 {avx2}"
                        );
                        // The token starts: a byte that is no white space
                        // and no letter or digit, or a letter or digit
                        // after none (within the bits' first block: the
                        // bits before it are not read); none past the end.
                        let space = |p: usize| SCAN_BYTE[usize::from(bytes[p])] == ScanByte::Space;
                        for p in from..to.next_multiple_of(32).max(32) {
                            let start = p < to
                                && !space(p)
                                && !(bytes[p].is_ascii_alphanumeric()
                                    && p > (from & !31)
                                    && bytes[p - 1].is_ascii_alphanumeric());
                            let bit = alnum
                                .starts
                                .get(p / 32)
                                .is_some_and(|w| w >> (p % 32) & 1 != 0);
                            assert_eq!(
                                bit, start,
                                "start at {p}: byte {b:#x} at {k}, range {from}..{to}, avx2 {avx2}"
                            );
                        }
                        // Runs read from bits of a longer stretch are cut
                        // at the range's end.
                        if let Some(words) = &words {
                            assert_eq!(
                                &(alnum.bits.clone(), alnum.starts.clone()),
                                words,
                                "avx2 against sse2"
                            );
                        }
                        words = Some((alnum.bits.clone(), alnum.starts.clone()));
                        alnum.set_with(&bytes, from.min(2), 150, avx2);
                        assert_eq!(alnum.run_end(from, to), want, "bits to the end");
                    }
                }
            }
        }
        for first in (0..=255u8).step_by(16) {
            let b: [u8; 16] = std::array::from_fn(|i| first + i as u8);
            assert_eq!(
                alnum_high16(&b),
                alnum_high16_by_bytes(&b),
                "bytes from {first:#x}"
            );
        }
    }

    #[test]
    fn ascii_spaces_are_the_spaces() {
        for b in 0..=0x7fu8 {
            let c = char::from(b);
            assert_eq!(is_space(c), is_space_by_definition(c), "{c:?}");
        }
    }

    #[test]
    fn tokens_follow_ewt() {
        let cases: &[(&str, &[&str])] = &[
            ("US-backed forces", &["US", "-", "backed", "forces"]),
            (
                "Iran's and Iraq\u{2019}s",
                &["Iran", "'s", "and", "Iraq", "\u{2019}s"],
            ),
            (
                "they don't, can't, won't",
                &["they", "do", "n't", ",", "ca", "n't", ",", "wo", "n't"],
            ),
            (
                "we'll see; I'm sure they're",
                &["we", "'ll", "see", ";", "I", "'m", "sure", "they", "'re"],
            ),
            (
                "Ibrahim al-Ja'afari and O'Brien",
                &["Ibrahim", "al", "-", "Ja'afari", "and", "O'Brien"],
            ),
            ("the rebels' own", &["the", "rebels", "'", "own"]),
            ("'quoted' words", &["'", "quoted", "'", "words"]),
            (
                "rose 3.5% to 1,000.",
                &["rose", "3.5", "%", "to", "1,000", "."],
            ),
            (
                "the U.S. and U.N. said",
                &["the", "U.S.", "and", "U.N.", "said"],
            ),
            (
                "Mr. Smith met Gen. Lee.",
                &["Mr.", "Smith", "met", "Gen.", "Lee", "."],
            ),
            ("wait... now -- go", &["wait", "...", "now", "--", "go"]),
            (
                "\u{201c}No\u{201d} \u{2014} (yes)",
                &["\u{201c}", "No", "\u{201d}", "\u{2014}", "(", "yes", ")"],
            ),
            (
                "Erdo\u{11f}an cafe\u{301} co\u{ad}operate",
                &["Erdo\u{11f}an", "cafe\u{301}", "co\u{ad}operate"],
            ),
            ("a\u{200b} b\u{a0}c\td", &["a", "b", "c", "d"]),
            ("n't 's", &["n't", "'s"]),
            ("end.", &["end", "."]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), want.to_vec(), "case {text:?}");
        }
    }

    /// Web text: each kind of token that holds marks (URLs, addresses, sites
    /// and files, dates and numbers, emoticons, runs of marks, abbreviations
    /// and initials), each beside a near miss that splits as before.
    #[test]
    fn web_tokens_are_whole() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "url",
                "see http://example.org/a-b?c=d&e=f.",
                &["see", "http://example.org/a-b?c=d&e=f", "."],
            ),
            (
                "url in parentheses",
                "(www.example.org/x)",
                &["(", "www.example.org/x", ")"],
            ),
            (
                "url with its own parentheses",
                "at https://wiki.example.org/A_(b), then",
                &["at", "https://wiki.example.org/A_(b)", ",", "then"],
            ),
            ("www alone", "www. is", &["www", ".", "is"]),
            (
                "e-mail address",
                "write to jane.roe@mail.example.org.",
                &["write", "to", "jane.roe@mail.example.org", "."],
            ),
            (
                "address without a dot",
                "Roe@EXAMPLE said",
                &["Roe@EXAMPLE", "said"],
            ),
            ("at sign alone", "meet @ noon", &["meet", "@", "noon"]),
            (
                "site and file",
                "on Example.com and notes.doc",
                &["on", "Example.com", "and", "notes.doc"],
            ),
            (
                "no space after a sentence",
                "the talks.Russia said",
                &["the", "talks", ".", "Russia", "said"],
            ),
            ("single letters", "at 9 a.m. on", &["at", "9", "a.m.", "on"]),
            ("date", "sent 01-Feb-02 at", &["sent", "01-Feb-02", "at"]),
            (
                "numbers with slashes, colons, hyphens",
                "9/11 on 01/24/2001 at 12:30, call 853-7906",
                &[
                    "9/11",
                    "on",
                    "01/24/2001",
                    "at",
                    "12:30",
                    ",",
                    "call",
                    "853-7906",
                ],
            ),
            (
                "hyphen between a number and a word",
                "a 5-year-old US-backed plan",
                &[
                    "a", "5", "-", "year", "-", "old", "US", "-", "backed", "plan",
                ],
            ),
            (
                "emoticons",
                "fine :) not :-( ok ;) yes :D",
                &["fine", ":)", "not", ":-(", "ok", ";)", "yes", ":D"],
            ),
            (
                "colon before a word",
                "Note:Do it (: no",
                &["Note", ":", "Do", "it", "(", ":", "no"],
            ),
            (
                "runs of marks",
                "what?! no!!! really.? *** ____ =-----",
                &[
                    "what", "?!", "no", "!!!", "really", ".?", "***", "____", "=-----",
                ],
            ),
            ("single marks", "a * b ! c", &["a", "*", "b", "!", "c"]),
            (
                "abbreviations and initials keep their dot apart",
                "Acme Inc. and George E. Smith, Mr. Roe",
                &[
                    "Acme", "Inc", ".", "and", "George", "E", ".", "Smith", ",", "Mr.", "Roe",
                ],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(words(text), want.to_vec(), "case {name}: {text:?}");
        }
    }

    /// Runs of web text whose marks are counted in one pass with the run
    /// (`whole_token_at`): closing dots and hyphens left out of the run and
    /// of the counts, a first dot, several `@`, near misses of each kind.
    #[test]
    fn web_token_runs_with_closing_marks() {
        let cases: &[(&str, &[&str])] = &[
            ("a.b.- x", &["a.b.", "-", "x"]),
            ("x-y-. z", &["x", "-", "y", "-", ".", "z"]),
            ("U.S. said", &["U.S.", "said"]),
            ("Example.com. It", &["Example.com", ".", "It"]),
            ("notes.doc- ok", &["notes.doc", "-", "ok"]),
            ("01-Feb-02. ok", &["01-Feb-02", ".", "ok"]),
            ("01-Feb-02-. ok", &["01-Feb-02", "-", ".", "ok"]),
            ("a.b@c.d. ok", &["a.b@c.d", ".", "ok"]),
            ("a@b-. ok", &["a@b", "-", ".", "ok"]),
            ("ab.-cd.ef x", &["ab", ".", "-", "cd.ef", "x"]),
            ("A.b.c-d.e x", &["A.b.c-d.e", "x"]),
            ("w.x--y.z x", &["w", ".", "x", "--", "y", ".", "z", "x"]),
            ("Mr.-Smith", &["Mr.", "-", "Smith"]),
            ("a@.b", &["a", "@", ".", "b"]),
            ("a.b@c@d.e.", &["a", ".", "b", "@", "c@d.e", "."]),
            ("x.Y.z", &["x.Y.", "z"]),
            ("x.yy.z", &["x.yy.z"]),
            ("xx-.yy", &["xx-.yy"]),
            ("1.2.3", &["1.2.3"]),
            ("a_b.c_d", &["a", "_", "b", ".", "c", "_", "d"]),
            ("%.x", &["%", ".", "x"]),
            ("h.e.l.l.o.", &["h.e.l.l.o."]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), want.to_vec(), "case {text:?}");
        }
    }

    #[test]
    fn layer_has_sentences_and_normal_forms() {
        let text = "Turkey\u{2019}s ERDO\u{11e}AN left. He\u{2014}not Iran\u{2014}said so.";
        let sents = [Span::new(0, 25), Span::new(26, text.len())];
        let t = Tokens::new(text, &sents);
        assert_eq!(t.sentences(), 2);
        assert_eq!(t.sentence(0), 0..5);
        let norms: Vec<&str> = (0..t.len()).map(|i| t.norm(i)).collect();
        assert_eq!(
            norms,
            [
                "turkey", "'s", "erdogan", "left", ".", "he", "-", "not", "iran", "-", "said",
                "so", "."
            ]
        );
        assert!(t.as_slice()[5..].iter().all(|k| k.sentence == 1));
        assert_eq!(t.covering(Span::new(0, 6)), 0..1);
        assert_eq!(t.covering(Span::new(10, 10)), 2..2);
        assert_eq!(t.sentence(7), 13..13);
    }

    proptest::proptest! {
        /// The shortcuts for common ASCII make the tokens the general path
        /// makes, on text dense in what they must tell apart: words before
        /// marks that may continue a web token, URL and address starts,
        /// emoticons, runs of marks, apostrophes, non-ASCII letters.
        #[test]
        fn shortcuts_make_the_general_tokens(
            text in "([a-zA-Z0-9]{1,9}|[a-z]{20,40}|[ .,:;/@%+_=*!?'`()\"\n\t-]|http://|www\\.|mailto:|Mr\\.|n't|\u{e9}|\u{2019}|\u{201c}|\u{ad}|\u{301}){0,30}",
            cut in 0usize..64,
            first in 0usize..40,
        ) {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            // The whole text, and a range ending inside it.
            let mut end = cut.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            // A range starting inside it (a later sentence's; it may start
            // inside a run of letters, and its bits' first block before it).
            let mut start = first.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            // The letter-and-digit bits of the range alone, and of the
            // whole text (as the token layer makes them: runs cut at the
            // range's end).
            let mut alnum = AlnumBits::default();
            for (range, bits_from, bits_to) in [
                (Span::new(0, text.len()), 0, text.len()),
                (Span::new(0, end), 0, end),
                (Span::new(0, end), 0, text.len()),
                (Span::new(start, text.len()), start, text.len()),
                (Span::new(start, text.len()), 0, text.len()),
            ] {
                fast.clear();
                slow.clear();
                alnum.set(text.as_bytes(), bits_from, bits_to);
                scan_with::<true>(&text, range, &alnum, |s, _| fast.push(s));
                scan_with::<false>(&text, range, &AlnumBits::default(), |s, _| slow.push(s));
                proptest::prop_assert_eq!(&fast, &slow, "text {:?} range {:?} bits to {}", text, range, bits_to);
            }
        }

        /// A token's shape holds what it says of the token's bytes and of
        /// the byte after it (`Shape::LoneSmall`, `Shape::LoneCapital`,
        /// `Shape::Mark`), in the layer of several sentences.
        #[test]
        fn shapes_are_what_they_say(
            text in "([a-zA-Z0-9]{1,9}|[ .,:;/@%+_=*!?'`()\"\n\t-]|http://|www\\.|Mr\\.|n't|'s|\u{e9}|\u{2019}|\u{201c}|\u{ad}|\u{301}){0,24}",
        ) {
            let sents: Vec<Span> = sentences(&text).into_iter().map(Span::from).collect();
            let t = Tokens::new(&text, &sents);
            let bytes = text.as_bytes();
            let tokens = t.as_slice();
            let is_mark = |b: u8| {
                b.is_ascii_graphic() && !b.is_ascii_alphanumeric() && !matches!(b, b'\'' | b'.' | b'-')
            };
            for (i, tok) in tokens.iter().enumerate() {
                let word = &bytes[tok.span.range()];
                match tok.shape() {
                    Shape::Other => {}
                    Shape::Mark => {
                        proptest::prop_assert!(word.len() == 1 && is_mark(word[0]), "{:?} in {:?}", tok, text);
                    }
                    shape => {
                        proptest::prop_assert!(!word.is_empty() && word.iter().all(u8::is_ascii_alphanumeric), "{:?} in {:?}", tok, text);
                        proptest::prop_assert_eq!(shape == Shape::LoneCapital, word[0].is_ascii_uppercase(), "{:?} in {:?}", tok, text);
                        // The byte after it is in its sentence, and white
                        // space or a mark that is the next token, alone.
                        let sentence = sents[tok.sentence as usize];
                        let after = tok.span.end;
                        proptest::prop_assert!(after < sentence.end, "{:?} in {:?}", tok, text);
                        let next = tokens.get(i + 1);
                        let space = matches!(bytes[after], b' ' | b'\n' | b'\t' | b'\r');
                        let lone_mark = is_mark(bytes[after])
                            && next.is_some_and(|n| n.span == Span::new(after, after + 1));
                        proptest::prop_assert!(space || lone_mark, "{:?} in {:?}", tok, text);
                    }
                }
            }
        }

        /// A token's normal form is [`normal_form`] of its text, whether it
        /// is read from the lower-cased text or appended.
        #[test]
        fn norms_are_normal_forms(
            text in "([a-zA-Z0-9]{1,6}|[ .,`'-]|\u{c9}|\u{2019}|\u{201c}|Stra\u{df}e|\n\n){0,20}",
            first in 0usize..3,
        ) {
            let sents: Vec<Span> = sentences(&text).into_iter().map(Span::from).collect();
            let t = Tokens::from_sentence(&text, &sents, first);
            for i in 0..t.len() {
                let mut want = String::new();
                normal_form(t.text(i, &text), &mut want);
                proptest::prop_assert_eq!(t.norm(i), want.as_str(), "token {} of {:?}", i, text);
            }
        }

        /// Tokens are in order, do not overlap, cover every non-space
        /// character, and lie on char boundaries.
        #[test]
        fn tokens_cover_the_text(text in "(?s).{0,60}") {
            let mut spans = Vec::new();
            scan(&text, Span::new(0, text.len()), |s| spans.push(s));
            let mut at = 0;
            for s in &spans {
                proptest::prop_assert!(s.start >= at && s.end > s.start);
                proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                proptest::prop_assert!(text[at..s.start].chars().all(is_space));
                at = s.end;
            }
            proptest::prop_assert!(text[at..].chars().all(is_space));
        }
    }
}
