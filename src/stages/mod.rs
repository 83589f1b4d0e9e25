//! The stages of the pipeline, in the order they run. Each reads the layers
//! of an [`Analysis`](crate::analysis::Analysis) below its own and adds its
//! own (see [`crate::analysis`]).
//!
//! | stage | file | adds |
//! |---|---|---|
//! | text layers | `analysis/mod.rs` ([`Analysis::new`](crate::analysis::Analysis::new)) | normalised view, sentences, tokens |
//! | [`tag`] | `stages/tag/mod.rs` | mentions with their senses and tokens |
//! | [`resolve`] | `stages/resolve.rs` | each mention's entity |
//! | [`syntax`] | `stages/syntax.rs` | tags and dependency trees of the candidate sentences |
//! | [`relate`] | `stages/relate/` (`stage.rs`; accepted in `accept.rs`) | relations with evidence |

pub mod relate;
pub mod resolve;
pub mod syntax;
pub mod tag;
