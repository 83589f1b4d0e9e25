//! Text handling: the normalised view matching runs on, with offsets back to
//! the original, and sentence segmentation.
//!
//! Both work on arbitrary UTF-8 and cannot fail. Every span they produce is a
//! byte range of the original text, on char boundaries.
//!
//! ```
//! use kgx::text::{sentences, Normalized};
//! let text = "Mr. Erdoğan met Gen. Krol in the U.S. State Department. He left.";
//! let spans = sentences(text);
//! assert_eq!(spans.len(), 2);
//! let norm = Normalized::new(&text[spans[0].clone()]);
//! assert!(norm.as_str().starts_with("mr. erdogan met gen. krol"));
//! ```

pub mod normalize;
pub mod sentences;

pub use normalize::{is_word_char, normalize_phrase, Normalized};
pub use sentences::sentences;
