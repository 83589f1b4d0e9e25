//! Command-line definitions: clap parses, [`Options`] validates (no I/O here).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::{Error, ErrorKind};

/// kgx: extract a knowledge graph from news articles.
#[derive(Debug, Parser)]
#[command(name = "kgx", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the graph of the inputs and write exports (default: seeds/ to exports/).
    Extract(ExtractArgs),
    /// Print every mention as a JSON line (doc, start, end, text, entity, type, kind).
    Tag(InputArgs),
    /// Score entities and relations against a gold file.
    Eval(EvalArgs),
    /// Check and summarise the gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Load the gazetteer, report errors, aliases claimed by several entities, and counts by type.
    Check(GazetteerArgs),
}

#[derive(Debug, Clone, Args)]
pub struct GazetteerArgs {
    /// Gazetteer file or folder (repeatable); replaces the default gazetteer/ entity files.
    #[arg(long = "gazetteer", value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum EncodingArg {
    /// Invalid UTF-8 is an error naming file and byte.
    #[default]
    Strict,
    /// Replace invalid bytes with U+FFFD and count them.
    Lossy,
}

#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Input files or folders (folders are searched for .txt files); default: seeds/.
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
    /// How to read invalid UTF-8.
    #[arg(long, value_enum, default_value_t = EncodingArg::Strict)]
    pub encoding: EncodingArg,
    /// Extension of input files in folders.
    #[arg(long, default_value = "txt", value_name = "EXT")]
    pub ext: String,
    /// No progress or summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder.
    #[arg(long, default_value = "exports", value_name = "DIR")]
    pub out: PathBuf,
    /// Base name of the export files (default: the input folder's name).
    #[arg(long)]
    pub name: Option<String>,
    /// Add weighted same-sentence co-occurrence edges (relation "co_occurs").
    #[arg(long)]
    pub cooccurrence: bool,
}

#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Gold file (the shape of shared/gold/seeds.gold.json).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
}

/// The default input folder.
pub const DEFAULT_INPUT: &str = "seeds";

impl InputArgs {
    /// The inputs, or the default `seeds/` folder.
    pub fn inputs_or_default(&self) -> Vec<PathBuf> {
        if self.inputs.is_empty() {
            vec![PathBuf::from(DEFAULT_INPUT)]
        } else {
            self.inputs.clone()
        }
    }

    /// Check values that need no I/O.
    pub fn validate(&self) -> crate::Result<()> {
        if self.ext.is_empty() || self.ext.contains(['/', '\\']) {
            return Err(Error::new(ErrorKind::Usage, format!("invalid --ext \"{}\" (give an extension such as txt)", self.ext)));
        }
        Ok(())
    }
}

impl GazetteerArgs {
    /// The gazetteer paths, or the default folder.
    pub fn paths_or_default(&self) -> Vec<PathBuf> {
        if self.gazetteer.is_empty() {
            vec![PathBuf::from(crate::gazetteer::DEFAULT_GAZETTEER_DIR)]
        } else {
            self.gazetteer.clone()
        }
    }
}

impl ExtractArgs {
    /// The export base name: `--name`, else the single input folder's (or file's) name.
    pub fn export_name(&self) -> String {
        if let Some(n) = &self.name {
            return n.clone();
        }
        let inputs = self.input.inputs_or_default();
        match inputs.as_slice() {
            [one] => {
                let p = std::fs::canonicalize(one).unwrap_or_else(|_| one.clone());
                let name = if p.is_dir() { p.file_name() } else { p.file_stem() };
                name.map(|n| n.to_string_lossy().into_owned()).filter(|n| !n.is_empty()).unwrap_or_else(|| "graph".into())
            }
            _ => "graph".into(),
        }
    }

    pub fn validate(&self) -> crate::Result<()> {
        self.input.validate()?;
        let name = self.export_name();
        if name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(Error::new(ErrorKind::Usage, format!("invalid --name \"{name}\" (a plain file name, no folders)")));
        }
        Ok(())
    }
}
