//! Graphviz DOT, rendered with `dot -Tsvg` without a word on stderr.
//!
//! What is written:
//!
//! - `digraph "kgx"` with `charset="UTF-8"`; node fill colour = the type's
//!   colour, and a legend of the types present as the graph label (an
//!   HTML-like table built from fixed strings only: no user text goes into
//!   HTML labels). Not clusters per type: Graphviz 2.43 fails on them with
//!   "trouble in init_rank" once edges cross clusters often (observed on
//!   the 60-node test graph).
//! - A node discovery found (`discovered = "true"` in its attributes, not a
//!   gazetteer entity) has a dashed dark outline (`style="rounded,filled,dashed"`),
//!   and the legend says so when there is one.
//! - Every id and every attribute value is a double-quoted string, so slugs
//!   (`astana-talks`, not a DOT bare word) and ids that are DOT keywords
//!   (`node`, `Graph`, `strict`, in any case) work.
//! - Node attributes `label`, `type`, `subtype` (only when known), `mentions`,
//!   `documents`, `aliases_seen`, `attributes`; edge attributes `label` =
//!   `relation`, `weight` (an integer, as dot requires), `evidence_count`,
//!   `documents`, `roles`, `modalities`, `evidence`, `count`. Lists and
//!   records are JSON text (see [`super`]). Graphviz keeps attributes it does
//!   not know and shows them in `-Tjson`/`-Tdot` output.
//!
//! # Escaping: [`quote`], the one place
//!
//! | input | written | why |
//! | --- | --- | --- |
//! | `\` | `\\` | first: escStrings read `\N`, `\l`, `\G`... as commands; `\\` is a backslash, and a value can no longer end in a lone backslash that would eat its closing quote |
//! | `"` | `\"` | the only escape the DOT lexer itself knows |
//! | newline | `\n` | an escString line break (centred) |
//! | CR | dropped | |
//! | U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+FFFE, U+FFFF | U+FFFD | as in the XML formats, so every export carries the same strings |
//! | a value longer than 8,000 bytes | `"…" + "…"` | Graphviz 2.43 rejects quoted strings over 16,384 bytes ("longer than 16384?"); DOT joins `+`-concatenated strings |
//!
//! A reader of the raw attribute values (e.g. `dot -Tjson`) undoes this by
//! reading `\\` as `\` and `\n` as a newline, left to right.

use std::io::{self, Write};

use super::{attributes_json, evidence_json, is_discovered, json_list, type_color_hex, Exporter};
use crate::gazetteer::EntityType;
use crate::graph::KnowledgeGraph;

/// Longest piece of one quoted string, in bytes, before it is split with `+`.
const CHUNK: usize = 8000;

/// `s` as a DOT double-quoted string (or `+`-joined strings); see the module table.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chunk_len = 0;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let unit: &str = match c {
            '\\' => "\\\\",
            '"' => "\\\"",
            '\n' => "\\n",
            '\r' => continue,
            c if super::is_forbidden_control(c) => "\u{FFFD}",
            c => c.encode_utf8(&mut buf),
        };
        if chunk_len + unit.len() > CHUNK {
            out.push_str("\" + \"");
            chunk_len = 0;
        }
        out.push_str(unit);
        chunk_len += unit.len();
    }
    out.push('"');
    out
}

/// The DOT exporter: the data export (every node and edge, every attribute).
#[derive(Clone, Copy, Debug, Default)]
pub struct Dot;

/// The DOT written for the picture (`<name>.svg`, `<name>.png`): the same
/// graph without the nodes that have no edge (the legend says how many were
/// left out; `<name>.nodes.csv` lists them), so they are not stacked in a
/// column beside the drawing. `dot` would pack them with `pack=true`, but
/// Graphviz 2.43 then drops most edge labels (54 of 66 on the seeds).
#[derive(Clone, Copy, Debug, Default)]
pub struct DotPicture;

impl Exporter for DotPicture {
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        write_dot(graph, out, true)
    }
}

fn attrs(out: &mut dyn Write, pairs: &[(&str, &str)]) -> io::Result<()> {
    out.write_all(b" [")?;
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.write_all(b", ")?;
        }
        write!(out, "{k}={}", quote(v))?;
    }
    out.write_all(b"];\n")
}

impl Exporter for Dot {
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        write_dot(graph, out, false)
    }
}

/// The DOT text; `picture`: leave out the nodes with no edge and say so in the legend.
fn write_dot(graph: &KnowledgeGraph, out: &mut dyn Write, picture: bool) -> io::Result<()> {
    let linked: std::collections::BTreeSet<&str> = graph
        .edges()
        .flat_map(|(s, o, _)| [s.id.as_str(), o.id.as_str()])
        .collect();
    let shown = |id: &str| !picture || linked.contains(id);
    let left_out = graph.nodes().filter(|n| !shown(&n.id)).count();
    writeln!(
        out,
        "// kgx knowledge graph: {} nodes, {} edges; node colour = type (legend at the top).",
        graph.node_count(),
        graph.edge_count()
    )?;
    writeln!(out, "digraph \"kgx\" {{")?;
    writeln!(
        out,
        "  graph [charset=\"UTF-8\", rankdir=\"LR\", fontname=\"Helvetica\"];"
    )?;
    writeln!(out, "  node [shape=\"box\", style=\"rounded,filled\", fontname=\"Helvetica\", fontcolor=\"white\"];")?;
    // `decorate` ties each label to its edge with a line: with many
    // edges into one node, a floating label is no one's.
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=\"10\", decorate=\"true\"];"
    )?;
    let present: Vec<EntityType> = EntityType::ALL
        .into_iter()
        .filter(|t| graph.nodes().any(|n| n.entity_type == *t))
        .collect();
    if !present.is_empty() {
        let mut rows: String = present
            .iter()
            .map(|t| {
                format!(
                    "<tr><td bgcolor=\"{}\"><font color=\"white\">{t}</font></td></tr>",
                    type_color_hex(*t)
                )
            })
            .collect();
        if graph.nodes().any(|n| shown(&n.id) && is_discovered(n)) {
            // Fixed words only.
            rows += "<tr><td border=\"1\" style=\"dashed\"><font point-size=\"10\">dashed: discovered, not in the gazetteer</font></td></tr>";
        }
        if left_out > 0 {
            // A number and fixed words only: no user text in an HTML-like label.
            rows += &format!(
                "<tr><td><font point-size=\"10\">{left_out} nodes with no edge not drawn (listed in the nodes table)</font></td></tr>"
            );
        }
        writeln!(out, "  graph [labelloc=\"t\", labeljust=\"l\", label=<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">{rows}</table>>];")?;
    }
    for n in graph.nodes().filter(|n| shown(&n.id)) {
        let t = n.entity_type;
        let color = type_color_hex(t);
        write!(out, "  {}", quote(&n.id))?;
        let mentions = n.mentions.to_string();
        let documents = json_list(&n.documents);
        let aliases = json_list(&n.aliases_seen);
        let attributes = attributes_json(n);
        let mut pairs = vec![
            ("label", n.label.as_str()),
            ("fillcolor", color.as_str()),
            ("type", t.as_str()),
        ];
        if is_discovered(n) {
            pairs.extend([
                ("style", "rounded,filled,dashed"),
                ("color", "#222222"),
                ("penwidth", "2"),
            ]);
        }
        if let Some(sub) = &n.subtype {
            pairs.push(("subtype", sub));
        }
        pairs.extend([
            ("mentions", mentions.as_str()),
            ("documents", documents.as_str()),
            ("aliases_seen", aliases.as_str()),
            ("attributes", attributes.as_str()),
        ]);
        attrs(out, &pairs)?;
    }
    for (s, o, e) in graph.edges() {
        write!(out, "  {} -> {}", quote(&s.id), quote(&o.id))?;
        attrs(
            out,
            &[
                ("label", &e.relation),
                ("relation", &e.relation),
                ("weight", &e.weight.to_string()),
                ("evidence_count", &e.data.evidence.len().to_string()),
                ("documents", &json_list(&e.documents)),
                ("roles", &json_list(&e.data.roles)),
                ("modalities", &json_list(&e.data.modalities)),
                ("evidence", &evidence_json(e)),
                ("count", &e.data.count.to_string()),
            ],
        )?;
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quote_table() {
        let cases = [
            ("astana-talks", r#""astana-talks""#),
            ("node", r#""node""#),
            (r#"say "hi""#, r#""say \"hi\"""#),
            ("trailing\\", r#""trailing\\""#),
            (r"\N\l", r#""\\N\\l""#),
            ("two\r\nlines", r#""two\nlines""#),
            ("\"]; digraph {", r#""\"]; digraph {""#),
            ("nul\u{0}", "\"nul\u{FFFD}\""),
            ("Erdoğan\u{2028}", "\"Erdoğan\u{2028}\""),
        ];
        for (input, want) in cases {
            assert_eq!(quote(input), want, "input {input:?}");
        }
    }

    #[test]
    fn long_values_are_split_with_plus() {
        let q = quote(&"\\".repeat(10_000));
        let pieces: Vec<&str> = q.split("\" + \"").collect();
        assert_eq!(pieces.len(), 3, "20,000 escaped bytes make three pieces");
        assert!(pieces
            .iter()
            .all(|p| p.trim_matches('"').len() <= super::CHUNK));
        assert!(
            pieces.iter().all(|p| p.trim_matches('"').len() % 2 == 0),
            "no escape is cut in two"
        );
    }
}
