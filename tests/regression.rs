//! Regressions found by fuzzing (fuzz/README.md): each case is the crash
//! input, reduced, named after what it guards.

use kgx::gazetteer::{Gazetteer, GazetteerBuilder};
use kgx::stages::tag::Tagger;
use proptest::prelude::*;

/// fuzz `gazetteer_toml`: a key with no value gave an error with an empty message.
#[test]
fn toml_key_without_value_has_a_message() {
    let err = Gazetteer::from_toml_str("f.toml", "euntype = ").unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("f.toml:1: "), "{text}");
    assert!(
        text.len() > "f.toml:1: ".len(),
        "empty message for a key without value: {text:?}"
    );
}

/// fuzz `gazetteer_jsonl`: a spaCy pattern with no ASCII letter or digit (an
/// Arabic name, punctuation) became an entity with the empty id "".
#[test]
fn spacy_pattern_with_no_ascii_needs_an_id() {
    for (line, want) in [
        (
            r#"{"label":"GPE","pattern":"سوريا"}"#,
            "f.jsonl:1: pattern \"سوريا\" has no ASCII letters or digits to make an id from; give \"id\"",
        ),
        (
            r#"{"label":"GPE","pattern":"Syria","id":"((("}"#,
            "f.jsonl:1: id \"(((\" has no ASCII letters or digits to make an id from; give another \"id\"",
        ),
    ] {
        let mut b = GazetteerBuilder::new();
        b.add_jsonl_str("f.jsonl", line);
        let err = b.build().expect_err(line);
        assert_eq!(err.to_string(), want, "line {line}");
    }
    // With an id, the Arabic pattern loads.
    let mut b = GazetteerBuilder::new();
    b.add_jsonl_str(
        "f.jsonl",
        r#"{"label":"GPE","pattern":"سوريا","id":"syria"}"#,
    );
    let gaz = b.build().unwrap();
    assert!(gaz.get("syria").is_some());
}

/// fuzz `tagger`: a form with a dash between spaces ("Russia - Turkey
/// summit") or a control character before a hyphen never matched itself:
/// the text kept two spaces where the form's key has one.
#[test]
fn form_with_spaced_dash_matches_itself() {
    let gaz = Gazetteer::from_toml_str(
        "g.toml",
        r#"
[[entity]]
type = "Event"
name = "Russia - Turkey summit"

[[entity]]
type = "Place"
name = "bsh taUS -ba"
"#,
    )
    .unwrap();
    let tagger = Tagger::new(&gaz);
    for text in [
        "The Russia - Turkey summit opened.",
        "The Russia – Turkey summit opened.",
        "The Russia-Turkey summit opened.",
        "The Russia -Turkey summit opened.",
        "at bsh taUS\0\u{1}\0\0-ba now",
    ] {
        let mentions = tagger.tag(text);
        assert_eq!(mentions.len(), 1, "text {text:?}: {mentions:?}");
        let m = &mentions[0];
        assert!(
            m.text(text).starts_with("Russia") || m.text(text).starts_with("bsh"),
            "text {text:?}: {:?}",
            m.text(text)
        );
        assert!(m.text(text).ends_with("summit") || m.text(text).ends_with("ba"));
    }
}

/// Fuzzing (gazetteer_jsonl, 10-minute run): a spaCy token pattern whose
/// tokens are empty loaded an entity with an empty name.
#[test]
fn spacy_token_pattern_of_empty_tokens_is_an_error() {
    let mut b = kgx::gazetteer::GazetteerBuilder::new();
    b.add_jsonl_str(
        "f.jsonl",
        "{\"label\": \"ORG\", \"pattern\": [{\"LOWER\": \"\"}, {\"ORTH\": \" \"}], \"id\": \"x\"}\n",
    );
    let err = b.build().expect_err("no entity without a name");
    assert!(
        err.to_string()
            .starts_with("f.jsonl:1: empty token pattern"),
        "{err}"
    );
}

/// Characters whose NFKD form is several characters (one "expansion unit"
/// each): the Arabic ligature U+FDFA (18 characters with spaces), ﬁ, ß (folds
/// to "ss"), Ⅻ, ½, ㎂, ǅ.
const EXPANDING: &[&str] = &["\u{FDFA}", "ﬁ", "ß", "Ⅻ", "½", "㎂", "ǅ"];

/// Aliases cut from the expansions of [`EXPANDING`], so that a match can
/// start or end inside one original character.
const PIECES: &[&str] = &[
    "صلى الله",
    "الله عليه",
    "عليه وسلم",
    "الله",
    "صلى الله عليه وسلم",
    "Fi Nance",
    "Strass Burg",
    "Xii Corps",
    "Ua Group",
];

/// A gazetteer of the [`PIECES`] whose bit is set in `mask`, each an
/// entity of its own, of alternating types, and one with several pieces.
fn expanding_gazetteer(mask: u32) -> Gazetteer {
    let mut toml = String::new();
    for (i, p) in PIECES
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
    {
        let ty = ["Organization", "Person", "Event"][i % 3];
        toml.push_str(&format!(
            "[[entity]]\ntype = \"{ty}\"\nname = \"Org {i}\"\naliases = [\"{p}\"]\n\n"
        ));
    }
    toml.push_str("[[entity]]\ntype = \"Person\"\nname = \"Many Pieces\"\n");
    toml.push_str("aliases = [\"صلى الله\", \"الله عليه\", \"عليه وسلم\"]\n\n");
    toml.push_str("[[entity]]\ntype = \"Country\"\nname = \"Turkey\"\n");
    Gazetteer::from_toml_str("x.toml", &toml).expect("the test gazetteer loads")
}

/// Issue 16, finding 6: two matches inside one U+FDFA took the same original
/// span and `resolve` sliced with begin > end: a panic from document text
/// (exit 101, the whole run lost). A match never ends strictly inside an
/// expansion unit, and mentions never overlap.
#[test]
fn matches_inside_one_expanding_character_do_not_panic() {
    let pipeline = kgx::pipeline::Pipeline::new(expanding_gazetteer(0));
    for text in [
        "Turkey said \u{FDFA} today.",
        "\u{FDFA}\u{FDFA} and Turkey",
        "Turkey: صلى الله عليه وسلم and \u{FDFA}.",
    ] {
        let ex = pipeline.extract(&kgx::Document::new("d", text));
        check_mentions(text, &ex.mentions);
    }
}

fn check_mentions(text: &str, mentions: &[kgx::analysis::Mention]) {
    let mut last_end = 0;
    for m in mentions {
        let m = m.span;
        assert!(m.start < m.end, "{text:?}: empty mention {m:?}");
        assert!(
            m.start >= last_end,
            "{text:?}: overlapping mentions {mentions:?}"
        );
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "{text:?}: {m:?} not on char boundaries"
        );
        last_end = m.end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Issue 16, finding 6: texts of expanding characters, the aliases cut
    /// from their expansions, and words: tagging and resolving never panic,
    /// and mentions are sorted, non-overlapping, non-empty spans on char
    /// boundaries.
    #[test]
    fn expanding_characters_never_give_overlapping_mentions(
        parts in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(EXPANDING.to_vec()),
                proptest::sample::select(PIECES.to_vec()),
                proptest::sample::select(vec![" ", ". ", "Turkey", " and ", "-"]),
            ],
            0..24,
        ),
        mask in 0u32..(1 << 9),
    ) {
        let text: String = parts.concat();
        let pipeline = kgx::pipeline::Pipeline::new(expanding_gazetteer(mask));
        let ex = pipeline.extract(&kgx::Document::new("d", &text));
        check_mentions(&text, &ex.mentions);
    }
}
