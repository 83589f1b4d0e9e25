//! The demand gate (`kgx::stages::demand`) and stage-major batches
//! (`Pipeline::extract_batch`): both leave every relation as it was.
//!
//! Every document here is written for these tests, over an invented gazetteer
//! with each kind of tie the gate must count as open.

use std::path::Path;
use std::sync::Arc;

use kgx::analysis::{Analysis, Origin, Scratch};
use kgx::frames::{FrameReader, Lexicon};
use kgx::gazetteer::Gazetteer;
use kgx::pipeline::{Pipeline, PipelineBuilder};
use kgx::relations::{RuleSet, DEFAULT_RULES};
use kgx::syntax::Syntax;
use kgx::Document;

use crate::util::{kgx, scratch, stderr};

/// Two plain countries, a country with a capital, a ministry of it, a
/// titled person, and an event whose name names its parties.
const GAZ: &str = r#"
[[entity]]
id = "sylvania"
type = "Country"
name = "Sylvania"
demonyms = ["Sylvanian"]

[[entity]]
id = "marxonia"
type = "Country"
name = "Marxonia"

[[entity]]
id = "freedonia"
type = "Country"
name = "Freedonia"
demonyms = ["Freedonian"]
capital = "fredville"

[[entity]]
id = "fredville"
type = "Place"
name = "Fredville"
country = "freedonia"

[[entity]]
id = "freedonia-mfa"
type = "Organization"
subtype = "Ministry"
name = "Freedonian Foreign Ministry"
country = "freedonia"

[[entity]]
id = "firefly"
type = "Person"
name = "Rufus Firefly"
titles = ["President of Freedonia"]

[[entity]]
id = "talks"
type = "Event"
subtype = "Talks"
name = "Freedonia-Sylvania talks"
"#;

/// The pipeline `kgx extract` builds (shipped rules, frames over the
/// shipped parser), with the demand gate or without.
fn pipeline(demand: bool) -> Pipeline {
    let gaz = Gazetteer::from_toml_str("demand-test.toml", GAZ).expect("test gazetteer");
    let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_RULES))
        .expect("shipped rules");
    let frames = FrameReader::new(Lexicon::embedded().unwrap(), &rules).unwrap();
    let syntax = Arc::new(Syntax::embedded().expect("shipped models"));
    PipelineBuilder::new(gaz)
        .rules(rules)
        .syntax(syntax, false)
        .frames(frames)
        .demand(demand)
        .build()
}

/// Each case: the text, and whether the gate settles it.
const CASES: &[(&str, bool)] = &[
    // One plain country, with pronouns and a description: nothing to join.
    (
        "Sylvania said it would back the plan. Its foreign minister said the country was ready, and it sent a team.",
        true,
    ),
    // The same country twice, by name and demonym.
    ("Sylvanian officials said Sylvania would host the meeting.", true),
    // No entity at all.
    ("The minister said he would attend the meeting on Monday.", true),
    // Two countries: the gate lets it through.
    ("Sylvania backs Marxonia in the dispute, the ministry said.", false),
    ("Marxonia said it opposes Sylvania. It accused Sylvania of lying.", false),
    // A capital alone: it may stand for its state.
    ("Fredville backs the plan. It said so on Monday.", false),
    // A capital and a plain country: the capital stands for Freedonia.
    ("Fredville backs Sylvania, officials said.", false),
    // A ministry alone: a relation may put its country in its place.
    ("The Freedonian Foreign Ministry said it would send a delegation.", false),
    // A titled person alone: the title names its owner.
    ("Rufus Firefly said he would not resign.", false),
    // An event alone: its name names its parties, who attend it.
    ("The Freedonia-Sylvania talks opened on Monday in a hotel.", false),
];

fn relations(a: &Analysis) -> Vec<String> {
    a.relations.iter().map(|r| format!("{r:?}")).collect()
}

#[test]
fn the_gate_settles_only_documents_no_relation_can_come_of() {
    let (gated, full) = (pipeline(true), pipeline(false));
    for (i, (text, settled)) in CASES.iter().enumerate() {
        let doc = Document::new(format!("d{i}"), *text);
        let (g, f) = (gated.extract(&doc), full.extract(&doc));
        assert_eq!(g.settled, *settled, "{text}");
        assert!(!f.settled, "{text}: no gate, nothing settled");
        assert_eq!(relations(&g), relations(&f), "{text}");
        if *settled {
            // Nothing after resolution ran.
            assert!(
                g.links.is_empty() && g.syntax.iter().all(Option::is_none),
                "{text}"
            );
            assert!(
                g.mentions.iter().all(|m| m.origin != Origin::Coreference),
                "{text}"
            );
            assert!(f.relations.is_empty(), "{text}");
        }
    }
}

#[test]
fn an_event_named_alone_yields_its_parties_through_the_gate() {
    // One entity is named, yet relations come of it: an event is open.
    let doc = Document::new(
        "e",
        "The Freedonia-Sylvania talks opened on Monday in a hotel.",
    );
    let a = pipeline(true).extract(&doc);
    let named: std::collections::BTreeSet<_> = a.mentions.iter().filter_map(|m| m.entity).collect();
    assert_eq!(named.len(), 1, "{:?}", a.mentions);
    assert!(!a.settled);
    assert!(
        a.relations
            .iter()
            .filter(|r| r.relation == "attends")
            .count()
            >= 2,
        "{:?}",
        a.relations
    );
}

#[test]
fn a_pronoun_that_ends_a_relation_is_read_through_the_gate() {
    // "it" is Marxonia: the document names two entities, so coreference runs.
    let text = "Marxonia has a new government. It backs Sylvania in the dispute.";
    let (g, f) = (
        pipeline(true).extract(&Document::new("p", text)),
        pipeline(false).extract(&Document::new("p", text)),
    );
    assert!(!g.settled);
    assert_eq!(relations(&g), relations(&f));
    assert!(
        g.relations
            .iter()
            .any(|r| !r.evidence.subject_chain.is_empty()),
        "a relation through the pronoun: {:?}",
        g.relations
    );
}

#[test]
fn a_batch_is_analysed_as_each_document_alone() {
    let p = pipeline(true);
    let docs: Vec<Document> = CASES
        .iter()
        .enumerate()
        .map(|(i, (t, _))| Document::new(format!("d{i}"), *t))
        .collect();
    let refs: Vec<&Document> = docs.iter().collect();
    // Twice over, so that the scratch space carries from one batch to the next.
    let mut scratch = Scratch::new();
    for _ in 0..2 {
        let batch = p.extract_batch(&refs, &mut scratch);
        assert_eq!(batch.len(), docs.len());
        for (doc, b) in docs.iter().zip(&batch) {
            let alone = p.extract(doc);
            assert_eq!(
                format!("{:?}", b.mentions),
                format!("{:?}", alone.mentions),
                "{}",
                doc.text
            );
            assert_eq!(b.links, alone.links, "{}", doc.text);
            assert_eq!(b.syntax, alone.syntax, "{}", doc.text);
            assert_eq!(relations(b), relations(&alone), "{}", doc.text);
            assert_eq!(b.settled, alone.settled, "{}", doc.text);
        }
    }
}

#[test]
fn the_summary_says_where_coreference_was_not_looked_for() {
    let dir = scratch("demand-summary");
    std::fs::write(dir.join("g.toml"), GAZ).unwrap();
    std::fs::write(dir.join("one.txt"), CASES[0].0).unwrap();
    std::fs::write(dir.join("two.txt"), CASES[4].0).unwrap();
    let run = |format: &str| {
        let o = kgx(
            &dir,
            &[
                "extract",
                "--gazetteer",
                "g.toml",
                "--format",
                format,
                "--no-render",
                "--out",
                "out",
                "one.txt",
                "two.txt",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        stderr(&o)
    };
    // Graph exports only: the one-country document is settled.
    let graphml = run("graphml");
    let line = graphml
        .lines()
        .find(|l| l.contains("coreference:"))
        .expect("a coreference line");
    assert!(
        line.contains("looked for in the 1 documents a relation can come of, not in the other 1:"),
        "{line}"
    );
    // With the HTML report, coreference runs everywhere (its document views
    // mark pronouns), and the line says nothing of the kind.
    let html = run("html");
    let line = html
        .lines()
        .find(|l| l.contains("coreference:"))
        .expect("a coreference line");
    assert!(!line.contains("not in the other"), "{line}");
}

#[test]
fn a_settled_document_splits_no_sentences_unless_one_may_be_too_long() {
    let p = pipeline(true);
    let short = p.extract(&Document::new("s", CASES[0].0));
    assert!(short.settled && !short.has_sentences() && short.sentences.is_empty());
    // Asked for, they are the sentences the document would have had.
    let made = short.sentences_of(CASES[0].0);
    assert_eq!(made.len(), 2);
    assert_eq!(
        &*made,
        &pipeline(false)
            .extract(&Document::new("s", CASES[0].0))
            .sentences[..]
    );
    // A passing document has them from the first stage that reads them.
    let passing = p.extract(&Document::new("p", CASES[3].0));
    assert!(!passing.settled && passing.has_sentences() && passing.sentences.len() == 1);
    // Longer than the longest readable sentence (16 KiB), settled: made, so
    // that the summary can count the sentence left unread.
    let long = format!("Sylvania said {}. It left.", "word ".repeat(4000));
    let a = p.extract(&Document::new("l", long.as_str()));
    assert!(a.settled && a.has_sentences());
    let over = |a: &Analysis| {
        a.sentences
            .iter()
            .filter(|s| s.len() > kgx::pipeline::MAX_SENTENCE_BYTES)
            .count()
    };
    assert_eq!(over(&a), 1);
    assert_eq!(
        over(&a),
        over(&pipeline(false).extract(&Document::new("l", long.as_str())))
    );
}
