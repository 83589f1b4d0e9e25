//! Interop: the exports read by the real clients (FORMATS.md), not by us.
//!
//! Writes the awkward graph and a medium graph (and `exports/seeds.*`, when
//! the seeds were exported there) to a temporary folder and runs each
//! checker of `tests/interop/` on each file; a checker exits 0 and prints a
//! JSON summary (nodes with label and type, edges with relation and weight),
//! which must equal kgx's own graph.
//!
//! A missing client fails the test, locally as on CI, with the install
//! command in its message: a green run never hides a check that did not
//! run. Install everything with `bash tests/interop/install.sh` (it asks for sudo when not run as root).

use std::path::{Path, PathBuf};
use std::process::Command;

use kgx::export::{write_exports, ExportOptions, Format};
use kgx::graph::KnowledgeGraph;
use serde_json::Value;

use crate::graphs::{awkward_graph, medium_graph, normalise, root, summary, temp_dir};

const INSTALL: &str = "bash tests/interop/install.sh (as root)";
const GRAPHML_XSD: &str = "../shared/conformance/xsd/graphml/graphml.xsd";
const GEXF_RNG: &str = "../shared/conformance/xsd/gexf-1.3/gexf.rng";

fn interop_dir() -> PathBuf {
    root().join("tests/interop")
}

/// Is `what` available (probe exits 0)? If not, the test fails with the install command.
pub(crate) fn available(what: &str, probe: &mut Command) -> bool {
    let ok = probe.output().map(|o| o.status.success()).unwrap_or(false);
    assert!(ok, "{what} is not available; install it with: {INSTALL}");
    ok
}

pub(crate) fn python_ok() -> bool {
    available(
        "python3 with networkx, igraph, pyld, rdflib, pyoxigraph",
        Command::new("python3").args(["-c", "import networkx, igraph, pyld, rdflib, pyoxigraph"]),
    )
}

fn node_ok() -> bool {
    available(
        "node with graphology, graphology-graphml, graphology-gexf, jsonld (npm ci in tests/interop)",
        Command::new("node")
            .current_dir(interop_dir())
            .args(["-e", "for (const m of ['graphology','graphology-graphml','graphology-gexf','jsonld']) require(m)"]),
    )
}

fn schema_ok(path: &str) -> bool {
    let ok = root().join(path).is_file();
    assert!(
        ok,
        "schema {path} not found (shared/ must sit beside the checkout)"
    );
    ok
}

/// Run a command from the project root; it must exit 0 and print JSON on stdout.
pub(crate) fn run_json(cmd: &mut Command, what: &str) -> Value {
    let out = cmd
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{what}: exit {:?}\nstdout: {stdout}\nstderr: {stderr}",
        out.status.code()
    );
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {stdout}\nstderr: {stderr}"))
}

pub(crate) fn python(script: &str, args: &[&Path]) -> Command {
    let mut c = Command::new("python3");
    c.arg(interop_dir().join(script)).args(args);
    c
}

fn node(script: &str, args: &[&str]) -> Command {
    let mut c = Command::new("node");
    c.arg(interop_dir().join(script)).args(args);
    c
}

/// A graph exported to a temp folder, with what clients should read from it.
struct Case {
    name: String,
    dir: PathBuf,
    /// The expected summary; `None` for seed exports made by the CLI (clients are compared with each other).
    expected: Option<KnowledgeGraph>,
    _dir: std::rc::Rc<TempDir>,
}

impl Case {
    fn file(&self, ext: &str) -> PathBuf {
        self.dir.join(format!("{}.{ext}", self.name))
    }

    fn check(&self, client: &str, got: &Value, drop_cr: bool, reference: &mut Option<Value>) {
        let got = normalise(got.clone());
        let want = match &self.expected {
            Some(g) => summary(g, drop_cr),
            None => match reference {
                Some(r) => r.clone(),
                None => {
                    *reference = Some(got.clone());
                    return;
                }
            },
        };
        if got != want {
            let path = self
                .dir
                .join(format!("{}.{client}.summary.json", self.name));
            std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap()).unwrap();
            panic!(
                "{client} read {} differently from kgx's graph (got {}):\n got: {got}\nwant: {want}",
                self.name,
                path.display()
            );
        }
    }
}

/// A test's folder, removed when the last case using it is dropped, unless
/// the test failed (then it is kept for a look).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn cases(test: &str, opts: &ExportOptions) -> Vec<Case> {
    let dir = temp_dir(&format!("interop-{test}"));
    let guard = std::rc::Rc::new(TempDir(dir.clone()));
    let mut out = Vec::new();
    for (name, graph) in [("awkward", awkward_graph()), ("medium", medium_graph())] {
        write_exports(&graph, &dir, name, &Format::ALL, opts).unwrap();
        out.push(Case {
            name: name.into(),
            dir: dir.clone(),
            expected: Some(graph),
            _dir: guard.clone(),
        });
    }
    let seeds = root().join("exports");
    if seeds.join("seeds.graphml").is_file() {
        for f in std::fs::read_dir(&seeds).unwrap() {
            let f = f.unwrap().path();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("seeds.") && !name.contains(".tmp") {
                std::fs::copy(&f, dir.join(&name)).unwrap();
            }
        }
        out.push(Case {
            name: "seeds".into(),
            dir,
            _dir: guard,
            expected: None,
        });
    }
    out
}

fn xmllint(args: &[&str], file: &Path) -> std::process::Output {
    Command::new("xmllint")
        .current_dir(root())
        .args(args)
        .arg(file)
        .output()
        .expect("xmllint runs")
}

/// Remove Gephi's non-standard `label="..."` from each `<edge ...>` start tag.
fn strip_gephi_edge_label(xml: &str) -> String {
    xml.lines()
        .map(|line| {
            let t = line.trim_start();
            if t.starts_with("<edge ") {
                if let Some(i) = line.find(" label=\"") {
                    let end = i + 8 + line[i + 8..].find('"').expect("closed attribute") + 1;
                    return format!("{}{}", &line[..i], &line[end..]);
                }
            }
            line.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn graphml_is_xsd_valid_with_and_without_gephi_edge_label() {
    if !available("xmllint", Command::new("xmllint").arg("--version")) || !schema_ok(GRAPHML_XSD) {
        return;
    }
    for gephi_edge_label in [false, true] {
        let opts = ExportOptions {
            gephi_edge_label,
            ..ExportOptions::default()
        };
        for case in cases(&format!("xsd-{gephi_edge_label}"), &opts) {
            let file = case.file("graphml");
            let xml = std::fs::read_to_string(&file).unwrap();
            let has_label = xml
                .lines()
                .any(|l| l.trim_start().starts_with("<edge ") && l.contains(" label=\""));
            let out = xmllint(&["--noout", "--schema", GRAPHML_XSD], &file);
            let stderr = String::from_utf8_lossy(&out.stderr);
            if case.expected.is_some() {
                assert_eq!(
                    has_label, gephi_edge_label,
                    "{}: label attribute present iff the option is on",
                    case.name
                );
            }
            if !has_label {
                assert!(out.status.success(), "{}: XSD-invalid: {stderr}", case.name);
                continue;
            }
            assert!(
                !out.status.success(),
                "{}: the XSD should reject Gephi's edge label",
                case.name
            );
            let stripped = case.dir.join(format!("{}.stripped.graphml", case.name));
            std::fs::write(&stripped, strip_gephi_edge_label(&xml)).unwrap();
            let out = xmllint(&["--noout", "--schema", GRAPHML_XSD], &stripped);
            assert!(
                out.status.success(),
                "{}: XSD-invalid after stripping the edge label: {}",
                case.name,
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn graphml_read_by_networkx_igraph_graphology() {
    let (py, js) = (python_ok(), node_ok());
    for gephi_edge_label in [true, false] {
        let opts = ExportOptions {
            gephi_edge_label,
            ..ExportOptions::default()
        };
        for case in cases(&format!("graphml-{gephi_edge_label}"), &opts) {
            let file = case.file("graphml");
            let mut reference = None;
            if py {
                let v = run_json(
                    &mut python("check_graphml.py", &[&file]),
                    "check_graphml.py",
                );
                case.check("networkx", &v["networkx"], false, &mut reference);
                case.check("igraph", &v["igraph"], false, &mut reference);
            }
            if js {
                let v = run_json(
                    &mut node("check_graph.mjs", &["graphml", file.to_str().unwrap()]),
                    "check_graph.mjs",
                );
                case.check(
                    "graphology-graphml",
                    &v["graphology"],
                    false,
                    &mut reference,
                );
            }
        }
    }
}

#[test]
fn gexf_is_relaxng_valid_and_read_by_networkx_graphology() {
    let lint =
        available("xmllint", Command::new("xmllint").arg("--version")) && schema_ok(GEXF_RNG);
    let (py, js) = (python_ok(), node_ok());
    for case in cases("gexf", &ExportOptions::default()) {
        let file = case.file("gexf");
        if lint {
            let out = xmllint(&["--noout", "--relaxng", GEXF_RNG], &file);
            assert!(
                out.status.success(),
                "{}: RelaxNG-invalid: {}",
                case.name,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let mut reference = None;
        if py {
            let v = run_json(&mut python("check_gexf.py", &[&file]), "check_gexf.py");
            case.check("networkx-gexf", &v["networkx"], false, &mut reference);
        }
        if js {
            let v = run_json(
                &mut node("check_graph.mjs", &["gexf", file.to_str().unwrap()]),
                "check_graph.mjs",
            );
            case.check("graphology-gexf", &v["graphology"], false, &mut reference);
        }
    }
}

#[test]
fn dot_renders_without_stderr_and_reads_back() {
    if !available("graphviz dot", Command::new("dot").arg("-V")) || !python_ok() {
        return;
    }
    for case in cases("dot", &ExportOptions::default()) {
        let file = case.file("dot");
        let v = run_json(&mut python("check_dot.py", &[&file]), "check_dot.py");
        case.check("graphviz", &v["graphviz"], true, &mut None);
    }
}

#[test]
fn dot_render_with_graphviz_is_atomic_and_clean() {
    if !available("graphviz dot", Command::new("dot").arg("-V")) {
        return;
    }
    let case = cases("render", &ExportOptions::default()).remove(0);
    let dot = case.file("dot");
    let opts = kgx::export::render::RenderOptions {
        timeout: std::time::Duration::from_secs(60),
        nodes: 10,
        edges: 10,
    };
    let mut said = Vec::new();
    let rendered =
        kgx::export::render::render_with_graphviz(&dot, &["svg", "png"], &opts, &mut |m: &str| {
            said.push(m.to_string())
        })
        .unwrap();
    assert_eq!(rendered.written, [case.file("svg"), case.file("png")]);
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    assert_eq!(said.len(), 2, "one message per picture: {said:?}");
    let svg = std::fs::read_to_string(case.file("svg")).unwrap();
    assert!(
        svg.contains("<svg") && svg.contains("Erdoğan"),
        "svg carries the labels"
    );
    let broken = case.dir.join("broken.dot");
    std::fs::write(&broken, "digraph { \"a\" [label=\"x\\\"]; }\n").unwrap();
    let rendered =
        kgx::export::render::render_with_graphviz(&broken, &["svg"], &opts, &mut |_: &str| {})
            .unwrap();
    assert!(rendered.written.is_empty());
    assert_eq!(rendered.warnings.len(), 1, "{:?}", rendered.warnings);
    assert!(
        rendered.warnings[0].starts_with("dot -Tsvg failed (exit 1)"),
        "{:?}",
        rendered.warnings
    );
    assert!(
        !case.dir.join("broken.svg").exists(),
        "no half-rendered file"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&case.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn jsonld_expands_losslessly_and_queries_per_relation() {
    let (py, js) = (python_ok(), node_ok());
    for case in cases("jsonld", &ExportOptions::default()) {
        let file = case.file("jsonld");
        let mut reference = None;
        let mut hashes = Vec::new();
        if py {
            let nq = case.dir.join(format!("{}.pyld.nq", case.name));
            let v = run_json(
                &mut python("check_jsonld.py", &[&file, &nq]),
                "check_jsonld.py",
            );
            let p = &v["pyld"];
            assert_eq!(
                p["keys_before"], p["keys_after"],
                "{}: pyld expansion dropped keys",
                case.name
            );
            assert_eq!(
                p["types_before"], p["types_after"],
                "{}: pyld expansion dropped @type",
                case.name
            );
            assert_eq!(
                p["relative_iris"],
                serde_json::json!([]),
                "{}: relative IRIs",
                case.name
            );
            assert_eq!(
                v["rdflib_triples"], p["nquads_count"],
                "{}: rdflib and pyld count triples alike",
                case.name
            );
            assert_eq!(
                v["oxigraph_quads"], p["nquads_count"],
                "{}: oxigraph and pyld count quads alike",
                case.name
            );
            case.check("rdflib", &v["rdflib"], false, &mut reference);
            case.check("oxigraph", &v["oxigraph"], false, &mut reference);
            hashes.push(("pyld", p["nquads_sha256"].clone(), nq));
        }
        if js {
            let nq = case.dir.join(format!("{}.jsonld-js.nq", case.name));
            let v = run_json(
                &mut node(
                    "check_jsonld.mjs",
                    &[file.to_str().unwrap(), nq.to_str().unwrap()],
                ),
                "check_jsonld.mjs",
            );
            let j = &v["jsonld_js"];
            assert_eq!(
                j["keys_before"], j["keys_after"],
                "{}: jsonld.js expansion dropped keys",
                case.name
            );
            hashes.push(("jsonld.js", j["nquads_sha256"].clone(), nq));
        }
        if let [(a, ha, fa), (b, hb, fb)] = &hashes[..] {
            assert_eq!(
                ha,
                hb,
                "{}: {a} and {b} canonical N-Quads differ: diff {} {}",
                case.name,
                fa.display(),
                fb.display()
            );
        }
    }
}

#[test]
fn csv_read_by_python_csv() {
    if !available("python3", Command::new("python3").arg("--version")) {
        return;
    }
    for case in cases("csv", &ExportOptions::default()) {
        let v = run_json(
            &mut python(
                "check_csv.py",
                &[&case.file("nodes.csv"), &case.file("edges.csv")],
            ),
            "check_csv.py",
        );
        case.check("python-csv", &v["csv"], false, &mut None);
    }
}

/// Issue 16, findings 8 and 9: with every base IRI `--base-iri` accepts,
/// Oxigraph loads every quad of the JSON-LD export (it kept 9 of 66 with a
/// base ending in `#` and 0 with a bad `%` escape, silently); bases that
/// would make invalid IRIs are refused before any work, the exports left as
/// they were. A relation named `mentions` does not share `kgx:mentions`,
/// whose values stay mention counts.
#[test]
fn jsonld_loads_whole_in_oxigraph_for_every_accepted_base() {
    if !python_ok() {
        return;
    }
    let dir = temp_dir("interop-base-iri");
    // A partial graph whose relations are named like kgx's own terms.
    let partial = serde_json::json!({
        "nodes": [
            {"id": "a", "label": "A", "type": "Country", "mentions": 3, "documents": ["d"]},
            {"id": "b", "label": "B", "type": "Person", "mentions": 1, "documents": ["d"]}
        ],
        "edges": [
            {"subject": "a", "relation": "mentions", "object": "b", "count": 1},
            {"subject": "a", "relation": "weight", "object": "b", "count": 1},
            {"subject": "b", "relation": "slug", "object": "a", "count": 1},
            {"subject": "b", "relation": "brokered", "object": "a", "evidence": [
                {"doc": "d", "sentence": 0, "text": "B brokered A.", "subject_span": [0, 1],
                 "object_span": [11, 12], "trigger_span": [2, 10], "rule": "r"}]}
        ]
    });
    std::fs::write(dir.join("p.jsonl"), partial.to_string()).unwrap();
    let kgx = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kgx"))
            .current_dir(&dir)
            .args(["merge", "p.jsonl", "--format", "jsonld", "--quiet"])
            .args(args)
            .output()
            .unwrap()
    };
    let mut counts = Vec::new();
    for base in [
        "urn:kgx:",
        "https://example.org/kg/",
        "http://例え.テスト/グラフ/",
        "https://user@example.org:8080/a%20b/",
        "tag:example.org,2026:kg:",
    ] {
        let out = kgx(&["--base-iri", base, "--out", "ok"]);
        assert!(
            out.status.success(),
            "{base}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = run_json(
            &mut python("check_quads.py", &[&dir.join("ok/graph.jsonld")]),
            "check_quads.py",
        );
        assert_eq!(
            v["oxigraph"], v["pyld"],
            "{base}: Oxigraph dropped quads: {v}"
        );
        assert_eq!(
            v["mentions"],
            serde_json::json!(["Literal:1", "Literal:3"]),
            "{base}: kgx:mentions holds only the counts"
        );
        counts.push(v["oxigraph"].as_u64().unwrap());
    }
    assert!(
        counts.iter().all(|&c| c == counts[0] && c > 40),
        "{counts:?}"
    );
    std::fs::create_dir_all(dir.join("kept")).unwrap();
    std::fs::write(dir.join("kept/graph.jsonld"), "previous").unwrap();
    for (base, want) in [
        ("https://example.org/kg#", "has a fragment"),
        ("https://example.org/kg/#", "has a fragment"),
        ("https://example.org/a%zz/", "bad percent escape"),
        ("https://example.org/a%2/", "bad percent escape"),
        ("http://exa mple.org/", "contains ' '"),
    ] {
        let out = kgx(&["--base-iri", base, "--out", "kept"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{base}: {err}");
        assert!(err.contains(want), "{base}: {err}");
        assert_eq!(
            std::fs::read_to_string(dir.join("kept/graph.jsonld")).unwrap(),
            "previous"
        );
    }
}
