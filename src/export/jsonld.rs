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
//! | vocabulary (attributes, classes) | `B` `vocab#<term>`, prefix `kgx:` |
//! | relation | `B` `relation/<relation>`, prefix `rel:` |
//! | statement about one edge | `B` `statement/<subject>/<relation>/<object>` |
//! | one piece of evidence | `B` `evidence/<subject>/<relation>/<object>/<n>` (n from 0 in evidence order) |
//!
//! Relations have a namespace of their own, so no relation name (`mentions`,
//! `weight`, `slug`, ...) can share an IRI with one of kgx's attribute terms.
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
//! 1. as ONE plain triple on its subject, `<russia> rel:brokered
//!    <astana-talks>` (the term `rel:brokered` is defined with `"@type":
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
//! | `rel:<relation>` | `B` `relation/<relation>` | entity | the object entity (one triple per edge) |
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
//! | `sameAs` | `schema:sameAs` | entity | `http://www.wikidata.org/entity/Q…` where the gazetteer has a verified Wikidata id |
//! | `firstSeen`, `lastSeen` | `kgx:firstSeen`, `kgx:lastSeen` | entity, statement | `xsd:date` of the first and last dated document |
//! | `documentId` | `kgx:documentId` | document | the document id |
//! | `datePublished`, `url`, `headline` | `schema:datePublished` (`xsd:date`), `schema:url` (IRI), `schema:headline` | document | from the input's `date`, `url`, `title` |
//! | `sourceName` | `kgx:source` | document | the input's `source` |
//!
//! Documents the input described (JSON-lines `date`, `url`, `title`,
//! `source`, or `--date-from-path`) are `schema:NewsArticle` nodes with the
//! IRI `B` `document/<id>`.
//!
//! Byte offsets, not characters: Web Annotation's `TextPositionSelector`
//! counts characters, so kgx keeps its own terms.
//!
//! # Streaming
//!
//! The document is written item by item: the context (which needs only the
//! relation names), then each entity with its out-edges, then each
//! statement. Only one item is held in memory at a time, not the document.

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

/// Check a base IRI against RFC 3987 (the `IRI` rule, without a fragment):
/// a scheme, then only characters an IRI may carry, `%` only before two hex
/// digits, a numeric port, brackets only around an IP literal host; and
/// ending in `/` or `:` so that `entity/...` can be appended. A `#` is
/// refused: kgx appends `vocab#<term>`, and an IRI has one fragment at most.
pub fn check_base_iri(base: &str) -> Result<(), String> {
    let scheme_ok = base.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if !scheme_ok {
        return Err(format!("base IRI \"{base}\" is not absolute (expected e.g. \"urn:kgx:\" or \"https://example.org/kg/\")"));
    }
    let (_, rest) = base.split_once(':').expect("checked above");
    if let Some(i) = base.find('#') {
        return Err(format!(
            "base IRI \"{base}\" has a fragment ('#' at byte {i}): kgx appends \"vocab#...\" and an IRI has one '#' at most (try \"{}/\")",
            &base[..i]
        ));
    }
    // The authority, when there is one: [userinfo@]host[:port].
    let (authority, path) = match rest.strip_prefix("//") {
        Some(r) => {
            let end = r.find(['/', '?']).unwrap_or(r.len());
            (Some(&r[..end]), &r[end..])
        }
        None => (None, rest),
    };
    if let Some(auth) = authority {
        let host_port = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
        let (host, port) = if let Some(literal) = host_port.strip_prefix('[') {
            let Some((inside, after)) = literal.split_once(']') else {
                return Err(format!(
                    "base IRI \"{base}\" has a '[' without ']' in its host"
                ));
            };
            if inside.is_empty()
                || !inside
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || ":.".contains(c) || c == 'v' || c == 'V')
            {
                return Err(format!(
                    "base IRI \"{base}\" has a malformed IP literal \"[{inside}]\""
                ));
            }
            (None, after.strip_prefix(':'))
        } else {
            match host_port.rsplit_once(':') {
                Some((h, p)) => (Some(h), Some(p)),
                None => (Some(host_port), None),
            }
        };
        if let Some(p) = port {
            if !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "base IRI \"{base}\" has a port \"{p}\" that is not a number"
                ));
            }
        }
        if let Some(h) = host {
            check_iri_chars(base, h, "")?;
        }
        let userinfo = auth.rsplit_once('@').map(|(u, _)| u);
        if let Some(u) = userinfo {
            check_iri_chars(base, u, ":")?;
        }
    }
    check_iri_chars(base, path, ":@/?")?;
    if !base.ends_with(['/', ':']) {
        return Err(format!(
            "base IRI \"{base}\" must end in '/' or ':' (try \"{base}/\")"
        ));
    }
    Ok(())
}

/// Check that `part` of `base` holds only RFC 3987 `iunreserved`,
/// `sub-delims`, `pct-encoded` and the characters of `extra`.
fn check_iri_chars(base: &str, part: &str, extra: &str) -> Result<(), String> {
    let mut chars = part.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '%' {
            let hex: String = part[i + 1..].chars().take(2).collect();
            if hex.len() != 2 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                return Err(format!(
                    "base IRI \"{base}\" has a bad percent escape \"%{hex}\" (write '%' as %25)"
                ));
            }
            chars.next();
            chars.next();
            continue;
        }
        let ok = c.is_ascii_alphanumeric()
            || "-._~".contains(c)
            || "!$&'()*+,;=".contains(c)
            || extra.contains(c)
            || is_ucschar(c);
        if !ok {
            return Err(format!(
                "base IRI \"{base}\" contains {c:?}, which IRIs cannot carry there (percent-encode it)"
            ));
        }
    }
    Ok(())
}

/// RFC 3987 `ucschar`: the non-ASCII characters an IRI may carry as they are.
fn is_ucschar(c: char) -> bool {
    let c = c as u32;
    matches!(c, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF)
        || (0x10000..=0xEFFFD).contains(&c) && (c & 0xFFFF) <= 0xFFFD
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
/// `Q` followed by digits: a Wikidata item id.
fn is_wikidata_id(q: &str) -> bool {
    q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit())
}

/// An `http(s)://` IRI with no character that would need escaping in N-Triples.
fn is_web_iri(u: &str) -> bool {
    (u.starts_with("http://") || u.starts_with("https://"))
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|^`\\".contains(c))
}

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

    /// The compact term of a relation, `rel:<relation>`.
    fn relation_term(relation: &str) -> String {
        format!("rel:{}", iri_segment(relation))
    }

    /// The IRI of a relation, `<base>relation/<relation>`.
    fn relation_iri(&self, relation: &str) -> String {
        format!("{}relation/{}", self.base_iri, iri_segment(relation))
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
        c.insert(
            "rel".into(),
            Value::String(format!("{}relation/", self.base_iri)),
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
        c.insert("xsd".into(), plain("http://www.w3.org/2001/XMLSchema#"));
        let date = |iri: &str| json!({ "@id": iri, "@type": "xsd:date" });
        c.insert("sameAs".into(), id_ref("schema:sameAs"));
        c.insert("firstSeen".into(), date("kgx:firstSeen"));
        c.insert("lastSeen".into(), date("kgx:lastSeen"));
        c.insert("documentId".into(), plain("kgx:documentId"));
        c.insert("datePublished".into(), date("schema:datePublished"));
        c.insert("url".into(), id_ref("schema:url"));
        c.insert("headline".into(), plain("schema:headline"));
        c.insert("sourceName".into(), plain("kgx:source"));
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
        if let Some(q) = node
            .attributes
            .get("wikidata")
            .filter(|q| is_wikidata_id(q))
        {
            m.insert(
                "sameAs".into(),
                Value::String(format!("http://www.wikidata.org/entity/{q}")),
            );
        }
        if let Some((first, last)) = &node.seen {
            m.insert("firstSeen".into(), clean(first));
            m.insert("lastSeen".into(), clean(last));
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
        let mut m = self.statement_without_evidence(s, o, e);
        if !e.data.evidence.is_empty() {
            let ev = self.evidence_of(s, o, e).collect();
            m.insert("evidence".into(), Value::Array(ev));
        }
        Value::Object(m)
    }

    /// The evidence nodes of an edge, one at a time.
    fn evidence_of<'a>(
        &'a self,
        s: &Node,
        o: &Node,
        e: &'a Edge,
    ) -> impl Iterator<Item = Value> + 'a {
        let path = Self::edge_path(s, e, o);
        e.data
            .evidence
            .iter()
            .enumerate()
            .map(move |(i, ev)| self.evidence(&format!("{}evidence/{path}/{i}", self.base_iri), ev))
    }

    /// Write one statement at the indentation of a `@graph` item, its
    /// evidence streamed piece by piece (an edge may have tens of thousands):
    /// the same bytes as [`write_nested`] of [`JsonLd::statement`].
    fn write_statement(&self, out: &mut dyn Write, s: &Node, o: &Node, e: &Edge) -> io::Result<()> {
        let m = self.statement_without_evidence(s, o, e);
        if e.data.evidence.is_empty() {
            return write_nested(out, &Value::Object(m), 4);
        }
        // Keys are sorted: those before "evidence", the evidence, the rest.
        let entry = |out: &mut dyn Write, k: &str, v: &Value| -> io::Result<()> {
            out.write_all(b"      ")?;
            serde_json::to_writer(&mut *out, k)?;
            out.write_all(b": ")?;
            write_nested(out, v, 6)
        };
        out.write_all(b"{\n")?;
        for (k, v) in m.iter().filter(|(k, _)| k.as_str() < "evidence") {
            entry(out, k, v)?;
            out.write_all(b",\n")?;
        }
        out.write_all(b"      \"evidence\": [")?;
        for (i, ev) in self.evidence_of(s, o, e).enumerate() {
            out.write_all(if i == 0 {
                b"\n        "
            } else {
                b",\n        "
            })?;
            write_nested(out, &ev, 8)?;
        }
        out.write_all(b"\n      ]")?;
        for (k, v) in m.iter().filter(|(k, _)| k.as_str() > "evidence") {
            out.write_all(b",\n")?;
            entry(out, k, v)?;
        }
        out.write_all(b"\n    }")
    }

    fn statement_without_evidence(&self, s: &Node, o: &Node, e: &Edge) -> Map<String, Value> {
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
            Value::String(self.relation_iri(&e.relation)),
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
        if let Some((first, last)) = &e.seen {
            m.insert("firstSeen".into(), clean(first));
            m.insert("lastSeen".into(), clean(last));
        }
        if !e.data.roles.is_empty() {
            m.insert("roles".into(), clean_list(&e.data.roles));
        }
        if !e.data.modalities.is_empty() {
            m.insert("modalities".into(), clean_list(&e.data.modalities));
        }
        m
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

    /// The whole document as a JSON value (tests; the exporter streams).
    pub fn to_value(&self, graph: &KnowledgeGraph) -> Value {
        let mut items: Vec<Value> = Vec::new();
        self.for_each_item(graph, |v| {
            items.push(v);
            Ok(())
        })
        .expect("collecting cannot fail");
        json!({ "@context": self.context(graph), "@graph": items })
    }

    /// A document of the graph, with what the input said of it (date,
    /// title, source, URL).
    fn document(&self, id: &str, meta: &crate::document::Meta) -> Value {
        let mut m = Map::new();
        m.insert(
            "@id".into(),
            Value::String(format!("{}document/{}", self.base_iri, iri_segment(id))),
        );
        m.insert("@type".into(), Value::String("schema:NewsArticle".into()));
        m.insert("documentId".into(), clean(id));
        for (key, value) in [
            ("datePublished", &meta.date),
            ("headline", &meta.title),
            ("sourceName", &meta.source),
        ] {
            if let Some(v) = value {
                m.insert(key.into(), clean(v));
            }
        }
        // Only an absolute IRI is a link; anything else stays out rather than break the graph.
        if let Some(url) = meta.url.as_deref().filter(|u| is_web_iri(u)) {
            m.insert("url".into(), clean(url));
        }
        Value::Object(m)
    }

    /// Each item of `@graph` in order: entities (with their out-edges, which
    /// come sorted by subject like the nodes), then statements, then documents.
    fn for_each_item(
        &self,
        graph: &KnowledgeGraph,
        mut f: impl FnMut(Value) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut edges = graph.edges().peekable();
        for n in graph.nodes() {
            let mut out_edges: Vec<(&Edge, &Node)> = Vec::new();
            while let Some((s, o, e)) = edges.next_if(|(s, _, _)| s.id <= n.id) {
                if s.id == n.id {
                    out_edges.push((e, o));
                }
            }
            f(self.entity(n, &out_edges))?;
        }
        for (s, o, e) in graph.edges() {
            f(self.statement(s, o, e))?;
        }
        // The documents, with what the input said of them (date, title, ...).
        for (id, meta) in graph.documents().iter() {
            f(self.document(id, meta))?;
        }
        Ok(())
    }
}

/// Write `value` pretty-printed as serde_json does, each line after the
/// first indented by `indent` spaces (JSON strings hold no raw newline, so
/// this nests it in an outer pretty document).
fn write_nested(out: &mut dyn Write, value: &Value, indent: usize) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    let pad = vec![b' '; indent];
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(&pad)?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

impl Exporter for JsonLd {
    /// Streams the document: the same bytes as `serde_json::to_writer_pretty`
    /// of [`JsonLd::to_value`], one item in memory at a time.
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"@context\": ")?;
        write_nested(out, &self.context(graph), 2)?;
        out.write_all(b",\n  \"@graph\": [")?;
        let mut first = true;
        let mut next = |out: &mut dyn Write| {
            let sep: &[u8] = if first { b"\n    " } else { b",\n    " };
            first = false;
            out.write_all(sep)
        };
        let mut edges = graph.edges().peekable();
        for n in graph.nodes() {
            let mut out_edges: Vec<(&Edge, &Node)> = Vec::new();
            while let Some((s, o, e)) = edges.next_if(|(s, _, _)| s.id <= n.id) {
                if s.id == n.id {
                    out_edges.push((e, o));
                }
            }
            next(out)?;
            write_nested(out, &self.entity(n, &out_edges), 4)?;
        }
        for (s, o, e) in graph.edges() {
            next(out)?;
            self.write_statement(out, s, o, e)?;
        }
        for (id, meta) in graph.documents().iter() {
            next(out)?;
            write_nested(out, &self.document(id, meta), 4)?;
        }
        let end: &[u8] = if first { b"]\n}\n" } else { b"\n  ]\n}\n" };
        out.write_all(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{EdgeData, GraphBuilder};

    fn graph(edges: usize) -> KnowledgeGraph {
        let mut b = GraphBuilder::new();
        for id in ["a", "b", "c"] {
            b.add_node(
                Node::new(id, &id.to_uppercase(), EntityType::Country).with_mentions("d", 1),
            );
        }
        let pairs = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "a")];
        for (s, o) in pairs.iter().take(edges) {
            let mut data = EdgeData {
                count: 2,
                ..EdgeData::default()
            };
            if *s != "a" {
                for i in 0..3 {
                    data.evidence.insert(
                        crate::graph::Evidence::new(
                            "d",
                            i,
                            "A \"quoted\" sentence\nover two lines.",
                            "r",
                            (0, 1),
                            (2, 3),
                        )
                        .with_trigger((i == 1).then_some((4, 5))),
                    );
                }
            }
            b.add_edge(s, "mentions", o, data);
        }
        b.build()
    }

    /// The streamed document is byte for byte the pretty-printed value.
    #[test]
    fn streaming_writes_what_the_value_prints() {
        for edges in [0, 1, 4] {
            for g in [graph(edges), GraphBuilder::new().build()] {
                let j = JsonLd::default();
                let mut streamed = Vec::new();
                j.write(&g, &mut streamed).unwrap();
                let mut whole = serde_json::to_vec_pretty(&j.to_value(&g)).unwrap();
                whole.push(b'\n');
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    String::from_utf8(whole).unwrap(),
                    "{edges} edges"
                );
            }
        }
    }

    /// Issue 16, finding 9: a relation named like one of kgx's own terms
    /// (`mentions`) gets an IRI of its own, never `kgx:mentions`.
    #[test]
    fn relation_named_like_a_kgx_term_has_its_own_iri() {
        let doc = JsonLd::default().to_value(&graph(1));
        let a = &doc["@graph"][0];
        assert_eq!(a["mentions"], 1, "the mention count");
        assert_eq!(
            a["rel:mentions"],
            json!(["urn:kgx:entity/b"]),
            "the relation"
        );
        assert_eq!(doc["@context"]["rel"], "urn:kgx:relation/");
        let st = &doc["@graph"][3];
        assert_eq!(st["predicate"], "urn:kgx:relation/mentions");
    }

    #[test]
    fn base_iri_table() {
        let good = [
            "urn:kgx:",
            "https://example.org/kg/",
            "http://例え.テスト/グラフ/",
            "https://user:pw@example.org:8080/a%20b/",
            "http://[::1]:80/kg/",
            "tag:example.org,2026:kg:",
            "https://example.org/kg?v=1/",
        ];
        for b in good {
            assert_eq!(check_base_iri(b), Ok(()), "{b}");
        }
        let bad = [
            ("https://example.org/kg#", "has a fragment"),
            ("https://example.org/kg#x/", "has a fragment"),
            ("https://example.org/a%2/", "bad percent escape \"%2/\""),
            ("https://example.org/a%zz/", "bad percent escape \"%zz\""),
            ("https://example.org/%", "bad percent escape \"%\""),
            ("http://exa mple.org/", "contains ' '"),
            ("https://example.org:port/", "port \"port\""),
            ("https://[::1/", "'[' without ']'"),
            ("https://[zz]/", "malformed IP literal"),
            ("https://example.org/a|b/", "contains '|'"),
            ("https://example.org/\u{fffe}/", "contains '\\u{fffe}'"),
            ("https://example.org/kg", "must end in '/' or ':'"),
            ("kgx", "is not absolute"),
            ("1http://x/", "is not absolute"),
            ("", "is not absolute"),
        ];
        for (b, want) in bad {
            let err = check_base_iri(b).expect_err(b);
            assert!(err.contains(want), "{b}: {err}");
        }
    }
}
