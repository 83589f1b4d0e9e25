#!/usr/bin/env python3
"""Check the gazetteer against the gold entities of the seed documents.

    python3 gazetteer/tools/check_gold_coverage.py [--gazetteer PATH]... [--gold PATH]

Reads the gazetteer in layers as kgx does: the shipped gazetteer/ folder first (left out
with --no-default-gazetteer), then each --gazetteer file or folder (its **/*.toml) as a
layer of its own. An entry of a later layer whose id an earlier layer defines extends
that entity (its lists are added to, its other fields replace; name and type may be left
out). Then it checks that
  * ids are valid slugs, unique within a layer, and equal slug(name) where no id is given;
  * every entry that extends nothing gives a name and a type;
  * capital / part_of / country point at known ids;
  * every gold entity id exists with the gold type;
  * every gold `aliases_seen` form is reachable: it is (case-insensitively, curly quotes
    unified) the name, an alias, demonym, metonym, title or reference of the entity, a name
    of its capital (metonym), or a surname the tagger derives from a person's name or alias
    (its last one or two tokens, with and without a leading al-/el-/de).
Prints what is missing and exits 1 if any structural check fails. Missing aliases are
reported but do not fail the run: some gold forms are deliberately not in the data
(see gazetteer/README.md).
"""

import argparse
import json
import sys
try:
    import tomllib  # Python 3.11 and later
except ModuleNotFoundError:  # older Pythons: the same parser as a package (tests/interop/install.sh installs it)
    import tomli as tomllib
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_world import slug  # noqa: E402  (same slug rules as src/gazetteer/slug.rs)

FIELDS = ("aliases", "demonyms", "metonyms", "titles", "references")


def norm(s):
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    for a in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(a, "'")
    for d in ("\u2010", "\u2011", "\u2012", "\u2013", "\u2014"):
        s = s.replace(d, "-")
    return " ".join(s.casefold().split())


def surnames(full):
    """Partial names the tagger derives from a person's full name."""
    toks = full.split()
    out = set()
    if len(toks) >= 2:
        out.add(toks[-1])
        out.add(" ".join(toks[1:]))
        if len(toks) >= 3:
            out.add(" ".join(toks[-2:]))
    for t in list(out):
        for p in ("al-", "el-", "as-", "ash-"):
            if t.lower().startswith(p):
                out.add(t[len(p):])
    return {norm(x) for x in out}


def read_layer(path):
    """The entries of one layer (a .toml file, or a folder's **/*.toml), with TOML errors."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(path.rglob("*.toml"))
    entries, errors = [], []
    if not path.exists():
        errors.append(f"{path}: no such file or folder")
    for f in files:
        try:
            data = tomllib.loads(f.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            errors.append(f"{f}: {e}")
            continue
        for e in data.get("entity", []):
            e["_file"] = str(f)
            entries.append(e)
    return entries, errors


def fold(layers):
    """The entities of `layers` (lists of entries, first layer first), by id, folded as
    kgx folds them, with the errors found on the way."""
    by_id, errors = {}, []
    for n, entries in enumerate(layers):
        defined_here = {}
        for e in entries:
            eid = e.get("id")
            if eid is None:
                eid = slug(e.get("name", ""))
            elif slug(eid) != eid:
                errors.append(f"{e['_file']}: id {eid!r} is not a slug")
            if eid in defined_here:
                errors.append(f"{e['_file']}: duplicate id {eid!r} (also in {defined_here[eid]})")
                continue
            defined_here[eid] = e["_file"]
            old = by_id.get(eid)
            if old is not None and old["_layer"] < n:
                # An entry of a later layer extends the entity.
                for k, v in e.items():
                    if k in FIELDS:
                        old[k] = old.get(k, []) + [x for x in v if x not in old.get(k, [])]
                    elif not k.startswith("_"):
                        old[k] = v
                old["_layer"] = n
                continue
            if not e.get("name") or not e.get("type"):
                errors.append(f"{e['_file']}: entry {eid!r} has no name or type and extends no entity of an earlier layer")
                continue
            e["_id"], e["_layer"] = eid, n
            by_id[eid] = e
    return by_id, errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gazetteer", action="append", default=[],
                    help="a gazetteer file or folder, a layer over the ones before (repeatable)")
    ap.add_argument("--no-default-gazetteer", action="store_true",
                    help="leave out the shipped gazetteer/ folder")
    ap.add_argument("--gold", default=str(HERE.parents[2] / "shared/gold/seeds.gold.json"))
    args = ap.parse_args()

    paths = ([] if args.no_default_gazetteer else [HERE.parent]) + args.gazetteer
    layers, errors = [], []
    for p in paths:
        entries, errs = read_layer(p)
        layers.append(entries)
        errors += errs
    by_id, fold_errors = fold(layers)
    errors += fold_errors
    entities = list(by_id.values())
    for e in entities:
        for field, want in (("capital", "Place"), ("part_of", None), ("country", "Country")):
            t = e.get(field)
            if t is None:
                continue
            if t not in by_id:
                errors.append(f"{e['_file']}: {field} {t!r} of {e['_id']!r} is not a known id")
            elif want and by_id[t].get("type") != want:
                errors.append(f"{e['_file']}: {field} {t!r} of {e['_id']!r} is a {by_id[t].get('type')}, not {want}")

    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))["entities"]
    missing_entities, missing_aliases = [], []
    for g in gold:
        e = by_id.get(g["id"])
        if e is None:
            missing_entities.append(f"{g['id']} ({g['type']}): no entity")
            continue
        if e.get("type") != g["type"]:
            missing_entities.append(f"{g['id']}: type {e.get('type')} != gold {g['type']}")
        forms = {norm(e["name"])}
        for f in FIELDS:
            forms |= {norm(x) for x in e.get(f, [])}
        cap = by_id.get(e.get("capital") or "")
        if cap:
            forms |= {norm(cap["name"])} | {norm(x) for x in cap.get("aliases", [])}
        if e.get("type") == "Person":
            for n in [e["name"]] + e.get("aliases", []):
                forms |= surnames(n)
        for a in g.get("aliases_seen", []):
            if norm(a) not in forms:
                missing_aliases.append(f"{g['id']}: {a!r}")

    counts = {}
    for e in entities:
        counts[e.get("type")] = counts.get(e.get("type"), 0) + 1
    print(f"{len(entities)} entities: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"gold: {len(gold)} entities, {sum(len(g.get('aliases_seen', [])) for g in gold)} alias forms")
    for title, items in (("structural errors", errors), ("missing gold entities", missing_entities),
                         ("unreachable gold aliases", missing_aliases)):
        print(f"{title}: {len(items)}")
        for i in items:
            print("  " + i)
    sys.exit(1 if errors or missing_entities else 0)


if __name__ == "__main__":
    main()
