//! Exporters: the finished [`KnowledgeGraph`] written for Gephi, Graphviz,
//! graph libraries and linked-data tools.
//!
//! One file per format, each behind the small [`Exporter`] trait, each
//! writing to any [`std::io::Write`], each with its escaping in one
//! documented function:
//!
//! | format | module |
//! | --- | --- |
//! | GraphML | [`graphml`] |
//! | GEXF 1.3 | [`gexf`] |
//! | DOT | [`dot`] (pictures: [`render`]) |
//! | JSON-LD | [`jsonld`] |
//! | CSV | [`csv`] |
//! | HTML | [`html`] |
//!
//! What each format writes (files, media type, clients, streaming) is one
//! table, [`FORMATS`] in [`format`](mod@format): the command line, the writer dispatch
//! and `docs/EXPORTS.md` read it.
//!
//! Every export carries the same graph: the same node ids (the slugs), the
//! same edges in the same order (nodes by id, edges by (subject, relation,
//! object)), and every attribute the format can hold.
//!
//! # List-valued attributes
//!
//! Where a format has only scalar attributes (GraphML, GEXF, CSV, DOT), a
//! list or record is written as **JSON text** in a string attribute, always,
//! also when empty (`[]`): `documents`, `aliases_seen`, `roles`,
//! `modalities`, the node's free `attributes` (a JSON object) and the edge's
//! `evidence` (an array of objects with `doc`, `sentence`, `text`,
//! `subject_span`, `object_span`, `trigger_span` (or `null`) and `rule`, spans
//! being `[start, end]` byte offsets into the document, and, where an end came
//! through coreference ("he", "the talks"), `subject_chain` / `object_chain`:
//! the spans of its antecedents, nearest first, back to the name). JSON needs no
//! escaping convention of our own and every client can parse it back;
//! see [`json_list`] and [`evidence_json`]. JSON-LD writes real lists.
//!
//! # Writing files
//!
//! [`write_exports`] writes every file of a run to an exclusively created
//! temporary file beside its destination and renames them into place only
//! when all were written, so a reader never sees a half-written export and a
//! failed run leaves the previous exports untouched. [`check_output_dir`]
//! checks the folder before any work starts; [`clean_stale_temps`] removes
//! what killed runs left. See [`files`].

pub mod csv;
pub mod dot;
pub mod files;
pub mod format;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod jsonld;
pub mod render;
mod xml;

pub use files::{check_output_dir, clean_stale_temps, write_files, FileJob};
pub use format::{format_names, FileSpec, Format, FormatSpec, FORMATS};

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};
use crate::gazetteer::EntityType;
use crate::graph::{Edge, Evidence, KnowledgeGraph, Node};

/// Writes a graph in one format to any writer.
pub trait Exporter {
    /// Write `graph` to `out`.
    fn write(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()>;

    /// Whether this file is written for `graph` (a table only some graphs have).
    fn applies(&self, _graph: &KnowledgeGraph) -> bool {
        true
    }
}

/// Options that change what the exporters write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Base of every IRI in the JSON-LD export: entities are
    /// `<base>entity/<slug>`, the vocabulary `<base>vocab#`, relations
    /// `<base>relation/<name>`. Must be an absolute IRI (RFC 3987) ending in
    /// `/` or `:`, without `#`. Default `urn:kgx:`.
    pub base_iri: String,
    /// Write Gephi's non-standard `label="<relation>"` attribute on each
    /// GraphML `<edge>`, so Gephi keeps parallel edges of different relations
    /// apart. Default `true`; see [`graphml`] for why.
    pub gephi_edge_label: bool,
    /// The documents the HTML report shows in its document view (collected
    /// during the run; `None`: evidence sentences only).
    pub report_docs: Option<std::sync::Arc<html::ReportDocs>>,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            base_iri: "urn:kgx:".to_string(),
            gephi_edge_label: true,
            report_docs: None,
        }
    }
}

impl ExportOptions {
    /// Check the options without I/O (call before any work starts).
    pub fn validate(&self) -> crate::Result<()> {
        jsonld::check_base_iri(&self.base_iri).map_err(|m| Error::new(ErrorKind::Usage, m))
    }
}

/// Write `<dir>/<name>.<ext>` for each format (CSV: `<name>.nodes.csv` and
/// `<name>.edges.csv`) and return the paths written, in format order.
///
/// All files are first written to exclusive temporary files in `dir`, then
/// renamed into place (see [`files`]). If any write fails, every temporary
/// file is deleted and the previous exports stay as they were.
pub fn write_exports(
    graph: &KnowledgeGraph,
    dir: &Path,
    name: &str,
    formats: &[Format],
    opts: &ExportOptions,
) -> crate::Result<Vec<PathBuf>> {
    write_exports_replacing(graph, dir, name, formats, opts, &[])
}

/// [`write_exports`], removing the `obsolete` files (renderings of the
/// previous DOT export) once every new file is written, just before the new
/// files are renamed into place: no outdated file is left beside new data,
/// and a failed run removes nothing.
pub fn write_exports_replacing(
    graph: &KnowledgeGraph,
    dir: &Path,
    name: &str,
    formats: &[Format],
    opts: &ExportOptions,
    obsolete: &[PathBuf],
) -> crate::Result<Vec<PathBuf>> {
    opts.validate()?;
    let mut jobs: Vec<FileJob> = Vec::new();
    for &format in formats {
        for (ext, exporter) in format.exporters(opts) {
            if !exporter.applies(graph) {
                continue;
            }
            let dest = dir.join(format!("{name}.{ext}"));
            if jobs.iter().any(|j| j.dest == dest) {
                continue;
            }
            jobs.push(FileJob { dest, exporter });
        }
    }
    write_files(graph, jobs, obsolete)
}

/// The file names (`<name>.<ext>`) a run with these formats writes.
pub fn export_file_names(name: &str, formats: &[Format]) -> Vec<String> {
    formats
        .iter()
        .flat_map(|f| {
            f.extensions()
                .into_iter()
                .map(move |ext| format!("{name}.{ext}"))
        })
        .collect()
}

/// Write a graph in one format to a `Vec<u8>` (tests, previews).
/// CSV gives its two tables in order, nodes then edges.
pub fn to_bytes(graph: &KnowledgeGraph, format: Format, opts: &ExportOptions) -> Vec<u8> {
    let mut out = Vec::new();
    for (_, exporter) in format.exporters(opts) {
        if !exporter.applies(graph) {
            continue;
        }
        exporter
            .write(graph, &mut out)
            .expect("writing to a Vec cannot fail");
    }
    out
}

/// The colour of a node type, as (r, g, b), shared by every format that draws.
/// (The categorical "tab10" palette, colour-blind safe for these five.)
pub fn type_color(t: EntityType) -> (u8, u8, u8) {
    match t {
        EntityType::Person => (31, 119, 180),
        EntityType::Country => (214, 39, 40),
        EntityType::Organization => (44, 160, 44),
        EntityType::Place => (148, 103, 189),
        EntityType::Event => (255, 127, 14),
    }
}

/// `#rrggbb` of [`type_color`].
pub fn type_color_hex(t: EntityType) -> String {
    let (r, g, b) = type_color(t);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Whether a node is a name discovery found, not a gazetteer entity (its
/// attribute `discovered = "true"`): the pictures draw it with a dashed outline.
pub fn is_discovered(node: &Node) -> bool {
    node.attributes
        .get("discovered")
        .is_some_and(|v| v == "true")
}

/// Node size for drawing: 10 plus 4 per square root of the mentions, whole numbers.
pub fn node_size(node: &Node) -> u64 {
    10 + (4.0 * (node.mentions as f64).sqrt()).round() as u64
}

/// A list of strings as JSON array text (the list encoding of every
/// scalar-attribute format): `["a","b"]`, `[]` when empty.
pub fn json_list<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    serde_json::to_string(&items.into_iter().map(|s| sanitize(s)).collect::<Vec<_>>())
        .expect("strings serialize")
}

/// A node's free attributes as a JSON object text, `{}` when empty.
pub fn attributes_json(node: &Node) -> String {
    let map: std::collections::BTreeMap<_, _> = node
        .attributes
        .iter()
        .map(|(k, v)| (sanitize(k), sanitize(v)))
        .collect();
    serde_json::to_string(&map).expect("strings serialize")
}

/// An edge's evidence as JSON array text; see the module docs for the fields.
///
/// Serialised piece by piece from borrowed fields (no JSON value tree): an
/// edge with 50,000 pieces of evidence costs its text, not a kilobyte of
/// tree per piece.
pub fn evidence_json(edge: &Edge) -> String {
    struct All<'a>(&'a Edge);
    impl serde::Serialize for All<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.data.evidence.iter().map(EvidenceOut::of))
        }
    }
    serde_json::to_string(&All(edge)).expect("evidence serializes")
}

/// One piece of evidence as written: fields in the order of the keys
/// (sorted, as every kgx JSON object is).
#[derive(serde::Serialize)]
struct EvidenceOut<'a> {
    doc: std::borrow::Cow<'a, str>,
    /// Where the object came through coreference: its antecedents' spans.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    object_chain: Vec<[usize; 2]>,
    object_span: [usize; 2],
    rule: std::borrow::Cow<'a, str>,
    sentence: usize,
    /// Where the subject came through coreference: its antecedents' spans.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subject_chain: Vec<[usize; 2]>,
    subject_span: [usize; 2],
    text: std::borrow::Cow<'a, str>,
    trigger_span: Option<[usize; 2]>,
}

impl<'a> EvidenceOut<'a> {
    fn of(e: &'a Evidence) -> EvidenceOut<'a> {
        EvidenceOut {
            doc: sanitize(&e.doc),
            object_chain: e.object_chain.iter().map(|&(s, t)| [s, t]).collect(),
            object_span: [e.object_span.0, e.object_span.1],
            rule: sanitize(&e.rule),
            sentence: e.sentence,
            subject_chain: e.subject_chain.iter().map(|&(s, t)| [s, t]).collect(),
            subject_span: [e.subject_span.0, e.subject_span.1],
            text: sanitize(&e.text),
            trigger_span: e.trigger_span.map(|(s, t)| [s, t]),
        }
    }
}

/// `s` with [`is_forbidden_control`] characters replaced by U+FFFD: what
/// every format writes, so all exports carry the same strings.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_forbidden_control) {
        std::borrow::Cow::Owned(
            s.chars()
                .map(|c| {
                    if is_forbidden_control(c) {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The characters XML 1.0 cannot carry (U+0000-U+0008, U+000B, U+000C,
/// U+000E-U+001F, U+FFFE, U+FFFF): every format replaces them with U+FFFD,
/// also those (CSV, JSON-LD, DOT) that could carry some of them, so that all
/// exports carry the same strings. Tab, newline and CR are kept.
pub fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}
