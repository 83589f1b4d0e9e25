//! Reading input documents: files and folders, checked before any work.
//!
//! * A folder is searched recursively for files with the input extension
//!   (`txt` by default), in sorted path order. The document id is the path
//!   relative to the folder given, without the extension, with `/` between
//!   folders (`2017/01/a`), so two `a.txt` in different folders are two
//!   documents; a file given by itself has its stem as id.
//! * Files in those folders whose extension names a document format kgx
//!   cannot read (`.pdf`, `.doc`, `.docx`, `.odt`, `.rtf`, `.epub`) are
//!   listed too, and reported as not text with the hint to convert them.
//! * Encodings ([`Encoding`]): `auto` (the default) reads UTF-8, UTF-16 with
//!   a byte-order mark, and otherwise guesses a legacy encoding
//!   (Windows-1252/Latin-1 and the others browsers know) with chardetng,
//!   with a Western prior ([`WESTERN_PRIOR`]);
//!   a file not read as plain UTF-8 is reported with what was decided. A
//!   named encoding forces it; `strict` is UTF-8 or an error naming the file
//!   and byte; `lossy` is UTF-8 with invalid bytes replaced by U+FFFD and
//!   counted. Spans are byte offsets into the text as decoded to UTF-8
//!   (for a UTF-8 file: into the file).
//! * A byte-order mark is dropped (spans count from the first byte after it).
//! * A file is named by its first bytes when it is a PDF, a Word or
//!   OpenDocument file, a ZIP archive, an image or a compressed file, and
//!   not read ([`NotText`]); another file with a NUL byte in its first
//!   8 KiB is binary: skipped with a warning, never tagged as text. An
//!   empty file is a document with no mentions.
//! * An `.html` or `.htm` file is read as its visible text, at the same byte
//!   offsets as in the file (see [`html_visible_text`]).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::{Error, ErrorKind, Location};

/// How to turn the bytes of an input into text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, UTF-16 by its byte-order mark, else a guessed legacy encoding (the default).
    #[default]
    Auto,
    /// UTF-8 only: invalid UTF-8 is an error naming the file and byte.
    Strict,
    /// UTF-8, invalid bytes become U+FFFD and are counted.
    Lossy,
    /// This encoding (a WHATWG label such as `windows-1252`, `latin1`, `utf-16le`).
    Forced(&'static encoding_rs::Encoding),
}

impl Encoding {
    /// Parse `--encoding`: `auto`, `strict`, `lossy`, or an encoding label.
    pub fn parse(s: &str) -> Result<Encoding, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Encoding::Auto),
            "strict" => Ok(Encoding::Strict),
            "lossy" => Ok(Encoding::Lossy),
            label => encoding_rs::Encoding::for_label(label.as_bytes())
                .map(Encoding::Forced)
                .ok_or_else(|| {
                    format!(
                        "unknown encoding \"{s}\" (give auto, strict, lossy, or a label such as utf-8, windows-1252, latin1, utf-16le)"
                    )
                }),
        }
    }
}

/// How a text was decoded, for the per-file report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The encoding's name (`UTF-8`, `windows-1252`, `UTF-16LE`, ...).
    pub encoding: &'static str,
    /// Why that one.
    pub how: How,
    /// Invalid sequences replaced by U+FFFD.
    pub replaced: usize,
}

/// Why an encoding was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// The bytes are valid UTF-8 (with or without a byte-order mark).
    Utf8,
    /// A UTF-16 byte-order mark.
    Bom,
    /// Not UTF-8; guessed from the bytes (chardetng).
    Detected,
    /// Named with `--encoding`.
    Forced,
}

impl Decoded {
    fn utf8(replaced: usize) -> Decoded {
        Decoded {
            encoding: "UTF-8",
            how: How::Utf8,
            replaced,
        }
    }

    /// What to tell the user about this file, if anything: only a file not
    /// read as plain UTF-8 is worth a line.
    pub fn notice(&self) -> Option<String> {
        match self.how {
            How::Utf8 => None,
            How::Bom => Some(format!("read as {} (byte-order mark)", self.encoding)),
            How::Detected => Some(format!(
                "not UTF-8: read as {} (detected; force another with --encoding NAME)",
                self.encoding
            )),
            How::Forced => None,
        }
    }
}

/// The outcome of reading one file.
#[derive(Debug)]
pub enum Read {
    /// A text document, and how it was decoded.
    Text(Document, Decoded),
    /// A binary file of no known format (NUL bytes): skipped.
    Binary(PathBuf),
    /// A document or archive format kgx does not read, named by its first bytes.
    NotText(NotText),
}

/// A file format kgx does not read as text, recognised by its first bytes
/// (or, for files never opened, its extension).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotText {
    /// `%PDF-`.
    Pdf,
    /// A Word 2007+ document (a ZIP with `word/`).
    Docx,
    /// An OpenDocument file (a ZIP with an `application/vnd.oasis` mimetype).
    OpenDocument,
    /// An EPUB book.
    Epub,
    /// An old Office file (OLE compound document: `.doc`, `.xls`, `.ppt`).
    Ole,
    /// Rich Text Format.
    Rtf,
    /// Any other ZIP archive.
    Zip,
    /// gzip, bzip2, xz, 7-Zip.
    Compressed,
    /// PNG, JPEG, GIF, WebP, TIFF, BMP.
    Image,
}

impl NotText {
    /// Recognise a format by the first bytes of a file.
    pub fn sniff(bytes: &[u8]) -> Option<NotText> {
        let head = &bytes[..bytes.len().min(4096)];
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        Some(if bytes.starts_with(b"%PDF-") {
            NotText::Pdf
        } else if bytes.starts_with(b"PK\x03\x04") {
            if has(b"word/") {
                NotText::Docx
            } else if has(b"application/vnd.oasis.opendocument") {
                NotText::OpenDocument
            } else if has(b"application/epub+zip") {
                NotText::Epub
            } else {
                NotText::Zip
            }
        } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            NotText::Ole
        } else if bytes.starts_with(b"{\\rtf") {
            NotText::Rtf
        } else if bytes.starts_with(b"\x1F\x8B")
            || bytes.starts_with(b"BZh")
            || bytes.starts_with(b"\xFD7zXZ\x00")
            || bytes.starts_with(b"7z\xBC\xAF\x27\x1C")
        {
            NotText::Compressed
        } else if bytes.starts_with(b"\x89PNG\r\n\x1A\n")
            || bytes.starts_with(b"\xFF\xD8\xFF")
            || bytes.starts_with(b"GIF87a")
            || bytes.starts_with(b"GIF89a")
            || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
            || bytes.starts_with(b"II*\x00")
            || bytes.starts_with(b"MM\x00*")
            || bytes.starts_with(b"BM") && bytes.len() > 14 && bytes[..14].contains(&0)
        {
            NotText::Image
        } else {
            return None;
        })
    }

    /// The format a file extension names, for document formats found in a folder walk.
    pub fn by_extension(path: &Path) -> Option<NotText> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "pdf" => NotText::Pdf,
            "docx" => NotText::Docx,
            "doc" => NotText::Ole,
            "odt" => NotText::OpenDocument,
            "rtf" => NotText::Rtf,
            "epub" => NotText::Epub,
            _ => return None,
        })
    }

    /// What it is and how to get its text, for the message.
    pub fn describe(self, path: &Path) -> String {
        let p = path.display();
        let stem = path.with_extension("txt");
        let t = stem.display();
        match self {
            NotText::Pdf => format!("a PDF document, not text: skipped (convert it first: pdftotext -enc UTF-8 '{p}' '{t}')"),
            NotText::Docx | NotText::OpenDocument | NotText::Ole | NotText::Rtf => {
                let what = match self {
                    NotText::Docx => "a Word document",
                    NotText::OpenDocument => "an OpenDocument file",
                    NotText::Ole => "an old Office document (.doc/.xls/.ppt)",
                    _ => "an RTF document",
                };
                format!("{what}, not text: skipped (convert it first: libreoffice --headless --convert-to txt:Text '{p}', or pandoc -t plain '{p}' -o '{t}')")
            }
            NotText::Epub => format!("an EPUB book, not text: skipped (convert it first: pandoc -t plain '{p}' -o '{t}')"),
            NotText::Zip => "a ZIP archive, not text: skipped (unpack it and give kgx the folder)".to_string(),
            NotText::Compressed => "a compressed file, not text: skipped (decompress it first, e.g. gunzip)".to_string(),
            NotText::Image => "an image, not text: skipped (kgx reads text; run OCR first, e.g. tesseract)".to_string(),
        }
    }

    /// The error reported for a file of this format (the run goes on, and exits 1).
    pub fn error(self, path: &Path) -> Error {
        Error::new(ErrorKind::Input, self.describe(path)).at(Location::file(path))
    }
}

/// One input file and its document id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// Where the file is.
    pub path: PathBuf,
    /// The document id: the path relative to the folder given, without extension.
    pub id: String,
}

/// Expand files and folders into the sorted list of input files, with their ids.
///
/// A missing path, or a folder with no file of the extension, is an error;
/// so are two files with one id; all such errors are reported together.
pub fn input_files(paths: &[PathBuf], extension: &str) -> crate::Result<Vec<InputFile>> {
    let mut files: Vec<InputFile> = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Err(e) => errors.push(Error::io(ErrorKind::Input, "read input", p, &e)),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                if let Err(e) = walk(p, extension, &mut found) {
                    errors.push(e);
                } else if found.is_empty() {
                    errors.push(
                        Error::new(
                            ErrorKind::Input,
                            format!("no .{extension} files in this folder"),
                        )
                        .at(Location::file(p)),
                    );
                }
                for f in found {
                    let id = relative_id(p, &f);
                    files.push(InputFile { path: f, id });
                }
            }
            Ok(_) => files.push(InputFile {
                id: document_id(p),
                path: p.clone(),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(Error::many(errors));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    let mut ids: BTreeMap<&str, &PathBuf> = BTreeMap::new();
    for f in &files {
        if let Some(prev) = ids.insert(&f.id, &f.path) {
            errors.push(
                Error::new(
                    ErrorKind::Input,
                    format!(
                        "document id \"{}\" is also the id of {} (give the common parent folder, so that ids keep the folders apart)",
                        f.id,
                        prev.display()
                    ),
                )
                .at(Location::file(&f.path)),
            );
        }
    }
    if !errors.is_empty() {
        return Err(Error::many(errors));
    }
    Ok(files)
}

fn walk(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) -> crate::Result<()> {
    let keep = |p: &Path| {
        p.extension().and_then(|e| e.to_str()) == Some(extension)
            || (extension != "jsonl" && NotText::by_extension(p).is_some())
    };
    out.extend(walk_folder(dir, ErrorKind::Input, "read folder", &keep)?);
    Ok(())
}

/// The files below `dir` that `keep` accepts, in sorted path order, searched
/// recursively and following symbolic links to folders.
///
/// A symbolic link back to a folder it is inside (a cycle: `a/loop -> ..`)
/// is not followed: it is an error naming the link and where it leads, so a
/// walk always ends and never reads the same files again under other ids
/// (issue 16). All such errors are reported together; `op` names the
/// operation in an I/O error ("read folder", "read gazetteer folder").
pub fn walk_folder(
    dir: &Path,
    kind: ErrorKind,
    op: &str,
    keep: &dyn Fn(&Path) -> bool,
) -> crate::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let root = fs::canonicalize(dir).map_err(|e| Error::io(kind, op, dir, &e))?;
    let mut inside = vec![root];
    walk_below(dir, kind, op, keep, &mut inside, &mut out, &mut errors);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::many(errors))
    }
}

/// One folder of [`walk_folder`]; `inside` holds the canonical paths of the
/// folders being walked, `dir`'s last.
fn walk_below(
    dir: &Path,
    kind: ErrorKind,
    op: &str,
    keep: &dyn Fn(&Path) -> bool,
    inside: &mut Vec<PathBuf>,
    out: &mut Vec<PathBuf>,
    errors: &mut Vec<Error>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push(Error::io(kind, op, dir, &e)),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if !p.is_dir() {
            if keep(&p) {
                out.push(p);
            }
            continue;
        }
        let real = match fs::canonicalize(&p) {
            Ok(real) => real,
            Err(e) => {
                errors.push(Error::io(kind, op, &p, &e));
                continue;
            }
        };
        if inside.contains(&real) {
            errors.push(
                Error::new(
                    kind,
                    format!(
                        "symbolic link to {}, a folder it is inside: following it would loop (remove the link, or give the folder it leads to as an input of its own)",
                        real.display()
                    ),
                )
                .at(Location::file(&p)),
            );
            continue;
        }
        inside.push(real);
        walk_below(&p, kind, op, keep, inside, out, errors);
        inside.pop();
    }
}

/// The longest line kgx reads from a JSON-lines input or a partial-graph
/// file, in bytes (64 MiB): a longer line is reported with its file and
/// line and skipped, so an endless line never takes more memory than this
/// (issue 16). A longer document can be given as a text file.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// What [`read_line_bounded`] read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineRead {
    /// The end of the input: no line.
    End,
    /// A line (its bytes are in the buffer, with the `\n` if there was one).
    Line,
    /// A line longer than the bound, read to its end but not kept (the
    /// buffer is empty); its length in bytes, without the `\n`.
    TooLong(u64),
}

/// Read one line (up to and including `\n`, or to the end of the input)
/// into `buf`, which is cleared first, keeping at most `max` bytes: a
/// longer line is read through and dropped, holding no more than `max`
/// bytes (plus the reader's buffer) at any time.
pub fn read_line_bounded(
    reader: &mut dyn std::io::BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<LineRead> {
    buf.clear();
    let mut length: u64 = 0;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let content = chunk.len() - usize::from(done);
        length += content as u64;
        if !too_long && length > max as u64 {
            too_long = true;
            buf.clear();
            buf.shrink_to(0);
        }
        if !too_long {
            // Grow by doubling, but never past the bound (a line just under
            // it would otherwise reserve twice its size).
            let need = buf.len() + chunk.len();
            if need > buf.capacity() {
                let grown = (buf.capacity() * 2)
                    .max(need)
                    .min(max.saturating_add(1).max(need));
                buf.reserve_exact(grown - buf.len());
            }
            buf.extend_from_slice(chunk);
        }
        let used = chunk.len();
        reader.consume(used);
        if done {
            return Ok(if too_long {
                LineRead::TooLong(length)
            } else {
                LineRead::Line
            });
        }
    }
    Ok(if too_long {
        LineRead::TooLong(length)
    } else if length == 0 && buf.is_empty() {
        LineRead::End
    } else {
        LineRead::Line
    })
}

/// The error for a line over [`MAX_LINE_BYTES`]: `what` is "JSON line" or
/// "partial-graph line".
pub fn line_too_long(what: &str, length: u64, path: &Path, line: usize) -> Error {
    Error::new(
        ErrorKind::Input,
        format!(
            "{what} of {length} bytes, longer than the {MAX_LINE_BYTES} bytes a line may take (not read; give a longer document as a text file)"
        ),
    )
    .at(Location::line(path, line))
}

/// The id of the document in `path` given by itself: its file stem.
pub fn document_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The id of `file` found below the folder `root`: the relative path without
/// the extension, folders joined by `/` on every platform.
pub fn relative_id(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.push(document_id(rel));
    parts.join("/")
}

/// Read one file as the document `id`.
pub fn read_document(path: &Path, id: &str, encoding: Encoding) -> crate::Result<Read> {
    let bytes = fs::read(path).map_err(|e| Error::io(ErrorKind::Input, "read input", path, &e))?;
    let html = matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("html" | "htm" | "xhtml")
    );
    match decode(id.to_string(), bytes, encoding).map_err(|e| e.at_path(path))? {
        Read::Text(mut doc, how) if html => {
            doc.text = html_visible_text(&doc.text);
            Ok(Read::Text(doc, how))
        }
        Read::Binary(_) => Ok(Read::Binary(path.to_path_buf())),
        other => Ok(other),
    }
}

/// Decode bytes into a document (see the module docs); errors carry the byte offset but no path.
pub fn decode(id: String, mut bytes: Vec<u8>, encoding: Encoding) -> Result<Read, DecodeError> {
    if let Some(kind) = NotText::sniff(&bytes) {
        return Ok(Read::NotText(kind));
    }
    // A UTF-16 byte-order mark comes before the NUL test: UTF-16 text is full of NULs.
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc != encoding_rs::UTF_8 && !matches!(encoding, Encoding::Forced(_)) {
            let (text, _, bad) = enc.decode(&bytes);
            let replaced = if bad {
                count_char(&text, '\u{FFFD}')
            } else {
                0
            };
            let decoded = Decoded {
                encoding: enc.name(),
                how: How::Bom,
                replaced,
            };
            return Ok(Read::Text(Document::new(id, text.into_owned()), decoded));
        }
    }
    let forced_wide = matches!(encoding, Encoding::Forced(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
    if !forced_wide && bytes[..bytes.len().min(8192)].contains(&0) {
        return Ok(Read::Binary(PathBuf::from(id)));
    }
    if let Encoding::Forced(enc) = encoding {
        let (text, bad) = enc.decode_with_bom_removal(&bytes);
        let replaced = if bad {
            count_char(&text, '\u{FFFD}')
        } else {
            0
        };
        let decoded = Decoded {
            encoding: enc.name(),
            how: How::Forced,
            replaced,
        };
        return Ok(Read::Text(Document::new(id, text.into_owned()), decoded));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Read::Text(Document::new(id, text), Decoded::utf8(0))),
        Err(e) => match encoding {
            Encoding::Strict => Err(DecodeError {
                byte: e.utf8_error().valid_up_to() as u64,
            }),
            Encoding::Lossy => {
                let bytes = e.into_bytes();
                let replaced = count_invalid(&bytes);
                let text = String::from_utf8_lossy(&bytes).into_owned();
                Ok(Read::Text(Document::new(id, text), Decoded::utf8(replaced)))
            }
            Encoding::Auto | Encoding::Forced(_) => {
                let bytes = e.into_bytes();
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(&bytes, true);
                let enc = detector.guess(Some(WESTERN_PRIOR), false);
                let (text, _, bad) = enc.decode(&bytes);
                let replaced = if bad {
                    count_char(&text, '\u{FFFD}')
                } else {
                    0
                };
                let decoded = Decoded {
                    encoding: enc.name(),
                    how: How::Detected,
                    replaced,
                };
                Ok(Read::Text(Document::new(id, text.into_owned()), decoded))
            }
        },
    }
}

/// chardetng weighs its guess by the top-level domain a page came from;
/// files have none. kgx reads English-language news, so it gives a domain
/// chardetng classes as Western: among single-byte encodings that fit the
/// bytes equally (Windows-1252 and -1250 share the curly quotes), Windows-1252
/// wins. Measured: "H\xe9l\xe8ne ... \x93fair\x94" guesses windows-1250
/// ("Hélčne") with no domain, windows-1252 with a Western one. An archive in
/// another script is still detected (the bytes outweigh the prior); a
/// Central European one is read with `--encoding windows-1250`.
pub const WESTERN_PRIOR: &[u8] = b"edu";

fn count_char(s: &str, c: char) -> usize {
    s.chars().filter(|&x| x == c).count()
}

/// Invalid UTF-8 at a byte offset of a document.
#[derive(Debug)]
pub struct DecodeError {
    /// The offset of the first invalid byte.
    pub byte: u64,
}

impl DecodeError {
    /// The error, located in `path`.
    pub fn at_path(self, path: &Path) -> Error {
        Error::new(
            ErrorKind::Input,
            "invalid UTF-8 (use --encoding auto to detect the encoding, or lossy to replace bad bytes with U+FFFD)".to_string(),
        )
        .at(Location::byte(path, self.byte))
    }
}

/// The number of invalid UTF-8 sequences in `bytes` (each becomes one U+FFFD in a lossy read).
pub fn count_invalid(mut bytes: &[u8]) -> usize {
    let mut n = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return n,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = &bytes[skip..];
            }
        }
    }
}

/// Elements whose content is not visible text.
const HIDDEN: [&str; 7] = [
    "script", "style", "noscript", "template", "svg", "head", "iframe",
];
/// Elements that end a paragraph (a sentence never runs across them).
const BLOCKS: [&str; 28] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "title",
    "hr",
    "dd",
    "dt",
    "figcaption",
    "aside",
];

/// The visible text of an HTML page, **at the same byte offsets**: every
/// byte of markup (tags, comments, `<script>`/`<style>`/`<head>` content
/// except the `<title>`) becomes a space, a tag that ends a block (`<p>`,
/// `<br>`, `<li>`, `<h1>`, ...) becomes line breaks so sentences do not run
/// across it, and a character reference (`&amp;`, `&#8217;`) becomes its
/// character padded with spaces to the reference's length (`Iran&#8217;s`
/// reads `Iran’    s`: the words stay, the offsets hold). A mention's span
/// in the result is therefore its span in the file (decoded to UTF-8).
/// This is a tolerant scanner, not a full HTML parser: it reads what
/// browsers show for ordinary article pages.
pub fn html_visible_text(html: &str) -> String {
    let b = html.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    // The element whose content is hidden, while inside one.
    let mut hidden: Option<&str> = None;
    let mut in_title = false;
    while i < b.len() {
        if b[i] == b'<' {
            if html[i..].starts_with("<!--") {
                let end = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
                blank(&mut out, &b[i..end], false);
                i = end;
                continue;
            }
            let end = tag_end(b, i);
            let tag = &html[i + 1..end.saturating_sub(1).max(i + 1)];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let looks_like_tag = !name.is_empty() || tag.starts_with('!') || tag.starts_with('?');
            if !looks_like_tag {
                // A lone '<' in text ("a < b").
                push_visible(&mut out, b[i], hidden.is_some() && !in_title);
                i += 1;
                continue;
            }
            if name == "title" {
                in_title = !closing;
            }
            match hidden {
                Some(h) if closing && name == h => hidden = None,
                None if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') => {
                    hidden = Some(HIDDEN.iter().find(|&&h| h == name).expect("listed"));
                }
                _ => {}
            }
            let block = BLOCKS.contains(&name.as_str());
            blank(&mut out, &b[i..end], block);
            i = end;
            continue;
        }
        let visible = hidden.is_none() || in_title;
        if b[i] == b'&' && visible {
            if let Some((len, ch)) = char_ref(&html[i..]) {
                let mut buf = [0u8; 4];
                let s = ch.encode_utf8(&mut buf);
                if s.len() <= len {
                    out.extend_from_slice(s.as_bytes());
                    out.extend(std::iter::repeat_n(b' ', len - s.len()));
                    i += len;
                    continue;
                }
            }
        }
        // Copy one whole character (or blank it, keeping its length).
        let ch_len = utf8_len(b[i]);
        let end = (i + ch_len).min(b.len());
        if visible {
            out.extend_from_slice(&b[i..end]);
        } else {
            blank(&mut out, &b[i..end], false);
        }
        i = end;
    }
    String::from_utf8(out).expect("only whole characters and ASCII are written")
}

fn push_visible(out: &mut Vec<u8>, byte: u8, hidden: bool) {
    out.push(if hidden { b' ' } else { byte });
}

/// Markup bytes as spaces, newlines kept; a block tag starts and ends with a newline.
fn blank(out: &mut Vec<u8>, markup: &[u8], block: bool) {
    let start = out.len();
    out.extend(
        markup
            .iter()
            .map(|&c| if c == b'\n' { b'\n' } else { b' ' }),
    );
    if block && markup.len() >= 2 {
        out[start] = b'\n';
        let last = out.len() - 1;
        out[last] = b'\n';
    }
    // Non-ASCII bytes inside markup became spaces: the output stays valid UTF-8.
}

/// The index just past the `>` closing the tag opened at `i` (quotes respected).
fn tag_end(b: &[u8], i: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut j = i + 1;
    while j < b.len() {
        match (quote, b[j]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b[j]),
            (None, b'>') => return j + 1,
            _ => {}
        }
        j += 1;
    }
    b.len()
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// A character reference at the start of `s`: its length and character.
fn char_ref(s: &str) -> Option<(usize, char)> {
    let end = s[..s.len().min(12)].find(';')?;
    let body = &s[1..end];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n).filter(|c| *c != '\0')?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "rsquo" => '\u{2019}',
            "lsquo" => '\u{2018}',
            "rdquo" => '\u{201d}',
            "ldquo" => '\u{201c}',
            "ndash" => '\u{2013}',
            "mdash" => '\u{2014}',
            "hellip" => '\u{2026}',
            "eacute" => 'é',
            "egrave" => 'è',
            "aacute" => 'á',
            "oacute" => 'ó',
            "uuml" => 'ü',
            "ouml" => 'ö',
            "auml" => 'ä',
            "ccedil" => 'ç',
            _ => return None,
        }
    };
    Some((end + 1, ch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_keeps_offsets() {
        let html = "<html><head><title>Talks</title><script>var x = '<p>Russia</p>';</script></head>\
                    <body><p>Russia &amp; Turkey met.</p><!-- Iran --><p>Iran&#8217;s envoy</p></body></html>";
        let text = html_visible_text(html);
        assert_eq!(text.len(), html.len());
        // Each visible word sits at its offset in the file.
        for (word, nth) in [("Talks", 0), ("Russia", 1), ("Turkey met.", 0), ("Iran", 1)] {
            let at = html.match_indices(word).nth(nth).expect(word).0;
            assert_eq!(&text[at..at + word.len()], word, "{word}");
        }
        assert_eq!(
            text.matches("Russia").count(),
            1,
            "the script's Russia is blanked"
        );
        assert!(!text.contains("var x"), "{text}");
        assert!(!text.contains("<p>"), "{text}");
        assert!(!text.contains(" Iran "), "the comment is blanked: {text}");
        // The reference becomes its character, padded with spaces to its length.
        assert!(text.contains("Iran\u{2019}    s"), "{text}");
        assert!(text.contains("\nRussia"), "a block starts a line: {text:?}");
    }

    #[test]
    fn sniffs_formats_by_their_first_bytes() {
        for (bytes, want) in [
            (&b"%PDF-1.7\n"[..], Some(NotText::Pdf)),
            (
                b"PK\x03\x04\x14\x00[Content_Types].xml word/document.xml",
                Some(NotText::Docx),
            ),
            (b"PK\x03\x04\x14\x00whatever", Some(NotText::Zip)),
            (b"\x89PNG\r\n\x1A\n\x00\x00", Some(NotText::Image)),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Some(NotText::Ole)),
            (b"Plain text about BMW", None),
            (b"BM is a tank", None),
        ] {
            assert_eq!(
                NotText::sniff(bytes),
                want,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn relative_ids_use_slashes() {
        let root = Path::new("archive");
        assert_eq!(
            relative_id(root, Path::new("archive/2017/01/a.txt")),
            "2017/01/a"
        );
        assert_eq!(relative_id(root, Path::new("archive/b.txt")), "b");
    }
}
