// Measures what a cold query transfers, for the benchmark
// bench/search-compare.sh: serves SITE_DIR (whose site sits under
// /PREFIX/) with serve.mjs — text gzip-compressed as a static host serves
// it, other files as they are — opens a search page in headless Chromium
// with an empty cache, enters a query and, once results show and the
// network has been idle for a second, sums the response bodies the
// server sent for the search (Agora: search.js and search/index/;
// Pagefind: /pagefind/). Page HTML, site CSS and agora.js are left out of
// both sides.
//
//   node measure.mjs SITE_DIR PREFIX QUERY...
//
// Prints one JSON object: per tool and query, bytes and files, with the
// query filled at once and typed key by key; and Agora's time from a
// keystroke to new results once the shards are loaded.
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { FLAGS } from "./flags.mjs";

const [dir, prefix, ...queries] = process.argv.slice(2);
const site = await serve(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: FLAGS });
const base = `${site.url}/${prefix}/`;

const tools = {
  agora: {
    page: "search/",
    input: "#search-q",
    results: "#search-results > li",
    counts: (p) => p.startsWith(`/${prefix}/search/index/`) || /\/assets\/search\.[0-9a-f]+\.js$/.test(p),
  },
  pagefind: {
    page: "pagefind-bench/",
    input: ".pagefind-ui__search-input",
    results: ".pagefind-ui__result",
    counts: (p) => p.startsWith(`/${prefix}/pagefind/`),
  },
};

async function idle(ms = 1000) {
  let n = -1;
  while (n !== site.log.length) {
    n = site.log.length;
    await new Promise((r) => setTimeout(r, ms));
  }
}

async function cold(tool, query, typed) {
  const t = tools[tool];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + t.page);
  await page.waitForSelector(t.input);
  await idle(500);
  if (typed) await page.locator(t.input).pressSequentially(query, { delay: 120 });
  else await page.fill(t.input, query);
  await page.waitForSelector(t.results, { timeout: 60000 });
  await idle();
  const shown = await page.locator(t.results).count();
  await context.close();
  // What the tool fetches as the page opens (Agora's manifest) counts
  // too: the log starts with the page.
  const rs = site.log.filter((r) => t.counts(r.path) && r.bytes > 0);
  if (process.env.VERBOSE) console.error(tool, JSON.stringify(query), typed ? "typed" : "filled", shown, "results:", rs.map((r) => `${r.path} ${r.bytes}`).join("\n  "));
  return { bytes: rs.reduce((a, r) => a + r.bytes, 0), files: rs.length, shown };
}

// latency types all but the last letter of a query on a warm page, then
// times the last keystroke to the new results.
async function latency(query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + "search/");
  await page.waitForSelector("form.search-page:not([hidden])");
  await page.fill("#search-q", query);
  await page.waitForSelector("#search-results > li");
  await page.fill("#search-q", query.slice(0, -1));
  await idle(300);
  const ms = await page.evaluate((last) => new Promise((resolve) => {
    const list = document.getElementById("search-results"), input = document.getElementById("search-q");
    const t0 = performance.now();
    new MutationObserver((_, o) => {
      if (list.hasAttribute("aria-busy") || !list.children.length) return;
      o.disconnect();
      resolve(performance.now() - t0);
    }).observe(list, { childList: true, attributes: true });
    input.value += last;
    input.dispatchEvent(new Event("input"));
  }), query.slice(-1));
  await context.close();
  return ms;
}

// The latency of one keystroke varies from run to run (the result files
// a keystroke needs may be loaded or not): the median of LATENCY_RUNS.
const LATENCY_RUNS = Number(process.env.LATENCY_RUNS || 7);
const out = { queries: {}, latencyMs: {}, latencyRuns: {} };
for (const q of queries) {
  out.queries[q] = {};
  for (const tool of Object.keys(tools)) {
    site.log.length = 0;
    const filled = await cold(tool, q, false);
    site.log.length = 0;
    const typed = await cold(tool, q, true);
    out.queries[q][tool] = { filled, typed };
  }
  const runs = [];
  for (let i = 0; i < LATENCY_RUNS; i++) runs.push(await latency(q));
  out.latencyRuns[q] = runs;
  out.latencyMs[q] = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
}
console.log(JSON.stringify(out, null, 2));
await browser.close();
site.server.close();
