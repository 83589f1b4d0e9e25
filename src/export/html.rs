//! The HTML report: one self-contained, offline file to explore the graph.
//!
//! `<name>.html` holds the graph as JSON, the page's own script and style,
//! and a vendored copy of Cytoscape.js (`src/export/vendor/`, MIT, version
//! and checksum in its README). It loads nothing from the network.
//!
//! | what the page does | how |
//! | --- | --- |
//! | draws the graph | Cytoscape.js, `cose` layout (a grid above 400 nodes), colours by type as every export |
//! | pan, zoom | mouse and wheel; "fit" button |
//! | search a node | the search box (label, alias or id), Enter selects and centres it |
//! | filter | check boxes per type and per relation; the counts of shown nodes and edges follow |
//! | evidence | a click on an edge lists its evidence sentences with the subject, object and trigger marked; a click on a node lists its mentions' documents and the evidence of its edges |
//! | document view | a link from each piece of evidence opens the document with every mention marked by type (as displaCy and brat show them) and the evidence sentence outlined |
//!
//! Document views need the documents' text and mentions, which the graph
//! does not keep: the CLI collects them during the run into a
//! [`ReportDocs`] (up to [`REPORT_TEXT_LIMIT`] bytes of text; documents past
//! it show their evidence sentences only, and the page says how many).

use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::Arc;

use serde_json::{json, Value};

use super::{sanitize, type_color_hex, Exporter};
use crate::gazetteer::{EntityType, Gazetteer};
use crate::graph::{Evidence, KnowledgeGraph};

/// Cytoscape.js, vendored (see `src/export/vendor/README.md`).
const CYTOSCAPE_JS: &str = include_str!("vendor/cytoscape-3.35.0.min.js");
/// The page's own script.
const REPORT_JS: &str = include_str!("report.js");
/// The page's style.
const REPORT_CSS: &str = include_str!("report.css");

/// Bytes of document text kept for document views.
pub const REPORT_TEXT_LIMIT: usize = 8 << 20;

/// One document as the report shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportDoc {
    /// The document id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Sentence byte ranges.
    pub sentences: Vec<(usize, usize)>,
    /// Resolved mentions: byte range, entity id, type.
    pub mentions: Vec<(usize, usize, String, EntityType)>,
}

/// The documents kept for the report's document views.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportDocs {
    docs: std::collections::BTreeMap<String, ReportDoc>,
    bytes: usize,
    /// Documents not kept (past [`REPORT_TEXT_LIMIT`]).
    pub left_out: usize,
}

impl ReportDocs {
    /// No documents yet.
    pub fn new() -> ReportDocs {
        ReportDocs::default()
    }

    /// Keep a document, its sentences and resolved mentions (while under the limit).
    pub fn add(
        &mut self,
        gaz: &Gazetteer,
        doc: &crate::Document,
        sentences: &[crate::text::span::Span],
        mentions: &[crate::analysis::Mention],
    ) {
        if self.bytes + doc.text.len() > REPORT_TEXT_LIMIT {
            self.left_out += 1;
            return;
        }
        self.bytes += doc.text.len();
        let mentions = mentions
            .iter()
            .filter_map(|m| {
                let e = gaz.entity(m.entity?);
                Some((m.span.start, m.span.end, e.id.clone(), e.entity_type))
            })
            .collect();
        self.docs.insert(
            doc.id.clone(),
            ReportDoc {
                id: doc.id.clone(),
                text: doc.text.clone(),
                sentences: sentences.iter().map(|r| (r.start, r.end)).collect(),
                mentions,
            },
        );
    }

    fn get(&self, id: &str) -> Option<&ReportDoc> {
        self.docs.get(id)
    }
}

/// The HTML report exporter.
#[derive(Clone, Debug, Default)]
pub struct Html {
    /// Documents for the document views (none: evidence sentences only).
    pub docs: Option<Arc<ReportDocs>>,
}

/// The marks of a piece of evidence, relative to its sentence: (start, end, class).
fn marks(ev: &Evidence, sentence_start: usize) -> Vec<Value> {
    let mut out = Vec::new();
    let spans = [
        (Some(ev.subject_span), "subj"),
        (Some(ev.object_span), "obj"),
        (ev.trigger_span, "trig"),
    ];
    for (span, class) in spans {
        if let Some((s, e)) = span {
            if s >= sentence_start && e >= s && e - sentence_start <= ev.text.len() {
                let (a, b) = (s - sentence_start, e - sentence_start);
                if ev.text.is_char_boundary(a) && ev.text.is_char_boundary(b) {
                    out.push(json!([a, b, class]));
                }
            }
        }
    }
    out
}

impl Html {
    /// The data the page reads: nodes, edges with evidence, documents.
    pub fn data(&self, graph: &KnowledgeGraph) -> Value {
        let docs = self.docs.as_deref();
        let nodes: Vec<Value> = graph
            .nodes()
            .map(|n| {
                json!({
                    "id": sanitize(&n.id),
                    "label": sanitize(&n.label),
                    "type": n.entity_type.as_str(),
                    "subtype": n.subtype.as_deref().map(sanitize),
                    "mentions": n.mentions,
                    "documents": n.documents.iter().map(|d| sanitize(d)).collect::<Vec<_>>(),
                    "aliases": n.aliases_seen.iter().map(|a| sanitize(a)).collect::<Vec<_>>(),
                    "wikidata": n.attributes.get("wikidata"),
                    "seen": n.seen,
                    "discovered": super::is_discovered(n),
                })
            })
            .collect();
        let edges: Vec<Value> = graph
            .edges()
            .enumerate()
            .map(|(i, (s, o, e))| {
                let evidence: Vec<Value> = e
                    .data
                    .evidence
                    .iter()
                    .map(|ev| {
                        // Marks need the sentence's offset, which the kept document gives.
                        let start = docs
                            .and_then(|d| d.get(&ev.doc))
                            .and_then(|d| d.sentences.get(ev.sentence))
                            .map(|r| r.0);
                        json!({
                            "doc": sanitize(&ev.doc),
                            "sentence": ev.sentence,
                            "text": sanitize(&ev.text),
                            "rule": sanitize(&ev.rule),
                            "marks": start.map(|s| marks(ev, s)).unwrap_or_default(),
                        })
                    })
                    .collect();
                json!({
                    "id": format!("e{i}"),
                    "source": sanitize(&s.id),
                    "target": sanitize(&o.id),
                    "relation": sanitize(&e.relation),
                    "weight": e.weight,
                    "documents": e.documents.iter().map(|d| sanitize(d)).collect::<Vec<_>>(),
                    "roles": e.data.roles.iter().map(|d| sanitize(d)).collect::<Vec<_>>(),
                    "modalities": e.data.modalities.iter().map(|d| sanitize(d)).collect::<Vec<_>>(),
                    "evidence": evidence,
                })
            })
            .collect();
        let mut documents = serde_json::Map::new();
        if let Some(d) = docs {
            for doc in d.docs.values() {
                let meta = graph.documents().get(&doc.id);
                documents.insert(
                    doc.id.clone(),
                    json!({
                        "text": sanitize(&doc.text),
                        "sentences": doc.sentences,
                        "mentions": doc.mentions.iter().map(|(s, e, id, t)| json!([s, e, id, t.as_str()])).collect::<Vec<_>>(),
                        "meta": meta,
                    }),
                );
            }
        }
        let colors: serde_json::Map<String, Value> = EntityType::ALL
            .iter()
            .map(|t| (t.as_str().to_string(), Value::String(type_color_hex(*t))))
            .collect();
        json!({
            "nodes": nodes,
            "edges": edges,
            "documents": documents,
            "documentsLeftOut": docs.map_or(0, |d| d.left_out),
            "colors": colors,
        })
    }
}

/// JSON text safe inside a `<script>` element: `<`, `>` and `&` escaped as `\u00XX`
/// (they occur only inside JSON strings, where the escape means the same character).
fn script_json(v: &Value) -> String {
    let text = serde_json::to_string(v).expect("report data serialises");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

impl Exporter for Html {
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        let data = script_json(&self.data(graph));
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"kgx {version}\">\n\
             <link rel=\"icon\" href=\"data:,\">\n\
             <title>kgx report</title>\n<style>\n{css}</style>\n</head>\n<body>\n{body}\n\
             <script id=\"kgx-data\" type=\"application/json\">{data}</script>\n\
             <script>\n/* Cytoscape.js 3.35.0, MIT licence, (c) The Cytoscape Consortium: see src/export/vendor/ */\n{cy}\n</script>\n\
             <script>\n{js}</script>\n</body>\n</html>\n",
            version = env!("CARGO_PKG_VERSION"),
            css = REPORT_CSS,
            body = BODY,
            cy = CYTOSCAPE_JS,
            js = REPORT_JS,
        )
    }
}

/// The page's fixed markup (the script fills it).
const BODY: &str = r#"<header>
  <h1>kgx report</h1>
  <p class="counts"><span id="node-count">0</span> nodes, <span id="edge-count">0</span> edges
  (shown: <span id="shown-nodes">0</span> nodes, <span id="shown-edges">0</span> edges)</p>
</header>
<main>
  <nav id="controls">
    <label for="search">Find a node</label>
    <input id="search" type="search" list="node-names" placeholder="name, alias or id, then Enter">
    <datalist id="node-names"></datalist>
    <button id="fit" type="button">Fit the graph</button>
    <fieldset id="type-filters"><legend>Types</legend></fieldset>
    <fieldset id="relation-filters"><legend>Relations</legend></fieldset>
    <p id="docs-note"></p>
  </nav>
  <section id="cy" aria-label="graph"></section>
  <aside id="details"><p class="hint">Click a node or an edge to see its evidence.</p></aside>
</main>
<section id="docview" hidden></section>"#;
