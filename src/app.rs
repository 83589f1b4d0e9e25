//! The commands behind the CLI: each checks its options, builds what can fail,
//! then streams the inputs through the pipeline and writes the results.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{
    Cli, Command, Emit, EvalArgs, ExplainArgs, ExportArgs, ExtractArgs, GazetteerArgs,
    GazetteerCommand, InputArgs, MergeArgs,
};
use crate::corpus::{sources, total_bytes, Corpus};
use crate::error::{Error, ErrorKind, Location};
use crate::eval::{evaluate, Gold, Predictions};
use crate::export::render::render_with_graphviz;
use crate::export::{check_output_dir, write_exports, Format};
use crate::gazetteer::Gazetteer;
use crate::graph::{GraphBuilder, KnowledgeGraph, Partial};
use crate::pipeline::Pipeline;
use crate::relations::RuleSet;
use crate::run::{run as run_corpus, RunOptions, Summary};

/// Run one command; `Ok` carries the exit code (1 when some inputs failed).
pub fn run(cli: Cli) -> crate::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Merge(args) => merge(args),
        Command::Tag(args) => tag(args),
        Command::Eval(args) => eval(args),
        Command::Explain(args) => explain(args),
        Command::Gazetteer(GazetteerCommand::Check(args)) => gazetteer_check(args),
    }
}

/// The gazetteer: the shipped one (unless `--no-default-gazetteer`), then each
/// `--gazetteer` path as a layer that may extend it.
fn load_gazetteer(args: &GazetteerArgs) -> crate::Result<Gazetteer> {
    Gazetteer::layered(!args.no_default_gazetteer, &args.gazetteer)
}

/// The rules: the shipped file (unless `--no-default-rules`), then each `--rules` file.
fn load_rules(args: &GazetteerArgs) -> crate::Result<RuleSet> {
    let mut files: Vec<(String, String)> = Vec::new();
    if !args.no_default_rules {
        let (name, text) = crate::gazetteer::shipped_rules();
        files.push((name.to_string(), text.to_string()));
    }
    let mut errors = Vec::new();
    for p in &args.rules {
        match std::fs::read_to_string(p) {
            Ok(text) => files.push((p.display().to_string(), text)),
            Err(e) => errors.push(Error::io(ErrorKind::Rules, "read rules", p, &e)),
        }
    }
    if !errors.is_empty() {
        return Err(Error::many(errors));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    RuleSet::from_sources(&files)
}

/// Load the gazetteer and the rules; both report every error before any work.
fn load_pipeline(args: &GazetteerArgs) -> crate::Result<Pipeline> {
    let gazetteer = load_gazetteer(args);
    let rules = load_rules(args);
    match (gazetteer, rules) {
        (Ok(g), Ok(r)) => Ok(Pipeline::with_rules(g, r)),
        (Err(a), Err(b)) => Err(Error::many(vec![a, b])),
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// The corpus of the inputs (paths are checked here, before any work).
fn open_corpus(args: &InputArgs) -> crate::Result<(Corpus, RunOptions)> {
    let sources = sources(&args.inputs_or_default(), &args.ext, args.jsonl)?;
    let (since, until) = args.date_range()?;
    let opts = RunOptions {
        jobs: args.jobs(),
        progress: !args.quiet,
        total_bytes: total_bytes(&sources),
        since,
        until,
        unique_ids: true,
    };
    let corpus = Corpus::new(sources, args.encoding()?).with_dates_from_path(args.date_from_path);
    Ok((corpus, opts))
}

/// 1 when an input failed, or when no document was read because every input
/// was skipped; else 0.
fn exit_code(summary: &Summary) -> ExitCode {
    if summary.failed == 0 && !(summary.documents == 0 && summary.skipped > 0) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Lines to standard output: the first write error is kept and reported at
/// the end (a closed pipe then ends the run quietly, see main.rs).
struct StdoutLines {
    out: BufWriter<io::StdoutLock<'static>>,
    failure: Option<io::Error>,
}

impl StdoutLines {
    fn new() -> StdoutLines {
        StdoutLines {
            out: BufWriter::new(io::stdout().lock()),
            failure: None,
        }
    }

    fn line(&mut self, line: impl std::fmt::Display) {
        if self.failure.is_none() {
            if let Err(e) = writeln!(self.out, "{line}") {
                self.failure = Some(e);
            }
        }
    }

    fn finish(mut self) -> crate::Result<()> {
        match self.failure.take() {
            Some(e) => Err(out_err(e)),
            None => self.out.flush().map_err(out_err),
        }
    }
}

fn out_err(e: io::Error) -> Error {
    Error::new(
        ErrorKind::Output,
        format!(
            "cannot write to standard output: {}",
            crate::error::io_reason(&e)
        ),
    )
}

fn tag(args: InputArgs) -> crate::Result<ExitCode> {
    args.validate()?;
    let pipeline = load_pipeline(&args.gazetteer)?;
    let (corpus, opts) = open_corpus(&args)?;
    let mut out = StdoutLines::new();
    let gaz = pipeline.gazetteer();
    let summary = run_corpus(&pipeline, corpus, opts.without_progress(), |doc, ex| {
        for m in &ex.mentions {
            let entity = m.entity.map(|e| gaz.entity(e));
            let candidates: Vec<&str> = match m.entity {
                None => m
                    .senses
                    .iter()
                    .map(|s| gaz.entity(s.entity).id.as_str())
                    .collect(),
                Some(_) => Vec::new(),
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
            out.line(line);
        }
    });
    out.finish()?;
    report_problems(&summary, args.quiet);
    Ok(exit_code(&summary))
}

fn report_problems(summary: &Summary, quiet: bool) {
    if summary.documents == 0 && summary.failed + summary.skipped > 0 {
        eprintln!("kgx: no document was read: every input failed or was skipped (exit 1)");
    }
    if summary.replaced > 0 && !quiet {
        eprintln!(
            "kgx: replaced {} invalid UTF-8 sequences with U+FFFD",
            summary.replaced
        );
    }
}

/// Check the export options and the output folder before any work starts.
fn prepare_exports(args: &ExportArgs) -> crate::Result<()> {
    if args.emit == Emit::Graph {
        check_output_dir(&args.out)?;
    }
    Ok(())
}

/// `--relations` names relations the rules declare (or `co_occurs`).
fn check_relation_filter(args: &ExportArgs, pipeline: &Pipeline) -> crate::Result<()> {
    let Some(wanted) = args.filter()?.relations else {
        return Ok(());
    };
    let known = pipeline.rules().map(|r| r.relations()).unwrap_or_default();
    let unknown: Vec<&String> = wanted
        .iter()
        .filter(|r| *r != crate::graph::COOCCURRENCE && !known.contains(r))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let unknown: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
    Err(Error::new(
        ErrorKind::Usage,
        format!(
            "unknown relation in --relations: {} (the rules declare: {}, and there is {})",
            unknown.join(", "),
            known.join(", "),
            crate::graph::COOCCURRENCE
        ),
    ))
}

/// Write the graph as export files (and render the DOT), or as one partial line on stdout.
fn finish(
    builder: GraphBuilder,
    args: &ExportArgs,
    name: &str,
    quiet: bool,
    report: Option<crate::export::html::ReportDocs>,
) -> crate::Result<KnowledgeGraph> {
    let (formats, mut opts) = args.plan()?;
    opts.report_docs = report.map(std::sync::Arc::new);
    if args.emit == Emit::Partial {
        let line = serde_json::to_string(&builder.to_partial(None)).expect("partials serialise");
        let stdout = io::stdout();
        let mut out = stdout.lock();
        writeln!(out, "{line}")
            .and_then(|_| out.flush())
            .map_err(out_err)?;
        return Ok(builder.build());
    }
    let graph = builder.build_filtered(&args.filter()?);
    let mut written = write_exports(&graph, &args.out, name, &formats, &opts)?;
    if !args.no_render && formats.contains(&Format::Dot) {
        // The picture is drawn from its own DOT (nodes with no edge left out,
        // said in the legend), written to a private folder, rendered there and
        // moved beside the exports.
        let dir = args
            .out
            .join(format!(".kgx-picture-{}", std::process::id()));
        let picture = render_picture(&graph, &dir, name);
        let _ = std::fs::remove_dir_all(&dir);
        match picture? {
            Some(images) => written.extend(images),
            None if !quiet => eprintln!(
                "kgx: graphviz `dot` not found: no SVG/PNG rendering (apt-get install graphviz)"
            ),
            None => {}
        }
    }
    if !quiet {
        for p in &written {
            eprintln!("kgx: wrote {}", p.display());
        }
    }
    Ok(graph)
}

/// Render the picture DOT of `graph` in `dir` to SVG and PNG and move them
/// to `dir`'s parent as `<name>.svg` and `<name>.png` (`None`: no Graphviz).
fn render_picture(
    graph: &KnowledgeGraph,
    dir: &Path,
    name: &str,
) -> crate::Result<Option<Vec<PathBuf>>> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(ErrorKind::Output, "create folder", dir, &e))?;
    let dot = dir.join(format!("{name}.dot"));
    let mut text = Vec::new();
    crate::export::Exporter::write(&crate::export::dot::DotPicture, graph, &mut text)
        .map_err(|e| Error::io(ErrorKind::Output, "write picture", &dot, &e))?;
    std::fs::write(&dot, text)
        .map_err(|e| Error::io(ErrorKind::Output, "write picture", &dot, &e))?;
    let Some(images) = render_with_graphviz(&dot, &["svg", "png"])? else {
        return Ok(None);
    };
    let parent = dir.parent().unwrap_or(dir);
    let mut moved = Vec::new();
    for img in images {
        let dest = parent.join(img.file_name().unwrap_or_default());
        std::fs::rename(&img, &dest)
            .map_err(|e| Error::io(ErrorKind::Output, "move picture into place", &dest, &e))?;
        moved.push(dest);
    }
    Ok(Some(moved))
}

fn extract(args: ExtractArgs) -> crate::Result<ExitCode> {
    // Phase 1: the user's values, no I/O. Phase 2: everything that can fail, before any work.
    args.validate()?;
    let name = args.export_name();
    let pipeline = load_pipeline(&args.input.gazetteer)?;
    check_relation_filter(&args.export, &pipeline)?;
    prepare_exports(&args.export)?;
    let (corpus, opts) = open_corpus(&args.input)?;

    let mut graph = GraphBuilder::new();
    let partial = args.export.emit == Emit::Partial;
    // The HTML report's document views need the texts and mentions (up to a limit).
    let mut report = (!partial && args.export.plan()?.0.contains(&Format::Html))
        .then(crate::export::html::ReportDocs::new);
    let mut out = StdoutLines::new();
    let summary = run_corpus(&pipeline, corpus, opts, |doc, ex| {
        if let Some(r) = report.as_mut() {
            r.add(pipeline.gazetteer(), doc, &ex.sentences, &ex.mentions);
        }
        if partial {
            // One line per document: the graph of that document alone.
            let mut one = GraphBuilder::new();
            one.add_document(&doc.id, &doc.meta);
            pipeline.add_to_graph(doc, ex, &mut one, args.cooccurrence);
            let line =
                serde_json::to_string(&one.to_partial(Some(&doc.id))).expect("partials serialise");
            out.line(line);
        } else {
            graph.add_document(&doc.id, &doc.meta);
            pipeline.add_to_graph(doc, ex, &mut graph, args.cooccurrence);
        }
    });
    out.finish()?;
    report_problems(&summary, args.input.quiet);
    if !partial {
        let g = finish(graph, &args.export, &name, args.input.quiet, report)?;
        if !args.input.quiet {
            for line in summary.render().lines() {
                eprintln!("kgx: {line}");
            }
            eprintln!(
                "kgx: graph: {} nodes, {} edges",
                g.node_count(),
                g.edge_count()
            );
        }
    }
    Ok(exit_code(&summary))
}

fn merge(args: MergeArgs) -> crate::Result<ExitCode> {
    args.validate()?;
    let name = args.export_name();
    let inputs: Vec<PathBuf> = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    for p in inputs.iter().filter(|p| p.as_os_str() != "-") {
        if !p.is_file() {
            return Err(
                Error::new(ErrorKind::Input, "no such partial-graph file").at(Location::file(p))
            );
        }
    }
    prepare_exports(&args.export)?;
    let mut builder = GraphBuilder::new();
    let mut lines = 0usize;
    for p in &inputs {
        let reader: Box<dyn BufRead> = if p.as_os_str() == "-" {
            Box::new(BufReader::new(io::stdin()))
        } else {
            let f = std::fs::File::open(p)
                .map_err(|e| Error::io(ErrorKind::Input, "read partial graph", p, &e))?;
            Box::new(BufReader::with_capacity(1 << 20, f))
        };
        lines += fold_partials(reader, p, &mut builder)?;
    }
    let g = finish(builder, &args.export, &name, args.quiet, None)?;
    if !args.quiet && args.export.emit == Emit::Graph {
        eprintln!(
            "kgx: merged {lines} partial graphs: {} nodes, {} edges",
            g.node_count(),
            g.edge_count()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Fold every partial-graph line of `reader` into `builder`; a bad line is an error with file:line.
fn fold_partials(
    reader: Box<dyn BufRead>,
    path: &Path,
    builder: &mut GraphBuilder,
) -> crate::Result<usize> {
    let shown = if path.as_os_str() == "-" {
        Path::new("<stdin>")
    } else {
        path
    };
    let mut n = 0;
    for (i, line) in reader.lines().enumerate() {
        let line =
            line.map_err(|e| Error::io(ErrorKind::Input, "read partial graph", shown, &e))?;
        if line.trim().is_empty() {
            continue;
        }
        let partial: Partial = serde_json::from_str(&line).map_err(|e| {
            Error::new(ErrorKind::Input, format!("not a partial graph line: {e}"))
                .at(Location::line(shown, i + 1))
        })?;
        builder.add_partial(partial);
        n += 1;
    }
    Ok(n)
}

fn eval(args: EvalArgs) -> crate::Result<ExitCode> {
    args.input.validate()?;
    let gold = Gold::load(&args.gold)?;
    let pipeline = load_pipeline(&args.input.gazetteer)?;
    let (corpus, opts) = open_corpus(&args.input)?;
    let gaz = pipeline.gazetteer();
    let mut pred = Predictions::default();
    let mut docs = BTreeSet::new();
    let summary = run_corpus(&pipeline, corpus, opts.without_progress(), |doc, ex| {
        docs.insert(doc.id.clone());
        for e in ex.mentions.iter().filter_map(|m| m.entity) {
            let ent = gaz.entity(e);
            pred.entities.insert(
                (doc.id.clone(), ent.id.clone()),
                ent.entity_type.to_string(),
            );
        }
        for r in &ex.relations {
            let (s, o) = (&gaz.entity(r.subject).id, &gaz.entity(r.object).id);
            pred.relations
                .insert((doc.id.clone(), s.clone(), r.relation.clone(), o.clone()));
        }
    });
    let report = evaluate(&gold, &pred, &docs);
    print!("{report}");
    Ok(exit_code(&summary))
}

fn explain(args: ExplainArgs) -> crate::Result<ExitCode> {
    args.input.validate()?;
    let pipeline = load_pipeline(&args.input.gazetteer)?;
    let gaz = pipeline.gazetteer();
    let rules = pipeline.rules().expect("load_pipeline loads rules");
    let unknown = |id: &str| {
        Error::new(
            ErrorKind::Usage,
            format!("no entity \"{id}\" in the gazetteer"),
        )
    };
    let subject = gaz
        .get(&args.subject)
        .ok_or_else(|| unknown(&args.subject))?;
    let object = gaz.get(&args.object).ok_or_else(|| unknown(&args.object))?;
    if rules.declaration(&args.relation).is_none() {
        return Err(Error::new(
            ErrorKind::Usage,
            format!(
                "unknown relation \"{}\" (the rules declare: {})",
                args.relation,
                rules.relations().join(", ")
            ),
        ));
    }
    let (corpus, opts) = open_corpus(&args.input)?;
    let mut out = StdoutLines::new();
    let mut fired = 0;
    let summary = run_corpus(&pipeline, corpus, opts.without_progress(), |doc, ex| {
        for e in rules.explain(
            doc,
            &ex.sentences,
            &ex.mentions,
            gaz,
            subject,
            &args.relation,
            object,
        ) {
            if matches!(e.outcome, crate::relations::Outcome::Fired { .. }) {
                fired += 1;
            }
            out.line(format_args!("{}: {e}", doc.id));
        }
    });
    out.line(format_args!(
        "{} {} {}: {fired} piece(s) of evidence in {} documents",
        args.subject, args.relation, args.object, summary.documents
    ));
    out.finish()?;
    Ok(exit_code(&summary))
}

fn gazetteer_check(args: GazetteerArgs) -> crate::Result<ExitCode> {
    args.validate()?;
    let (gaz, rules) = match (load_gazetteer(&args), load_rules(&args)) {
        (Ok(g), Ok(r)) => (g, r),
        (Err(a), Err(b)) => return Err(Error::many(vec![a, b])),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    for o in gaz.overrides() {
        println!("override {o}");
    }
    println!(
        "{}: {} rules over {} relations",
        rules.name(),
        rules.len(),
        rules.relations().len()
    );
    let mut claims: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (_, e) in gaz.iter() {
        for form in std::iter::once(&e.name)
            .chain(&e.aliases)
            .chain(&e.demonyms)
            .chain(&e.titles)
        {
            claims
                .entry(crate::text::normalize_phrase(form))
                .or_default()
                .insert(&e.id);
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
    println!(
        "{} overrides (entries that extend an entity of an earlier layer)",
        gaz.overrides().len()
    );
    Ok(ExitCode::SUCCESS)
}
