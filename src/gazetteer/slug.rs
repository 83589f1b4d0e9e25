//! Stable node ids: the kebab-case ASCII slug of a canonical name.

use unicode_normalization::UnicodeNormalization;

/// The kebab-case ASCII slug of `name`: diacritics stripped, apostrophes
/// dropped, every other run of non-alphanumeric characters turned into one
/// `-`, lower case, no leading or trailing `-`.
///
/// ```
/// use kgx::gazetteer::slug;
/// assert_eq!(slug("Bashar al-Jaafari"), "bashar-al-jaafari");
/// assert_eq!(slug("Ja'afari"), "jaafari");
/// assert_eq!(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
/// assert_eq!(slug("Radio Free Europe/Radio Liberty"), "radio-free-europe-radio-liberty");
/// assert_eq!(slug("the West"), "the-west");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    // ASCII text is its own NFKD form, with no combining mark: no need to
    // decompose it (most names are ASCII, and decomposing is most of the cost).
    let ascii = name.is_ascii();
    let mut chars = name.chars();
    let mut decomposed = (!ascii).then(|| name.nfkd());
    while let Some(c) = match &mut decomposed {
        Some(d) => d.next(),
        None => chars.next(),
    } {
        if !ascii && unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if matches!(
            c,
            '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}'
        ) {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if let Some(mapped) = ascii_fold(c) {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push_str(mapped);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Letters that have no decomposition but a conventional ASCII spelling.
fn ascii_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        _ => return None,
    })
}

/// Whether `id` is already a valid slug (what [`slug`] would leave unchanged).
pub fn is_slug(id: &str) -> bool {
    !id.is_empty() && slug(id) == id
}
