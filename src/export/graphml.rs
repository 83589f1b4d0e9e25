//! GraphML, shaped for Gephi and readable by networkx, igraph and graphology.
//!
//! What is written (all escaping by the shared XML escaper, whose table is
//! in `export/xml.rs`: `& < > " '`, tab/newline/CR as character references,
//! C0 controls XML cannot carry replaced with U+FFFD):
//!
//! - `<key>`s with explicit `for="node"|"edge"`, a GraphML type, and an id
//!   equal to `attr.name`. Key ids are unique across nodes and edges, so the
//!   edge's documents are `edge_documents`. Gephi maps keys to its own
//!   properties by id (then attr.name): node `label`, `r`, `g`, `b`, `size`
//!   and edge `edgelabel`, `weight` are meant as such; no other key uses one
//!   of Gephi's names.
//! - Node keys: `label`, `type`, `subtype` (only written when known),
//!   `mentions` (long), `documents`, `aliases_seen`, `attributes` (JSON
//!   text, see [`super`]), `r`, `g`, `b` (int, the colour of the type), `size`
//!   (double, grows with mentions).
//! - Edge keys: `relation`, `edgelabel` (= relation, Gephi's edge label),
//!   `weight` (double, > 0: evidence sentences), `edge_documents`, `roles`,
//!   `modalities`, `evidence` (JSON text), `evidence_count` (long),
//!   `count` (long, co-occurrence count when the edge has one, else 0).
//! - All nodes before all edges (igraph loses attributes otherwise), edge ids
//!   `e0`, `e1`, ... in edge order, `edgedefault="directed"`.
//!
//! # Gephi's edge label attribute
//!
//! Gephi merges edges with the same source, target and *edge type* on
//! import, and reads the edge type only from a non-standard attribute
//! `<edge label="brokered">`. Without it "Russia brokered the talks" and
//! "Russia attends the talks" silently become one edge in Gephi. With it the
//! file fails strict XSD validation (no foreign attributes), while networkx,
//! igraph and graphology ignore the attribute. Losing edges silently in the
//! tool this export is for is worse than failing a validator nobody runs on
//! import, so [`ExportOptions::gephi_edge_label`](super::ExportOptions)
//! defaults to `true`; turn it off for a schema-valid file.

use std::io::{self, Write};

use super::xml::XmlWriter;
use super::{attributes_json, evidence_json, json_list, node_size, type_color, Exporter};
use crate::graph::KnowledgeGraph;

/// The GraphML namespace (networkx finds nothing without it).
pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// Node keys: (id = attr.name, attr.type).
pub const NODE_KEYS: [(&str, &str); 11] = [
    ("label", "string"),
    ("type", "string"),
    ("subtype", "string"),
    ("mentions", "long"),
    ("documents", "string"),
    ("aliases_seen", "string"),
    ("attributes", "string"),
    ("r", "int"),
    ("g", "int"),
    ("b", "int"),
    ("size", "double"),
];

/// Edge keys: (id = attr.name, attr.type).
pub const EDGE_KEYS: [(&str, &str); 9] = [
    ("relation", "string"),
    ("edgelabel", "string"),
    ("weight", "double"),
    ("edge_documents", "string"),
    ("roles", "string"),
    ("modalities", "string"),
    ("evidence", "string"),
    ("evidence_count", "long"),
    ("count", "long"),
];

/// Keys added when the documents have dates: the first and last day (`YYYY-MM-DD`)
/// of a node's documents (`edge_first_seen`, `edge_last_seen` on edges: a key id
/// is unique across domains).
pub const DATE_KEYS: [(&str, &str); 2] = [("first_seen", "string"), ("last_seen", "string")];

/// The GraphML exporter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Graphml {
    /// Write `<edge label="<relation>">` for Gephi (see the module docs).
    pub gephi_edge_label: bool,
}

impl Exporter for Graphml {
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        let mut w = XmlWriter::new(out);
        w.declaration()?;
        w.start(
            "graphml",
            &[
                ("xmlns", NAMESPACE),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
                ),
            ],
        )?;
        // Dated documents add first/last-seen days (xs:date text) to nodes and edges.
        let dated = graph.is_dated();
        let date_keys: &[(&str, &str)] = if dated { &DATE_KEYS } else { &[] };
        let node_keys = NODE_KEYS.iter().chain(date_keys);
        let edge_keys = EDGE_KEYS
            .iter()
            .chain(date_keys.iter().map(|(id, _)| match *id {
                "first_seen" => &("edge_first_seen", "string"),
                _ => &("edge_last_seen", "string"),
            }));
        let keys: Vec<(&str, &(&str, &str))> = node_keys
            .map(|k| ("node", k))
            .chain(edge_keys.map(|k| ("edge", k)))
            .collect();
        for (domain, (id, ty)) in keys {
            w.empty(
                "key",
                &[
                    ("id", id),
                    ("for", domain),
                    ("attr.name", id),
                    ("attr.type", ty),
                ],
            )?;
        }
        w.start("graph", &[("id", "kgx"), ("edgedefault", "directed")])?;
        for node in graph.nodes() {
            w.start("node", &[("id", &node.id)])?;
            let (r, g, b) = type_color(node.entity_type);
            let data: [(&str, Option<String>); 11] = [
                ("label", Some(node.label.clone())),
                ("type", Some(node.entity_type.to_string())),
                ("subtype", node.subtype.clone()),
                ("mentions", Some(node.mentions.to_string())),
                ("documents", Some(json_list(&node.documents))),
                ("aliases_seen", Some(json_list(&node.aliases_seen))),
                ("attributes", Some(attributes_json(node))),
                ("r", Some(r.to_string())),
                ("g", Some(g.to_string())),
                ("b", Some(b.to_string())),
                ("size", Some(format!("{}.0", node_size(node)))),
            ];
            for (key, value) in data {
                if let Some(v) = value {
                    w.text("data", &[("key", key)], &v)?;
                }
            }
            if let Some((first, last)) = node.seen.as_ref().filter(|_| dated) {
                w.text("data", &[("key", "first_seen")], first)?;
                w.text("data", &[("key", "last_seen")], last)?;
            }
            w.end("node")?;
        }
        for (i, (s, o, e)) in graph.edges().enumerate() {
            let id = format!("e{i}");
            let mut attrs = vec![
                ("id", id.as_str()),
                ("source", s.id.as_str()),
                ("target", o.id.as_str()),
            ];
            if self.gephi_edge_label {
                attrs.push(("label", e.relation.as_str()));
            }
            w.start("edge", &attrs)?;
            let data: [(&str, String); 9] = [
                ("relation", e.relation.clone()),
                ("edgelabel", e.relation.clone()),
                ("weight", format!("{}.0", e.weight)),
                ("edge_documents", json_list(&e.documents)),
                ("roles", json_list(&e.data.roles)),
                ("modalities", json_list(&e.data.modalities)),
                ("evidence", evidence_json(e)),
                ("evidence_count", e.data.evidence.len().to_string()),
                ("count", e.data.count.to_string()),
            ];
            for (key, v) in data {
                w.text("data", &[("key", key)], &v)?;
            }
            if let Some((first, last)) = e.seen.as_ref().filter(|_| dated) {
                w.text("data", &[("key", "edge_first_seen")], first)?;
                w.text("data", &[("key", "edge_last_seen")], last)?;
            }
            w.end("edge")?;
        }
        w.end("graph")?;
        w.end("graphml")
    }
}
