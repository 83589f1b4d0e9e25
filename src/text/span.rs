//! [`Span`]: the one span type. Every layer of an
//! [`Analysis`](crate::analysis::Analysis) (sentences, tokens, mentions,
//! relation evidence) points into the document with it.

use std::ops::Range;

/// A byte range of a document's **original** text, on char boundaries.
///
/// ```
/// use kgx::text::Span;
/// let text = "Talks in Astana.";
/// let span = Span::new(9, 15);
/// assert_eq!(span.of(text), "Astana");
/// assert_eq!(span.len(), 6);
/// assert!(Span::new(0, 16).contains(span));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Its length in bytes.
    #[inline]
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether it covers no byte.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// As a `Range`, to slice with.
    #[inline]
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Its text in `text` (empty where the span does not fit `text`).
    #[inline]
    pub fn of(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or_default()
    }

    /// Whether `other` lies wholly inside it.
    #[inline]
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two share at least one byte.
    #[inline]
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl From<Range<usize>> for Span {
    #[inline]
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    #[inline]
    fn from(s: Span) -> Range<usize> {
        s.range()
    }
}

impl From<(usize, usize)> for Span {
    #[inline]
    fn from((start, end): (usize, usize)) -> Span {
        Span::new(start, end)
    }
}
