//! The integration tests: one binary, a module per area, shared helpers in `util`.

mod util;

mod cli;
mod gazetteer;
mod tagger;
