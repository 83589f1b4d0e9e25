//! Documents: a text, the id it is known by, and what the input says about it.

use serde::{Deserialize, Serialize};

/// One input document. The id is the file's path relative to the input
/// folder without extension (or the `id` of a JSON line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The document id.
    pub id: String,
    /// The text (spans are byte offsets into it).
    pub text: String,
    /// Date, URL, title and source, where the input gives them.
    pub meta: Meta,
}

impl Document {
    /// A document with no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            meta: Meta::default(),
        }
    }
}

/// What the input says about a document (JSON-lines fields `date`, `url`,
/// `title`, `source`; `--date-from-path` for `YYYY/MM/DD` folders), carried
/// into the exports.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Meta {
    /// Publication day, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the document was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publisher or feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Meta {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        self.date.is_none() && self.url.is_none() && self.title.is_none() && self.source.is_none()
    }
}

/// The day `YYYY-MM-DD` that starts `s` (a date or an RFC 3339 date-time), checked.
///
/// ```
/// use kgx::document::day;
/// assert_eq!(day("2015-07-14T09:30:00Z").as_deref(), Some("2015-07-14"));
/// assert_eq!(day("2015-02-30"), None);
/// assert_eq!(day("14/07/2015"), None);
/// ```
pub fn day(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    if s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
        return None;
    }
    let (y, m, dd): (u32, u32, u32) = (
        d[..4].parse().ok()?,
        d[5..7].parse().ok()?,
        d[8..].parse().ok()?,
    );
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&dd).then(|| d.to_string())
}

/// The day of a path id with `YYYY/MM/DD` folders (`2017/01/05/a` -> `2017-01-05`).
///
/// ```
/// use kgx::document::day_from_path;
/// assert_eq!(day_from_path("news/2017/01/05/a").as_deref(), Some("2017-01-05"));
/// assert_eq!(day_from_path("2017/13/05/a"), None);
/// assert_eq!(day_from_path("a"), None);
/// ```
pub fn day_from_path(id: &str) -> Option<String> {
    let parts: Vec<&str> = id.split('/').collect();
    parts.windows(3).find_map(|w| {
        let ok = w[0].len() == 4 && w[1].len() == 2 && w[2].len() == 2;
        ok.then(|| day(&format!("{}-{}-{}", w[0], w[1], w[2])))
            .flatten()
    })
}
