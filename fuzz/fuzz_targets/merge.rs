//! `kgx merge` on hostile partial-graph lines (issue 16).
//!
//! Input: lines that are raw text, or partial graphs built field by field
//! with ids, relation names, labels, types and counts chosen to disagree and
//! overflow (hostile ids, `u64::MAX` counts, the same node with different
//! labels, types and subtypes in different lines, edges to missing nodes).
//! Lines go through [`kgx::merge::fold_partials`], what `kgx merge` runs:
//!
//! - the result is an error exactly when some line, read alone, is bad, and
//!   the error names the first such line;
//! - otherwise the lines folded in order and in reverse give byte-identical
//!   exports in every format (merging does not depend on order), every
//!   node's mention count is the sum of its lines' counts, saturated at
//!   `u64::MAX` (never wrapped), every edge weight is at least 1, and the
//!   JSON-LD export parses.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;

use arbitrary::Arbitrary;
use kgx::merge::fold_partials;
use kgx::export::{to_bytes, ExportOptions, Format};
use kgx::graph::GraphBuilder;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

const IDS: &[&str] = &[
    "russia", "turkey", "astana-talks", "a", "x-1", "Russia", "has space", "", "-lead", "a--b",
    "ü", "</key>", "\"q\"", "a\u{0}b", "e0",
];
const RELATIONS: &[&str] = &[
    "brokered", "co_occurs", "mentions", "weight", "a-b", "", "has space", "x:y", "<r>", "Ünï",
];
const LABELS: &[&str] = &["Russia", "russia", "=cmd()", "", "</key>", "\u{fffe}", "Turkey"];
const TYPES: &[&str] = &["Country", "Person", "Organization", "Place", "Event", "Thing", "country"];
const COUNTS: &[u64] = &[0, 1, 2, u64::MAX / 2, u64::MAX - 1, u64::MAX];

#[derive(Arbitrary, Debug)]
struct PNode {
    id: u8,
    label: u8,
    ty: u8,
    subtype: Option<u8>,
    mentions: u8,
    attribute: Option<(u8, u8)>,
}

#[derive(Arbitrary, Debug)]
struct PEdge {
    subject: u8,
    relation: u8,
    object: u8,
    count: u8,
    evidence: Option<(u8, u16)>,
}

#[derive(Arbitrary, Debug)]
enum Line {
    Raw(String),
    Blank,
    Partial { nodes: Vec<PNode>, edges: Vec<PEdge> },
}

fn pick<T: Copy>(xs: &[T], i: u8) -> T {
    xs[i as usize % xs.len()]
}

impl Line {
    fn text(&self) -> String {
        match self {
            Line::Raw(s) => s.replace('\n', " "),
            Line::Blank => "  ".to_string(),
            Line::Partial { nodes, edges } => {
                let nodes: Vec<Value> = nodes
                    .iter()
                    .map(|n| {
                        let mut v = json!({
                            "id": pick(IDS, n.id), "label": pick(LABELS, n.label),
                            "type": pick(TYPES, n.ty), "mentions": pick(COUNTS, n.mentions),
                            "documents": [pick(IDS, n.label)],
                        });
                        if let Some(s) = n.subtype {
                            v["subtype"] = json!(pick(LABELS, s));
                        }
                        if let Some((k, val)) = n.attribute {
                            v["attributes"] = json!({ pick(RELATIONS, k): pick(LABELS, val) });
                        }
                        v
                    })
                    .collect();
                let edges: Vec<Value> = edges
                    .iter()
                    .map(|e| {
                        let mut v = json!({
                            "subject": pick(IDS, e.subject), "relation": pick(RELATIONS, e.relation),
                            "object": pick(IDS, e.object), "count": pick(COUNTS, e.count),
                        });
                        if let Some((doc, at)) = e.evidence {
                            let at = at as usize;
                            v["evidence"] = json!([{
                                "doc": pick(IDS, doc), "sentence": at % 7, "text": pick(LABELS, doc),
                                "subject_span": [at, at + 1], "object_span": [at + 2, at + 3],
                                "rule": pick(RELATIONS, doc),
                            }]);
                        }
                        v
                    })
                    .collect();
                json!({ "nodes": nodes, "edges": edges }).to_string()
            }
        }
    }
}

fn fold(lines: &[String]) -> kgx::Result<(usize, GraphBuilder)> {
    let mut b = GraphBuilder::new();
    let text = lines.join("\n");
    let n = fold_partials(text.as_bytes(), Path::new("p.jsonl"), &mut b)?;
    Ok((n, b))
}

fuzz_target!(|input: Vec<Line>| {
    if input.len() > 24 {
        return;
    }
    let lines: Vec<String> = input.iter().map(Line::text).collect();
    // Which lines are bad when read alone.
    let first_bad = lines.iter().position(|l| {
        !l.trim().is_empty() && fold(std::slice::from_ref(l)).is_err()
    });
    let result = fold(&lines);
    let (n, forward) = match (result, first_bad) {
        (Err(e), Some(bad)) => {
            let loc = e.location().unwrap_or_else(|| panic!("no location: {e}"));
            assert_eq!(loc.line, Some(bad + 1), "{e}");
            assert!(!e.message().is_empty());
            return;
        }
        (Err(e), None) => panic!("every line is good alone, but: {e}"),
        (Ok(_), Some(bad)) => panic!("line {} is bad alone but was folded", bad + 1),
        (Ok(ok), None) => ok,
    };
    let blank = lines.iter().filter(|l| l.trim().is_empty()).count();
    assert_eq!(n, lines.len() - blank);
    let mut reversed = lines.clone();
    reversed.reverse();
    let (_, backward) = fold(&reversed).expect("the same lines in reverse");

    // Mention counts: the saturated sum per id.
    let mut want: BTreeMap<String, u128> = BTreeMap::new();
    for l in &lines {
        if l.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(l).unwrap();
        for n in v["nodes"].as_array().into_iter().flatten() {
            let id = n["id"].as_str().unwrap().to_string();
            *want.entry(id).or_default() += n["mentions"].as_u64().unwrap_or(0) as u128;
        }
    }
    let (a, b) = (forward.build(), backward.build());
    for n in a.nodes() {
        let sum = want.get(&n.id).copied().unwrap_or(0);
        assert_eq!(n.mentions as u128, sum.min(u64::MAX as u128), "mentions of {}", n.id);
    }
    for (_, _, e) in a.edges() {
        assert!(e.weight >= 1, "{e:?}");
    }
    let opts = ExportOptions::default();
    for f in Format::ALL {
        let (x, y) = (to_bytes(&a, f, &opts), to_bytes(&b, f, &opts));
        assert!(x == y, "{f} export depends on the order of the lines");
        if f == Format::Jsonld {
            serde_json::from_slice::<Value>(&x).expect("JSON-LD parses");
        }
    }
});
