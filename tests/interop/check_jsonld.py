"""Check a kgx JSON-LD export with pyld, rdflib and pyoxigraph, offline.

- pyld expands it with a document loader that refuses every URL (the
  context must be inline); no key and no @type is dropped by expansion
  (counted before and after, FORMATS.md section 7); every IRI is absolute.
- pyld's canonical N-Quads (URDNA2015) are hashed for comparison with jsonld.js.
- rdflib and pyoxigraph load it; for each relation a SPARQL query
  `SELECT ?s ?o WHERE { ?s <relation> ?o }` gives that relation's edges.

usage: python3 check_jsonld.py FILE [NQUADS_OUT]
  -> {"pyld": {...}, "rdflib": summary, "oxigraph": summary, ...}
"""
import hashlib
import json
import re
import sys
import warnings

from common import emit, strict_warnings, summary

strict_warnings()
# rdflib 7.6's own JSON-LD parser builds a ConjunctiveGraph, which rdflib itself
# deprecates: not about our file, so that one warning is let through.
warnings.filterwarnings("ignore", message=".*ConjunctiveGraph is deprecated.*", category=DeprecationWarning)
import pyoxigraph  # noqa: E402
import rdflib  # noqa: E402
from pyld import jsonld  # noqa: E402

ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def no_remote(url, options=None):
    raise jsonld.JsonLdError(f"kgx exports must not load {url}", "loading document failed")


jsonld.set_document_loader(no_remote)

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    text = f.read()
doc = json.loads(text, object_pairs_hook=lambda pairs: dict(pairs) if len({k for k, _ in pairs}) == len(pairs) else (_ for _ in ()).throw(SystemExit(f"duplicate JSON key in {pairs}")))


def count(v, skip_context=True):
    keys = types = 0
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "@context" and skip_context:
                continue
            if k == "@type":
                types += len(x) if isinstance(x, list) else 1
            elif not k.startswith("@"):
                keys += 1
            a, b = count(x)
            keys, types = keys + a, types + b
    elif isinstance(v, list):
        for x in v:
            a, b = count(x)
            keys, types = keys + a, types + b
    return keys, types


def relative_iris(v, out):
    if isinstance(v, dict):
        for k, x in v.items():
            if not k.startswith("@") and not ABSOLUTE.match(k):
                out.append(k)
            if k in ("@id",) and isinstance(x, str) and not (x.startswith("_:") or ABSOLUTE.match(x)):
                out.append(x)
            if k == "@type":
                for t in x if isinstance(x, list) else [x]:
                    if not (t.startswith("_:") or ABSOLUTE.match(t)):
                        out.append(t)
            relative_iris(x, out)
    elif isinstance(v, list):
        for x in v:
            relative_iris(x, out)
    return out


keys_before, types_before = count(doc)
expanded = jsonld.expand(doc)
keys_after, types_after = count(expanded)
relative = relative_iris(expanded, [])
nquads = jsonld.normalize(doc, {"algorithm": "URDNA2015", "format": "application/n-quads"})
if len(sys.argv) > 2:
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(nquads)

kgx = doc["@context"]["kgx"]
entity_prefix = doc["@context"]["kgx"][: -len("vocab#")] + "entity/"
SPARQL_NODES = f"""
PREFIX kgx: <{kgx}>
PREFIX schema: <https://schema.org/>
SELECT ?n ?slug ?name ?type WHERE {{ ?n kgx:slug ?slug ; schema:name ?name ; kgx:entityType ?type }}"""
SPARQL_PREDICATES = f"""
PREFIX kgx: <{kgx}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?p ?r WHERE {{ ?st rdf:predicate ?p ; kgx:relation ?r }}"""
SPARQL_STATEMENTS = f"""
PREFIX kgx: <{kgx}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o ?w WHERE {{ ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgx:weight ?w }}"""


def from_store(query):
    """query(sparql) -> list of tuples of Python strings/ints."""
    slug = {}
    nodes = {}
    for n, s, name, t in query(SPARQL_NODES):
        slug[n] = s
        nodes[s] = {"label": name, "type": t}
    weight = {(s, p, o): float(w) for s, p, o, w in query(SPARQL_STATEMENTS)}
    edges = []
    for p, r in query(SPARQL_PREDICATES):
        for s, o in query(f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}"):
            edges.append([slug[s], r, slug[o], weight.get((s, p, o), -1.0)])
    return summary(nodes, edges)


def py(term):
    if isinstance(term, (rdflib.URIRef, pyoxigraph.NamedNode)):
        return str(term) if isinstance(term, rdflib.URIRef) else term.value
    if isinstance(term, rdflib.Literal):
        return term.toPython()
    return term.value


g = rdflib.Graph()
g.parse(data=text, format="json-ld")
rdflib_summary = from_store(lambda q: [tuple(py(x) for x in row) for row in g.query(q)])

store = pyoxigraph.Store()
store.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.JSON_LD)
oxi_summary = from_store(lambda q: [tuple(py(x) for x in sol) for sol in store.query(q)])

emit(
    {
        "pyld": {
            "keys_before": keys_before,
            "keys_after": keys_after,
            "types_before": types_before,
            "types_after": types_after,
            "relative_iris": relative,
            "nquads_sha256": hashlib.sha256(nquads.encode("utf-8")).hexdigest(),
            "nquads_count": nquads.count("\n"),
        },
        "rdflib_triples": len(g),
        "oxigraph_quads": len(store),
        "rdflib": rdflib_summary,
        "oxigraph": oxi_summary,
    }
)
