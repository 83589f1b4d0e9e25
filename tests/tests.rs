//! The integration tests: one binary, a module per area, shared helpers in `util`.

mod graphs;
mod util;

mod blockers;
mod cli;
mod eval;
mod export;
mod exports_fresh;
mod frames;
mod gazetteer;
mod hostile;
mod interop;
mod layers;
mod regression;
mod relations;
mod spark;
mod syntax;
mod tagger;
