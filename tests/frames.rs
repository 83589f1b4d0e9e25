//! Frames wired into the pipeline: tokens and mentions to a parse view, the
//! templates, the shared accept, evidence, and no duplicate of a rule's edge.
//! The parser here is a fixture that returns parses written by hand (in
//! CoNLL-U columns) for the sentences of these tests, so the wiring is tested
//! without the trained parser.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use kgx::analysis::SentenceParse;
use kgx::frames::{FrameReader, FrameRejection, Lexicon, ParseView, SentenceParser};
use kgx::gazetteer::Gazetteer;
use kgx::pipeline::{Pipeline, PipelineBuilder};
use kgx::relations::{NameIndex, Rejection, RuleSet, DEFAULT_RULES};
use kgx::Document;

const GAZ: &str = r#"
[[entity]]
type = "Country"
name = "Egypt"
capital = "cairo"
[[entity]]
type = "Place"
subtype = "City"
name = "Cairo"
country = "egypt"
[[entity]]
type = "Country"
name = "Qatar"
[[entity]]
type = "Person"
name = "Lina Haddad"
titles = ["Egypt's envoy to Qatar"]
[[entity]]
type = "Event"
name = "Cairo talks"
[[entity]]
type = "Country"
name = "Lakeland"
capital = "port-lake"
[[entity]]
type = "Place"
subtype = "City"
name = "Port Lake"
country = "lakeland"
[[entity]]
type = "Organization"
name = "Lake Union"
metonyms = ["Port Lake"]
"#;

/// Hand-written parses, looked up by the sentence's words.
struct Fixture(HashMap<String, SentenceParse>);

impl Fixture {
    fn new(blocks: &[&str]) -> Fixture {
        let mut map = HashMap::new();
        for block in blocks {
            let view = ParseView::from_conllu(block).expect("fixture parse");
            let forms: Vec<String> = block
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
                .collect();
            map.insert(
                forms.join(" "),
                SentenceParse {
                    upos: view.upos,
                    heads: view.heads.iter().map(|h| h.map(|h| h as u32)).collect(),
                    labels: view.labels,
                },
            );
        }
        Fixture(map)
    }
}

impl SentenceParser for Fixture {
    fn parse(&self, words: &[&str]) -> SentenceParse {
        self.0
            .get(&words.join(" "))
            .cloned()
            .unwrap_or_else(|| panic!("the fixture has no parse for {:?}", words.join(" ")))
    }
}

const HOSTS: &str = "
1 Egypt _ PROPN _ _ 9 nsubj _ _
2 , _ PUNCT _ _ 4 punct _ _
3 which _ PRON _ _ 4 nsubj _ _
4 hosts _ VERB _ _ 1 acl:relcl _ _
5 the _ DET _ _ 7 det _ _
6 Cairo _ PROPN _ _ 7 compound _ _
7 talks _ NOUN _ _ 4 obj _ _
8 , _ PUNCT _ _ 4 punct _ _
9 welcomed _ VERB _ _ 0 root _ _
10 Qatar _ PROPN _ _ 9 obj _ _
11 . _ PUNCT _ _ 9 punct _ _
";

const NOT_HOSTS: &str = "
1 Egypt _ PROPN _ _ 11 nsubj _ _
2 , _ PUNCT _ _ 6 punct _ _
3 which _ PRON _ _ 6 nsubj _ _
4 does _ AUX _ _ 6 aux _ _
5 not _ PART _ _ 6 advmod _ _
6 host _ VERB _ _ 1 acl:relcl _ _
7 the _ DET _ _ 9 det _ _
8 Cairo _ PROPN _ _ 9 compound _ _
9 talks _ NOUN _ _ 6 obj _ _
10 , _ PUNCT _ _ 6 punct _ _
11 welcomed _ VERB _ _ 0 root _ _
12 Qatar _ PROPN _ _ 11 obj _ _
13 . _ PUNCT _ _ 11 punct _ _
";

const LED_BY_PERSON: &str = "
1 Qatar _ PROPN _ _ 3 nsubj _ _
2 also _ ADV _ _ 3 advmod _ _
3 led _ VERB _ _ 0 root _ _
4 Egypt _ PROPN _ _ 3 obj _ _
5 . _ PUNCT _ _ 3 punct _ _
";

const CAPITAL_BACKS: &str = "
1 Officials _ NOUN _ _ 2 nsubj _ _
2 said _ VERB _ _ 0 root _ _
3 Cairo _ PROPN _ _ 5 nsubj _ _
4 quietly _ ADV _ _ 5 advmod _ _
5 backs _ VERB _ _ 2 ccomp _ _
6 Qatar _ PROPN _ _ 5 obj _ _
7 . _ PUNCT _ _ 2 punct _ _
";

const CAPITAL_PLACE: &str = "
1 Qatar _ PROPN _ _ 2 nsubj _ _
2 backed _ VERB _ _ 0 root _ _
3 talks _ NOUN _ _ 2 obj _ _
4 in _ ADP _ _ 5 case _ _
5 Cairo _ PROPN _ _ 2 obl _ _
6 . _ PUNCT _ _ 2 punct _ _
";

const TITLE_APPOSITION: &str = "
1 Lina _ PROPN _ _ 10 nsubj _ _
2 Haddad _ PROPN _ _ 1 flat _ _
3 , _ PUNCT _ _ 6 punct _ _
4 Egypt _ PROPN _ _ 6 nmod:poss _ _
5 's _ PART _ _ 4 case _ _
6 envoy _ NOUN _ _ 1 appos _ _
7 to _ ADP _ _ 8 case _ _
8 Qatar _ PROPN _ _ 6 nmod _ _
9 , _ PUNCT _ _ 6 punct _ _
10 arrived _ VERB _ _ 0 root _ _
11 . _ PUNCT _ _ 10 punct _ _
";

const TITLE_ALONE: &str = "
1 Egypt _ PROPN _ _ 3 nmod:poss _ _
2 's _ PART _ _ 1 case _ _
3 envoy _ NOUN _ _ 6 nsubj _ _
4 to _ ADP _ _ 5 case _ _
5 Qatar _ PROPN _ _ 3 nmod _ _
6 arrived _ VERB _ _ 0 root _ _
7 . _ PUNCT _ _ 6 punct _ _
";

// "without" before a title standing alone: the title is still whose it is.
const TITLE_WITHOUT: &str = "
1 Talks _ NOUN _ _ 2 nsubj _ _
2 began _ VERB _ _ 0 root _ _
3 without _ ADP _ _ 6 case _ _
4 Egypt _ PROPN _ _ 6 nmod:poss _ _
5 's _ PART _ _ 4 case _ _
6 envoy _ NOUN _ _ 2 obl _ _
7 to _ ADP _ _ 8 case _ _
8 Qatar _ PROPN _ _ 6 nmod _ _
9 . _ PUNCT _ _ 2 punct _ _
";

// Near miss: "without Egypt's support for Qatar" negates the support itself.
const SUPPORT_WITHOUT: &str = "
1 Talks _ NOUN _ _ 2 nsubj _ _
2 began _ VERB _ _ 0 root _ _
3 without _ ADP _ _ 6 case _ _
4 Egypt _ PROPN _ _ 6 nmod:poss _ _
5 's _ PART _ _ 4 case _ _
6 support _ NOUN _ _ 2 obl _ _
7 for _ ADP _ _ 8 case _ _
8 Qatar _ PROPN _ _ 6 nmod _ _
9 . _ PUNCT _ _ 2 punct _ _
";

// The control: the same phrase with "with".
const SUPPORT_WITH: &str = "
1 Talks _ NOUN _ _ 2 nsubj _ _
2 began _ VERB _ _ 0 root _ _
3 with _ ADP _ _ 6 case _ _
4 Egypt _ PROPN _ _ 6 nmod:poss _ _
5 's _ PART _ _ 4 case _ _
6 support _ NOUN _ _ 2 obl _ _
7 for _ ADP _ _ 8 case _ _
8 Qatar _ PROPN _ _ 6 nmod _ _
9 . _ PUNCT _ _ 2 punct _ _
";

// Metonymy by position, with no edge needing it (sentences written for this test).
const CAPITAL_COORDINATED: &str = "
1 Cairo _ PROPN _ _ 4 nsubj _ _
2 and _ CCONJ _ _ 3 cc _ _
3 Qatar _ PROPN _ _ 1 conj _ _
4 said _ VERB _ _ 0 root _ _
5 the _ DET _ _ 6 det _ _
6 talks _ NOUN _ _ 8 nsubj _ _
7 will _ AUX _ _ 8 aux _ _
8 resume _ VERB _ _ 4 ccomp _ _
9 . _ PUNCT _ _ 4 punct _ _
";

const CAPITAL_ACCUSED: &str = "
1 Qatar _ PROPN _ _ 2 nsubj _ _
2 accused _ VERB _ _ 0 root _ _
3 Cairo _ PROPN _ _ 2 obj _ _
4 of _ SCONJ _ _ 5 mark _ _
5 sheltering _ VERB _ _ 2 advcl _ _
6 the _ DET _ _ 7 det _ _
7 rebels _ NOUN _ _ 5 obj _ _
8 . _ PUNCT _ _ 2 punct _ _
";

const CAPITAL_DESTINATION: &str = "
1 Qatar _ PROPN _ _ 2 nsubj _ _
2 sent _ VERB _ _ 0 root _ _
3 envoys _ NOUN _ _ 2 obj _ _
4 to _ ADP _ _ 5 case _ _
5 Cairo _ PROPN _ _ 2 obl _ _
6 . _ PUNCT _ _ 2 punct _ _
";

const CAPITAL_SECOND_SUBJECT: &str = "
1 Qatar _ PROPN _ _ 3 nmod:poss _ _
2 's _ PART _ _ 1 case _ _
3 team _ NOUN _ _ 11 nsubj _ _
4 , _ PUNCT _ _ 5 punct _ _
5 visiting _ VERB _ _ 3 acl _ _
6 the _ DET _ _ 7 det _ _
7 capital _ NOUN _ _ 5 obj _ _
8 , _ PUNCT _ _ 9 punct _ _
9 Cairo _ PROPN _ _ 11 nsubj _ _
10 , _ PUNCT _ _ 9 punct _ _
11 backs _ VERB _ _ 0 root _ _
12 the _ DET _ _ 13 det _ _
13 plan _ NOUN _ _ 11 obj _ _
14 . _ PUNCT _ _ 11 punct _ _
";

const CAPITAL_AGENT: &str = "
1 Qatar _ PROPN _ _ 2 nsubj _ _
2 backed _ VERB _ _ 0 root _ _
3 a _ DET _ _ 4 det _ _
4 step _ NOUN _ _ 2 obj _ _
5 opposed _ VERB _ _ 4 acl _ _
6 by _ ADP _ _ 7 case _ _
7 Cairo _ PROPN _ _ 5 obl:agent _ _
8 . _ PUNCT _ _ 2 punct _ _
";

const CAPITAL_GIVEN_WEAPONS: &str = "
1 Qatar _ PROPN _ _ 2 nsubj _ _
2 sent _ VERB _ _ 0 root _ _
3 weapons _ NOUN _ _ 2 obj _ _
4 to _ ADP _ _ 5 case _ _
5 Cairo _ PROPN _ _ 2 obl _ _
6 . _ PUNCT _ _ 2 punct _ _
";

const CAPITAL_GAINS: &str = "
1 Qatar _ PROPN _ _ 2 nsubj _ _
2 backed _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 plan _ NOUN _ _ 2 obj _ _
5 , _ PUNCT _ _ 7 punct _ _
6 a _ DET _ _ 7 det _ _
7 first _ NOUN _ _ 4 appos _ _
8 for _ ADP _ _ 9 case _ _
9 Cairo _ PROPN _ _ 7 nmod _ _
10 . _ PUNCT _ _ 2 punct _ _
";

const CAPITAL_LEFT_FOR: &str = "
1 Qatar _ PROPN _ _ 2 nsubj _ _
2 backed _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 plan _ NOUN _ _ 2 obj _ _
5 and _ CCONJ _ _ 6 cc _ _
6 left _ VERB _ _ 2 conj _ _
7 for _ ADP _ _ 8 case _ _
8 Cairo _ PROPN _ _ 6 obl _ _
9 . _ PUNCT _ _ 2 punct _ _
";

const CAPITAL_LONG_ACCUSED: &str = "
1 Cairo _ PROPN _ _ 0 root _ _
2 , _ PUNCT _ _ 4 punct _ _
3 long _ ADV _ _ 4 advmod _ _
4 accused _ VERB _ _ 1 parataxis _ _
5 by _ ADP _ _ 6 case _ _
6 Qatar _ PROPN _ _ 4 obl:agent _ _
7 of _ SCONJ _ _ 8 mark _ _
8 sheltering _ VERB _ _ 4 advcl _ _
9 rebels _ NOUN _ _ 8 obj _ _
10 , _ PUNCT _ _ 11 punct _ _
11 backed _ VERB _ _ 4 parataxis _ _
12 the _ DET _ _ 13 det _ _
13 plan _ NOUN _ _ 11 obj _ _
14 . _ PUNCT _ _ 1 punct _ _
";

const CAPITAL_AFTER_ACCUSE_MISPARSED: &str = "
1 Officials _ NOUN _ _ 2 compound _ _
2 accuse _ NOUN _ _ 0 root _ _
3 Cairo _ PROPN _ _ 2 appos _ _
4 of _ SCONJ _ _ 5 mark _ _
5 arming _ VERB _ _ 3 acl _ _
6 Qatar _ PROPN _ _ 5 obj _ _
7 . _ PUNCT _ _ 2 punct _ _
";

const SEAT_COORDINATED: &str = "
1 Port _ PROPN _ _ 2 compound _ _
2 Lake _ PROPN _ _ 5 nsubj _ _
3 and _ CCONJ _ _ 4 cc _ _
4 Qatar _ PROPN _ _ 2 conj _ _
5 backed _ VERB _ _ 0 root _ _
6 the _ DET _ _ 7 det _ _
7 plan _ NOUN _ _ 5 obj _ _
8 . _ PUNCT _ _ 5 punct _ _
";

const SEAT_PLACE: &str = "
1 Qatar _ PROPN _ _ 2 nsubj _ _
2 backed _ VERB _ _ 0 root _ _
3 talks _ NOUN _ _ 2 obj _ _
4 in _ ADP _ _ 6 case _ _
5 Port _ PROPN _ _ 6 compound _ _
6 Lake _ PROPN _ _ 2 obl _ _
7 . _ PUNCT _ _ 2 punct _ _
";

fn pipeline() -> Pipeline {
    let gaz = Gazetteer::from_toml_str("g.toml", GAZ).unwrap();
    let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_RULES)).unwrap();
    let fixture = Arc::new(Fixture::new(&[
        HOSTS,
        NOT_HOSTS,
        LED_BY_PERSON,
        CAPITAL_BACKS,
        CAPITAL_PLACE,
        TITLE_APPOSITION,
        TITLE_ALONE,
        TITLE_WITHOUT,
        SUPPORT_WITHOUT,
        SUPPORT_WITH,
        CAPITAL_COORDINATED,
        CAPITAL_ACCUSED,
        CAPITAL_DESTINATION,
        CAPITAL_SECOND_SUBJECT,
        CAPITAL_AGENT,
        CAPITAL_GIVEN_WEAPONS,
        CAPITAL_GAINS,
        CAPITAL_LEFT_FOR,
        CAPITAL_LONG_ACCUSED,
        CAPITAL_AFTER_ACCUSE_MISPARSED,
        SEAT_COORDINATED,
        SEAT_PLACE,
    ]));
    let reader = FrameReader::new(Lexicon::embedded().unwrap(), &rules)
        .unwrap()
        .with_parser(fixture);
    PipelineBuilder::new(gaz)
        .rules(rules)
        .frames(reader)
        .build()
}

fn edges(p: &Pipeline, text: &str) -> Vec<(String, String, String, String)> {
    let doc = Document::new("d", text);
    let ex = p.extract(&doc);
    let g = p.gazetteer();
    ex.relations
        .iter()
        .map(|r| {
            (
                g.entity(r.subject).id.clone(),
                r.relation.clone(),
                g.entity(r.object).id.clone(),
                r.evidence.rule.to_string(),
            )
        })
        .collect()
}

#[test]
fn a_frame_reads_what_no_rule_does() {
    let p = pipeline();
    let got = edges(&p, "Egypt, which hosts the Cairo talks, welcomed Qatar.");
    assert_eq!(
        got,
        [(
            "egypt".into(),
            "brokered".into(),
            "cairo-talks".into(),
            "frame:verb:host:active+relative".into()
        )],
        "{got:?}"
    );
}

#[test]
fn negation_keeps_a_frame_from_holding() {
    let p = pipeline();
    let got = edges(
        &p,
        "Egypt, which does not host the Cairo talks, welcomed Qatar.",
    );
    assert!(got.iter().all(|e| e.1 != "brokered"), "{got:?}");
    let doc = Document::new(
        "d",
        "Egypt, which does not host the Cairo talks, welcomed Qatar.",
    );
    let ex = p.extract(&doc);
    let cands = p.frames().unwrap().candidates(
        p.rules().unwrap(),
        &doc,
        &ex,
        p.gazetteer(),
        &NameIndex::new(p.gazetteer()),
    );
    assert!(
        cands
            .iter()
            .any(|c| c.verdict == Err(FrameRejection::Blocked("negation: not".into()))),
        "{cands:?}"
    );
}

#[test]
fn the_shared_accept_rejects_a_wrong_type() {
    let p = pipeline();
    let doc = Document::new("d", "Qatar also led Egypt.");
    let ex = p.extract(&doc);
    assert!(ex.relations.is_empty(), "{:?}", ex.relations);
    let cands = p.frames().unwrap().candidates(
        p.rules().unwrap(),
        &doc,
        &ex,
        p.gazetteer(),
        &NameIndex::new(p.gazetteer()),
    );
    let why: Vec<String> = cands
        .iter()
        .filter_map(|c| c.verdict.as_ref().err())
        .map(|r| r.to_string())
        .collect();
    // `lead` is a frame of `leads` (Person -> Actor) and of `brokered` (Actor -> Event).
    assert!(
        why.iter()
            .any(|w| w.contains("wrong type: the subject must be Person, found Country (qatar)")),
        "{why:?}"
    );
    assert!(
        cands.iter().any(|c| matches!(
            c.verdict,
            Err(FrameRejection::Accept(Rejection::WrongType {
                end: "object",
                ..
            }))
        )),
        "{cands:?}"
    );
}

#[test]
fn frames_of_undeclared_relations_are_not_read() {
    let rules = RuleSet::from_str("r.rules", "relation brokered Actor -> Event\n").unwrap();
    let reader = FrameReader::new(Lexicon::embedded().unwrap(), &rules).unwrap();
    assert!(
        reader.undeclared().iter().any(|r| r == "supports"),
        "{:?}",
        reader.undeclared()
    );
    assert!(!reader.undeclared().iter().any(|r| r == "brokered"));
    let gaz = Gazetteer::from_toml_str("g.toml", GAZ).unwrap();
    let fixture = Arc::new(Fixture::new(&[CAPITAL_BACKS, HOSTS]));
    let p = PipelineBuilder::new(gaz)
        .rules(rules)
        .frames(reader.with_parser(fixture))
        .build();
    assert_eq!(edges(&p, "Officials said Cairo quietly backs Qatar."), []);
    let got = edges(&p, "Egypt, which hosts the Cairo talks, welcomed Qatar.");
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn explain_shows_the_frames_verdict_or_near_miss() {
    let p = pipeline();
    let g = p.gazetteer();
    let (egypt, qatar, talks) = (
        g.get("egypt").unwrap(),
        g.get("qatar").unwrap(),
        g.get("cairo-talks").unwrap(),
    );
    let explain = |text: &str, s, r: &str, o| {
        let doc = Document::new("d", text);
        let ex = p.extract(&doc);
        p.explain_frames(&doc, &ex, s, r, o)
    };
    let lines = explain(
        "Egypt, which hosts the Cairo talks, welcomed Qatar.",
        egypt,
        "brokered",
        talks,
    );
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].1.starts_with(
            "Egypt, which hosts the Cairo talks, welcomed Qatar.\n  frame verb:host fired (template active+relative)\n  parse: 1 egypt PROPN 9 nsubj [Egypt] |"
        ),
        "{lines:?}"
    );
    let lines = explain(
        "Egypt, which does not host the Cairo talks, welcomed Qatar.",
        egypt,
        "brokered",
        talks,
    );
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].1.contains("rejected: blocked (negation: not)"),
        "{lines:?}"
    );
    let lines = explain(
        "Egypt, which hosts the Cairo talks, welcomed Qatar.",
        egypt,
        "supports",
        qatar,
    );
    assert!(
        lines[0].1.contains("no predicate of this relation"),
        "{lines:?}"
    );
}

#[test]
fn a_capital_in_an_actor_argument_stands_for_its_country() {
    let p = pipeline();
    let text = "Officials said Cairo quietly backs Qatar.";
    // The capital is decided before the rules run, so the rules read Egypt
    // too, and the frame's edge is the same one (not added twice).
    let got: Vec<(String, String, String)> = edges(&p, text)
        .into_iter()
        .map(|(s, r, o, _)| (s, r, o))
        .collect();
    assert_eq!(
        got,
        [("egypt".into(), "supports".into(), "qatar".into())],
        "{got:?}"
    );
    // The tagger's output says the same: the mention is Egypt, as a metonym.
    let ex = p.extract(&Document::new("d", text));
    let cairo = ex
        .mentions
        .iter()
        .find(|m| m.text(text) == "Cairo")
        .unwrap();
    assert_eq!(p.gazetteer().entity(cairo.entity.unwrap()).id, "egypt");
    assert_eq!(cairo.kind, kgx::analysis::MentionKind::Metonym);
    // "talks in Cairo" stays a place.
    let text = "Qatar backed talks in Cairo.";
    let ex = p.extract(&Document::new("d", text));
    let cairo = ex
        .mentions
        .iter()
        .find(|m| m.text(text) == "Cairo")
        .unwrap();
    assert_eq!(p.gazetteer().entity(cairo.entity.unwrap()).id, "cairo");
}

#[test]
fn a_capital_stands_for_its_country_by_its_place_in_the_sentence() {
    let p = pipeline();
    // (sentence, what "Cairo" is: the country it stands for, or the city)
    let cases = [
        ("Cairo and Qatar said the talks will resume.", "egypt"),
        ("Qatar accused Cairo of sheltering the rebels.", "egypt"),
        ("Qatar sent envoys to Cairo.", "cairo"),
        (
            "Qatar's team, visiting the capital, Cairo, backs the plan.",
            "cairo",
        ),
        // the agent of a passive
        ("Qatar backed a step opposed by Cairo.", "egypt"),
        // given what set TRANSFER lists (near miss above: "sent envoys to Cairo")
        ("Qatar sent weapons to Cairo.", "egypt"),
        // who gains, after a noun; "left for Cairo" is where to
        ("Qatar backed the plan, a first for Cairo.", "egypt"),
        ("Qatar backed the plan and left for Cairo.", "cairo"),
        // the participle of a verb of set ACTOR_OBJECT hung on the capital
        (
            "Cairo, long accused by Qatar of sheltering rebels, backed the plan.",
            "egypt",
        ),
        // right after such a verb, whatever the parse made of it
        ("Officials accuse Cairo of arming Qatar.", "egypt"),
    ];
    for (text, want) in cases {
        let ex = p.extract(&Document::new("d", text));
        let cairo = ex
            .mentions
            .iter()
            .find(|m| m.text(text) == "Cairo")
            .unwrap_or_else(|| panic!("{text:?}: no Cairo mention"));
        let got = cairo.entity.map(|e| p.gazetteer().entity(e).id.clone());
        assert_eq!(got.as_deref(), Some(want), "{text:?}");
        assert_eq!(
            cairo.kind == kgx::analysis::MentionKind::Metonym,
            want == "egypt",
            "{text:?}: kind {:?}",
            cairo.kind
        );
    }
}

#[test]
fn a_seat_stands_for_the_body_that_lists_it_before_its_country() {
    // Port Lake is Lakeland's capital and Lake Union's seat (its `metonyms`).
    let p = pipeline();
    for (text, want) in [
        ("Port Lake and Qatar backed the plan.", "lake-union"),
        ("Qatar backed talks in Port Lake.", "port-lake"),
    ] {
        let ex = p.extract(&Document::new("d", text));
        let m = ex
            .mentions
            .iter()
            .find(|m| m.text(text) == "Port Lake")
            .unwrap_or_else(|| panic!("{text:?}: no Port Lake mention"));
        let got = m.entity.map(|e| p.gazetteer().entity(e).id.clone());
        assert_eq!(got.as_deref(), Some(want), "{text:?}");
    }
}

#[test]
fn a_title_keeps_the_actors_inside_it() {
    let p = pipeline();
    // The title is the gazetteer's: "Egypt's envoy to Qatar" names Lina Haddad,
    // and Egypt and Qatar inside it stay actors.
    let got = edges(&p, "Lina Haddad, Egypt's envoy to Qatar, arrived.");
    assert_eq!(
        got,
        [(
            "lina-haddad".into(),
            "represents".into(),
            "egypt".into(),
            "frame:noun:envoy:apposition".into()
        )],
        "{got:?}"
    );
    let got = edges(&p, "Egypt's envoy to Qatar arrived.");
    assert_eq!(
        got,
        [(
            "lina-haddad".into(),
            "represents".into(),
            "egypt".into(),
            "frame:noun:envoy:title".into()
        )],
        "{got:?}"
    );
}

#[test]
fn without_before_a_title_does_not_negate_whose_title_it_is() {
    let p = pipeline();
    // "without Egypt's envoy to Qatar": she is still Egypt's envoy.
    let got = edges(&p, "Talks began without Egypt's envoy to Qatar.");
    assert!(
        got.iter()
            .any(|e| e.0 == "lina-haddad" && e.1 == "represents" && e.2 == "egypt"),
        "{got:?}"
    );
    // Near miss: "without Egypt's support for Qatar" is no support; the same
    // phrase with "with" is (the table's control).
    let got = edges(&p, "Talks began without Egypt's support for Qatar.");
    assert!(got.iter().all(|e| e.1 != "supports"), "{got:?}");
    let got = edges(&p, "Talks began with Egypt's support for Qatar.");
    assert!(
        got.iter()
            .any(|e| e.0 == "egypt" && e.1 == "supports" && e.2 == "qatar"),
        "{got:?}"
    );
}

// ------------------------------------------------ a bare title before a person
// The owner of "President Ada Quist" comes from the gazetteer's own titles for
// her, where one of them has the title's head and names exactly one owner.

const TITLED_GAZ: &str = r#"
[[entity]]
type = "Country"
name = "Norland"
demonyms = ["Norlandic"]
[[entity]]
type = "Country"
name = "Westmark"
demonyms = ["Westmarkian"]
[[entity]]
type = "Person"
name = "Ada Quist"
titles = ["President of Norland"]
[[entity]]
type = "Person"
name = "Bram Olde"
titles = ["Westmarkian Prime Minister"]
[[entity]]
type = "Person"
name = "Cora Lind"
country = "norland"
[entity.attributes]
role = "Foreign Minister of Norland"
[[entity]]
type = "Person"
name = "Dov Arn"
titles = ["President of Norland and Westmark"]
[[entity]]
type = "Person"
name = "Eli Brun"
titles = ["President of the Rotary Club"]
[[entity]]
type = "Person"
name = "Finn Hale"
[entity.attributes]
role = "Norlandic chief negotiator until May 2019, then deputy"
[[entity]]
type = "Person"
name = "Gus Tarn"
[entity.attributes]
role = "Norlandic chief negotiator for trade"
"#;

/// "TITLE... First Last arrived ." with the title words before the name.
/// The pipeline of the titled gazetteer with the shipped rules and frames,
/// reading the given parses instead of the model's.
fn titled_pipeline(blocks: &[&str]) -> Pipeline {
    let gaz = Gazetteer::from_toml_str("titled.toml", TITLED_GAZ).unwrap();
    let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_RULES)).unwrap();
    let reader = FrameReader::new(Lexicon::embedded().unwrap(), &rules)
        .unwrap()
        .with_parser(Arc::new(Fixture::new(blocks)));
    PipelineBuilder::new(gaz)
        .rules(rules)
        .frames(reader)
        .build()
}

fn titled_parse(title: &[(&str, &str, &str)], first: &str, last: &str) -> String {
    let n = title.len();
    let name = n + 1;
    let mut out = String::new();
    for (i, (word, upos, label)) in title.iter().enumerate() {
        // the title's last word modifies the name, the others the next word
        let head = if i + 1 == n { name } else { i + 2 };
        out += &format!("{} {word} _ {upos} _ _ {head} {label} _ _\n", i + 1);
    }
    out += &format!("{name} {first} _ PROPN _ _ {} nsubj _ _\n", n + 3);
    out += &format!("{} {last} _ PROPN _ _ {name} flat _ _\n", n + 2);
    out += &format!("{} arrived _ VERB _ _ 0 root _ _\n", n + 3);
    out += &format!("{} . _ PUNCT _ _ {} punct _ _\n", n + 4, n + 3);
    out
}

const OF_A_NOUN: &str = "
1 The _ DET _ _ 2 det _ _
2 cabinet _ NOUN _ _ 7 nsubj _ _
3 of _ ADP _ _ 5 case _ _
4 President _ PROPN _ _ 5 nmod:desc _ _
5 Ada _ PROPN _ _ 2 nmod _ _
6 Quist _ PROPN _ _ 5 flat _ _
7 resigned _ VERB _ _ 0 root _ _
8 . _ PUNCT _ _ 7 punct _ _
";

/// A sentence, its title words (word, UPOS, label), the name, and the edges wanted from the person.
type TitledCase<'a> = (
    &'a str,
    Vec<(&'a str, &'a str, &'a str)>,
    (&'a str, &'a str),
    Vec<(&'a str, &'a str)>,
);

#[test]
fn a_bare_title_takes_its_owner_from_the_gazetteers_titles() {
    let president = ("President", "NOUN", "compound");
    let cases: Vec<TitledCase> = vec![
        // positive: "President of Norland"
        (
            "President Ada Quist arrived.",
            vec![president],
            ("Ada", "Quist"),
            vec![("leads", "norland")],
        ),
        // positive: a demonym form, two-word title ("Westmarkian Prime Minister")
        (
            "Prime Minister Bram Olde arrived.",
            vec![("Prime", "ADJ", "amod"), ("Minister", "NOUN", "compound")],
            ("Bram", "Olde"),
            vec![("leads", "westmark")],
        ),
        // positive: the role attribute, and the frame's own relation (represents)
        (
            "Foreign Minister Cora Lind arrived.",
            vec![("Foreign", "ADJ", "amod"), ("Minister", "NOUN", "compound")],
            ("Cora", "Lind"),
            vec![("represents", "norland")],
        ),
        // near miss: the text's title is not one the gazetteer gives her
        (
            "Chancellor Ada Quist arrived.",
            vec![("Chancellor", "NOUN", "compound")],
            ("Ada", "Quist"),
            vec![],
        ),
        // near miss: the gazetteer's title names two owners
        (
            "President Dov Arn arrived.",
            vec![president],
            ("Dov", "Arn"),
            vec![],
        ),
        // near miss: the gazetteer's title names no owner it knows
        (
            "President Eli Brun arrived.",
            vec![president],
            ("Eli", "Brun"),
            vec![],
        ),
        // the owner stated in the text wins over the gazetteer's
        (
            "Westmarkian President Ada Quist arrived.",
            vec![("Westmarkian", "ADJ", "amod"), president],
            ("Ada", "Quist"),
            vec![("leads", "westmark")],
        ),
        // the frame's `unless:` modifiers still block
        (
            "Former President Ada Quist arrived.",
            vec![("Former", "ADJ", "amod"), president],
            ("Ada", "Quist"),
            vec![],
        ),
    ];
    let mut parses: Vec<String> = cases
        .iter()
        .map(|(_, title, (first, last), _)| titled_parse(title, first, last))
        .collect();
    parses.push(OF_A_NOUN.to_string());
    let blocks: Vec<&str> = parses.iter().map(String::as_str).collect();
    let p = titled_pipeline(&blocks);
    for (text, _, (first, last), want) in &cases {
        let person = format!("{}-{}", first.to_lowercase(), last.to_lowercase());
        let got = edges(&p, text);
        let mut pairs: Vec<(&str, &str)> = got
            .iter()
            .filter(|e| e.0 == person)
            .map(|e| (e.1.as_str(), e.2.as_str()))
            .collect();
        pairs.sort();
        assert_eq!(&pairs, want, "{text}: {got:?}");
        // An owner found in the gazetteer's titles says so in the evidence.
        let from_gazetteer = !text.starts_with("Westmarkian");
        for e in got.iter().filter(|e| e.0 == person) {
            assert_eq!(
                e.3.ends_with(":title+gazetteer-title"),
                from_gazetteer,
                "{text}: {e:?}"
            );
        }
    }
    // "the cabinet of President X": the text names what she heads, so the
    // gazetteer's owner is not looked for.
    let got = edges(&p, "The cabinet of President Ada Quist resigned.");
    assert!(got.iter().all(|e| e.0 != "ada-quist"), "{got:?}");
    // "Former President": the frame held, then the modifier blocked it.
    let doc = Document::new("d", "Former President Ada Quist arrived.");
    let ex = p.extract(&doc);
    let cands = p.frames().unwrap().candidates(
        p.rules().unwrap(),
        &doc,
        &ex,
        p.gazetteer(),
        &NameIndex::new(p.gazetteer()),
    );
    assert!(
        cands.iter().any(|c| c.hit.owner_from_gazetteer
            && c.verdict == Err(FrameRejection::Blocked("modifier: former".into()))),
        "{cands:?}"
    );
}

/// "Ada Quist replaced NAME as chief negotiator ." with NAME's two words.
fn replaced_as(first: &str, last: &str) -> String {
    format!(
        "1 Ada _ PROPN _ _ 3 nsubj _ _
2 Quist _ PROPN _ _ 1 flat _ _
3 replaced _ VERB _ _ 0 root _ _
4 {first} _ PROPN _ _ 3 obj _ _
5 {last} _ PROPN _ _ 4 flat _ _
6 as _ ADP _ _ 8 case _ _
7 chief _ ADJ _ _ 8 amod _ _
8 negotiator _ NOUN _ _ 3 obl _ _
9 . _ PUNCT _ _ 3 punct _ _
"
    )
}

#[test]
fn a_bare_title_in_an_as_phrase_takes_its_owner_from_the_gazetteer() {
    let parses = [replaced_as("Finn", "Hale"), replaced_as("Gus", "Tarn")];
    let blocks: Vec<&str> = parses.iter().map(String::as_str).collect();
    let p = titled_pipeline(&blocks);
    // positive: the role "Norlandic chief negotiator until May 2019, then
    // deputy" has the title's head, a dated note after it not part of it
    let got = edges(&p, "Ada Quist replaced Finn Hale as chief negotiator.");
    assert!(
        got.iter().any(|e| e.0 == "finn-hale"
            && e.1 == "represents"
            && e.2 == "norland"
            && e.3.ends_with(":as+gazetteer-title")),
        "{got:?}"
    );
    // the one replacing him is not the one the as-phrase describes
    assert!(got.iter().all(|e| e.0 != "ada-quist"), "{got:?}");
    // near miss: "chief negotiator for trade" is another title (no dated note)
    let got = edges(&p, "Ada Quist replaced Gus Tarn as chief negotiator.");
    assert!(got.iter().all(|e| e.0 != "gus-tarn"), "{got:?}");
}

/// `kgx explain` on a frame's edge whose end a `stands_for:` clause gives to
/// what it stands for (a ministry's boycott is its country's): asked about
/// the country, the frame fired, as `extract` draws it; asked about the
/// ministry, the frame matched and was given to the country. The sentence
/// does not name the country, so the frame line comes from the edge's ends,
/// not the sentence's mentions. The parse is the shipped model's.
#[test]
fn explain_names_the_frame_of_an_edge_given_to_what_its_end_stands_for() {
    let dir = crate::util::scratch("frames-stands-for");
    std::fs::write(
        dir.join("g.toml"),
        r#"
[[entity]]
id = "karsland"
type = "Country"
name = "Karsland"

[[entity]]
id = "harbour-ministry"
type = "Organization"
subtype = "Ministry"
name = "Ministry of Harbours"
country = "karsland"

[[entity]]
id = "velmora-talks"
type = "Event"
name = "Velmora talks"
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("d.txt"),
        "The Ministry of Harbours boycotted the Velmora talks on Monday.",
    )
    .unwrap();
    let explain = |subject: &str| {
        let args = [
            "explain",
            subject,
            "declined",
            "velmora-talks",
            "--no-default-gazetteer",
            "--gazetteer",
            "g.toml",
            "d.txt",
        ];
        let out = crate::util::kgx(&dir, &args);
        assert!(out.status.success(), "{out:?}");
        crate::util::stdout(&out)
    };
    let country = explain("karsland");
    assert!(
        country.contains("frame verb:boycott fired"),
        "the country's edge, read by the frame:\n{country}"
    );
    let ministry = explain("harbour-ministry");
    assert!(
        ministry.contains(
            "frame verb:boycott matched (template active), given to what it stands for: makes it karsland declined velmora-talks"
        ),
        "the ministry's reading, given to its country:\n{ministry}"
    );
    assert!(!ministry.contains(" fired ("), "{ministry}");
    // Near miss: a ministry the gazetteer gives no country keeps its edge.
    let g = std::fs::read_to_string(dir.join("g.toml")).unwrap();
    std::fs::write(
        dir.join("g.toml"),
        g.replace("country = \"karsland\"\n", ""),
    )
    .unwrap();
    let own = explain("harbour-ministry");
    assert!(own.contains("frame verb:boycott fired"), "{own}");
}
