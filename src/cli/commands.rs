//! The commands behind the CLI: each checks its options, builds what can fail,
//! then streams the inputs through the pipeline and writes the results.

use std::collections::BTreeSet;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::cli::args::{
    Cli, Command, Emit, EvalArgs, ExplainArgs, ExportArgs, ExtractArgs, GazetteerArgs,
    GazetteerCommand, InputArgs, MergeArgs, SuggestArgs, SuggestFormat, TagArgs,
};
use kgx::corpus::{sources, total_bytes, Corpus};
use kgx::error::{Error, ErrorKind, Location};
use kgx::eval::{evaluate, Gold, Predictions, Scope};
use kgx::export::render::{render_with_graphviz, RenderOptions, PICTURE_FORMATS};
use kgx::export::{
    check_output_dir, clean_stale_temps, export_file_names, write_exports_replacing, Format,
};
use kgx::gazetteer::Gazetteer;
use kgx::graph::{GraphBuilder, KnowledgeGraph};
use kgx::merge::fold_partials;
use kgx::pipeline::{Pipeline, PipelineBuilder};
use kgx::relations::RuleSet;
use kgx::run::{run as run_corpus, RunOptions, Summary};
use kgx::stages::discover::Discoverer;
use kgx::suggest::Suggestions;

/// Run one command; `Ok` carries the exit code (1 when some inputs failed).
pub fn run(cli: Cli) -> kgx::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Merge(args) => merge(args),
        Command::Tag(args) => tag(args),
        Command::Eval(args) => eval(args),
        Command::Explain(args) => explain(args),
        Command::Gazetteer(GazetteerCommand::Check(args)) => gazetteer_check(args),
        Command::TrainSyntax(args) => crate::cli::syntax::train_syntax(&args),
        Command::EvalSyntax(args) => crate::cli::syntax::eval_syntax(&args),
        Command::Suggest(args) => suggest(args),
    }
}

/// The gazetteer: the shipped one (unless `--no-default-gazetteer`), then each
/// `--gazetteer` path as a layer that may extend it.
fn load_gazetteer(args: &GazetteerArgs) -> kgx::Result<Gazetteer> {
    Gazetteer::layered(!args.no_default_gazetteer, &args.gazetteer)
}

/// The rules: the shipped file (unless `--no-default-rules`), then each `--rules` file.
fn load_rules(args: &GazetteerArgs) -> kgx::Result<RuleSet> {
    let mut files: Vec<(String, String)> = Vec::new();
    if !args.no_default_rules {
        let (name, text) = kgx::gazetteer::shipped_rules();
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
/// With `discover`, the pipeline has the discovery stage too; with
/// `parse_all`, every sentence is parsed (not only those the frames can
/// read), so that `explain` can say why a sentence gave no frame.
fn load_pipeline(args: &GazetteerArgs, discover: bool, parse_all: bool) -> kgx::Result<Pipeline> {
    load_pipeline_with(args, discover, parse_all, |b| b)
}

/// [`load_pipeline`] with `tune` applied to the builder before it builds.
fn load_pipeline_with(
    args: &GazetteerArgs,
    discover: bool,
    parse_all: bool,
    tune: impl FnOnce(PipelineBuilder) -> PipelineBuilder,
) -> kgx::Result<Pipeline> {
    let gazetteer = load_gazetteer(args);
    let rules = load_rules(args);
    let (g, r) = match (gazetteer, rules) {
        (Ok(g), Ok(r)) => (g, r),
        (Err(a), Err(b)) => return Err(Error::many(vec![a, b])),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let mut builder = tune(PipelineBuilder::new(g));
    if discover {
        builder = builder.discover(Discoverer::shipped());
    }
    if args.no_frames {
        return Ok(builder.rules(r).build());
    }
    // Frames read the parses of the syntax stage (the sentences they can read).
    let lexicon = match &args.frames {
        Some(path) => kgx::frames::Lexicon::load(path)?,
        None => kgx::frames::Lexicon::embedded()?,
    };
    let frames = kgx::frames::FrameReader::new(lexicon, &r)?;
    let syntax = std::sync::Arc::new(kgx::syntax::Syntax::embedded()?);
    Ok(builder
        .rules(r)
        .syntax(syntax, parse_all)
        .frames(frames)
        .build())
}

/// The pipeline of a command's inputs: with discovery where `--discover` asks for it.
fn input_pipeline(args: &InputArgs) -> kgx::Result<Pipeline> {
    input_pipeline_with(args, |b| b)
}

/// [`input_pipeline`] with `tune` applied to the builder (`extract` and
/// `eval` add the demand gate).
fn input_pipeline_with(
    args: &InputArgs,
    tune: impl FnOnce(PipelineBuilder) -> PipelineBuilder,
) -> kgx::Result<Pipeline> {
    load_pipeline_with(&args.gazetteer, args.discover, false, tune)
}

/// The corpus of the inputs (paths are checked here, before any work).
fn open_corpus(args: &InputArgs) -> kgx::Result<(Corpus, RunOptions)> {
    let sources = sources(&args.inputs_or_default(), args.ext(), args.jsonl)?;
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

    fn finish(mut self) -> kgx::Result<()> {
        match self.failure.take() {
            Some(e) => Err(out_err(e)),
            None => self.out.flush().map_err(out_err),
        }
    }
}

/// A failed write to standard output, as an error that keeps the I/O kind
/// (so that a closed pipe ends the run quietly).
pub(crate) fn out_err(e: io::Error) -> Error {
    Error::new(
        ErrorKind::Output,
        format!(
            "cannot write to standard output: {}",
            kgx::error::io_reason(&e)
        ),
    )
    .with_io_kind(e.kind())
}

fn tag(args: TagArgs) -> kgx::Result<ExitCode> {
    if args.syntax {
        return tag_syntax(&args.input);
    }
    let args = args.input;
    args.validate()?;
    // The whole pipeline, as `extract` runs it, rules loaded: whether a
    // capital stands for its state is decided in context by the relate stage
    // (the frames' metonymy, judged against the rules' declarations), so the
    // mentions printed are the ones the graph is built from. The relations
    // themselves are not printed (docs/RULES.md, "Why `kgx tag` loads the
    // rules").
    let pipeline = input_pipeline(&args)?;
    let (corpus, opts) = open_corpus(&args)?;
    let mut out = StdoutLines::new();
    let gaz = pipeline.gazetteer();
    let summary = run_corpus(&pipeline, corpus, opts.without_progress(), |doc, ex| {
        for (mi, m) in ex.mentions.iter().enumerate() {
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
            // A pronoun or description: what it points back to (the name), and the chain to it.
            let mut line = line;
            if let Some((_, chain)) = ex.referent(mi) {
                let span = |j: usize| {
                    let a = &ex.mentions[j];
                    serde_json::json!({"start": a.span.start, "end": a.span.end, "text": a.text(&doc.text)})
                };
                let root = *chain.last().expect("a chain has a link");
                line["antecedent"] = span(root);
                line["chain"] = chain.iter().map(|&j| span(j)).collect();
                // A set phrase ("the two sides"): every member it stands for.
                if let Some(members) = kgx::stages::coref::set_members(ex, mi) {
                    line["members"] = members
                        .iter()
                        .map(|&(e, j)| {
                            let mut m = span(j);
                            m["entity"] = gaz.entity(e).id.as_str().into();
                            m
                        })
                        .collect();
                }
            }
            out.line(line);
        }
        // Discovered names, after the known ones: provisional id, guessed type, the cue.
        for m in &ex.discovered.mentions {
            let e = &ex.discovered.entities[m.entity];
            let line = serde_json::json!({
                "doc": doc.id,
                "start": m.start,
                "end": m.end,
                "text": &doc.text[m.start..m.end],
                "entity": e.id,
                "type": e.entity_type.as_str(),
                "kind": "discovered",
                "form": m.form.as_str(),
                "cue": e.cue,
                "candidates": [],
            });
            out.line(line);
        }
    });
    out.finish()?;
    report_problems(&summary, args.quiet);
    Ok(exit_code(&summary))
}

/// `kgx tag --syntax`: every sentence tagged and parsed, as CoNLL-U.
fn tag_syntax(args: &InputArgs) -> kgx::Result<ExitCode> {
    args.validate()?;
    let gazetteer = load_gazetteer(&args.gazetteer)?;
    let syntax = std::sync::Arc::new(kgx::syntax::Syntax::embedded()?);
    let pipeline = kgx::pipeline::PipelineBuilder::new(gazetteer)
        .syntax(syntax, true)
        .build();
    let (corpus, opts) = open_corpus(args)?;
    let mut out = StdoutLines::new();
    let mut buf = String::new();
    let summary = run_corpus(&pipeline, corpus, opts.without_progress(), |doc, a| {
        buf.clear();
        kgx::syntax::conllu::write_analysis(&mut buf, doc, a);
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

/// Check the export options and the output folder before any work starts,
/// and remove the temporary files killed runs left there.
fn prepare_exports(args: &ExportArgs, name: &str, quiet: bool) -> kgx::Result<()> {
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
fn refuse_empty(args: &ExportArgs, what: &str) -> kgx::Result<()> {
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

/// `--relations` names relations the rules declare (or `co_occurs`).
fn check_relation_filter(args: &ExportArgs, pipeline: &Pipeline) -> kgx::Result<()> {
    let Some(wanted) = args.filter()?.relations else {
        return Ok(());
    };
    let known = pipeline.rules().map(|r| r.relations()).unwrap_or_default();
    let unknown: Vec<&String> = wanted
        .iter()
        .filter(|r| *r != kgx::graph::COOCCURRENCE && !known.contains(r))
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
            kgx::graph::COOCCURRENCE
        ),
    ))
}

/// Write the graph as export files (and render the DOT), or as one partial line on stdout.
fn finish(
    builder: GraphBuilder,
    args: &ExportArgs,
    name: &str,
    quiet: bool,
    report: Option<kgx::export::html::ReportDocs>,
) -> kgx::Result<KnowledgeGraph> {
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
        let rendered = render_picture(&graph, &args.out, name, &render_opts, &mut say)?;
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

/// Render the picture of `graph` as `<name>.svg` and `<name>.png` in `out`.
///
/// The picture is drawn from its own DOT (nodes with no edge left out, said in
/// the legend; edge labels tied to their edges), written to a private
/// temporary folder in `out`, rendered there by Graphviz with `opts`' time
/// limit and layout choice, and moved into place. The folder goes when this
/// returns, whatever happens.
fn render_picture(
    graph: &KnowledgeGraph,
    out: &Path,
    name: &str,
    opts: &RenderOptions,
    say: &mut dyn FnMut(&str),
) -> kgx::Result<kgx::export::render::Rendered> {
    let dir = tempfile::Builder::new()
        .prefix(".kgx-picture-")
        .tempdir_in(out)
        .map_err(|e| Error::io(ErrorKind::Output, "create folder", out, &e))?;
    let dot = dir.path().join(format!("{name}.dot"));
    let mut text = Vec::new();
    kgx::export::Exporter::write(&kgx::export::dot::DotPicture, graph, &mut text)
        .map_err(|e| Error::io(ErrorKind::Output, "write picture", &dot, &e))?;
    std::fs::write(&dot, text)
        .map_err(|e| Error::io(ErrorKind::Output, "write picture", &dot, &e))?;
    // Messages name the pictures where they end up, not the private folder.
    let private = dir.path().display().to_string();
    let public = out.display().to_string();
    let place = |msg: &str| msg.replace(&private, &public);
    let mut rendered = render_with_graphviz(&dot, &PICTURE_FORMATS, opts, &mut |msg: &str| {
        say(&place(msg))
    })?;
    for line in rendered
        .notes
        .iter_mut()
        .chain(rendered.warnings.iter_mut())
    {
        *line = place(line);
    }
    let mut moved = Vec::new();
    for img in &rendered.written {
        let dest = out.join(img.file_name().unwrap_or_default());
        std::fs::rename(img, &dest)
            .map_err(|e| Error::io(ErrorKind::Output, "move picture into place", &dest, &e))?;
        moved.push(dest);
    }
    rendered.written = moved;
    Ok(rendered)
}

fn extract(args: ExtractArgs) -> kgx::Result<ExitCode> {
    // Phase 1: the user's values, no I/O. Phase 2: everything that can fail, before any work.
    args.validate()?;
    let name = args.export_name();
    // The graph reads the later stages only through relations: they run only
    // on documents a relation can come of (stages::demand), and coreference
    // on all where the HTML report's document views mark its mentions.
    let partial = args.export.emit == Emit::Partial;
    let html = !partial && args.export.plan()?.0.contains(&Format::Html);
    let pipeline =
        input_pipeline_with(&args.input, |b| b.demand(true).coreference_everywhere(html))?;
    check_relation_filter(&args.export, &pipeline)?;
    prepare_exports(&args.export, &name, args.input.quiet)?;
    let (corpus, opts) = open_corpus(&args.input)?;

    let mut graph = GraphBuilder::new();
    // The HTML report's document views need the texts and mentions (up to a limit).
    let mut report = html.then(kgx::export::html::ReportDocs::new);
    let mut out = StdoutLines::new();
    let summary = run_corpus(&pipeline, corpus, opts, |doc, ex| {
        if let Some(r) = report.as_mut() {
            r.add(
                pipeline.gazetteer(),
                doc,
                &ex.sentences_of(&doc.text),
                &ex.mentions,
            );
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
        if summary.documents == 0 {
            // Inputs were given but none was read: the previous exports stay
            // (unless --allow-empty), and the run exits 1 like any run whose
            // inputs failed or were skipped.
            let refused = refuse_empty(
                &args.export,
                &format!(
                    "nothing was read ({} input(s) failed, {} skipped)",
                    summary.failed, summary.skipped
                ),
            );
            if let Err(e) = refused {
                eprintln!("kgx: {e}");
                return Ok(ExitCode::from(1));
            }
        }
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

fn merge(args: MergeArgs) -> kgx::Result<ExitCode> {
    args.validate()?;
    let name = args.export_name();
    let inputs: Vec<PathBuf> = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    for p in inputs.iter().filter(|p| p.as_os_str() != "-") {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                return Err(Error::new(
                    ErrorKind::Input,
                    "is a folder; give the partial-graph files (JSON lines from `kgx extract --emit partial`)",
                )
                .at(Location::file(p)))
            }
            Ok(_) => {}
            Err(e) => return Err(Error::io(ErrorKind::Input, "read partial graph", p, &e)),
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

fn eval(args: EvalArgs) -> kgx::Result<ExitCode> {
    args.input.validate()?;
    let gold = Gold::load(&args.gold)?;
    // Scores what `extract` writes: the same gate (stages::demand).
    let pipeline = input_pipeline_with(&args.input, |b| b.demand(true))?;
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
        // With --discover, the names found are predictions too (by their provisional ids).
        for e in &ex.discovered.entities {
            pred.entities
                .entry((doc.id.clone(), e.id.clone()))
                .or_insert_with(|| e.entity_type.to_string());
        }
        for r in &ex.relations {
            let (Some(s), Some(o)) = (pipeline.end(ex, r.subject), pipeline.end(ex, r.object))
            else {
                continue;
            };
            pred.relations.insert((
                doc.id.clone(),
                s.id().to_owned(),
                r.relation.clone(),
                o.id().to_owned(),
            ));
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
    let mut out = StdoutLines::new();
    for line in report.to_string().lines() {
        out.line(line);
    }
    out.finish()?;
    Ok(exit_code(&summary))
}

fn explain(args: ExplainArgs) -> kgx::Result<ExitCode> {
    args.input.validate()?;
    let pipeline = load_pipeline(&args.input.gazetteer, args.input.discover, true)?;
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
            if matches!(e.outcome, kgx::relations::Outcome::Fired { .. }) {
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

fn suggest(args: SuggestArgs) -> kgx::Result<ExitCode> {
    args.input.validate()?;
    let pipeline = load_pipeline(&args.input.gazetteer, true, false)?;
    let (corpus, opts) = open_corpus(&args.input)?;
    let mut found = Suggestions::default();
    let summary = run_corpus(&pipeline, corpus, opts.without_progress(), |doc, ex| {
        found.add(doc, &ex.discovered);
    });
    let all = found.finish(pipeline.gazetteer());
    let text = match args.format {
        SuggestFormat::Toml => kgx::suggest::to_toml(&all),
        SuggestFormat::Jsonl => kgx::suggest::to_jsonl(&all),
    };
    let mut out = StdoutLines::new();
    out.line(text.trim_end());
    out.finish()?;
    report_problems(&summary, args.input.quiet);
    Ok(exit_code(&summary))
}

fn gazetteer_check(args: GazetteerArgs) -> kgx::Result<ExitCode> {
    args.validate()?;
    let (gaz, rules) = match (load_gazetteer(&args), load_rules(&args)) {
        (Ok(g), Ok(r)) => (g, r),
        (Err(a), Err(b)) => return Err(Error::many(vec![a, b])),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    // Through StdoutLines: `kgx gazetteer check | head` ends quietly.
    let mut out = StdoutLines::new();
    for o in gaz.overrides() {
        out.line(format_args!("override {o}"));
    }
    out.line(format_args!(
        "{}: {} rules over {} relations",
        rules.name(),
        rules.len(),
        rules.relations().len()
    ));
    if !args.no_frames {
        let lexicon = match &args.frames {
            Some(path) => kgx::frames::Lexicon::load(path)?,
            None => kgx::frames::Lexicon::embedded()?,
        };
        let frames = kgx::frames::FrameReader::new(lexicon, &rules)?;
        let lex = frames.lexicon();
        out.line(format_args!(
            "{}: {} frames over {} relations",
            lex.name(),
            lex.frames().len(),
            lex.relations().len()
        ));
        if !frames.undeclared().is_empty() {
            out.line(format_args!(
                "frames of relations the rules do not declare are not read: {}",
                frames.undeclared().join(", ")
            ));
        }
    }
    let shared = kgx::gazetteer::forms::shared(&gaz);
    for (form, ids) in &shared {
        let mut ids: Vec<&str> = ids.iter().map(|&e| gaz.entity(e).id.as_str()).collect();
        ids.sort_unstable();
        out.line(format_args!(
            "alias \"{form}\" is claimed by {}",
            ids.join(", ")
        ));
    }
    let ids_of = |ids: &[kgx::gazetteer::EntityIdx]| {
        let mut ids: Vec<&str> = ids.iter().map(|&e| gaz.entity(e).id.as_str()).collect();
        ids.sort_unstable();
        ids.join(", ")
    };
    let taken = kgx::gazetteer::forms::taken(&gaz);
    for (form, kept, lost) in &taken {
        out.line(format_args!(
            "form \"{form}\" is {}'s (a later layer lists it), no longer {}'s",
            ids_of(kept),
            ids_of(lost)
        ));
    }
    out.line(format_args!("{} entities", gaz.len()));
    for (t, n) in gaz.counts_by_type() {
        out.line(format_args!("  {t:<13} {n}"));
    }
    out.line(format_args!(
        "{} aliases claimed by more than one entity",
        shared.len()
    ));
    if !taken.is_empty() {
        out.line(format_args!(
            "{} forms taken by a later layer from an earlier layer's entities",
            taken.len()
        ));
    }
    out.line(format_args!(
        "{} overrides (entries that extend an entity of an earlier layer)",
        gaz.overrides().len()
    ));
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
