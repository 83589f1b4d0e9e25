//! The export formats, described in one table, [`FORMATS`]: a format's
//! names, the files it writes and the writer of each, its media type, the
//! clients that read it and whether its writer streams. The command line's
//! `--format` ([`Format::parse_list`]), the writer dispatch
//! ([`Format::exporters`]), the file names a run owns
//! ([`export_file_names`](super::export_file_names)) and the format table of
//! `docs/EXPORTS.md` ([`markdown_table`], checked by a test) all read it; a
//! new format is one row here and one writer module.

use std::fmt;
use std::str::FromStr;

use super::{csv, dot, gexf, graphml, html, jsonld, render, ExportOptions, Exporter};
use crate::error::{Error, ErrorKind};

/// An export format (its row of [`FORMATS`] is [`Format::spec`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// GraphML (`.graphml`), for Gephi, yEd, networkx, igraph.
    Graphml,
    /// GEXF (`.gexf`), Gephi's own format.
    Gexf,
    /// Graphviz DOT (`.dot`).
    Dot,
    /// JSON-LD (`.jsonld`), linked data.
    Jsonld,
    /// Two CSV files, `.nodes.csv` and `.edges.csv`.
    Csv,
    /// One self-contained HTML report (`.html`): the graph, its evidence, the documents.
    Html,
}

/// One file a format writes.
#[derive(Clone, Copy, Debug)]
pub struct FileSpec {
    /// The file name's suffix after `<name>.` (`graphml`, `nodes.csv`).
    pub suffix: &'static str,
    /// Written for every graph; `false`: only for a graph the writer
    /// [applies](Exporter::applies) to (the documents table, for documents
    /// the input described).
    pub always: bool,
    /// Makes the file's writer.
    pub writer: fn(&ExportOptions) -> Box<dyn Exporter>,
}

/// What kgx knows of one export format: one row of [`FORMATS`].
#[derive(Clone, Copy, Debug)]
pub struct FormatSpec {
    /// The format.
    pub format: Format,
    /// Its name on the command line (`--format`) and in messages.
    pub name: &'static str,
    /// Other names `--format` accepts for it (any case, like `name`).
    pub aliases: &'static [&'static str],
    /// Its name for people, with the version written (`GEXF 1.3`).
    pub title: &'static str,
    /// The files it writes, in order.
    pub files: &'static [FileSpec],
    /// The media type of its files (GraphML's and GEXF's are the names in
    /// use, not registered with IANA).
    pub media_type: &'static str,
    /// The clients that read it (`tests/interop.rs` runs them).
    pub read_by: &'static str,
    /// The pictures `kgx extract` renders from it when Graphviz is installed.
    pub pictures: &'static [&'static str],
    /// Whether the writer streams: it writes node by node and edge by edge
    /// and holds no more than one item in memory, not the whole document.
    pub streams: bool,
}

/// Every export format, in the order of `--format` help and of
/// [`Format::ALL`] (the variants' order: a row's index is its format's).
pub const FORMATS: &[FormatSpec] = &[
    FormatSpec {
        format: Format::Graphml,
        name: "graphml",
        aliases: &[],
        title: "GraphML",
        files: &[FileSpec {
            suffix: "graphml",
            always: true,
            writer: |o| {
                Box::new(graphml::Graphml {
                    gephi_edge_label: o.gephi_edge_label,
                })
            },
        }],
        media_type: "application/graphml+xml",
        read_by: "Gephi, networkx, igraph, graphology, yEd",
        pictures: &[],
        streams: true,
    },
    FormatSpec {
        format: Format::Gexf,
        name: "gexf",
        aliases: &[],
        title: "GEXF 1.3",
        files: &[FileSpec {
            suffix: "gexf",
            always: true,
            writer: |_| Box::new(gexf::Gexf),
        }],
        media_type: "application/gexf+xml",
        read_by: "Gephi, Gephi Lite, graphology, networkx",
        pictures: &[],
        streams: true,
    },
    FormatSpec {
        format: Format::Dot,
        name: "dot",
        aliases: &["gv"],
        title: "DOT",
        files: &[FileSpec {
            suffix: "dot",
            always: true,
            writer: |_| Box::new(dot::Dot),
        }],
        media_type: "text/vnd.graphviz",
        read_by: "Graphviz (`dot -Tsvg`)",
        pictures: &render::PICTURE_FORMATS,
        streams: true,
    },
    FormatSpec {
        format: Format::Jsonld,
        name: "jsonld",
        aliases: &["json-ld"],
        title: "JSON-LD",
        files: &[FileSpec {
            suffix: "jsonld",
            always: true,
            writer: |o| {
                Box::new(jsonld::JsonLd {
                    base_iri: o.base_iri.clone(),
                })
            },
        }],
        media_type: "application/ld+json",
        read_by: "pyld, jsonld.js, rdflib, Oxigraph, any RDF store",
        pictures: &[],
        streams: true,
    },
    FormatSpec {
        format: Format::Csv,
        name: "csv",
        aliases: &[],
        title: "CSV",
        files: &[
            FileSpec {
                suffix: "nodes.csv",
                always: true,
                writer: |_| Box::new(csv::CsvNodes),
            },
            FileSpec {
                suffix: "edges.csv",
                always: true,
                writer: |_| Box::new(csv::CsvEdges),
            },
            FileSpec {
                suffix: "documents.csv",
                always: false,
                writer: |_| Box::new(csv::CsvDocuments),
            },
        ],
        media_type: "text/csv",
        read_by: "Gephi's spreadsheet import, any spreadsheet",
        pictures: &[],
        streams: true,
    },
    FormatSpec {
        format: Format::Html,
        name: "html",
        aliases: &[],
        title: "HTML",
        files: &[FileSpec {
            suffix: "html",
            always: true,
            writer: |o| {
                Box::new(html::Html {
                    docs: o.report_docs.clone(),
                })
            },
        }],
        media_type: "text/html",
        read_by: "any browser, offline: the interactive report",
        pictures: &[],
        // The page's data is one JSON value, built whole before it is written.
        streams: false,
    },
];

impl Format {
    /// All formats, in the order of `--format` help: the rows of [`FORMATS`].
    pub const ALL: [Format; 6] = {
        assert!(FORMATS.len() == 6, "one row of FORMATS per format");
        let mut all = [Format::Graphml; 6];
        let mut i = 0;
        while i < all.len() {
            all[i] = FORMATS[i].format;
            assert!(all[i] as usize == i, "FORMATS in the order of the variants");
            i += 1;
        }
        all
    };

    /// This format's row of [`FORMATS`].
    pub fn spec(self) -> &'static FormatSpec {
        &FORMATS[self as usize]
    }

    /// The name used on the command line and in messages.
    pub fn as_str(self) -> &'static str {
        self.spec().name
    }

    /// The file name suffixes this format writes for every graph, after
    /// `<name>.` (CSV writes two tables, and a third for described documents).
    pub fn extensions(self) -> Vec<&'static str> {
        self.spec()
            .files
            .iter()
            .filter(|f| f.always)
            .map(|f| f.suffix)
            .collect()
    }

    /// The exporters of this format, one per file, with the file suffix each writes.
    pub fn exporters(self, opts: &ExportOptions) -> Vec<(&'static str, Box<dyn Exporter>)> {
        self.spec()
            .files
            .iter()
            .map(|f| (f.suffix, (f.writer)(opts)))
            .collect()
    }

    /// Parse a comma-separated list ("graphml,dot,jsonld"), rejecting
    /// unknown names and duplicates; `all` stands for every format.
    pub fn parse_list(s: &str) -> crate::Result<Vec<Format>> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim) {
            if part == "all" {
                for f in Format::ALL {
                    if !out.contains(&f) {
                        out.push(f);
                    }
                }
                continue;
            }
            let f: Format = part.parse().map_err(|m| Error::new(ErrorKind::Usage, m))?;
            if out.contains(&f) {
                return Err(Error::new(
                    ErrorKind::Usage,
                    format!("format \"{part}\" given twice"),
                ));
            }
            out.push(f);
        }
        Ok(out)
    }
}

/// The format names `--format` takes, `graphml, gexf, ..., html` (each
/// format's [`FormatSpec::name`], in order).
pub fn format_names() -> String {
    FORMATS
        .iter()
        .map(|f| f.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The format table of `docs/EXPORTS.md`, made from [`FORMATS`]: format,
/// files, media type, clients, and whether the writer streams.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| format | files | media type | read by | streams |\n| --- | --- | --- | --- | --- |\n",
    );
    for f in FORMATS {
        let mut files: Vec<String> = f
            .files
            .iter()
            .map(|file| {
                let name = format!("`<name>.{}`", file.suffix);
                if file.always {
                    name
                } else {
                    format!("{name} (when the input described its documents)")
                }
            })
            .collect();
        if !f.pictures.is_empty() {
            let pictures: Vec<String> = f.pictures.iter().map(|p| format!("`.{p}`")).collect();
            if let Some(last) = files.last_mut() {
                last.push_str(&format!(
                    " (+ {} when Graphviz is installed)",
                    pictures.join(", ")
                ));
            }
        }
        out.push_str(&format!(
            "| {} | {} | `{}` | {} | {} |\n",
            f.title,
            files.join(", "),
            f.media_type,
            f.read_by,
            if f.streams { "yes" } else { "no" }
        ));
    }
    out
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        let lower = s.to_ascii_lowercase();
        FORMATS
            .iter()
            .find(|f| f.name == lower || f.aliases.contains(&lower.as_str()))
            .map(|f| f.format)
            .ok_or_else(|| {
                format!(
                    "unknown format \"{s}\" (expected one of {}, all)",
                    format_names()
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row's names parse back to its format, in any case, and no
    /// name or alias belongs to two formats.
    #[test]
    fn every_name_and_alias_parses_to_its_row() {
        let mut seen = Vec::new();
        for f in FORMATS {
            for name in std::iter::once(&f.name).chain(f.aliases) {
                assert!(!seen.contains(name), "{name} names two formats");
                seen.push(*name);
                assert_eq!(name.parse::<Format>(), Ok(f.format), "{name}");
                let upper = name.to_ascii_uppercase();
                assert_eq!(upper.parse::<Format>(), Ok(f.format), "{upper}");
            }
        }
        assert_eq!(
            "svg".parse::<Format>(),
            Err(
                "unknown format \"svg\" (expected one of graphml, gexf, dot, jsonld, csv, html, all)"
                    .to_string()
            )
        );
    }

    /// The writers are dispatched from the table: one per file, in the
    /// table's order, and the always-written files are the extensions.
    #[test]
    fn exporters_follow_the_files_of_the_row() {
        let opts = ExportOptions::default();
        for f in Format::ALL {
            let suffixes: Vec<&str> = f.exporters(&opts).into_iter().map(|(s, _)| s).collect();
            let files: Vec<&str> = f.spec().files.iter().map(|x| x.suffix).collect();
            assert_eq!(suffixes, files, "{f}");
            assert!(f.extensions().iter().all(|e| files.contains(e)), "{f}");
        }
        assert_eq!(Format::Csv.extensions(), ["nodes.csv", "edges.csv"]);
    }
}
