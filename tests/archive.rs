//! Any archive (issue 15, point 3) and JSON-lines ids and encodings (issue 16,
//! findings 11 and 12): the CLI on files written for each case.

use std::fs;

use serde_json::Value;

use crate::util::{kgx, scratch, stderr, stdout};

/// `kgx tag` output as (doc, text, entity) triples.
fn tagged(out: &std::process::Output) -> Vec<(String, String, String)> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| {
            (
                v["doc"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
                v["entity"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect()
}

#[test]
fn document_ids_are_paths_relative_to_the_input_folder() {
    let dir = scratch("relids");
    for sub in ["news/2017/01", "news/2017/02"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
    }
    fs::write(dir.join("news/2017/01/a.txt"), "Russia spoke.").unwrap();
    fs::write(dir.join("news/2017/02/a.txt"), "Turkey spoke.").unwrap();
    fs::write(dir.join("news/top.txt"), "Iran spoke.").unwrap();
    let out = kgx(&dir, &["tag", "news"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs: Vec<(String, String)> = tagged(&out).into_iter().map(|(d, _, e)| (d, e)).collect();
    assert_eq!(
        docs,
        [
            ("2017/01/a".to_string(), "russia".to_string()),
            ("2017/02/a".to_string(), "turkey".to_string()),
            ("top".to_string(), "iran".to_string()),
        ]
    );
    // A file given by itself keeps its stem; two such files of one stem clash, with both named.
    let out = kgx(&dir, &["tag", "news/2017/01/a.txt", "news/2017/02/a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("news/2017/02/a.txt: document id \"a\" is also the id of news/2017/01/a.txt (give the common parent folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn encoding_auto_reads_utf16_and_cp1252_and_reports_each_decision() {
    let dir = scratch("enc");
    // UTF-16LE with a byte-order mark.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Turkey and Iran met.".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    fs::write(dir.join("wide.txt"), utf16).unwrap();
    // Windows-1252: "Açores" (c = E7), a curly apostrophe (92).
    fs::write(
        dir.join("latin.txt"),
        b"The A\xe7ores summit: Russia\x92s envoy came.",
    )
    .unwrap();
    fs::write(dir.join("plain.txt"), "Russia, plainly.").unwrap();
    let out = kgx(
        &dir,
        &[
            "extract",
            ".",
            "--format",
            "csv",
            "--out",
            "out",
            "--no-render",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("kgx: ./latin.txt: not UTF-8: read as windows-1252 (detected"),
        "{err}"
    );
    assert!(
        err.contains("kgx: ./wide.txt: read as UTF-16LE (byte-order mark)"),
        "{err}"
    );
    assert!(
        !err.contains("plain.txt"),
        "plain UTF-8 needs no line: {err}"
    );
    assert!(
        err.contains("encodings other than UTF-8: UTF-16LE 1, windows-1252 1"),
        "{err}"
    );

    let out = kgx(&dir, &["tag", "latin.txt"]);
    let got = tagged(&out);
    assert!(
        got.iter()
            .any(|(_, t, e)| t == "Russia\u{2019}s" || (t == "Russia" && e == "russia")),
        "{got:?}"
    );
    // The spans are offsets into the decoded text: ç is 1 byte in the file, 2 there.
    let v: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(v["start"], 20, "{v}");

    // --encoding NAME forces it; strict refuses; an unknown name is a usage error.
    let out = kgx(&dir, &["tag", "--encoding", "latin1", "latin.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("detected"), "{}", stderr(&out));
    let out = kgx(&dir, &["tag", "--encoding", "strict", "latin.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("latin.txt: byte 5: invalid UTF-8"),
        "{}",
        stderr(&out)
    );
    let out = kgx(&dir, &["tag", "--encoding", "klingon", "latin.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown encoding \"klingon\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn pdf_word_zip_and_images_are_named_with_a_hint() {
    let dir = scratch("magic");
    fs::create_dir(dir.join("in")).unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("in/a.txt", b"%PDF-1.7\n1 0 obj", "a PDF document, not text: skipped (convert it first: pdftotext"),
        ("in/b.txt", b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml", "a Word document, not text: skipped (convert it first: libreoffice --headless --convert-to txt"),
        ("in/c.txt", b"PK\x03\x04\x14\x00\x00\x00notes/1.txt", "a ZIP archive, not text: skipped (unpack it"),
        ("in/d.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "an image, not text: skipped"),
        ("in/e.docx", b"PK\x03\x04 word/", "a Word document"),
    ];
    for (name, bytes, _) in &cases {
        fs::write(dir.join(name), bytes).unwrap();
    }
    let out = kgx(&dir, &["tag", "in"]);
    let err = stderr(&out);
    for (name, _, msg) in &cases {
        assert!(
            err.contains(&format!("kgx: {name}: {msg}")),
            "{name}: {err}"
        );
    }
    assert_eq!(
        out.status.code(),
        Some(1),
        "every input skipped: exit 1, not 0: {err}"
    );
    assert!(err.contains("no document was read"), "{err}");

    // Binary files of no known format are skipped, and a run of nothing but them exits 1 too.
    let dir = scratch("magic-nul");
    fs::write(dir.join("x.txt"), b"\x7fKGX\x00\x01\x02").unwrap();
    let out = kgx(&dir, &["extract", ".", "--out", "out", "--no-render"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("x.txt: binary file (NUL bytes), skipped"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn html_is_read_as_its_visible_text_with_offsets_into_the_file() {
    let dir = scratch("html");
    let page = "<!doctype html><html><head><title>Russia</title><style>p { color: red }</style>\
        <script>var country = \"Iran\";</script></head><body><nav>Menu</nav>\
        <p>Turkey &amp; Russia met.</p><!-- Iran was here --><p>Syria&#8217;s envoy left.</p></body></html>";
    fs::write(dir.join("page.html"), page).unwrap();
    let out = kgx(&dir, &["tag", "--ext", "html", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut found = Vec::new();
    for l in stdout(&out).lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &page[s..e],
            v["text"].as_str().unwrap(),
            "the span is the file's bytes: {v}"
        );
        found.push(v["entity"].as_str().unwrap_or("?").to_string());
    }
    // The title is visible; script, style and the comment are not.
    assert_eq!(
        found,
        ["russia", "turkey", "russia", "syria"],
        "{}",
        stdout(&out)
    );
}

#[test]
fn jsonl_metadata_is_carried_into_the_exports() {
    let dir = scratch("jsonl-meta");
    fs::write(
        dir.join("news.jsonl"),
        concat!(
            r#"{"id": "n1", "text": "Russia and Iran met.", "date": "2015-07-14", "url": "https://example.org/n1", "title": "Talks", "source": "Wire", "lang": "en"}"#,
            "\n",
            r#"{"id": "n2", "text": "Iran and Turkey met.", "date": "2015-07-20T10:00:00Z"}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = kgx(
        &dir,
        &[
            "extract",
            "news.jsonl",
            "--jsonl",
            "--out",
            "out",
            "--no-render",
            "--format",
            "jsonld,csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let ld: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("out/news.jsonld")).unwrap()).unwrap();
    let text = ld.to_string();
    for want in [
        "https://example.org/n1",
        "\"Talks\"",
        "\"Wire\"",
        "2015-07-14",
        "2015-07-20",
    ] {
        assert!(text.contains(want), "{want} missing in the JSON-LD");
    }
    let docs = fs::read_to_string(dir.join("out/news.documents.csv")).expect("documents table");
    assert!(
        docs.lines()
            .any(|l| l == "n1,2015-07-14,https://example.org/n1,Talks,Wire"),
        "{docs}"
    );
    assert!(docs.lines().any(|l| l == "n2,2015-07-20,,,"), "{docs}");

    fs::write(
        dir.join("bad.jsonl"),
        r#"{"id": "b", "text": "x", "date": "last Tuesday"}"#,
    )
    .unwrap();
    let out = kgx(&dir, &["tag", "bad.jsonl", "--jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("bad.jsonl:1: \"date\" \"last Tuesday\" is not a date (write YYYY-MM-DD"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn jsonl_ids_repeated_null_empty_and_big_are_checked() {
    let dir = scratch("jsonl-ids");
    fs::write(
        dir.join("ids.jsonl"),
        concat!(
            r#"{"id": "1", "text": "Russia."}"#,
            "\n",
            r#"{"id": 1, "text": "Turkey."}"#,
            "\n",
            r#"{"id": null, "text": "Iran."}"#,
            "\n",
            r#"{"id": "", "text": "Iran."}"#,
            "\n",
            r#"{"id": 12345678901234567890123, "text": "Syria."}"#,
            "\n",
            r#"{"id": 12345678901234567890124, "text": "Syria."}"#,
            "\n",
            r#"{"id": true, "text": "Iran."}"#,
            "\n",
            r#"{"text": "Iran."}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = kgx(&dir, &["tag", "ids.jsonl", "--jsonl", "-j", "2"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for want in [
        "ids.jsonl:2: document id \"1\" repeats the id of the document at ids.jsonl:1: skipped",
        "ids.jsonl:3: null \"id\"",
        "ids.jsonl:4: empty \"id\"",
        "ids.jsonl:7: \"id\" true is neither a string nor an integer",
        "ids.jsonl:8: no \"id\"",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    let docs: Vec<String> = tagged(&out).into_iter().map(|(d, _, _)| d).collect();
    assert_eq!(
        docs,
        ["1", "12345678901234567890123", "12345678901234567890124"],
        "big integers kept as written, not rounded into one"
    );
}

#[test]
fn jsonl_lossy_encoding_and_a_bom_on_the_first_line() {
    let dir = scratch("jsonl-enc");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(br#"{"id": "a", "text": "Russia met Turkey."}"#);
    bytes.push(b'\n');
    bytes.extend_from_slice(b"{\"id\": \"b\", \"text\": \"Iran and Caf\xe9 Syria.\"}\n");
    fs::write(dir.join("mixed.jsonl"), &bytes).unwrap();

    let strict = kgx(&dir, &["tag", "mixed.jsonl", "--jsonl"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("mixed.jsonl:2: invalid UTF-8 at byte 33 of the line (JSON lines are UTF-8; use --encoding lossy"),
        "{}",
        stderr(&strict)
    );
    let docs: Vec<String> = tagged(&strict).into_iter().map(|(d, _, _)| d).collect();
    assert_eq!(docs, ["a", "a"], "the BOM does not drop the first document");

    let lossy = kgx(
        &dir,
        &["tag", "mixed.jsonl", "--jsonl", "--encoding", "lossy"],
    );
    assert!(lossy.status.success(), "{}", stderr(&lossy));
    assert!(
        stderr(&lossy).contains("replaced 1 invalid UTF-8 sequences"),
        "{}",
        stderr(&lossy)
    );
    let got = tagged(&lossy);
    assert!(
        got.iter().any(|(d, _, e)| d == "b" && e == "syria"),
        "{got:?}"
    );

    let latin = kgx(
        &dir,
        &[
            "tag",
            "mixed.jsonl",
            "--jsonl",
            "--encoding",
            "windows-1252",
        ],
    );
    assert!(latin.status.success(), "{}", stderr(&latin));
    assert_eq!(tagged(&latin).len(), 4);
}
