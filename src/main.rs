//! The `kgx` binary: parse arguments, run the library, report errors, pick the exit code.

use std::process::ExitCode;

use clap::Parser;

mod cli;

/// mimalloc instead of the system allocator: kgx allocates many small,
/// short-lived values per document (mentions, their senses, sentences,
/// tokens), freed on another thread than the one that made them when
/// running with `-j N`. On the research corpus it extracts 11% (domain
/// gazetteer) to 21% (large) faster and loads the large gazetteer 18% faster
/// than with glibc's malloc; see docs/PERFORMANCE.md. [`kgx::allocator::Allocator`]
/// calls it without asking for an alignment where a word's is enough, and
/// [`kgx::allocator::tune`] sets it up for streaming.
#[global_allocator]
static ALLOC: kgx::allocator::Allocator = kgx::allocator::Allocator;

fn main() -> ExitCode {
    kgx::allocator::tune();
    let cli = cli::args::Cli::parse();
    match cli::commands::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            for line in err.to_string().lines() {
                eprintln!("kgx: {line}");
            }
            ExitCode::from(2)
        }
    }
}

/// A closed stdout (`kgx tag | head`) ends the run quietly. Told by the I/O
/// error's kind: a message may quote user text that says "broken pipe".
fn is_broken_pipe(err: &kgx::Error) -> bool {
    err.io_kind() == Some(std::io::ErrorKind::BrokenPipe)
}
