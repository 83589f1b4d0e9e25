//! The command line, private to the `kgx` binary: the library exposes the
//! pipeline, the analysis and the exporters; this tree turns arguments into
//! calls of them.
//!
//! | file | what |
//! |---|---|
//! | `args.rs` | clap definitions and the checks of raw values (no I/O) |
//! | `commands.rs` | one function per command: build what can fail, run the inputs, write the results |
//! | `syntax.rs` | `train-syntax` and `eval-syntax` |

pub mod args;
pub mod commands;
pub mod syntax;
