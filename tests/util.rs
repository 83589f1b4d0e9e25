//! Shared test helpers: a scratch folder, the kgx binary, small gazetteers.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use kgx::analysis::Mention;
use kgx::gazetteer::Gazetteer;
use kgx::pipeline::Pipeline;
use kgx::Document;

/// A fresh empty folder under the target dir, removed and recreated per call.
pub fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kgx-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The project root (where `seeds/` and `gazetteer/` live).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the kgx binary in `dir` with `args`.
pub fn kgx(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run kgx")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A small gazetteer written for the tests (not the shipped one).
pub const TEST_GAZETTEER: &str = r#"
[[entity]]
type = "Country"
name = "United States"
aliases = ["US", "U.S.", "United States of America"]
demonyms = ["American"]
capital = "washington-dc"

[[entity]]
type = "Place"
subtype = "City"
name = "Washington DC"
aliases = ["Washington", "Washington, D.C."]
country = "united-states"

[[entity]]
type = "Country"
name = "Turkey"
demonyms = ["Turkish", "Turk"]
capital = "ankara"

[[entity]]
type = "Place"
subtype = "City"
name = "Ankara"
country = "turkey"

[[entity]]
type = "Country"
name = "Russia"
demonyms = ["Russian"]
capital = "moscow"
metonyms = ["Kremlin"]

[[entity]]
type = "Place"
subtype = "City"
name = "Moscow"
country = "russia"

[[entity]]
type = "Country"
name = "Germany"
demonyms = ["German"]

[[entity]]
type = "Person"
name = "Recep Tayyip Erdoğan"
aliases = ["Tayyip Erdogan"]
titles = ["Turkish President"]

[[entity]]
type = "Person"
name = "Jean-Claude de Villiers"

[[entity]]
type = "Person"
name = "Omar al-Khatib"
aliases = ["Omar Khatib"]

[[entity]]
type = "Person"
name = "Omar Haddad"

[[entity]]
type = "Organization"
subtype = "Media"
name = "Associated Press"
aliases = ["AP"]

[[entity]]
type = "Organization"
subtype = "Media"
name = "Deutsche Welle"
aliases = ["DW"]

[[entity]]
type = "Organization"
subtype = "ArmedGroup"
name = "Jaish al-Fatah"
aliases = ["Jaysh al-Fatah", "Army of Conquest"]

[[entity]]
type = "Organization"
subtype = "Government"
name = "Ruritanian government"
country = "ruritania"
references = ["the government", "the regime"]

[[entity]]
type = "Country"
name = "Ruritania"
demonyms = ["Ruritanian"]

[[entity]]
type = "Event"
subtype = "Talks"
name = "Vienna talks"
aliases = ["talks in Vienna"]
references = ["the talks"]
country = "austria"

[[entity]]
type = "Country"
name = "Austria"
capital = "vienna"

[[entity]]
type = "Place"
subtype = "City"
name = "Vienna"
country = "austria"

[[entity]]
type = "Organization"
name = "Manage"
[[entity]]
type = "Organization"
name = "The D"
[[entity]]
type = "Organization"
name = "Deal"
"#;

pub fn test_gazetteer() -> Gazetteer {
    Gazetteer::from_toml_str("test.toml", TEST_GAZETTEER).expect("test gazetteer loads")
}

/// Tag and resolve `text` with the test gazetteer: (text, entity id or "?", kind) per mention.
pub fn tag(text: &str) -> Vec<(String, String, String)> {
    let pipeline = Pipeline::new(test_gazetteer());
    let ex = pipeline.extract(&Document::new("t", text));
    describe(&pipeline, text, &ex.mentions)
}

pub fn describe(
    pipeline: &Pipeline,
    text: &str,
    mentions: &[Mention],
) -> Vec<(String, String, String)> {
    mentions
        .iter()
        .filter(|m| !m.senses.is_empty())
        .map(|m| {
            let id = m.entity.map_or("?".to_string(), |e| {
                pipeline.gazetteer().entity(e).id.clone()
            });
            (m.text(text).to_string(), id, m.kind.as_str().to_string())
        })
        .collect()
}

/// (P, R) of row `row` ("all", "core", "hard", a type or relation) in
/// section `section` ("entities", "relations") of a `kgx eval` report: the
/// first line after the section's heading whose first word is `row`.
pub fn report_row(report: &str, section: &str, row: &str) -> (f64, f64) {
    let rest = &report[report
        .find(section)
        .unwrap_or_else(|| panic!("no {section} section:\n{report}"))..];
    let line = rest
        .lines()
        .find(|l| l.split_whitespace().next() == Some(row))
        .unwrap_or_else(|| panic!("no {row} row in {section}:\n{report}"));
    let f: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .take(2)
        .map(|x| x.parse().unwrap())
        .collect();
    (f[0], f[1])
}
