//! GEXF 1.3, for Gephi, Gephi Lite (graphology-gexf) and networkx.
//!
//! What is written (escaping by the shared XML escaper, table in
//! `export/xml.rs`):
//!
//! - Root `<gexf version="1.3">` in namespace `http://gexf.net/1.3`, the viz
//!   namespace bound to the prefix `viz:` (graphology finds colour and size by
//!   the literal tag name `viz:color`; another prefix loses them).
//! - `defaultedgetype="directed"`; node `label`; `viz:color` r/g/b of the
//!   node type and `viz:size` growing with mentions.
//! - Edge `id` (`e0`, `e1`, ... in edge order), `label` and `kind` = the
//!   relation (Gephi keeps parallel edges apart by `kind`), `weight` > 0.
//! - Declared attributes with `id` == `title` (graphology names an attribute
//!   by its title only when the id is numeric): node `type`, `subtype` (only
//!   written when known), `mentions`, `documents`, `aliases_seen`,
//!   `attributes`; edge `relation`, `documents`, `roles`, `modalities`,
//!   `evidence`, `evidence_count`, `count`. Lists and records are JSON text
//!   in `string` attributes (see [`super`]), not GEXF `liststring`, whose
//!   `|`-separated form cannot carry a `|`.
//!
//! No `xsi:schemaLocation` (the RelaxNG schema allows no foreign attribute)
//! and no `lastmodifieddate`: two runs on the same graph give the same bytes.

use std::io::{self, Write};

use super::xml::XmlWriter;
use super::{attributes_json, evidence_json, json_list, node_size, type_color, Exporter};
use crate::graph::KnowledgeGraph;

/// The GEXF 1.3 namespace.
pub const NAMESPACE: &str = "http://gexf.net/1.3";
/// The GEXF 1.3 viz namespace (prefix `viz:`).
pub const VIZ_NAMESPACE: &str = "http://gexf.net/1.3/viz";

/// Node attributes: (id = title, type).
pub const NODE_ATTRIBUTES: [(&str, &str); 6] = [
    ("type", "string"),
    ("subtype", "string"),
    ("mentions", "long"),
    ("documents", "string"),
    ("aliases_seen", "string"),
    ("attributes", "string"),
];

/// Edge attributes: (id = title, type).
pub const EDGE_ATTRIBUTES: [(&str, &str); 7] = [
    ("relation", "string"),
    ("documents", "string"),
    ("roles", "string"),
    ("modalities", "string"),
    ("evidence", "string"),
    ("evidence_count", "long"),
    ("count", "long"),
];

/// `<spells>` with one day-long spell per day (none when no day is known).
fn spells(w: &mut XmlWriter<'_>, days: &std::collections::BTreeSet<&str>) -> io::Result<()> {
    if days.is_empty() {
        return Ok(());
    }
    w.start("spells", &[])?;
    for d in days {
        w.empty("spell", &[("start", d), ("end", d)])?;
    }
    w.end("spells")
}

/// The GEXF exporter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Gexf;

impl Exporter for Gexf {
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        let mut w = XmlWriter::new(out);
        w.declaration()?;
        w.start(
            "gexf",
            &[
                ("xmlns", NAMESPACE),
                ("xmlns:viz", VIZ_NAMESPACE),
                ("version", "1.3"),
            ],
        )?;
        w.start("meta", &[])?;
        w.text("creator", &[], concat!("kgx ", env!("CARGO_PKG_VERSION")))?;
        w.text(
            "description",
            &[],
            "knowledge graph extracted from news text",
        )?;
        w.end("meta")?;
        // Dated documents make a dynamic graph: each node and edge lives on
        // the days of its documents (one spell per day), so Gephi's timeline plays it.
        let dynamic = graph.is_dated();
        if dynamic {
            w.start(
                "graph",
                &[
                    ("defaultedgetype", "directed"),
                    ("mode", "dynamic"),
                    ("timeformat", "date"),
                ],
            )?;
        } else {
            w.start("graph", &[("defaultedgetype", "directed")])?;
        }
        for (class, attrs) in [
            ("node", &NODE_ATTRIBUTES[..]),
            ("edge", &EDGE_ATTRIBUTES[..]),
        ] {
            w.start("attributes", &[("class", class)])?;
            for (id, ty) in attrs {
                w.empty("attribute", &[("id", id), ("title", id), ("type", ty)])?;
            }
            w.end("attributes")?;
        }

        let count = graph.node_count().to_string();
        w.start("nodes", &[("count", &count)])?;
        for node in graph.nodes() {
            w.start("node", &[("id", &node.id), ("label", &node.label)])?;
            let values: [(&str, Option<String>); 6] = [
                ("type", Some(node.entity_type.to_string())),
                ("subtype", node.subtype.clone()),
                ("mentions", Some(node.mentions.to_string())),
                ("documents", Some(json_list(&node.documents))),
                ("aliases_seen", Some(json_list(&node.aliases_seen))),
                ("attributes", Some(attributes_json(node))),
            ];
            w.start("attvalues", &[])?;
            for (key, value) in values {
                if let Some(v) = value {
                    w.empty("attvalue", &[("for", key), ("value", &v)])?;
                }
            }
            w.end("attvalues")?;
            if dynamic {
                spells(&mut w, &graph.days(&node.documents))?;
            }
            let (r, g, b) = type_color(node.entity_type);
            w.empty(
                "viz:color",
                &[
                    ("r", &r.to_string()),
                    ("g", &g.to_string()),
                    ("b", &b.to_string()),
                ],
            )?;
            w.empty("viz:size", &[("value", &format!("{}.0", node_size(node)))])?;
            w.end("node")?;
        }
        w.end("nodes")?;

        let count = graph.edge_count().to_string();
        w.start("edges", &[("count", &count)])?;
        for (i, (s, o, e)) in graph.edges().enumerate() {
            let id = format!("e{i}");
            let weight = format!("{}.0", e.weight);
            w.start(
                "edge",
                &[
                    ("id", &id),
                    ("source", &s.id),
                    ("target", &o.id),
                    ("label", &e.relation),
                    ("kind", &e.relation),
                    ("weight", &weight),
                ],
            )?;
            let values: [(&str, String); 7] = [
                ("relation", e.relation.clone()),
                ("documents", json_list(&e.documents)),
                ("roles", json_list(&e.data.roles)),
                ("modalities", json_list(&e.data.modalities)),
                ("evidence", evidence_json(e)),
                ("evidence_count", e.data.evidence.len().to_string()),
                ("count", e.data.count.to_string()),
            ];
            w.start("attvalues", &[])?;
            for (key, v) in values {
                w.empty("attvalue", &[("for", key), ("value", &v)])?;
            }
            w.end("attvalues")?;
            if dynamic {
                spells(&mut w, &graph.days(&e.documents))?;
            }
            w.end("edge")?;
        }
        w.end("edges")?;
        w.end("graph")?;
        w.end("gexf")
    }
}
