//! Every exporter's escaping, on a graph of hostile strings.
//!
//! Each export is parsed back as its clients read it (quick-xml for GraphML
//! and GEXF, serde_json for JSON-LD, a DOT quoted-string reader for DOT,
//! rust-csv for CSV, where a value starting like a formula has a `'` put
//! before it) and must give back every node label, id, subtype, list
//! and attribute and every edge relation and evidence as the sanitised
//! string (forbidden controls as U+FFFD; DOT also drops CR), with the right
//! number of nodes, edges, rows and fields.
#![no_main]

use std::collections::HashSet;

use arbitrary::Arbitrary;
use kgx::export::csv::{formula_safe, CsvEdges, CsvNodes, EDGE_HEADER, NODE_HEADER};
use kgx::export::{attributes_json, evidence_json, json_list, sanitize, to_bytes};
use kgx::export::{ExportOptions, Exporter, Format};
use kgx::gazetteer::{slug, EntityType};
use kgx::graph::{EdgeData, Evidence, GraphBuilder, KnowledgeGraph, Node};
use kgx_fuzz::HostileString as H;
use libfuzzer_sys::fuzz_target;
use quick_xml::events::Event;

#[derive(Arbitrary, Debug)]
struct GNode {
    id: H,
    label: H,
    ty: u8,
    subtype: Option<H>,
    aliases: Vec<H>,
    docs: Vec<H>,
    attrs: Vec<(H, H)>,
}

#[derive(Arbitrary, Debug)]
struct GEdge {
    s: u8,
    o: u8,
    relation: H,
    roles: Vec<H>,
    modalities: Vec<H>,
    evidence: Vec<(H, u8, H, H)>,
    count: u8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    nodes: Vec<GNode>,
    edges: Vec<GEdge>,
    gephi_edge_label: bool,
}

fn build(input: &Input) -> Option<KnowledgeGraph> {
    let mut b = GraphBuilder::new();
    let mut ids = Vec::new();
    for n in &input.nodes {
        // Ids are gazetteer slugs in kgx; keep them so.
        let id = slug(&n.id.render());
        if id.is_empty() {
            continue;
        }
        let mut node = Node::new(&id, &n.label.render(), EntityType::ALL[n.ty as usize % 5]);
        node.subtype = n.subtype.as_ref().map(H::render);
        node.aliases_seen = n.aliases.iter().map(H::render).collect();
        for d in &n.docs {
            node = node.with_mentions(&d.render(), 1);
        }
        node.attributes = n
            .attrs
            .iter()
            .map(|(k, v)| (k.render(), v.render()))
            .collect();
        b.add_node(node);
        ids.push(id);
    }
    if ids.is_empty() {
        return None;
    }
    for e in &input.edges {
        let s = &ids[e.s as usize % ids.len()];
        let o = &ids[e.o as usize % ids.len()];
        let data = EdgeData {
            roles: e.roles.iter().map(H::render).collect(),
            modalities: e.modalities.iter().map(H::render).collect(),
            evidence: e
                .evidence
                .iter()
                .map(|(doc, sentence, text, rule)| {
                    Evidence::new(
                        &doc.render(),
                        *sentence as usize,
                        &text.render(),
                        rule.render(),
                        (0, 1),
                        (2, 3),
                    )
                })
                .collect(),
            count: e.count as u64,
        };
        b.add_edge(s, &e.relation.render(), o, data);
    }
    Some(b.build())
}

/// Every string the graph carries, as scalar-attribute formats write it.
fn expected(graph: &KnowledgeGraph) -> Vec<String> {
    let mut v = Vec::new();
    for n in graph.nodes() {
        v.push(sanitize(&n.id).into_owned());
        v.push(sanitize(&n.label).into_owned());
        if let Some(s) = &n.subtype {
            v.push(sanitize(s).into_owned());
        }
        v.push(json_list(&n.documents));
        v.push(json_list(&n.aliases_seen));
        v.push(attributes_json(n));
    }
    for (_, _, e) in graph.edges() {
        v.push(sanitize(&e.relation).into_owned());
        v.push(json_list(&e.documents));
        v.push(json_list(&e.data.roles));
        v.push(json_list(&e.data.modalities));
        v.push(evidence_json(e));
    }
    v
}

/// All attribute values and texts of an XML document, unescaped; and the
/// number of `node` and `edge` elements.
fn xml_values(bytes: &[u8], what: &str) -> (HashSet<String>, usize, usize) {
    let text = std::str::from_utf8(bytes).expect("XML export is UTF-8");
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut values = HashSet::from([String::new()]);
    let (mut nodes, mut edges) = (0, 0);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                match e.local_name().as_ref() {
                    b"node" => nodes += 1,
                    b"edge" => edges += 1,
                    _ => {}
                }
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{what}: bad attribute: {err}"));
                    values.insert(
                        a.unescape_value()
                            .expect("attribute unescapes")
                            .into_owned(),
                    );
                }
            }
            Ok(Event::Text(t)) => {
                values.insert(t.unescape().expect("text unescapes").into_owned());
            }
            Ok(Event::CData(_)) => panic!("{what}: unexpected CDATA"),
            Ok(_) => {}
            Err(e) => panic!("{what} does not parse: {e}\n{text}"),
        }
    }
    (values, nodes, edges)
}

/// The quoted strings of a DOT file, `+`-joined pieces concatenated, escapes
/// read as Graphviz reads attribute values (`\\`, `\"`, `\n`).
fn dot_strings(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '"' => {
                let mut s = String::new();
                loop {
                    i += 1; // past the opening quote
                    loop {
                        let c = chars.get(i).copied().expect("DOT string not closed");
                        i += 1;
                        match c {
                            '"' => break,
                            '\\' => {
                                let n = chars.get(i).copied().expect("DOT string ends in \\");
                                i += 1;
                                match n {
                                    '\\' => s.push('\\'),
                                    '"' => s.push('"'),
                                    'n' => s.push('\n'),
                                    other => panic!("unexpected DOT escape \\{other}"),
                                }
                            }
                            c => s.push(c),
                        }
                    }
                    // `" + "` continues the same string.
                    let mut j = i;
                    while chars.get(j).is_some_and(|c| *c == ' ') {
                        j += 1;
                    }
                    if chars.get(j) == Some(&'+') {
                        j += 1;
                        while chars.get(j).is_some_and(|c| *c == ' ') {
                            j += 1;
                        }
                        assert_eq!(chars.get(j), Some(&'"'), "DOT + not followed by a string");
                        i = j;
                        continue;
                    }
                    break;
                }
                out.insert(s);
            }
            '<' => {
                // HTML-like label: nested <...>, fixed strings only.
                let mut depth = 0;
                loop {
                    match chars.get(i) {
                        Some('<') => depth += 1,
                        Some('>') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Some(_) => {}
                        None => panic!("DOT HTML label not closed"),
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn json_strings(v: &serde_json::Value, out: &mut HashSet<String>) {
    match v {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_strings(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| json_strings(x, out)),
        _ => {}
    }
}

fn csv_rows(bytes: &[u8], width: usize, rows: usize) -> HashSet<String> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut out = HashSet::new();
    let mut n = 0;
    for rec in r.records() {
        let rec = rec.expect("CSV parses with a fixed width");
        assert_eq!(rec.len(), width);
        out.extend(rec.iter().map(str::to_string));
        n += 1;
    }
    assert_eq!(n, rows, "CSV rows");
    out
}

fuzz_target!(|input: Input| {
    if input.nodes.len() > 32 || input.edges.len() > 64 {
        return;
    }
    let Some(graph) = build(&input) else { return };
    let opts = ExportOptions {
        gephi_edge_label: input.gephi_edge_label,
        ..ExportOptions::default()
    };
    let want = expected(&graph);

    for format in [Format::Graphml, Format::Gexf] {
        let (values, nodes, edges) = xml_values(&to_bytes(&graph, format, &opts), format.as_str());
        assert_eq!(nodes, graph.node_count(), "{format} nodes");
        assert_eq!(edges, graph.edge_count(), "{format} edges");
        for w in &want {
            assert!(values.contains(w), "{format} lost {w:?}");
        }
    }

    let dot = String::from_utf8(to_bytes(&graph, Format::Dot, &opts)).expect("DOT is UTF-8");
    let strings = dot_strings(&dot);
    for w in &want {
        let w = w.replace('\r', "");
        assert!(strings.contains(&w), "DOT lost {w:?}\n{dot}");
    }

    let jsonld: serde_json::Value =
        serde_json::from_slice(&to_bytes(&graph, Format::Jsonld, &opts)).expect("JSON-LD parses");
    let mut strings = HashSet::new();
    json_strings(&jsonld, &mut strings);
    for n in graph.nodes() {
        assert!(
            strings.contains(sanitize(&n.label).as_ref()),
            "JSON-LD lost {:?}",
            n.label
        );
        for a in n.aliases_seen.iter().chain(&n.documents) {
            assert!(strings.contains(sanitize(a).as_ref()), "JSON-LD lost {a:?}");
        }
        for (k, v) in &n.attributes {
            assert!(strings.contains(sanitize(k).as_ref()), "JSON-LD lost {k:?}");
            assert!(strings.contains(sanitize(v).as_ref()), "JSON-LD lost {v:?}");
        }
    }
    for (_, _, e) in graph.edges() {
        for ev in &e.data.evidence {
            for s in [&ev.text, &ev.rule, &ev.doc] {
                assert!(strings.contains(sanitize(s).as_ref()), "JSON-LD lost {s:?}");
            }
        }
    }

    let mut nodes = Vec::new();
    CsvNodes.write(&graph, &mut nodes).unwrap();
    let mut edges = Vec::new();
    CsvEdges.write(&graph, &mut edges).unwrap();
    let mut fields = csv_rows(&nodes, NODE_HEADER.len(), graph.node_count() + 1);
    fields.extend(csv_rows(&edges, EDGE_HEADER.len(), graph.edge_count() + 1));
    fields.insert(String::new());
    for w in &want {
        // A value a spreadsheet would take for a formula gets a `'` first.
        let w = formula_safe(w);
        assert!(fields.contains(w.as_ref()), "CSV lost {w:?}");
    }
});
