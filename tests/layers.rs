//! Gazetteer and rules layers: the user's files add to the shipped ones
//! (issue 15, point 2), and the shipped ones are embedded in the binary
//! (point 1), so kgx runs from any folder.

use std::fs;
use std::path::PathBuf;

use kgx::gazetteer::{Gazetteer, GazetteerBuilder};

use crate::util::{kgx, scratch, stderr, stdout};

/// A folder outside the project (the system's temporary folder), so that
/// nothing can be found by walking up to the checkout.
pub fn outside(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kgx-outside-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A user's gazetteer written for these tests: it restates the UN with a
/// nickname, and adds two entities of its own.
const USER: &str = r#"
[[entity]]
id = "united-nations"
type = "Organization"
name = "United Nations"
aliases = ["the world body in Turtle Bay"]

[[entity]]
type = "Person"
name = "Odile Varnier"
titles = ["Harbour Commissioner"]

[[entity]]
type = "Place"
subtype = "City"
name = "Port Calder"
"#;

#[test]
fn shipped_gazetteer_and_rules_work_from_any_folder() {
    let dir = outside("check");
    let out = kgx(&dir, &["gazetteer", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("gazetteer/relations.rules: "),
        "the embedded rules are named after their project file: {text}"
    );
    let n: usize = text
        .lines()
        .find(|l| l.ends_with(" entities"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("an entity count");
    assert_eq!(n, Gazetteer::shipped().unwrap().len());
    assert!(n > 500, "{text}");
    fs::write(dir.join("a.txt"), "Russia and Turkey met in Astana.").unwrap();
    let out = kgx(&dir, &["tag", "a.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\"entity\":\"russia\""),
        "{}",
        stdout(&out)
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn user_gazetteer_adds_to_the_shipped_one_and_extends_its_entities() {
    let dir = scratch("layer-add");
    fs::write(dir.join("user.toml"), USER).unwrap();
    fs::write(
        dir.join("a.txt"),
        "Harbour Commissioner Odile Varnier flew from Port Calder to Moscow. \
         The world body in Turtle Bay said the UN would help.",
    )
    .unwrap();
    let out = kgx(&dir, &["tag", "a.txt", "--gazetteer", "user.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got: Vec<(String, String)> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| {
            (
                v["text"].as_str().unwrap().to_string(),
                v["entity"].to_string(),
            )
        })
        .collect();
    for (text, entity) in [
        ("Odile Varnier", "\"odile-varnier\""),
        ("Port Calder", "\"port-calder\""),
        ("Moscow", "\"moscow\""), // shipped world layer kept
        ("world body in Turtle Bay", "\"united-nations\""), // the user's alias
        ("UN", "\"united-nations\""), // the shipped alias kept
    ] {
        assert!(
            got.iter().any(|(t, e)| t.contains(text) && e == entity),
            "{text} -> {entity} missing in {got:?}"
        );
    }
}

#[test]
fn gazetteer_check_lists_each_override_with_both_places() {
    let dir = scratch("layer-check");
    fs::write(dir.join("user.toml"), USER).unwrap();
    let out = kgx(&dir, &["gazetteer", "check", "--gazetteer", "user.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("override \"united-nations\""))
        .unwrap_or_else(|| panic!("no override line: {text}"));
    assert!(
        line.contains("defined at gazetteer/domain/organizations.toml:")
            && line.contains("extended by user.toml:2 (aliases +1)"),
        "{line}"
    );
    assert!(
        text.contains("1 overrides (entries that extend an entity of an earlier layer)"),
        "{text}"
    );
}

#[test]
fn no_default_gazetteer_leaves_the_shipped_one_out() {
    let dir = scratch("layer-nodefault");
    fs::write(
        dir.join("user.toml"),
        USER.replace("id = \"united-nations\"\n", ""),
    )
    .unwrap();
    fs::write(dir.join("a.txt"), "Odile Varnier left Moscow.").unwrap();
    let out = kgx(
        &dir,
        &[
            "tag",
            "a.txt",
            "--no-default-gazetteer",
            "--gazetteer",
            "user.toml",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("odile-varnier"), "{text}");
    assert!(
        !text.contains("\"moscow\""),
        "the world layer is left out: {text}"
    );
    let out = kgx(&dir, &["tag", "a.txt", "--no-default-gazetteer"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "--no-default-gazetteer leaves no gazetteer (give one with --gazetteer PATH)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_override_may_give_its_id_alone_and_a_new_name_keeps_the_old() {
    let mut b = GazetteerBuilder::new();
    b.add_toml_str(
        "base.toml",
        "[[entity]]\ntype = \"Organization\"\nname = \"Harbour Board\"\naliases = [\"HB\"]\n",
    );
    b.next_layer();
    b.add_toml_str(
        "mine.toml",
        "[[entity]]\nid = \"harbour-board\"\nname = \"Calder Harbour Board\"\nsubtype = \"Government\"\n\
         [[entity]]\nid = \"harbour-board\"\ntitles = [\"the board chair\"]\n",
    );
    let err = b.build().unwrap_err().to_string();
    assert!(
        err.contains("mine.toml:5: duplicate id \"harbour-board\" (first defined at base.toml:1)"),
        "one layer defines an id once: {err}"
    );

    let mut b = GazetteerBuilder::new();
    b.add_toml_str(
        "base.toml",
        "[[entity]]\ntype = \"Organization\"\nname = \"Harbour Board\"\naliases = [\"HB\"]\n",
    );
    b.next_layer();
    b.add_toml_str(
        "mine.toml",
        "[[entity]]\nid = \"harbour-board\"\nname = \"Calder Harbour Board\"\nsubtype = \"Government\"\n",
    );
    let gaz = b.build().unwrap();
    let e = gaz.entity(gaz.get("harbour-board").unwrap());
    assert_eq!(e.name, "Calder Harbour Board");
    assert_eq!(e.aliases, ["HB", "Harbour Board"]);
    assert_eq!(e.subtype.as_deref(), Some("Government"));
    assert_eq!(e.entity_type.as_str(), "Organization", "the type is kept");
    let o = &gaz.overrides()[0];
    assert_eq!(o.base.to_string(), "base.toml:1");
    assert_eq!(o.by.to_string(), "mine.toml:1");
}

#[test]
fn an_entry_without_type_that_extends_nothing_is_an_error() {
    let mut b = GazetteerBuilder::new();
    b.add_toml_str(
        "base.toml",
        "[[entity]]\ntype = \"Country\"\nname = \"Ruritania\"\n",
    );
    b.next_layer();
    b.add_toml_str(
        "mine.toml",
        "[[entity]]\nid = \"ruritanian-navy\"\naliases = [\"the fleet\"]\n",
    );
    let err = b.build().unwrap_err().to_string();
    assert!(
        err.contains("mine.toml:1: missing name (every entry needs `name = \"...\"`); no earlier gazetteer layer defines the id \"ruritanian-navy\" to extend"),
        "{err}"
    );
}

#[test]
fn user_rules_add_to_the_shipped_rules() {
    let dir = scratch("layer-rules");
    fs::write(
        dir.join("my.rules"),
        "relation inspected Person -> Place\n\
         relation held_in Event -> Place\n\
         rule inspected-visit inspected: {subj:Person} <inspected> (the)? {obj:Place}\n",
    )
    .unwrap();
    let shipped = kgx(&dir, &["gazetteer", "check"]);
    let count = |o: &std::process::Output| -> (usize, usize) {
        let first = stdout(o).lines().next().unwrap_or_default().to_string();
        let (_, counts) = first
            .rsplit_once(": ")
            .expect("NAME: N rules over M relations");
        let words: Vec<&str> = counts.split_whitespace().collect();
        (words[0].parse().unwrap(), words[3].parse().unwrap())
    };
    let (rules, relations) = count(&shipped);
    let out = kgx(&dir, &["gazetteer", "check", "--rules", "my.rules"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&out), (rules + 1, relations + 1), "{}", stdout(&out));
    let out = kgx(
        &dir,
        &[
            "gazetteer",
            "check",
            "--no-default-rules",
            "--rules",
            "my.rules",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&out), (1, 2), "{}", stdout(&out));

    fs::write(
        dir.join("clash.rules"),
        "relation held_in Person -> Place\n",
    )
    .unwrap();
    let out = kgx(&dir, &["gazetteer", "check", "--rules", "clash.rules"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("clash.rules:1: relation \"held_in\" declared with other types than at gazetteer/relations.rules:"),
        "{}",
        stderr(&out)
    );

    fs::write(
        dir.join("a.txt"),
        "Odile Varnier inspected the Port Calder docks.",
    )
    .unwrap();
    fs::write(dir.join("user.toml"), USER).unwrap();
    let out = kgx(
        &dir,
        &[
            "extract",
            "a.txt",
            "--gazetteer",
            "user.toml",
            "--rules",
            "my.rules",
            "--format",
            "csv",
            "--out",
            "out",
            "--quiet",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let edges = fs::read_to_string(dir.join("out/a.edges.csv")).unwrap();
    assert!(
        edges
            .lines()
            .any(|l| l.starts_with("odile-varnier,port-calder,Directed,inspected,")),
        "{edges}"
    );
}

#[test]
fn readme_eval_example_runs_with_the_shipped_gold() {
    let out = kgx(&crate::util::root(), &["eval", "--gold", "seeds/gold.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let all = text
        .lines()
        .find(|l| l.split_whitespace().next() == Some("all"))
        .unwrap_or_else(|| panic!("no `all` row: {text}"));
    let f1: f64 = all.split_whitespace().nth(3).unwrap().parse().unwrap();
    assert!(
        f1 > 0.9,
        "entity F1 on the seeds with their shipped gold: {all}"
    );
}

/// Two layers written for this test: a base that gives a title, an alias
/// and a demonym to its entities, and a user's layer that lists the same
/// forms for entities of its own story.
const BASE_LAYER: &str = r#"
[[entity]]
type = "Country"
name = "Republic of Valdia"
aliases = ["Valdia"]
demonyms = ["Valdian"]

[[entity]]
type = "Person"
name = "Hugo Brannick"
titles = ["Chief Harbour Envoy"]
"#;
const USER_LAYER: &str = r#"
[[entity]]
type = "Country"
name = "Democratic Republic of Valdia"
aliases = ["Valdia", "DR Valdia"]

[[entity]]
type = "Person"
name = "Ines Morcote"
titles = ["Chief Harbour Envoy"]
"#;

/// The mention `kgx tag` printed (in `out`) for the text `form`.
fn tagged(out: &str, form: &str) -> serde_json::Value {
    let line = out
        .lines()
        .find(|l| l.contains(&format!("\"text\":\"{form}\"")))
        .unwrap_or_else(|| panic!("{form} is tagged: {out}"));
    serde_json::from_str(line).unwrap()
}

/// A form that a later layer lists for its own entity is that entity's
/// wherever it is read (a user's story names this year's title holder, or
/// the Valdia it is about), and `kgx gazetteer check` says which forms
/// were taken; forms the later layer does not list (the base's demonym)
/// stay with their entity.
#[test]
fn a_later_layer_takes_the_forms_it_lists() {
    let dir = scratch("taken");
    fs::write(dir.join("base.toml"), BASE_LAYER).unwrap();
    fs::write(dir.join("user.toml"), USER_LAYER).unwrap();
    fs::write(
        dir.join("a.txt"),
        "The Chief Harbour Envoy met officials in Valdia. A Valdian official said talks would go on.",
    )
    .unwrap();
    let layered = [
        "--no-default-gazetteer",
        "--gazetteer",
        "base.toml",
        "--gazetteer",
        "user.toml",
    ];
    let out = kgx(&dir, &[&["tag"][..], &layered, &["a.txt"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let entity_of = |form: &str| -> String {
        tagged(&text, form)["entity"]
            .as_str()
            .unwrap_or("(none)")
            .to_string()
    };
    assert_eq!(entity_of("Chief Harbour Envoy"), "ines-morcote");
    assert_eq!(entity_of("Valdia"), "democratic-republic-of-valdia");
    assert_eq!(entity_of("Valdian"), "republic-of-valdia");
    let out = kgx(&dir, &[&["gazetteer", "check"][..], &layered].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let check = stdout(&out);
    assert!(
        check.contains(
            "form \"chief harbour envoy\" is ines-morcote's (a later layer lists it), no longer hugo-brannick's"
        ),
        "{check}"
    );
    assert!(check.contains("2 forms taken by a later layer"), "{check}");
    assert!(
        check.contains("0 aliases claimed by more than one entity"),
        "{check}"
    );
}

/// Within one layer a form two entities claim stays shared: neither takes
/// it, and the check reports the claim as before.
#[test]
fn a_form_claimed_within_one_layer_stays_shared() {
    let dir = scratch("shared-one-layer");
    fs::write(dir.join("both.toml"), format!("{BASE_LAYER}\n{USER_LAYER}")).unwrap();
    fs::write(
        dir.join("a.txt"),
        "The Chief Harbour Envoy arrived in Valdia.",
    )
    .unwrap();
    let one = ["--no-default-gazetteer", "--gazetteer", "both.toml"];
    let out = kgx(&dir, &[&["tag"][..], &one, &["a.txt"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let title = tagged(&text, "Chief Harbour Envoy");
    assert!(
        title["entity"].is_null(),
        "an ambiguous title names neither holder: {text}"
    );
    assert_eq!(
        title["candidates"],
        serde_json::json!(["hugo-brannick", "ines-morcote"]),
        "{text}"
    );
    let out = kgx(&dir, &[&["gazetteer", "check"][..], &one].concat());
    let check = stdout(&out);
    assert!(
        check.contains("alias \"chief harbour envoy\" is claimed by hugo-brannick, ines-morcote"),
        "{check}"
    );
    assert!(!check.contains("taken by a later layer"), "{check}");
}
