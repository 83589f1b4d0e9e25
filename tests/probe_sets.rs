//! The probe sets (`tests/probe/`): gold on stories kgx was not built on, run
//! with each set's own gazetteer beside the shipped one, as `kgx eval
//! --known-only` scores them. Each figure is held as a floor, so a change that
//! loses relations on unseen stories fails here even where the dev sets hold.
//! Raise a floor when a change gains; lower one only with the reason in the
//! commit (a gold correction, a deliberate trade named in docs/RULES.md).

use std::path::Path;

use crate::util::{kgx, report_row, stderr, stdout};

/// A set and the floors of its relation figures: core P, core R, hard R,
/// all P, all R (three decimals, as `kgx eval` prints them).
struct Floor {
    set: &'static str,
    core: (f64, f64),
    hard_r: f64,
    all: (f64, f64),
}

const FLOORS: &[Floor] = &[
    Floor {
        set: "armenia-azerbaijan",
        core: (0.833, 0.286),
        hard_r: 0.083,
        all: (0.846, 0.234),
    },
    Floor {
        set: "colombia-eln",
        core: (0.933, 0.848),
        hard_r: 0.615,
        all: (0.947, 0.783),
    },
    Floor {
        set: "congo-rwanda",
        core: (0.857, 0.649),
        hard_r: 0.192,
        all: (0.879, 0.460),
    },
    Floor {
        set: "cyprus-crans-montana",
        core: (0.857, 0.667),
        hard_r: 0.333,
        all: (0.893, 0.521),
    },
    Floor {
        set: "ethiopia-pretoria",
        core: (0.963, 0.839),
        hard_r: 0.560,
        all: (0.976, 0.714),
    },
    Floor {
        set: "gaza-doha",
        core: (0.821, 0.767),
        hard_r: 0.250,
        all: (0.853, 0.537),
    },
    Floor {
        set: "iran-vienna",
        core: (0.889, 0.471),
        hard_r: 0.125,
        all: (0.905, 0.328),
    },
    Floor {
        set: "libya-berlin",
        core: (0.900, 0.600),
        hard_r: 0.129,
        all: (0.917, 0.361),
    },
    Floor {
        set: "serbia-kosovo",
        core: (1.000, 0.654),
        hard_r: 0.222,
        all: (1.000, 0.477),
    },
    Floor {
        set: "sudan-jeddah",
        core: (1.000, 0.950),
        hard_r: 0.429,
        all: (1.000, 0.735),
    },
    Floor {
        set: "venezuela-barbados",
        core: (0.882, 0.750),
        hard_r: 0.240,
        all: (0.913, 0.467),
    },
    Floor {
        set: "yemen-riyadh",
        core: (0.895, 0.708),
        hard_r: 0.067,
        all: (0.900, 0.462),
    },
];

#[test]
fn probe_sets_hold_their_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let probe = root.join("tests/probe");
    let mut sets: Vec<String> = std::fs::read_dir(&probe)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("gold.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    sets.sort();
    let named: Vec<&str> = FLOORS.iter().map(|f| f.set).collect();
    assert_eq!(
        sets, named,
        "every probe set has a floor, every floor a set"
    );
    let mut failures = Vec::new();
    for floor in FLOORS {
        let dir = probe.join(floor.set);
        let gazetteer = dir.join(format!("gazetteer/{}.toml", floor.set));
        let (gold, docs) = (dir.join("gold.json"), dir.join("docs"));
        let o = kgx(
            root,
            &[
                "eval",
                "--known-only",
                "--gold",
                gold.to_str().unwrap(),
                "--gazetteer",
                gazetteer.to_str().unwrap(),
                docs.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}: {}", floor.set, stderr(&o));
        let report = stdout(&o);
        let core = report_row(&report, "relations", "core");
        let hard = report_row(&report, "relations", "hard");
        let all = report_row(&report, "relations", "all");
        for (what, got, min) in [
            ("core P", core.0, floor.core.0),
            ("core R", core.1, floor.core.1),
            ("hard R", hard.1, floor.hard_r),
            ("all P", all.0, floor.all.0),
            ("all R", all.1, floor.all.1),
        ] {
            if got < min {
                failures.push(format!("{}: {what} {got:.3} < floor {min:.3}", floor.set));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
