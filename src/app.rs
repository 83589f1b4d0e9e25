//! The commands behind the CLI: each builds the pipeline, reads the inputs, writes results.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command, EncodingArg, EvalArgs, ExtractArgs, GazetteerArgs, GazetteerCommand, InputArgs};
use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::eval::{evaluate, Gold, Predictions};
use crate::gazetteer::Gazetteer;
use crate::graph::GraphBuilder;
use crate::input::{input_files, read_document, Encoding, Read};
use crate::pipeline::{Extraction, Pipeline};

/// Run one command; `Ok` carries the exit code (non-zero when some inputs failed).
pub fn run(cli: Cli) -> crate::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Tag(args) => tag(args),
        Command::Eval(args) => eval(args),
        Command::Gazetteer(GazetteerCommand::Check(args)) => gazetteer_check(args),
    }
}

/// Documents read, and what went wrong on the way (reported, not fatal).
struct Inputs {
    docs: Vec<Document>,
    failed: usize,
}

fn read_inputs(args: &InputArgs) -> crate::Result<Inputs> {
    let files = input_files(&args.inputs_or_default(), &args.ext)?;
    let encoding = match args.encoding {
        EncodingArg::Strict => Encoding::Strict,
        EncodingArg::Lossy => Encoding::Lossy,
    };
    let mut docs = Vec::with_capacity(files.len());
    let mut failed = 0;
    let mut replaced = 0;
    for f in files {
        match read_document(&f, encoding) {
            Ok(Read::Text(doc, n)) => {
                replaced += n;
                docs.push(doc);
            }
            Ok(Read::Binary(_)) => eprintln!("kgx: {}: binary file (NUL bytes), skipped", f.display()),
            Err(e) => {
                eprintln!("kgx: {e}");
                failed += 1;
            }
        }
    }
    if replaced > 0 && !args.quiet {
        eprintln!("kgx: replaced {replaced} invalid UTF-8 sequences with U+FFFD");
    }
    Ok(Inputs { docs, failed })
}

fn load_pipeline(args: &GazetteerArgs) -> crate::Result<Pipeline> {
    Ok(Pipeline::new(Gazetteer::load(&args.paths_or_default())?))
}

fn exit_code(failed: usize) -> ExitCode {
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn out_err(e: io::Error) -> Error {
    Error::new(ErrorKind::Output, format!("cannot write to standard output: {}", crate::error::io_reason(&e)))
}

fn tag(args: InputArgs) -> crate::Result<ExitCode> {
    args.validate()?;
    let pipeline = load_pipeline(&args.gazetteer)?;
    let inputs = read_inputs(&args)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let gaz = pipeline.gazetteer();
    for doc in &inputs.docs {
        let ex = pipeline.extract(doc);
        for m in &ex.mentions {
            let entity = m.entity.map(|e| gaz.entity(e));
            let candidates: Vec<&str> = if m.entity.is_none() {
                m.senses.iter().map(|s| gaz.entity(s.entity).id.as_str()).collect()
            } else {
                Vec::new()
            };
            let line = serde_json::json!({
                "doc": doc.id,
                "start": m.start,
                "end": m.end,
                "text": m.text(&doc.text),
                "entity": entity.map(|e| e.id.as_str()),
                "type": entity.map(|e| e.entity_type.as_str()),
                "kind": m.kind.as_str(),
                "candidates": candidates,
            });
            writeln!(out, "{line}").map_err(out_err)?;
        }
    }
    out.flush().map_err(out_err)?;
    Ok(exit_code(inputs.failed))
}

/// Extract every document and fold it into a graph.
fn extract_all(pipeline: &Pipeline, docs: &[Document], cooccurrence: bool) -> (GraphBuilder, Vec<Extraction>) {
    let mut graph = GraphBuilder::new();
    let mut all = Vec::with_capacity(docs.len());
    for doc in docs {
        let ex = pipeline.extract(doc);
        pipeline.add_to_graph(doc, &ex, &mut graph, cooccurrence);
        all.push(ex);
    }
    (graph, all)
}

fn extract(args: ExtractArgs) -> crate::Result<ExitCode> {
    args.validate()?;
    let pipeline = load_pipeline(&args.input.gazetteer)?;
    let inputs = read_inputs(&args.input)?;
    let (graph, extractions) = extract_all(&pipeline, &inputs.docs, args.cooccurrence);
    let graph = graph.build();
    if !args.input.quiet {
        let mentions: usize = extractions.iter().map(|e| e.mentions.len()).sum();
        let unresolved: usize = extractions.iter().map(|e| e.stats.unresolved).sum();
        eprintln!(
            "kgx: {} documents, {mentions} mentions ({unresolved} unresolved), {} nodes, {} edges",
            inputs.docs.len(),
            graph.node_count(),
            graph.edge_count()
        );
    }
    Ok(exit_code(inputs.failed))
}

fn eval(args: EvalArgs) -> crate::Result<ExitCode> {
    args.input.validate()?;
    let gold = Gold::load(&args.gold)?;
    let pipeline = load_pipeline(&args.input.gazetteer)?;
    let inputs = read_inputs(&args.input)?;
    let gaz = pipeline.gazetteer();
    let mut pred = Predictions::default();
    let mut docs = BTreeSet::new();
    for doc in &inputs.docs {
        docs.insert(doc.id.clone());
        let ex = pipeline.extract(doc);
        for e in ex.mentions.iter().filter_map(|m| m.entity) {
            let ent = gaz.entity(e);
            pred.entities.insert((doc.id.clone(), ent.id.clone()), ent.entity_type.to_string());
        }
    }
    let report = evaluate(&gold, &pred, &docs);
    print!("{report}");
    Ok(exit_code(inputs.failed))
}

fn gazetteer_check(args: GazetteerArgs) -> crate::Result<ExitCode> {
    let paths: Vec<PathBuf> = args.paths_or_default();
    let gaz = Gazetteer::load(&paths)?;
    let mut claims: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (_, e) in gaz.iter() {
        for form in std::iter::once(&e.name).chain(&e.aliases).chain(&e.demonyms).chain(&e.titles) {
            claims.entry(crate::text::normalize_phrase(form)).or_default().insert(&e.id);
        }
    }
    let shared: Vec<_> = claims.iter().filter(|(_, ids)| ids.len() > 1).collect();
    for (form, ids) in &shared {
        let ids: Vec<&str> = ids.iter().copied().collect();
        println!("alias \"{form}\" is claimed by {}", ids.join(", "));
    }
    println!("{} entities", gaz.len());
    for (t, n) in gaz.counts_by_type() {
        println!("  {t:<13} {n}");
    }
    println!("{} aliases claimed by more than one entity", shared.len());
    Ok(ExitCode::SUCCESS)
}
