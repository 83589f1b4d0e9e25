//! The integration tests: one binary, a module per area, shared helpers in `util`.

mod graphs;
mod util;

mod archive;
mod blockers;
mod cli;
mod coref;
mod demand;
mod discovery;
mod eval;
mod export;
mod exports_fresh;
mod frames;
mod gazetteer;
mod hostile;
mod interop;
mod layers;
mod linked;
mod newcomer;
mod probe_sets;
mod regression;
mod relations;
mod report;
mod spark;
mod syntax;
mod tagger;
mod timeline;
