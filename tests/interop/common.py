"""Shared by the Python checkers: summaries in the shape tests/interop.rs compares.

A summary is {"nodes": {id: {"label", "type"}}, "edges": [[source, relation, target, weight], ...]}.
Checkers print one JSON object on stdout and exit non-zero on any problem.
"""
import json
import sys
import warnings


def strict_warnings():
    """Every warning (igraph's RuntimeWarning, networkx's) is a failure."""
    warnings.simplefilter("error")


def emit(obj):
    json.dump(obj, sys.stdout, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


def summary(nodes, edges):
    return {"nodes": nodes, "edges": sorted(edges, key=lambda e: json.dumps(e))}


def check_lists(attrs, keys, where):
    """The list encoding: these attributes must be JSON text."""
    for k in keys:
        if k in attrs:
            json.loads(attrs[k])
        else:
            raise SystemExit(f"{where}: attribute {k} missing")
