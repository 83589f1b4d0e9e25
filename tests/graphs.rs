//! Shared helpers of the export tests: the test graphs and what a client
//! should read back from an export of them.
#![allow(dead_code)]

use std::path::PathBuf;

use kgx::gazetteer::EntityType;
use kgx::graph::{EdgeData, Evidence, GraphBuilder, KnowledgeGraph, Node};
use serde_json::{json, Value};

fn ev(doc: &str, sentence: usize, text: &str, rule: &str) -> Evidence {
    Evidence::new(doc, sentence, text, rule, (0, 6), (20, 32)).with_trigger(Some((7, 15)))
}

fn node(
    id: &str,
    label: &str,
    t: EntityType,
    subtype: Option<&str>,
    doc: &str,
    mentions: u64,
) -> Node {
    let mut n = Node::new(id, label, t).with_mentions(doc, mentions);
    n.subtype = subtype.map(str::to_string);
    n
}

/// Three nodes, two parallel edges of different relations, one represents edge.
pub fn small_graph() -> KnowledgeGraph {
    let mut b = GraphBuilder::new();
    b.add_node(node(
        "russia",
        "Russia",
        EntityType::Country,
        None,
        "doc1",
        3,
    ));
    b.add_node(node(
        "astana-talks",
        "Astana talks",
        EntityType::Event,
        None,
        "doc1",
        2,
    ));
    let mut lavrov = node(
        "sergey-lavrov",
        "Sergey Lavrov",
        EntityType::Person,
        None,
        "doc2",
        1,
    );
    lavrov.aliases_seen.insert("Lavrov".into());
    b.add_node(lavrov);
    b.add_edge(
        "russia",
        "brokered",
        "astana-talks",
        EdgeData::from_evidence(
            ev(
                "doc1",
                0,
                "Russia brokered the Astana talks.",
                "brokered-active",
            ),
            None,
            None,
        ),
    );
    b.add_edge(
        "russia",
        "attends",
        "astana-talks",
        EdgeData::from_evidence(
            ev(
                "doc1",
                2,
                "Russia is in Astana for the talks.",
                "attends-in",
            ),
            None,
            None,
        ),
    );
    b.add_edge(
        "sergey-lavrov",
        "represents",
        "russia",
        EdgeData::from_evidence(
            ev(
                "doc2",
                1,
                "Foreign Minister Sergey Lavrov said...",
                "role-title",
            ),
            Some("Foreign Minister".into()),
            Some("reported".into()),
        ),
    );
    b.build()
}

/// Everything that has broken an exporter somewhere: quotes, ampersands,
/// backslashes (also trailing), angle brackets, apostrophes, `</key>`,
/// `"]; digraph {`, `"@context"`, NUL, U+2028, non-ASCII, ids that are DOT
/// keywords, parallel edges, an isolated node, a self-loop, an edge without
/// evidence, free attributes.
pub fn awkward_graph() -> KnowledgeGraph {
    let mut b = GraphBuilder::new();
    b.add_node(node(
        "node",
        "The \"node\" & <co> 'n' \\",
        EntityType::Person,
        None,
        "d&1",
        1,
    ));
    b.add_node(node(
        "Graph",
        "</key>",
        EntityType::Organization,
        Some("Media"),
        "d<2>",
        2,
    ));
    b.add_node(node(
        "strict",
        "\"]; digraph {\r\n}",
        EntityType::Event,
        None,
        "d1",
        1,
    ));
    b.add_node(node("russia", "Russia", EntityType::Country, None, "d1", 5));
    b.add_node(node(
        "astana-talks",
        "Astana talks",
        EntityType::Event,
        None,
        "d1",
        4,
    ));
    let mut erdogan = node(
        "recep-tayyip-erdogan",
        "Recep Tayyip Erdoğan",
        EntityType::Person,
        None,
        "d1",
        2,
    );
    erdogan.aliases_seen.extend([
        "Erdoğan".to_string(),
        "\"@context\"".to_string(),
        "a|b,c".to_string(),
    ]);
    b.add_node(erdogan);
    b.add_node(node(
        "backslash",
        "C:\\path\\",
        EntityType::Organization,
        Some("Government"),
        "d1",
        1,
    ));
    b.add_node(node(
        "nul",
        "nul\u{0}byte\u{2028}line\u{7}",
        EntityType::Place,
        Some("City"),
        "d1",
        1,
    ));
    let mut lonely = node(
        "lonely",
        "Lonely O'Brien",
        EntityType::Person,
        None,
        "d\"3",
        1,
    );
    lonely.attributes.insert("wikidata".into(), "Q1".into());
    lonely
        .attributes
        .insert("note".into(), "a, \"b\" | c\nd".into());
    b.add_node(lonely);
    let hard = "He said \"yes\" & <no>\r\nthen \\left\\ </key> \"]; digraph { \"@context\" \u{0} \u{2028} Erdoğan\\";
    b.add_edge(
        "russia",
        "brokered",
        "astana-talks",
        EdgeData::from_evidence(ev("d1", 0, hard, "r&1"), None, None),
    );
    b.add_edge(
        "russia",
        "attends",
        "astana-talks",
        EdgeData::from_evidence(
            ev("d1", 1, "Russia attends.", "attends-in"),
            None,
            Some("future".into()),
        ),
    );
    b.add_edge(
        "recep-tayyip-erdogan",
        "leads",
        "Graph",
        EdgeData::from_evidence(
            ev("d1", 2, "Erdoğan leads </key>.", "leads"),
            Some("Foreign \"Minister\"".into()),
            None,
        ),
    );
    b.add_edge(
        "node",
        "spoke_to",
        "Graph",
        EdgeData::from_evidence(ev("d<2>", 0, "\\", "spoke"), None, None),
    );
    b.add_edge(
        "backslash",
        "supports",
        "backslash",
        EdgeData::from_evidence(ev("d1", 3, "itself\\", "self"), None, None),
    );
    b.add_edge(
        "strict",
        "held_in",
        "nul",
        EdgeData::from_evidence(ev("d1", 4, "'quoted'", "held"), None, None),
    );
    b.add_edge(
        "nul",
        "co_occurs",
        "russia",
        EdgeData {
            count: 3,
            ..EdgeData::default()
        },
    );
    b.build()
}

/// A deterministic pseudo-random graph of 60 nodes and ~200 edges.
pub fn medium_graph() -> KnowledgeGraph {
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let types = EntityType::ALL;
    let relations = [
        "brokered",
        "attends",
        "observes",
        "represents",
        "supports",
        "opposes",
        "held_in",
    ];
    let mut b = GraphBuilder::new();
    let ids: Vec<String> = (0..60).map(|i| format!("entity-{i:02}")).collect();
    for (i, id) in ids.iter().enumerate() {
        let t = types[i % types.len()];
        let sub = if i % 7 == 0 { Some("City") } else { None };
        b.add_node(node(
            id,
            &format!("Entity {i} ({t})"),
            t,
            sub,
            &format!("doc{}", i % 5),
            1 + next(9),
        ));
    }
    for k in 0..220 {
        let s = &ids[next(60) as usize];
        let o = &ids[next(60) as usize];
        let r = relations[next(relations.len() as u64) as usize];
        let doc = format!("doc{}", next(5));
        let text = format!("Sentence {k} says {s} {r} {o}.");
        b.add_edge(
            s,
            r,
            o,
            EdgeData::from_evidence(ev(&doc, next(30) as usize, &text, r), None, None),
        );
    }
    b.build()
}

/// A string as every kgx export writes it (C0 controls but tab/LF/CR → U+FFFD).
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}') {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// What a client should read: `{"nodes": {id: {"label", "type"}}, "edges": [[s, relation, o, weight]...]}`
/// with edges sorted; `label` as written (see [`sanitize`]), CR dropped when `drop_cr`.
pub fn summary(graph: &KnowledgeGraph, drop_cr: bool) -> Value {
    let fix = |s: &str| {
        let s = sanitize(s);
        if drop_cr {
            s.replace('\r', "")
        } else {
            s
        }
    };
    let mut nodes = serde_json::Map::new();
    for n in graph.nodes() {
        nodes.insert(
            n.id.clone(),
            json!({ "label": fix(&n.label), "type": n.entity_type.as_str() }),
        );
    }
    let mut edges: Vec<Value> = graph
        .edges()
        .map(|(s, o, e)| json!([s.id, e.relation, o.id, e.weight as f64]))
        .collect();
    edges.sort_by_key(|v| v.to_string());
    json!({ "nodes": nodes, "edges": edges })
}

/// Normalise a checker's summary: edges sorted, weights as floats.
pub fn normalise(mut v: Value) -> Value {
    if let Some(edges) = v.get_mut("edges").and_then(Value::as_array_mut) {
        for e in edges.iter_mut() {
            if let Some(w) = e.get(3).and_then(Value::as_f64) {
                e[3] = json!(w);
            }
        }
        edges.sort_by_key(|v| v.to_string());
    }
    v
}

/// A fresh empty temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kgx-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// RFC 4180 reader (quoted fields may hold commas, quotes and line breaks),
/// enough for the round trips of the export and hostile-input tests.
pub fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && row.is_empty(),
        "file ends with a record end"
    );
    rows
}
