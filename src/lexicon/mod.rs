//! English cue words as data: the word lists in the `lexicon/` folder,
//! embedded in the binary (so kgx works from any folder), read once and
//! checked like every data file, with file and line.
//!
//! | file | what it lists | read by |
//! |---|---|---|
//! | `lexicon/locative.txt` | words before a capital that make it a place ("in Moscow") | `stages/resolve.rs` |
//! | `lexicon/agentive-before.txt` | words before a capital that make it an actor ("by Moscow") | `stages/resolve.rs` |
//! | `lexicon/agentive-after.txt` | words after a capital that make it an actor ("Moscow said") | `stages/resolve.rs` |
//! | `lexicon/surname-particles.txt` | particles that start a surname ("de", "al") | `gazetteer/forms.rs` |
//! | `lexicon/region-heads.txt` | head nouns of a region's name ("province", "oblast"): the words before them are a partial name | `gazetteer/forms.rs` |
//! | `lexicon/event-prepositions.txt` | prepositions before the place of an event phrase ("talks in Geneva") | `stages/tag` |
//!
//!
//! The sentence splitter's abbreviations, titles and cue words are in
//! [`sentences`] (their case matters).
//!
//! A file holds one entry a line, in lower case; `#` starts a comment. An
//! entry is one word (letters, digits, `'`, `-`); a duplicate is an error.
//!
//! ```
//! let lex = kgx::lexicon::Lexicon::english();
//! assert!(lex.locative.contains("in"));
//! assert!(lex.agentive_after.contains("said"));
//! let err = kgx::lexicon::WordList::parse("x.txt", "in\nIn\n").unwrap_err();
//! assert!(err.to_string().contains("x.txt:2"), "{err}");
//! ```

use std::sync::LazyLock;

pub mod sentences;

use crate::error::{Error, ErrorKind, Location};
use std::hash::Hasher;

/// One word list of the lexicon.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordList {
    words: Vec<Box<str>>,
}

impl WordList {
    /// Read a word list; `file` names it in errors. Every problem is
    /// reported, each with its line.
    pub fn parse(file: &str, text: &str) -> crate::Result<WordList> {
        WordList::parse_with(file, text, false)
    }

    /// Read a word list whose case matters ("No" is not "no") and whose
    /// entries may hold dots ("e.g"), each at most 15 bytes: the
    /// abbreviations of the sentence splitter ([`sentences`]).
    pub fn parse_cased(file: &str, text: &str) -> crate::Result<WordList> {
        WordList::parse_with(file, text, true)
    }

    fn parse_with(file: &str, text: &str, cased: bool) -> crate::Result<WordList> {
        let mut words: Vec<Box<str>> = Vec::new();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let at = Location::line(file, i + 1);
            let problem = if !line
                .chars()
                .all(|c| c.is_alphanumeric() || c == '\'' || c == '-' || (cased && c == '.'))
            {
                let allowed = if cased {
                    "letters, digits, ., ' and -"
                } else {
                    "letters, digits, ' and -"
                };
                Some(format!(
                    "\"{line}\" is not one word (one entry a line: {allowed})"
                ))
            } else if cased && line.len() > 15 {
                Some(format!(
                    "\"{line}\" is longer than 15 bytes (the longest abbreviation kgx reads)"
                ))
            } else if !cased && line.chars().any(char::is_uppercase) {
                Some(format!(
                    "\"{line}\" has capitals (entries are lower case: try \"{}\")",
                    line.to_lowercase()
                ))
            } else if words.iter().any(|w| &**w == line) {
                Some(format!("\"{line}\" is listed twice"))
            } else {
                None
            };
            match problem {
                Some(msg) => errors.push(Error::new(ErrorKind::Lexicon, msg).at(at)),
                None => words.push(line.into()),
            }
        }
        if errors.is_empty() {
            Ok(WordList { words })
        } else {
            Err(Error::many(errors))
        }
    }

    /// Whether `word` (lower case) is listed.
    pub fn contains(&self, word: &str) -> bool {
        self.words.iter().any(|w| &**w == word)
    }

    /// The entries, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| &**w)
    }
}

/// The English lexicon kgx ships.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Words before a capital that make it a place.
    pub locative: WordList,
    /// Words before a capital that make it an actor.
    pub agentive_before: WordList,
    /// Words after a capital that make it an actor.
    pub agentive_after: WordList,
    /// Lower-case particles that start a surname.
    pub surname_particles: WordList,
    /// Prepositions that introduce the place of an event phrase.
    pub event_prepositions: WordList,
    /// Head nouns of a region's name ("province"): the words before them
    /// are a partial name of the region.
    pub region_heads: WordList,
}

/// The embedded files, by name.
const FILES: [(&str, &str); 6] = [
    (
        "lexicon/locative.txt",
        include_str!("../../lexicon/locative.txt"),
    ),
    (
        "lexicon/agentive-before.txt",
        include_str!("../../lexicon/agentive-before.txt"),
    ),
    (
        "lexicon/agentive-after.txt",
        include_str!("../../lexicon/agentive-after.txt"),
    ),
    (
        "lexicon/surname-particles.txt",
        include_str!("../../lexicon/surname-particles.txt"),
    ),
    (
        "lexicon/event-prepositions.txt",
        include_str!("../../lexicon/event-prepositions.txt"),
    ),
    (
        "lexicon/region-heads.txt",
        include_str!("../../lexicon/region-heads.txt"),
    ),
];

static ENGLISH: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::from_files(FILES).expect("the embedded lexicon is checked by its tests")
});

impl Lexicon {
    /// The lexicon embedded in the binary, read on first use.
    pub fn english() -> &'static Lexicon {
        &ENGLISH
    }

    /// Read the six lists from (name, text) pairs in the order of the
    /// module table; every problem of every file is reported.
    pub fn from_files(files: [(&str, &str); 6]) -> crate::Result<Lexicon> {
        let [locative, agentive_before, agentive_after, surname_particles, event_prepositions, region_heads] =
            parse_all(files, WordList::parse)?;
        Ok(Lexicon {
            locative,
            agentive_before,
            agentive_after,
            surname_particles,
            event_prepositions,
            region_heads,
        })
    }
}

/// Read every (name, text) file with `parse`, in order; the problems of all
/// the files are reported at once.
pub(crate) fn parse_all<const N: usize>(
    files: [(&str, &str); N],
    parse: fn(&str, &str) -> crate::Result<WordList>,
) -> crate::Result<[WordList; N]> {
    let mut errors = Vec::new();
    let lists = files.map(|(name, text)| {
        parse(name, text).unwrap_or_else(|e| {
            errors.push(e);
            WordList::default()
        })
    });
    if !errors.is_empty() {
        return Err(Error::many(errors));
    }
    Ok(lists)
}

/// A fast hash for short words (FNV-1a): the stages look words of the text
/// up in their lexicons token by token, and SipHash's resistance to chosen
/// keys buys nothing for a fixed lexicon.
#[derive(Clone, Copy, Debug)]
pub struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> WordHasher {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A map keyed by word, hashed with [`WordHasher`].
///
/// ```
/// let mut m = kgx::lexicon::WordMap::default();
/// m.insert("envoy".to_string(), 1);
/// assert_eq!(m.get("envoy"), Some(&1));
/// ```
pub type WordMap<V> =
    std::collections::HashMap<String, V, std::hash::BuildHasherDefault<WordHasher>>;

/// A set of words hashed with [`WordHasher`].
pub type WordHashSet = std::collections::HashSet<String, std::hash::BuildHasherDefault<WordHasher>>;

/// `LOW_BYTES[n]` keeps the low `n` bytes of a `u64` (`n` up to 8): the mask
/// with which the word tables that read a short word's bytes in one load
/// (coreference's and discovery's) keep the word and drop what follows it.
///
/// ```
/// use kgx::lexicon::LOW_BYTES;
/// let word = u64::from_le_bytes(*b"of the p");
/// assert_eq!(word & LOW_BYTES[2], u64::from_le_bytes(*b"of\0\0\0\0\0\0"));
/// assert_eq!(LOW_BYTES[0], 0);
/// assert_eq!(LOW_BYTES[8], u64::MAX);
/// ```
pub const LOW_BYTES: [u64; 9] = low_byte_masks();

const fn low_byte_masks() -> [u64; 9] {
    let mut masks = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        masks[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    masks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lexicon_loads() {
        let lex = Lexicon::from_files(FILES).unwrap_or_else(|e| panic!("{e}"));
        assert!(lex.locative.contains("in") && lex.locative.contains("capital"));
        assert!(lex.agentive_before.contains("by"));
        assert!(lex.agentive_after.contains("says"));
        assert!(lex.surname_particles.contains("al"));
        assert_eq!(
            lex.event_prepositions.iter().collect::<Vec<_>>(),
            ["in", "at", "near", "outside"]
        );
    }

    #[test]
    fn bad_entries_are_reported_with_their_line() {
        let text = "# a comment\nin\nat the\nNear\nin\n";
        let err = WordList::parse("l.txt", text).unwrap_err().to_string();
        for want in [
            "l.txt:3: \"at the\" is not one word",
            "l.txt:4: \"Near\" has capitals",
            "l.txt:5: \"in\" is listed twice",
        ] {
            assert!(err.contains(want), "{want:?} not in {err}");
        }
    }
}
