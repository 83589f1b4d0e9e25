//! Time (issue 15, point 4) and export filters (point 5): the CLI on JSON
//! lines and folders written for the tests.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::util::{kgx, root, scratch, stderr};

/// Three dated reports: Russia and Iran in July, Iran and Turkey in August.
const NEWS: &str = concat!(
    r#"{"id": "d1", "date": "2015-07-14", "text": "Russia and Iran welcomed the deal."}"#,
    "\n",
    r#"{"id": "d2", "date": "2015-07-20", "text": "Iran and Russia spoke again."}"#,
    "\n",
    r#"{"id": "d3", "date": "2015-08-02", "text": "Iran and Turkey met. Syria was silent."}"#,
    "\n",
    r#"{"id": "d4", "text": "Turkey and Syria, undated."}"#,
    "\n",
);

fn extract(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "extract",
        "news.jsonl",
        "--jsonl",
        "--out",
        "out",
        "--no-render",
        "--cooccurrence",
    ];
    args.extend_from_slice(extra);
    kgx(dir, &args)
}

/// The rows of a CSV table split at commas: enough for the first and the
/// last columns, which hold no commas in these tests.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

#[test]
fn nodes_and_edges_get_first_and_last_seen_and_gexf_is_dynamic() {
    let dir = scratch("time");
    fs::write(dir.join("news.jsonl"), NEWS).unwrap();
    let out = extract(&dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let nodes = csv_rows(&dir.join("out/news.nodes.csv"));
    let header = &nodes[0];
    let (f, l) = (
        header
            .iter()
            .position(|h| h == "first_seen")
            .expect("first_seen column"),
        header
            .iter()
            .position(|h| h == "last_seen")
            .expect("last_seen column"),
    );
    let row = |id: &str| {
        nodes
            .iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let n = header.len();
    let tail = |id: &str| {
        (
            row(id)[row(id).len() - (n - f)].clone(),
            row(id)[row(id).len() - (n - l)].clone(),
        )
    };
    assert_eq!(tail("iran"), ("2015-07-14".into(), "2015-08-02".into()));
    assert_eq!(tail("russia"), ("2015-07-14".into(), "2015-07-20".into()));
    assert_eq!(
        tail("syria"),
        ("2015-08-02".into(), "2015-08-02".into()),
        "d4 is undated"
    );

    let gexf = fs::read_to_string(dir.join("out/news.gexf")).unwrap();
    assert!(
        gexf.contains(r#"<graph defaultedgetype="directed" mode="dynamic" timeformat="date">"#),
        "{gexf}"
    );
    let russia = &gexf[gexf.find(r#"<node id="russia""#).unwrap()..];
    let russia = &russia[..russia.find("</node>").unwrap()];
    assert!(
        russia.contains(r#"<spell start="2015-07-14" end="2015-07-14"/>"#)
            && russia.contains(r#"<spell start="2015-07-20" end="2015-07-20"/>"#)
            && russia.matches("<spell ").count() == 2,
        "{russia}"
    );
    // The dynamic GEXF is valid GEXF 1.3 (RelaxNG with the dynamics module).
    let rng = root().join("../shared/conformance/xsd/gexf-1.3/gexf.rng");
    let lint = Command::new("xmllint")
        .args(["--noout", "--relaxng"])
        .arg(&rng)
        .arg(dir.join("out/news.gexf"))
        .output()
        .unwrap_or_else(|e| panic!("xmllint is missing ({e}); install it with: bash tests/interop/install.sh (as root)"));
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );
}

#[test]
fn since_until_and_date_from_path_select_documents() {
    let dir = scratch("since");
    fs::write(dir.join("news.jsonl"), NEWS).unwrap();
    let out = extract(&dir, &["--since", "2015-07-15", "--until", "2015-07-31"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 documents, "), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("3 documents left out by --since/--until (outside the range or undated)"),
        "{}",
        stderr(&out)
    );
    let nodes = fs::read_to_string(dir.join("out/news.nodes.csv")).unwrap();
    assert!(
        nodes.contains("\nrussia,") && !nodes.contains("\nturkey,"),
        "{nodes}"
    );

    let out = kgx(
        &dir,
        &["tag", "news.jsonl", "--jsonl", "--since", "2015-13-01"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid --since \"2015-13-01\" (give a day as YYYY-MM-DD)"),
        "{}",
        stderr(&out)
    );

    let dir = scratch("datepath");
    fs::create_dir_all(dir.join("archive/2016/03/01")).unwrap();
    fs::create_dir_all(dir.join("archive/2016/04/09")).unwrap();
    fs::write(dir.join("archive/2016/03/01/a.txt"), "Russia spoke.").unwrap();
    fs::write(
        dir.join("archive/2016/04/09/a.txt"),
        "Russia and Iran spoke.",
    )
    .unwrap();
    let out = kgx(
        &dir,
        &[
            "extract",
            "archive",
            "--date-from-path",
            "--out",
            "out",
            "--no-render",
            "--format",
            "csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = fs::read_to_string(dir.join("out/archive.documents.csv")).unwrap();
    assert!(docs.contains("2016/03/01/a,2016-03-01,,,"), "{docs}");
    let nodes = fs::read_to_string(dir.join("out/archive.nodes.csv")).unwrap();
    assert!(
        nodes
            .lines()
            .any(|l| l.starts_with("russia,") && l.ends_with(",2016-03-01,2016-04-09")),
        "{nodes}"
    );
}

#[test]
fn export_filters_relations_min_weight_and_isolated_nodes() {
    let dir = scratch("filters");
    fs::write(dir.join("news.jsonl"), NEWS).unwrap();
    let edges = |dir: &Path| fs::read_to_string(dir.join("out/news.edges.csv")).unwrap();
    let nodes = |dir: &Path| fs::read_to_string(dir.join("out/news.nodes.csv")).unwrap();

    let out = extract(&dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all = edges(&dir);
    assert!(
        all.contains("\niran,russia,Directed,co_occurs,co_occurs,2,"),
        "{all}"
    );
    assert!(
        all.contains("\niran,turkey,Directed,co_occurs,co_occurs,1,"),
        "{all}"
    );

    let out = extract(&dir, &["--min-weight", "2", "--drop-isolated"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let kept = edges(&dir);
    assert_eq!(kept.lines().count(), 2, "header and iran-russia: {kept}");
    let ids: Vec<String> = nodes(&dir)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["iran", "russia"], "isolated nodes dropped");

    let out = extract(&dir, &["--relations", "attends"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        edges(&dir).lines().count(),
        1,
        "no attends edge: {}",
        edges(&dir)
    );
    assert!(
        nodes(&dir).contains("\nsyria,"),
        "without --drop-isolated nodes stay"
    );

    let out = extract(&dir, &["--relations", "atends"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "unknown relation in --relations: atends (the rules declare: brokered, attends"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn cooccurrence_edges_carry_documents_and_evidence() {
    let dir = scratch("cooc-ev");
    fs::write(dir.join("news.jsonl"), NEWS).unwrap();
    let out = extract(&dir, &["--format", "jsonld"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ld: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("out/news.jsonld")).unwrap()).unwrap();
    let st = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| {
            v["relation"] == "co_occurs"
                && v["subject"].as_str().unwrap().ends_with("/iran")
                && v["object"].as_str().unwrap().ends_with("/russia")
        })
        .expect("the iran-russia co_occurs statement");
    assert_eq!(st["documents"], serde_json::json!(["d1", "d2"]));
    let ev = st["evidence"].as_array().unwrap();
    assert_eq!(ev.len(), 2);
    assert_eq!(ev[0]["text"], "Russia and Iran welcomed the deal.");
    assert_eq!(ev[0]["rule"], "co_occurs");
    // Spans are those of the two ends in the document.
    assert_eq!(ev[0]["subjectSpan"]["byteStart"], 11, "Iran");
    assert_eq!(ev[0]["objectSpan"]["byteStart"], 0, "Russia");
}
