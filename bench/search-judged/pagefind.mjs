// Runs the judged queries (queries.json) through Pagefind's own search
// API (pagefind.js and its WebAssembly, in headless Chromium) on each
// built site, indexed by `pagefind --site`, and prints {query index:
// [paths, best first]}. Each site gets a page in its language, as
// Pagefind picks its index by <html lang>.
//
//   node pagefind.mjs SITES_DIR
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const browserDir = path.join(here, "../../tests/browser");
const { chromium } = createRequire(path.join(browserDir, "package.json"))("playwright-core");
const { serve } = await import(path.join(browserDir, "serve.mjs"));
const { FLAGS } = await import(path.join(browserDir, "flags.mjs"));
const queries = JSON.parse(fs.readFileSync(path.join(here, "queries.json"), "utf8"));
const sites = process.argv[2];

const server = await serve(sites);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: FLAGS });
const out = {};
for (const site of [...new Set(queries.map((q) => q.site))]) {
  const lang = (fs.readFileSync(path.join(sites, site, "index.html"), "utf8").match(/<html lang="([^"]+)"/) || [])[1] || "en";
  fs.mkdirSync(path.join(sites, site, "pagefind-judged"), { recursive: true });
  fs.writeFileSync(path.join(sites, site, "pagefind-judged/index.html"), `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>judged</title></head><body></body></html>`);
  const page = await browser.newPage();
  await page.goto(`${server.url}/${site}/pagefind-judged/`);
  const mine = queries.map((q, i) => [q, i]).filter(([q]) => q.site === site);
  const got = await page.evaluate(async ({ site, qs }) => {
    const pf = await import(`/${site}/pagefind/pagefind.js`);
    await pf.init();
    const res = {};
    for (const [q, i] of qs) {
      const r = await pf.search(q);
      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      res[i] = data.map((d) => d.url.replace(`/${site}/`, "").replace(/index\.html$/, ""));
    }
    return res;
  }, { site, qs: mine.map(([q, i]) => [q.query, i]) });
  Object.assign(out, got);
  await page.close();
}
console.log(JSON.stringify(out));
await browser.close();
server.server.close();
