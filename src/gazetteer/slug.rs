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
    // ASCII text is its own NFKD form, with no combining mark and no letter
    // `ascii_fold` spells: byte by byte (most names are ASCII, and
    // decomposing is most of the general path's cost).
    if name.is_ascii() {
        slug_ascii(name.as_bytes())
    } else {
        slug_chars(name.nfkd())
    }
}

/// [`slug`] of an ASCII name: what [`slug_chars`] makes of its characters
/// (an apostrophe or backquote dropped, a letter or digit kept in lower
/// case, any other run a `-` between two kept ones), read as bytes.
fn slug_ascii(name: &[u8]) -> String {
    let mut out = Vec::with_capacity(name.len());
    let mut pending_dash = false;
    for &b in name {
        if b.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push(b'-');
            }
            pending_dash = false;
            out.push(b.to_ascii_lowercase());
        } else if b != b'\'' && b != b'`' {
            pending_dash = true;
        }
    }
    // Only ASCII letters, digits and '-' were pushed.
    String::from_utf8(out).expect("ASCII")
}

/// [`slug`] of a name's characters, decomposed (NFKD) where they are not
/// ASCII: combining marks and apostrophes dropped, letters and digits kept
/// in lower case (or spelled in ASCII, `ascii_fold`), any other run a `-`.
fn slug_chars(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in chars {
        if unicode_normalization::char::is_combining_mark(c) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte path of an ASCII name gives what the character path gives
    /// (NFKD leaves ASCII as it is): every ASCII character alone, between
    /// letters, doubled and at both ends, and some names.
    #[test]
    fn ascii_names_slug_as_their_characters_do() {
        let mut names: Vec<String> = [
            "Bashar al-Jaafari",
            "Ja'afari",
            "Radio Free Europe/Radio Liberty",
            "  --the West--  ",
            "U.S.-Taliban",
            "O`Neil",
            "",
            "'",
            "A1 b2",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for b in 0u8..128 {
            let c = char::from(b);
            names.push(c.to_string());
            names.push(format!("ab{c}cd"));
            names.push(format!("{c}{c}x{c}{c}y{c}"));
        }
        for name in &names {
            assert!(name.is_ascii());
            assert_eq!(
                slug_ascii(name.as_bytes()),
                slug_chars(name.chars()),
                "{name:?}"
            );
            assert_eq!(slug(name), slug_chars(name.chars()), "{name:?}");
        }
    }
}
