//! The commands behind the CLI: each checks its options, builds what can fail,
//! then streams the inputs through the pipeline and writes the results.

use std::collections::BTreeSet;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::cli::{
    Cli, Command, Emit, EncodingArg, EvalArgs, ExplainArgs, ExportArgs, ExtractArgs, GazetteerArgs,
    GazetteerCommand, InputArgs, MergeArgs, TagArgs,
};
use crate::corpus::{sources, total_bytes, Corpus};
use crate::error::{Error, ErrorKind, Location};
use crate::eval::{evaluate, Gold, Predictions, Scope};
use crate::export::render::{render_with_graphviz, RenderOptions, PICTURE_FORMATS};
use crate::export::{
    check_output_dir, clean_stale_temps, export_file_names, write_exports_replacing, Format,
};
use crate::gazetteer::Gazetteer;
use crate::graph::{GraphBuilder, KnowledgeGraph, Partial};
use crate::input::Encoding;
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
        Command::TrainSyntax(args) => crate::syntax::commands::train_syntax(&args),
        Command::EvalSyntax(args) => crate::syntax::commands::eval_syntax(&args),
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
    let (g, r) = match (gazetteer, rules) {
        (Ok(g), Ok(r)) => (g, r),
        (Err(a), Err(b)) => return Err(Error::many(vec![a, b])),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    if args.no_frames {
        return Ok(Pipeline::with_rules(g, r));
    }
    // Frames read the parses of the syntax stage (candidate sentences only).
    let lexicon = match &args.frames {
        Some(path) => crate::frames::Lexicon::load(path)?,
        None => crate::frames::Lexicon::embedded()?,
    };
    let frames = crate::frames::FrameReader::new(lexicon, &r)?;
    let syntax = std::sync::Arc::new(crate::syntax::Syntax::embedded()?);
    Ok(crate::pipeline::PipelineBuilder::new(g)
        .rules(r)
        .syntax(syntax, false)
        .frames(frames)
        .build())
}

/// The corpus of the inputs (paths are checked here, before any work).
fn open_corpus(args: &InputArgs) -> crate::Result<(Corpus, RunOptions)> {
    let sources = sources(&args.inputs_or_default(), &args.ext, args.jsonl)?;
    let opts = RunOptions {
        jobs: args.jobs(),
        progress: !args.quiet,
        total_bytes: total_bytes(&sources),
    };
    let encoding = match args.encoding {
        EncodingArg::Strict => Encoding::Strict,
        EncodingArg::Lossy => Encoding::Lossy,
    };
    Ok((Corpus::new(sources, encoding), opts))
}

fn exit_code(summary: &Summary) -> ExitCode {
    if summary.failed == 0 {
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

fn tag(args: TagArgs) -> crate::Result<ExitCode> {
    if args.syntax {
        return tag_syntax(&args.input);
    }
    let args = args.input;
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
                "start": m.span.start,
                "end": m.span.end,
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

/// `kgx tag --syntax`: every sentence tagged and parsed, as CoNLL-U.
fn tag_syntax(args: &InputArgs) -> crate::Result<ExitCode> {
    args.validate()?;
    let gazetteer = load_gazetteer(&args.gazetteer)?;
    let syntax = std::sync::Arc::new(crate::syntax::Syntax::embedded()?);
    let pipeline = crate::pipeline::PipelineBuilder::new(gazetteer)
        .syntax(syntax, true)
        .build();
    let (corpus, opts) = open_corpus(args)?;
    let mut out = StdoutLines::new();
    let mut buf = String::new();
    let summary = run_corpus(&pipeline, corpus, opts.without_progress(), |doc, a| {
        buf.clear();
        crate::syntax::conllu::write_analysis(&mut buf, doc, a);
        // A document without words gives no block (CoNLL-U has no empty sentences).
        if buf.contains("\n# sent_id = ") {
            out.line(buf.trim_end_matches('\n'));
            out.line("");
        }
    });
    out.finish()?;
    report_problems(&summary, args.quiet);
    Ok(exit_code(&summary))
}

fn report_problems(summary: &Summary, quiet: bool) {
    if summary.replaced > 0 && !quiet {
        eprintln!(
            "kgx: replaced {} invalid UTF-8 sequences with U+FFFD",
            summary.replaced
        );
    }
}

/// Check the export options and the output folder before any work starts,
/// and remove the temporary files killed runs left there.
fn prepare_exports(args: &ExportArgs, name: &str, quiet: bool) -> crate::Result<()> {
    if args.emit == Emit::Graph {
        check_output_dir(&args.out)?;
        let (formats, _) = args.plan()?;
        let mut known = export_file_names(name, &formats);
        known.extend(PICTURE_FORMATS.iter().map(|f| format!("{name}.{f}")));
        let removed = clean_stale_temps(&args.out, &known);
        if !removed.is_empty() && !quiet {
            eprintln!(
                "kgx: removed {} temporary file(s) left in {} by killed runs",
                removed.len(),
                args.out.display()
            );
        }
    }
    Ok(())
}

/// Refuse to replace good exports by the empty graph of a run that read
/// nothing, unless `--allow-empty`.
fn refuse_empty(args: &ExportArgs, what: &str) -> crate::Result<()> {
    if args.allow_empty || args.emit != Emit::Graph {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Input,
        format!(
            "{what}: the exports in {} are left as they were (--allow-empty writes an empty graph)",
            args.out.display()
        ),
    ))
}

/// Write the graph as export files (and render the DOT), or as one partial line on stdout.
fn finish(
    builder: GraphBuilder,
    args: &ExportArgs,
    name: &str,
    quiet: bool,
) -> crate::Result<KnowledgeGraph> {
    let (formats, opts) = args.plan()?;
    if args.emit == Emit::Partial {
        let line = serde_json::to_string(&builder.to_partial(None)).expect("partials serialise");
        let stdout = io::stdout();
        let mut out = stdout.lock();
        writeln!(out, "{line}")
            .and_then(|_| out.flush())
            .map_err(out_err)?;
        return Ok(builder.build());
    }
    let graph = builder.build();
    // The pictures of the previous DOT go when the new DOT comes: a picture
    // beside the data is always of that data.
    let writes_dot = formats.contains(&Format::Dot);
    let pictures: Vec<PathBuf> = if writes_dot {
        PICTURE_FORMATS
            .iter()
            .map(|f| args.out.join(format!("{name}.{f}")))
            .collect()
    } else {
        Vec::new()
    };
    let mut written = write_exports_replacing(&graph, &args.out, name, &formats, &opts, &pictures)?;
    if !quiet {
        for p in &written {
            eprintln!("kgx: wrote {}", p.display());
        }
    }
    if !args.no_render && writes_dot {
        let dot = args.out.join(format!("{name}.dot"));
        let render_opts = RenderOptions {
            timeout: Duration::from_secs(args.render_timeout),
            nodes: graph.node_count(),
            edges: graph.edge_count(),
        };
        let mut say = |msg: &str| {
            if !quiet {
                eprintln!("kgx: {msg}");
            }
        };
        let rendered = render_with_graphviz(&dot, &PICTURE_FORMATS, &render_opts, &mut say)?;
        for note in &rendered.notes {
            say(note);
        }
        for warning in &rendered.warnings {
            eprintln!("kgx: warning: {warning}");
        }
        if !quiet {
            for p in &rendered.written {
                eprintln!("kgx: wrote {}", p.display());
            }
        }
        written.extend(rendered.written);
    }
    Ok(graph)
}

fn extract(args: ExtractArgs) -> crate::Result<ExitCode> {
    // Phase 1: the user's values, no I/O. Phase 2: everything that can fail, before any work.
    args.validate()?;
    let name = args.export_name();
    let pipeline = load_pipeline(&args.input.gazetteer)?;
    prepare_exports(&args.export, &name, args.input.quiet)?;
    let (corpus, opts) = open_corpus(&args.input)?;

    let mut graph = GraphBuilder::new();
    let partial = args.export.emit == Emit::Partial;
    let mut out = StdoutLines::new();
    let summary = run_corpus(&pipeline, corpus, opts, |doc, ex| {
        if partial {
            // One line per document: the graph of that document alone.
            let mut one = GraphBuilder::new();
            pipeline.add_to_graph(doc, ex, &mut one, args.cooccurrence);
            let line =
                serde_json::to_string(&one.to_partial(Some(&doc.id))).expect("partials serialise");
            out.line(line);
        } else {
            pipeline.add_to_graph(doc, ex, &mut graph, args.cooccurrence);
        }
    });
    out.finish()?;
    report_problems(&summary, args.input.quiet);
    if !partial {
        if summary.documents == 0 {
            refuse_empty(
                &args.export,
                &format!(
                    "nothing was read ({} input(s) failed, {} skipped)",
                    summary.failed, summary.skipped
                ),
            )?;
        }
        let g = finish(graph, &args.export, &name, args.input.quiet)?;
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
    prepare_exports(&args.export, &name, args.quiet)?;
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
    if lines == 0 {
        refuse_empty(
            &args.export,
            "no partial graph was read (the input is empty)",
        )?;
    }
    let g = finish(builder, &args.export, &name, args.quiet)?;
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
    let scope = if args.known_only {
        // Every id the gazetteer in use has: a known entity predicted where
        // the gold has none is still a false positive.
        Scope::Known(gaz.iter().map(|(_, e)| e.id.clone()).collect())
    } else {
        Scope::All
    };
    let report = evaluate(&gold, &pred, &docs, &scope);
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
        for e in pipeline.explain(doc, ex, subject, &args.relation, object) {
            if matches!(e.outcome, crate::relations::Outcome::Fired { .. }) {
                fired += 1;
            }
            out.line(format_args!("{}: {e}", doc.id));
        }
        for (si, line) in pipeline.explain_frames(doc, ex, subject, &args.relation, object) {
            if line.contains("\n  frame ") && line.contains(" fired (") {
                fired += 1;
            }
            out.line(format_args!("{}: sentence {si}: {line}", doc.id));
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
    if !args.no_frames {
        let lexicon = match &args.frames {
            Some(path) => crate::frames::Lexicon::load(path)?,
            None => crate::frames::Lexicon::embedded()?,
        };
        let frames = crate::frames::FrameReader::new(lexicon, &rules)?;
        let lex = frames.lexicon();
        println!(
            "{}: {} frames over {} relations",
            lex.name(),
            lex.frames().len(),
            lex.relations().len()
        );
        if !frames.undeclared().is_empty() {
            println!(
                "frames of relations the rules do not declare are not read: {}",
                frames.undeclared().join(", ")
            );
        }
    }
    let shared = crate::gazetteer::forms::shared(&gaz);
    for (form, ids) in &shared {
        let mut ids: Vec<&str> = ids.iter().map(|&e| gaz.entity(e).id.as_str()).collect();
        ids.sort_unstable();
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
