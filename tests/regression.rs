//! Regressions found by fuzzing (fuzz/README.md): each case is the crash
//! input, reduced, named after what it guards.

use kgx::gazetteer::{Gazetteer, GazetteerBuilder};
use kgx::stages::tag::Tagger;

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
