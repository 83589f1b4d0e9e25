//! Streams of documents from files, folders, standard input and JSON lines.
//!
//! Documents are read one at a time, so memory is bounded by the largest
//! document (and whatever the caller keeps), not by the corpus. Problems with
//! one input (unreadable, invalid UTF-8, a bad JSON line, a PDF) are reported
//! as [`Item::Failed`] and the stream goes on; a binary file is
//! [`Item::Skipped`]; how a file not in plain UTF-8 was decoded is an
//! [`Item::Notice`] before its document.
//!
//! JSON lines are `{"id": ..., "text": ...}` objects; `date`, `url`, `title`
//! and `source`, where present, become the document's [`Meta`]. The id is a
//! non-empty string or an integer, kept as written (`12345678901234567890`
//! is not rounded); `null`, `""` and other values are errors naming the
//! line. A repeated id is reported by [`crate::run`], which sees the
//! documents in input order.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::document::{day, day_from_path, Document, Meta};
use crate::error::{Error, ErrorKind, Location};
use crate::input::{
    count_invalid, decode, input_files, line_too_long, read_document, read_line_bounded,
    DecodeError, Encoding, InputFile, LineRead, Read, MAX_LINE_BYTES,
};

/// Where documents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A text file and its document id.
    File(InputFile),
    /// A JSON-lines file of `{"id": ..., "text": ...}` objects.
    Jsonl(PathBuf),
    /// Standard input: one text document with id `stdin`, or JSON lines.
    Stdin {
        /// Whether standard input holds JSON lines.
        jsonl: bool,
    },
}

/// One step of the stream.
#[derive(Debug)]
pub enum Item {
    /// A document, and where it comes from.
    Doc(Document, Origin),
    /// A binary file, skipped (with the path).
    Skipped(PathBuf),
    /// An input that could not be read; the stream goes on.
    Failed(Error),
    /// Something to tell the user about an input that was read: how it was
    /// decoded (the encoding's name, where it is not plain UTF-8).
    Notice(Location, String, Option<&'static str>),
}

/// Where a document comes from, for messages about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file (and line, for a JSON line).
    pub at: Location,
    /// Invalid sequences replaced by U+FFFD while decoding it.
    pub replaced: usize,
}

/// Expand command-line inputs (`-` is standard input) into sources, checking
/// that every path exists before any work starts.
pub fn sources(inputs: &[PathBuf], extension: &str, jsonl: bool) -> crate::Result<Vec<Source>> {
    let mut out = Vec::new();
    let mut paths = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin { jsonl });
        } else {
            paths.push(p.clone());
        }
    }
    if !paths.is_empty() {
        let ext = if jsonl { "jsonl" } else { extension };
        for f in input_files(&paths, ext)? {
            out.push(if jsonl {
                Source::Jsonl(f.path)
            } else {
                Source::File(f)
            });
        }
    }
    Ok(out)
}

/// Total bytes of the file sources (for progress), where known.
pub fn total_bytes(sources: &[Source]) -> Option<u64> {
    let mut total = 0;
    for s in sources {
        match s {
            Source::File(InputFile { path: p, .. }) | Source::Jsonl(p) => {
                total += std::fs::metadata(p).ok()?.len()
            }
            Source::Stdin { .. } => return None,
        }
    }
    Some(total)
}

/// The documents of `sources`, lazily.
pub struct Corpus {
    sources: std::vec::IntoIter<Source>,
    encoding: Encoding,
    lines: Option<(Arc<Path>, Box<dyn BufRead>, usize)>,
    /// Date documents by `YYYY/MM/DD` folders in their ids.
    date_from_path: bool,
    /// Items to hand out before reading on (a notice, then its document).
    pending: VecDeque<Item>,
}

#[derive(Deserialize)]
struct JsonDoc<'a> {
    /// `None` when the key is missing; `null` is kept as the raw value `null`.
    #[serde(borrow, default, deserialize_with = "raw_some")]
    id: Option<&'a serde_json::value::RawValue>,
    text: String,
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<serde_json::Value>,
    #[serde(default)]
    source: Option<serde_json::Value>,
}

/// A present value, as written (`null` included).
fn raw_some<'de, D>(d: D) -> Result<Option<&'de serde_json::value::RawValue>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    <&serde_json::value::RawValue as Deserialize>::deserialize(d).map(Some)
}

impl Corpus {
    /// The documents of `sources`, decoded with `encoding`.
    pub fn new(sources: Vec<Source>, encoding: Encoding) -> Corpus {
        Corpus {
            sources: sources.into_iter(),
            encoding,
            lines: None,
            date_from_path: false,
            pending: VecDeque::new(),
        }
    }

    /// Date each document by the `YYYY/MM/DD` folders of its id (`--date-from-path`),
    /// unless its JSON line gives a date.
    pub fn with_dates_from_path(mut self, on: bool) -> Corpus {
        self.date_from_path = on;
        self
    }

    /// A document read from a file: its notice (if any) queued before it.
    fn file_item(&mut self, read: crate::Result<Read>, path: &Path) -> Item {
        match read {
            Ok(Read::Text(mut doc, decoded)) => {
                if self.date_from_path {
                    doc.meta.date = day_from_path(&doc.id);
                }
                let origin = Origin {
                    at: Location::file(path),
                    replaced: decoded.replaced,
                };
                match decoded.notice() {
                    Some(n) => {
                        self.pending.push_back(Item::Doc(doc, origin));
                        Item::Notice(Location::file(path), n, Some(decoded.encoding))
                    }
                    None => Item::Doc(doc, origin),
                }
            }
            Ok(Read::Binary(_)) => Item::Skipped(path.to_path_buf()),
            Ok(Read::NotText(kind)) => Item::Failed(kind.error(path)),
            Err(e) => Item::Failed(e),
        }
    }

    /// The next line of the JSON-lines source being read, unparsed.
    fn next_line(&mut self) -> Option<Raw> {
        let (path, reader, line_no) = self.lines.as_mut()?;
        let mut buf = Vec::new();
        *line_no += 1;
        let line = *line_no;
        match read_line_bounded(reader, &mut buf, MAX_LINE_BYTES) {
            Ok(LineRead::End) => {
                self.lines = None;
                None
            }
            Ok(LineRead::TooLong(length)) => Some(Raw::Item(Item::Failed(line_too_long(
                "JSON line",
                length,
                path,
                line,
            )))),
            Ok(LineRead::Line) => Some(Raw::Line(JsonLine {
                path: path.clone(),
                line,
                bytes: buf,
                encoding: self.encoding,
                date_from_path: self.date_from_path,
            })),
            Err(e) => {
                let err = Error::io(ErrorKind::Input, "read input", &**path, &e);
                self.lines = None;
                Some(Raw::Item(Item::Failed(err)))
            }
        }
    }

    /// The next step of the stream with JSON lines left unparsed, so that a
    /// reader can hand the parsing to other threads ([`JsonLine::parse`]).
    pub fn next_raw(&mut self) -> Option<Raw> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(Raw::Item(item));
            }
            if self.lines.is_some() {
                if let Some(raw) = self.next_line() {
                    return Some(raw);
                }
                continue;
            }
            let source = self.sources.next()?;
            let item = match source {
                Source::File(f) => {
                    let read = read_document(&f.path, &f.id, self.encoding);
                    self.file_item(read, &f.path)
                }
                Source::Jsonl(p) => match File::open(&p) {
                    Ok(f) => {
                        self.lines =
                            Some((p.into(), Box::new(BufReader::with_capacity(64 << 10, f)), 0));
                        continue;
                    }
                    Err(e) => Item::Failed(Error::io(ErrorKind::Input, "read input", &p, &e)),
                },
                Source::Stdin { jsonl: true } => {
                    self.lines = Some((
                        Path::new("<stdin>").into(),
                        Box::new(BufReader::new(io::stdin())),
                        0,
                    ));
                    continue;
                }
                Source::Stdin { jsonl: false } => {
                    let mut bytes = Vec::new();
                    if let Err(e) = io::stdin().read_to_end(&mut bytes) {
                        return Some(Raw::Item(Item::Failed(Error::io(
                            ErrorKind::Input,
                            "read input",
                            "<stdin>",
                            &e,
                        ))));
                    }
                    let stdin = Path::new("<stdin>");
                    let read = decode("stdin".into(), bytes, self.encoding)
                        .map_err(|e: DecodeError| e.at_path(stdin));
                    self.file_item(read, stdin)
                }
            };
            return Some(Raw::Item(item));
        }
    }
}

/// One step of the stream with JSON lines unparsed (see [`Corpus::next_raw`]).
#[derive(Debug)]
pub enum Raw {
    /// A document or a skipped file, as the iterator gives it.
    Item(Item),
    /// One line of a JSON-lines input, not yet parsed.
    Line(JsonLine),
}

/// One line of a JSON-lines source, as read.
#[derive(Debug)]
pub struct JsonLine {
    path: Arc<Path>,
    line: usize,
    bytes: Vec<u8>,
    encoding: Encoding,
    date_from_path: bool,
}

impl JsonLine {
    /// The line's length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the line is empty (not even a line break: never, once read).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The document of the line, or what is wrong with it (naming the file
    /// and line); `None` for a blank line.
    ///
    /// JSON lines are UTF-8: invalid bytes are an error, unless the encoding
    /// is `lossy` (replaced by U+FFFD and counted) or a named one (the line
    /// is decoded with it). A byte-order mark before the first line is dropped.
    pub fn parse(self) -> Option<Item> {
        let at = || Location::line(&*self.path, self.line);
        let mut bytes: &[u8] = &self.bytes;
        if self.line == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        // The usual line, read in one scan of its bytes (see `plain_line`);
        // its strings are its only bytes that can be other than ASCII.
        if let Some((id, text)) = plain_line(bytes).and_then(Plain::into_strings) {
            return Some(self.plain_doc(id, text, 0));
        }
        let mut replaced = 0;
        let text: std::borrow::Cow<str> = match std::str::from_utf8(bytes) {
            Ok(t) => t.into(),
            Err(e) => match self.encoding {
                Encoding::Lossy => {
                    replaced = count_invalid(bytes);
                    String::from_utf8_lossy(bytes)
                }
                Encoding::Forced(enc) => {
                    let (t, bad) = enc.decode_without_bom_handling(bytes);
                    if bad {
                        replaced = t.chars().filter(|&c| c == '\u{FFFD}').count();
                    }
                    t
                }
                Encoding::Auto | Encoding::Strict => {
                    return Some(Item::Failed(
                        Error::new(
                            ErrorKind::Input,
                            format!(
                                "invalid UTF-8 at byte {} of the line (JSON lines are UTF-8; use --encoding lossy to replace bad bytes, or --encoding NAME to read the lines in that encoding)",
                                e.valid_up_to()
                            ),
                        )
                        .at(at()),
                    ))
                }
            },
        };
        if text.trim().is_empty() {
            return None;
        }
        let bad = |msg: String| Some(Item::Failed(Error::new(ErrorKind::Input, msg).at(at())));
        // A line decoded into other bytes may be of the usual shape now (a
        // line read as it was is not: `plain_line` said so above).
        if let std::borrow::Cow::Owned(decoded) = &text {
            if let Some((id, text)) = plain_line(decoded.as_bytes()).and_then(Plain::into_strings) {
                return Some(self.plain_doc(id, text, replaced));
            }
        }
        let d = match serde_json::from_str::<JsonDoc>(&text) {
            Ok(d) => d,
            Err(e) => return bad(format!("not a {{\"id\", \"text\"}} JSON line: {e}")),
        };
        let id = match d.id.map(|r| r.get()) {
            None => return bad("no \"id\" (every JSON line needs a string or integer id)".into()),
            Some(raw) if raw.starts_with('"') => match serde_json::from_str::<String>(raw) {
                Ok(s) if !s.trim().is_empty() => s,
                Ok(_) => return bad("empty \"id\" (give every document a non-empty id)".into()),
                Err(e) => return bad(format!("bad \"id\": {e}")),
            },
            // An integer id is kept exactly as written: big ones are not rounded.
            Some(raw)
                if raw.bytes().all(|b| b.is_ascii_digit())
                    || raw.strip_prefix('-').is_some_and(|r| {
                        !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit())
                    }) =>
            {
                raw.to_string()
            }
            Some("null") => {
                return bad("null \"id\" (give every document a string or integer id)".into())
            }
            Some(raw) => return bad(format!("\"id\" {raw} is neither a string nor an integer")),
        };
        let mut meta = Meta::default();
        for (field, value, slot) in [
            ("date", &d.date, &mut meta.date),
            ("url", &d.url, &mut meta.url),
            ("title", &d.title, &mut meta.title),
            ("source", &d.source, &mut meta.source),
        ] {
            match value {
                None | Some(serde_json::Value::Null) => {}
                Some(serde_json::Value::String(s)) if field == "date" => match day(s.trim()) {
                    Some(day) => *slot = Some(day),
                    None => {
                        return bad(format!(
                            "\"date\" \"{s}\" is not a date (write YYYY-MM-DD or an RFC 3339 date-time)"
                        ))
                    }
                },
                Some(serde_json::Value::String(s)) => *slot = Some(s.clone()),
                Some(other) => return bad(format!("\"{field}\" {other} is not a string")),
            }
        }
        if meta.date.is_none() && self.date_from_path {
            meta.date = day_from_path(&id);
        }
        let mut doc = Document::new(id, d.text);
        doc.meta = meta;
        Some(Item::Doc(doc, Origin { at: at(), replaced }))
    }

    /// The document of a line of the usual shape (`plain_line`).
    fn plain_doc(&self, id: String, text: String, replaced: usize) -> Item {
        let mut doc = Document::new(id, text);
        if self.date_from_path {
            doc.meta.date = day_from_path(&doc.id);
        }
        let at = Location::line(&*self.path, self.line);
        Item::Doc(doc, Origin { at, replaced })
    }
}

/// The id and text of a line of the usual shape, `{"id": "...", "text":
/// "..."}`, read in one scan of its bytes; `None` for any other line, which
/// serde_json then reads (and reports on, with the same messages as ever).
///
/// It is exact: it takes only lines that serde_json reads as a document with
/// that id and text and no metadata. Both keys are written plainly, once
/// each, in either order, with no other key; the id is a string without
/// escapes whose trimmed form is not empty; the text's escapes are the
/// one-letter ones (`\" \\ \/ \b \f \n \r \t`, a `\u` goes to serde); no
/// string holds a control character (serde refuses them); only JSON white
/// space (space, tab, line feed, carriage return) lies between the tokens
/// and after the object. Every byte outside the two strings is one of those
/// ASCII bytes, so the line is UTF-8 exactly when both strings are
/// ([`Plain::into_strings`] tells). The text is copied once, as it is
/// scanned ([`string_body`]), instead of through serde's scratch buffer and
/// then into a `String`.
fn plain_line(b: &[u8]) -> Option<Plain> {
    let skip_space = |mut i: usize| {
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    };
    let mut id: Option<(Vec<u8>, bool)> = None;
    let mut text: Option<(Vec<u8>, bool)> = None;
    let mut i = skip_space(0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    loop {
        i = skip_space(i + 1);
        let rest = b.get(i..)?;
        let (slot, plain_only, key_len) = if rest.starts_with(b"\"id\"") {
            (&mut id, true, 4)
        } else if rest.starts_with(b"\"text\"") {
            (&mut text, false, 6)
        } else {
            return None;
        };
        if slot.is_some() {
            return None;
        }
        i = skip_space(i + key_len);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_space(i + 1);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let mut value = Vec::new();
        let (end, ascii) = if plain_only {
            value.reserve(32);
            string_body_by_runs(b, i + 1, &mut value, true)?
        } else {
            string_body(b, i + 1, &mut value)?
        };
        *slot = Some((value, ascii));
        i = skip_space(end);
        match b.get(i) {
            Some(b',') => continue,
            Some(b'}') => break,
            _ => return None,
        }
    }
    if skip_space(i + 1) != b.len() {
        return None;
    }
    let (id, id_ascii) = id?;
    let (text, text_ascii) = text?;
    Some(Plain {
        id,
        text,
        ascii: id_ascii && text_ascii,
    })
}

/// What [`plain_line`] read: the bytes of the id and of the text (its
/// escapes decoded), and whether all of them are ASCII.
#[derive(Debug)]
struct Plain {
    id: Vec<u8>,
    text: Vec<u8>,
    ascii: bool,
}

impl Plain {
    /// The id and text, where the line is UTF-8 (its other bytes are ASCII:
    /// it is, exactly when these are) and the trimmed id is not empty; else
    /// `None`, and the line is read the general way.
    fn into_strings(self) -> Option<(String, String)> {
        let (id, text) = if self.ascii {
            // SAFETY: every byte is ASCII (`string_body` and
            // `string_body_by_runs` looked at each), so both are UTF-8.
            unsafe {
                (
                    String::from_utf8_unchecked(self.id),
                    String::from_utf8_unchecked(self.text),
                )
            }
        } else {
            // A run of a string between escapes is cut at ASCII bytes, and an
            // escape gives an ASCII byte: the decoded string is UTF-8 exactly
            // when the string as written is.
            (
                String::from_utf8(self.id).ok()?,
                String::from_utf8(self.text).ok()?,
            )
        };
        debug_assert!(!self.ascii || (id.is_ascii() && text.is_ascii()));
        (!id.trim().is_empty()).then_some((id, text))
    }
}

/// The byte a one-letter JSON escape (`\"` `\\` `\/` `\b` `\f` `\n` `\r`
/// `\t`) stands for, given the letter; `None` for any other (`\u` among
/// them: serde reads those).
#[inline]
fn one_letter_escape(letter: u8) -> Option<u8> {
    Some(match letter {
        b'"' => b'"',
        b'\\' => b'\\',
        b'/' => b'/',
        b'b' => 0x08,
        b'f' => 0x0C,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        _ => return None,
    })
}

/// The JSON string whose content starts at `from` (after its opening
/// quote): its content, escapes decoded, appended to `out`; where it ends
/// (after the closing quote) and whether its bytes are all ASCII. `None`
/// where [`plain_line`] leaves the line to serde_json: a control character,
/// an escape other than a one-letter one, no closing quote.
///
/// With AVX2, 32 bytes are copied to `out` as they are scanned
/// ([`string_body_avx2`]); elsewhere a run between specials at a time
/// ([`string_body_by_runs`], the definition the vector code is held to).
fn string_body(b: &[u8], from: usize, out: &mut Vec<u8>) -> Option<(usize, bool)> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2.
        return unsafe { string_body_avx2(b, from, out) };
    }
    string_body_by_runs(b, from, out, false)
}

/// [`string_body`] a run between specials at a time ([`next_special`]);
/// with `plain_only`, `None` at any escape (an id's content as written).
fn string_body_by_runs(
    b: &[u8],
    mut from: usize,
    out: &mut Vec<u8>,
    plain_only: bool,
) -> Option<(usize, bool)> {
    let mut ascii = true;
    loop {
        // (a control character before the next quote or backslash: a
        // string serde refuses)
        let k = next_special(b, from)?;
        if b[k] < 0x20 {
            return None;
        }
        let run = &b[from..k];
        ascii &= run.is_ascii();
        out.extend_from_slice(run);
        if b[k] == b'"' {
            return Some((k + 1, ascii));
        }
        if plain_only {
            return None;
        }
        out.push(one_letter_escape(*b.get(k + 1)?)?);
        from = k + 2;
    }
}

/// [`string_body`] with AVX2: each block of 32 bytes is stored to `out`
/// whole as it is scanned for the specials (`"`, `\`, a control
/// character), and the part before the first special kept; an escape is
/// decoded in place, and the scan goes on after it. The last 31 bytes or
/// fewer go [`string_body_by_runs`]' way.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn string_body_avx2(b: &[u8], mut r: usize, out: &mut Vec<u8>) -> Option<(usize, bool)> {
    use std::arch::x86_64::{
        _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8, _mm256_storeu_si256,
    };
    // Decoding never lengthens: the content written from `start` on is at
    // most as long as what was read from `from` on (`w - start <= r - from`
    // throughout), so a 32-byte store at `w`, made only while 32 bytes are
    // left to read at `r`, ends within `start + (b.len() - from)`.
    let from = r.min(b.len());
    r = from;
    out.reserve(b.len() - from);
    let start = out.len();
    let mut w = start;
    let dst = out.as_mut_ptr();
    // The top bits of every byte kept so far (non-zero: not all ASCII).
    let mut high = 0u32;
    while let Some(block) = b.get(r..).and_then(|rest| rest.first_chunk::<32>()) {
        // SAFETY: the load reads the 32 bytes of `block`; the store writes
        // 32 bytes at `w`, within the capacity reserved above (see there).
        let v = unsafe { _mm256_loadu_si256(block.as_ptr().cast()) };
        unsafe { _mm256_storeu_si256(dst.add(w).cast(), v) };
        let quote = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'"' as i8));
        let backslash = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\\' as i8));
        let control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v);
        let found =
            _mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(quote, backslash), control))
                as u32;
        let top = _mm256_movemask_epi8(v) as u32;
        if found == 0 {
            high |= top;
            r += 32;
            w += 32;
            continue;
        }
        let n = found.trailing_zeros();
        high |= top & ((1u32 << n) - 1);
        r += n as usize;
        w += n as usize;
        let special = b[r];
        if special == b'"' {
            // SAFETY: the bytes up to `w` were written (stores of whole blocks).
            unsafe { out.set_len(w) };
            return Some((r + 1, high == 0));
        }
        let byte = match (special, b.get(r + 1)) {
            (b'\\', Some(&letter)) => one_letter_escape(letter)?,
            _ => return None,
        };
        // SAFETY: `w - start <= r - from` and `r + 1 < b.len()`, so `w` is
        // within the capacity reserved above.
        unsafe { dst.add(w).write(byte) };
        r += 2;
        w += 1;
    }
    // SAFETY: the bytes up to `w` were written.
    unsafe { out.set_len(w) };
    let (end, ascii) = string_body_by_runs(b, r, out, false)?;
    Some((end, ascii && high == 0))
}

/// The first byte at or after `from` of a JSON string's specials: `"`,
/// `\` or a control character (below 0x20). With SSE2 (every x86_64
/// processor) sixteen bytes a step, inline: one scan where `memchr2` (a call
/// per escape) and a second pass for the control characters were.
fn next_special(b: &[u8], mut from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2.
        match unsafe { next_special_avx2(b, from) } {
            Ok(k) => return Some(k),
            Err(rest) => from = rest,
        }
    }
    #[cfg(target_arch = "x86_64")]
    while let Some(block) = b.get(from..).and_then(|rest| rest.first_chunk::<16>()) {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of every x86_64 target; the load reads the
        // sixteen bytes of `block` (unaligned).
        let found = unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast());
            let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
            let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control))
        };
        if found != 0 {
            return Some(from + found.trailing_zeros() as usize);
        }
        from += 16;
    }
    next_special_by_bytes(b, from)
}

/// [`next_special`] 32 bytes a step with AVX2: where the special is, or
/// where fewer than 32 bytes are left to look at.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn next_special_avx2(b: &[u8], mut from: usize) -> Result<usize, usize> {
    use std::arch::x86_64::{
        _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8,
    };
    while let Some(block) = b.get(from..).and_then(|rest| rest.first_chunk::<32>()) {
        // SAFETY: the load reads the 32 bytes of `block` (unaligned).
        let v = unsafe { _mm256_loadu_si256(block.as_ptr().cast()) };
        let quote = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'"' as i8));
        let backslash = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\\' as i8));
        let control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v);
        let found =
            _mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(quote, backslash), control));
        if found != 0 {
            return Ok(from + found.trailing_zeros() as usize);
        }
        from += 32;
    }
    Err(from)
}

/// [`next_special`] byte by byte: the definition the vector code is held to
/// (and the tail of fewer than 16 bytes).
fn next_special_by_bytes(b: &[u8], from: usize) -> Option<usize> {
    let k = b
        .get(from..)?
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
    Some(from + k)
}

impl Iterator for Corpus {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            match self.next_raw()? {
                Raw::Item(item) => return Some(item),
                Raw::Line(line) => {
                    if let Some(item) = line.parse() {
                        return Some(item);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vector scans for a string's specials (AVX2 where the processor
    /// has it, then SSE2) find what the byte scan finds, from every start,
    /// with the special at every place of a block.
    #[test]
    fn specials_found_as_by_bytes() {
        let mut lines: Vec<Vec<u8>> = Vec::new();
        for special in [b'"', b'\\', 0x00, 0x1F, 0x0A] {
            for at in 0..72 {
                let mut line =
                    b"plain text with \xC3\xA9 and more words here ok, and more, and more".to_vec();
                line.truncate(70);
                if at < line.len() {
                    line[at] = special;
                }
                lines.push(line);
            }
        }
        lines.push((0u8..=255).collect());
        lines.push((0u8..=255).rev().collect());
        for line in &lines {
            for from in 0..=line.len() + 1 {
                assert_eq!(
                    next_special(line, from),
                    next_special_by_bytes(line, from),
                    "line {line:?} from {from}"
                );
            }
        }
    }

    /// What the one-scan reader makes of a line.
    fn read_plain(line: &str) -> Option<(String, String)> {
        plain_line(line.as_bytes()).and_then(Plain::into_strings)
    }

    /// The vector copy of a JSON string (AVX2 where the processor has it)
    /// gives what the copy a run at a time gives: the same content, end and
    /// ASCII flag, or `None` on the same strings, with each special (and a
    /// byte of a longer char) at every place of two blocks, after a prefix
    /// already in the output.
    #[test]
    fn string_copied_as_by_runs() {
        let body =
            b"Plain text, with words and more words; and then more of them here and there, ok.";
        let specials: [&[u8]; 12] = [
            b"\"",
            b"\\n",
            b"\\\"",
            b"\\\\",
            b"\\/",
            b"\\t",
            b"\\u0041",
            b"\\x",
            b"\x01",
            b"\n",
            b"\xC3\xA9",
            b"\\",
        ];
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for special in specials {
            for at in 0..body.len() {
                for end in [&b"\""[..], b"", b"\\"] {
                    let mut s = body[..at].to_vec();
                    s.extend_from_slice(special);
                    s.extend_from_slice(&body[at..]);
                    s.extend_from_slice(end);
                    cases.push(s);
                }
            }
        }
        cases.push(b"\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\"".to_vec());
        cases.push((1u8..=255).chain([b'"']).collect());
        for case in &cases {
            for from in [0, 1, 5] {
                let mut line = b"{\"text\": \"".to_vec();
                line.extend_from_slice(case);
                let start = 10 + from.min(case.len());
                let (mut fast, mut slow) = (b"kept".to_vec(), b"kept".to_vec());
                let got = string_body(&line, start, &mut fast);
                let want = string_body_by_runs(&line, start, &mut slow, false);
                assert_eq!(
                    got,
                    want,
                    "case {:?} from {start}",
                    String::from_utf8_lossy(case)
                );
                if got.is_some() {
                    assert_eq!(
                        fast,
                        slow,
                        "case {:?} from {start}",
                        String::from_utf8_lossy(case)
                    );
                }
            }
        }
    }

    /// What serde_json makes of a line: the id (a string) and text, where it
    /// reads the line as a document with a string id and no metadata.
    fn by_serde(line: &str) -> Option<(String, String)> {
        let d = serde_json::from_str::<JsonDoc>(line).ok()?;
        if d.date.is_some() || d.url.is_some() || d.title.is_some() || d.source.is_some() {
            return None;
        }
        let id = serde_json::from_str::<String>(d.id?.get()).ok()?;
        Some((id, d.text))
    }

    /// The lines the one-scan reader takes, and the ones it leaves to
    /// serde_json (each near miss of the usual shape).
    #[test]
    fn plain_lines_read_as_serde_reads_them() {
        let cases: &[(&str, bool)] = &[
            (
                r#"{"id": "a/1", "text": "Talks\n\n\"Yes,\" he said."}"#,
                true,
            ),
            (r#"{"text": "x \\ y \/ z \t\r\b\f", "id": "b"}"#, true),
            ("  {\"id\":\"c\",\"text\":\"\"}\r\n", true),
            ("{ \"id\" : \"d\" ,\n \"text\" : \"é “q”\" }\t", true),
            // near misses: serde decides (and reports)
            (r#"{"id": 7, "text": "an integer id"}"#, false),
            (r#"{"id": "e\u0031", "text": "an escaped id"}"#, false),
            (r#"{"id": "f", "text": "a \u00e9 escape"}"#, false),
            (r#"{"id": "g", "text": "x", "date": "2015-07-14"}"#, false),
            (r#"{"id": "h", "text": "x", "id": "h2"}"#, false),
            (r#"{"id": "i", "text": "x",}"#, false),
            (r#"{"id": "j", "text": "x"} x"#, false),
            (r#"{"id": " ", "text": "blank id"}"#, false),
            (r#"{"text": "no id"}"#, false),
            (r#"{"id": "k"}"#, false),
            ("{\"id\": \"l\", \"text\": \"a raw\ttab\"}", false),
            (r#"{"id": "m", "text": "bad \x escape"}"#, false),
            (r#"{"id": "n", "text": "unterminated}"#, false),
            (r#"{"\u0069d": "o", "text": "escaped key"}"#, false),
            (r#"["id", "text"]"#, false),
        ];
        for &(line, plain) in cases {
            let got = read_plain(line);
            assert_eq!(got.is_some(), plain, "line {line:?}: got {got:?}");
            if let Some(got) = got {
                assert_eq!(Some(got), by_serde(line), "line {line:?}");
            }
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Lines near the usual shape: keys, quotes, escapes, white space
        /// and control characters in any order.
        fn liney() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                4 => prop::sample::select(&[
                    "{", "}", "\"id\"", "\"text\"", ":", ",", "\"", "\\\"", "\\\\", "\\/",
                    "\\n", "\\t", "\\u0041", "\\x", " ", "\t", "\n", "\r", "\u{1}", "\"date\"",
                    "7", "\"a\"", "é", "“", "\u{7f}",
                ][..])
                .prop_map(str::to_owned),
                2 => "[a-z ]{0,6}",
                1 => any::<String>(),
            ];
            let head = prop::sample::select(
                &[
                    "{\"id\": \"x\", \"text\": \"",
                    "{\"text\": \"",
                    "{\"id\":\"",
                    "",
                ][..],
            );
            let tail = prop::sample::select(&["\"}", "\"}\n", "\" }\r\n", ""][..]);
            (head, prop::collection::vec(piece, 0..16), tail)
                .prop_map(|(h, v, t)| format!("{h}{}{t}", v.concat()))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            /// Whatever line the one-scan reader takes, serde_json reads
            /// as the same id and text.
            #[test]
            fn same_as_serde(line in liney()) {
                if let Some(got) = read_plain(&line) {
                    prop_assert_eq!(Some(got), by_serde(&line), "line {:?}", line);
                }
            }
        }
    }
}
