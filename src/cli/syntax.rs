//! The `train-syntax` and `eval-syntax` commands.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::args::{EvalSyntaxArgs, TrainSyntaxArgs};
use kgx::error::{Error, ErrorKind};
use kgx::syntax::conllu;
use kgx::syntax::train::{evaluate, train, TrainOptions};
use kgx::syntax::Syntax;

/// Write `bytes` to `path` through a temporary file, so that a model is never half-written.
fn write_atomic(path: &Path, bytes: &[u8]) -> kgx::Result<()> {
    let tmp = path.with_extension("bin.tmp");
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(ErrorKind::Output, "write", &tmp, &e))?;
    std::fs::rename(&tmp, path)
        .map_err(|e| Error::io(ErrorKind::Output, "rename into place", path, &e))
}

/// `kgx train-syntax`.
pub(crate) fn train_syntax(args: &TrainSyntaxArgs) -> kgx::Result<ExitCode> {
    if args.parser_epochs == 0 || args.tagger_epochs == 0 {
        return Err(Error::new(ErrorKind::Usage, "epochs must be at least 1"));
    }
    if !args.out.is_dir() {
        return Err(Error::new(
            ErrorKind::Usage,
            format!(
                "output folder \"{}\" does not exist (create it first)",
                args.out.display()
            ),
        ));
    }
    let train_set = conllu::read(args.treebank.join("train.conllu"))?;
    let dev_set = conllu::read(args.treebank.join("dev.conllu"))?;
    let opts = TrainOptions {
        seed: args.seed,
        limit: args.limit,
        parser_epochs: args.parser_epochs,
        tagger_epochs: args.tagger_epochs,
        folds: args.folds,
        min_weight: args.min_weight,
        ..TrainOptions::default()
    };
    let dev = match args.limit {
        Some(n) => &dev_set[..(n / 4).clamp(1, dev_set.len())],
        None => &dev_set[..],
    };
    let trained = train(&train_set, dev, &opts, &mut |line| eprintln!("kgx: {line}"))?;
    write_atomic(&args.out.join("tagger.bin"), &trained.tagger)?;
    write_atomic(&args.out.join("parser.bin"), &trained.parser)?;
    eprintln!(
        "kgx: wrote {} ({} bytes) and {} ({} bytes)",
        args.out.join("tagger.bin").display(),
        trained.tagger.len(),
        args.out.join("parser.bin").display(),
        trained.parser.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The models of `--models DIR`, or the embedded ones.
pub(crate) fn load_models(dir: Option<&Path>) -> kgx::Result<Syntax> {
    match dir {
        None => Syntax::embedded(),
        Some(dir) => {
            let read = |name: &str| {
                let p = dir.join(name);
                std::fs::read(&p).map_err(|e| Error::io(ErrorKind::Model, "read", &p, &e))
            };
            Syntax::from_bytes(&read("tagger.bin")?, &read("parser.bin")?)
        }
    }
}

/// `kgx eval-syntax`.
pub(crate) fn eval_syntax(args: &EvalSyntaxArgs) -> kgx::Result<ExitCode> {
    use std::fmt::Write as _;
    use std::io::Write as _;
    let mut syntax = load_models(args.models.as_deref())?;
    let sentences = conllu::read(&args.conllu)?;
    let mut out = String::new();
    if let Some(min) = args.prune {
        syntax = Syntax::from_models(
            syntax.tagger().model().prune(min),
            syntax.parser().model().prune(min),
        )?;
        let (t, p) = (syntax.tagger().model(), syntax.parser().model());
        let _ = writeln!(
            out,
            "pruned below {min}\ttagger {} features, {} weights; parser {} features, {} weights",
            t.n_features(),
            t.n_weights(),
            p.n_features(),
            p.n_weights()
        );
    }
    let s = evaluate(&syntax, &sentences);
    let _ = writeln!(out, "treebank\t{}", args.conllu.display());
    let _ = writeln!(out, "sentences\t{}", s.sentences);
    let _ = writeln!(out, "words\t{}", s.words);
    let _ = writeln!(out, "UPOS\t{:.2}", s.upos);
    let _ = writeln!(out, "XPOS\t{:.2}", s.xpos);
    let _ = writeln!(out, "UAS\t{:.2}", s.uas);
    let _ = writeln!(out, "LAS\t{:.2}", s.las);
    let _ = writeln!(
        out,
        "LAS (universal labels, as CoNLL 2018)\t{:.2}",
        s.las_universal
    );
    let _ = writeln!(out, "tagger words/s (one thread)\t{:.0}", s.tagger_wps);
    let _ = writeln!(
        out,
        "parser words/s (one thread, tagging excluded)\t{:.0}",
        s.parser_wps
    );
    if let (Some(t), Some(p)) = (s.tagger_wpcs, s.parser_wpcs) {
        let _ = writeln!(out, "tagger words per CPU-second (one thread)\t{t:.0}");
        let _ = writeln!(
            out,
            "parser words per CPU-second (one thread, tagging excluded)\t{p:.0}"
        );
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(crate::cli::commands::out_err)?;
    Ok(ExitCode::SUCCESS)
}
