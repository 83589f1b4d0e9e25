// Read a kgx GraphML or GEXF export with graphology (strict default options:
// no missing nodes, no undeclared attributes), as Gephi Lite does.
//
// usage: node check_graph.mjs graphml|gexf FILE   -> {"graphology": summary}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Graph = require("graphology");
const [format, path] = process.argv.slice(2);
const parser = format === "graphml" ? require("graphology-graphml") : require("graphology-gexf");
const graph = parser.parse(Graph, readFileSync(path, "utf8"));
if (graph.type !== "directed") throw new Error(`graph type ${graph.type}, expected directed`);

const nodes = {};
graph.forEachNode((id, a) => {
  if (!a.color) throw new Error(`node ${id} lost its colour`);
  if (a.size === undefined) throw new Error(`node ${id} lost its size`);
  for (const k of ["documents", "aliases_seen", "attributes"]) JSON.parse(a[k]);
  nodes[id] = { label: a.label, type: a.type };
});
const edges = [];
graph.forEachEdge((key, a, source, target) => {
  JSON.parse(a.evidence);
  if (format === "gexf" && a.kind !== a.relation) throw new Error(`edge ${key} kind ${a.kind}`);
  edges.push([source, a.relation, target, a.weight]);
});
edges.sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
console.log(JSON.stringify({ graphology: { nodes, edges } }));
