//! Coreference: pronouns, descriptions, titles standing alone and implied
//! events linked to the mention they mean.
//!
//! - [`lexicon`]: the words, as data (`lexicon/coref.toml`), checked at load.
//! - [`antecedent`]: the choice of an antecedent, a pure function over candidates.

pub mod antecedent;
pub mod lexicon;
