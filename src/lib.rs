//! kgx: a knowledge-graph extractor for news text.
pub mod error;
pub mod gazetteer;
pub mod text;

pub use error::{Error, ErrorKind, Result};
