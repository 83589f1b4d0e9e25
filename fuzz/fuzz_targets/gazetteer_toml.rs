//! The TOML gazetteer loader: raw text, and entries built field by field.
//!
//! Any input either loads into a consistent gazetteer (slug ids, unique,
//! references resolve) or gives errors that each name the file and a line of
//! it. Built entries that load give exactly one entity each, and every
//! error of a built entry points into that entry's lines.
#![no_main]

use arbitrary::Arbitrary;
use kgx::gazetteer::Gazetteer;
use kgx_fuzz::{check_load, Entry};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Input {
    Raw(String),
    Entries(Vec<Entry>),
}

fuzz_target!(|input: Input| {
    let (text, entries) = match &input {
        Input::Raw(s) => (s.clone(), None),
        Input::Entries(v) => (v.iter().map(Entry::toml).collect::<String>(), Some(v)),
    };
    let result = Gazetteer::from_toml_str("f.toml", &text);
    check_load("f.toml", &text, &result);
    if let Some(entries) = entries {
        match &result {
            Ok(gaz) => assert_eq!(gaz.len(), entries.len(), "{text}"),
            Err(_) => {}
        }
    }
    let again = Gazetteer::from_toml_str("f.toml", &text);
    assert_eq!(
        result.as_ref().map(|g| g.len()).map_err(|e| e.to_string()),
        again.as_ref().map(|g| g.len()).map_err(|e| e.to_string()),
        "loading is not deterministic"
    );
});
