//! Exporter tests: golden files, parse-back round trips, determinism, the
//! awkward graph, and the all-or-nothing file writing.
//!
//! Regenerate the golden files with `KGX_BLESS=1 cargo test --test export`.

use std::collections::BTreeMap;
use std::fs;

use kgx::export::{self, check_output_dir, to_bytes, write_exports, ExportOptions, Format};
use kgx::graph::KnowledgeGraph;
use kgx::ErrorKind;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde_json::{json, Value};

use crate::graphs::{awkward_graph, medium_graph, parse_csv, sanitize, small_graph, temp_dir};

fn opts() -> ExportOptions {
    ExportOptions::default()
}

fn text(graph: &KnowledgeGraph, format: Format) -> String {
    String::from_utf8(to_bytes(graph, format, &opts())).expect("exports are UTF-8")
}

// ---------------------------------------------------------------- golden files

fn golden(format: Format) {
    let got = text(&small_graph(), format);
    let path = crate::graphs::root()
        .join("tests/golden")
        .join(format!("small.{format}"));
    if std::env::var_os("KGX_BLESS").is_some() {
        fs::write(&path, &got).unwrap();
        return;
    }
    let want = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run KGX_BLESS=1 cargo test --test export)",
            path.display()
        )
    });
    assert!(
        got == want,
        "{format} export differs from {} (KGX_BLESS=1 to accept):\n{got}",
        path.display()
    );
}

#[test]
fn golden_graphml() {
    golden(Format::Graphml);
}

#[test]
fn golden_gexf() {
    golden(Format::Gexf);
}

#[test]
fn golden_dot() {
    golden(Format::Dot);
}

#[test]
fn golden_jsonld() {
    golden(Format::Jsonld);
}

#[test]
fn golden_csv() {
    golden(Format::Csv);
}

// ---------------------------------------------------------------- determinism

#[test]
fn every_format_is_deterministic() {
    for format in Format::ALL {
        for (name, g) in [
            ("awkward", awkward_graph as fn() -> KnowledgeGraph),
            ("medium", medium_graph),
        ] {
            assert_eq!(
                text(&g(), format),
                text(&g(), format),
                "{format} of the {name} graph"
            );
        }
    }
}

// ---------------------------------------------------------------- XML parse-back

/// Elements of an XML document as (name, attributes, text of its direct text children).
#[derive(Debug, Default, Clone)]
struct Elem {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    children: Vec<Elem>,
}

fn attrs_of(e: &BytesStart) -> BTreeMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            (
                String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                a.unescape_value().expect("escaped").into_owned(),
            )
        })
        .collect()
}

fn parse_xml(xml: &str) -> Elem {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Elem::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(Elem {
                name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                attrs: attrs_of(&e),
                ..Elem::default()
            }),
            Event::Empty(e) => {
                let el = Elem {
                    name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                    attrs: attrs_of(&e),
                    ..Elem::default()
                };
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.unescape().expect("escaped text")),
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack
        .pop()
        .unwrap()
        .children
        .into_iter()
        .next()
        .expect("a root element")
}

impl Elem {
    fn all(&self, name: &str) -> Vec<&Elem> {
        let mut out = Vec::new();
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            out.extend(c.all(name));
        }
        out
    }
}

fn json_of(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON: {s:?}: {e}"))
}

/// What the list encoding must give back for a node.
fn expected_node(n: &kgx::graph::Node) -> BTreeMap<&'static str, Value> {
    let list = |it: &std::collections::BTreeSet<String>| {
        json!(it.iter().map(|s| sanitize(s)).collect::<Vec<_>>())
    };
    BTreeMap::from([
        ("label", json!(sanitize(&n.label))),
        ("type", json!(n.entity_type.as_str())),
        ("mentions", json!(n.mentions.to_string())),
        ("documents", list(&n.documents)),
        ("aliases_seen", list(&n.aliases_seen)),
        (
            "attributes",
            json!(n
                .attributes
                .iter()
                .map(|(k, v)| (sanitize(k), json!(sanitize(v))))
                .collect::<serde_json::Map<_, _>>()),
        ),
    ])
}

/// What the list encoding must give back for an edge's evidence.
fn expected_evidence(e: &kgx::graph::Edge) -> Value {
    Value::Array(
        e.data
            .evidence
            .iter()
            .map(|ev| {
                json!({
                    "doc": sanitize(&ev.doc), "sentence": ev.sentence, "text": sanitize(&ev.text),
                    "subject_span": [ev.subject_span.0, ev.subject_span.1],
                    "object_span": [ev.object_span.0, ev.object_span.1],
                    "trigger_span": ev.trigger_span.map(|(a, b)| vec![a, b]),
                    "rule": sanitize(&ev.rule),
                })
            })
            .collect(),
    )
}

fn graphml_round_trip(graph: &KnowledgeGraph, gephi_edge_label: bool) {
    let o = ExportOptions {
        gephi_edge_label,
        ..opts()
    };
    let xml = String::from_utf8(to_bytes(graph, Format::Graphml, &o)).unwrap();
    let root = parse_xml(&xml);
    assert_eq!(root.name, "graphml");
    let keys: BTreeMap<String, String> = root
        .all("key")
        .iter()
        .map(|k| (k.attrs["id"].clone(), k.attrs["for"].clone()))
        .collect();
    for k in root.all("key") {
        assert_eq!(k.attrs["id"], k.attrs["attr.name"], "key id == attr.name");
    }
    let nodes = root.all("node");
    assert_eq!(nodes.len(), graph.node_count());
    for (n, el) in graph.nodes().zip(&nodes) {
        assert_eq!(el.attrs["id"], n.id);
        let data: BTreeMap<&str, &str> = el
            .all("data")
            .iter()
            .map(|d| (d.attrs["key"].as_str(), d.text.as_str()))
            .collect();
        for (key, want) in expected_node(n) {
            let got = data
                .get(key)
                .unwrap_or_else(|| panic!("node {} has no {key}", n.id));
            assert_eq!(keys[key], "node");
            let got = if want.is_string() {
                json!(got)
            } else {
                json_of(got)
            };
            assert_eq!(got, want, "node {} key {key}", n.id);
        }
        assert_eq!(
            data.get("subtype").copied(),
            n.subtype.as_deref(),
            "node {} subtype",
            n.id
        );
    }
    let edges = root.all("edge");
    assert_eq!(edges.len(), graph.edge_count());
    for (i, ((s, o, e), el)) in graph.edges().zip(&edges).enumerate() {
        assert_eq!(el.attrs["id"], format!("e{i}"));
        assert_eq!(
            (el.attrs["source"].as_str(), el.attrs["target"].as_str()),
            (s.id.as_str(), o.id.as_str())
        );
        assert_eq!(
            el.attrs.get("label").map(String::as_str),
            gephi_edge_label.then_some(e.relation.as_str())
        );
        let data: BTreeMap<&str, &str> = el
            .all("data")
            .iter()
            .map(|d| (d.attrs["key"].as_str(), d.text.as_str()))
            .collect();
        assert_eq!(data["relation"], e.relation);
        assert_eq!(data["edgelabel"], e.relation);
        assert_eq!(data["weight"].parse::<f64>().unwrap(), e.weight as f64);
        assert!(e.weight > 0);
        assert_eq!(
            json_of(data["edge_documents"]),
            json!(e.documents.iter().map(|s| sanitize(s)).collect::<Vec<_>>())
        );
        assert_eq!(
            json_of(data["roles"]),
            json!(e.data.roles.iter().map(|s| sanitize(s)).collect::<Vec<_>>())
        );
        assert_eq!(json_of(data["modalities"]), json!(e.data.modalities));
        assert_eq!(
            json_of(data["evidence"]),
            expected_evidence(e),
            "evidence of e{i}"
        );
        assert_eq!(data["count"], e.data.count.to_string());
        for key in data.keys() {
            assert_eq!(keys[*key], "edge", "edge data {key} uses an edge key");
        }
    }
    // nodes before edges
    let first_edge = xml.find("<edge ").unwrap_or(xml.len());
    assert!(
        xml.rfind("<node ").unwrap_or(0) < first_edge,
        "all nodes come before the edges"
    );
}

#[test]
fn graphml_round_trip_awkward_and_medium() {
    for flag in [true, false] {
        graphml_round_trip(&awkward_graph(), flag);
        graphml_round_trip(&small_graph(), flag);
        graphml_round_trip(&medium_graph(), flag);
    }
}

#[test]
fn gephi_edge_label_defaults_on() {
    assert!(ExportOptions::default().gephi_edge_label);
    let xml = text(&small_graph(), Format::Graphml);
    assert!(
        xml.contains(r#"<edge id="e0" source="russia" target="astana-talks" label="attends">"#),
        "{xml}"
    );
}

fn gexf_round_trip(graph: &KnowledgeGraph) {
    let root = parse_xml(&text(graph, Format::Gexf));
    assert_eq!(root.name, "gexf");
    assert_eq!(root.attrs["version"], "1.3");
    assert_eq!(root.attrs["xmlns:viz"], "http://gexf.net/1.3/viz");
    for a in root.all("attribute") {
        assert_eq!(a.attrs["id"], a.attrs["title"]);
    }
    let nodes = root.all("node");
    assert_eq!(nodes.len(), graph.node_count());
    for (n, el) in graph.nodes().zip(&nodes) {
        assert_eq!(el.attrs["id"], n.id);
        let mut values: BTreeMap<&str, &str> = el
            .all("attvalue")
            .iter()
            .map(|d| (d.attrs["for"].as_str(), d.attrs["value"].as_str()))
            .collect();
        values.insert("label", &el.attrs["label"]);
        for (key, want) in expected_node(n) {
            let got = values[key];
            let got = if want.is_string() {
                json!(got)
            } else {
                json_of(got)
            };
            assert_eq!(got, want, "node {} attribute {key}", n.id);
        }
        assert_eq!(el.all("viz:color").len(), 1);
        assert_eq!(el.all("viz:size").len(), 1);
    }
    let edges = root.all("edge");
    assert_eq!(edges.len(), graph.edge_count());
    for ((s, o, e), el) in graph.edges().zip(&edges) {
        assert_eq!(
            (el.attrs["source"].as_str(), el.attrs["target"].as_str()),
            (s.id.as_str(), o.id.as_str())
        );
        assert_eq!(el.attrs["kind"], e.relation);
        assert_eq!(el.attrs["label"], e.relation);
        assert_eq!(el.attrs["weight"].parse::<f64>().unwrap(), e.weight as f64);
        let values: BTreeMap<&str, &str> = el
            .all("attvalue")
            .iter()
            .map(|d| (d.attrs["for"].as_str(), d.attrs["value"].as_str()))
            .collect();
        assert_eq!(json_of(values["evidence"]), expected_evidence(e));
        assert_eq!(
            json_of(values["roles"]),
            json!(e.data.roles.iter().map(|s| sanitize(s)).collect::<Vec<_>>())
        );
    }
}

#[test]
fn gexf_round_trip_awkward_and_medium() {
    gexf_round_trip(&awkward_graph());
    gexf_round_trip(&medium_graph());
}

#[test]
fn xml_carries_no_character_xml_1_0_forbids() {
    for format in [Format::Graphml, Format::Gexf] {
        let xml = text(&awkward_graph(), format);
        let bad = xml
            .chars()
            .find(|&c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}'));
        assert_eq!(bad, None, "{format}");
        assert!(
            xml.contains("nul\u{FFFD}byte&#8232;line\u{FFFD}"),
            "{format}: NUL and BEL become U+FFFD, U+2028 a reference"
        );
        assert!(
            xml.contains("&#13;&#10;"),
            "{format}: CR LF survive as character references"
        );
    }
}

// ---------------------------------------------------------------- DOT

type Attrs = BTreeMap<String, String>;
type DotNode = (String, Attrs);
type DotEdge = (String, String, Attrs);

/// A tiny DOT reader for what kgx writes: quoted ids, `[k="v", ...]` lists, `+` concatenation.
fn parse_dot(dot: &str) -> (Vec<DotNode>, Vec<DotEdge>) {
    fn quoted(s: &[char], i: &mut usize) -> String {
        let mut out = String::new();
        loop {
            assert_eq!(s[*i], '"', "quoted string expected at {}", *i);
            *i += 1;
            while s[*i] != '"' {
                if s[*i] == '\\' {
                    *i += 1;
                    out.push(match s[*i] {
                        'n' => '\n',
                        c => c,
                    });
                } else {
                    out.push(s[*i]);
                }
                *i += 1;
            }
            *i += 1;
            let rest: String = s[*i..(*i + 4).min(s.len())].iter().collect();
            if rest.starts_with(" + \"") {
                *i += 3;
            } else {
                return out;
            }
        }
    }
    fn attr_list(s: &[char], i: &mut usize) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        assert_eq!(s[*i], '[');
        *i += 1;
        while s[*i] != ']' {
            while s[*i] == ' ' || s[*i] == ',' {
                *i += 1;
            }
            let start = *i;
            while s[*i] != '=' {
                *i += 1;
            }
            let key: String = s[start..*i].iter().collect();
            *i += 1;
            let v = quoted(s, i);
            m.insert(key, v);
        }
        *i += 1;
        m
    }
    let s: Vec<char> = dot.chars().collect();
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    for (start, line) in dot.lines().scan(0, |pos, l| {
        let p = *pos;
        *pos += l.chars().count() + 1;
        Some((p, l))
    }) {
        let t = line.trim_start();
        if !t.starts_with('"') {
            continue;
        }
        let mut i = start + (line.chars().count() - t.chars().count());
        let a = quoted(&s, &mut i);
        if s[i..].starts_with(&[' ', '-', '>']) {
            i += 4;
            let b = quoted(&s, &mut i);
            i += 1;
            edges.push((a, b, attr_list(&s, &mut i)));
        } else {
            i += 1;
            nodes.push((a, attr_list(&s, &mut i)));
        }
    }
    (nodes, edges)
}

#[test]
fn dot_round_trip_awkward_and_medium() {
    for graph in [awkward_graph(), medium_graph()] {
        let dot = text(&graph, Format::Dot);
        assert!(
            dot.starts_with("// kgx")
                && dot.contains("digraph \"kgx\" {")
                && dot.contains("charset=\"UTF-8\"")
        );
        let (nodes, edges) = parse_dot(&dot);
        let want: Vec<_> = graph.nodes().collect();
        assert_eq!(nodes.len(), want.len());
        for (n, (id, attrs)) in want.iter().zip(&nodes) {
            assert_eq!(id, &n.id);
            assert_eq!(
                attrs["label"],
                sanitize(&n.label).replace('\r', ""),
                "label of {}",
                n.id
            );
            assert_eq!(attrs["type"], n.entity_type.as_str());
            assert_eq!(attrs["mentions"], n.mentions.to_string());
        }
        assert_eq!(edges.len(), graph.edge_count());
        for ((s, o, e), (a, b, attrs)) in graph.edges().zip(&edges) {
            assert_eq!((a, b), (&s.id, &o.id));
            assert_eq!(attrs["label"], e.relation);
            assert_eq!(attrs["weight"], e.weight.to_string());
            assert_eq!(attrs["evidence_count"], e.data.evidence.len().to_string());
            // JSON text escapes CR itself, so only raw CRs (in labels) are dropped
            assert_eq!(json_of(&attrs["evidence"]), expected_evidence(e));
        }
    }
}

#[test]
fn dot_keyword_ids_are_quoted() {
    let dot = text(&awkward_graph(), Format::Dot);
    for id in ["node", "Graph", "strict"] {
        assert!(dot.contains(&format!("\n  \"{id}\" [")), "{id} is quoted");
    }
    assert!(
        dot.contains(r#"label="C:\\path\\""#),
        "trailing backslash doubled"
    );
    assert!(!dot.contains('\r'), "CR dropped");
}

#[test]
fn dot_splits_values_longer_than_graphviz_takes() {
    use kgx::gazetteer::EntityType;
    use kgx::graph::{GraphBuilder, Node};
    let mut b = GraphBuilder::new();
    b.add_node(Node::new("long", &"\"x\\".repeat(9000), EntityType::Event));
    let dot = text(&b.build(), Format::Dot);
    assert!(dot.contains("\" + \""), "long label split");
    let (nodes, _) = parse_dot(&dot);
    assert_eq!(nodes[0].1["label"], "\"x\\".repeat(9000));
}

// ---------------------------------------------------------------- JSON-LD

#[test]
fn jsonld_shape_awkward_and_medium() {
    for graph in [awkward_graph(), medium_graph(), small_graph()] {
        let doc = json_of(&text(&graph, Format::Jsonld));
        let ctx = doc["@context"].as_object().unwrap();
        assert!(
            ctx.values().all(|v| v.is_string() || v.is_object()),
            "inline context only"
        );
        let items = doc["@graph"].as_array().unwrap();
        let entities: Vec<&Value> = items
            .iter()
            .filter(|v| v["@id"].as_str().unwrap().contains(":entity/"))
            .collect();
        let statements: Vec<&Value> = items
            .iter()
            .filter(|v| v["@type"] == "rdf:Statement")
            .collect();
        assert_eq!(entities.len(), graph.node_count());
        assert_eq!(statements.len(), graph.edge_count());
        // one plain triple per edge
        let triples: usize = entities
            .iter()
            .flat_map(|e| e.as_object().unwrap().iter())
            .filter(|(k, _)| k.starts_with("rel:"))
            .map(|(_, v)| v.as_array().unwrap().len())
            .sum();
        assert_eq!(triples, graph.edge_count());
        for ((s, o, e), st) in graph.edges().zip(&statements) {
            assert_eq!(
                st["subject"],
                format!("urn:kgx:entity/{}", export::jsonld::iri_segment(&s.id))
            );
            assert_eq!(
                st["object"],
                format!("urn:kgx:entity/{}", export::jsonld::iri_segment(&o.id))
            );
            assert_eq!(st["weight"], json!(e.weight));
            assert_eq!(
                st["evidence"].as_array().map_or(0, Vec::len),
                e.data.evidence.len()
            );
        }
        // every @id is absolute
        fn ids(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        if k == "@id" {
                            out.push(x.as_str().unwrap().to_string());
                        }
                        ids(x, out);
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| ids(x, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        ids(&doc["@graph"], &mut all);
        assert!(all.iter().all(|i| i.starts_with("urn:kgx:")), "{all:?}");
    }
}

#[test]
fn jsonld_base_iri_is_configurable_and_checked() {
    let o = ExportOptions {
        base_iri: "https://example.org/kg/".into(),
        ..opts()
    };
    let doc = json_of(std::str::from_utf8(&to_bytes(&small_graph(), Format::Jsonld, &o)).unwrap());
    assert_eq!(doc["@context"]["kgx"], "https://example.org/kg/vocab#");
    assert_eq!(
        doc["@graph"][0]["@id"],
        "https://example.org/kg/entity/astana-talks"
    );
    for bad in [
        "kgx",
        "relative/path/",
        "https://example.org/kg",
        "urn:a b:",
        "",
    ] {
        let o = ExportOptions {
            base_iri: bad.into(),
            ..opts()
        };
        let err = o.validate().expect_err(bad);
        assert_eq!(err.kind(), ErrorKind::Usage, "{bad}");
    }
}

#[test]
fn jsonld_iri_segments_are_percent_encoded() {
    let cases = [
        ("russia", "russia"),
        ("country:ABW", "country:ABW"),
        ("a b/c", "a%20b%2Fc"),
        ("ğ", "%C4%9F"),
    ];
    for (input, want) in cases {
        assert_eq!(export::jsonld::iri_segment(input), want, "input {input:?}");
    }
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_round_trip_awkward_and_medium() {
    for graph in [awkward_graph(), medium_graph()] {
        let nodes_csv = String::from_utf8(to_bytes_one(&graph, 0)).unwrap();
        let edges_csv = String::from_utf8(to_bytes_one(&graph, 1)).unwrap();
        let nodes = parse_csv(&nodes_csv);
        assert_eq!(nodes[0], export::csv::NODE_HEADER);
        assert_eq!(nodes.len() - 1, graph.node_count());
        for (n, row) in graph.nodes().zip(&nodes[1..]) {
            assert_eq!(row.len(), nodes[0].len());
            let get = |k: &str| row[nodes[0].iter().position(|h| h == k).unwrap()].as_str();
            assert_eq!(get("Id"), n.id);
            assert_eq!(get("Label"), sanitize(&n.label));
            for (key, want) in expected_node(n) {
                let col = if key == "label" { "Label" } else { key };
                let got = if want.is_string() {
                    json!(get(col))
                } else {
                    json_of(get(col))
                };
                assert_eq!(got, want, "node {} column {key}", n.id);
            }
        }
        let edges = parse_csv(&edges_csv);
        assert_eq!(edges[0], export::csv::EDGE_HEADER);
        assert_eq!(edges.len() - 1, graph.edge_count());
        for ((s, o, e), row) in graph.edges().zip(&edges[1..]) {
            assert_eq!(
                row[..6],
                [
                    s.id.clone(),
                    o.id.clone(),
                    "Directed".into(),
                    e.relation.clone(),
                    e.relation.clone(),
                    e.weight.to_string()
                ]
            );
            assert_eq!(json_of(&row[13]), expected_evidence(e));
        }
    }
}

fn to_bytes_one(graph: &KnowledgeGraph, table: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let exporters = Format::Csv.exporters(&opts());
    exporters[table].1.write(graph, &mut out).unwrap();
    out
}

// ---------------------------------------------------------------- formats and files

/// docs/EXPORTS.md shows the format table as the code has it (one home:
/// `kgx::export::FORMATS`); a new format or client changes both at once.
#[test]
fn exports_doc_has_the_format_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/EXPORTS.md");
    let doc = fs::read_to_string(path).unwrap();
    let table = export::format::markdown_table();
    assert!(
        doc.contains(&table),
        "docs/EXPORTS.md lacks the format table of kgx::export::FORMATS; put this table in its place:\n{table}"
    );
}

#[test]
fn format_names_parse_and_print() {
    let cases = [
        ("graphml", Format::Graphml),
        ("GEXF", Format::Gexf),
        ("dot", Format::Dot),
        ("json-ld", Format::Jsonld),
        ("csv", Format::Csv),
    ];
    for (name, want) in cases {
        assert_eq!(name.parse::<Format>(), Ok(want), "{name}");
        assert_eq!(want.to_string().parse::<Format>(), Ok(want));
    }
    assert_eq!(
        Format::parse_list("graphml,dot,jsonld,gexf,csv").unwrap(),
        vec![
            Format::Graphml,
            Format::Dot,
            Format::Jsonld,
            Format::Gexf,
            Format::Csv
        ]
    );
    assert_eq!(Format::parse_list("all").unwrap(), Format::ALL.to_vec());
    let err = Format::parse_list("graphml,svg").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage);
    assert!(err.to_string().contains("unknown format \"svg\""), "{err}");
    assert!(Format::parse_list("dot,dot").is_err());
    assert_eq!(Format::Csv.extensions(), ["nodes.csv", "edges.csv"]);
}

#[test]
fn write_exports_writes_every_file_and_no_temp() {
    let dir = temp_dir("write-all");
    let paths = write_exports(&small_graph(), &dir, "seeds", &Format::ALL, &opts()).unwrap();
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "seeds.graphml",
            "seeds.gexf",
            "seeds.dot",
            "seeds.jsonld",
            "seeds.nodes.csv",
            "seeds.edges.csv",
            "seeds.html"
        ]
    );
    let mut listed: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    let mut want = names.clone();
    want.sort();
    assert_eq!(listed, want, "no temporary file is left");
    for (p, f) in paths
        .iter()
        .zip([Format::Graphml, Format::Gexf, Format::Dot, Format::Jsonld])
    {
        assert_eq!(fs::read(p).unwrap(), to_bytes(&small_graph(), f, &opts()));
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// An exporter whose write fails half-way, as a full disk does.
struct Failing;

impl export::Exporter for Failing {
    fn write(
        &self,
        _: &kgx::graph::KnowledgeGraph,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        out.write_all(b"half")?;
        Err(std::io::Error::other("disk full"))
    }
}

#[test]
fn write_exports_failure_leaves_previous_exports_untouched() {
    let dir = temp_dir("write-fail");
    fs::write(dir.join("g.graphml"), "old").unwrap();
    fs::write(dir.join("g.svg"), "old picture").unwrap();
    let job = |ext: &str, exporter: Box<dyn export::Exporter>| export::FileJob {
        dest: dir.join(format!("g.{ext}")),
        exporter,
    };
    let err = export::write_files(
        &small_graph(),
        vec![
            job("graphml", Box::<export::graphml::Graphml>::default()),
            job("dot", Box::new(Failing)),
            job("jsonld", Box::<export::jsonld::JsonLd>::default()),
        ],
        &[dir.join("g.svg")],
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Output);
    assert!(err.to_string().contains("g.dot"), "{err}");
    assert!(err.to_string().contains("disk full"), "{err}");
    assert_eq!(fs::read_to_string(dir.join("g.graphml")).unwrap(), "old");
    let mut listed: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        ["g.graphml", "g.svg"],
        "temporaries removed, nothing new renamed, nothing removed"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_output_dir_creates_and_probes() {
    let top = temp_dir("check");
    let dir = top.join("new/sub");
    check_output_dir(&dir).unwrap();
    assert!(dir.is_dir());
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0, "probe removed");
    let file = dir.join("a-file");
    fs::write(&file, "x").unwrap();
    let err = check_output_dir(&file).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Output);
    assert!(err.to_string().contains("not a directory"), "{err}");
    fs::remove_dir_all(&top).unwrap();
}

#[test]
fn render_rejects_bad_format_names() {
    let err = export::render::check_formats(&["svg -o /etc/x"]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage);
}
