//! The stages of the pipeline, in the order they run. Each reads the layers
//! of an [`Analysis`](crate::analysis::Analysis) below its own and adds its
//! own (see [`crate::analysis`]).
//!
//! | stage | file | adds |
//! |---|---|---|
//! | text layers | `analysis/mod.rs` ([`Analysis::new`](crate::analysis::Analysis::new)) | normalised view, sentences, tokens |
//! | [`tag`] | `stages/tag/mod.rs` | mentions with their senses and tokens |
//! | [`discover`] (with `--discover`) | `stages/discover/mod.rs` | names the gazetteer lacks ([`Analysis::discovered`](crate::analysis::Analysis::discovered)); drops known mentions inside longer new names |
//! | [`resolve`] | `stages/resolve.rs` | each mention's entity |
//! | ([`demand`], in `kgx extract`) | `stages/demand.rs` | no layer: where no relation can come of the document, the stages below do not run on it ([`Analysis::settled`](crate::analysis::Analysis::settled)) |
//! | (compose) | `stages/compose.rs` | no layer: the one home of "event in a place" and title readings, called by tag, resolve, coref and relate |
//! | [`syntax`] | `stages/syntax.rs` | tags and dependency trees of the candidate sentences |
//! | [`coref`] | `stages/coref/mod.rs` | mentions for pronouns, descriptions and implied events, with links to their antecedents |
//! | [`relate`] | `stages/relate/` (`stage.rs`; accepted in `accept.rs`) | relations with evidence |

pub(crate) mod compose;
pub mod coref;
pub mod demand;
pub mod discover;
pub mod relate;
pub mod resolve;
pub mod syntax;
pub mod tag;
