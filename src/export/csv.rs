//! CSV tables for Gephi's spreadsheet import (Data Laboratory → Import
//! Spreadsheet) and any spreadsheet: `<name>.nodes.csv` and `<name>.edges.csv`.
//!
//! - Nodes: `Id`, `Label` (Gephi's columns), then `type`, `subtype` (empty
//!   when unknown), `mentions`, `documents`, `aliases_seen`, `attributes`,
//!   `color` (`#rrggbb` of the type), `size`.
//! - Edges: `Source`, `Target`, `Type` (always `Directed`), `Kind` (= the
//!   relation: Gephi's edge type, which keeps parallel edges of different
//!   relations apart), `Label` (= relation), `Weight`, then `Id` (`e0`, ...
//!   as in GraphML and GEXF), `relation`, `documents`, `roles`, `modalities`,
//!   `evidence_count`, `count`, `evidence`.
//! - Lists and records are JSON text (see [`super`]).
//!
//! # Quoting: [`field`], the one place (RFC 4180)
//!
//! | input | written |
//! | --- | --- |
//! | starts with `=` `+` `-` `@`, tab or CR (a spreadsheet formula) | `'` put before it, as OWASP's CSV-injection advice says; then as below |
//! | contains `,` `"` CR or LF, or starts or ends with a space | whole field in `"…"`, each `"` doubled |
//! | anything else | as is |
//! | U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+FFFE, U+FFFF | U+FFFD, as in every kgx format |
//!
//! Records end with CRLF, as RFC 4180 says; newlines inside quoted fields
//! are kept as they are. UTF-8 without a byte-order mark.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{attributes_json, evidence_json, json_list, node_size, type_color_hex, Exporter};
use crate::graph::KnowledgeGraph;

/// The node table's header.
pub const NODE_HEADER: [&str; 10] = [
    "Id",
    "Label",
    "type",
    "subtype",
    "mentions",
    "documents",
    "aliases_seen",
    "attributes",
    "color",
    "size",
];

/// The edge table's header.
pub const EDGE_HEADER: [&str; 14] = [
    "Source",
    "Target",
    "Type",
    "Kind",
    "Label",
    "Weight",
    "Id",
    "relation",
    "documents",
    "roles",
    "modalities",
    "evidence_count",
    "count",
    "evidence",
];

/// `s` with a `'` before it when a spreadsheet would read it as a formula
/// (it starts with `=`, `+`, `-`, `@`, tab or CR); see the module table.
pub fn formula_safe(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// One field, quoted when needed; see the module table.
pub fn field(s: &str) -> Cow<'_, str> {
    let s = match super::sanitize(s) {
        Cow::Borrowed(b) => formula_safe(b),
        Cow::Owned(o) => Cow::Owned(formula_safe(&o).into_owned()),
    };
    if s.contains([',', '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ') {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        s
    }
}

fn record<S: AsRef<str>>(out: &mut dyn Write, fields: &[S]) -> io::Result<()> {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(field(f.as_ref()).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// The node table.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvNodes;

/// The edge table.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvEdges;

/// The columns added to both tables when the documents have dates.
pub const DATE_COLUMNS: [&str; 2] = ["first_seen", "last_seen"];

/// The header, with the date columns where the graph is dated.
fn header(graph: &KnowledgeGraph, base: &[&str]) -> Vec<String> {
    let mut h: Vec<String> = base.iter().map(|s| s.to_string()).collect();
    if graph.is_dated() {
        h.extend(DATE_COLUMNS.map(String::from));
    }
    h
}

/// `fields` with the first and last day where the graph is dated.
fn dated(
    graph: &KnowledgeGraph,
    mut fields: Vec<String>,
    seen: &Option<(String, String)>,
) -> Vec<String> {
    if graph.is_dated() {
        let (a, b) = seen.clone().unwrap_or_default();
        fields.push(a);
        fields.push(b);
    }
    fields
}

/// The documents table (`<name>.documents.csv`), written when the input
/// described its documents: `id,date,url,title,source`.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvDocuments;

impl Exporter for CsvDocuments {
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        record(out, &["id", "date", "url", "title", "source"])?;
        for (id, m) in graph.documents() {
            let v = |o: &Option<String>| o.clone().unwrap_or_default();
            record(
                out,
                &[id.clone(), v(&m.date), v(&m.url), v(&m.title), v(&m.source)],
            )?;
        }
        Ok(())
    }

    fn applies(&self, graph: &KnowledgeGraph) -> bool {
        !graph.documents().is_empty()
    }
}

impl Exporter for CsvNodes {
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        record(out, &header(graph, &NODE_HEADER))?;
        for n in graph.nodes() {
            record(
                out,
                &dated(
                    graph,
                    vec![
                        n.id.clone(),
                        n.label.clone(),
                        n.entity_type.to_string(),
                        n.subtype.clone().unwrap_or_default(),
                        n.mentions.to_string(),
                        json_list(&n.documents),
                        json_list(&n.aliases_seen),
                        attributes_json(n),
                        type_color_hex(n.entity_type),
                        node_size(n).to_string(),
                    ],
                    &n.seen,
                ),
            )?;
        }
        Ok(())
    }
}

impl Exporter for CsvEdges {
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        record(out, &header(graph, &EDGE_HEADER))?;
        for (i, (s, o, e)) in graph.edges().enumerate() {
            record(
                out,
                &dated(
                    graph,
                    vec![
                        s.id.clone(),
                        o.id.clone(),
                        "Directed".to_string(),
                        e.relation.clone(),
                        e.relation.clone(),
                        e.weight.to_string(),
                        format!("e{i}"),
                        e.relation.clone(),
                        json_list(&e.documents),
                        json_list(&e.data.roles),
                        json_list(&e.data.modalities),
                        e.data.evidence.len().to_string(),
                        e.data.count.to_string(),
                        evidence_json(e),
                    ],
                    &e.seen,
                ),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn field_table() {
        let cases = [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r", "\"cr\r\""),
            (" padded", "\" padded\""),
            ("nul\u{0}", "nul\u{FFFD}"),
            ("Erdoğan", "Erdoğan"),
            ("", ""),
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("a=b", "a=b"),
            ("[\"=x\"]", "\"[\"\"=x\"\"]\""),
        ];
        for (input, want) in cases {
            assert_eq!(field(input), want, "input {input:?}");
        }
    }
}
