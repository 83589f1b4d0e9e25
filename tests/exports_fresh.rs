//! `exports/` holds the graph of the seeds as the current code writes it.

use std::fs;

use crate::util::{kgx, root, scratch, stderr};

/// The files `kgx extract` writes itself (the SVG/PNG come from Graphviz and vary with its version).
const KGX_FILES: &[&str] = &[
    "seeds.graphml",
    "seeds.gexf",
    "seeds.dot",
    "seeds.jsonld",
    "seeds.nodes.csv",
    "seeds.edges.csv",
    "seeds.html",
];

#[test]
fn exports_are_not_stale() {
    let out_dir = scratch("fresh");
    let out = kgx(
        &root(),
        &[
            "extract",
            "--out",
            out_dir.to_str().unwrap(),
            "--no-render",
            "--quiet",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for f in KGX_FILES {
        let fresh = fs::read(out_dir.join(f)).unwrap();
        let committed = fs::read(root().join("exports").join(f)).unwrap_or_default();
        assert!(
            fresh == committed,
            "exports/{f} is stale: run `cargo run --release -- extract` and commit exports/"
        );
    }
    assert!(
        root().join("exports/seeds.svg").exists(),
        "exports/seeds.svg missing (render with Graphviz installed)"
    );
}

#[test]
fn same_bytes_whatever_the_input_order() {
    let seeds = root().join("seeds");
    let mut files: Vec<String> = fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let forward = scratch("order-fwd");
    let backward = scratch("order-bwd");
    let mut args = vec![
        "extract",
        "--name",
        "seeds",
        "--no-render",
        "--quiet",
        "--out",
    ];
    let run = |dir: &std::path::Path, files: &[String]| {
        let mut a: Vec<&str> = args.clone();
        a.push(dir.to_str().unwrap());
        a.extend(files.iter().map(String::as_str));
        let out = kgx(&root(), &a);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    run(&forward, &files);
    files.reverse();
    run(&backward, &files);
    args.clear();
    for f in KGX_FILES {
        assert_eq!(
            fs::read(forward.join(f)).unwrap(),
            fs::read(backward.join(f)).unwrap(),
            "{f} depends on input order"
        );
    }
}

#[test]
fn unwritable_output_is_reported_before_any_work() {
    let dir = scratch("unwritable");
    fs::write(dir.join("exports"), "a file, not a folder").unwrap();
    let g = root().join("gazetteer");
    let s = root().join("seeds");
    let out = kgx(
        &dir,
        &[
            "extract",
            s.to_str().unwrap(),
            "--gazetteer",
            g.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("kgx: exports: not a directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let one = scratch("j1");
    let two = scratch("j2");
    for (dir, j) in [(&one, "1"), (&two, "2")] {
        let out = kgx(
            &root(),
            &[
                "extract",
                "-j",
                j,
                "--no-render",
                "--quiet",
                "--out",
                dir.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    for f in KGX_FILES {
        assert_eq!(
            fs::read(one.join(f)).unwrap(),
            fs::read(two.join(f)).unwrap(),
            "{f} differs between -j 1 and -j 2"
        );
    }
}
