//! The `kgx` binary: parse arguments, run the library, report errors, pick the exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kgx::cli::Cli::parse();
    match kgx::app::run(cli) {
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

/// A closed stdout (`kgx tag | head`) ends the run quietly.
fn is_broken_pipe(err: &kgx::Error) -> bool {
    err.message().contains("broken pipe")
}
