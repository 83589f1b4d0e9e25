//! kgx: a knowledge-graph extractor for news text.
pub mod document;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod graph;
pub mod mention;

pub use document::Document;
pub use error::{Error, ErrorKind, Result};
