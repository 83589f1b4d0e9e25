//! A matching view of a text, with a map from every byte of the view back to
//! the original bytes.
//!
//! Gazetteer matching runs on [`Normalized::as_str`]; every match is then
//! mapped back with [`Normalized::to_original`], so mentions always point into
//! the text the user gave us.
//!
//! # What normalisation does
//!
//! | input                                                       | output            |
//! |-------------------------------------------------------------|-------------------|
//! | upper and title case (Unicode, via `char::to_lowercase`)     | lower case        |
//! | diacritics (`Erdoğan`, `Ö`, `é`, `İ`), NFD or precomposed    | removed           |
//! | compatibility forms (`ﬁ`, full-width `Ａ`, `ℌ`)              | NFKD base letters |
//! | `ß` `ı` `ς` `ø` `ł` `đ` `ð` `ħ` `æ` `œ` `þ`                   | `ss` `i` `σ` `o` `l` `d` `d` `h` `ae` `oe` `th` |
//! | apostrophes `'` `’` `ʼ` `‘` `‛` `` ` `` `´` `′`                | `'`               |
//! | double quotes `"` `“` `”` `„` `‟` `«` `»` `″`                  | `"`               |
//! | dashes `‐` `‑` `‒` `–` `—` `―` `−` `﹘` `﹣` `－`              | `-`               |
//! | soft hyphen, zero-width space/joiners, bidi marks, BOM      | dropped           |
//! | any run of whitespace and control characters (NUL, CR, NBSP, U+2007, U+202F, U+2028, ...) | one space |
//!
//! Leading and trailing whitespace is kept as one space, not trimmed, so the
//! view is uniform; [`normalize_phrase`] trims.
//!
//! # Offsets
//!
//! The map is compact: it stores one segment per place where the
//! correspondence between normalised and original bytes changes (a collapsed
//! whitespace run, a dropped character, a character whose byte length
//! changes), not one entry per byte. For ASCII prose that is a few segments
//! per paragraph. Lookups are a binary search.
//!
//! A combining mark that is dropped belongs to the character before it, so a
//! span never ends between a letter and its accent (`Cafe\u{301}` maps back
//! whole). Dropped invisible characters (soft hyphen, zero-width space) and
//! collapsed whitespace belong to nothing: a span ending before them does not
//! include them.
//!
//! Offsets are stored as `u32`: a document, and its normalised view, must be
//! smaller than 4 GiB.
//!
//! ```
//! use kgx::text::Normalized;
//! let original = "President  Recep Tayyip ERDOĞAN’s\u{a0}visit";
//! let norm = Normalized::new(original);
//! assert_eq!(norm.as_str(), "president recep tayyip erdogan's visit");
//! let start = norm.as_str().find("erdogan").unwrap();
//! let span = norm.to_original(start..start + "erdogan".len());
//! assert_eq!(&original[span], "ERDOĞAN");
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Marks a segment whose bytes map one to one onto the original.
const LINEAR: u32 = u32::MAX;

/// One piece of the origin map.
///
/// Normalised bytes `norm..next.norm` came from the original starting at
/// `orig`. If `end == LINEAR` the correspondence is byte for byte (and char
/// for char, each char keeping its byte length); otherwise every byte of the
/// piece was produced by the original bytes `orig..end` as one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    norm: u32,
    orig: u32,
    end: u32,
}

/// The normalised view of a text and the map back to the original bytes.
///
/// Build it once per document with [`Normalized::new`]; it cannot fail.
///
/// ```
/// use kgx::text::Normalized;
/// let norm = Normalized::new("The  U.N.\r\nSecretary–General");
/// assert_eq!(norm.as_str(), "the u.n. secretary-general");
/// assert_eq!(norm.origin(9), 11); // "secretary" starts after "\r\n"
/// ```
#[derive(Clone, Debug)]
pub struct Normalized {
    text: String,
    segments: Vec<Segment>,
    original_len: usize,
    /// Per 64 bytes of `text`, its word and lower-case bits: `len() / 64 + 1`
    /// entries ([`Normalized::bits`]).
    bits: Vec<ViewBits>,
}

/// Two bit masks of 64 bytes of a normalised view (bit `j` of entry `k` of
/// [`Normalized::bits`] is byte `64 k + j`), made as the view is built, for
/// the gazetteer tagger's scan (`stages::tag::words`), where two more
/// passes over the bytes made them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ViewBits {
    /// The bytes of word characters ([`is_word_char`]): the words are the
    /// maximal runs of set bits.
    pub(crate) word: u64,
    /// The bytes that come from an ASCII lower-case letter of the original
    /// in a piece of the view that maps byte for byte onto it.
    pub(crate) lower: u64,
}

/// What to do with one non-ASCII character.
enum Class {
    /// Invisible: produces nothing and does not break a whitespace run.
    Drop,
    /// Whitespace or control: part of a run that becomes one space.
    Space,
    /// Punctuation with a fixed ASCII replacement.
    Punct(char),
    /// Everything else: decompose, drop marks, lower-case, fold.
    Fold,
}

/// The normalised form of an ASCII byte: lower case, `` ` `` as `'`, and
/// whitespace and control bytes as a space (which starts or continues a
/// whitespace run).
///
/// Written with masks instead of branches so that folding a block of bytes
/// compiles to a few SIMD instructions.
fn fold_ascii(b: u8) -> u8 {
    let all_if = |cond: bool| 0u8.wrapping_sub(u8::from(cond)); // 0xFF or 0
    let upper = all_if(b.is_ascii_uppercase());
    let backtick = all_if(b == b'`');
    let space = all_if((b <= b' ') | (b == 0x7F));
    let b = b | (upper & 0x20);
    let b = (b & !backtick) | (b'\'' & backtick);
    (b & !space) | (b' ' & space)
}

/// Bytes of a block of [`Builder::ascii_run`]: one SSE2 vector.
const BLOCK: usize = 16;

/// A block of `N` (at most 32) ASCII bytes folded ([`fold_ascii`] of each),
/// with bit masks of its bytes (bit `k` for byte `k`).
#[derive(Debug, PartialEq, Eq)]
struct Folded<const N: usize> {
    bytes: [u8; N],
    /// The folded bytes that are the space.
    spaces: u32,
    /// The bytes that are ASCII letters or digits (word characters, folded
    /// or not: folding changes only the case of a letter).
    word: u32,
    /// The original bytes that are ASCII lower-case letters.
    lower: u32,
}

/// A block of ASCII bytes folded, with its masks ([`Folded`]); `None` when
/// a byte of the block is `0x80` or above.
///
/// With SSE2 (every x86_64 processor) a block is folded and tested in
/// about thirty vector instructions; [`fold_block_by_bytes`] does the same
/// byte by byte elsewhere, and the tests hold the two equal.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn fold_block(block: &[u8; BLOCK]) -> Option<Folded<BLOCK>> {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_storeu_si128, _mm_sub_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 target; the load reads the
    // sixteen bytes of `block` and the store writes the sixteen of `out`
    // (both unaligned).
    unsafe {
        let v = _mm_loadu_si128(block.as_ptr().cast());
        if _mm_movemask_epi8(v) != 0 {
            return None;
        }
        let set = |b: u8| _mm_set1_epi8(b as i8);
        // (unsigned `x <= n` as `min(x, n) == x`)
        let at_most = |x, n: u8| _mm_cmpeq_epi8(_mm_min_epu8(x, set(n)), x);
        let upper = at_most(_mm_sub_epi8(v, set(b'A')), 25);
        let lower = at_most(_mm_sub_epi8(v, set(b'a')), 25);
        let digit = at_most(_mm_sub_epi8(v, set(b'0')), 9);
        let backtick = _mm_cmpeq_epi8(v, set(b'`'));
        let space = _mm_or_si128(at_most(v, b' '), _mm_cmpeq_epi8(v, set(0x7F)));
        let folded = _mm_or_si128(v, _mm_and_si128(upper, set(0x20)));
        let folded = _mm_or_si128(
            _mm_andnot_si128(backtick, folded),
            _mm_and_si128(backtick, set(b'\'')),
        );
        let folded = _mm_or_si128(
            _mm_andnot_si128(space, folded),
            _mm_and_si128(space, set(b' ')),
        );
        let word = _mm_or_si128(_mm_or_si128(upper, lower), digit);
        let mut out = [0u8; BLOCK];
        _mm_storeu_si128(out.as_mut_ptr().cast(), folded);
        let mask = |m| u32::from(_mm_movemask_epi8(m) as u16);
        Some(Folded {
            bytes: out,
            spaces: mask(space),
            word: mask(word),
            lower: mask(lower),
        })
    }
}

/// [`fold_block`] for 32 bytes with AVX2 (detected at run time,
/// [`Builder::avx2`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn fold_block32_avx2(block: &[u8; 2 * BLOCK]) -> Option<Folded<{ 2 * BLOCK }>> {
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256,
        _mm256_min_epu8, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
        _mm256_storeu_si256, _mm256_sub_epi8,
    };
    // SAFETY: the load reads the 32 bytes of `block` and the store writes
    // the 32 of `out` (both unaligned).
    let v = unsafe { _mm256_loadu_si256(block.as_ptr().cast()) };
    if _mm256_movemask_epi8(v) != 0 {
        return None;
    }
    let set = |b: u8| _mm256_set1_epi8(b as i8);
    let at_most = |x, n: u8| _mm256_cmpeq_epi8(_mm256_min_epu8(x, set(n)), x);
    let upper = at_most(_mm256_sub_epi8(v, set(b'A')), 25);
    let lower = at_most(_mm256_sub_epi8(v, set(b'a')), 25);
    let digit = at_most(_mm256_sub_epi8(v, set(b'0')), 9);
    let backtick = _mm256_cmpeq_epi8(v, set(b'`'));
    let space = _mm256_or_si256(at_most(v, b' '), _mm256_cmpeq_epi8(v, set(0x7F)));
    let folded = _mm256_or_si256(v, _mm256_and_si256(upper, set(0x20)));
    let folded = _mm256_or_si256(
        _mm256_andnot_si256(backtick, folded),
        _mm256_and_si256(backtick, set(b'\'')),
    );
    let folded = _mm256_or_si256(
        _mm256_andnot_si256(space, folded),
        _mm256_and_si256(space, set(b' ')),
    );
    let word = _mm256_or_si256(_mm256_or_si256(upper, lower), digit);
    let mut out = [0u8; 2 * BLOCK];
    // SAFETY: as above.
    unsafe { _mm256_storeu_si256(out.as_mut_ptr().cast(), folded) };
    Some(Folded {
        bytes: out,
        spaces: _mm256_movemask_epi8(space) as u32,
        word: _mm256_movemask_epi8(word) as u32,
        lower: _mm256_movemask_epi8(lower) as u32,
    })
}

/// [`fold_block`] without SSE2.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn fold_block(block: &[u8; BLOCK]) -> Option<Folded<BLOCK>> {
    fold_block_by_bytes(block)
}

/// [`fold_block`] byte by byte (for any `N` up to 32): the definition the
/// vector code is held to.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn fold_block_by_bytes<const N: usize>(block: &[u8; N]) -> Option<Folded<N>> {
    if block.iter().fold(0, |any, &b| any | b) >= 0x80 {
        return None;
    }
    let bytes: [u8; N] = std::array::from_fn(|k| fold_ascii(block[k]));
    let mask = |test: &dyn Fn(usize) -> bool| (0..N).fold(0u32, |m, k| m | u32::from(test(k)) << k);
    Some(Folded {
        bytes,
        spaces: mask(&|k| bytes[k] == b' '),
        word: mask(&|k| block[k].is_ascii_alphanumeric()),
        lower: mask(&|k| block[k].is_ascii_lowercase()),
    })
}

/// The fixed replacement of apostrophe, quote and dash variants.
fn punct(c: char) -> Option<char> {
    match c {
        '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}' | '\u{201B}' | '`' | '\u{00B4}'
        | '\u{2032}' => Some('\''),
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        _ => None,
    }
}

fn classify(c: char) -> Class {
    match c {
        // soft hyphen, zero-width space/non-joiner/joiner, LRM/RLM, bidi
        // embeddings and isolates, word joiner and invisible operators, BOM.
        '\u{00AD}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}' => Class::Drop,
        _ if c.is_whitespace() || c.is_control() => Class::Space,
        _ => match punct(c) {
            Some(p) => Class::Punct(p),
            None => Class::Fold,
        },
    }
}

/// Letters with no decomposition that readers nonetheless treat as a plain
/// letter (or two).
fn push_folded(c: char, out: &mut String) {
    match c {
        'ß' => out.push_str("ss"),
        'ı' => out.push('i'),
        'ς' => out.push('σ'),
        'ø' => out.push('o'),
        'ł' => out.push('l'),
        'đ' | 'ð' => out.push('d'),
        'ħ' => out.push('h'),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'þ' => out.push_str("th"),
        _ => out.push(c),
    }
}

/// Appends the folded form of a non-ASCII, non-space, non-punctuation char.
///
/// Never leaves a leading, trailing or doubled space in `out` (a spacing
/// diacritic such as `¨` decomposes to a space and a mark: it folds to
/// nothing).
fn fold_into(c: char, out: &mut String) {
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if d.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            return;
        }
        if let Some(p) = punct(d) {
            out.push(p);
            return;
        }
        for l in d.to_lowercase() {
            if !is_combining_mark(l) {
                push_folded(l, out);
            }
        }
    });
    if out.ends_with(' ') {
        out.pop();
    }
}

/// [`fold_into`] of `c`: from a table for the chars of two UTF-8 bytes,
/// folded into `scratch` for the others.
///
/// The two-byte chars (U+0080 to U+07FF) are the accented Latin letters and
/// the Greek, Cyrillic, Armenian, Hebrew and Arabic alphabets: folded once,
/// text in them costs a lookup per letter instead of a decomposition and a
/// case mapping.
fn folded(c: char, scratch: &mut String) -> &str {
    static TWO_BYTE: LazyLock<Vec<Box<str>>> = LazyLock::new(|| {
        ('\u{80}'..='\u{7FF}')
            .map(|c| {
                let mut folded = String::new();
                fold_into(c, &mut folded);
                folded.into_boxed_str()
            })
            .collect()
    });
    match (c as usize).checked_sub(0x80).and_then(|k| TWO_BYTE.get(k)) {
        Some(folded) => folded,
        None => {
            scratch.clear();
            fold_into(c, scratch);
            scratch
        }
    }
}

/// Builds the normalised text and its segments in one pass.
struct Builder {
    out: Vec<u8>,
    segments: Vec<Segment>,
    /// The last segment is linear and the next linear byte continues it.
    open: bool,
    /// The last thing emitted was the whitespace run's space.
    in_space: bool,
    /// Original end of the last emitted non-space unit, if nothing has been
    /// skipped since: a dropped combining mark at this offset attaches to it.
    word_end: Option<usize>,
    /// The processor has AVX2: [`Builder::ascii_run`] folds 32 bytes a
    /// vector ([`fold_block32_avx2`]).
    avx2: bool,
    /// Byte length of the last emitted unit (when it was linear).
    last_len: usize,
    /// The view's [`ViewBits`] of the entries before [`Builder::cur`]'s,
    /// final: the bits are written as the view's bytes are appended, in
    /// order, so an entry is complete once a later byte is marked.
    bits: Vec<ViewBits>,
    /// The bits of entry `bits.len()` so far (the entries after it are
    /// clear).
    cur: ViewBits,
}

impl Builder {
    /// Set the bits of `word` and `lower` for the `n` (at most 32) bytes
    /// about to be appended at view offset `at` (bit `j` for byte `at +
    /// j`), at or after every byte marked before.
    #[inline(always)]
    fn mark(&mut self, at: usize, n: usize, word: u32, lower: u32) {
        let k = at / 64;
        if k != self.bits.len() {
            self.move_to_entry(k);
        }
        let shift = at % 64;
        self.cur.word |= u64::from(word) << shift;
        self.cur.lower |= u64::from(lower) << shift;
        if shift + n > 64 {
            // The entry is complete; the rest of the masks start the next.
            let past = |m: u32| u64::from(m) >> (64 - shift);
            let next = ViewBits {
                word: past(word),
                lower: past(lower),
            };
            self.bits.push(self.cur);
            self.cur = next;
        }
    }

    /// Make entry `k` (after the current one: the bytes between were not
    /// marked, so their entries are clear) the current one.
    #[cold]
    #[inline(never)]
    fn move_to_entry(&mut self, k: usize) {
        debug_assert!(k > self.bits.len(), "bits marked in order");
        self.bits.push(self.cur);
        self.bits.resize(k, ViewBits::default());
        self.cur = ViewBits::default();
    }

    /// Clear the lower-case bit of view byte `j` (one already appended).
    fn clear_lower(&mut self, j: usize) {
        let bit = !(1u64 << (j % 64));
        match (j / 64).cmp(&self.bits.len()) {
            std::cmp::Ordering::Less => self.bits[j / 64].lower &= bit,
            std::cmp::Ordering::Equal => self.cur.lower &= bit,
            // (not marked yet: clear)
            std::cmp::Ordering::Greater => {}
        }
    }

    /// Set the word bits of `s`, about to be emitted at the end of the view,
    /// by its chars: a non-ASCII char, or what one folded to.
    fn mark_word_chars(&mut self, s: &str) {
        let at = self.out.len();
        for (j, c) in s.char_indices() {
            if is_word_char(c) {
                for b in j..j + c.len_utf8() {
                    self.mark(at + b, 1, 1, 0);
                }
            }
        }
    }

    fn push_segment(&mut self, orig: usize, end: u32) {
        self.segments.push(Segment {
            norm: self.out.len() as u32,
            orig: orig as u32,
            end,
        });
    }

    /// Emits `bytes`, the normalised form of the original chars at `p`, which
    /// have the same byte lengths.
    fn linear(&mut self, p: usize, bytes: &[u8]) {
        if !self.open {
            self.push_segment(p, LINEAR);
            self.open = true;
        }
        self.out.extend_from_slice(bytes);
        self.last_len = bytes.len();
    }

    /// Emits `s`, produced by the original bytes `p..end` as one unit.
    fn unit(&mut self, p: usize, end: usize, s: &str) {
        self.push_segment(p, end as u32);
        self.out.extend_from_slice(s.as_bytes());
        self.open = false;
        self.last_len = s.len();
    }

    fn skip(&mut self) {
        self.open = false;
    }

    fn space(&mut self, p: usize, len: usize) {
        if self.in_space {
            self.skip();
        } else {
            self.in_space = true;
            if len == 1 {
                self.linear(p, b" ");
            } else {
                self.unit(p, p + len, " ");
            }
        }
        self.word_end = None;
    }

    fn word(&mut self, p: usize, len: usize, s: &str) {
        self.in_space = false;
        self.mark_word_chars(s);
        let mut chars = s.chars();
        let single = chars.next().is_some() && chars.next().is_none();
        if single && s.len() == len {
            self.linear(p, s.as_bytes());
        } else {
            self.unit(p, p + len, s);
        }
        self.word_end = Some(p + len);
    }

    /// The fast path: normalises the run of ASCII bytes starting at `i` and
    /// returns where it ends. Bytes map one to one, except the second and
    /// later bytes of a whitespace run, which are skipped.
    ///
    /// Whole blocks of ASCII go through [`Builder::ascii_block`], two at a
    /// step while both are ASCII, then one; the bytes before the end of the
    /// text or a non-ASCII char, one by one.
    fn ascii_run(&mut self, bytes: &[u8], mut i: usize) -> usize {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: the processor has AVX2 (`Normalized::new` asked).
            i = unsafe { self.ascii_blocks_avx2(bytes, i) };
        }
        while let Some(pair) = bytes[i..].first_chunk::<{ 2 * BLOCK }>() {
            let (first, second) = pair.split_at(BLOCK);
            let (Some(a), Some(b)) = (
                fold_block(first.try_into().expect("a block")),
                fold_block(second.try_into().expect("a block")),
            ) else {
                break;
            };
            let mut bytes = [0; 2 * BLOCK];
            bytes[..BLOCK].copy_from_slice(&a.bytes);
            bytes[BLOCK..].copy_from_slice(&b.bytes);
            let pair = Folded {
                bytes,
                spaces: a.spaces | b.spaces << BLOCK,
                word: a.word | b.word << BLOCK,
                lower: a.lower | b.lower << BLOCK,
            };
            self.ascii_block(i, &pair);
            i += 2 * BLOCK;
        }
        while let Some(block) = bytes[i..].first_chunk::<BLOCK>() {
            let Some(folded) = fold_block(block) else {
                break;
            };
            self.ascii_block(i, &folded);
            i += BLOCK;
        }
        // The bytes' bits gathered and marked at once, at most 32 at a time
        // (the bytes emitted here are contiguous in the view).
        let (mut at, mut n, mut word, mut lower) = (self.out.len(), 0, 0u32, 0u32);
        while let Some(&byte) = bytes.get(i) {
            if !byte.is_ascii() {
                break;
            }
            let folded = fold_ascii(byte);
            let space = folded == b' ';
            if space && self.in_space {
                self.open = false;
            } else {
                word |= u32::from(byte.is_ascii_alphanumeric()) << n;
                lower |= u32::from(byte.is_ascii_lowercase()) << n;
                n += 1;
                self.linear(i, &[folded]);
                if n == 32 {
                    self.mark(at, n, word, lower);
                    (at, n, word, lower) = (self.out.len(), 0, 0, 0);
                }
            }
            self.in_space = space;
            i += 1;
        }
        if n > 0 {
            self.mark(at, n, word, lower);
        }
        self.last_len = 1;
        self.word_end = if self.in_space { None } else { Some(i) };
        i
    }

    /// The 32-byte blocks of ASCII from `i` on, with AVX2: where they end.
    /// A block of prose that continues the open segment is appended here
    /// (what [`Builder::ascii_block`] does with it, but `last_len`, which
    /// [`Builder::ascii_run`] sets when the run ends).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn ascii_blocks_avx2(&mut self, bytes: &[u8], mut i: usize) -> usize {
        while let Some(block) = bytes[i..].first_chunk::<{ 2 * BLOCK }>() {
            let Some(folded) = fold_block32_avx2(block) else {
                break;
            };
            let spaces = folded.spaces;
            let skipped = spaces & ((spaces << 1) | u32::from(self.in_space));
            if skipped == 0 && self.open {
                self.in_space = spaces >> (2 * BLOCK - 1) != 0;
                self.mark(self.out.len(), 2 * BLOCK, folded.word, folded.lower);
                self.out.extend_from_slice(&folded.bytes);
            } else {
                self.ascii_block(i, &folded);
            }
            i += 2 * BLOCK;
        }
        i
    }

    /// Appends `N` (at most 32) folded ASCII bytes ([`fold_block`]) from
    /// original offset `at`, with their bits: copies out the pieces between
    /// the skipped whitespace bytes (in prose, usually the whole block at
    /// once).
    fn ascii_block<const N: usize>(&mut self, at: usize, folded: &Folded<N>) {
        let spaces = folded.spaces;
        // A space after a space is skipped.
        let mut skipped = spaces & ((spaces << 1) | u32::from(self.in_space));
        self.in_space = (spaces >> (N - 1)) & 1 != 0;
        if skipped == 0 {
            // Prose: the whole block, copied as N bytes (not a copy of a
            // length known only at run time, a call per block).
            self.mark(self.out.len(), N, folded.word, folded.lower);
            self.linear(at, &folded.bytes);
            return;
        }
        // The bits of the bytes kept, moved down over the skipped ones (a
        // skipped byte is a space: no bit of its own), highest first so
        // that the places below stay put.
        let (mut word, mut lower) = (folded.word, folded.lower);
        let mut high = skipped;
        while high != 0 {
            let k = 31 - high.leading_zeros();
            let below = (1u32 << k) - 1;
            word = word & below | (word >> 1) & !below;
            lower = lower & below | (lower >> 1) & !below;
            high &= below;
        }
        let kept = N - skipped.count_ones() as usize;
        self.mark(self.out.len(), kept, word, lower);
        let mut piece_start = 0;
        while skipped != 0 {
            let k = skipped.trailing_zeros() as usize;
            if piece_start < k {
                self.linear(at + piece_start, &folded.bytes[piece_start..k]);
            }
            self.open = false;
            piece_start = k + 1;
            skipped &= skipped - 1;
        }
        if piece_start < N {
            self.linear(at + piece_start, &folded.bytes[piece_start..]);
        }
    }

    /// Attaches the dropped mark at `p..p + len` to the unit before it.
    fn attach(&mut self, p: usize, len: usize) {
        if self.word_end != Some(p) {
            self.skip();
            return;
        }
        let end = (p + len) as u32;
        let norm = self.out.len() - self.last_len;
        match self.segments.last_mut() {
            Some(last) if last.end != LINEAR => last.end = end,
            Some(last) if last.norm as usize == norm => last.end = end,
            Some(_) => {
                self.segments.push(Segment {
                    norm: norm as u32,
                    orig: (p - self.last_len) as u32,
                    end,
                });
            }
            None => {}
        }
        // The unit's bytes no longer map byte for byte (where they did):
        // no lower-case bits there.
        for j in norm..self.out.len() {
            self.clear_lower(j);
        }
        self.open = false;
        self.word_end = Some(p + len);
    }
}

impl Normalized {
    /// Normalises `original`.
    ///
    /// # Panics
    ///
    /// If `original`, or its normalised form, is 4 GiB or larger.
    ///
    /// ```
    /// use kgx::text::Normalized;
    /// assert_eq!(Normalized::new("ΣΊΣΥΦΟΣ and ﬁnance").as_str(), "σισυφοσ and finance");
    /// ```
    pub fn new(original: &str) -> Normalized {
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        Normalized::build(original, avx2)
    }

    /// [`Normalized::new`], with the AVX2 blocks where `avx2` (the
    /// processor must have AVX2 then), else the SSE2 or byte-by-byte ones.
    fn build(original: &str, avx2: bool) -> Normalized {
        assert!(
            original.len() < u32::MAX as usize,
            "kgx text: a document must be smaller than 4 GiB, got {} bytes",
            original.len()
        );
        let mut b = Builder {
            out: Vec::with_capacity(original.len() + 8),
            segments: Vec::with_capacity(original.len() / 128 + 4),
            open: false,
            in_space: false,
            word_end: None,
            avx2,
            last_len: 0,
            bits: Vec::with_capacity(original.len() / 64 + 2),
            cur: ViewBits::default(),
        };
        let bytes = original.as_bytes();
        let mut scratch = String::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x80 {
                i = b.ascii_run(bytes, i);
                continue;
            }
            // `i` is a char boundary: every branch advances by whole chars.
            let Some(c) = original[i..].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            match classify(c) {
                Class::Drop => {
                    b.skip();
                    b.word_end = None;
                }
                Class::Space => b.space(i, len),
                Class::Punct(p) => b.word(i, len, p.encode_utf8(&mut [0; 4])),
                Class::Fold => {
                    let folded = folded(c, &mut scratch);
                    if folded.is_empty() {
                        b.attach(i, len);
                    } else {
                        b.word(i, len, folded);
                    }
                }
            }
            i += len;
        }
        assert!(
            b.out.len() < u32::MAX as usize,
            "kgx text: the normalised document must be smaller than 4 GiB"
        );
        debug_assert!(std::str::from_utf8(&b.out).is_ok());
        // SAFETY: every byte pushed came in whole UTF-8 sequences: the bytes
        // of a `&str` (`unit`, `word`), of an ASCII block folded to ASCII
        // (`ascii_block`, `ascii_run`: `fold_ascii` maps ASCII to ASCII) or
        // the space. (Checking it again was a pass over the whole view.)
        let text = unsafe { String::from_utf8_unchecked(b.out) };
        // The current entry holds bytes of the view (or none): it is at most
        // the last one, and the entries after it are clear.
        let mut bits = b.bits;
        bits.push(b.cur);
        bits.resize(text.len() / 64 + 1, ViewBits::default());
        Normalized {
            text,
            segments: b.segments,
            original_len: original.len(),
            bits,
        }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length of the normalised text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the normalised text is empty (the original was empty or held
    /// only dropped characters).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Length of the original text in bytes.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// The view's word and lower-case bits ([`ViewBits`]), `len() / 64 + 1`
    /// entries: the bits past `len()` are clear, so the last word ends at a
    /// clear bit.
    pub(crate) fn bits(&self) -> &[ViewBits] {
        &self.bits
    }

    /// The pieces of the normalised text that map byte for byte onto the
    /// original, as (normalised start, original start, length): normalised
    /// byte `n + i` came from original byte `o + i` for `i < length` (the
    /// tests' definition of [`ViewBits::lower`]).
    #[cfg(test)]
    pub(crate) fn linear_pieces(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.segments
            .iter()
            .enumerate()
            .filter(|(_, s)| s.end == LINEAR)
            .map(|(k, s)| {
                let next = self
                    .segments
                    .get(k + 1)
                    .map_or(self.text.len(), |n| n.norm as usize);
                (s.norm as usize, s.orig as usize, next - s.norm as usize)
            })
    }

    /// The segment holding normalised byte `i` (`i < len()`).
    fn segment(&self, i: usize) -> Segment {
        let k = self.segments.partition_point(|s| s.norm as usize <= i);
        // Segment 0 starts at normalised byte 0 whenever the text is non-empty.
        self.segments[k.saturating_sub(1)]
    }

    /// The original byte offset of normalised byte `i`: where the original
    /// character that produced it starts. `i >= len()` gives the original
    /// length. An `i` inside a multi-byte character counts as that
    /// character's first byte, so the result is always an original char
    /// boundary.
    ///
    /// ```
    /// use kgx::text::Normalized;
    /// let norm = Normalized::new("Ça  va");
    /// assert_eq!(norm.as_str(), "ca va");
    /// assert_eq!(norm.origin(1), 2); // 'a' after the two-byte 'Ç'
    /// assert_eq!(norm.origin(3), 5); // 'v' after the collapsed run
    /// assert_eq!(norm.origin(5), 7);
    /// ```
    pub fn origin(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.original_len;
        }
        let i = self.floor_char_boundary(i);
        let s = self.segment(i);
        if s.end == LINEAR {
            s.orig as usize + (i - s.norm as usize)
        } else {
            s.orig as usize
        }
    }

    /// Where original byte `orig` falls in the normalised text: the first
    /// normalised offset in `0..=len()` whose [`Normalized::origin`] is at
    /// or after `orig` (the inverse of `origin` at the start of a unit).
    ///
    /// ```
    /// use kgx::text::Normalized;
    /// let norm = Normalized::new("Ça  va");
    /// assert_eq!(norm.from_original(2), 1); // 'a' after the two-byte 'Ç'
    /// assert_eq!(norm.from_original(5), 3); // 'v' after the collapsed run
    /// assert_eq!(norm.from_original(7), 5);
    /// ```
    pub fn from_original(&self, orig: usize) -> usize {
        let (mut lo, mut hi) = (0, self.text.len() + 1);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.origin(mid) < orig {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Whether normalised byte `i` begins the normalised form of an original
    /// character (or is `0` or the end): only a range between two such
    /// offsets maps back to the original exactly. Inside the expansion of one
    /// original character (the 18 characters of U+FDFA, the "ss" of "ß", the
    /// "fi" of "ﬁ") it does not: two ranges in one expansion would map to the
    /// same original character.
    ///
    /// ```
    /// use kgx::text::Normalized;
    /// let norm = Normalized::new("Straße \u{FDFA}");
    /// assert_eq!(norm.as_str(), "strasse \u{635}\u{644}\u{649} \u{627}\u{644}\u{644}\u{647} \u{639}\u{644}\u{64a}\u{647} \u{648}\u{633}\u{644}\u{645}");
    /// assert!(norm.is_unit_boundary(4)); // "ss" starts
    /// assert!(!norm.is_unit_boundary(5)); // between the two s of "ß"
    /// assert!(norm.is_unit_boundary(6));
    /// assert!(norm.is_unit_boundary(8)); // U+FDFA's expansion starts
    /// assert!(!norm.is_unit_boundary(15)); // a space inside it
    /// assert!(norm.is_unit_boundary(norm.len()));
    /// ```
    pub fn is_unit_boundary(&self, i: usize) -> bool {
        if i == 0 || i >= self.text.len() {
            return true;
        }
        if !self.text.is_char_boundary(i) {
            return false;
        }
        let s = self.segment(i);
        s.end == LINEAR || s.norm as usize == i
    }

    /// The original end of the character that produced normalised byte `i`
    /// (`i < len()`).
    fn origin_end(&self, i: usize) -> usize {
        let s = self.segment(i);
        if s.end == LINEAR {
            let mut j = i + 1;
            while !self.text.is_char_boundary(j) {
                j += 1;
            }
            s.orig as usize + (j - s.norm as usize)
        } else {
            s.end as usize
        }
    }

    fn floor_char_boundary(&self, mut i: usize) -> usize {
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// Maps a byte range of the normalised text back to the smallest range of
    /// the original that produced it: from where the original character of
    /// its first byte starts to where the original character of its last byte
    /// ends. Whitespace collapsed or characters dropped after the last byte
    /// are not included; combining marks of the last letter are.
    ///
    /// The result is on original char boundaries. A range reaching past
    /// `len()` is clamped; an empty range maps to an empty range.
    ///
    /// ```
    /// use kgx::text::Normalized;
    /// let original = "Mr\u{a0}\u{a0}Kılıçdaroğlu\u{ad}  said";
    /// let norm = Normalized::new(original);
    /// assert_eq!(norm.as_str(), "mr kilicdaroglu said");
    /// assert_eq!(&original[norm.to_original(3..15)], "Kılıçdaroğlu");
    /// assert_eq!(&original[norm.to_original(0..3)], "Mr\u{a0}");
    /// ```
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let end = range.end.min(self.text.len());
        let start = range.start.min(end);
        if start == end {
            let o = self.origin(start);
            return o..o;
        }
        self.origin(start)..self.origin_end(end - 1)
    }
}

/// Whether `c` is part of a word (Unicode alphanumeric). Matches must start
/// and end at word boundaries defined by this.
///
/// ```
/// use kgx::text::is_word_char;
/// assert!(is_word_char('ğ') && is_word_char('7') && !is_word_char('\''));
/// ```
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Normalises a short phrase (an alias, a name) exactly as [`Normalized`]
/// normalises text, and trims the surrounding space, so an alias and the
/// text that mentions it meet.
///
/// ```
/// use kgx::text::normalize_phrase;
/// assert_eq!(normalize_phrase("  Recep Tayyip  Erdoğan "), "recep tayyip erdogan");
/// assert_eq!(normalize_phrase("Côte d’Ivoire"), "cote d'ivoire");
/// ```
pub fn normalize_phrase(s: &str) -> String {
    Normalized::new(s).as_str().trim_matches(' ').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::oracle;

    /// The block fold (SSE2 on x86_64; AVX2 where the processor has it) is
    /// the byte-by-byte one, its masks too: every byte value at every place
    /// of a block, and blocks of random bytes.
    #[test]
    fn block_fold_is_the_byte_fold() {
        let base = *b"Ab `Z@[\x7f\t\n  z{0\x00";
        let mut blocks = vec![base];
        for b in 0..=255u8 {
            blocks.push([b; BLOCK]);
            for k in 0..BLOCK {
                let mut block = base;
                block[k] = b;
                blocks.push(block);
            }
        }
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            let mut block = [0u8; BLOCK];
            for b in &mut block {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // mostly ASCII, so that most blocks fold
                *b = (seed >> 56) as u8 & if seed & 0xF0 == 0 { 0xFF } else { 0x7F };
            }
            blocks.push(block);
        }
        for block in &blocks {
            assert_eq!(
                fold_block(block),
                fold_block_by_bytes(block),
                "block {block:?}"
            );
        }
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            for pair in blocks.windows(2) {
                let mut block = [0u8; 2 * BLOCK];
                block[..BLOCK].copy_from_slice(&pair[0]);
                block[BLOCK..].copy_from_slice(&pair[1]);
                // SAFETY: the processor has AVX2.
                let avx2 = unsafe { fold_block32_avx2(&block) };
                assert_eq!(avx2, fold_block_by_bytes(&block), "block {block:?}");
            }
        }
    }

    /// The shared table (`tests/data/normalize.toml`), run against the fast
    /// path and the spec oracle.
    #[test]
    fn normalises() {
        let (cases, _) = oracle::normalize_cases();
        assert!(cases.len() >= 50, "{} cases", cases.len());
        for case in &cases {
            let (name, input, want) = (&case.name, &case.input, &case.want);
            let got = Normalized::new(input);
            assert_eq!(got.as_str(), want, "case {name:?}, input {input:?}");
            assert_eq!(
                oracle::normalized(input).text,
                *want,
                "oracle: case {name:?}, input {input:?}"
            );
            assert_eq!(got.len(), want.len(), "case {name:?}: len");
            assert_eq!(got.is_empty(), want.is_empty(), "case {name:?}: is_empty");
            assert_eq!(
                got.origin(got.len()),
                input.len(),
                "case {name:?}: sentinel"
            );
        }
    }

    #[test]
    fn maps_spans_back() {
        let (_, spans) = oracle::normalize_cases();
        assert!(spans.len() >= 20, "{} span cases", spans.len());
        for case in &spans {
            let (name, original, needle, want) =
                (&case.name, &case.original, &case.needle, &case.want);
            let norm = Normalized::new(original);
            let view = oracle::normalized(original);
            let Some(start) = norm.as_str().find(needle.as_str()) else {
                panic!("case {name:?}: {needle:?} not in {:?}", norm.as_str());
            };
            let span = norm.to_original(start..start + needle.len());
            assert_eq!(
                original.get(span.clone()),
                Some(want.as_str()),
                "case {name:?}, original {original:?}, needle {needle:?}, span {span:?}"
            );
            let by_oracle = view.to_original(start..start + needle.len());
            assert_eq!(
                by_oracle, span,
                "oracle: case {name:?}, original {original:?}, needle {needle:?}"
            );
        }
    }

    #[test]
    fn empty_and_clamped_ranges() {
        let norm = Normalized::new("Ab  cd");
        assert_eq!(norm.to_original(2..2), 2..2);
        assert_eq!(norm.to_original(3..3), 4..4);
        assert_eq!(norm.to_original(5..5), 6..6);
        assert_eq!(norm.to_original(0..99), 0..6);
        assert_eq!(norm.to_original(9..99), 6..6);
        let empty = Normalized::new("\u{AD}");
        assert!(empty.is_empty());
        assert_eq!(empty.to_original(0..0), 2..2);
    }

    #[test]
    fn ascii_prose_has_few_segments() {
        let text = "The quick brown fox.  It jumped.\n\nOver the dog. ".repeat(100);
        let norm = Normalized::new(&text);
        assert!(
            norm.segments.len() <= 2 * 100 + 1,
            "{} segments",
            norm.segments.len()
        );
    }

    #[test]
    fn phrases() {
        let cases: &[(&str, &str, &str)] = &[
            ("trim", "  Recep  Tayyip ", "recep tayyip"),
            ("apostrophe", "Côte d’Ivoire", "cote d'ivoire"),
            ("dash", "Guinea–Bissau", "guinea-bissau"),
            ("empty", "", ""),
            ("whitespace", " \t ", ""),
        ];
        for &(name, input, want) in cases {
            assert_eq!(
                normalize_phrase(input),
                want,
                "case {name:?}, input {input:?}"
            );
        }
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn texty() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                4 => "[a-zA-Z0-9 .,']{0,8}",
                2 => "[ \t\r\n\u{a0}\u{2007}\u{202f}\u{2028}\u{200b}\u{ad}\u{0}]{0,4}",
                2 => "[\u{300}-\u{36f}\u{306}\u{301}]{0,3}",
                2 => "[ÉéÖöğĞİıßẞΣςΊŁłæﬁＡ’“”–—«»´`¨]{0,4}",
                1 => any::<String>(),
            ];
            prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
        }

        /// Text dense in what normalisation looks at, in pieces long and
        /// short enough that the 16-byte blocks of the ASCII fast path meet
        /// every kind of byte at every position, and non-ASCII text and
        /// combining marks right after a block.
        fn tricky() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                4 => "[a-zA-Z0-9 .,'`\"-]{1,12}",
                3 => "[a-zA-Z ]{14,40}",
                3 => "[ \t\r\n\u{b}\u{c}\u{0}\u{1}\u{1f}\u{7f}]{1,4}",
                2 => "[ \u{a0}\u{85}\u{2007}\u{202f}\u{2028}\u{2029}\u{3000}\u{200b}\u{200d}\u{ad}\u{feff}]{1,4}",
                2 => "[\u{300}-\u{36f}]{1,3}",
                3 => "[ÉéÖöÜüğĞİıßẞΣςΊŁłæœþðøﬁＡ’‘“”„–—―−«»´¨北京Путин]{1,4}",
                1 => any::<String>(),
            ];
            prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// The fast path normalises as the table says: the same text,
            /// `origin` at every byte and `to_original` on every range up to
            /// 64 bytes long as the spec oracle.
            #[test]
            fn same_as_oracle(text in tricky()) {
                same_as_oracle_on(&text)?;
            }

            /// On the inputs of the shared cases cut and glued at random
            /// places.
            #[test]
            fn same_as_oracle_on_the_cases(picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..8)) {
                let (cases, spans) = crate::text::oracle::normalize_cases();
                let inputs: Vec<&str> = cases.iter().map(|c| c.input.as_str()).chain(spans.iter().map(|c| c.original.as_str())).collect();
                let mut text = String::new();
                for (case, cut) in &picks {
                    let t = *case.get(&inputs);
                    let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
                    text.push_str(&t[*cut.get(&bounds)..]);
                }
                same_as_oracle_on(&text)?;
            }
        }

        fn same_as_oracle_on(text: &str) -> Result<(), TestCaseError> {
            let new = Normalized::new(text);
            // The blocks without AVX2 (SSE2 pairs and blocks) give the same
            // view, map and bits.
            let other = Normalized::build(text, false);
            prop_assert_eq!(&other.text, &new.text, "text {:?}", text);
            prop_assert_eq!(&other.segments, &new.segments, "text {:?}", text);
            prop_assert_eq!(&other.bits, &new.bits, "text {:?}", text);
            let spec = crate::text::oracle::normalized(text);
            prop_assert_eq!(new.as_str(), spec.text.as_str(), "text {:?}", text);
            prop_assert_eq!(new.original_len(), text.len());
            for start in 0..=new.len() + 1 {
                prop_assert_eq!(
                    new.origin(start),
                    spec.origin(start),
                    "origin({}) of {:?}",
                    start,
                    text
                );
                for end in start..=(start + 64).min(new.len() + 1) {
                    prop_assert_eq!(
                        new.to_original(start..end),
                        spec.to_original(start..end),
                        "to_original({}..{}) of {:?}",
                        start,
                        end,
                        text
                    );
                }
            }
            Ok(())
        }

        proptest! {
            #[test]
            fn to_original_is_sound(text in texty(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 2)) {
                let norm = Normalized::new(&text);
                let bounds: Vec<usize> = (0..=norm.len())
                    .filter(|&i| norm.as_str().is_char_boundary(i))
                    .collect();
                let mut a = cuts[0].get(&bounds).to_owned();
                let mut b = cuts[1].get(&bounds).to_owned();
                if a > b {
                    std::mem::swap(&mut a, &mut b);
                }
                let r = norm.to_original(a..b);
                prop_assert!(r.start <= r.end && r.end <= text.len(), "{r:?} for {a}..{b}");
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                // monotone: origins never go backwards
                let mut last = 0;
                for &i in &bounds {
                    let o = norm.origin(i);
                    prop_assert!(o >= last, "origin({i}) = {o} < {last}");
                    last = o;
                }
                // a sub-range maps inside the range
                if a < b {
                    let inner = norm.to_original(a..a + norm.as_str()[a..].chars().next().map_or(0, char::len_utf8));
                    prop_assert!(inner.start >= r.start && inner.end <= r.end);
                }
            }

            #[test]
            fn phrase_is_trimmed_view(text in texty()) {
                let norm = Normalized::new(&text);
                prop_assert_eq!(normalize_phrase(&text), norm.as_str().trim());
                prop_assert!(!norm.as_str().contains("  "), "double space in {:?}", norm.as_str());
            }

            #[test]
            fn idempotent(text in texty()) {
                let once = Normalized::new(&text);
                let twice = Normalized::new(once.as_str());
                prop_assert_eq!(once.as_str(), twice.as_str());
            }

            #[test]
            fn each_char_maps_to_text_that_normalises_to_it(text in texty()) {
                let norm = Normalized::new(&text);
                for (i, c) in norm.as_str().char_indices() {
                    if c == ' ' {
                        continue;
                    }
                    let r = norm.to_original(i..i + c.len_utf8());
                    let back = Normalized::new(&text[r.clone()]);
                    prop_assert!(back.as_str().contains(c), "{c:?} at {i} from {:?}", &text[r]);
                }
            }
        }
    }
}
