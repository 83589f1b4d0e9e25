//! The relation-rule loader: raw text, and files built from the rule
//! language's own pieces (so inputs get past the tokeniser into patterns,
//! sets, blockers and implicit objects).
//!
//! Any input either loads or gives errors that each name the file and a line
//! of it (a file that declares no relation is faulted as a whole). Loading is deterministic. A rule set that loads runs on a document
//! whose mentions cover every type without panicking, and every relation it
//! reads is declared, with ends of the declared types.
#![no_main]

use arbitrary::Arbitrary;
use kgx::gazetteer::{Entity, EntityType, Gazetteer};
use kgx::pipeline::Pipeline;
use kgx::relations::RuleSet;
use kgx::Document;
use libfuzzer_sys::fuzz_target;

/// Pieces of the rule language, and words the document below contains.
const PIECES: &[&str] = &[
    "relation",
    "set",
    "modality",
    "rule",
    "unless:",
    "implicit:",
    "obj",
    "like",
    "r1",
    "r2",
    "brokered",
    "meets",
    "NEG",
    "SAID",
    "->",
    "=",
    "|",
    ":",
    "{subj:Actor}",
    "{obj:Event}",
    "{subj:Person}",
    "{obj:Country+}",
    "{Place}",
    "{obj:Organization/Media}",
    "{subj:Any}",
    "{obj:Country|Organization}",
    "Actor",
    "Event",
    "Person",
    "Country",
    "Place",
    "Organization",
    "Organization/Media",
    "Any",
    "(",
    ")",
    "?",
    "*",
    "+",
    "@NEG",
    "@SAID",
    "[gap 0-3]",
    "[words 1-2]",
    "[gap 0-2 no Person said]",
    "[gap 3-1]",
    "<",
    ">",
    "<role:",
    "^",
    "$",
    "!",
    "!said",
    "'s",
    ",",
    ".",
    "said",
    "talks",
    "in",
    "the",
    "met",
    "not",
    "envoy",
    "\"",
    "#",
    "{",
    "}",
    "[",
    "]",
    "{subj:}",
    "{obj:Nope}",
    "9",
    "-",
];

#[derive(Arbitrary, Debug)]
enum Input {
    Raw(String),
    Lines(Vec<Line>),
}

#[derive(Arbitrary, Debug)]
struct Line {
    /// Starts with whitespace: continues the line above.
    continued: bool,
    pieces: Vec<u8>,
}

impl Input {
    fn text(&self) -> String {
        match self {
            Input::Raw(s) => s.clone(),
            Input::Lines(lines) => {
                let mut s = String::new();
                for l in lines {
                    if l.continued {
                        s.push_str("    ");
                    }
                    let words: Vec<&str> = l
                        .pieces
                        .iter()
                        .map(|&p| PIECES[p as usize % PIECES.len()])
                        .collect();
                    s.push_str(&words.join(" "));
                    s.push('\n');
                }
                s
            }
        }
    }
}

fn gazetteer() -> Gazetteer {
    let entity = |t, name: &str| {
        let mut e = Entity::new(t, name);
        if name == "Reuters" {
            e.subtype = Some("Media".into());
        }
        e
    };
    Gazetteer::from_entities(vec![
        entity(EntityType::Country, "Turkey"),
        entity(EntityType::Country, "Russia"),
        entity(EntityType::Person, "Staffan de Mistura"),
        entity(EntityType::Organization, "Reuters"),
        entity(EntityType::Organization, "United Nations"),
        entity(EntityType::Place, "Astana"),
        entity(EntityType::Event, "Astana talks"),
    ])
    .expect("the fuzz gazetteer loads")
}

const TEXT: &str = "Russia and Turkey brokered the Astana talks, said Staffan de Mistura. \
    The envoy told Reuters that Turkey, Russia and the United Nations met in Astana. \
    Russia did not attend. \"Turkey 's envoy\" met de Mistura in Astana.";

fuzz_target!(|input: Input| {
    let text = input.text();
    let lines = text.split('\n').count().max(1);
    let result = RuleSet::from_str("f.rules", &text);
    let again = RuleSet::from_str("f.rules", &text);
    assert_eq!(
        result.as_ref().map(RuleSet::len).map_err(|e| e.to_string()),
        again.as_ref().map(RuleSet::len).map_err(|e| e.to_string()),
        "loading is not deterministic"
    );
    let rules = match result {
        Ok(rules) => rules,
        Err(err) => {
            for e in err.iter() {
                assert_eq!(e.kind(), kgx::ErrorKind::Rules, "{e}");
                let loc = e.location().unwrap_or_else(|| panic!("no location: {e}"));
                assert_eq!(
                    loc.path.as_deref(),
                    Some(std::path::Path::new("f.rules")),
                    "{e}"
                );
                // Only a file with no relation at all is faulted as a whole.
                match loc.line {
                    Some(line) => {
                        assert!(
                            (1..=lines).contains(&line),
                            "line {line} outside 1..={lines}: {e}"
                        )
                    }
                    None => assert!(
                        e.message().contains("no relations declared"),
                        "no line: {e}"
                    ),
                }
                assert!(!e.message().is_empty());
            }
            return;
        }
    };
    let pipeline = Pipeline::with_rules(gazetteer(), rules);
    let ex = pipeline.extract(&Document::new("d", TEXT));
    let rules = pipeline.rules().expect("rules given");
    for r in &ex.relations {
        let decl = rules
            .declaration(&r.relation)
            .unwrap_or_else(|| panic!("undeclared relation {:?}", r.relation));
        let gaz = pipeline.gazetteer();
        assert!(
            decl.from.accepts(gaz.entity(r.subject)),
            "{decl}: subject {r:?}"
        );
        assert!(
            decl.to.accepts(gaz.entity(r.object)),
            "{decl}: object {r:?}"
        );
        assert!(r.evidence.sentence < ex.sentences.len(), "{r:?}");
    }
});
