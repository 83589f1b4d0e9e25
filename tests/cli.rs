//! The kgx binary end to end: inputs, errors, exit codes.

use std::fs;

use crate::util::{kgx, root, scratch, stderr, stdout};

#[test]
fn tag_prints_json_lines_with_exact_spans() {
    let out = kgx(&root(), &["tag", "seeds"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut n = 0;
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = v["doc"].as_str().unwrap();
        let text = fs::read_to_string(root().join("seeds").join(format!("{doc}.txt"))).unwrap();
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], v["text"].as_str().unwrap(), "span of {line}");
        n += 1;
    }
    assert!(n > 100, "only {n} mentions");
}

#[test]
fn invalid_utf8_names_file_and_byte() {
    let dir = scratch("utf8");
    fs::write(dir.join("a.txt"), b"Turkey\n\xff\xfe Russia").unwrap();
    let out = kgx(&dir, &["tag", "--encoding", "strict", "a.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a.txt: byte 7: invalid UTF-8"),
        "{}",
        stderr(&out)
    );
    let lossy = kgx(
        &dir,
        &[
            "tag",
            "--encoding",
            "lossy",
            "a.txt",
            "--gazetteer",
            root().join("gazetteer").to_str().unwrap(),
        ],
    );
    assert!(lossy.status.success(), "{}", stderr(&lossy));
    assert!(
        stderr(&lossy).contains("replaced 2 invalid UTF-8 sequences"),
        "{}",
        stderr(&lossy)
    );
    assert!(
        stdout(&lossy).contains("\"entity\":\"russia\""),
        "{}",
        stdout(&lossy)
    );
}

#[test]
fn missing_input_and_empty_folder_are_errors() {
    let dir = scratch("missing");
    fs::create_dir(dir.join("empty")).unwrap();
    let g = root().join("gazetteer");
    let out = kgx(
        &dir,
        &[
            "tag",
            "nope.txt",
            "empty",
            "--gazetteer",
            g.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("kgx: nope.txt: cannot read input: no such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("kgx: empty: no .txt files in this folder"),
        "{err}"
    );
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let dir = scratch("binary");
    fs::write(dir.join("a.txt"), b"\x7fKGX\x00\x00Turkey").unwrap();
    fs::write(dir.join("b.txt"), "Turkey").unwrap();
    let g = root().join("gazetteer");
    let out = kgx(&dir, &["tag", ".", "--gazetteer", g.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a.txt: binary file (NUL bytes), skipped"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn empty_file_and_bom_and_crlf() {
    let dir = scratch("bom");
    fs::write(dir.join("empty.txt"), "").unwrap();
    fs::write(dir.join("bom.txt"), "\u{feff}Turkey and\r\nRussia\r\n").unwrap();
    let g = root().join("gazetteer");
    let out = kgx(&dir, &["tag", ".", "--gazetteer", g.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["start"], 0, "spans count from after the BOM");
    assert_eq!(lines[1]["text"], "Russia");
}

#[test]
fn explain_shows_evidence_and_says_why_not() {
    let out = kgx(
        &root(),
        &[
            "explain",
            "russia",
            "brokered",
            "astana-talks",
            "seeds/000_edbaf1552e8c8ed8.txt",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("fired: rule"), "{text}");
    assert!(
        text.contains("brokered by Russia and Turkey"),
        "the evidence sentence: {text}"
    );
    // No rule makes Iran a broker in this document: explain says why, sentence by sentence.
    let out = kgx(
        &root(),
        &[
            "explain",
            "iran",
            "attends",
            "astana-talks",
            "seeds/000_edbaf1552e8c8ed8.txt",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("0 piece(s) of evidence"), "{text}");
    assert!(!text.contains("fired: rule"), "{text}");
    let out = kgx(&root(), &["explain", "nobody", "brokered", "astana-talks"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no entity \"nobody\" in the gazetteer"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn broken_rules_stop_the_run_with_file_and_line_and_write_nothing() {
    let dir = scratch("rules");
    fs::write(
        dir.join("bad.rules"),
        "relation brokered Actor -> Event\n\nrule r1 brokered: {subj:Actr} brokered {obj:Event}\nrule r2 sponsored: {subj:Actor} x {obj:Event}\n",
    )
    .unwrap();
    let g = root().join("gazetteer");
    let s = root().join("seeds");
    let out = kgx(
        &dir,
        &[
            "extract",
            s.to_str().unwrap(),
            "--gazetteer",
            g.to_str().unwrap(),
            "--rules",
            "bad.rules",
            "--out",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("kgx: bad.rules:3:"), "{err}");
    assert!(
        err.contains("kgx: bad.rules:4:"),
        "both errors at once: {err}"
    );
    assert!(!dir.join("out").exists(), "nothing written");
}

#[test]
fn tag_reads_the_rules_as_extract_does() {
    // `kgx tag` prints the mentions the graph is built from, after the relate
    // stage has decided which capitals stand for their state, so it loads the
    // rules and frames as `extract` does, and a broken rules file stops both.
    let dir = scratch("tag-rules");
    fs::write(
        dir.join("bad.rules"),
        "relation met Actor -> Actor\nrule r1 met: {subj:Actr} x\n",
    )
    .unwrap();
    fs::write(
        dir.join("a.txt"),
        "Turkey and Russia met in Ankara on Monday.\n",
    )
    .unwrap();
    let plain = kgx(&dir, &["tag", "a.txt"]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    assert!(stdout(&plain).contains("\"Ankara\""), "{}", stdout(&plain));
    for args in [
        &["tag", "a.txt", "--rules", "bad.rules"][..],
        &["extract", "a.txt", "--rules", "bad.rules", "--out", "out"][..],
    ] {
        let out = kgx(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("bad.rules:2"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(!dir.join("out").exists(), "nothing written");
}

#[test]
fn tag_shows_the_capitals_the_graph_reads_as_states() {
    // One decision for both: a capital that acts is its state in `kgx tag`
    // as in the graph; the capital where something happens stays a place.
    let dir = scratch("tag-metonymy");
    fs::write(
        dir.join("a.txt"),
        "Ankara has backed Qatar since the crisis began.\n\nTalks between Turkey and Russia began in Ankara on Monday.\n",
    )
    .unwrap();
    let out = kgx(&dir, &["tag", "a.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ankara: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|m| m["text"] == "Ankara")
        .collect();
    assert_eq!(ankara.len(), 2, "{}", stdout(&out));
    assert_eq!(
        ankara[0]["entity"], "turkey",
        "the subject of 'has backed': {}",
        ankara[0]
    );
    assert_eq!(ankara[0]["kind"], "metonym", "{}", ankara[0]);
    assert_eq!(
        ankara[1]["entity"], "ankara",
        "'began in Ankara': {}",
        ankara[1]
    );
    assert_eq!(ankara[1]["type"], "Place", "{}", ankara[1]);
}

#[test]
fn cooccurrence_edges_are_kept_apart_from_typed_edges() {
    let dir = scratch("cooc");
    let out = kgx(
        &root(),
        &[
            "extract",
            "--cooccurrence",
            "--format",
            "csv",
            "--no-render",
            "--quiet",
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let edges = fs::read_to_string(dir.join("seeds.edges.csv")).unwrap();
    let kinds: Vec<&str> = edges
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(3))
        .collect();
    assert!(kinds.contains(&"co_occurs"), "co-occurrence edges present");
    assert!(kinds.contains(&"brokered"), "typed edges still present");
    let plain = fs::read_to_string(root().join("exports/seeds.edges.csv")).unwrap();
    assert!(!plain.contains("co_occurs"), "off by default");
}
