//! The newcomer's path of issue 15, as a test: a folder outside the project,
//! the installed binary, a gazetteer of one's own, an archive as it comes.
//!
//! The binary is `$KGX_INSTALLED` when set (`.ci/run` sets it to the kgx of
//! `cargo install --path . --root target/install`), else the binary cargo
//! built for the tests, copied into the temporary folder: either way it runs
//! far from the checkout, so nothing is found beside the sources.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use crate::layers::outside;
use crate::util::{stderr, stdout};

/// A minimal PDF (header and one object): what a user's download looks like to kgx.
const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

/// The user's gazetteer: restates the UN (an alias of their story) and adds three entities.
const MY_GAZETTEER: &str = r#"
# My story: the harbour talks.
[[entity]]
id = "united-nations"
aliases = ["the world organisation"]

[[entity]]
type = "Person"
name = "Hélène Corbeau"
titles = ["Harbour Mediator"]

[[entity]]
type = "Event"
subtype = "Talks"
name = "Calder harbour talks"
aliases = ["harbour talks"]

[[entity]]
type = "Place"
subtype = "City"
name = "Port Calder"
"#;

fn installed(dir: &std::path::Path) -> PathBuf {
    match std::env::var_os("KGX_INSTALLED") {
        Some(p) => fs::canonicalize(PathBuf::from(p)).expect("KGX_INSTALLED exists"),
        None => {
            let bin = dir.join("bin");
            fs::create_dir_all(&bin).unwrap();
            let to = bin.join("kgx");
            fs::copy(env!("CARGO_BIN_EXE_kgx"), &to).expect("copy the kgx binary");
            to
        }
    }
}

fn run(kgx: &PathBuf, dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(kgx)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run the installed kgx")
}

#[test]
fn newcomer_path_from_a_folder_outside_the_project() {
    let dir = outside("newcomer");
    let kgx = installed(&dir);
    fs::write(dir.join("my.toml"), MY_GAZETTEER).unwrap();
    for sub in ["articles/2015/07", "articles/2015/08", "articles/wire"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
    }
    // Two files named a.txt in different folders.
    fs::write(
        dir.join("articles/2015/07/a.txt"),
        "The Calder harbour talks opened in Port Calder. The United Nations sent observers.",
    )
    .unwrap();
    fs::write(
        dir.join("articles/2015/08/a.txt"),
        "Russia and Turkey welcomed the harbour talks, the world organisation said.",
    )
    .unwrap();
    // Windows-1252: é (E9), è (E8), curly quotes (93, 94), apostrophe (92).
    fs::write(
        dir.join("articles/wire/b.txt"),
        b"Harbour Mediator H\xe9l\xe8ne Corbeau called the deal \x93fair\x94 and said Iran\x92s envoy agreed.",
    )
    .unwrap();
    fs::write(dir.join("articles/wire/scan.pdf"), PDF).unwrap();

    let check = run(
        &kgx,
        &dir,
        &["gazetteer", "check", "--gazetteer", "my.toml"],
    );
    assert!(check.status.success(), "{}", stderr(&check));
    let text = stdout(&check);
    let overrides: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("override "))
        .collect();
    assert_eq!(overrides.len(), 1, "{}", stdout(&check));
    assert!(
        overrides[0].starts_with(
            "override \"united-nations\" defined at gazetteer/domain/organizations.toml:"
        ) && overrides[0].contains("is extended by my.toml:3 (aliases +1)"),
        "{}",
        overrides[0]
    );

    let out = run(
        &kgx,
        &dir,
        &[
            "extract",
            "articles",
            "--gazetteer",
            "my.toml",
            "--no-render",
        ],
    );
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit 1 because of the PDF: {err}"
    );
    assert!(
        err.contains("articles/wire/scan.pdf: a PDF document, not text: skipped (convert it first: pdftotext"),
        "{err}"
    );
    assert!(
        err.contains("articles/wire/b.txt: not UTF-8: read as windows-1252 (detected"),
        "{err}"
    );
    assert!(err.contains("3 documents"), "{err}");

    // The exports are where a newcomer looks: ./exports/articles.*
    let nodes = fs::read_to_string(dir.join("exports/articles.nodes.csv")).expect("nodes written");
    let edges_docs = fs::read_to_string(dir.join("exports/articles.jsonld")).unwrap();
    for id in [
        "helene-corbeau",
        "calder-harbour-talks",
        "port-calder",
        "united-nations",
        "russia",
        "iran",
    ] {
        assert!(
            nodes.lines().any(|l| l.starts_with(&format!("{id},"))),
            "{id} missing:\n{nodes}"
        );
    }
    let corbeau = nodes
        .lines()
        .find(|l| l.starts_with("helene-corbeau,"))
        .unwrap();
    assert!(
        corbeau.contains("Hélène Corbeau"),
        "the cp1252 text is read as é and è: {corbeau}"
    );
    let un = nodes
        .lines()
        .find(|l| l.starts_with("united-nations,"))
        .unwrap();
    assert!(
        un.contains("the world organisation") && un.contains("United Nations"),
        "the user's alias and the shipped name both found: {un}"
    );
    for doc in ["2015/07/a", "2015/08/a", "wire/b"] {
        assert!(
            edges_docs.contains(&format!("\"{doc}\"")),
            "document {doc} missing"
        );
    }

    // Without the PDF, the same run exits 0.
    fs::remove_file(dir.join("articles/wire/scan.pdf")).unwrap();
    let out = run(
        &kgx,
        &dir,
        &[
            "extract",
            "articles",
            "--gazetteer",
            "my.toml",
            "--no-render",
            "--quiet",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let _ = fs::remove_dir_all(&dir);
}
