//! Text handling: the normalised view matching runs on, with offsets back to
//! the original.
//!
//! It works on arbitrary UTF-8 and cannot fail. Every span it produces is a
//! byte range of the original text, on char boundaries.

pub mod normalize;

pub use normalize::{is_word_char, normalize_phrase, Normalized};
