//! Command-line definitions: clap parses, the `validate`/`plan` methods check
//! the values (no I/O here, except reading the current folder's name).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use kgx::error::{Error, ErrorKind};
use kgx::export::{ExportOptions, Format};

/// kgx: extract a knowledge graph from news articles.
#[derive(Debug, Parser)]
#[command(name = "kgx", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of kgx.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the graph of the inputs and write exports (default: seeds/ to exports/).
    Extract(ExtractArgs),
    /// Fold partial graphs (from `extract --emit partial`) into one graph and write exports.
    Merge(MergeArgs),
    /// Print every mention as a JSON line (doc, start, end, text, entity, type, kind).
    Tag(TagArgs),
    /// Score entities and relations against a gold file.
    Eval(EvalArgs),
    /// Show the evidence and rules behind an edge, or why there is none, sentence by sentence.
    Explain(ExplainArgs),
    /// Check and summarise the gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Write gazetteer entries for the names discovery finds that the gazetteer lacks (to review, then add).
    Suggest(SuggestArgs),
    /// Train the part-of-speech tagger and dependency parser on a UD treebank (fixed seed).
    TrainSyntax(TrainSyntaxArgs),
    /// Score the tagger and parser on a UD treebank with gold tokens: UPOS, UAS, LAS, speed.
    EvalSyntax(EvalSyntaxArgs),
}

/// Options of `kgx tag`.
#[derive(Debug, Clone, Args)]
pub struct TagArgs {
    /// The inputs and the gazetteer.
    #[command(flatten)]
    pub input: InputArgs,
    /// Tag and parse every sentence and print CoNLL-U instead of mentions
    /// (FORM is the token's original text, MISC its byte span).
    #[arg(long)]
    pub syntax: bool,
}

/// Options of `kgx train-syntax`.
#[derive(Debug, Clone, Args)]
pub struct TrainSyntaxArgs {
    /// Treebank folder holding train.conllu and dev.conllu.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "../shared/data/ud-english-ewt"
    )]
    pub treebank: PathBuf,
    /// Folder to write tagger.bin and parser.bin into.
    #[arg(long, value_name = "DIR", default_value = "models")]
    pub out: PathBuf,
    /// Seed of the sentence order and exploration.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Train on the first N sentences only (quick checks).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Parser epochs (the best on dev.conllu is kept).
    #[arg(long, value_name = "N", default_value_t = 12)]
    pub parser_epochs: usize,
    /// Tagger epochs.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub tagger_epochs: usize,
    /// Jackknife folds for the parser's training tags (1: gold tags).
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub folds: usize,
    /// Drop quantised weights (out of ±2047) below N from the model files.
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub min_weight: i16,
}

/// Options of `kgx eval-syntax`.
#[derive(Debug, Clone, Args)]
pub struct EvalSyntaxArgs {
    /// CoNLL-U file with gold tokens, tags and trees.
    #[arg(default_value = "../shared/data/ud-english-ewt/test.conllu")]
    pub conllu: PathBuf,
    /// Folder with tagger.bin and parser.bin (default: the models built into kgx).
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Drop quantised weights below N in magnitude first (to choose the shipped threshold).
    #[arg(long, value_name = "N")]
    pub prune: Option<i16>,
}

/// The commands of `kgx gazetteer`.
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Load the gazetteer, report errors, aliases claimed by several entities, and counts by type.
    Check(GazetteerArgs),
}

/// The gazetteer and rules options every reading command shares.
#[derive(Debug, Clone, Args)]
pub struct GazetteerArgs {
    /// Gazetteer file or folder added to the shipped gazetteer (repeatable; each
    /// is a layer: an entry with the id of an entity already loaded extends it).
    #[arg(long = "gazetteer", value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Leave out the gazetteer shipped in kgx (use only the --gazetteer files).
    #[arg(long)]
    pub no_default_gazetteer: bool,
    /// Relation rules file added to the shipped rules (repeatable).
    #[arg(long, value_name = "FILE")]
    pub rules: Vec<PathBuf>,
    /// Leave out the relation rules shipped in kgx (use only the --rules files).
    #[arg(long)]
    pub no_default_rules: bool,
    /// Frame lexicon (predicates and their argument roles, read over a parse);
    /// replaces the shipped lexicon/frames.txt.
    #[arg(long, value_name = "FILE")]
    pub frames: Option<PathBuf>,
    /// Read relations with the rules only: no parse, no frames.
    #[arg(long, conflicts_with = "frames")]
    pub no_frames: bool,
}

/// The input options every reading command shares.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Input files or folders (folders are searched for .txt files; `-` is standard input); default: seeds/.
    pub inputs: Vec<PathBuf>,
    /// The gazetteer and the rules.
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
    /// Inputs are JSON lines of {"id": ..., "text": ...} (folders are searched for .jsonl files).
    #[arg(long)]
    pub jsonl: bool,
    /// How to decode files: auto (UTF-8, UTF-16 by its BOM, else detected and
    /// reported), strict (UTF-8 or an error), lossy (UTF-8, bad bytes become
    /// U+FFFD), or an encoding name such as windows-1252, latin1, utf-16le.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub encoding: String,
    /// Date documents by YYYY/MM/DD folders in their paths (2017/01/05/a.txt);
    /// a JSON line's "date" wins.
    #[arg(long)]
    pub date_from_path: bool,
    /// Read only documents dated on or after this day (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Read only documents dated on or before this day (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Extension of input files in folders.
    #[arg(long, default_value = "txt", value_name = "EXT")]
    pub ext: String,
    /// Worker threads (default: all cores; at most 4 per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress or summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also find names the gazetteer lacks (cue words in lexicon/discovery.toml); they
    /// are tagged `kind: "discovered"` and become nodes with `discovered = true`.
    #[arg(long)]
    pub discover: bool,
}

/// The formats of `kgx suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SuggestFormat {
    /// Gazetteer TOML, review notes as comments (loads as it is).
    #[default]
    Toml,
    /// One JSON object a line, with counts, documents and context.
    Jsonl,
}

/// Options of `kgx suggest`.
#[derive(Debug, Clone, Args)]
pub struct SuggestArgs {
    /// The inputs to read, as for every reading command.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Toml)]
    pub format: SuggestFormat,
}

/// What `extract` and `merge` write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Emit {
    /// Export files in --out.
    #[default]
    Graph,
    /// Partial graphs as JSON lines on standard output, for `kgx merge`.
    Partial,
}

/// The help of `--format`, naming every format of the table.
fn format_help() -> String {
    format!(
        "Export formats, comma-separated: {}, or all",
        kgx::export::format_names()
    )
}

/// The export options of `kgx extract` and `kgx merge`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Output folder.
    #[arg(long, default_value = "exports", value_name = "DIR")]
    pub out: PathBuf,
    /// Base name of the export files (default: the input folder's name; `graph` for merge).
    #[arg(long)]
    pub name: Option<String>,
    // Export formats: the names come from the format table (kgx::export::FORMATS).
    #[arg(long, default_value = "all", value_name = "LIST", help = format_help())]
    pub format: String,
    /// Base of the JSON-LD IRIs (an absolute IRI, RFC 3987, ending in '/' or ':', no '#').
    #[arg(long, default_value = "urn:kgx:", value_name = "IRI")]
    pub base_iri: String,
    /// Leave out Gephi's non-standard `<edge label>` (strict GraphML-XSD validity;
    /// Gephi then merges parallel edges of different relations).
    #[arg(long)]
    pub strict_graphml: bool,
    /// Do not render the DOT export to SVG and PNG with Graphviz (done when `dot` is installed).
    #[arg(long)]
    pub no_render: bool,
    /// Time limit of each Graphviz rendering, in seconds (a run that takes longer is stopped
    /// and reported; the data exports are written either way).
    #[arg(long, default_value_t = 60, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub render_timeout: u64,
    /// Write the exports even when nothing was read (every input failed, or no partial
    /// graph was given): without it, the previous exports are kept.
    #[arg(long)]
    pub allow_empty: bool,
    /// Write export files, or partial graphs as JSON lines on stdout.
    #[arg(long, value_enum, default_value_t = Emit::Graph)]
    pub emit: Emit,
    /// Export only edges of these relations, comma-separated (e.g. brokered,attends,co_occurs).
    #[arg(long, value_name = "LIST")]
    pub relations: Option<String>,
    /// Export only edges of at least this weight (evidence sentences, or co-occurrences).
    #[arg(long, value_name = "N")]
    pub min_weight: Option<u64>,
    /// Leave out nodes with no edge (after the edge filters).
    #[arg(long)]
    pub drop_isolated: bool,
}

/// Options of `kgx extract`.
#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// The inputs and the gazetteer.
    #[command(flatten)]
    pub input: InputArgs,
    /// Where and how to write the graph.
    #[command(flatten)]
    pub export: ExportArgs,
    /// Add weighted same-sentence co-occurrence edges (relation "co_occurs").
    #[arg(long)]
    pub cooccurrence: bool,
}

/// Options of `kgx merge`.
#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// Partial-graph files (JSON lines); `-` or none is standard input.
    pub inputs: Vec<PathBuf>,
    /// Where and how to write the graph.
    #[command(flatten)]
    pub export: ExportArgs,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Options of `kgx eval`.
#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    /// The inputs and the gazetteer.
    #[command(flatten)]
    pub input: InputArgs,
    /// Gold file (format: docs/GOLD.md; the seeds' gold is seeds/gold.json).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Score only the gold entities the gazetteer in use knows (by id), on
    /// both sides, and the relations between them.
    #[arg(long)]
    pub known_only: bool,
}

/// Options of `kgx explain`.
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// Subject entity id (e.g. russia).
    pub subject: String,
    /// Relation name (e.g. brokered).
    pub relation: String,
    /// Object entity id (e.g. astana-talks).
    pub object: String,
    /// The inputs and the gazetteer.
    #[command(flatten)]
    pub input: InputArgs,
}

/// The default input folder.
pub const DEFAULT_INPUT: &str = "seeds";

/// The most worker threads per core `-j` gives.
pub const MAX_JOBS_PER_CORE: usize = 4;

/// The longest export base name, in bytes: with the longest suffix
/// (`.nodes.csv`) and a temporary file's decoration it stays under the 255
/// bytes most file systems allow a file name.
pub const MAX_NAME_BYTES: usize = 200;

impl InputArgs {
    /// The inputs, or the default `seeds/` folder.
    pub fn inputs_or_default(&self) -> Vec<PathBuf> {
        if self.inputs.is_empty() {
            vec![PathBuf::from(DEFAULT_INPUT)]
        } else {
            self.inputs.clone()
        }
    }

    /// Worker threads: `-j`, else every core; at most [`MAX_JOBS_PER_CORE`]
    /// per core (more only adds threads that wait and their stacks).
    pub fn jobs(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        self.jobs
            .unwrap_or(cores)
            .min(cores.saturating_mul(MAX_JOBS_PER_CORE))
    }

    /// The input extension, without a leading `.` (`--ext .txt` means `txt`).
    pub fn ext(&self) -> &str {
        self.ext.strip_prefix('.').unwrap_or(&self.ext)
    }

    /// The `--encoding` value, checked.
    pub fn encoding(&self) -> kgx::Result<kgx::input::Encoding> {
        kgx::input::Encoding::parse(&self.encoding).map_err(|m| Error::new(ErrorKind::Usage, m))
    }

    /// `--since` and `--until` as `YYYYMMDD` numbers, checked.
    pub fn date_range(&self) -> kgx::Result<(Option<u32>, Option<u32>)> {
        let parse = |flag: &str, v: &Option<String>| -> kgx::Result<Option<u32>> {
            match v {
                None => Ok(None),
                Some(s) => kgx::run::day_number(s).map(Some).ok_or_else(|| {
                    Error::new(
                        ErrorKind::Usage,
                        format!("invalid {flag} \"{s}\" (give a day as YYYY-MM-DD)"),
                    )
                }),
            }
        };
        let (since, until) = (
            parse("--since", &self.since)?,
            parse("--until", &self.until)?,
        );
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(Error::new(
                    ErrorKind::Usage,
                    "--since is after --until (no document can be in the range)",
                ));
            }
        }
        Ok((since, until))
    }

    /// Check values that need no I/O.
    pub fn validate(&self) -> kgx::Result<()> {
        self.gazetteer.validate()?;
        self.encoding()?;
        self.date_range()?;
        if self.ext().is_empty() || self.ext.contains(['/', '\\']) {
            return Err(Error::new(
                ErrorKind::Usage,
                format!(
                    "invalid --ext \"{}\" (give an extension such as txt)",
                    self.ext
                ),
            ));
        }
        if self.jobs == Some(0) {
            return Err(Error::new(
                ErrorKind::Usage,
                "invalid -j 0 (give at least one thread)",
            ));
        }
        Ok(())
    }
}

impl GazetteerArgs {
    /// Check values that need no I/O: leaving out a shipped layer needs a replacement.
    pub fn validate(&self) -> kgx::Result<()> {
        if self.no_default_gazetteer && self.gazetteer.is_empty() {
            return Err(Error::new(
                ErrorKind::Usage,
                "--no-default-gazetteer leaves no gazetteer (give one with --gazetteer PATH)",
            ));
        }
        if self.no_default_rules && self.rules.is_empty() {
            return Err(Error::new(
                ErrorKind::Usage,
                "--no-default-rules leaves no rules (give a file with --rules FILE)",
            ));
        }
        Ok(())
    }
}

impl ExportArgs {
    /// The export filters (`--relations`, `--min-weight`, `--drop-isolated`), checked.
    pub fn filter(&self) -> kgx::Result<kgx::graph::Filter> {
        let relations = match &self.relations {
            None => None,
            Some(list) => {
                let names: std::collections::BTreeSet<String> = list
                    .split(',')
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty())
                    .collect();
                if names.is_empty() {
                    return Err(Error::new(
                        ErrorKind::Usage,
                        format!(
                            "invalid --relations \"{list}\" (give relation names, comma-separated)"
                        ),
                    ));
                }
                Some(names)
            }
        };
        Ok(kgx::graph::Filter {
            relations,
            min_weight: self.min_weight.unwrap_or(0),
            drop_isolated: self.drop_isolated,
        })
    }

    /// The export formats and options, checked.
    pub fn plan(&self) -> kgx::Result<(Vec<Format>, ExportOptions)> {
        self.filter()?;
        let formats = Format::parse_list(&self.format)?;
        let opts = ExportOptions {
            base_iri: self.base_iri.clone(),
            gephi_edge_label: !self.strict_graphml,
            report_docs: None,
        };
        opts.validate()?;
        Ok((formats, opts))
    }

    /// Check a base name chosen by the user or derived from the inputs.
    pub fn check_name(name: &str) -> kgx::Result<()> {
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(Error::new(
                ErrorKind::Usage,
                format!("invalid --name \"{name}\" (a plain file name, no folders)"),
            ));
        }
        if name.len() > MAX_NAME_BYTES {
            return Err(Error::new(
                ErrorKind::Usage,
                format!(
                    "--name of {} bytes is too long for a file name (at most {MAX_NAME_BYTES})",
                    name.len()
                ),
            ));
        }
        Ok(())
    }
}

impl ExtractArgs {
    /// The export base name: `--name`, else the single input folder's (or file's) name.
    pub fn export_name(&self) -> String {
        if let Some(n) = &self.export.name {
            return n.clone();
        }
        let inputs = self.input.inputs_or_default();
        match inputs.as_slice() {
            [one] if one.as_os_str() != "-" => {
                let p = std::fs::canonicalize(one).unwrap_or_else(|_| one.clone());
                let name = if p.is_dir() {
                    p.file_name()
                } else {
                    p.file_stem()
                };
                name.map(|n| n.to_string_lossy().into_owned())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "graph".into())
            }
            _ => "graph".into(),
        }
    }

    /// Check the options before any work: inputs, formats, export name.
    pub fn validate(&self) -> kgx::Result<()> {
        self.input.validate()?;
        self.export.plan()?;
        let name = self.export_name();
        if self.export.name.is_none() && ExportArgs::check_name(&name).is_err() {
            return Err(Error::new(
                ErrorKind::Usage,
                format!(
                    "the export name \"{}\" taken from the input cannot name files (hidden, or too long); give --name",
                    name.escape_debug()
                ),
            ));
        }
        ExportArgs::check_name(&name)
    }
}

impl MergeArgs {
    /// The base name of the export files (`--name`, else `graph`).
    pub fn export_name(&self) -> String {
        self.export.name.clone().unwrap_or_else(|| "graph".into())
    }

    /// Check the options before any work: formats, export name.
    pub fn validate(&self) -> kgx::Result<()> {
        self.export.plan()?;
        ExportArgs::check_name(&self.export_name())
    }
}
