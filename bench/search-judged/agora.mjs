// Runs the judged queries (queries.json) through Agora's search client
// (themes/default/static/search.js, the code the browser runs) against
// each built site's index, and prints {query index: [paths, best first]}.
//
//   node agora.mjs SITES_DIR   (SITES_DIR/SITE/search/index/…)
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const core = createRequire(import.meta.url)(path.join(here, "../../themes/default/static/search.js"));
const queries = JSON.parse(fs.readFileSync(path.join(here, "queries.json"), "utf8"));
const sites = process.argv[2];
const engines = {};

function engine(site) {
  const dir = path.join(sites, site, "search/index");
  return engines[site] ||= new core.Engine(async (key) => {
    let got;
    vm.runInNewContext(fs.readFileSync(path.join(dir, key + ".js"), "utf8"), { agoraSearchLoad: (k, v) => { got = v; } });
    return got;
  });
}

const out = {};
for (const [i, q] of queries.entries()) {
  const e = engine(q.site);
  const res = await e.search(q.query, {});
  out[i] = [];
  for (const r of res.slice(0, 10)) out[i].push((await e.doc(r.doc))[1]);
  if (!res.length) out[i].suggest = await e.suggest(q.query);
}
console.log(JSON.stringify(out));
