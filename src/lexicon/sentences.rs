//! The words the sentence splitter ([`mod@crate::text::sentences`]) decides by:
//! titles, abbreviations, company suffixes, sentence starters and the
//! function words that continue a wrapped line. Data files in `lexicon/`,
//! embedded, read once and checked with file and line like the rest of the
//! lexicon; unlike it, case matters ("No." before a number, "no." is a word)
//! and an entry may hold dots ("e.g").
//!
//! | file | what it lists |
//! |---|---|
//! | `lexicon/titles.txt` | titles before a name ("Mr", "Gen", "Jr") |
//! | `lexicon/abbreviations-inside.txt` | abbreviations that never end a sentence ("e.g", "vs") |
//! | `lexicon/abbreviations-before-number.txt` | abbreviations before a number ("Dec", "No") |
//! | `lexicon/company-suffixes.txt` | company suffixes ("Inc", "Ltd") |
//! | `lexicon/sentence-starters.txt` | capitalised words that start sentences ("The", "He") |
//! | `lexicon/continue-words.txt` | function words a headline never ends in ("the", "said") |
//!
//! ```
//! let words = kgx::lexicon::sentences::SentenceWords::english();
//! assert!(words.titles.contains("Mr") && !words.titles.contains("mr"));
//! assert!(words.never.contains("e.g"));
//! ```

use std::sync::LazyLock;

use super::WordList;

/// The sentence splitter's word lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceWords {
    /// Titles before a name: a `.` after them never ends a sentence.
    pub titles: WordList,
    /// Abbreviations inside a sentence that never end one.
    pub never: WordList,
    /// Abbreviations usually followed by a number.
    pub before_number: WordList,
    /// Company suffixes: a `.` after them ends a sentence unless another
    /// suffix follows.
    pub suffixes: WordList,
    /// Capitalised words that start sentences far more often than they
    /// continue a name.
    pub starters: WordList,
    /// Function words that never end a headline.
    pub continue_words: WordList,
}

/// The embedded files, in the order of the fields.
const FILES: [(&str, &str); 6] = [
    (
        "lexicon/titles.txt",
        include_str!("../../lexicon/titles.txt"),
    ),
    (
        "lexicon/abbreviations-inside.txt",
        include_str!("../../lexicon/abbreviations-inside.txt"),
    ),
    (
        "lexicon/abbreviations-before-number.txt",
        include_str!("../../lexicon/abbreviations-before-number.txt"),
    ),
    (
        "lexicon/company-suffixes.txt",
        include_str!("../../lexicon/company-suffixes.txt"),
    ),
    (
        "lexicon/sentence-starters.txt",
        include_str!("../../lexicon/sentence-starters.txt"),
    ),
    (
        "lexicon/continue-words.txt",
        include_str!("../../lexicon/continue-words.txt"),
    ),
];

static ENGLISH: LazyLock<SentenceWords> = LazyLock::new(|| {
    SentenceWords::from_files(FILES).expect("the embedded lexicon is checked by its tests")
});

impl SentenceWords {
    /// The lists embedded in the binary, read on first use.
    pub fn english() -> &'static SentenceWords {
        &ENGLISH
    }

    /// Read the six lists from (name, text) pairs in the order of the module
    /// table; every problem of every file is reported.
    pub fn from_files(files: [(&str, &str); 6]) -> crate::Result<SentenceWords> {
        let [titles, never, before_number, suffixes, starters, continue_words] =
            super::parse_all(files, WordList::parse_cased)?;
        Ok(SentenceWords {
            titles,
            never,
            before_number,
            suffixes,
            starters,
            continue_words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lists_load() {
        let words = SentenceWords::from_files(FILES).unwrap_or_else(|e| panic!("{e}"));
        assert!(words.titles.contains("Gen") && words.titles.contains("Jr"));
        assert!(words.never.contains("i.e") && words.never.contains("vs"));
        assert!(words.before_number.contains("No") && words.before_number.contains("no"));
        assert!(words.suffixes.contains("PLC") && words.suffixes.contains("Plc"));
        assert!(words.starters.contains("The") && !words.starters.contains("the"));
        assert!(words.continue_words.contains("said"));
    }

    #[test]
    fn bad_entries_are_reported_with_their_line() {
        let text = "# titles\nMr\nMr Smith\nMr\nAbbreviationTooLong\n";
        let err = WordList::parse_cased("t.txt", text)
            .unwrap_err()
            .to_string();
        for want in [
            "t.txt:3: \"Mr Smith\" is not one word",
            "t.txt:4: \"Mr\" is listed twice",
            "t.txt:5: \"AbbreviationTooLong\" is longer than 15 bytes",
        ] {
            assert!(err.contains(want), "{want:?} not in {err}");
        }
        let mut files = FILES;
        files[2].1 = "Dec\nDe c\n";
        let err = SentenceWords::from_files(files).unwrap_err().to_string();
        assert!(
            err.contains("lexicon/abbreviations-before-number.txt:2"),
            "{err}"
        );
    }
}
