//! The JSON-lines gazetteer loader: raw text, and lines built from entries,
//! spaCy patterns, blanks and comments.
//!
//! Any input either loads into a consistent gazetteer or gives errors that
//! each name the file and a line of it that is neither blank nor a comment.
//! Built kgx entries that load give exactly one entity each.
#![no_main]

use arbitrary::Arbitrary;
use kgx::gazetteer::GazetteerBuilder;
use kgx_fuzz::{check_load, Entry, Text};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Line {
    Entry(Entry),
    Spacy {
        label: Text,
        pattern: Vec<Text>,
        as_tokens: bool,
        id: Option<Text>,
    },
    Raw(String),
    Blank,
    Comment(String),
}

impl Line {
    fn render(&self) -> String {
        match self {
            Line::Entry(e) => e.json(),
            Line::Spacy {
                label,
                pattern,
                as_tokens,
                id,
            } => {
                let pattern = if *as_tokens {
                    serde_json::Value::Array(
                        pattern
                            .iter()
                            .map(|t| serde_json::json!({ "LOWER": t.render() }))
                            .collect(),
                    )
                } else {
                    serde_json::Value::String(
                        pattern
                            .iter()
                            .map(Text::render)
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                };
                let mut v = serde_json::json!({ "label": label.render(), "pattern": pattern });
                if let Some(id) = id {
                    v["id"] = serde_json::Value::String(id.render());
                }
                v.to_string()
            }
            Line::Raw(s) => s.replace(['\n', '\r'], " "),
            Line::Blank => String::new(),
            Line::Comment(s) => format!("// {}", s.replace(['\n', '\r'], " ")),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Input {
    Raw(String),
    Lines(Vec<Line>),
}

fuzz_target!(|input: Input| {
    let text = match &input {
        Input::Raw(s) => s.clone(),
        Input::Lines(v) => v.iter().map(|l| l.render() + "\n").collect::<String>(),
    };
    let mut b = GazetteerBuilder::new();
    b.add_jsonl_str("f.jsonl", &text);
    let result = b.build();
    check_load("f.jsonl", &text, &result);
    let lines: Vec<&str> = text.lines().collect();
    if let Err(err) = &result {
        for e in err.iter() {
            let line = e.location().and_then(|l| l.line).unwrap();
            // Duplicate ids across lines are reported at the later line, which is an entry.
            let l = lines.get(line - 1).map(|l| l.trim()).unwrap_or("");
            assert!(
                !l.is_empty() && !l.starts_with("//"),
                "error on blank or comment line {line}: {e}"
            );
        }
    }
    if let (Input::Lines(v), Ok(gaz)) = (&input, &result) {
        if v.iter()
            .all(|l| !matches!(l, Line::Spacy { .. } | Line::Raw(_)))
        {
            let n = v.iter().filter(|l| matches!(l, Line::Entry(_))).count();
            assert_eq!(gaz.len(), n, "{text}");
        }
    }
});
