"""Read a kgx GEXF export with networkx (warnings are failures).

usage: python3 check_gexf.py FILE   -> {"networkx": summary}
"""
import sys

from common import check_lists, emit, strict_warnings, summary

strict_warnings()
import networkx as nx  # noqa: E402

G = nx.read_gexf(sys.argv[1])
assert G.is_directed(), "graph must be directed"
nodes = {}
for n, d in G.nodes(data=True):
    check_lists(d, ["documents", "aliases_seen", "attributes"], f"node {n}")
    assert "viz" in d and "color" in d["viz"] and "size" in d["viz"], f"node {n} lost viz"
    nodes[n] = {"label": d["label"], "type": d["type"]}
edges = []
for u, v, k, d in (G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))):
    check_lists(d, ["documents", "roles", "modalities", "evidence"], f"edge {u}->{v}")
    edges.append([u, d["relation"], v, d["weight"]])
emit({"networkx": summary(nodes, edges)})
