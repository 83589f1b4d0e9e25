//! The HTML report (issue 15, point 7) in a real browser: Debian's Chromium,
//! driven through WebDriver by tests/browser/check_report.py (selenium). A
//! missing browser, driver or selenium fails the test with the install command.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::interop::available;
use crate::util::{kgx, root, scratch, stderr};

/// Rows of a CSV table, header left out.
fn rows(path: &Path) -> usize {
    fs::read_to_string(path).unwrap().lines().count() - 1
}

/// Run the browser check on `html`; the screenshot goes to `target/screenshots/<shot>`.
fn check_in_browser(html: &Path, nodes: usize, edges: usize, shot: &str) -> serde_json::Value {
    available(
        "python3 with selenium, and Debian's chromium and chromium-driver",
        Command::new("python3").args([
            "-c",
            "import selenium, os, sys; sys.exit(0 if os.access('/usr/bin/chromium', os.X_OK) and os.access('/usr/bin/chromedriver', os.X_OK) else 1)",
        ]),
    );
    let shots = root().join("target/screenshots");
    fs::create_dir_all(&shots).unwrap();
    let out = Command::new("python3")
        .arg(root().join("tests/browser/check_report.py"))
        .arg(html)
        .arg(nodes.to_string())
        .arg(edges.to_string())
        .arg(shots.join(shot))
        .output()
        .expect("run check_report.py");
    assert!(
        out.status.success(),
        "browser check of {}: {}\n{}",
        html.display(),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        shots.join(shot).is_file(),
        "screenshot kept in target/screenshots/"
    );
    serde_json::from_slice(&out.stdout).expect("check_report.py prints JSON")
}

#[test]
fn seeds_report_loads_counts_match_and_an_edge_click_shows_its_evidence() {
    let dir = scratch("report-seeds");
    let out = kgx(
        &root(),
        &[
            "extract",
            "--out",
            dir.to_str().unwrap(),
            "--no-render",
            "--quiet",
            "--format",
            "html,csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (nodes, edges) = (
        rows(&dir.join("seeds.nodes.csv")),
        rows(&dir.join("seeds.edges.csv")),
    );
    let html = fs::read_to_string(dir.join("seeds.html")).unwrap();
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "no remote script or style"
    );
    let got = check_in_browser(&dir.join("seeds.html"), nodes, edges, "seeds.report.png");
    let types = got["types"].as_array().unwrap();
    assert!(
        types.len() >= 4,
        "the document view marks mentions of several types: {got}"
    );
}

#[test]
fn report_of_hostile_text_still_loads() {
    let dir = scratch("report-hostile");
    fs::write(
        dir.join("news.jsonl"),
        concat!(
            r#"{"id": "x</script><script>alert(1)</script>", "date": "2016-01-02", "title": "<b>bold</b> & co", "text": "Russia and Iran met. Later </script><!-- x --> <img src=x onerror=alert(2)> \u2028 Turkey and Syria spoke."}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = kgx(
        &dir,
        &[
            "extract",
            "news.jsonl",
            "--jsonl",
            "--cooccurrence",
            "--out",
            "out",
            "--no-render",
            "--quiet",
            "--format",
            "html,csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (nodes, edges) = (
        rows(&dir.join("out/news.nodes.csv")),
        rows(&dir.join("out/news.edges.csv")),
    );
    assert!(edges > 0);
    check_in_browser(
        &dir.join("out/news.html"),
        nodes,
        edges,
        "hostile.report.png",
    );
}

#[test]
fn picture_leaves_isolated_nodes_out_says_so_and_ties_labels_to_edges() {
    available("graphviz dot", Command::new("dot").arg("-V"));
    let dir = scratch("picture");
    fs::write(
        dir.join("a.txt"),
        "Russia brokered the Astana talks. Iran attended the Astana talks. Germany and Chile were not mentioned with anyone.",
    )
    .unwrap();
    let out = kgx(
        &dir,
        &["extract", "a.txt", "--out", "out", "--format", "dot,csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let nodes = rows(&dir.join("out/a.nodes.csv"));
    let svg = fs::read_to_string(dir.join("out/a.svg")).expect("rendered");
    let drawn = svg.matches("class=\"node\"").count();
    let isolated = nodes - drawn;
    assert!(
        isolated >= 2,
        "Germany and Chile have no edge: {nodes} nodes, {drawn} drawn"
    );
    assert!(
        svg.contains(&format!(
            "{isolated} nodes with no edge not drawn (listed in the nodes table)"
        )),
        "the legend says what was left out"
    );
    // The data export keeps every node; edge labels are tied to their edges.
    let dot = fs::read_to_string(dir.join("out/a.dot")).unwrap();
    assert_eq!(dot.matches("fillcolor=").count(), nodes);
    assert!(dot.contains("decorate=\"true\""));
    assert!(
        !dir.join("out").read_dir().unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".kgx-picture")),
        "no leftover folder"
    );
}
