//! Errors with a kind and a location.
//!
//! Every error kgx reports names *what* went wrong (an [`ErrorKind`]) and
//! *where* (a [`Location`]: a file, and where known a line or a byte offset).
//! Messages are lower case, quote the offending value and, where the fix is
//! obvious, suggest it. Loaders collect every problem they find and return
//! them together as [`Error::Many`], so a user fixes a file in one pass.
//!
//! ```
//! use kgx::error::{Error, ErrorKind, Location};
//! let err = Error::new(ErrorKind::Gazetteer, "unknown type \"Persn\" (expected one of Person, Country, Organization, Place, Event)")
//!     .at(Location::line("gazetteer/people.toml", 12));
//! assert_eq!(err.to_string(), "gazetteer/people.toml:12: unknown type \"Persn\" (expected one of Person, Country, Organization, Place, Event)");
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

/// What kind of thing went wrong; callers match on it, tests assert it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A command-line value is invalid.
    Usage,
    /// A gazetteer file is malformed or inconsistent.
    Gazetteer,
    /// A relation rule file is malformed or inconsistent.
    Rules,
    /// A lexicon file (cue words, coreference words) is malformed.
    Lexicon,
    /// An input document cannot be read as text.
    Input,
    /// A gold annotation file is malformed.
    Gold,
    /// An output cannot be written.
    Output,
    /// An I/O error not covered by a more specific kind.
    Io,
    /// A trained model (tagger, parser) is damaged or of the wrong kind.
    Model,
}

/// Where an error was found: a path, and optionally a 1-based line or a 0-based byte offset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub path: Option<PathBuf>,
    /// The 1-based line.
    pub line: Option<usize>,
    /// The 0-based byte offset.
    pub byte: Option<u64>,
}

impl Location {
    /// A whole file.
    pub fn file(path: impl AsRef<Path>) -> Location {
        Location {
            path: Some(path.as_ref().to_path_buf()),
            line: None,
            byte: None,
        }
    }

    /// A 1-based line of a file.
    pub fn line(path: impl AsRef<Path>, line: usize) -> Location {
        Location {
            path: Some(path.as_ref().to_path_buf()),
            line: Some(line),
            byte: None,
        }
    }

    /// The 1-based line of a file that holds byte `at` of its `text` (a
    /// byte past the end counts as the last line): the one way a reader of a
    /// data file turns a parser's byte offset into the line it reports.
    ///
    /// ```
    /// use kgx::error::Location;
    /// let loc = Location::line_of_byte("words.toml", "a = 1\nb = ?\n", 10);
    /// assert_eq!(loc.to_string(), "words.toml:2");
    /// ```
    pub fn line_of_byte(path: impl AsRef<Path>, text: &str, at: usize) -> Location {
        Location::line(path, line_number(text, at))
    }

    /// A 0-based byte offset in a file.
    pub fn byte(path: impl AsRef<Path>, byte: u64) -> Location {
        Location {
            path: Some(path.as_ref().to_path_buf()),
            line: None,
            byte: Some(byte),
        }
    }
}

/// The 1-based line of `text` that holds byte `at` (a byte past the end
/// counts as the last line).
pub(crate) fn line_number(text: impl AsRef<[u8]>, at: usize) -> usize {
    let bytes = text.as_ref();
    memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count() + 1
}

/// The lines of a data file, to report many places in it: each place's line
/// by a binary search over where the lines start, not by counting the line
/// breaks before it again (a lexicon of thousands of words would count
/// millions).
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Index the lines of `text`.
    pub(crate) fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1))
            .collect();
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The 1-based line that holds byte `at` (as [`line_number`]).
    pub(crate) fn line(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at.min(self.len))
    }
}

/// Where a TOML data file fails to parse and what is wrong: the line the
/// `toml` crate names (line 1 where it names none) and its message, or ours
/// where it gives none (a key with no value). Each reader words its own error
/// around the message; the location and the fallback are decided here.
pub(crate) fn toml_failure(
    path: impl AsRef<Path>,
    text: &str,
    e: &toml::de::Error,
) -> (Location, String) {
    let message = match e.message().trim() {
        "" => "invalid TOML: a value is missing or malformed here",
        m => m,
    };
    let at = e.span().map_or(0, |s| s.start);
    (Location::line_of_byte(path, text, at), message.to_string())
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}", p.display())?,
            None => write!(f, "<input>")?,
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(byte) = self.byte {
            write!(f, ": byte {byte}")?;
        }
        Ok(())
    }
}

/// A kgx error: one located problem, or many collected by a loader.
#[derive(Debug)]
pub enum Error {
    /// One problem.
    One {
        /// What kind of problem.
        kind: ErrorKind,
        /// Where, if known.
        location: Option<Location>,
        /// What is wrong, in lower case, quoting the value.
        message: String,
        /// The kind of the I/O error behind it, if an I/O error caused it
        /// (so a closed pipe is told by its kind, never by its text).
        io: Option<std::io::ErrorKind>,
    },
    /// Several problems, collected by a loader that reports them all.
    Many(Vec<Error>),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error with no location yet.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error::One {
            kind,
            location: None,
            message: message.into(),
            io: None,
        }
    }

    /// Record the kind of the I/O error that caused this one.
    pub fn with_io_kind(self, io_kind: std::io::ErrorKind) -> Error {
        match self {
            Error::One {
                kind,
                location,
                message,
                ..
            } => Error::One {
                kind,
                location,
                message,
                io: Some(io_kind),
            },
            many => many,
        }
    }

    /// The kind of the I/O error behind this error (the first one that has
    /// one, for [`Error::Many`]).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            Error::One { io, .. } => *io,
            Error::Many(v) => v.iter().find_map(Error::io_kind),
        }
    }

    /// Attach a location (replacing any earlier one).
    pub fn at(self, loc: Location) -> Error {
        match self {
            Error::One {
                kind, message, io, ..
            } => Error::One {
                kind,
                location: Some(loc),
                message,
                io,
            },
            many => many,
        }
    }

    /// An I/O error on `path`, with the operation named ("read", "create", ...).
    pub fn io(kind: ErrorKind, op: &str, path: impl AsRef<Path>, err: &std::io::Error) -> Error {
        Error::new(kind, format!("cannot {op}: {}", io_reason(err)))
            .at(Location::file(path))
            .with_io_kind(err.kind())
    }

    /// Collect errors; one error stays one, several become [`Error::Many`].
    pub fn many(mut errors: Vec<Error>) -> Error {
        if errors.len() == 1 {
            errors.pop().unwrap()
        } else {
            Error::Many(errors)
        }
    }

    /// The kind of this error (of the first one, for [`Error::Many`]).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::One { kind, .. } => *kind,
            Error::Many(v) => v.first().map(Error::kind).unwrap_or(ErrorKind::Io),
        }
    }

    /// The located errors inside, flattened.
    pub fn iter(&self) -> Vec<&Error> {
        match self {
            Error::One { .. } => vec![self],
            Error::Many(v) => v.iter().flat_map(Error::iter).collect(),
        }
    }

    /// The location of this error (of the first one, for [`Error::Many`]).
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::One { location, .. } => location.as_ref(),
            Error::Many(v) => v.first().and_then(Error::location),
        }
    }

    /// The message without its location.
    pub fn message(&self) -> String {
        match self {
            Error::One { message, .. } => message.clone(),
            Error::Many(v) => format!("{} errors", v.len()),
        }
    }
}

/// A lower-case reason for an I/O error, without Rust's "(os error N)" noise.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => "no such file or directory".into(),
        K::PermissionDenied => "permission denied".into(),
        K::AlreadyExists => "already exists".into(),
        _ => {
            let s = err.to_string();
            let s = match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            };
            let mut c = s.chars();
            match c.next() {
                Some(first) => first.to_lowercase().chain(c).collect(),
                None => s,
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::One {
                location: Some(loc),
                message,
                ..
            } => write!(f, "{loc}: {message}"),
            Error::One {
                location: None,
                message,
                ..
            } => write!(f, "{message}"),
            Error::Many(v) => {
                for (i, e) in v.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}
