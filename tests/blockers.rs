//! Blockers and modality are decided before an edge is kept, whatever the
//! rule match cost: a negated sentence never yields the relation it negates.
//!
//! Guards hardening finding 1: the matcher's step budget was shared by the
//! rule match and the `unless:` / modality searches, so a long coordinated
//! subject (or a huge trigger set) spent it and the blocker was "not found".

use crate::util::{kgx, scratch, stderr, stdout};

/// A pronounceable, capitalised one-word name for the i-th generated country
/// ("Dababa", "Fababa", ...): distinct for every i, no real country.
fn country_name(i: usize) -> String {
    const ON: &[char] = &[
        'b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z',
    ];
    const VOWEL: &[char] = &['a', 'e', 'i', 'o', 'u'];
    let mut n = i + 1;
    let mut name = String::new();
    while n > 0 || name.len() < 6 {
        name.push(ON[n % ON.len()]);
        n /= ON.len();
        name.push(VOWEL[n % VOWEL.len()]);
        n /= VOWEL.len();
    }
    let mut chars = name.chars();
    let first = chars.next().unwrap().to_ascii_uppercase();
    std::iter::once(first).chain(chars).collect()
}

/// A gazetteer of `n` countries and one event, written for these tests.
fn gazetteer(n: usize) -> String {
    let mut g = String::new();
    for i in 0..n {
        g += &format!(
            "[[entity]]\ntype = \"Country\"\nname = \"{}\"\n\n",
            country_name(i)
        );
    }
    g += "[[entity]]\ntype = \"Event\"\nname = \"Harbour Conference\"\n";
    g
}

/// "A, B, ... and Z would not attend the Harbour Conference."
fn negated_list(n: usize) -> String {
    let names: Vec<String> = (0..n).map(country_name).collect();
    format!(
        "{} and {} would not attend the Harbour Conference.\n",
        names[..n - 1].join(", "),
        names[n - 1]
    )
}

/// Rules written for these tests: `attends` with a blocker and a modality.
fn rules(trigger_set: &str, unless: &str) -> String {
    format!(
        "relation attends Actor -> Event\n\
         set ATTEND = {trigger_set}\n\
         modality future = will | would\n\
         rule attend attends: {{subj:Actor+}} [words 0-3] <@ATTEND> (the)? {{obj:Event}}\n    unless: {unless}\n"
    )
}

/// Run `extract` on one document with the generated gazetteer and `rules`
/// (`None`: the shipped rules); return (edges CSV, stderr).
fn extract(name: &str, gaz: &str, rules: Option<&str>, text: &str) -> (String, String) {
    let dir = scratch(name);
    std::fs::write(dir.join("g.toml"), gaz).unwrap();
    std::fs::create_dir(dir.join("docs")).unwrap();
    std::fs::write(dir.join("docs/d.txt"), text).unwrap();
    let mut args = vec![
        "extract",
        "--gazetteer",
        "g.toml",
        "--out",
        "out",
        "--name",
        "g",
        "--no-render",
    ];
    if let Some(r) = rules {
        std::fs::write(dir.join("r.rules"), r).unwrap();
        args.extend(["--rules", "r.rules"]);
    }
    args.push("docs");
    let o = kgx(&dir, &args);
    assert!(o.status.success(), "{name}: extract failed: {}", stderr(&o));
    // Every generated name in the text is found, or the test proves nothing.
    let listed = text.matches(|c: char| c.is_ascii_uppercase()).count() - 2; // less "Harbour Conference"
    assert!(
        stderr(&o).contains(&format!("Country {listed}")),
        "{name}: not every country was tagged ({listed} expected):\n{}",
        stderr(&o)
    );
    let edges = std::fs::read_to_string(dir.join("out/g.edges.csv")).unwrap();
    (edges, stderr(&o))
}

/// Edge rows (the header left out) of one relation in an edges CSV.
fn rows(edges: &str, relation: &str) -> usize {
    edges
        .lines()
        .skip(1)
        .filter(|l| l.contains(&format!(",{relation},")))
        .count()
}

#[test]
fn negated_long_coordination_yields_no_edge() {
    let attend = "attend | attends | attended | attending";
    let own = rules(attend, "not | never");
    for n in [2, 56, 150] {
        for (which, rules) in [("shipped", None), ("own", Some(own.as_str()))] {
            let (edges, err) = extract("neg-list", &gazetteer(n), rules, &negated_list(n));
            assert_eq!(
                rows(&edges, "attends"),
                0,
                "{n} countries, {which} rules: negated sentence gave edges:\n{edges}\n{err}"
            );
        }
    }
}

#[test]
fn unnegated_long_coordination_still_yields_edges() {
    // The near miss: the same list without "not" must still fan out (or, where
    // the budget runs out, say so), so the fix is not "drop long lists".
    let attend = "attend | attends | attended | attending";
    let text = negated_list(56).replace("would not attend", "will attend");
    let (edges, err) = extract(
        "pos-list",
        &gazetteer(56),
        Some(&rules(attend, "not | never")),
        &text,
    );
    let n = rows(&edges, "attends");
    assert!(n > 0, "56 countries, not negated: no edge\n{err}");
    assert!(
        edges.contains("future"),
        "the modality marker \"will\" is kept on the edges:\n{edges}"
    );
    if n < 56 {
        assert!(
            err.contains("rule searches out of steps"),
            "{n} of 56 edges and no word of the budget:\n{err}"
        );
    }
}

#[test]
fn huge_trigger_set_cannot_hide_a_blocker() {
    // 20,000 trigger words on a short sentence: the rule match costs most of
    // its budget; the blocker "not" is still seen.
    let mut words: Vec<String> = (0..20_000).map(|i| format!("verbed{i}")).collect();
    words.push("attend".to_string());
    let text = format!(
        "{} and {} would not attend the Harbour Conference this week.\n",
        country_name(0),
        country_name(1)
    );
    let (edges, err) = extract(
        "big-set",
        &gazetteer(2),
        Some(&rules(&words.join(" | "), "not | never")),
        &text,
    );
    assert_eq!(
        rows(&edges, "attends"),
        0,
        "huge trigger set: negated sentence gave edges:\n{edges}\n{err}"
    );
}

#[test]
fn blocker_check_that_cannot_finish_drops_the_match() {
    // A blocker set so large its search runs out of steps: the match is
    // dropped, never kept on a guess, and the summary says so.
    let mut blockers: Vec<String> = (0..30_000)
        .map(|i| format!("(nay{i} | nope{i} nah{i})"))
        .collect();
    blockers.push("not".to_string());
    let names: Vec<String> = (0..40).map(country_name).collect();
    let text = format!(
        "{} and {} would not attend the Harbour Conference.\n",
        names[..39].join(", "),
        names[39]
    );
    let (edges, err) = extract(
        "big-unless",
        &gazetteer(40),
        Some(&rules("attend | attends", &blockers.join(" | "))),
        &text,
    );
    assert_eq!(
        rows(&edges, "attends"),
        0,
        "huge blocker set: edges kept:\n{edges}\n{err}"
    );
}

#[test]
fn explain_says_blocked_for_a_negated_long_list() {
    // The shipped rules: their `attends` rules spent the shared budget here.
    let n = 150;
    let dir = scratch("neg-explain");
    std::fs::write(dir.join("g.toml"), gazetteer(n)).unwrap();
    std::fs::create_dir(dir.join("docs")).unwrap();
    std::fs::write(dir.join("docs/d.txt"), negated_list(n)).unwrap();
    let first = country_name(0).to_lowercase();
    let o = kgx(
        &dir,
        &[
            "explain",
            "--gazetteer",
            "g.toml",
            &first,
            "attends",
            "harbour-conference",
            "docs",
        ],
    );
    let out = stdout(&o) + &stderr(&o);
    assert!(
        !out.contains("fired"),
        "explain says fired on a negated sentence:\n{out}"
    );
    assert!(
        out.contains("blocked by negation") || out.contains("ran out of steps"),
        "explain gives no reason:\n{out}"
    );
}
