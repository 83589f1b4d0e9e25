//! Text handling, knowing nothing of entities: the one [`Span`] type, the
//! normalised view matching runs on (with offsets back to the original),
//! sentence segmentation and THE word scanner ([`Tokens`]).
//!
//! All of it works on arbitrary UTF-8 and cannot fail. Every span it produces
//! is a byte range of the original text, on char boundaries.
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
pub mod span;
pub mod tokens;

pub use normalize::{is_word_char, normalize_phrase, Normalized};
pub use sentences::sentences;
pub use span::Span;
pub use tokens::{Token, Tokens};
