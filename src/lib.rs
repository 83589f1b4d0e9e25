//! kgx: a knowledge-graph extractor for news text.
pub mod document;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod graph;
pub mod mention;

pub use document::Document;
pub use error::{Error, ErrorKind, Result};
pub mod app;
pub mod cli;
pub mod corpus;
pub mod eval;
pub mod input;
pub mod pipeline;
pub mod relations;
pub mod resolve;
pub mod run;
pub mod tagger;
pub mod text;
