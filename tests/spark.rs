//! kgx as a mapper: `extract --emit partial` per document, `merge` anywhere.
//!
//! The merge is associative and commutative, so the exports of any grouping
//! and order of partial graphs equal the single-process run byte for byte.
//! Checked twice: in Rust alone (random groupings of `merge --emit partial`,
//! fixed seeds), and with Apache Spark in local mode (`rdd.pipe()` through
//! kgx on the executors, `kgx merge` on the driver; tests/spark/kgx_spark.py),
//! on the seeds and on a larger input generated from them.
//!
//! A missing pyspark or Java fails the Spark tests when `CI=true`; otherwise
//! they print the install command and return.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{kgx, root, scratch, stderr, stdout};

/// The pyspark of tests/interop/install.sh (3.5 runs on Java 17).
const PYSPARK: &str = "pyspark==3.5.9";

/// What a full export writes (`--format all`), by extension.
const EXPORTS: [&str; 6] = ["graphml", "gexf", "dot", "jsonld", "nodes.csv", "edges.csv"];

/// A small deterministic generator (splitmix64), so no rand crate is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Fisher-Yates.
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }

    /// Cut `items` into `groups` non-empty runs of random lengths (groups <= len).
    fn split<T: Clone>(&mut self, items: &[T], groups: usize) -> Vec<Vec<T>> {
        let mut cuts: Vec<usize> = (1..items.len()).collect();
        self.shuffle(&mut cuts);
        let mut cuts: Vec<usize> = cuts.into_iter().take(groups - 1).collect();
        cuts.sort_unstable();
        let mut out = Vec::new();
        let mut start = 0;
        for c in cuts.into_iter().chain([items.len()]) {
            out.push(items[start..c].to_vec());
            start = c;
        }
        out
    }
}

/// The seeds as (id = file stem, text), sorted by id.
fn seed_docs() -> Vec<(String, String)> {
    let mut docs: Vec<(String, String)> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    docs.sort();
    assert_eq!(docs.len(), 5, "seeds/ should hold the five seed articles");
    docs
}

fn write_jsonl(path: &Path, docs: &[(String, String)]) -> PathBuf {
    let mut s = String::new();
    for (id, text) in docs {
        s.push_str(&serde_json::json!({ "id": id, "text": text }).to_string());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
    path.to_path_buf()
}

/// Sentences (with their trailing space or newline) of a text: cut after ". ", "? ", "! " and newlines.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for i in 0..b.len() {
        let end_of_sentence =
            b[i] == b'\n' || (matches!(b[i], b'.' | b'?' | b'!') && b.get(i + 1) == Some(&b' '));
        if end_of_sentence {
            let end = if b[i] == b'\n' { i + 1 } else { i + 2 };
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

/// `copies` documents made of the seeds' sentences, shuffled across copies with
/// a fixed seed: each copy takes the sentence count of its seed, drawn from the
/// pool of all seeds' sentences. Never the research corpus.
fn generated_docs(copies: usize) -> Vec<(String, String)> {
    let seeds = seed_docs();
    let per_seed: Vec<Vec<&str>> = seeds.iter().map(|(_, t)| sentences(t)).collect();
    let pool: Vec<&str> = per_seed.iter().flatten().copied().collect();
    let mut rng = Rng(0x6b67_785f_7370_6172);
    (0..copies)
        .map(|k| {
            let n = per_seed[k % seeds.len()].len();
            let mut text = String::new();
            for _ in 0..n {
                let s = pool[rng.below(pool.len())];
                text.push_str(s);
                if !s.ends_with(['\n', ' ']) {
                    text.push(' ');
                }
            }
            (format!("generated/{k:05}"), text)
        })
        .collect()
}

/// Gazetteer and rules, given explicitly so every process reads the same ones
/// (kgx_spark.py passes them with `--no-default-gazetteer --no-default-rules`;
/// direct runs add [`NO_DEFAULTS`]).
fn gazetteer_args() -> Vec<String> {
    let g = root().join("gazetteer");
    vec![
        "--gazetteer".into(),
        g.display().to_string(),
        "--rules".into(),
        g.join("relations.rules").display().to_string(),
    ]
}

/// The given gazetteer and rules replace the shipped ones (which are the same files).
const NO_DEFAULTS: [&str; 2] = ["--no-default-gazetteer", "--no-default-rules"];

fn run_kgx(dir: &Path, args: &[String]) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = kgx(dir, &args);
    assert!(
        out.status.success(),
        "kgx {}: exit {:?}\nstderr: {}",
        args.join(" "),
        out.status.code(),
        stderr(&out)
    );
    stdout(&out)
}

/// The single-process run: `kgx extract FILE --jsonl` to `out/name.*`.
fn single_process(input: &Path, out: &Path, name: &str) {
    let mut args: Vec<String> = vec!["extract".into(), input.display().to_string()];
    args.extend(["--jsonl", "--quiet", "--no-render", "--name", name].map(String::from));
    args.extend(["--out".into(), out.display().to_string()]);
    args.extend(gazetteer_args());
    args.extend(NO_DEFAULTS.map(String::from));
    run_kgx(&root(), &args);
}

/// `kgx merge FILES --out out --name name`.
fn merge_files(files: &[PathBuf], out: &Path, name: &str) {
    let mut args: Vec<String> = vec!["merge".into()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.extend(["--quiet", "--no-render", "--name", name].map(String::from));
    args.extend(["--out".into(), out.display().to_string()]);
    run_kgx(&root(), &args);
}

/// `kgx merge --emit partial -` with `lines` on stdin: the one folded line.
fn merge_partial_stdin(lines: &[String]) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(["merge", "--emit", "partial", "--quiet", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kgx merge");
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(input.as_bytes()).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "kgx merge --emit partial -: {}",
        stderr(&out)
    );
    one_line(&stdout(&out), "kgx merge --emit partial -")
}

/// `kgx merge --emit partial FILE`: the one folded line.
fn merge_partial_file(file: &Path) -> String {
    let args: Vec<String> = vec![
        "merge".into(),
        "--emit".into(),
        "partial".into(),
        "--quiet".into(),
        file.display().to_string(),
    ];
    one_line(&run_kgx(&root(), &args), "kgx merge --emit partial FILE")
}

/// The only line of `out`, which must parse as a partial graph (nodes, edges, no doc).
fn one_line(out: &str, what: &str) -> String {
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{what} should print one line, got: {out}");
    let v: Value = serde_json::from_str(lines[0]).unwrap();
    assert!(
        v["nodes"].is_array() && v["edges"].is_array(),
        "{what}: {v}"
    );
    assert!(
        v.get("doc").is_none(),
        "{what}: a merged partial has no doc"
    );
    lines[0].to_string()
}

/// The partial-graph lines of `kgx extract --jsonl --emit partial`, one per document.
fn partial_lines(input: &Path, docs: usize) -> Vec<String> {
    let mut args: Vec<String> = vec!["extract".into(), input.display().to_string()];
    args.extend(["--jsonl", "--quiet", "--emit", "partial"].map(String::from));
    args.extend(gazetteer_args());
    args.extend(NO_DEFAULTS.map(String::from));
    let out = run_kgx(&root(), &args);
    let lines: Vec<String> = out.lines().map(String::from).collect();
    assert_eq!(lines.len(), docs, "one partial line per document");
    for l in &lines {
        let v: Value = serde_json::from_str(l).unwrap();
        assert!(v["doc"].is_string(), "a document's partial names it: {l}");
    }
    lines
}

/// Every export of `name` in `got` equals the one in `want`, byte for byte; the graph is not empty.
fn assert_same_exports(want: &Path, got: &Path, name: &str, case: &str) {
    for ext in EXPORTS {
        let file = format!("{name}.{ext}");
        let a = std::fs::read(want.join(&file))
            .unwrap_or_else(|e| panic!("{case}: {}: {e}", want.join(&file).display()));
        let b = std::fs::read(got.join(&file))
            .unwrap_or_else(|e| panic!("{case}: {}: {e}", got.join(&file).display()));
        assert!(
            a == b,
            "{case}: {file} differs from the single-process run ({} vs {} bytes): diff {} {}",
            a.len(),
            b.len(),
            want.join(&file).display(),
            got.join(&file).display()
        );
    }
    let edges = std::fs::read_to_string(want.join(format!("{name}.edges.csv"))).unwrap();
    let rows = edges.lines().count();
    assert!(
        rows > 10,
        "{case}: too few edges to prove anything ({rows} rows)"
    );
}

fn write_lines(path: &Path, lines: &[String]) -> PathBuf {
    let s: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, s).unwrap();
    path.to_path_buf()
}

/// Random groupings and orders, in up to three levels of `merge --emit partial`,
/// give the bytes of the direct merge and of the single-process extract.
fn check_associativity(docs: &[(String, String)], case: &str, seeds: &[u64]) {
    let dir = scratch(&format!("assoc-{case}"));
    let input = write_jsonl(&dir.join("input.jsonl"), docs);
    let single = dir.join("single");
    single_process(&input, &single, "g");

    let lines = partial_lines(&input, docs.len());
    let all = write_lines(&dir.join("all.partials.jsonl"), &lines);
    let direct = dir.join("direct");
    merge_files(&[all], &direct, "g");
    assert_same_exports(
        &single,
        &direct,
        "g",
        &format!("{case}: merge of all partials"),
    );

    for &seed in seeds {
        let mut rng = Rng(seed);
        let mut level = lines.clone();
        let levels = 1 + rng.below(3);
        for depth in 0..levels {
            rng.shuffle(&mut level);
            let groups = 1 + rng.below(level.len().min(6));
            level = rng
                .split(&level, groups)
                .iter()
                .enumerate()
                .map(|(i, group)| {
                    if i % 2 == 0 {
                        merge_partial_stdin(group)
                    } else {
                        let f = dir.join(format!("s{seed}-d{depth}-g{i}.jsonl"));
                        merge_partial_file(&write_lines(&f, group))
                    }
                })
                .collect();
        }
        rng.shuffle(&mut level);
        // The last level as several files, in shuffled order.
        let groups = 1 + rng.below(level.len());
        let files: Vec<PathBuf> = rng
            .split(&level, groups)
            .iter()
            .enumerate()
            .map(|(i, g)| write_lines(&dir.join(format!("s{seed}-final-{i}.jsonl")), g))
            .collect();
        let out = dir.join(format!("merged-{seed}"));
        merge_files(&files, &out, "g");
        assert_same_exports(
            &single,
            &out,
            "g",
            &format!(
                "{case}: seed {seed}, {levels} levels, last {} lines in {} files",
                level.len(),
                files.len()
            ),
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn merge_is_associative_and_commutative_on_seeds() {
    check_associativity(&seed_docs(), "seeds", &[1, 2, 3, 4, 5, 6]);
}

#[test]
fn merge_is_associative_and_commutative_on_generated_docs() {
    check_associativity(&generated_docs(120), "generated", &[7, 8, 9, 10]);
}

#[test]
fn generated_input_is_deterministic_and_made_of_seed_sentences() {
    let a = generated_docs(40);
    assert_eq!(a, generated_docs(40), "same seed, same documents");
    let seeds: String = seed_docs().into_iter().map(|(_, t)| t).collect();
    for (id, text) in &a {
        assert!(!text.trim().is_empty(), "{id} is empty");
        for s in sentences(text) {
            assert!(
                seeds.contains(s.trim()),
                "{id}: sentence not from the seeds: {s:?}"
            );
        }
    }
    let ids: std::collections::BTreeSet<&String> = a.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), a.len(), "ids are distinct");
}

// --- Spark ---------------------------------------------------------------

/// pyspark imports and java runs? If not: panic on CI, else say how to install and return false.
fn spark_ok() -> bool {
    let probe = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    let mut missing = Vec::new();
    if !probe("java", &["-version"]) {
        missing.push("java (apt-get install openjdk-17-jre-headless)");
    }
    if !probe("python3", &["-c", "import pyspark"]) {
        missing.push("pyspark");
    }
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "{} not available; install with: pip install {PYSPARK} (or bash tests/interop/install.sh as root)",
        missing.join(" and ")
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
    false
}

/// Run tests/spark/kgx_spark.py; returns its timing JSON.
fn spark(input: &Path, out: &Path, name: &str, partitions: usize, extra: &[&str]) -> Value {
    let mut cmd = Command::new("python3");
    cmd.current_dir(root())
        .arg(root().join("tests/spark/kgx_spark.py"))
        .arg(input)
        .arg(env!("CARGO_BIN_EXE_kgx"))
        .arg(out)
        .arg(name)
        .arg(partitions.to_string())
        .args(gazetteer_args())
        .args(extra);
    let o = cmd.output().expect("run python3 tests/spark/kgx_spark.py");
    assert!(
        o.status.success(),
        "kgx_spark.py {extra:?}: exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(&o),
        stderr(&o)
    );
    let text = stdout(&o);
    let timing: Value = serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("kgx_spark.py printed no timing JSON ({e}): {text}"));
    assert_eq!(timing["partitions"], partitions as u64, "{timing}");
    timing
}

/// Single process and Spark on the same JSONL, compared byte for byte.
fn check_spark(docs: &[(String, String)], case: &str, runs: &[(usize, &[&str])]) {
    let dir = scratch(&format!("spark-{case}"));
    let input = write_jsonl(&dir.join(format!("{case}.jsonl")), docs);
    let single = dir.join("single");
    single_process(&input, &single, case);
    for (i, &(partitions, extra)) in runs.iter().enumerate() {
        let out = dir.join(format!("spark-{i}"));
        let timing = spark(&input, &out, case, partitions, extra);
        let combine = extra.contains(&"--combine");
        let lines = timing["partial_lines"].as_u64().unwrap() as usize;
        if combine {
            assert_eq!(lines, partitions, "one merged line per partition: {timing}");
        } else {
            assert_eq!(lines, docs.len(), "one partial per document: {timing}");
        }
        eprintln!("spark {case} {partitions} partitions {extra:?}: {timing}");
        assert_same_exports(
            &single,
            &out,
            case,
            &format!("{case}: Spark, {partitions} partitions {extra:?}"),
        );
    }
    // Passed: drop the exports (hundreds of MB for the generated input); a failure keeps them for diff.
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn spark_pipe_matches_single_process_on_seeds() {
    if !spark_ok() {
        return;
    }
    check_spark(
        &seed_docs(),
        "seeds",
        &[(2, &[]), (3, &["--combine", "--ship"])],
    );
}

#[test]
fn spark_pipe_matches_single_process_on_generated_input() {
    if !spark_ok() {
        return;
    }
    // 1,500 documents, about 4.5 MB, from the seeds' sentences only.
    let docs = generated_docs(1500);
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    assert!(bytes > 4_000_000, "generated input is {bytes} bytes");
    check_spark(&docs, "generated", &[(2, &[]), (2, &["--combine"])]);
}
