"""Load a kgx JSON-LD export into pyoxigraph and count what it kept (issue 16).

Oxigraph drops a triple with an invalid IRI silently; pyld (another
implementation) turns the same document into N-Quads without checking IRIs.
Equal counts mean every quad loaded. Also lists the values of kgx:mentions,
which must be integers only (a relation named "mentions" must not share it).

usage: python3 check_quads.py FILE -> {"oxigraph": n, "pyld": n, "mentions": [...]}
"""
import sys

from common import emit, strict_warnings

strict_warnings()
import pyoxigraph  # noqa: E402
from pyld import jsonld  # noqa: E402


def no_remote(url, options=None):
    raise jsonld.JsonLdError(f"kgx exports must not load {url}", "loading document failed")


jsonld.set_document_loader(no_remote)
path = sys.argv[1]
with open(path, "rb") as f:
    data = f.read()
store = pyoxigraph.Store()
store.load(data, format=pyoxigraph.RdfFormat.JSON_LD)
import json  # noqa: E402

doc = json.loads(data)
nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
kgx = doc["@context"]["kgx"]
mentions = sorted(
    {type(sol["v"]).__name__ + ":" + sol["v"].value for sol in store.query(f"SELECT ?v WHERE {{ ?s <{kgx}mentions> ?v }}")}
)
emit({"oxigraph": len(store), "pyld": len(set(nquads.splitlines())), "mentions": mentions})
