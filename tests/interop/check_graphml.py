"""Read a kgx GraphML export with networkx and igraph (warnings are failures).

usage: python3 check_graphml.py FILE   -> {"networkx": summary, "igraph": summary}
"""
import sys

from common import check_lists, emit, strict_warnings, summary

strict_warnings()
import igraph  # noqa: E402
import networkx as nx  # noqa: E402

path = sys.argv[1]

G = nx.read_graphml(path, force_multigraph=True)
assert G.is_directed(), "graph must be directed"
nx_nodes = {n: {"label": d["label"], "type": d["type"]} for n, d in G.nodes(data=True)}
nx_edges = []
for u, v, k, d in G.edges(keys=True, data=True):
    check_lists(d, ["edge_documents", "roles", "modalities", "evidence"], f"networkx edge {k}")
    assert d["edgelabel"] == d["relation"]
    nx_edges.append([u, d["relation"], v, d["weight"]])
for n, d in G.nodes(data=True):
    check_lists(d, ["documents", "aliases_seen", "attributes"], f"networkx node {n}")

g = igraph.Graph.Read_GraphML(path)
assert g.is_directed(), "igraph: graph must be directed"
ig_nodes = {v["id"]: {"label": v["label"], "type": v["type"]} for v in g.vs}
ig_edges = [[g.vs[e.source]["id"], e["relation"], g.vs[e.target]["id"], e["weight"]] for e in g.es]

emit({"networkx": summary(nx_nodes, nx_edges), "igraph": summary(ig_nodes, ig_edges)})
