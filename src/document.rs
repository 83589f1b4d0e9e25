//! Documents: a text and the id it is known by.

/// One input document. The id is the file stem (or the `id` of a JSON line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The id (file stem, or the `id` of a JSON line).
    pub id: String,
    /// The text, as read (decoded to UTF-8).
    pub text: String,
}

impl Document {
    /// A document with this id and text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
        }
    }
}
