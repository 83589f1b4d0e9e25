//! Linked data that links (issue 15, point 8): Wikidata ids become
//! `schema:sameAs` IRIs, and the README's query that uses them runs in Oxigraph.

use std::fs;
use std::process::Command;

use crate::interop::python_ok;
use crate::util::{kgx, root, scratch, stderr};

/// The README's Python block that queries `schema:sameAs`.
fn readme_query() -> String {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    readme
        .split("```python\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains("schema:sameAs"))
        .expect("the README shows a Python query over schema:sameAs")
        .to_string()
}

#[test]
fn readme_sameas_query_finds_wikidata_iris() {
    python_ok();
    let dir = scratch("sameas");
    let out = kgx(
        &dir,
        &[
            "extract",
            root().join("seeds").to_str().unwrap(),
            "--format",
            "jsonld",
            "--quiet",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let ld: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("exports/seeds.jsonld")).unwrap())
            .unwrap();
    let russia = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["slug"] == "russia")
        .unwrap();
    assert_eq!(russia["sameAs"], "http://www.wikidata.org/entity/Q159");

    let run = Command::new("python3")
        .current_dir(&dir)
        .args(["-c", &readme_query()])
        .output()
        .expect("run python3");
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        text.lines()
            .any(|l| l == "Iran http://www.wikidata.org/entity/Q794"),
        "the query reads the sameAs links back from the RDF: {text}"
    );
}
