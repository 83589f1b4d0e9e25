"""Read kgx's CSV tables with Python's csv module, as a spreadsheet would.

usage: python3 check_csv.py NODES.csv EDGES.csv   -> {"csv": summary}
"""
import csv
import json
import sys

from common import emit, summary

with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f, strict=True))
nodes = {}
for r in rows:
    assert r["Id"] not in nodes, f"duplicate node {r['Id']}"
    for k in ["documents", "aliases_seen", "attributes"]:
        json.loads(r[k])
    nodes[r["Id"]] = {"label": r["Label"], "type": r["type"]}
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f, strict=True))
edges = []
for r in rows:
    assert r["Type"] == "Directed" and r["Kind"] == r["relation"] == r["Label"], r
    assert r["Source"] in nodes and r["Target"] in nodes, "edge to an unknown node"
    ev = json.loads(r["evidence"])
    assert len(ev) == int(r["evidence_count"]), r
    edges.append([r["Source"], r["Kind"], r["Target"], float(r["Weight"])])
emit({"csv": summary(nodes, edges)})
