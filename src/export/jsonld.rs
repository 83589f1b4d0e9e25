//! JSON-LD 1.1 with an inline `@context`: the graph as linked data.
//!
//! Readable offline by pyld, jsonld.js (also with `safe: true`), rdflib and
//! Oxigraph: the context is written into the document (a remote context
//! needs the network and changes under you), every `@id` is an absolute IRI,
//! every key is a defined term or a compact IRI with a defined prefix, so
//! expansion drops nothing, and no object repeats a key.
//!
//! # IRIs
//!
//! With the base `B` ([`ExportOptions::base_iri`](super::ExportOptions),
//! default `urn:kgx:`):
//!
//! | what | IRI |
//! | --- | --- |
//! | entity | `B` `entity/<slug>` |
//! | vocabulary (relations, attributes, classes) | `B` `vocab#<term>`, prefix `kgx:` |
//! | statement about one edge | `B` `statement/<subject>/<relation>/<object>` |
//! | one piece of evidence | `B` `evidence/<subject>/<relation>/<object>/<n>` (n from 0 in evidence order) |
//!
//! Slugs and relations go into IRIs percent-encoded: every byte outside
//! `A-Z a-z 0-9 - . _ ~ : @` becomes `%XX` ([`iri_segment`]), so an id can
//! never make a relative or broken IRI.
//!
//! # Shape
//!
//! Each entity is a node typed with its schema.org class: `schema:Person`,
//! `schema:Country`, `schema:Organization` (`schema:GovernmentOrganization`
//! when the subtype is Government or Ministry, `schema:NewsMediaOrganization`
//! when it is Media), `schema:Place` (`schema:City` for subtype City),
//! `schema:Event`. Each edge is written twice:
//!
//! 1. as ONE plain triple on its subject, `<russia> kgx:brokered
//!    <astana-talks>` (the term `kgx:brokered` is defined with `"@type":
//!    "@id"`), so the graph is queryable as it is;
//! 2. as an `rdf:Statement` node with `rdf:subject`, `rdf:predicate`,
//!    `rdf:object` naming that same triple, carrying `kgx:relation`,
//!    `kgx:weight`, `kgx:document`s, `kgx:role`s, `kgx:modality`s, `kgx:count`
//!    (when not 0) and `kgx:evidence` nodes.
//!
//! Empty lists are left out (RDF has no empty set), everything else is
//! written. Strings get the same control-character replacement as the other
//! formats (U+FFFD for C0 controls but tab, newline and CR).
//!
//! # Vocabulary (prefix `kgx:` = `B` `vocab#`)
//!
//! | term in the document | IRI | on | value |
//! | --- | --- | --- | --- |
//! | `slug` | `kgx:slug` | entity | the node id |
//! | `name` | `schema:name` | entity | label |
//! | `alternateName` | `schema:alternateName` | entity | aliases seen in the text |
//! | `entityType` | `kgx:entityType` | entity | Person, Country, Organization, Place, Event |
//! | `subtype` | `kgx:subtype` | entity | gazetteer subtype |
//! | `mentions` | `kgx:mentions` | entity | integer |
//! | `documents` | `kgx:document` | entity, statement | document ids (strings) |
//! | `attribute` | `kgx:attribute` | entity | nodes with `key` (`kgx:key`) and `value` (`kgx:value`) |
//! | `kgx:<relation>` | `kgx:<relation>` | entity | the object entity (one triple per edge) |
//! | `subject`, `predicate`, `object` | `rdf:subject`, `rdf:predicate`, `rdf:object` | statement | IRIs |
//! | `relation` | `kgx:relation` | statement | relation name |
//! | `weight` | `kgx:weight` | statement | integer > 0 |
//! | `count` | `kgx:count` | statement | co-occurrence count |
//! | `roles` | `kgx:role` | statement | role words |
//! | `modalities` | `kgx:modality` | statement | modality marks |
//! | `evidence` | `kgx:evidence` | statement | `kgx:Evidence` nodes |
//! | `document` | `kgx:document` | evidence | document id |
//! | `sentenceIndex` | `kgx:sentenceIndex` | evidence | 0-based sentence index |
//! | `text` | `kgx:text` | evidence | the sentence |
//! | `rule` | `kgx:rule` | evidence | id of the rule that fired |
//! | `subjectSpan`, `objectSpan`, `triggerSpan` | `kgx:subjectSpan`, ... | evidence | `kgx:ByteSpan` nodes |
//! | `subjectChain`, `objectChain` | `kgx:subjectChain`, `kgx:objectChain` | evidence | ordered lists of `kgx:ByteSpan`: an end's antecedents through coreference, nearest first (only where there are some) |
//! | `byteStart`, `byteEnd` | `kgx:byteStart`, `kgx:byteEnd` | span | byte offsets into the document, end exclusive |
//!
//! Byte offsets, not characters: Web Annotation's `TextPositionSelector`
//! counts characters, so kgx keeps its own terms.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::{json, Map, Value};

use super::Exporter;
use crate::gazetteer::EntityType;
use crate::graph::{Edge, Evidence, KnowledgeGraph, Node};

/// The JSON-LD exporter.
#[derive(Clone, Debug)]
pub struct JsonLd {
    /// Base of every IRI; see the module docs.
    pub base_iri: String,
}

impl Default for JsonLd {
    fn default() -> JsonLd {
        JsonLd {
            base_iri: "urn:kgx:".to_string(),
        }
    }
}

/// Check a base IRI: absolute (a scheme), no characters IRIs forbid, and
/// ending in `/`, `#` or `:` so that `entity/...` can be appended.
pub fn check_base_iri(base: &str) -> Result<(), String> {
    let scheme_ok = base.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if !scheme_ok {
        return Err(format!("base IRI \"{base}\" is not absolute (expected e.g. \"urn:kgx:\" or \"https://example.org/kg/\")"));
    }
    if let Some(c) = base
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(*c))
    {
        return Err(format!(
            "base IRI \"{base}\" contains {c:?}, which IRIs cannot carry"
        ));
    }
    if !base.ends_with(['/', '#', ':']) {
        return Err(format!(
            "base IRI \"{base}\" must end in '/', '#' or ':' (try \"{base}/\")"
        ));
    }
    Ok(())
}

/// `s` as one IRI path segment: bytes outside `A-Za-z0-9-._~:@` percent-encoded.
pub fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The schema.org class of a node (compact, `schema:` prefix).
pub fn schema_class(node: &Node) -> &'static str {
    let sub = node.subtype.as_deref().unwrap_or("").to_ascii_lowercase();
    match node.entity_type {
        EntityType::Person => "schema:Person",
        EntityType::Country => "schema:Country",
        EntityType::Organization => match sub.as_str() {
            "government" | "ministry" => "schema:GovernmentOrganization",
            "media" => "schema:NewsMediaOrganization",
            _ => "schema:Organization",
        },
        EntityType::Place if sub == "city" => "schema:City",
        EntityType::Place => "schema:Place",
        EntityType::Event => "schema:Event",
    }
}

/// Strings as every kgx format writes them: C0 controls but tab, LF, CR become U+FFFD.
fn clean(s: &str) -> Value {
    Value::String(super::sanitize(s).into_owned())
}

fn clean_list<'a>(items: impl IntoIterator<Item = &'a String>) -> Value {
    Value::Array(items.into_iter().map(|s| clean(s)).collect())
}

impl JsonLd {
    fn entity_iri(&self, id: &str) -> String {
        format!("{}entity/{}", self.base_iri, iri_segment(id))
    }

    fn edge_path(s: &Node, e: &Edge, o: &Node) -> String {
        format!(
            "{}/{}/{}",
            iri_segment(&s.id),
            iri_segment(&e.relation),
            iri_segment(&o.id)
        )
    }

    /// The compact term of a relation, `kgx:<relation>`.
    fn relation_term(relation: &str) -> String {
        format!("kgx:{}", iri_segment(relation))
    }

    fn context(&self, graph: &KnowledgeGraph) -> Value {
        let mut c = Map::new();
        let plain = |iri: &str| Value::String(iri.to_string());
        let set = |iri: &str| json!({ "@id": iri, "@container": "@set" });
        let id_ref = |iri: &str| json!({ "@id": iri, "@type": "@id" });
        c.insert("schema".into(), plain("https://schema.org/"));
        c.insert(
            "rdf".into(),
            plain("http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        );
        c.insert(
            "kgx".into(),
            Value::String(format!("{}vocab#", self.base_iri)),
        );
        c.insert("slug".into(), plain("kgx:slug"));
        c.insert("name".into(), plain("schema:name"));
        c.insert("alternateName".into(), set("schema:alternateName"));
        c.insert("entityType".into(), plain("kgx:entityType"));
        c.insert("subtype".into(), plain("kgx:subtype"));
        c.insert("mentions".into(), plain("kgx:mentions"));
        c.insert("documents".into(), set("kgx:document"));
        c.insert("attribute".into(), set("kgx:attribute"));
        c.insert("key".into(), plain("kgx:key"));
        c.insert("value".into(), plain("kgx:value"));
        c.insert("subject".into(), id_ref("rdf:subject"));
        c.insert("predicate".into(), id_ref("rdf:predicate"));
        c.insert("object".into(), id_ref("rdf:object"));
        c.insert("relation".into(), plain("kgx:relation"));
        c.insert("weight".into(), plain("kgx:weight"));
        c.insert("count".into(), plain("kgx:count"));
        c.insert("roles".into(), set("kgx:role"));
        c.insert("modalities".into(), set("kgx:modality"));
        c.insert("evidence".into(), set("kgx:evidence"));
        c.insert("document".into(), plain("kgx:document"));
        c.insert("sentenceIndex".into(), plain("kgx:sentenceIndex"));
        c.insert("text".into(), plain("kgx:text"));
        c.insert("rule".into(), plain("kgx:rule"));
        c.insert("subjectSpan".into(), plain("kgx:subjectSpan"));
        c.insert("objectSpan".into(), plain("kgx:objectSpan"));
        c.insert("triggerSpan".into(), plain("kgx:triggerSpan"));
        let list = |iri: &str| json!({ "@id": iri, "@container": "@list" });
        c.insert("subjectChain".into(), list("kgx:subjectChain"));
        c.insert("objectChain".into(), list("kgx:objectChain"));
        c.insert("byteStart".into(), plain("kgx:byteStart"));
        c.insert("byteEnd".into(), plain("kgx:byteEnd"));
        for (_, _, e) in graph.edges() {
            c.insert(Self::relation_term(&e.relation), json!({ "@type": "@id" }));
        }
        Value::Object(c)
    }

    fn entity(&self, node: &Node, out_edges: &[(&Edge, &Node)]) -> Value {
        let mut m = Map::new();
        m.insert("@id".into(), Value::String(self.entity_iri(&node.id)));
        m.insert("@type".into(), Value::String(schema_class(node).into()));
        m.insert("slug".into(), clean(&node.id));
        m.insert("name".into(), clean(&node.label));
        m.insert(
            "entityType".into(),
            Value::String(node.entity_type.to_string()),
        );
        if let Some(sub) = &node.subtype {
            m.insert("subtype".into(), clean(sub));
        }
        m.insert("mentions".into(), json!(node.mentions));
        if !node.documents.is_empty() {
            m.insert("documents".into(), clean_list(&node.documents));
        }
        if !node.aliases_seen.is_empty() {
            m.insert("alternateName".into(), clean_list(&node.aliases_seen));
        }
        if !node.attributes.is_empty() {
            let attrs = node
                .attributes
                .iter()
                .map(|(k, v)| json!({ "key": clean(k), "value": clean(v) }))
                .collect();
            m.insert("attribute".into(), Value::Array(attrs));
        }
        // One plain triple per edge, grouped by relation (edges come sorted by subject, relation).
        for (e, o) in out_edges {
            let objects = m
                .entry(Self::relation_term(&e.relation))
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = objects {
                list.push(Value::String(self.entity_iri(&o.id)));
            }
        }
        Value::Object(m)
    }

    fn statement(&self, s: &Node, o: &Node, e: &Edge) -> Value {
        let path = Self::edge_path(s, e, o);
        let mut m = Map::new();
        m.insert(
            "@id".into(),
            Value::String(format!("{}statement/{path}", self.base_iri)),
        );
        m.insert("@type".into(), Value::String("rdf:Statement".into()));
        m.insert("subject".into(), Value::String(self.entity_iri(&s.id)));
        m.insert(
            "predicate".into(),
            Value::String(format!(
                "{}vocab#{}",
                self.base_iri,
                iri_segment(&e.relation)
            )),
        );
        m.insert("object".into(), Value::String(self.entity_iri(&o.id)));
        m.insert("relation".into(), clean(&e.relation));
        m.insert("weight".into(), json!(e.weight));
        if e.data.count != 0 {
            m.insert("count".into(), json!(e.data.count));
        }
        if !e.documents.is_empty() {
            m.insert("documents".into(), clean_list(&e.documents));
        }
        if !e.data.roles.is_empty() {
            m.insert("roles".into(), clean_list(&e.data.roles));
        }
        if !e.data.modalities.is_empty() {
            m.insert("modalities".into(), clean_list(&e.data.modalities));
        }
        if !e.data.evidence.is_empty() {
            let ev = e
                .data
                .evidence
                .iter()
                .enumerate()
                .map(|(i, ev)| self.evidence(&format!("{}evidence/{path}/{i}", self.base_iri), ev))
                .collect();
            m.insert("evidence".into(), Value::Array(ev));
        }
        Value::Object(m)
    }

    fn evidence(&self, iri: &str, ev: &Evidence) -> Value {
        let span = |(start, end): (usize, usize)| json!({ "@type": "kgx:ByteSpan", "byteStart": start, "byteEnd": end });
        let mut m = Map::new();
        m.insert("@id".into(), Value::String(iri.to_string()));
        m.insert("@type".into(), Value::String("kgx:Evidence".into()));
        m.insert("document".into(), clean(&ev.doc));
        m.insert("sentenceIndex".into(), json!(ev.sentence));
        m.insert("text".into(), clean(&ev.text));
        m.insert("rule".into(), clean(&ev.rule));
        m.insert("subjectSpan".into(), span(ev.subject_span));
        m.insert("objectSpan".into(), span(ev.object_span));
        if let Some(t) = ev.trigger_span {
            m.insert("triggerSpan".into(), span(t));
        }
        if !ev.subject_chain.is_empty() {
            let chain: Vec<Value> = ev.subject_chain.iter().map(|&s| span(s)).collect();
            m.insert("subjectChain".into(), Value::Array(chain));
        }
        if !ev.object_chain.is_empty() {
            let chain: Vec<Value> = ev.object_chain.iter().map(|&s| span(s)).collect();
            m.insert("objectChain".into(), Value::Array(chain));
        }
        Value::Object(m)
    }

    /// The whole document as a JSON value.
    pub fn to_value(&self, graph: &KnowledgeGraph) -> Value {
        let mut out_edges: BTreeMap<&str, Vec<(&Edge, &Node)>> = BTreeMap::new();
        for (s, o, e) in graph.edges() {
            out_edges.entry(s.id.as_str()).or_default().push((e, o));
        }
        let mut items: Vec<Value> = graph
            .nodes()
            .map(|n| {
                self.entity(
                    n,
                    out_edges
                        .get(n.id.as_str())
                        .map(Vec::as_slice)
                        .unwrap_or(&[]),
                )
            })
            .collect();
        items.extend(graph.edges().map(|(s, o, e)| self.statement(s, o, e)));
        json!({ "@context": self.context(graph), "@graph": items })
    }
}

impl Exporter for JsonLd {
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.to_value(graph))?;
        out.write_all(b"\n")
    }
}
