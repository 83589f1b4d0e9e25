// Check a kgx JSON-LD export with jsonld.js in safe mode (fails on any
// dropped term, relative @id or @type), offline (any URL load fails), and
// print its canonical N-Quads (URDNA2015) hash for comparison with pyld.
//
// usage: node check_jsonld.mjs FILE [NQUADS_OUT]
//   -> {"jsonld_js": {keys_before, keys_after, nquads_sha256, nquads_count}}
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const jsonld = require("jsonld");
const [path, out] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(path, "utf8"));
const documentLoader = async (url) => {
  throw new Error(`kgx exports must not load ${url}`);
};

function count(v) {
  let keys = 0;
  if (Array.isArray(v)) for (const x of v) keys += count(x);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      if (k === "@context") continue;
      if (!k.startsWith("@")) keys += 1;
      keys += count(x);
    }
  return keys;
}

const expanded = await jsonld.expand(doc, { safe: true, documentLoader });
const nquads = await jsonld.canonize(doc, {
  algorithm: "URDNA2015",
  format: "application/n-quads",
  safe: true,
  documentLoader,
});
if (out) writeFileSync(out, nquads);
console.log(
  JSON.stringify({
    jsonld_js: {
      keys_before: count(doc),
      keys_after: count(expanded),
      nquads_sha256: createHash("sha256").update(nquads, "utf8").digest("hex"),
      nquads_count: nquads.split("\n").length - 1,
    },
  }),
);
