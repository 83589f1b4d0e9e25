//! Build script: embeds the shipped gazetteer and relation rules in the binary.
//!
//! Writes `$OUT_DIR/shipped.rs` with one `include_str!` per `.toml` or
//! `.jsonl` file below `gazetteer/` (sorted by path, as a folder is loaded)
//! and one for `gazetteer/relations.rules`, so that an installed `kgx` runs
//! from any folder. Cargo reruns it when anything under `gazetteer/` changes.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("folder entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("toml" | "jsonl")
        ) {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let gazetteer = root.join("gazetteer");
    println!("cargo:rerun-if-changed=gazetteer");
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    collect(&gazetteer, &mut files);
    let mut code = String::from(
        "/// The shipped entity files: (path relative to the project, contents).\n\
         pub static GAZETTEER_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        let rel = f.strip_prefix(&root).expect("below the project");
        let rel = rel.to_string_lossy().replace('\\', "/");
        code += &format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        );
    }
    code += "];\n";
    let rules = gazetteer.join("relations.rules");
    code += &format!(
        "/// The shipped relation rules: (path relative to the project, contents).\n\
         pub static RULES_FILE: (&str, &str) = (\"gazetteer/relations.rules\", include_str!({:?}));\n",
        rules.display().to_string()
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join("shipped.rs");
    fs::write(&out, code).unwrap_or_else(|e| panic!("write {}: {e}", out.display()));
}
