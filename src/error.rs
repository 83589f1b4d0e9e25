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
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
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

    /// A 0-based byte offset in a file.
    pub fn byte(path: impl AsRef<Path>, byte: u64) -> Location {
        Location {
            path: Some(path.as_ref().to_path_buf()),
            line: None,
            byte: Some(byte),
        }
    }
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
    One {
        kind: ErrorKind,
        location: Option<Location>,
        message: String,
    },
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
        }
    }

    /// Attach a location (replacing any earlier one).
    pub fn at(self, loc: Location) -> Error {
        match self {
            Error::One { kind, message, .. } => Error::One {
                kind,
                location: Some(loc),
                message,
            },
            many => many,
        }
    }

    /// An I/O error on `path`, with the operation named ("read", "create", ...).
    pub fn io(kind: ErrorKind, op: &str, path: impl AsRef<Path>, err: &std::io::Error) -> Error {
        Error::new(kind, format!("cannot {op}: {}", io_reason(err))).at(Location::file(path))
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
