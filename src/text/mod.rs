//! TEMPORARY stand-in; replaced by the text branch.
pub mod normalize;
pub mod sentences;
pub use normalize::{is_word_char, normalize_phrase, Normalized};
pub use sentences::sentences;
