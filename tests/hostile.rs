//! Hostile inputs end to end (issue 5): what kgx does with bad input.
//! Cases already covered elsewhere: invalid UTF-8, lossy, missing path,
//! empty folder, binary, BOM/CRLF/empty file (cli.rs); loader errors
//! (gazetteer.rs); input order and an output path that is a file
//! (exports_fresh.rs); all-or-nothing writes (export.rs).

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use kgx::export::{write_exports, ExportOptions, Format};
use kgx::gazetteer::Gazetteer;
use kgx::graph::GraphBuilder;
use kgx::pipeline::Pipeline;
use kgx::Document;

use crate::graphs::summary;
use crate::interop::{python, python_ok, run_json};
use crate::util::{kgx, root, scratch, stderr, stdout};

/// The shipped gazetteer folder, passed with `--gazetteer`: it adds to the
/// embedded copy of itself (every entity extends itself: nothing changes).
fn gazetteer_arg() -> String {
    root().join("gazetteer").to_string_lossy().into_owned()
}

// ---- 1. inputs -------------------------------------------------------------

/// Whether this process can read a file whose mode is 000 (root can).
fn reads_despite_chmod(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(&probe).is_ok();
    fs::remove_file(&probe).unwrap();
    readable
}

/// A file kgx may not read is reported with its path and "permission
/// denied", the other files are still processed, and the exit status is 1.
/// As root chmod blocks nothing, so the binary is run as `nobody` through
/// setpriv; where neither works the test fails rather than pass silently.
#[test]
fn unreadable_file_is_reported_and_the_rest_processed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    fs::write(dir.join("a.txt"), "Turkey and Russia met.").unwrap();
    fs::write(dir.join("b.txt"), "Iran said no.").unwrap();
    fs::set_permissions(dir.join("b.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    let as_root = reads_despite_chmod(&dir);
    let out = if as_root {
        // Everything the unprivileged run needs must be readable by others.
        for p in [dir.as_path(), Path::new(env!("CARGO_TARGET_TMPDIR"))] {
            let _ = fs::set_permissions(p, fs::Permissions::from_mode(0o755));
        }
        fs::set_permissions(dir.join("a.txt"), fs::Permissions::from_mode(0o644)).unwrap();
        let o = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_kgx"))
            .args(["tag", ".", "--gazetteer", &gazetteer_arg()])
            .current_dir(&dir)
            .output()
            .expect("running as root: setpriv (util-linux) is needed to drop privileges");
        assert!(
            !stderr(&o).contains("setpriv:"),
            "cannot drop privileges to test a permission error: {}",
            stderr(&o)
        );
        o
    } else {
        kgx(&dir, &["tag", ".", "--gazetteer", &gazetteer_arg()])
    };
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("b.txt: cannot read input: permission denied"),
        "{}",
        stderr(&out)
    );
    let docs: HashSet<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].to_string())
        .collect();
    assert_eq!(docs, HashSet::from(["\"a\"".to_string()]));
}

/// A file that vanishes or cannot be opened (a dangling link) is reported like
/// an unreadable one, on every platform and as any user.
#[test]
fn dangling_link_is_reported_and_the_rest_processed() {
    let dir = scratch("dangling");
    fs::write(dir.join("a.txt"), "Turkey and Russia met.").unwrap();
    std::os::unix::fs::symlink(dir.join("gone"), dir.join("b.txt")).unwrap();
    let out = kgx(&dir, &["tag", ".", "--gazetteer", &gazetteer_arg()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("b.txt: cannot read input: no such file or directory"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
}

/// A few MB on one line: correct spans at the far end (the 200 MB check
/// with memory measured is `huge_single_line_in_bounded_memory`).
#[test]
fn long_single_line_is_tagged_to_the_end() {
    let dir = scratch("longline");
    let filler = "and the talks went on without a result, ";
    let mut text = String::new();
    while text.len() < 4 << 20 {
        text.push_str(filler);
    }
    text.push_str("then Turkey spoke.");
    fs::write(dir.join("long.txt"), &text).unwrap();
    let out = kgx(&dir, &["tag", "long.txt", "--gazetteer", &gazetteer_arg()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let last: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(last["entity"], "turkey");
    assert_eq!(last["start"], text.len() - "Turkey spoke.".len());
}

/// Peak memory of `kgx tag` on a single-line document grows linearly with the
/// document: 200 MB take at most 4.4x the memory of 50 MB (a quadratic step
/// would take 16x), and stay under 8x the document, for a text with a mention
/// every 56 bytes (each mention costs about 150 bytes while the document is
/// tagged). Over-long "sentences" are not read by the relation rules (see
/// `pipeline::MAX_SENTENCE_BYTES`), which kept a 200 MB line at 3.2 GB before.
/// Slow: `.ci/run` runs it in release mode.
#[test]
#[ignore]
fn huge_single_line_in_bounded_memory() {
    let peak = |mb: usize| -> (u64, u64) {
        let dir = scratch("huge");
        let filler = "officials said the talks would go on for another week, ";
        let mut text = String::with_capacity(mb << 20);
        let mut i = 0;
        while text.len() < mb << 20 {
            text.push_str(filler);
            i += 1;
            if i % 20 == 0 {
                text.push_str("Turkey and Russia ");
            }
        }
        fs::write(dir.join("huge.txt"), &text).unwrap();
        let size = text.len() as u64;
        drop(text);
        let out = Command::new("/usr/bin/time")
            .args(["-f", "maxrss_kb=%M"])
            .arg(env!("CARGO_BIN_EXE_kgx"))
            .args(["tag", "huge.txt", "--gazetteer", &gazetteer_arg()])
            .current_dir(&dir)
            .stdout(std::process::Stdio::null())
            .output()
            .expect("/usr/bin/time (apt-get install time)");
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        let kb: u64 = err
            .lines()
            .find_map(|l| l.strip_prefix("maxrss_kb="))
            .unwrap_or_else(|| panic!("no maxrss in {err}"))
            .trim()
            .parse()
            .unwrap();
        let _ = fs::remove_dir_all(&dir);
        (kb * 1024, size)
    };
    let (small, _) = peak(50);
    let (big, size) = peak(200);
    eprintln!(
        "single line: 50 MB -> peak RSS {} MB, 200 MB -> {} MB",
        small >> 20,
        big >> 20
    );
    assert!(
        big * 10 <= small * 44,
        "peak RSS grows faster than the document: {} MB at 50 MB, {} MB at 200 MB",
        small >> 20,
        big >> 20
    );
    assert!(
        big < 8 * size,
        "peak RSS {} MB is not under 8x the document ({} MB)",
        big >> 20,
        size >> 20
    );
}

// ---- 2. gazetteer ------------------------------------------------------------

#[test]
fn short_aliases_have_a_defined_behaviour() {
    // (case, gazetteer, error expected or "")
    let cases = [
        (
            "one-letter alias",
            "aliases = [\"X\"]",
            "g.toml:1: alias \"X\" has a single letter or digit",
        ),
        (
            "one-digit alias",
            "aliases = [\"7\"]",
            "g.toml:1: alias \"7\" has a single letter or digit",
        ),
        (
            "dotted initial",
            "aliases = [\"U.\"]",
            "g.toml:1: alias \"U.\" has a single letter or digit",
        ),
        (
            "lower-case us",
            "aliases = [\"us\"]",
            "g.toml:1: alias \"us\" is a two-letter lower-case word",
        ),
        (
            "lower-case demonym",
            "demonyms = [\"un\"]",
            "g.toml:1: demonym \"un\" is a two-letter lower-case word",
        ),
        ("capital US", "aliases = [\"US\"]", ""),
        ("mixed Xi", "aliases = [\"Xi\"]", ""),
        ("two digits", "aliases = [\"G7\"]", ""),
    ];
    for (name, field, want) in cases {
        let toml = format!("[[entity]]\ntype = \"Country\"\nname = \"United States\"\n{field}\n");
        let got = Gazetteer::from_toml_str("g.toml", &toml);
        if want.is_empty() {
            assert!(got.is_ok(), "case {name}: {}", got.unwrap_err());
        } else {
            let err = got.expect_err(name).to_string();
            assert!(err.starts_with(want), "case {name}: {err}");
        }
    }
    // "US" matches only capitals; a one-letter name only its own case.
    let gaz = Gazetteer::from_toml_str(
        "g.toml",
        "[[entity]]\ntype = \"Country\"\nname = \"United States\"\naliases = [\"US\"]\n\
         [[entity]]\ntype = \"Organization\"\nname = \"X\"\n\
         [[entity]]\ntype = \"Organization\"\nname = \"q\"\n",
    )
    .unwrap();
    let p = Pipeline::new(gaz);
    let text = "They told us that the US and X met; x and Q did not, q did.";
    let found: Vec<&str> = p
        .extract(&Document::new("d", text))
        .mentions
        .iter()
        .map(|m| m.text(text))
        .collect();
    assert_eq!(found, ["US", "X", "q"]);
}

#[test]
fn empty_gazetteer_file_is_an_error() {
    let dir = scratch("emptygaz");
    fs::write(dir.join("empty.toml"), "# nothing yet\n").unwrap();
    fs::write(dir.join("empty.jsonl"), "").unwrap();
    fs::write(dir.join("a.txt"), "Turkey").unwrap();
    let out = kgx(
        &dir,
        &[
            "tag",
            "a.txt",
            "--gazetteer",
            "empty.toml",
            "--gazetteer",
            "empty.jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("kgx: empty.toml:1: no entities in this file"),
        "{err}"
    );
    assert!(
        err.contains("kgx: empty.jsonl:1: no entities in this file"),
        "{err}"
    );
}

/// 200,000 entities load, compile and tag correctly (about 2 s in release;
/// it took minutes while the loader counted each entry's line from the top).
#[test]
fn gazetteer_of_200000_entries_loads_and_tags() {
    let dir = scratch("bigaz");
    let mut toml = String::with_capacity(200_000 * 60);
    for i in 0..200_000u32 {
        toml.push_str(&format!(
            "[[entity]]\ntype = \"Organization\"\nname = \"Company {i} Holdings\"\n"
        ));
    }
    fs::write(dir.join("big.toml"), toml).unwrap();
    let gaz = Gazetteer::load(&[dir.join("big.toml")]).unwrap();
    assert_eq!(gaz.len(), 200_000);
    let p = Pipeline::new(gaz);
    let text = "Company 0 Holdings bought Company 199999 Holdings, not Company 200000 Holdings.";
    let ids: Vec<String> = p
        .extract(&Document::new("d", text))
        .mentions
        .iter()
        .map(|m| p.gazetteer().entity(m.entity.unwrap()).id.clone())
        .collect();
    assert_eq!(ids, ["company-0-holdings", "company-199999-holdings"]);
}

// ---- 3. outputs ----------------------------------------------------------------

/// `kgx tag | head -1`: the closed pipe ends kgx quietly with status 0.
#[test]
fn broken_pipe_exits_quietly() {
    let dir = scratch("pipe");
    let text = "Turkey and Russia. ".repeat(2_000); // 4,000 JSON lines, over 64 KiB: more than a pipe buffer
    fs::write(dir.join("a.txt"), text).unwrap();
    let script = format!(
        "'{}' tag a.txt --gazetteer '{}' 2>err.txt | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        env!("CARGO_BIN_EXE_kgx"),
        gazetteer_arg()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(stdout(&out).trim(), "0", "kgx exit status");
    assert_eq!(
        fs::read_to_string(dir.join("err.txt")).unwrap(),
        "",
        "kgx stderr"
    );
}

/// An error whose message quotes user text saying "broken pipe" is an error
/// like any other: exit 2 with the message (a closed pipe is told by the I/O
/// error's kind, not by the words of a message).
#[test]
fn an_error_quoting_broken_pipe_is_reported() {
    let dir = scratch("not-a-pipe");
    fs::write(
        dir.join("bp.toml"),
        "[[entity]]\ntype = \"broken pipe\"\nname = \"X Y\"\n",
    )
    .unwrap();
    let out = kgx(&dir, &["gazetteer", "check", "--gazetteer", "bp.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken pipe"), "{}", stderr(&out));
    assert!(stderr(&out).contains("bp.toml:"), "{}", stderr(&out));
}

/// A run that fails while writing leaves every previous export as it was:
/// here `seeds.dot` is a folder, so the DOT export cannot be put in place.
#[test]
fn failed_run_leaves_previous_exports_untouched() {
    let dir = scratch("midrun");
    fs::create_dir(dir.join("in")).unwrap();
    fs::write(dir.join("in/a.txt"), "Turkey and Russia met.").unwrap();
    let args = [
        "extract",
        "in",
        "--name",
        "seeds",
        "--out",
        "out",
        "--no-render",
        "--quiet",
        "--gazetteer",
        &gazetteer_arg(),
    ];
    let first = kgx(&dir, &args);
    assert!(first.status.success(), "{}", stderr(&first));
    fs::remove_file(dir.join("out/seeds.dot")).unwrap();
    fs::create_dir(dir.join("out/seeds.dot")).unwrap();
    let before: Vec<(String, Vec<u8>)> = ["graphml", "gexf", "jsonld", "nodes.csv", "edges.csv"]
        .iter()
        .map(|e| {
            (
                e.to_string(),
                fs::read(dir.join(format!("out/seeds.{e}"))).unwrap(),
            )
        })
        .collect();
    fs::write(dir.join("in/a.txt"), "Iran, Turkey and Russia met.").unwrap();
    let second = kgx(&dir, &args);
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    assert!(stderr(&second).contains("seeds.dot"), "{}", stderr(&second));
    for (ext, bytes) in before {
        assert!(
            fs::read(dir.join(format!("out/seeds.{ext}"))).unwrap() == bytes,
            "seeds.{ext} was replaced by a failed run"
        );
    }
    let left: Vec<_> = fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// An output folder that cannot be made is reported before any input is read.
#[test]
fn unwritable_output_reported_before_reading_inputs() {
    let dir = scratch("outfirst");
    fs::write(dir.join("bad.txt"), b"\xff invalid").unwrap();
    fs::write(dir.join("file"), "").unwrap();
    let out = kgx(
        &dir,
        &[
            "extract",
            "bad.txt",
            "--out",
            "file/sub",
            "--gazetteer",
            &gazetteer_arg(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("kgx: file/sub: cannot create output directory"),
        "{err}"
    );
    assert!(
        !err.contains("invalid UTF-8"),
        "inputs were read first: {err}"
    );
}

// ---- 4. injection through the whole pipeline -------------------------------------

const HOSTILE_GAZETTEER: &str = r#"
[[entity]]
type = "Organization"
subtype = "<![CDATA[x]]> & \"q\""
name = "Acme </key></data> Corp"
aliases = ["Acme Corp"]
[entity.attributes]
note = "</graphml>&\"'\\ \u0000 \u2028 end"
"@context" = "{\"@vocab\": \"http://evil/\"}"

[[entity]]
type = "Organization"
name = "Dotty \"]; digraph { x -> y } Group"
aliases = ["Dotty Group"]

[[entity]]
type = "Organization"
name = "\"@context\" Holdings"
aliases = ["Context Holdings"]

[[entity]]
type = "Organization"
name = "Back\\slash Media \\"
aliases = ["Backslash Media"]

[[entity]]
type = "Organization"
name = "Nul\u0000Line\u2028Sep Agency"
aliases = ["NulLine Agency"]
"#;

const HOSTILE_DOC: &str = "Acme </key></data> Corp and Dotty \"]; digraph { x -> y } Group met \
the \"@context\" Holdings (Context Holdings) board. Back\\slash Media \\ and NulLine Agency\u{2028}reported it.";

fn xml_values(text: &str) -> HashSet<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut values = HashSet::new();
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("XML does not parse: {e}"))
        {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    values.insert(a.unwrap().unescape_value().unwrap().into_owned());
                }
            }
            Event::Text(t) => {
                values.insert(t.unescape().unwrap().into_owned());
            }
            _ => {}
        }
    }
    values
}

/// DOT double-quoted strings (with `+` joins), unescaped as Graphviz reads values.
fn dot_values(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut chars = text.chars().peekable();
    let mut cur: Option<String> = None;
    while let Some(c) = chars.next() {
        match (&mut cur, c) {
            (Some(s), '\\') => match chars.next() {
                Some('n') => s.push('\n'),
                Some(n) => s.push(n),
                None => panic!("DOT ends in a backslash"),
            },
            (Some(s), '"') => {
                out.insert(std::mem::take(s));
                cur = None;
            }
            (Some(s), c) => s.push(c),
            (None, '"') => cur = Some(String::new()),
            (None, '<') => {
                // HTML-like legend label: fixed strings, skip it.
                let mut depth = 1;
                for c in chars.by_ref() {
                    depth += (c == '<') as i32 - (c == '>') as i32;
                    if depth == 0 {
                        break;
                    }
                }
            }
            (None, _) => {}
        }
    }
    assert!(cur.is_none(), "DOT string not closed");
    out
}

/// Every field of a CSV export.
fn csv_values(text: &str) -> HashSet<String> {
    crate::graphs::parse_csv(text)
        .into_iter()
        .flatten()
        .collect()
}

fn json_values(v: &serde_json::Value, out: &mut HashSet<String>) {
    match v {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_values(x, out)),
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                json_values(x, out);
            }
        }
        _ => {}
    }
}

#[test]
fn hostile_names_and_sentences_survive_the_whole_pipeline() {
    let dir = scratch("hostile");
    fs::write(dir.join("hostile.toml"), HOSTILE_GAZETTEER).unwrap();
    fs::create_dir(dir.join("in")).unwrap();
    fs::write(dir.join("in/x\"];<y>&z.txt"), HOSTILE_DOC).unwrap();
    let out = kgx(
        &dir,
        &[
            "extract",
            "in",
            "--gazetteer",
            "hostile.toml",
            "--out",
            "out",
            "--name",
            "h",
            "--cooccurrence",
            "--no-render",
            "--quiet",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let gaz = Gazetteer::load(&[dir.join("hostile.toml")]).unwrap();
    let labels: Vec<String> = gaz.iter().map(|(_, e)| e.name.clone()).collect();
    assert_eq!(labels.len(), 5);
    let sanitized = |s: &str| crate::graphs::sanitize(s);
    let read = |ext: &str| fs::read_to_string(dir.join(format!("out/h.{ext}"))).unwrap();

    let graphml = xml_values(&read("graphml"));
    let gexf = xml_values(&read("gexf"));
    let dot = dot_values(&read("dot"));
    let mut jsonld = HashSet::new();
    json_values(
        &serde_json::from_str(&read("jsonld")).expect("JSON-LD parses"),
        &mut jsonld,
    );
    let mut csv = csv_values(&read("nodes.csv"));
    csv.extend(csv_values(&read("edges.csv")));
    for label in &labels {
        let want = sanitized(label);
        assert!(graphml.contains(&want), "GraphML lost {want:?}");
        assert!(gexf.contains(&want), "GEXF lost {want:?}");
        assert!(dot.contains(&want), "DOT lost {want:?}");
        assert!(jsonld.contains(&want), "JSON-LD lost {want:?}");
        assert!(csv.contains(&want), "CSV lost {want:?}");
    }
    assert!(
        jsonld.contains("{\"@vocab\": \"http://evil/\"}"),
        "attribute value"
    );
    let docs = "[\"x\\\"];<y>&z\"]";
    for (name, set) in [
        ("GraphML", &graphml),
        ("GEXF", &gexf),
        ("DOT", &dot),
        ("CSV", &csv),
    ] {
        assert!(set.contains(docs), "{name} lost the document list {docs}");
    }

    // The real clients (tests/interop), where installed, read the same graph.
    let pipeline = Pipeline::new(gaz);
    let doc = Document::new("x\"];<y>&z", HOSTILE_DOC);
    let ex = pipeline.extract(&doc);
    let mut builder = GraphBuilder::new();
    pipeline.add_to_graph(&doc, &ex, &mut builder, true);
    let graph = builder.build();
    assert_eq!(
        graph.node_count(),
        5,
        "every hostile name is found in the text"
    );
    if python_ok() {
        let want = summary(&graph, false);
        let file = dir.join("out/h.graphml");
        let v = run_json(
            &mut python("check_graphml.py", &[&file]),
            "check_graphml.py",
        );
        assert_eq!(
            crate::graphs::normalise(v["networkx"].clone()),
            want,
            "networkx"
        );
        let file = dir.join("out/h.gexf");
        let v = run_json(&mut python("check_gexf.py", &[&file]), "check_gexf.py");
        assert_eq!(
            crate::graphs::normalise(v["networkx"].clone()),
            want,
            "networkx gexf"
        );
    }
}

/// White space wider than a byte inside a multi-word mention (a no-break
/// space, two bytes; a thin space and an ideographic space, three) reads as a
/// space does, in every stage, with and without discovery: the same edges as
/// with a plain space, and no stage slices a character in two (a no-break
/// space inside "government delegation" once stopped the run with a panic).
#[test]
fn wide_white_space_inside_a_mention_reads_as_a_space() {
    let dir = scratch("wide-space");
    let edges = |space: &str, discover: bool| -> String {
        let name = format!("s{}{}", space.len(), u8::from(discover));
        let text = format!(
            "The Syrian government{space}delegation, headed by Bashar al-Jaafari, \
             arrived in Astana for the talks with Russia{space}and Turkey.\n"
        );
        fs::create_dir_all(dir.join(&name)).unwrap();
        fs::write(dir.join(&name).join("a.txt"), text).unwrap();
        let mut args = vec![
            "extract",
            &name,
            "--out",
            &name,
            "--name",
            "g",
            "--format",
            "csv",
            "--no-render",
            "--quiet",
        ];
        if discover {
            args.push("--discover");
        }
        let out = kgx(&dir, &args);
        assert!(out.status.success(), "{space:?}: {}", stderr(&out));
        // Source, target, type and relation of each edge (the evidence's
        // spans and text differ with the width of the space).
        let csv = fs::read_to_string(dir.join(&name).join("g.edges.csv")).unwrap();
        csv.lines()
            .map(|l| l.splitn(5, ',').take(4).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for discover in [false, true] {
        let plain = edges(" ", discover);
        assert!(
            plain.contains("bashar-al-jaafari,syrian-government,Directed,leads"),
            "the plain sentence gives its edge: {plain}"
        );
        for space in ["\u{a0}", "\u{2009}", "\u{3000}"] {
            assert_eq!(
                edges(space, discover),
                plain,
                "{space:?}, discover {discover}"
            );
        }
    }
}

// ---- 6. determinism -----------------------------------------------------------

/// The same documents give byte-identical exports whatever way they are split
/// into per-worker graphs and in whatever order those are merged (what
/// `-j N` does), and from run to run of the binary.
#[test]
fn exports_are_identical_across_partitions_merge_orders_and_runs() {
    let gaz = Gazetteer::load(&[root().join("gazetteer")]).unwrap();
    let pipeline = Pipeline::new(gaz);
    let mut docs: Vec<Document> = fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| Document::new(kgx::input::document_id(&p), fs::read_to_string(&p).unwrap()))
        .collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    let export = |workers: usize, reverse: bool| {
        let mut parts: Vec<GraphBuilder> = (0..workers).map(|_| GraphBuilder::new()).collect();
        for (i, d) in docs.iter().enumerate() {
            let ex = pipeline.extract(d);
            pipeline.add_to_graph(d, &ex, &mut parts[i % workers], true);
        }
        if reverse {
            parts.reverse();
        }
        let mut all = GraphBuilder::new();
        for p in parts {
            all.merge(p);
        }
        let g = all.build();
        Format::ALL
            .iter()
            .map(|f| kgx::export::to_bytes(&g, *f, &ExportOptions::default()))
            .collect::<Vec<_>>()
    };
    let one = export(1, false);
    for (workers, reverse) in [(2, false), (2, true), (3, true), (5, false), (8, true)] {
        assert!(
            export(workers, reverse) == one,
            "{workers} workers, reversed {reverse}"
        );
    }
    let dir = scratch("det");
    for run in ["r1", "r2"] {
        let out = kgx(
            &root(),
            &[
                "extract",
                "--out",
                dir.join(run).to_str().unwrap(),
                "--no-render",
                "--quiet",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    for f in fs::read_dir(dir.join("r1")).unwrap() {
        let name = f.unwrap().file_name();
        assert!(
            fs::read(dir.join("r1").join(&name)).unwrap()
                == fs::read(dir.join("r2").join(&name)).unwrap(),
            "{name:?} differs between two runs"
        );
    }
    let _ = write_exports; // the library writer is what the CLI calls
}

// ---- 7. hardening (issue 16) ----------------------------------------------------

/// A partial-graph line of `nodes` entities and `edges` co-occurrence edges
/// (a ring, then chords), as `kgx extract --emit partial` writes them.
fn partial_line(nodes: usize, edges: usize) -> String {
    let ns: Vec<serde_json::Value> = (0..nodes)
        .map(|i| {
            serde_json::json!({"id": format!("e{i}"), "label": format!("Entity {i}"),
                "type": "Country", "mentions": 1, "documents": ["d"]})
        })
        .collect();
    let es: Vec<serde_json::Value> = (0..edges)
        .map(|j| {
            let (s, o) = (j % nodes, (j / nodes + 1 + j) % nodes);
            serde_json::json!({"subject": format!("e{s}"), "relation": format!("r{}", j / nodes),
                "object": format!("e{o}"), "count": 1})
        })
        .collect();
    serde_json::json!({"nodes": ns, "edges": es}).to_string()
}

/// A folder holding a fake Graphviz `dot` made of `script` (sh), for the
/// rendering cases a real Graphviz gives only on huge graphs or by chance.
fn fake_graphviz(dir: &Path, script: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("fakebin");
    fs::create_dir_all(&bin).unwrap();
    let dot = bin.join("dot");
    fs::write(&dot, format!("#!/bin/sh\n{script}\n")).unwrap();
    fs::set_permissions(&dot, fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// Run kgx in `dir` with `PATH` set to `path` alone.
fn kgx_with_path(dir: &Path, path: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .current_dir(dir)
        .env("PATH", path)
        .args(args)
        .output()
        .expect("run kgx")
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const DATA_FILES: [&str; 7] = [
    "graph.dot",
    "graph.edges.csv",
    "graph.gexf",
    "graph.graphml",
    "graph.html",
    "graph.jsonld",
    "graph.nodes.csv",
];

/// Issue 16, finding 2: a Graphviz run that does not end is stopped at the
/// time limit (`--render-timeout`), reported, and the run ends with status 0
/// and every data export written (it waited on `dot` for 25 minutes before).
#[test]
fn rendering_is_stopped_at_the_time_limit() {
    let dir = scratch("render-timeout");
    fs::write(dir.join("p.jsonl"), partial_line(20, 30)).unwrap();
    let bin = fake_graphviz(&dir, "PATH=/usr/bin:/bin; exec sleep 60");
    let start = std::time::Instant::now();
    let out = kgx_with_path(
        &dir,
        &bin,
        &["merge", "p.jsonl", "--out", "out", "--render-timeout", "1"],
    );
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        took.as_secs() < 20,
        "took {took:?}: the time limit was not kept"
    );
    let err = stderr(&out);
    assert!(
        err.contains("rendering out/graph.svg with dot (20 nodes, 30 edges; time limit 1 s"),
        "says what it does: {err}"
    );
    assert!(
        err.contains(
            "warning: dot -Tsvg did not finish in 1 s and was stopped: no svg or png written"
        ),
        "{err}"
    );
    assert_eq!(
        file_names(&dir.join("out")),
        DATA_FILES,
        "no picture, no temporary"
    );
    // The limit is checked up front.
    let out = kgx(&dir, &["merge", "p.jsonl", "--render-timeout", "0"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// Issue 16, finding 2: a graph too large for any Graphviz layout is not
/// rendered, with a note saying why; a large one is laid out with sfdp and
/// overlap removal instead of dot.
#[test]
fn rendering_picks_a_layout_by_size_or_skips() {
    let dir = scratch("render-size");
    let log = dir.join("args.log");
    let bin = fake_graphviz(
        &dir,
        &format!("echo \"$@\" >> '{}'; echo '<svg/>'", log.display()),
    );
    fs::write(dir.join("huge.jsonl"), partial_line(15_000, 6_000)).unwrap();
    let out = kgx_with_path(&dir, &bin, &["merge", "huge.jsonl", "--out", "huge"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "not rendering huge/graph.dot: 15000 nodes and 6000 edges are more than Graphviz lays out"
        ),
        "{}",
        stderr(&out)
    );
    assert!(
        !log.exists(),
        "Graphviz was run on a graph it cannot lay out"
    );
    assert_eq!(file_names(&dir.join("huge")), DATA_FILES);

    fs::write(dir.join("large.jsonl"), partial_line(600, 1200)).unwrap();
    let out = kgx_with_path(&dir, &bin, &["merge", "large.jsonl", "--out", "large"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("rendering large/graph.svg with sfdp (600 nodes, 1200 edges"),
        "{}",
        stderr(&out)
    );
    // The picture's own DOT (isolated nodes left out) is rendered in a
    // private folder of the output folder and the pictures moved into place.
    let args = fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = args.lines().collect();
    assert_eq!(lines.len(), 2, "{args}");
    for (line, format) in lines.iter().zip(["svg", "png"]) {
        let prefix = format!("-Ksfdp -Goverlap=prism -T{format} ");
        assert!(line.starts_with(&prefix), "{line}");
        assert!(
            line.contains("/large/.kgx-picture-") && line.ends_with("/graph.dot"),
            "{line}"
        );
    }
    assert_eq!(
        fs::read_to_string(dir.join("large/graph.svg")).unwrap(),
        "<svg/>\n"
    );
}

/// Issue 16, finding 3: a Graphviz warning (exit 0, text on stderr) is passed
/// on, the picture is kept and the run keeps its exit status 0 (it exited 2
/// after the data had been replaced).
#[test]
fn graphviz_warning_keeps_the_exit_status() {
    let dir = scratch("render-warning");
    fs::write(dir.join("p.jsonl"), partial_line(5, 5)).unwrap();
    let bin = fake_graphviz(
        &dir,
        "echo '<svg>new</svg>'; echo 'Warning: graph is too large for cairo-renderer bitmaps. Scaling by 0.5 to fit' >&2",
    );
    let out = kgx_with_path(&dir, &bin, &["merge", "p.jsonl", "--out", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "kgx: warning: dot -Tpng printed a warning (the picture is kept): Warning: graph is too large for cairo-renderer bitmaps"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.join("out/graph.png")).unwrap(),
        "<svg>new</svg>\n"
    );
    // Also with --quiet the warning is shown.
    let out = kgx_with_path(&dir, &bin, &["merge", "p.jsonl", "--out", "out", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: dot -Tsvg"),
        "{}",
        stderr(&out)
    );
}

/// Issue 16, finding 3: the pictures of the previous run never stay beside
/// new data: not when Graphviz fails, not with --no-render, not without
/// Graphviz. Exports in other formats only (no DOT) leave them alone.
#[test]
fn stale_pictures_never_stay_beside_new_data() {
    let dir = scratch("render-stale");
    fs::write(dir.join("p.jsonl"), partial_line(5, 5)).unwrap();
    let failing = fake_graphviz(&dir, "echo 'Error: syntax error in line 1' >&2; exit 1");
    let empty = dir.join("nobin");
    fs::create_dir_all(&empty).unwrap();
    let cases: [(&str, &Path, &[&str]); 3] = [
        ("graphviz fails", &failing, &[]),
        ("--no-render", &failing, &["--no-render"]),
        ("no graphviz", &empty, &[]),
    ];
    for (case, bin, extra) in cases {
        let out_dir = dir.join("out");
        fs::create_dir_all(&out_dir).unwrap();
        fs::write(out_dir.join("graph.svg"), "old").unwrap();
        fs::write(out_dir.join("graph.png"), "old").unwrap();
        let mut args = vec!["merge", "p.jsonl", "--out", "out"];
        args.extend(extra);
        let out = kgx_with_path(&dir, bin, &args);
        assert_eq!(out.status.code(), Some(0), "{case}: {}", stderr(&out));
        assert_eq!(file_names(&out_dir), DATA_FILES, "{case}: {}", stderr(&out));
        if case == "graphviz fails" {
            assert!(
                stderr(&out).contains("warning: dot -Tsvg failed (exit 1), no out/graph.svg written: Error: syntax error"),
                "{}",
                stderr(&out)
            );
        }
    }
    fs::write(dir.join("out/graph.svg"), "of graph.dot").unwrap();
    let out = kgx_with_path(
        &dir,
        &failing,
        &["merge", "p.jsonl", "--out", "out", "--format", "graphml"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.join("out/graph.svg")).unwrap(),
        "of graph.dot"
    );
}

/// Issue 16, finding 10: a run that read nothing (every input failed, or an
/// empty partial-graph file or stdin) keeps the previous exports and exits
/// 2; `--allow-empty` writes the empty graph.
#[test]
fn empty_run_keeps_previous_exports() {
    let dir = scratch("empty-run");
    fs::create_dir_all(dir.join("in")).unwrap();
    // Inputs that cannot be read as text in any encoding: NUL bytes.
    fs::write(dir.join("in/a.txt"), b"Turkey \x00\x01").unwrap();
    fs::write(dir.join("in/b.txt"), b"Russia \x00\x02").unwrap();
    fs::write(dir.join("empty.jsonl"), "").unwrap();
    fs::create_dir_all(dir.join("out")).unwrap();
    let old = ["in.graphml", "graph.graphml"];
    for f in old {
        fs::write(dir.join("out").join(f), "good old export").unwrap();
    }
    let extract = ["extract", "in", "--out", "out", "--no-render"];
    let merge_file = ["merge", "empty.jsonl", "--out", "out", "--no-render"];
    for (args, code) in [(&extract[..], 1), (&merge_file[..], 2)] {
        // extract: its inputs failed (exit 1); merge: an empty input is a usage error (exit 2).
        let out = kgx(&dir, args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "the exports in out are left as they were (--allow-empty writes an empty graph)"
            ),
            "{args:?}: {}",
            stderr(&out)
        );
        for f in old {
            assert_eq!(
                fs::read_to_string(dir.join("out").join(f)).unwrap(),
                "good old export",
                "{args:?}"
            );
        }
    }
    assert!(
        stderr(&kgx(&dir, &extract)).contains("nothing was read (0 input(s) failed, 2 skipped)")
    );
    // merge on an empty stdin
    let out = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .current_dir(&dir)
        .args(["merge", "--out", "out", "--no-render"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.join("out/graph.graphml")).unwrap(),
        "good old export"
    );
    // --allow-empty writes
    for args in [&extract[..], &merge_file[..]] {
        let mut args = args.to_vec();
        args.push("--allow-empty");
        let out = kgx(&dir, &args);
        assert_ne!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    for f in old {
        let text = fs::read_to_string(dir.join("out").join(f)).unwrap();
        assert!(
            text.contains("<graphml"),
            "{f} rewritten with --allow-empty"
        );
    }
}

/// Issue 16, finding 13: export temporaries are created exclusively under
/// random names, so a symbolic link planted at the name the old writer used
/// (`<file>.tmp<pid>`) is never followed.
#[test]
fn planted_symlink_at_a_temporary_name_is_not_followed() {
    let dir = scratch("tmp-symlink");
    let victim = dir.join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    for ext in ["graphml", "gexf", "dot", "jsonld", "nodes.csv", "edges.csv"] {
        std::os::unix::fs::symlink(
            &victim,
            out.join(format!("g.{ext}.tmp{}", std::process::id())),
        )
        .unwrap();
    }
    let mut b = GraphBuilder::new();
    b.add_node(kgx::graph::Node::new(
        "x",
        "X",
        kgx::gazetteer::EntityType::Country,
    ));
    write_exports(
        &b.build(),
        &out,
        "g",
        &Format::ALL,
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    let graphml = fs::symlink_metadata(out.join("g.graphml")).unwrap();
    assert!(graphml.is_file(), "the export is a file of its own");
}

/// Issue 16, finding 13: temporaries a killed run left (kgx's pattern, whose
/// process is gone) are removed by the next run; other files are not.
#[test]
fn stale_temporaries_are_cleaned_by_the_next_run() {
    let dir = scratch("tmp-stale");
    fs::write(dir.join("p.jsonl"), partial_line(3, 2)).unwrap();
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    // 4194999 is above Linux's largest pid: that process cannot be running.
    let stale = [
        ".graph.graphml.kgx-4194999-aZ09xy.tmp",
        ".graph.svg.kgx-4194999-000000.tmp",
        "graph.jsonld.tmp4194999",
    ];
    let kept = [
        "notes.tmp".to_string(),
        "other.graphml.tmp4194999".to_string(),
        // a running process's (this test's)
        format!(".graph.gexf.kgx-{}-abcdef.tmp", std::process::id()),
    ];
    for f in stale.iter().copied().chain(kept.iter().map(String::as_str)) {
        fs::write(out.join(f), vec![b'x'; 1000]).unwrap();
    }
    let run = kgx(&dir, &["merge", "p.jsonl", "--out", "out", "--no-render"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("removed 3 temporary file(s) left in out by killed runs"),
        "{}",
        stderr(&run)
    );
    let names = file_names(&out);
    for f in stale {
        assert!(!names.contains(&f.to_string()), "{f} left: {names:?}");
    }
    for f in &kept {
        assert!(names.contains(f), "{f} removed: {names:?}");
    }
}

/// Issue 16, finding 7: small rules files that blew the loader up (a 43-byte
/// nested repeat took 8 GB, 40 chained sets aborted even unused, 10,000
/// nested parentheses overflowed the stack) are refused at load with
/// file:line, quickly; so are a 4,000-element rule that passed `gazetteer
/// check` and `-j1` but crashed `-j2`, a directive over 1 MiB and sets
/// holding more than 2,000,000 elements in all. A rule at the limit runs the
/// same at `-j1`, `-j2` and `-j4`. (Trigger and blocker sets of tens of
/// thousands of words still load: tests/blockers.rs.)
#[test]
fn rules_loader_limits_are_checked_at_load() {
    let dir = scratch("rules-limits");
    fs::write(dir.join("g.toml"), crate::util::TEST_GAZETTEER).unwrap();
    let head = "relation attends Actor -> Event\n";
    let optional = |n: usize| vec!["x?"; n].join(" ");
    let chain = |sep: &str| -> String {
        (1..40)
            .map(|i| format!("set s{i} = @s{}{sep}@s{}\n", i - 1, i - 1))
            .collect()
    };
    let big_sets: String = (0..11)
        .map(|i| format!("set w{i} = {}\n", vec!["a"; 200_000].join(" | ")))
        .collect();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "nested repeats",
            format!("{head}rule r attends: {{subj:Actor}} ((((((a+)+)+)+)+)+) {{obj:Event}}\n"),
            "nested.rules:2: rule \"r\": has a path of 102644 elements, more than 400",
        ),
        (
            "chained sets",
            format!("{head}set s0 = a | b\n{}", chain(" ")),
            "chained.rules:10: set \"s8\": has a path of 767 elements, more than 400",
        ),
        (
            "chained sets of alternatives",
            format!("{head}set s0 = a | b\n{}", chain(" | ")),
            "wide.rules:19: set \"s17\": \"@s16\" expands the pattern to more than 500000 elements",
        ),
        (
            "10,000 parentheses",
            format!(
                "{head}rule r attends: {{subj:Actor}} {}a{} {{obj:Event}}\n",
                "(".repeat(10_000),
                ")".repeat(10_000)
            ),
            "parens.rules:2: malformed pattern: groups, marks and negations nested more than 32 deep",
        ),
        (
            "4,000-element rule",
            format!("{head}rule big attends: {{subj:Actor}} {} attended the {{obj:Event}}\n", optional(4000)),
            "long.rules:2: rule \"big\": has a path of 8004 elements, more than 400",
        ),
        (
            "1.2 MB directive",
            format!("{head}rule r attends: {{subj:Actor}} {} {{obj:Event}}\n", "x ".repeat(600_000)),
            "huge.rules:2: rule of 1200041 bytes is longer than the 1048576 bytes a directive may take",
        ),
        (
            "2.2 million elements in sets",
            format!("{head}{big_sets}"),
            "total.rules:11: set \"w9\" would take the rules to more than 2000000 pattern elements in all",
        ),
    ];
    for (case, text, want) in &cases {
        let file = want.split(':').next().unwrap();
        fs::write(dir.join(file), text).unwrap();
        let start = std::time::Instant::now();
        let out = kgx(
            &dir,
            &[
                "gazetteer",
                "check",
                "--gazetteer",
                "g.toml",
                "--rules",
                file,
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{case}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{case}: {}", stderr(&out));
        assert!(
            start.elapsed().as_secs() < 60,
            "{case}: took {:?}",
            start.elapsed()
        );
    }
    // Below the limits the same rule runs alike at every -j.
    fs::write(
        dir.join("ok.rules"),
        format!(
            "{head}rule big attends: {{subj:Actor}} {} attended the {{obj:Event}}\n",
            optional(195)
        ),
    )
    .unwrap();
    fs::write(
        dir.join("in.txt"),
        "Russia attended the Vienna talks. Turkey attended the talks in Vienna.",
    )
    .unwrap();
    let mut exports = Vec::new();
    for j in ["1", "2", "4"] {
        let out = kgx(
            &dir,
            &[
                "extract",
                "in.txt",
                "--gazetteer",
                "g.toml",
                "--rules",
                "ok.rules",
                "-j",
                j,
                "--out",
                j,
                "--no-render",
                "-q",
                "--format",
                "csv",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "-j {j}: {}", stderr(&out));
        exports.push(fs::read_to_string(dir.join(j).join("in.edges.csv")).unwrap());
    }
    assert_eq!(
        exports[0].matches(r#"""rule"":""big"""#).count(),
        2,
        "the rule at the limit reads both sentences: {}",
        exports[0]
    );
    assert!(exports.iter().all(|e| *e == exports[0]));
}

/// Run kgx in `dir` with a standard output whose reader is gone before kgx
/// writes (what `| head` does once it has its lines).
fn kgx_into_closed_pipe(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

/// Issue 16 (low): `kgx gazetteer check | head` and `kgx eval | head`
/// panicked on the closed pipe (exit 101); they end quietly like `tag`.
#[test]
fn gazetteer_check_and_eval_into_a_closed_pipe_end_quietly() {
    let dir = scratch("pipe-check");
    fs::write(dir.join("g.toml"), crate::util::TEST_GAZETTEER).unwrap();
    fs::write(dir.join("a.txt"), "Turkey and Russia met in Vienna.").unwrap();
    fs::write(
        dir.join("gold.json"),
        r#"{"entities": [{"id": "turkey", "type": "Country", "docs": ["a"]}]}"#,
    )
    .unwrap();
    for args in [
        &["gazetteer", "check", "--gazetteer", "g.toml"][..],
        &[
            "eval",
            "a.txt",
            "--gazetteer",
            "g.toml",
            "--gold",
            "gold.json",
        ][..],
        &["tag", "a.txt", "--gazetteer", "g.toml"][..],
        // Every other command that writes to standard output.
        &["tag", "--syntax", "a.txt"][..],
        &[
            "extract",
            "a.txt",
            "--emit",
            "partial",
            "--gazetteer",
            "g.toml",
        ][..],
        &[
            "explain",
            "turkey",
            "spoke_to",
            "russia",
            "a.txt",
            "--gazetteer",
            "g.toml",
        ][..],
        &["suggest", "a.txt", "--gazetteer", "g.toml"][..],
    ] {
        let out = kgx_into_closed_pipe(&dir, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

/// Issue 16 (low): `kgx merge` with partials that disagree gives the same
/// graph in any order, and counts saturate instead of wrapping (u64::MAX
/// mentions plus 1 printed 0).
#[test]
fn merge_is_order_independent_and_counts_saturate() {
    let dir = scratch("merge-order");
    let a = r#"{"nodes":[{"id":"russia","label":"Russia","type":"Country","subtype":"State","mentions":18446744073709551615,"documents":["d1"],"attributes":{"iso2":"RU"}}],"edges":[{"subject":"russia","relation":"meets","object":"russia","count":18446744073709551615}]}"#;
    let b = r#"{"nodes":[{"id":"russia","label":"Russian Federation","type":"Organization","subtype":"Federation","mentions":2,"documents":["d2"],"attributes":{"iso2":"RF"}}],"edges":[{"subject":"russia","relation":"meets","object":"russia","count":5}]}"#;
    fs::write(dir.join("ab.jsonl"), format!("{a}\n{b}\n")).unwrap();
    fs::write(dir.join("ba.jsonl"), format!("{b}\n{a}\n")).unwrap();
    for f in ["ab", "ba"] {
        let file = format!("{f}.jsonl");
        let out = kgx(&dir, &["merge", &file, "--out", f, "--no-render", "-q"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    for ext in ["graphml", "gexf", "dot", "jsonld", "nodes.csv", "edges.csv"] {
        let (x, y) = (
            fs::read(dir.join(format!("ab/graph.{ext}"))).unwrap(),
            fs::read(dir.join(format!("ba/graph.{ext}"))).unwrap(),
        );
        assert!(x == y, "graph.{ext} depends on the order of the partials");
    }
    let nodes = fs::read_to_string(dir.join("ab/graph.nodes.csv")).unwrap();
    assert!(
        nodes.contains("russia,Russia,Country,Federation,18446744073709551615,"),
        "{nodes}"
    );
    let edges = fs::read_to_string(dir.join("ab/graph.edges.csv")).unwrap();
    assert!(edges.contains(",meets,18446744073709551615,"), "{edges}");
}

/// Issue 16 (low): `kgx merge` checks ids and relation names (igraph and the
/// GraphML XSD rejected the exports of ids with spaces or quotes), naming
/// file and line; a missing file or a folder is said as such.
#[test]
fn merge_checks_ids_and_relation_names() {
    let dir = scratch("merge-ids");
    let good = r#"{"nodes":[{"id":"a","label":"A","type":"Country","mentions":1,"documents":["d"]}],"edges":[]}"#;
    let cases = [
        (
            r#"{"nodes":[{"id":"has space","label":"A","type":"Country","mentions":1,"documents":["d"]}]}"#,
            "p.jsonl:2: node id \"has space\" is not a kgx id",
        ),
        (
            r#"{"edges":[{"subject":"a","relation":"a b","object":"a","count":1}]}"#,
            "p.jsonl:2: relation \"a b\" is not a relation name",
        ),
        (
            r#"{"edges":[{"subject":"</key>","relation":"r","object":"a","count":1}]}"#,
            "p.jsonl:2: edge subject \"</key>\" is not a kgx id",
        ),
    ];
    for (line, want) in cases {
        fs::write(dir.join("p.jsonl"), format!("{good}\n{line}\n")).unwrap();
        let out = kgx(&dir, &["merge", "p.jsonl", "--out", "o", "--no-render"]);
        assert_eq!(out.status.code(), Some(2), "{line}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{line}: {}", stderr(&out));
    }
    let out = kgx(&dir, &["merge", "missing.jsonl"]);
    assert!(
        stderr(&out)
            .contains("missing.jsonl: cannot read partial graph: no such file or directory"),
        "{}",
        stderr(&out)
    );
    fs::create_dir_all(dir.join("folder")).unwrap();
    let out = kgx(&dir, &["merge", "folder"]);
    assert!(
        stderr(&out).contains("folder: is a folder; give the partial-graph files"),
        "{}",
        stderr(&out)
    );
}

/// Issue 16 (low): messages that misled. A long --name is refused before
/// the run (it failed after the whole run); a hidden input folder is not
/// reported as a bad --name; `--ext .txt` means `txt`; `-j` is capped.
#[test]
fn cli_messages_say_what_is_wrong() {
    let dir = scratch("cli-messages");
    fs::create_dir_all(dir.join(".hidden")).unwrap();
    fs::write(dir.join(".hidden/a.txt"), "Turkey and Russia met.").unwrap();
    fs::write(dir.join("g.toml"), crate::util::TEST_GAZETTEER).unwrap();
    let long = "n".repeat(240);
    let out = kgx(
        &dir,
        &[
            "extract",
            ".hidden",
            "--name",
            &long,
            "--gazetteer",
            "g.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--name of 240 bytes is too long for a file name (at most 200)"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("exports").exists(), "refused before any work");
    let out = kgx(&dir, &["extract", ".hidden", "--gazetteer", "g.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the export name \".hidden\" taken from the input cannot name files (hidden, or too long); give --name"),
        "{}",
        stderr(&out)
    );
    let out = kgx(
        &dir,
        &[
            "extract",
            ".hidden",
            "--name",
            "h",
            "--ext",
            ".txt",
            "--gazetteer",
            "g.toml",
            "--no-render",
            "-j",
            "100000",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.join("exports/h.graphml").exists());
}

/// Issue 16 (low): CSV fields that a spreadsheet would run as a formula get
/// a `'` first (OWASP's advice); JSON fields and numbers are unchanged.
#[test]
fn csv_formula_prefixes_are_defused() {
    let dir = scratch("csv-formula");
    let line = r#"{"nodes":[{"id":"cmd","label":"=HYPERLINK(\"http://evil\",\"x\")","type":"Person","mentions":1,"documents":["@d"],"aliases_seen":["+1"]},{"id":"b","label":"-B","type":"Person","mentions":1,"documents":["d"]}],"edges":[]}"#;
    fs::write(dir.join("p.jsonl"), line).unwrap();
    let out = kgx(
        &dir,
        &["merge", "p.jsonl", "--out", "o", "--no-render", "-q"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows =
        crate::graphs::parse_csv(&fs::read_to_string(dir.join("o/graph.nodes.csv")).unwrap());
    assert_eq!(rows[1][1], "'-B");
    assert_eq!(rows[2][1], "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(rows[2][5], "[\"@d\"]", "JSON text starts with [");
    assert_eq!(rows[2][4], "1");
}

/// Issue 16, finding 4: `--cooccurrence` reads no "sentence" the relation
/// rules would not read (over 16 KiB: a list of 6,000 places made 18 M
/// edges and 6.3 GB), and the run says how many it left.
#[test]
fn cooccurrence_keeps_the_sentence_limit() {
    let dir = scratch("cooc-limit");
    fs::write(dir.join("g.toml"), crate::util::TEST_GAZETTEER).unwrap();
    let names = [
        "Turkey", "Russia", "Germany", "Austria", "Moscow", "Ankara", "Vienna",
    ];
    // One 20 KB "sentence" (a list, no full stop inside) naming them all, then a short one.
    let list: Vec<&str> = names.iter().cycle().take(2_500).copied().collect();
    let text = format!("{}.\nTurkey met Russia.\n", list.join(", "));
    assert!(text.len() > 16 * 1024);
    fs::write(dir.join("list.txt"), text).unwrap();
    let out = kgx(
        &dir,
        &[
            "extract",
            "list.txt",
            "--gazetteer",
            "g.toml",
            "--cooccurrence",
            "--format",
            "csv",
            "--no-render",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let edges = fs::read_to_string(dir.join("exports/list.edges.csv")).unwrap();
    let cooc: Vec<&str> = edges
        .lines()
        .filter(|l| l.contains(",co_occurs,"))
        .collect();
    assert_eq!(cooc.len(), 1, "only the short sentence's pair: {cooc:?}");
    assert!(cooc[0].starts_with("russia,turkey,"), "{cooc:?}");
    assert!(
        stderr(&out).contains("sentences not read by the relation rules or --cooccurrence: 1"),
        "{}",
        stderr(&out)
    );
}

/// Issue 16, finding 4: `--cooccurrence` is linear in the document: every
/// mention was scanned for every sentence (10 MB took 119 s instead of 2 s).
/// Four times the text takes well under eight times as long (the quadratic
/// scan took sixteen).
#[test]
fn cooccurrence_is_linear() {
    let dir = scratch("cooc-linear");
    fs::write(dir.join("g.toml"), crate::util::TEST_GAZETTEER).unwrap();
    let sentence = "Turkey met Russia in Vienna. ";
    let time = |copies: usize| {
        let name = format!("t{copies}.txt");
        fs::write(dir.join(&name), sentence.repeat(copies)).unwrap();
        let start = std::time::Instant::now();
        let out = kgx(
            &dir,
            &[
                "extract",
                &name,
                "--gazetteer",
                "g.toml",
                "--cooccurrence",
                "--format",
                "csv",
                "--no-render",
                "-q",
                "-j",
                "1",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        start.elapsed().as_secs_f64()
    };
    let small = time(10_000);
    let large = time(40_000);
    assert!(
        large < 8.0 * small,
        "4x the text took {:.1}x the time ({small:.2} s, {large:.2} s)",
        large / small
    );
}

/// Issue 16, finding 5: a graph holds each evidence sentence once, not once
/// per edge read from it (about 1 KB per piece of evidence before): every
/// piece of evidence from one sentence shares the same text, document id
/// and rule id allocations, also after merging per-worker graphs.
#[test]
fn evidence_sentences_are_stored_once() {
    let gaz = Gazetteer::from_toml_str("g.toml", crate::util::TEST_GAZETTEER).unwrap();
    let rules =
        kgx::stages::relate::RuleSet::load(&root().join("gazetteer/relations.rules")).unwrap();
    let pipeline = Pipeline::with_rules(gaz, rules);
    // One sentence, several edges: represents/leads/attends-like relations
    // from the shipped rules, from two documents merged as two workers would.
    let text = "Turkish President Recep Tayyip Erdoğan and Russia attended the Vienna talks, \
                and Germany and Austria attended the Vienna talks too.";
    let mut parts = Vec::new();
    for id in ["d1", "d2"] {
        let doc = Document::new(id, text);
        let ex = pipeline.extract(&doc);
        let mut b = GraphBuilder::new();
        pipeline.add_to_graph(&doc, &ex, &mut b, false);
        parts.push(b);
    }
    let mut all = GraphBuilder::new();
    for p in parts {
        all.merge(p);
    }
    let g = all.build();
    let evidence: Vec<&kgx::graph::Evidence> = g
        .edges()
        .flat_map(|(_, _, e)| e.data.evidence.iter())
        .collect();
    assert!(
        evidence.len() >= 6,
        "several edges from one sentence: {}",
        evidence.len()
    );
    for a in &evidence {
        for b in &evidence {
            assert!(
                std::sync::Arc::ptr_eq(&a.text, &b.text),
                "one copy of the sentence"
            );
            if a.doc == b.doc {
                assert!(std::sync::Arc::ptr_eq(&a.doc, &b.doc));
            }
            if a.rule == b.rule {
                assert!(std::sync::Arc::ptr_eq(&a.rule, &b.rule));
            }
        }
    }
}

// ---- issue 16, low items (third round) ---------------------------------------

/// A name or alias written with leading punctuation (".NET Framework",
/// "'Ndrangheta", "#MeToo Movement", "(Foo) Group") loaded and passed
/// `gazetteer check`, but never matched: a match starts at a word start.
/// Such a form is now matched from its first letter or digit.
#[test]
fn forms_starting_with_punctuation_are_matched() {
    let gaz = Gazetteer::from_toml_str(
        "p.toml",
        r##"
[[entity]]
type = "Organization"
name = ".NET Foundation"

[[entity]]
type = "Organization"
name = "'Ndrangheta"

[[entity]]
type = "Organization"
name = "Hashtag Movement"
aliases = ["#MeToo Movement"]

[[entity]]
type = "Organization"
name = "(Paren) Group"
"##,
    )
    .unwrap();
    let text =
        "The \u{2019}Ndrangheta, the .NET Foundation, the #MeToo Movement and (Paren) Group met.";
    let p = Pipeline::new(gaz);
    let ex = p.extract(&Document::new("t", text));
    let found: Vec<(&str, &str)> = ex
        .mentions
        .iter()
        .map(|m| {
            (
                &text[m.span.start..m.span.end],
                p.gazetteer().entity(m.entity.unwrap()).id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("Ndrangheta", "ndrangheta"),
            ("NET Foundation", "net-foundation"),
            ("MeToo Movement", "hashtag-movement"),
            ("Paren) Group", "paren-group"),
        ],
        "{text}"
    );
}

/// Thousands of entities sharing one alias: choosing among a mention's
/// senses was quadratic in them (5,000: about 32 ms a mention in a release
/// build), and so was compiling the alias; now n log n. With 20,000 entities
/// the old code takes hours for these 20 mentions in a test build; each is
/// resolved to the one entity the document names in full.
#[test]
fn entities_sharing_one_alias_resolve_in_n_log_n() {
    use kgx::stages::resolve::resolve;
    use kgx::stages::tag::Tagger;
    let n = 20_000;
    let mut toml = String::new();
    for i in 0..n {
        toml.push_str(&format!(
            "[[entity]]\ntype = \"Person\"\nname = \"Person Number{i}\"\naliases = [\"Shared Alias\"]\n\n"
        ));
    }
    let gaz = Gazetteer::from_toml_str("shared.toml", &toml).unwrap();
    let text = format!(
        "Person Number4321 arrived. {}",
        "Then Shared Alias spoke. ".repeat(20)
    );
    let started = std::time::Instant::now();
    let mut mentions = Tagger::new(&gaz).tag(&text);
    assert_eq!(mentions.len(), 21);
    assert!(mentions[1].senses.len() >= n);
    resolve(&gaz, &text, &mut mentions);
    let took = started.elapsed();
    assert!(
        took < std::time::Duration::from_secs(60),
        "compiling and resolving 20 mentions of {n} senses took {took:?}"
    );
    assert!(mentions
        .iter()
        .all(|m| m.entity.map(|e| gaz.entity(e).id.as_str()) == Some("person-number4321")));
}

/// A name or form of thousands of words made tagging quadratic in a text
/// repeating its words (a 1,000-word alias: 3.8 s for 600 KB, against 0.1 s
/// for a 5-word one). Forms over 32 words or 512 bytes are refused at load,
/// naming the file, the line and the form; 32 words load.
#[test]
fn overlong_forms_are_refused_at_load() {
    let entry = |field: &str, form: &str| {
        format!("[[entity]]\ntype = \"Organization\"\nname = \"Long Form Org\"\n{field} = {form}\n")
    };
    let words = |n: usize| vec!["Alpha"; n].join(" ");
    let cases = [
        (
            "alias of 33 words",
            entry("aliases", &format!("[\"{}\"]", words(33))),
            "l.toml:1: alias \"Alpha Alpha",
        ),
        (
            "alias of 1,000 words",
            entry("aliases", &format!("[\"{}\"]", words(1000))),
            "has 1000 words, more than the 32",
        ),
        (
            "title of 600 bytes",
            entry("titles", &format!("[\"Chief {}\"]", "x".repeat(600))),
            "l.toml:1: title \"Chief xxx",
        ),
        (
            "name of 40 words",
            format!(
                "[[entity]]\ntype = \"Organization\"\nname = \"{}\"\n",
                words(40)
            ),
            "l.toml:1: name \"Alpha",
        ),
        (
            "alias of 32 words",
            entry("aliases", &format!("[\"{}\"]", words(32))),
            "",
        ),
    ];
    for (case, toml, want) in cases {
        let got = Gazetteer::from_toml_str("l.toml", &toml);
        match (want, got) {
            ("", Ok(_)) => {}
            ("", Err(e)) => panic!("{case}: refused: {e}"),
            (want, Ok(_)) => panic!("{case}: loaded, expected {want}"),
            (want, Err(e)) => assert!(e.to_string().contains(want), "{case}: {e}"),
        }
    }
    let dir = scratch("long-spacy");
    fs::write(
        dir.join("p.jsonl"),
        format!("{{\"label\": \"ORG\", \"pattern\": \"{}\"}}\n", words(50)),
    )
    .unwrap();
    let out = kgx(&dir, &["gazetteer", "check", "--gazetteer", "p.jsonl"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("p.jsonl:1: pattern \"Alpha"),
        "{}",
        stderr(&out)
    );
}

/// Folder walks followed symbolic links into cycles: a link back to a folder
/// being read went 40 levels deep (until the kernel's limit), reading the
/// same files again under new ids. A link back to a folder it is inside is
/// now reported, naming the link and where it leads, before any work, in
/// input folders and gazetteer folders; a link to a folder elsewhere is
/// still followed.
#[test]
fn symlink_cycles_in_folders_are_reported() {
    use std::os::unix::fs::symlink;
    let dir = scratch("symlink-cycle");
    fs::create_dir_all(dir.join("in/sub")).unwrap();
    fs::create_dir_all(dir.join("other")).unwrap();
    fs::write(dir.join("in/sub/a.txt"), "Turkey and Russia met.").unwrap();
    fs::write(dir.join("other/b.txt"), "Iran said no.").unwrap();
    symlink("..", dir.join("in/sub/up")).unwrap();
    symlink("../other", dir.join("in/elsewhere")).unwrap();
    let out = kgx(&dir, &["tag", "in", "-q", "--gazetteer", &gazetteer_arg()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("in/sub/up: symbolic link to ") && err.contains("following it would loop"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one cycle, one message: {err}");
    assert_eq!(stdout(&out), "");
    // Without the cycle, the link elsewhere is read.
    fs::remove_file(dir.join("in/sub/up")).unwrap();
    let out = kgx(&dir, &["tag", "in", "-q", "--gazetteer", &gazetteer_arg()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs: HashSet<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        docs,
        HashSet::from(["sub/a".to_string(), "elsewhere/b".to_string()])
    );

    // A gazetteer folder with a link to itself.
    fs::create_dir_all(dir.join("gaz")).unwrap();
    fs::write(dir.join("gaz/g.toml"), crate::util::TEST_GAZETTEER).unwrap();
    symlink(".", dir.join("gaz/again")).unwrap();
    let out = kgx(&dir, &["gazetteer", "check", "--gazetteer", "gaz"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("gaz/again: symbolic link to "),
        "{}",
        stderr(&out)
    );
}

/// A JSON line (or partial-graph line) had no length limit: a 150 MB line
/// took 172 s and 9.5 GB, an endless one all memory. A line over
/// `kgx::input::MAX_LINE_BYTES` (64 MiB) is reported with file and line and
/// skipped without being held; the lines around it are read. Here 256 MB
/// stream through standard input: peak memory stays under 200 MB (about
/// 150 MB: the 64 MiB buffer, its growth and the program).
#[test]
fn overlong_json_line_is_reported_in_bounded_memory() {
    use std::io::Write;
    let dir = scratch("long-line");
    let line_mb = 256;
    let mut child = Command::new("/usr/bin/time")
        .args(["-f", "maxrss_kb=%M"])
        .arg(env!("CARGO_BIN_EXE_kgx"))
        .args(["tag", "--jsonl", "-", "-q", "--gazetteer", &gazetteer_arg()])
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("/usr/bin/time (apt-get install time)");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        stdin
            .write_all(b"{\"id\": \"a\", \"text\": \"Turkey spoke.\"}\n")
            .unwrap();
        stdin.write_all(b"{\"id\": \"b\", \"text\": \"").unwrap();
        let chunk = "Turkey and Iran. ".repeat(1 << 16);
        let mut written = 0;
        while written < line_mb << 20 {
            stdin.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len();
        }
        stdin
            .write_all(b"\"}\n{\"id\": \"c\", \"text\": \"Russia spoke.\"}\n")
            .unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("<stdin>:2: JSON line of ") && err.contains("longer than the 67108864 bytes"),
        "{err}"
    );
    let docs: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(docs, ["a", "c"]);
    let kb: u64 = err
        .lines()
        .find_map(|l| l.strip_prefix("maxrss_kb="))
        .unwrap_or_else(|| panic!("no maxrss in {err}"))
        .trim()
        .parse()
        .unwrap();
    assert!(
        kb < (line_mb as u64) << 10,
        "peak RSS {} MB for a {line_mb} MB line",
        kb >> 10
    );
}

/// The bounded line reader itself, with a small bound: lines at the bound
/// are kept whole, a longer one is reported with its length and dropped,
/// the reader goes on after it, and a last line without `\n` is a line.
#[test]
fn bounded_line_reader_keeps_reading_after_a_long_line() {
    use kgx::input::{read_line_bounded, LineRead};
    let text = b"12345\n123456789\n\n1234";
    // A reader buffer smaller than a line, so lines span several fills.
    let mut r = std::io::BufReader::with_capacity(3, &text[..]);
    let mut buf = Vec::new();
    let mut got = Vec::new();
    loop {
        match read_line_bounded(&mut r, &mut buf, 5).unwrap() {
            LineRead::End => break,
            read => got.push((read, String::from_utf8(buf.clone()).unwrap())),
        }
    }
    assert_eq!(
        got,
        [
            (LineRead::Line, "12345\n".to_string()),
            (LineRead::TooLong(9), String::new()),
            (LineRead::Line, "\n".to_string()),
            (LineRead::Line, "1234".to_string()),
        ]
    );
}

/// `kgx merge` reads partial-graph lines with the same bound, and a line
/// that is not UTF-8 is named by its line (it was "stream did not contain
/// valid UTF-8" with no line).
#[test]
fn merge_reports_a_bad_line_by_number() {
    let dir = scratch("merge-line");
    let good = r#"{"nodes":[{"id":"russia","label":"Russia","type":"Country","mentions":1,"documents":["d1"]}],"edges":[]}"#;
    let mut bytes = format!("{good}\n").into_bytes();
    bytes.extend_from_slice(b"{\"nodes\": [\xff]}\n");
    fs::write(dir.join("p.jsonl"), bytes).unwrap();
    let out = kgx(
        &dir,
        &["merge", "p.jsonl", "--out", "o", "--no-render", "-q"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("p.jsonl:2: not UTF-8 text"),
        "{}",
        stderr(&out)
    );
}
