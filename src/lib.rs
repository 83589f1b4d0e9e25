//! kgx: a knowledge-graph extractor for news text.
pub mod document;
pub mod error;
pub mod gazetteer;
pub mod graph;
pub mod mention;
pub mod relations;

pub use document::Document;
pub use error::{Error, ErrorKind, Result};
pub mod tagger;
pub mod text;
pub mod resolve;
pub mod input;
pub mod pipeline;
pub mod eval;
pub mod app;
pub mod cli;
