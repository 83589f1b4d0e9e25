//! Discovery of names the gazetteer lacks (`--discover`) and `kgx suggest`.
//!
//! Every sentence here is written for these tests.

use std::fs;

use kgx::analysis::Analysis;
use kgx::gazetteer::Gazetteer;
use kgx::pipeline::{Pipeline, PipelineBuilder};
use kgx::stages::discover::{Discoverer, Form};
use kgx::Document;

use crate::util::{kgx, scratch, stderr, stdout};

/// A gazetteer written for these tests.
const GAZ: &str = r#"
[[entity]]
type = "Country"
name = "Chile"
demonyms = ["Chilean"]

[[entity]]
type = "Country"
name = "Norway"
demonyms = ["Norwegian"]

[[entity]]
type = "Place"
subtype = "City"
name = "Lyon"

[[entity]]
type = "Place"
subtype = "City"
name = "Tarvik"

[[entity]]
type = "Organization"
name = "Water Council"

[[entity]]
type = "Event"
name = "Tarvik talks"
references = ["talks"]

[[entity]]
type = "Person"
name = "Alexei Lavrentyev"

[[entity]]
type = "Person"
name = "Omar Haddad"
titles = ["Chief Water Negotiator"]
"#;

fn pipeline() -> Pipeline {
    let gaz = Gazetteer::from_toml_str("test.toml", GAZ).unwrap();
    PipelineBuilder::new(gaz)
        .discover(Discoverer::shipped())
        .build()
}

/// (text, type) of every discovered mention.
fn found(p: &Pipeline, text: &str) -> (Analysis, Vec<(String, String)>) {
    let doc = Document::new("t", text);
    let a = p.extract(&doc);
    let got = a
        .discovered
        .mentions
        .iter()
        .map(|m| {
            let e = &a.discovered.entities[m.entity];
            (
                text[m.start..m.end].to_string(),
                e.entity_type.as_str().to_string(),
            )
        })
        .collect();
    (a, got)
}

#[test]
fn cues_make_names_of_the_right_type() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        // people: a title, a role word, a role before a comma, an appositive, a relative clause, a byline
        (
            "Deputy Foreign Minister Lena Varga arrived in Chile on Monday.",
            &[("Lena Varga", "Person")],
        ),
        (
            "Gen. Rafael Ostrowski inspected the troops.",
            &[("Rafael Ostrowski", "Person")],
        ),
        (
            "The ministry's spokeswoman Ines Falk denied the report.",
            &[("Ines Falk", "Person")],
        ),
        (
            "Chile sent its ambassador to Norway, Tomas Ruiz, to the signing.",
            &[("Tomas Ruiz", "Person")],
        ),
        (
            "The deal was signed by the minister and his Chilean counterpart, Paulo Brandt.",
            &[("Paulo Brandt", "Person")],
        ),
        (
            "Marco Bellini, a senior adviser to the board, said the vote was delayed.",
            &[("Marco Bellini", "Person")],
        ),
        (
            "Later, Dara Osei, who heads the monitoring team, left Lyon.",
            &[("Dara Osei", "Person")],
        ),
        (
            "By Kim Lund and Pia Moen\nOSLO, March 3 (Reuters) - Rain fell.",
            &[("Kim Lund", "Person"), ("Pia Moen", "Person")],
        ),
        // titles of the church, of nobility and of assemblies, with their modifiers
        (
            "Grand Ayatollah Hadi Ramzi issued a ruling.",
            &[("Hadi Ramzi", "Person")],
        ),
        (
            "Cardinal Pietro Lanza and Crown Prince Omar Faisal met in Lyon.",
            &[("Pietro Lanza", "Person"), ("Omar Faisal", "Person")],
        ),
        (
            "Speaker Ruth Alvarsson adjourned the session.",
            &[("Ruth Alvarsson", "Person")],
        ),
        // organisations: a head, a group-name prefix, a media noun, an acronym
        (
            "The Northern Naval Command moved two ships.",
            &[("Northern Naval Command", "Organization")],
        ),
        (
            "The Tarvik Chamber of Commerce backed the plan.",
            &[("Tarvik Chamber of Commerce", "Organization")],
        ),
        (
            "The Higher Water Commission met in Chile.",
            &[("Higher Water Commission", "Organization")],
        ),
        (
            "Fighters of Liwa al-Fajr took the hill.",
            &[("Liwa al-Fajr", "Organization")],
        ),
        (
            "The report appeared in the daily Nord Posten on Friday.",
            &[("Nord Posten", "Organization")],
        ),
        (
            "The Bank of Tarvik raised its rates.",
            &[("Bank of Tarvik", "Organization")],
        ),
        // places: a head, a prefix, a lower-case head
        (
            "Ships crossed the Barents Sea on Friday.",
            &[("Barents Sea", "Place")],
        ),
        (
            "Delegates met at the Palais des Sports in Lyon.",
            &[("Palais des Sports", "Place")],
        ),
        (
            "The envoys stayed at the quiet Grand Orient hotel for a week.",
            &[("Grand Orient hotel", "Place")],
        ),
        // a name before a lower-case head is part of it, not a person after a role word
        (
            "The sister Xenia dam was finished in May.",
            &[("Xenia dam", "Place")],
        ),
        // events: a head after a place, a gathering in a place, a capitalised run with an event head
        (
            "Both sides praised the Lyon agreement.",
            &[("Lyon agreement", "Event")],
        ),
        (
            "After two days of talks in Lyon, the delegates left.",
            &[("talks in Lyon", "Event")],
        ),
        (
            "The Nordic Water Conference opened on Tuesday.",
            &[("Nordic Water Conference", "Event")],
        ),
        // the longer name wins over a known name inside it
        (
            "A member of the Lyon group spoke.",
            &[("Lyon group", "Organization")],
        ),
        (
            "Norway's National Water Council met.",
            &[("National Water Council", "Organization")],
        ),
    ];
    let p = pipeline();
    for (text, want) in cases {
        let (_, got) = found(&p, text);
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn a_capitalised_reference_stays_the_known_entity() {
    // "monitoring mission" is a reference of a known mission: written with capitals
    // inside a longer run, it is still that mission, not a new organisation.
    let gaz = Gazetteer::from_toml_str(
        "ref.toml",
        r#"
[[entity]]
type = "Organization"
name = "Arctic Ice Monitoring Mission"
aliases = ["Ice Monitoring Mission"]
references = ["monitoring mission"]

[[entity]]
type = "Country"
name = "Norway"
"#,
    )
    .unwrap();
    let p = PipelineBuilder::new(gaz)
        .discover(Discoverer::shipped())
        .build();
    for text in [
        "The Arctic Ice Monitoring Mission arrived. Later, the mission's Special Monitoring Mission said the ice was thin.",
        "Norway praised the Ice Monitoring Mission. A statement from the Joint Monitoring Mission followed.",
    ] {
        let (a, got) = found(&p, text);
        assert!(got.is_empty(), "{text}: {got:?}");
        assert!(
            a.mentions.iter().any(|m| m.text(text) == "Monitoring Mission"),
            "{text}: the known reference is kept"
        );
    }
    // A head after a known name that is no reference still makes the longer name.
    let (_, got) = found(&p, "The Norway Water Commission met.");
    assert_eq!(
        got,
        [(
            "Norway Water Commission".to_string(),
            "Organization".to_string()
        )]
    );
}

#[test]
fn capitals_alone_make_no_name() {
    let cases = [
        "The talks ended. Monday was quiet. After That, Nothing.",
        "CHILE AND NORWAY SIGN WATER PACT AT GRAND SUMMIT",
        "Markets Rise As Water Prices Fall Across Southern Norway Today",
        "In Varnsdorf, a spokesman said the vote would be held.",
        "The envoy met Anna in the garden.",
        // known names: the gazetteer's, in full or written short after a title
        "The Water Council met in Tarvik. Alexei Lavrentyev spoke.",
        "Chief Water Negotiator Omar said the Tarvik talks would go on.",
        "After two days of talks in Tarvik, the delegates left.",
    ];
    let p = pipeline();
    for text in cases {
        let (_, got) = found(&p, text);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

#[test]
fn the_longer_name_drops_the_known_mention_inside_it() {
    let p = pipeline();
    let (a, _) = found(&p, "Norway's National Water Council met the Lyon group.");
    let texts: Vec<&str> = a
        .mentions
        .iter()
        .map(|m| m.text("Norway's National Water Council met the Lyon group."))
        .collect();
    assert_eq!(texts, ["Norway"], "known mentions left: {texts:?}");
    // An event named by its place keeps the place.
    let text = "Both sides praised the Lyon agreement.";
    let (a, _) = found(&p, text);
    let texts: Vec<&str> = a.mentions.iter().map(|m| m.text(text)).collect();
    assert_eq!(texts, ["Lyon"]);
}

#[test]
fn one_provisional_id_for_every_mention_of_a_name() {
    let text = "Deputy Minister Lena Varga spoke first. Varga said later that \
                the Higher Water Commission (HWC) would meet. The HWC agreed. \
                Lena Varga left.";
    let p = pipeline();
    let doc = Document::new("t", text);
    let a = p.extract(&doc);
    let d = &a.discovered;
    let got: Vec<(&str, &str, Form)> = d
        .mentions
        .iter()
        .map(|m| {
            (
                &text[m.start..m.end],
                d.entities[m.entity].id.as_str(),
                m.form,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Lena Varga", "lena-varga", Form::Name),
            ("Varga", "lena-varga", Form::Partial),
            (
                "Higher Water Commission",
                "higher-water-commission",
                Form::Name
            ),
            ("HWC", "higher-water-commission", Form::Acronym),
            ("HWC", "higher-water-commission", Form::Acronym),
            ("Lena Varga", "lena-varga", Form::Name),
        ]
    );
    assert_eq!(d.entities.len(), 2);
}

#[test]
fn the_fullest_form_names_a_person_found_short_first() {
    let text = "Mr Brandt arrived. His full name, Paulo Brandt, a senior adviser to the king, was read out.";
    let p = pipeline();
    let doc = Document::new("t", text);
    let a = p.extract(&doc);
    let ids: Vec<&str> = a
        .discovered
        .entities
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["paulo-brandt"], "{:?}", a.discovered);
    assert_eq!(a.discovered.mentions.len(), 2);
}

const DOCS: [(&str, &str); 3] = [
    (
        "d1",
        "By Kim Lund\nTARVIK, May 2 - The Higher Water Commission (HWC) met in Tarvik. \
         Its spokeswoman Ines Falk said the HWC would meet again. \
         The Chilean envoy Alexei Lavrentiev attended.\n",
    ),
    (
        "d2",
        "Ines Falk, a senior adviser to the HWC, said on Friday that the Higher Water \
         Commission had no plans to leave Lyon.\n",
    ),
    (
        "d3",
        "Ships crossed the Barents Sea. Later, spokeswoman Ines Falk spoke again.\n",
    ),
];

/// The pipeline of `pipeline()` with the shipped relation rules, with or without discovery.
fn relating(discover: bool) -> Pipeline {
    let gaz = Gazetteer::from_toml_str("test.toml", GAZ).unwrap();
    let rules = kgx::stages::relate::RuleSet::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(kgx::stages::relate::DEFAULT_RULES),
    )
    .unwrap();
    let b = PipelineBuilder::new(gaz).rules(rules);
    if discover {
        b.discover(Discoverer::shipped()).build()
    } else {
        b.build()
    }
}

/// The edges of the graph of `text`: "subject relation object", with the
/// `discovered` mark of each end.
fn edges(p: &Pipeline, text: &str) -> Vec<String> {
    let doc = Document::new("t", text);
    let a = p.extract(&doc);
    let mut graph = kgx::graph::GraphBuilder::new();
    p.add_to_graph(&doc, &a, &mut graph, false);
    let g = graph.build();
    let mark = |n: &kgx::graph::Node| {
        if n.attributes.get("discovered").is_some_and(|v| v == "true") {
            "*"
        } else {
            ""
        }
    };
    let mut out: Vec<String> = g
        .edges()
        .map(|(s, o, e)| format!("{}{} {} {}{}", s.id, mark(s), e.relation, o.id, mark(o)))
        .collect();
    out.sort();
    out
}

#[test]
fn relations_reach_discovered_entities() {
    // (text, an edge it must give with --discover; `*` marks a discovered end)
    let cases = [
        // a discovered person and a known country or organisation
        (
            "Chile's ambassador, Tomas Ruiz, arrived in Lyon on Friday.",
            "tomas-ruiz* represents chile",
        ),
        (
            "Ines Falk, a spokeswoman for the Water Council, said the vote was delayed.",
            "ines-falk* represents water-council",
        ),
        // both ends discovered: a new person of a new organisation
        (
            "Pia Moen, a spokeswoman for the Higher Water Commission, denied the report.",
            "pia-moen* represents higher-water-commission*",
        ),
        // two new people in one document stay two entities
        (
            "Pia Moen, a spokeswoman for the Water Council, met Chile's ambassador, Tomas Ruiz, on Monday.",
            "tomas-ruiz* represents chile",
        ),
    ];
    let (with, without) = (relating(true), relating(false));
    for (text, want) in cases {
        let got = edges(&with, text);
        assert!(
            got.iter().any(|e| e == want),
            "{text}: no {want} in {got:?}"
        );
        // Without discovery the new name is no entity, so there is no such edge.
        let bare = want.replace('*', "");
        let got = edges(&without, text);
        assert!(!got.contains(&bare), "{text}: {bare} without --discover");
    }
    let got = edges(
        &with,
        "Pia Moen, a spokeswoman for the Water Council, met Chile's ambassador, Tomas Ruiz, on Monday.",
    );
    assert!(
        got.contains(&"pia-moen* represents water-council".to_string()),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|e| e.starts_with("pia-moen* represents chile")),
        "{got:?}"
    );
    // Edges between known entities are the same with and without discovery,
    // also where a new name stands between the two ends ("Fjord Coast").
    for (text, want) in [
        (
            "Norway's ambassador, Omar Haddad, met spokeswoman Ines Falk in Tarvik.",
            "omar-haddad represents norway",
        ),
        (
            "The delegates met in Tarvik, the Norwegian Fjord Coast resort.",
            "tarvik located_in norway",
        ),
    ] {
        let known = |p: &Pipeline| -> Vec<String> {
            edges(p, text)
                .into_iter()
                .filter(|e| !e.contains('*'))
                .collect()
        };
        let got = known(&without);
        assert!(
            got.iter().any(|e| e == want),
            "{text}: no {want} in {got:?}"
        );
        assert_eq!(known(&with), got, "{text}");
    }
}

/// A long document is read in windows cut at hard boundaries (a line break
/// after a sentence's closing mark): what discovery finds is the same as
/// reading it whole, also where a cue or another mention of a name lies in
/// another window, a line breaks inside a sentence, or a line is a headline.
#[test]
fn windows_of_a_long_document_find_what_the_whole_finds() {
    let text = "Water Talks Open In Lyon Amid Storm Warnings\n\
        By Kim Lund and Pia Moen\n\
        Deputy Foreign Minister Lena Varga arrived in Chile on Monday.\n\
        The ministry's spokeswoman\nInes Falk denied the report.\n\
        \"We will sign,\" Falk said.\n\
        Delegates of the Higher Water Commission (HWC) met in Lyon.\n\
        The HWC said talks in Lyon would go on.\n\
        Gen. Rafael Ostrowski inspected the troops. Ostrowski left.\n\
        Marco Bellini, a senior adviser to the board, said the vote was delayed.\n\
        Later, Dara Osei, who heads the monitoring team, left Lyon.\n\
        Norway's National Water Council met the Lyon group.\n\
        Varga and Bellini spoke again.\n";
    let gaz = || Gazetteer::from_toml_str("test.toml", GAZ).unwrap();
    let whole = PipelineBuilder::new(gaz())
        .discover(Discoverer::shipped())
        .build();
    let doc = Document::new("t", text);
    let want = whole.extract(&doc);
    assert!(
        want.discovered.mentions.len() >= 15,
        "{:?}",
        want.discovered
    );
    for size in [1, 2, 3, 5, 8, 13, 40] {
        let windowed = PipelineBuilder::new(gaz())
            .discover(Discoverer::shipped().with_window(size))
            .build();
        let got = windowed.extract(&doc);
        assert_eq!(got.discovered, want.discovered, "window of {size} tokens");
        let spans = |a: &Analysis| a.mentions.iter().map(|m| m.span).collect::<Vec<_>>();
        assert_eq!(
            spans(&got),
            spans(&want),
            "window of {size} tokens: known mentions"
        );
    }
}

/// More new names of one type than a batch has slots (`SLOTS_PER_GROUP`,
/// 64): every one of them still takes part in the relation layer, each under
/// its own provisional id, and the same text gives the same edges twice.
#[test]
fn relations_reach_more_new_names_than_slots() {
    let first = [
        "Ines", "Pia", "Tomas", "Lena", "Marco", "Dara", "Kim", "Rafael",
    ];
    let last = [
        "Falk", "Moen", "Ruiz", "Varga", "Bellini", "Osei", "Lund", "Brekke", "Sund",
    ];
    let names: Vec<String> = first
        .iter()
        .flat_map(|f| last.iter().map(move |l| format!("{f} {l}")))
        .collect();
    assert!(names.len() > kgx::stages::discover::SLOTS_PER_GROUP);
    let text: String = names
        .iter()
        .map(|n| format!("{n}, a spokeswoman for the Water Council, spoke on Monday.\n"))
        .collect();
    let p = relating(true);
    let got = edges(&p, &text);
    for n in &names {
        let want = format!("{}* represents water-council", kgx::gazetteer::slug(n));
        assert!(got.contains(&want), "no {want} in {} edges", got.len());
    }
    assert_eq!(got.len(), names.len(), "{got:?}");
    assert_eq!(edges(&p, &text), got, "the same text, the same edges");
    // Near miss: the same names with no role give no edge at all.
    let bare: String = names
        .iter()
        .map(|n| format!("{n} arrived on Monday.\n"))
        .collect();
    assert_eq!(edges(&p, &bare), Vec::<String>::new());
}

fn write_corpus(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    fs::create_dir_all(dir.join("docs")).unwrap();
    for (id, text) in DOCS {
        fs::write(dir.join("docs").join(format!("{id}.txt")), text).unwrap();
    }
    fs::write(dir.join("g.toml"), GAZ).unwrap();
    dir
}

#[test]
fn tag_prints_discovered_mentions_with_kind_type_and_id() {
    let dir = write_corpus("discover-tag");
    let out = kgx(
        &dir,
        &["tag", "--discover", "--gazetteer", "g.toml", "docs"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut seen = Vec::new();
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["kind"] == "discovered" {
            let doc = v["doc"].as_str().unwrap();
            let text = DOCS.iter().find(|(id, _)| *id == doc).unwrap().1;
            let (s, e) = (
                v["start"].as_u64().unwrap() as usize,
                v["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], v["text"].as_str().unwrap(), "span of {line}");
            seen.push(format!(
                "{doc} {} {} {}",
                v["text"].as_str().unwrap(),
                v["type"].as_str().unwrap(),
                v["entity"].as_str().unwrap()
            ));
        }
    }
    for want in [
        "d1 Kim Lund Person kim-lund",
        "d1 Higher Water Commission Organization higher-water-commission",
        "d1 Ines Falk Person ines-falk",
        "d2 Ines Falk Person ines-falk",
        "d3 Barents Sea Place barents-sea",
    ] {
        assert!(seen.iter().any(|s| s == want), "no {want} in {seen:#?}");
    }
    // Without --discover, nothing is discovered.
    let out = kgx(&dir, &["tag", "--gazetteer", "g.toml", "docs"]);
    assert!(!stdout(&out).contains("\"discovered\""));
}

#[test]
fn extract_marks_discovered_nodes_in_every_format() {
    let dir = write_corpus("discover-extract");
    let out = kgx(
        &dir,
        &[
            "extract",
            "--discover",
            "--no-render",
            "--gazetteer",
            "g.toml",
            "--out",
            "out",
            "--name",
            "g",
            "docs",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for ext in ["graphml", "gexf", "dot", "jsonld"] {
        let text = fs::read_to_string(dir.join("out").join(format!("g.{ext}"))).unwrap();
        assert!(text.contains("ines-falk"), "{ext}: no discovered node");
        assert!(text.contains("discovered"), "{ext}: no discovered mark");
    }
    let jsonld: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("out/g.jsonld")).unwrap()).unwrap();
    let nodes = jsonld["@graph"].as_array().unwrap();
    let mark = |slug: &str| {
        let node = nodes.iter().find(|n| n["slug"] == slug).unwrap();
        node["attribute"].as_array().is_some_and(|a| {
            a.iter()
                .any(|kv| kv["key"] == "discovered" && kv["value"] == "true")
        })
    };
    assert!(mark("ines-falk") && mark("barents-sea"));
    assert!(!mark("chile"), "a known entity is not discovered");
}

#[test]
fn the_picture_draws_discovered_nodes_dashed() {
    let dir = scratch("discover-picture");
    fs::create_dir_all(dir.join("docs")).unwrap();
    fs::write(
        dir.join("docs/d1.txt"),
        "Chile sent its ambassador to Norway, Tomas Ruiz, to the signing. \
         Ines Falk, a spokeswoman for the Water Council, said so.\n",
    )
    .unwrap();
    fs::write(dir.join("g.toml"), GAZ).unwrap();
    let out = kgx(
        &dir,
        &[
            "extract",
            "--discover",
            "--no-render",
            "--gazetteer",
            "g.toml",
            "--out",
            "out",
            "--name",
            "g",
            "docs",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // DOT: a dashed dark outline on discovered nodes only, and a legend row.
    let dot = fs::read_to_string(dir.join("out/g.dot")).unwrap();
    let node_line = |id: &str| {
        dot.lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\" [")))
            .unwrap_or_else(|| panic!("no node {id} in {dot}"))
            .to_string()
    };
    for id in ["ines-falk", "tomas-ruiz"] {
        assert!(
            node_line(id).contains("style=\"rounded,filled,dashed\""),
            "{id}: {}",
            node_line(id)
        );
    }
    for id in ["chile", "water-council"] {
        assert!(!node_line(id).contains("dashed"), "{id}: {}", node_line(id));
    }
    assert!(dot.contains("dashed: discovered, not in the gazetteer"));
    // The SVG Graphviz draws from it: dashed strokes on those nodes, and no word on stderr.
    crate::interop::available(
        "graphviz (dot)",
        std::process::Command::new("dot").arg("-V"),
    );
    let svg = std::process::Command::new("dot")
        .args(["-Tsvg", "out/g.dot"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        svg.status.success() && svg.stderr.is_empty(),
        "{}",
        stderr(&svg)
    );
    let svg = String::from_utf8(svg.stdout).unwrap();
    let dashed: Vec<String> = svg
        .split("<g id=\"node")
        .skip(1)
        .filter(|g| g.split("</g>").next().unwrap().contains("stroke-dasharray"))
        .filter_map(|g| {
            let t = g.split("<title>").nth(1)?;
            Some(t.split("</title>").next()?.replace("&#45;", "-"))
        })
        .collect();
    assert_eq!(dashed, ["ines-falk", "tomas-ruiz"], "{svg}");
    // The HTML report's data marks them for its own dashed style.
    let html = fs::read_to_string(dir.join("out/g.html")).unwrap();
    assert_eq!(html.matches("\"discovered\":true").count(), 2);
    assert_eq!(html.matches("\"discovered\":false").count(), 3);
    let js = include_str!("../src/export/report.js");
    assert!(js.contains("node[?discovered]") && js.contains("\"border-style\": \"dashed\""));
}

#[test]
fn suggest_round_trip_makes_discovered_names_known() {
    let dir = write_corpus("discover-suggest");
    let out = kgx(
        &dir,
        &[
            "suggest",
            "--no-default-gazetteer",
            "--gazetteer",
            "g.toml",
            "docs",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = stdout(&out);
    // Most frequent first: the commission (five mentions), then Ines Falk (three).
    let names: Vec<&str> = toml.lines().filter(|l| l.starts_with("name = ")).collect();
    assert_eq!(
        names[..2],
        ["name = \"Higher Water Commission\"", "name = \"Ines Falk\""],
        "{toml}"
    );
    assert!(toml.contains("aliases = [\"HWC\"]"), "{toml}");
    assert!(
        toml.contains("# 1 mention(s) in d3 (1 document); cue: head"),
        "{toml}"
    );
    // A variant spelling of a known person is an alias of it, not a new entity.
    assert!(
        toml.contains("a variant of the known entity \"alexei-lavrentyev\""),
        "{toml}"
    );
    assert!(!toml.contains("name = \"Alexei Lavrentiev\""), "{toml}");
    // Append to the gazetteer and run again: the names are known now.
    let mut gaz = fs::read_to_string(dir.join("g.toml")).unwrap();
    gaz.push_str(&toml);
    fs::write(dir.join("g.toml"), gaz).unwrap();
    let tagged = |dir: &std::path::Path| {
        let out = kgx(
            dir,
            &[
                "tag",
                "--discover",
                "--no-default-gazetteer",
                "--gazetteer",
                "g.toml",
                "docs",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let (mut known, mut discovered) = (Vec::new(), Vec::new());
        for line in stdout(&out).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = v["text"].as_str().unwrap().to_string();
            if v["kind"] == "discovered" {
                discovered.push(text);
            } else {
                known.push(format!("{text} {}", v["entity"].as_str().unwrap_or("-")));
            }
        }
        (known, discovered)
    };
    let (known, discovered) = tagged(&dir);
    for want in [
        "Ines Falk ines-falk",
        "HWC higher-water-commission",
        "Barents Sea barents-sea",
        "Kim Lund kim-lund",
    ] {
        assert!(known.iter().any(|k| k == want), "no {want} in {known:#?}");
    }
    // Only the variant spelling is left, for the reviewer to add to the known entity.
    assert_eq!(discovered, ["Alexei Lavrentiev"]);
    let gaz = fs::read_to_string(dir.join("g.toml")).unwrap().replace(
        "name = \"Alexei Lavrentyev\"",
        "name = \"Alexei Lavrentyev\"\naliases = [\"Alexei Lavrentiev\"]",
    );
    fs::write(dir.join("g.toml"), gaz).unwrap();
    let (known, discovered) = tagged(&dir);
    assert!(discovered.is_empty(), "{discovered:?}");
    assert!(
        known
            .iter()
            .any(|k| k == "Alexei Lavrentiev alexei-lavrentyev"),
        "{known:#?}"
    );
}

#[test]
fn suggest_writes_json_lines() {
    let dir = write_corpus("discover-suggest-jsonl");
    let out = kgx(
        &dir,
        &[
            "suggest",
            "--format",
            "jsonl",
            "--no-default-gazetteer",
            "--gazetteer",
            "g.toml",
            "docs",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let falk = lines.iter().find(|v| v["name"] == "Ines Falk").unwrap();
    assert_eq!(falk["type"], "Person");
    assert_eq!(falk["count"], 3);
    assert_eq!(falk["documents"], serde_json::json!(["d1", "d2", "d3"]));
    assert!(falk["context"].as_str().unwrap().contains("Ines Falk"));
    let variant = lines
        .iter()
        .find(|v| v["name"] == "Alexei Lavrentiev")
        .unwrap();
    assert_eq!(variant["alias_of"], "alexei-lavrentyev");
}
