//! Reading input documents: files and folders of `.txt`, checked before any work.
//!
//! * A folder is searched recursively for files with the input extension
//!   (`txt` by default), in sorted path order; the document id is the file stem.
//! * Invalid UTF-8 is an error naming the file and the byte offset, unless the
//!   lossy encoding is chosen, which replaces bad bytes with U+FFFD and counts them.
//! * A UTF-8 byte-order mark is dropped (spans count from the first byte after it).
//! * A file with a NUL byte in its first 8 KiB is binary: skipped with a warning,
//!   never tagged as text. An empty file is a document with no mentions.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::{Error, ErrorKind, Location};

/// How to read bytes that are not valid UTF-8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// Invalid UTF-8 is an error (the default).
    #[default]
    Strict,
    /// Invalid bytes become U+FFFD and are counted.
    Lossy,
}

/// The outcome of reading one file.
#[derive(Debug)]
pub enum Read {
    /// A text document, and the number of invalid sequences replaced (lossy only).
    Text(Document, usize),
    /// A binary file: skipped, with the reason.
    Binary(PathBuf),
}

/// Expand files and folders into the sorted list of input files.
///
/// A missing path, or a folder with no file of the extension, is an error;
/// all such errors are reported together.
pub fn input_files(paths: &[PathBuf], extension: &str) -> crate::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Err(e) => errors.push(Error::io(ErrorKind::Input, "read input", p, &e)),
            Ok(m) if m.is_dir() => {
                let before = files.len();
                if let Err(e) = walk(p, extension, &mut files) {
                    errors.push(e);
                } else if files.len() == before {
                    errors.push(
                        Error::new(
                            ErrorKind::Input,
                            format!("no .{extension} files in this folder"),
                        )
                        .at(Location::file(p)),
                    );
                }
            }
            Ok(_) => files.push(p.clone()),
        }
    }
    if !errors.is_empty() {
        return Err(Error::many(errors));
    }
    files.sort();
    files.dedup();
    let mut stems: BTreeMap<String, &PathBuf> = BTreeMap::new();
    for f in &files {
        let id = document_id(f);
        if let Some(prev) = stems.insert(id.clone(), f) {
            errors.push(
                Error::new(
                    ErrorKind::Input,
                    format!("document id \"{id}\" is also the id of {}", prev.display()),
                )
                .at(Location::file(f)),
            );
        }
    }
    if !errors.is_empty() {
        return Err(Error::many(errors));
    }
    Ok(files)
}

fn walk(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) -> crate::Result<()> {
    let entries =
        fs::read_dir(dir).map_err(|e| Error::io(ErrorKind::Input, "read folder", dir, &e))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, extension, out)?;
        } else if p.extension().and_then(|e| e.to_str()) == Some(extension) {
            out.push(p);
        }
    }
    Ok(())
}

/// The id of the document in `path`: its file stem.
pub fn document_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Read one file as a document.
pub fn read_document(path: &Path, encoding: Encoding) -> crate::Result<Read> {
    let bytes = fs::read(path).map_err(|e| Error::io(ErrorKind::Input, "read input", path, &e))?;
    decode(document_id(path), bytes, encoding).map_err(|e| e.at_path(path))
}

/// Decode bytes into a document (see the module docs); errors carry the byte offset but no path.
pub fn decode(id: String, mut bytes: Vec<u8>, encoding: Encoding) -> Result<Read, DecodeError> {
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Ok(Read::Binary(PathBuf::from(id)));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Read::Text(Document::new(id, text), 0)),
        Err(e) => match encoding {
            Encoding::Strict => Err(DecodeError {
                byte: e.utf8_error().valid_up_to() as u64,
            }),
            Encoding::Lossy => {
                let bytes = e.into_bytes();
                let replaced = count_invalid(&bytes);
                let text = String::from_utf8_lossy(&bytes).into_owned();
                Ok(Read::Text(Document::new(id, text), replaced))
            }
        },
    }
}

/// Invalid UTF-8 at a byte offset of a document.
#[derive(Debug)]
pub struct DecodeError {
    /// The offset of the first invalid byte.
    pub byte: u64,
}

impl DecodeError {
    /// The error for the file at `path`, naming the byte.
    pub fn at_path(self, path: &Path) -> Error {
        Error::new(
            ErrorKind::Input,
            "invalid UTF-8 (use --encoding lossy to replace bad bytes with U+FFFD)".to_string(),
        )
        .at(Location::byte(path, self.byte))
    }
}

fn count_invalid(mut bytes: &[u8]) -> usize {
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
