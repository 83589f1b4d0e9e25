//! `kgx eval`: scoring against a gold file, with and without `--known-only`.

use crate::util::{kgx, report_row, scratch, stderr, stdout, TEST_GAZETTEER};

/// A gold file with one entity the test gazetteer knows, one it lacks, and a
/// relation touching the unknown one.
const GOLD: &str = r#"{"entities": [
  {"id": "turkey", "type": "Country", "docs": ["d"]},
  {"id": "germany", "type": "Country", "docs": ["d"]},
  {"id": "zora-vell", "type": "Person", "docs": ["d"]}],
 "relations": [
  {"doc": "d", "subject": "zora-vell", "relation": "represents", "object": "turkey", "level": "core"}]}"#;

#[test]
fn known_only_scores_only_what_the_gazetteer_knows() {
    let dir = scratch("eval-known");
    std::fs::write(dir.join("g.toml"), TEST_GAZETTEER).unwrap();
    std::fs::write(dir.join("gold.json"), GOLD).unwrap();
    std::fs::create_dir(dir.join("docs")).unwrap();
    // Turkey (gold), Russia (known, not in the gold: a false positive in both
    // scopes), Zora Vell (not in the gazetteer).
    std::fs::write(
        dir.join("docs/d.txt"),
        "Zora Vell, the envoy of Turkey, met Russia's envoy.\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["eval", "--gold", "gold.json", "--gazetteer", "g.toml"];
        args.extend_from_slice(extra);
        args.push("docs");
        let o = kgx(&dir, &args);
        assert!(o.status.success(), "eval {extra:?} failed: {}", stderr(&o));
        stdout(&o)
    };
    let all = run(&[]);
    let known = run(&["--known-only"]);
    // All: 1 of 3 gold entities found (germany is not in the text, zora-vell is unknown).
    assert_eq!(
        report_row(&all, "entities", "all"),
        (0.5, 1.0 / 3.0_f64).into_rounded(),
        "{all}"
    );
    // Known only: zora-vell and its relation leave both sides; russia stays a false positive.
    assert_eq!(report_row(&known, "entities", "all"), (0.5, 0.5), "{known}");
    assert!(
        all.contains("zora-vell"),
        "the unknown entity is a miss without --known-only:\n{all}"
    );
    assert!(
        !known.contains("zora-vell"),
        "the unknown entity is left out with --known-only:\n{known}"
    );
    assert!(
        known.contains("russia"),
        "a known false positive stays one with --known-only:\n{known}"
    );
}

/// Rounding to the three decimals `eval` prints.
trait Rounded {
    fn into_rounded(self) -> (f64, f64);
}

impl Rounded for (f64, f64) {
    fn into_rounded(self) -> (f64, f64) {
        let r = |x: f64| (x * 1000.0).round() / 1000.0;
        (r(self.0), r(self.1))
    }
}
