#!/usr/bin/env python3
"""Generate the world layer of the kgx gazetteer from mledoze/countries.

    python3 gazetteer/tools/build_world.py [--countries PATH] [--overlay PATH] [--out DIR]

Reads countries.json (default /work/shared/data/countries/countries.json) and the
curated overlay world-overlay.json beside this script, and writes

    <out>/countries.toml   one Country per record (name, official name, Latin-script
                           alternative spellings, English demonyms, capital)
    <out>/capitals.toml    one Place (subtype City) per capital, `country` = its country

where <out> defaults to gazetteer/world/ next to this tools/ folder. Output is
deterministic (sorted by id, stable field order), so a re-run with the same input
is a no-op for git. Python 3 standard library only.

Country data: mledoze/countries, ODbL 1.0. The output is a derived database; keep
gazetteer/README.md's attribution and gazetteer/world/LICENSE-ODbL with it.
"""

import argparse
import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_COUNTRIES = "/work/shared/data/countries/countries.json"
DEFAULT_OVERLAY = HERE / "world-overlay.json"
DEFAULT_OUT = HERE.parent / "world"

APOSTROPHES = {"'", "\u2019", "\u2018", "\u02bc", "`", "\u00b4"}
ASCII_FOLD = {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
              "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "ı": "i",
              "þ": "th", "Þ": "th"}
# Transliteration marks that signal a scholarly romanisation, not a news spelling.
TRANSLIT_MARKS = set("\u02bb\u02be\u02bf\u2018\u02bc")


def slug(name):
    """Same rules as src/gazetteer/slug.rs."""
    out, pending = [], False
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(c):
            continue
        if c in APOSTROPHES:
            continue
        if c.isascii() and c.isalnum():
            piece = c.lower()
        elif c in ASCII_FOLD:
            piece = ASCII_FOLD[c]
        else:
            pending = True
            continue
        if pending and out:
            out.append("-")
        pending = False
        out.append(piece)
    return "".join(out)


def fold(s):
    """Matching key: case-folded, diacritics stripped, apostrophes unified, spaces collapsed."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    return " ".join(s.casefold().split())


def is_latin(s):
    for c in s:
        if c.isalpha():
            if "LATIN" not in unicodedata.name(c, ""):
                return False
            if 0x0250 <= ord(c) <= 0x02AF:  # IPA extensions
                return False
    return True


def keep_alt_spelling(s, drop):
    if s in drop:
        return False
    if len(s) <= 3 and s.isupper() and s.isalpha() and len(s) == 2:
        return False  # ISO 3166 alpha-2 code
    if "," in s:
        return False  # catalogue inversions: "Korea, Republic of"
    if any(c in TRANSLIT_MARKS for c in s):
        return False
    if not s[:1].isupper():
        return False  # "weSwatini", "ilaṅkai": native forms news does not use
    return is_latin(s)


NO_PLURAL_ENDINGS = ("ese", "ish", "ss", "ch", "sh", "x", "ic", "y", "men")
NO_PLURAL = {"Ni-Vanuatu", "I-Kiribati", "Motswana", "Mosotho", "Sahrawi"}


def plural(d, exceptions):
    if d in exceptions:
        return exceptions[d]
    if d in NO_PLURAL or d.endswith(NO_PLURAL_ENDINGS):
        return None
    return d + "s"


def q(s):
    return json.dumps(s, ensure_ascii=False)


def qlist(items):
    return "[" + ", ".join(q(x) for x in items) + "]"


def dedup(items, exclude=()):
    seen = {fold(x) for x in exclude}
    out = []
    for x in items:
        k = fold(x)
        if x and k not in seen:
            seen.add(k)
            out.append(x)
    return out


def build(records, overlay):
    ov_c = overlay.get("countries", {})
    ov_cap = overlay.get("capitals", {})
    drop_global = set(overlay.get("drop_alt_spellings", []))
    omit_caps = set(overlay.get("omit_capitals", []))
    plural_exc = overlay.get("plural_exceptions", {})

    countries = []
    for r in records:
        code = r["cca3"]
        o = ov_c.get(code, {})
        common = r["name"]["common"]
        name = o.get("name", common)
        cid = o.get("id", slug(name))
        official = r["name"]["official"]
        drop = drop_global | set(o.get("drop_aliases", []))
        alts = [a for a in r.get("altSpellings", []) if keep_alt_spelling(a, drop)]
        aliases = [common, official] + alts + o.get("aliases", [])
        aliases = [a for a in aliases if a not in drop]
        dem = r.get("demonyms", {}).get("eng", {})
        demonyms = []
        for g in ("m", "f"):
            for part in dem.get(g, "").replace(" or ", ",").split(","):
                part = part.strip()
                if part and fold(part) != fold(name) and part not in o.get("drop_demonyms", []):
                    demonyms.append(part)
                    p = plural(part, plural_exc)
                    if p:
                        demonyms.append(p)
        demonyms += o.get("demonyms", [])
        independent = r.get("independent")
        subtype = o.get("subtype", "State" if independent else "Territory")
        caps = r.get("capital", [])
        if o.get("single_capital"):
            caps = caps[:1]
        countries.append({
            "code": code, "id": cid, "name": name, "subtype": subtype,
            "aliases": aliases, "demonyms": demonyms,
            "metonyms": o.get("metonyms", []), "references": o.get("references", []),
            "wikidata": o.get("wikidata"), "capitals": caps,
            "attributes": {"iso2": r.get("cca2", ""), "iso3": code,
                           "region": r.get("region", ""), "subregion": r.get("subregion", "")},
            "independent": bool(independent),
        })

    # Resolve surface forms claimed by several countries: an overlay owner wins, else
    # the only sovereign claimant, else nobody (ambiguous forms are dropped, and reported).
    owners = overlay.get("form_owner", {})
    by_code = {c["code"]: c for c in countries}
    claims = {}
    for c in countries:
        for field in ("aliases", "demonyms"):
            for form in dedup(c[field], exclude=[] if field == "aliases" else []):
                claims.setdefault(fold(form), set()).add(c["code"])
    warnings = []
    for key, codes in sorted(claims.items()):
        if len(codes) < 2:
            continue
        owner = owners.get(key)
        if owner is None:
            sovereign = [x for x in codes if by_code[x]["independent"]]
            owner = sovereign[0] if len(sovereign) == 1 else None
        if owner is None:
            warnings.append(f"dropped ambiguous form {key!r} claimed by {sorted(codes)}")
        for code in codes:
            if code == owner:
                continue
            c = by_code[code]
            if fold(c["name"]) == key:
                if owner is None:
                    continue  # never drop an entity's own name
                warnings.append(f"{code}: own name {key!r} also claimed by {owner}; kept as name")
                continue
            for field in ("aliases", "demonyms"):
                c[field] = [x for x in c[field] if fold(x) != key]

    ids = {}
    for c in countries:
        if c["id"] in ids:
            sys.exit(f"build_world: duplicate country id {c['id']!r} ({ids[c['id']]} and {c['code']})")
        ids[c["id"]] = c["code"]

    country_names = {fold(c["name"]) for c in countries}
    places = []
    for c in countries:
        for i, cap in enumerate(c["capitals"]):
            key = f"{c['code']}/{cap}"
            if key in omit_caps or c["code"] in omit_caps:
                continue
            o = ov_cap.get(key, {})
            pname = o.get("name", cap)
            pid = o.get("id", slug(pname))
            if pid in ids:
                sys.exit(f"build_world: capital {key} gets id {pid!r}, which is a country id; "
                         "rename it or list it in omit_capitals in the overlay")
            places.append({
                "id": pid, "name": pname, "country": c["id"],
                # The data's spelling stays an alias unless it is a country's own name
                # ("Luxembourg" for Luxembourg City): the country keeps that form.
                "aliases": [a for a in dedup([cap] + o.get("aliases", []), exclude=[pname])
                            if fold(a) not in country_names],
                "primary": i == 0, "code": c["code"],
            })
            if i == 0:
                c["capital_id"] = pid
    pids = {}
    for p in places:
        if p["id"] in pids or p["id"] in ids:
            sys.exit(f"build_world: duplicate place id {p['id']!r} ({pids.get(p['id'])} and {p['code']})")
        pids[p["id"]] = p["code"]
    return countries, places, warnings


HEADER = """# GENERATED FILE: do not edit by hand.
# Made by gazetteer/tools/build_world.py from mledoze/countries countries.json
# plus the curated overlay gazetteer/tools/world-overlay.json. To change an entry,
# edit the overlay and run:  python3 gazetteer/tools/build_world.py
# Country data: mledoze/countries, ODbL 1.0 (see gazetteer/README.md, world/LICENSE-ODbL).
"""


def write_countries(countries, path):
    lines = [HEADER]
    for c in sorted(countries, key=lambda c: c["id"]):
        lines.append("[[entity]]")
        lines.append(f"id = {q(c['id'])}")
        lines.append('type = "Country"')
        lines.append(f"subtype = {q(c['subtype'])}")
        lines.append(f"name = {q(c['name'])}")
        aliases = dedup(c["aliases"], exclude=[c["name"]])
        if aliases:
            lines.append(f"aliases = {qlist(aliases)}")
        demonyms = dedup(c["demonyms"])
        if demonyms:
            lines.append(f"demonyms = {qlist(demonyms)}")
        if c["metonyms"]:
            lines.append(f"metonyms = {qlist(dedup(c['metonyms']))}")
        if c["references"]:
            lines.append(f"references = {qlist(dedup(c['references']))}")
        if c.get("capital_id"):
            lines.append(f"capital = {q(c['capital_id'])}")
        if c["wikidata"]:
            lines.append(f"wikidata = {q(c['wikidata'])}")
        lines.append("[entity.attributes]")
        for k in sorted(c["attributes"]):
            if c["attributes"][k]:
                lines.append(f"{k} = {q(c['attributes'][k])}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_capitals(places, path):
    lines = [HEADER]
    for p in sorted(places, key=lambda p: p["id"]):
        lines.append("[[entity]]")
        if p["id"] != slug(p["name"]):
            lines.append(f"id = {q(p['id'])}")
        lines.append('type = "Place"')
        lines.append('subtype = "City"')
        lines.append(f"name = {q(p['name'])}")
        if p["aliases"]:
            lines.append(f"aliases = {qlist(p['aliases'])}")
        lines.append(f"country = {q(p['country'])}")
        lines.append("[entity.attributes]")
        lines.append(f"capital_of = {q(p['country'])}" if p["primary"] else
                     f"seat_of = {q(p['country'])}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--countries", default=DEFAULT_COUNTRIES, help="path of countries.json")
    ap.add_argument("--overlay", default=str(DEFAULT_OVERLAY), help="path of world-overlay.json")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output folder")
    args = ap.parse_args()
    records = json.loads(Path(args.countries).read_text(encoding="utf-8"))
    overlay = json.loads(Path(args.overlay).read_text(encoding="utf-8"))
    countries, places, warnings = build(records, overlay)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_countries(countries, out / "countries.toml")
    write_capitals(places, out / "capitals.toml")
    for w in warnings:
        print("build_world: note:", w, file=sys.stderr)
    print(f"build_world: {len(countries)} countries, {len(places)} capitals -> {out}")


if __name__ == "__main__":
    main()
