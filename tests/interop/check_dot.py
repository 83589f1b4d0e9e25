"""Render a kgx DOT export with Graphviz: dot -Tsvg must exit 0 with EMPTY
stderr, and dot -Tjson must give the same nodes, labels and edges.

usage: python3 check_dot.py FILE   -> {"graphviz": summary}
"""
import json
import subprocess
import sys

from common import emit, summary

path = sys.argv[1]
for fmt in ["svg", "json"]:
    p = subprocess.run(["dot", f"-T{fmt}", path], capture_output=True)
    if p.returncode != 0 or p.stderr:
        raise SystemExit(f"dot -T{fmt} exit {p.returncode}, stderr: {p.stderr.decode(errors='replace')}")
    if fmt == "json":
        doc = json.loads(p.stdout)


def unescape(s):
    """Undo kgx's escString escaping: \\\\ -> \\, \\n -> newline (left to right)."""
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append("\n" if s[i + 1] == "n" else s[i + 1])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


by_gvid = {}
nodes = {}
for o in doc.get("objects", []):
    if "nodes" in o or "subgraphs" in o or o["name"].startswith("cluster_"):
        continue  # a cluster
    by_gvid[o["_gvid"]] = o["name"]
    nodes[o["name"]] = {"label": unescape(o["label"]), "type": o["type"]}
edges = []
for e in doc.get("edges", []):
    w = e["weight"]
    assert str(int(w)) == w, f"weight {w} is not an integer"
    json.loads(unescape(e["evidence"]))
    edges.append([by_gvid[e["tail"]], e["label"], by_gvid[e["head"]], float(w)])
emit({"graphviz": summary(nodes, edges)})
