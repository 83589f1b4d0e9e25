//! Gazetteer loading: every malformed case gives its file:line message, all at once, nothing half-loaded.

use std::fs;

use kgx::gazetteer::Gazetteer;
use kgx::ErrorKind;

use crate::util::{kgx, root, scratch, stderr, stdout};

/// (case, file contents, expected line, expected message fragment).
const BAD: &[(&str, &str, usize, &str)] = &[
    ("unknown type", "[[entity]]\ntype = \"Persn\"\nname = \"A B\"\n", 1, "unknown type \"Persn\""),
    ("type in wrong case gets a hint", "\n[[entity]]\ntype = \"person\"\nname = \"A B\"\n", 2, "did you mean \"Person\""),
    ("missing name", "[[entity]]\ntype = \"Person\"\n", 1, "missing name"),
    ("missing type", "[[entity]]\nname = \"X\"\n", 1, "missing type"),
    ("empty alias", "[[entity]]\ntype = \"Place\"\nname = \"X\"\naliases = [\" \"]\n", 1, "empty alias"),
    ("id not a slug", "[[entity]]\nid = \"Big X\"\ntype = \"Place\"\nname = \"X\"\n", 1, "try \"big-x\""),
    ("unknown key (typo)", "[[entity]]\ntype = \"Place\"\nname = \"X\"\nalises = [\"Y\"]\n", 4, "unknown field `alises`"),
    ("toml syntax", "[[entity]]\ntype = \"Place\nname = \"X\"\n", 2, ""),
    ("reference to unknown id", "[[entity]]\ntype = \"Country\"\nname = \"X\"\ncapital = \"nowhere\"\n", 1, "capital \"nowhere\" of \"x\" is not a known id"),
    ("reference of the wrong type", "[[entity]]\ntype = \"Country\"\nname = \"X\"\ncapital = \"y\"\n[[entity]]\ntype = \"Person\"\nname = \"Y\"\n", 1, "is a Person, expected a Place"),
    ("duplicate id", "[[entity]]\ntype = \"Place\"\nname = \"X\"\n\n[[entity]]\ntype = \"Place\"\nname = \"X\"\n", 5, "duplicate id \"x\" (first defined at"),
    ("bad wikidata", "[[entity]]\ntype = \"Place\"\nname = \"X\"\nwikidata = \"159\"\n", 1, "not of the form Q123"),
];

#[test]
fn malformed_gazetteers_report_file_and_line() {
    for (case, text, line, fragment) in BAD {
        let dir = scratch("gaz");
        let path = dir.join("bad.toml");
        fs::write(&path, text).unwrap();
        let err = Gazetteer::load(&[&path]).expect_err(case);
        assert_eq!(err.kind(), ErrorKind::Gazetteer, "case {case:?}");
        let first = err.iter()[0];
        let loc = first.location().expect("located");
        assert_eq!(loc.path.as_deref(), Some(path.as_path()), "case {case:?}");
        assert_eq!(loc.line, Some(*line), "case {case:?}: {err}");
        assert!(err.to_string().contains(fragment), "case {case:?}: {err}");
        assert!(
            err.to_string()
                .starts_with(&format!("{}:{line}: ", path.display())),
            "case {case:?}: {err}"
        );
    }
}

#[test]
fn all_errors_are_reported_at_once() {
    let dir = scratch("gaz-many");
    fs::write(
        dir.join("a.toml"),
        "[[entity]]\ntype = \"Nope\"\nname = \"A\"\n\n[[entity]]\ntype = \"Place\"\n",
    )
    .unwrap();
    fs::write(
        dir.join("b.toml"),
        "[[entity]]\ntype = \"Place\"\nname = \"B\"\naliases = [\"\"]\n",
    )
    .unwrap();
    let err = Gazetteer::load(&[&dir]).unwrap_err();
    let lines: Vec<String> = err.iter().iter().map(|e| e.to_string()).collect();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[0].contains("a.toml:1: unknown type"), "{lines:#?}");
    assert!(lines[1].contains("a.toml:5: missing name"), "{lines:#?}");
    assert!(lines[2].contains("b.toml:1: empty alias"), "{lines:#?}");
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    let dir = scratch("gaz-dup");
    fs::write(
        dir.join("a.toml"),
        "[[entity]]\ntype = \"Place\"\nname = \"Paris\"\n",
    )
    .unwrap();
    fs::write(
        dir.join("b.jsonl"),
        "{\"type\": \"Place\", \"name\": \"Paris\"}\n",
    )
    .unwrap();
    let err = Gazetteer::load(&[&dir]).unwrap_err().to_string();
    assert!(
        err.contains("b.jsonl:1: duplicate id \"paris\" (first defined at"),
        "{err}"
    );
    assert!(err.contains("a.toml:1"), "{err}");
}

#[test]
fn jsonl_shapes_load() {
    let dir = scratch("gaz-jsonl");
    let path = dir.join("g.jsonl");
    fs::write(
        &path,
        concat!(
            "{\"label\": \"ORG\", \"pattern\": \"Acme Corp\", \"id\": \"acme\"}\n",
            "{\"label\": \"ORG\", \"pattern\": [{\"LOWER\": \"acme\"}], \"id\": \"acme\"}\n",
            "{\"label\": \"PERSON\", \"pattern\": \"Ada Lovelace\"}\n",
            "{\"id\": \"ruritania\", \"type\": \"Country\", \"name\": \"Ruritania\", \"aliases\": [\"Ruritanian Republic\"]}\n",
            "{\"id\": \"country:XYZ\", \"type\": \"Country\", \"name\": \"Xyzland\"}\n",
        ),
    )
    .unwrap();
    let gaz = Gazetteer::load(&[&path]).unwrap();
    assert_eq!(gaz.len(), 4);
    // Another tool's id becomes a slug; the original is kept as an attribute.
    let xyz = gaz.entity(gaz.get("country-xyz").expect("slugged id"));
    assert_eq!(
        xyz.attributes.get("source_id").map(String::as_str),
        Some("country:XYZ")
    );
    let acme = gaz.entity(gaz.get("acme").unwrap());
    assert_eq!(acme.aliases, vec!["acme".to_string()]);
    assert!(gaz.get("ada-lovelace").is_some());
    assert_eq!(
        gaz.entity(gaz.get("ruritania").unwrap()).aliases,
        vec!["Ruritanian Republic".to_string()]
    );

    fs::write(&path, "{\"label\": \"ORG\", \"pattern\": [{\"POS\": \"NOUN\"}]}\nnot json\n{\"label\": \"WHAT\", \"pattern\": \"x\"}\n").unwrap();
    let err = Gazetteer::load(&[&path]).unwrap_err().to_string();
    assert!(err.contains("g.jsonl:1: token pattern"), "{err}");
    assert!(err.contains("g.jsonl:2: invalid JSON"), "{err}");
    assert!(
        err.contains("g.jsonl:3: unknown spaCy label \"WHAT\""),
        "{err}"
    );
}

#[test]
fn shipped_gazetteer_loads_and_check_reports_counts() {
    let out = kgx(&root(), &["gazetteer", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for t in ["Person", "Country", "Organization", "Place", "Event"] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(t))
            .unwrap_or_else(|| panic!("no {t} count in {text}"));
        let n: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        assert!(n > 0, "{t}: {line}");
    }
    assert!(
        text.contains("aliases claimed by more than one entity"),
        "{text}"
    );
}

#[test]
fn check_reports_an_alias_claimed_twice() {
    let dir = scratch("gaz-claim");
    fs::write(dir.join("g.toml"), "[[entity]]\ntype = \"Place\"\nname = \"Georgia\"\nid = \"georgia-us\"\n[[entity]]\ntype = \"Country\"\nname = \"Georgia\"\n").unwrap();
    let out = kgx(&dir, &["gazetteer", "check", "--gazetteer", "g.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("alias \"georgia\" is claimed by georgia, georgia-us"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn broken_gazetteer_stops_the_run_before_any_output() {
    let dir = scratch("gaz-stop");
    fs::write(
        dir.join("g.toml"),
        "[[entity]]\ntype = \"Persn\"\nname = \"X\"\n",
    )
    .unwrap();
    fs::create_dir(dir.join("docs")).unwrap();
    fs::write(dir.join("docs/a.txt"), "X").unwrap();
    let out = kgx(
        &dir,
        &["extract", "docs", "--gazetteer", "g.toml", "--out", "out"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("kgx: g.toml:1: unknown type \"Persn\""),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("out").exists() || fs::read_dir(dir.join("out")).unwrap().next().is_none());
}

/// `gazetteer/tools/check_gold_coverage.py` reads a user's layer as kgx
/// does: an entry that gives an earlier layer's id alone extends that
/// entity (its aliases reach the gold's forms), and one that extends
/// nothing and has no name is an error, not a crash.
#[test]
fn gold_coverage_tool_folds_layers_like_kgx() {
    let dir = scratch("gold-coverage");
    let gold = dir.join("gold.json");
    fs::write(
        &gold,
        r#"{"entities": [
            {"id": "united-nations", "type": "Organization", "aliases_seen": ["the Glass House"]},
            {"id": "marta-quill", "type": "Person", "aliases_seen": ["Marta Quill", "Quill"]}
        ]}"#,
    )
    .unwrap();
    let layer = dir.join("mine.toml");
    let run = |layer_text: &str| {
        fs::write(&layer, layer_text).unwrap();
        let out = std::process::Command::new("python3")
            .arg(root().join("gazetteer/tools/check_gold_coverage.py"))
            .args(["--gazetteer".as_ref(), layer.as_os_str()])
            .args(["--gold".as_ref(), gold.as_os_str()])
            .output()
            .expect("python3 runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let good = "[[entity]]\nid = \"united-nations\"\naliases = [\"the Glass House\"]\n\n\
                [[entity]]\nname = \"Marta Quill\"\ntype = \"Person\"\n";
    let (code, out) = run(good);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("structural errors: 0"), "{out}");
    assert!(out.contains("unreachable gold aliases: 0"), "{out}");
    // Without the extension the UN's form is out of reach (reported, not failed).
    let (code, out) = run("[[entity]]\nname = \"Marta Quill\"\ntype = \"Person\"\n");
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("united-nations: 'the Glass House'"), "{out}");
    // An id alone that extends nothing is an error, named with its file.
    let (code, out) = run("[[entity]]\nid = \"no-such-entity\"\naliases = [\"Nowhere Land\"]\n");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("entry 'no-such-entity' has no name or type and extends no entity"),
        "{out}"
    );
    assert!(out.contains("mine.toml"), "{out}");
}
