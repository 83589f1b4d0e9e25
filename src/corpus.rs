//! A stream of documents from files, folders, standard input and JSON lines.
//!
//! Documents are read one at a time, so memory is bounded by the largest
//! document (and whatever the caller keeps), not by the corpus. Problems with
//! one input (unreadable, invalid UTF-8, a bad JSON line) are reported as
//! [`Item::Failed`] and the stream goes on; a binary file is
//! [`Item::Skipped`].

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::document::Document;
use crate::error::{Error, ErrorKind, Location};
use crate::input::{decode, input_files, read_document, DecodeError, Encoding, Read};

/// Where documents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A text file (the document id is its stem).
    File(PathBuf),
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
    /// A document read whole.
    Doc(Document),
    /// A binary file, skipped (with the path).
    Skipped(PathBuf),
    /// An input that could not be read; the stream goes on.
    Failed(Error),
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
                Source::Jsonl(f)
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
            Source::File(p) | Source::Jsonl(p) => total += std::fs::metadata(p).ok()?.len(),
            Source::Stdin { .. } => return None,
        }
    }
    Some(total)
}

/// The documents of `sources`, lazily, with the number of invalid UTF-8
/// sequences replaced so far (lossy encoding only).
pub struct Corpus {
    sources: std::vec::IntoIter<Source>,
    encoding: Encoding,
    lines: Option<(Arc<Path>, Box<dyn BufRead>, usize)>,
    /// Invalid UTF-8 sequences replaced (lossy only).
    pub replaced: usize,
}

#[derive(Deserialize)]
struct JsonDoc {
    id: serde_json::Value,
    text: String,
}

impl Corpus {
    /// The documents of `sources`, read in order with `encoding`.
    pub fn new(sources: Vec<Source>, encoding: Encoding) -> Corpus {
        Corpus {
            sources: sources.into_iter(),
            encoding,
            lines: None,
            replaced: 0,
        }
    }

    /// The next line of the JSON-lines source being read, unparsed.
    fn next_line(&mut self) -> Option<Raw> {
        let (path, reader, line_no) = self.lines.as_mut()?;
        let mut buf = Vec::new();
        *line_no += 1;
        let line = *line_no;
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => {
                self.lines = None;
                None
            }
            Ok(_) => Some(Raw::Line(JsonLine {
                path: path.clone(),
                line,
                bytes: buf,
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
            if self.lines.is_some() {
                if let Some(raw) = self.next_line() {
                    return Some(raw);
                }
                continue;
            }
            let source = self.sources.next()?;
            let item = match source {
                Source::File(p) => match read_document(&p, self.encoding) {
                    Ok(Read::Text(doc, n)) => {
                        self.replaced += n;
                        Item::Doc(doc)
                    }
                    Ok(Read::Binary(_)) => Item::Skipped(p),
                    Err(e) => Item::Failed(e),
                },
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
                    match decode("stdin".into(), bytes, self.encoding) {
                        Ok(Read::Text(doc, n)) => {
                            self.replaced += n;
                            Item::Doc(doc)
                        }
                        Ok(Read::Binary(_)) => Item::Skipped(PathBuf::from("<stdin>")),
                        Err(DecodeError { byte }) => {
                            Item::Failed(DecodeError { byte }.at_path(Path::new("<stdin>")))
                        }
                    }
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
    pub fn parse(self) -> Option<Item> {
        let at = || Location::line(&*self.path, self.line);
        let text = match std::str::from_utf8(&self.bytes) {
            Ok(t) => t,
            Err(e) => {
                return Some(Item::Failed(
                    Error::new(
                        ErrorKind::Input,
                        format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                    )
                    .at(at()),
                ))
            }
        };
        if text.trim().is_empty() {
            return None;
        }
        Some(match serde_json::from_str::<JsonDoc>(text) {
            Ok(d) => {
                let id = match d.id {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                Item::Doc(Document::new(id, d.text))
            }
            Err(e) => Item::Failed(
                Error::new(
                    ErrorKind::Input,
                    format!("not a {{\"id\", \"text\"}} JSON line: {e}"),
                )
                .at(at()),
            ),
        })
    }
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
