// Shared set-up of the browser suite (pages, html, keyboard, budget
// tests): builds the example community with `go run ./cmd/agora build`,
// serves it from the /network/ subfolder on 127.0.0.1 the way a static host
// does (gzip for text, 404.html for a missing path) and launches Debian's
// headless Chromium.
//
// Needs Go, and /usr/bin/chromium (CHROMIUM=PATH for another). Without
// Chromium the browser tests are skipped, except under CI=true, where a
// missing Chromium fails them: the first import throws.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { FLAGS } from "./flags.mjs";
import { writeCorpus } from "./corpus.mjs";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const here = path.dirname(fileURLToPath(import.meta.url));
export const CI = process.env.CI === "true";
export const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!fs.existsSync(executablePath) && CI) {
  throw new Error(`${executablePath} is missing: CI must run the browser tests (apt-get install chromium)`);
}
// skip is the test option: false, or why the browser tests cannot run.
export const skip = fs.existsSync(executablePath) ? false : `no Chromium at ${executablePath}`;

// One page of every kind the default theme renders, with what makes it
// that kind (checked, so that a change to the example cannot quietly turn
// a page into another kind or into the 404 page).
export const PAGES = [
  { kind: "home", path: "", has: "section.hero" },
  { kind: "members directory", path: "members/", has: "#member-filters" },
  { kind: "member page", path: "members/red-mujeres-sonora/", has: "article.member #peers" },
  { kind: "member page with a logo", path: "members/colectivo-agua-coahuila/", has: "article.member img.logo" },
  { kind: "directory by country (the filters without scripts)", path: "members/by.country/mx/", has: "main ul.cards" },
  { kind: "charters index", path: "charters/", has: "main ul.cards" },
  { kind: "charter", path: "charters/network/", has: "#mission" },
  { kind: "governance index", path: "governance/", has: "main li.rule-retired" },
  { kind: "superseded rule", path: "governance/standing-secretary/", has: "p.notice a" },
  { kind: "minutes archive", path: "minutes/", has: "main h2#y2025" },
  { kind: "minutes page", path: "minutes/2025-03-14-sonora-learning-circle/", has: "table.actions-table" },
  { kind: "minutes page with photos and a report", path: "minutes/2025-06-12-annual-gathering-2025/", has: "main .prose img[srcset][width][height][loading=lazy]" },
  { kind: "actions", path: "actions/", has: "main ul.actions" },
  { kind: "a paged list's second page", path: "actions/page/2/", has: "nav.pager a[rel=prev]" },
  { kind: "curriculum index", path: "curriculum/", has: "ol.path" },
  { kind: "module", path: "curriculum/writing-useful-minutes/", has: "#prereq" },
  { kind: "module with slides and a recording", path: "curriculum/learning-circles-101/", has: "ul.attachments" },
  { kind: "topics index", path: "topics/", has: "table.demand" },
  { kind: "topic", path: "topics/conflict-mediation/", has: "#offered" },
  { kind: "a facet: the members who offer a topic", path: "members/by.offers/facilitation/", has: "main ul.cards" },
  { kind: "free page", path: "about/", has: "main article .prose" },
  { kind: "impact (charts, tables, the network map)", path: "impact/", has: "#network-map ~ figure svg.network" },
  { kind: "member page with progress", path: "members/altai-craft-women/", has: "#progress ~ figure svg.dumbbell" },
  { kind: "exchange", path: "exchanges/fundraising-for-siem-reap-and-tlalpan/", has: "article.exchange #recipients" },
  { kind: "assessment", path: "assessments/altai-craft-women-oca-2026/", has: "article.assessment table.numbers" },
  { kind: "search", path: "search/?q=mediacion", has: "#search-app" },
  // The other languages: a translation, an entry shown in its original's
  // language under a notice, the translators' work list, a search.
  { kind: "a translated module (Khmer)", path: "km/curriculum/learning-circles-101/", has: "html[lang=km] nav.languages a[aria-current=page][lang=km]" },
  { kind: "a translated minutes (Spanish)", path: "es/minutes/2026-06-04-annual-gathering-2026/", has: "html[lang=es] table.actions-table" },
  { kind: "an untranslated member, shown in its original (fallback)", path: "mn/members/red-mujeres-sonora/", has: "p.translation-notice ~ article.member[lang=es]" },
  { kind: "the translations page", path: "km/translations/", has: "main section[aria-labelledby=km] table" },
  { kind: "search in another language", path: "es/search/?q=encuentro", has: "html[lang=es] #search-app" },
  { kind: "404", path: "no-such-page/", has: "main h1", status: 404 },
];

export const TODAY = "2026-11-23";

// The pages of a type a community adds, built from the example plus
// fixtures/community-type/ (see startSite).
export const COMMUNITY_PAGES = [
  { kind: "a community type's entry (nested tables)", path: "events/water-fair/", has: "dl.fields dl.nested" },
  { kind: "a community type's index", path: "events/", has: "main ul.cards" },
];

// agoraBinary builds ./cmd/agora into bin/agora, once per test file,
// and returns its path. go build leaves the program as it is when it is
// up to date (0.4 s), where each `go run` linked it anew (3 s), and the
// suite runs agora some fifteen times.
let binary = null;
export function agoraBinary() {
  if (!binary) {
    const bin = path.join(repo, "bin", process.platform === "win32" ? "agora.exe" : "agora");
    execFileSync("go", ["build", "-o", bin, "./cmd/agora"], { cwd: repo, stdio: ["ignore", "pipe", "inherit"] });
    binary = bin;
  }
  return binary;
}

// build runs `agora build` of source (the repository's root: the example)
// into dir for the base URL.
export function build(source, dir, base) {
  try {
    execFileSync(agoraBinary(), ["build", "--source", source, "--out", dir, "--base-url", base], {
      cwd: repo, env: { ...process.env, AGORA_TODAY: TODAY }, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8",
      maxBuffer: 64 << 20, // a large network's warnings
    });
  } catch (e) {
    throw new Error(`agora build failed:\n${e.stderr || e.message}`);
  }
}

// communitySource writes into tmp a copy of the example (site.toml,
// content/) with the type of fixtures/community-type/ added, and returns it.
export function communitySource(tmp) {
  const src = exampleCopy(tmp);
  copyImageCache(src);
  fs.cpSync(path.join(here, "fixtures/community-type"), src, { recursive: true });
  return src;
}

// editorSource writes into tmp a copy of the example (site.toml,
// content/) with the editor turned on ([cms] enabled = true), and
// returns it.
export function editorSource(tmp) {
  const src = exampleCopy(tmp);
  fs.appendFileSync(path.join(src, "site.toml"), "\n[cms]\nenabled = true\n");
  return src;
}

// exampleCopy copies the example's site.toml and content/ into
// tmp/source and returns that folder.
function exampleCopy(tmp) {
  const src = path.join(tmp, "source");
  fs.mkdirSync(src, { recursive: true });
  fs.copyFileSync(path.join(repo, "site.toml"), path.join(src, "site.toml"));
  fs.cpSync(path.join(repo, "content"), path.join(src, "content"), { recursive: true });
  return src;
}

// copyImageCache copies into src the images the example's own builds
// made, so that a build of src makes none of the example's photos again
// (the cache is keyed by each image's bytes and checks each entry it
// reads): not the index of the example's own files, nor an entry being
// written. The editor's copy gets none: its folder is the repository
// the CMS opens, which should hold what a community's holds.
function copyImageCache(src) {
  const cache = path.join(repo, ".agora-cache", "images");
  try {
    fs.cpSync(cache, path.join(src, ".agora-cache", "images"), {
      recursive: true, filter: (f) => path.basename(f) !== "sources.json" && !path.basename(f).startsWith(".tmp-"),
    });
  } catch {
    // None yet, or another build pruned it meanwhile: the copy makes its own.
  }
}

// startSite builds the example into a temporary folder and serves it;
// with community, the example plus fixtures/community-type/; with
// editor, the example with /admin/ (editorSource); with corpus, a
// synthetic network of that many entries instead (corpus.mjs).
// Resolves to {dir (the site's folder), base (its URL, ending in
// /network/), source (the folder built), log (the server's responses),
// axe (the URL of axe-core, outside the site's folder, which the server
// lets the browser cache), close()}.
export async function startSite({ community = false, editor = false, corpus = 0 } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "agora-browser-"));
  const site = await serve(tmp, 0, { notFound: "network/404.html" });
  const base = `${site.url}/network/`;
  const dir = path.join(tmp, "network");
  const close = () => {
    site.server.close();
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
  };
  let source = repo;
  try {
    if (community) source = communitySource(tmp);
    if (editor) source = editorSource(tmp);
    if (corpus) {
      source = path.join(tmp, "corpus");
      writeCorpus(corpus, source);
    }
    build(source, dir, base);
    fs.mkdirSync(path.join(tmp, "__tests"));
    fs.copyFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), path.join(tmp, "__tests/axe.min.js"));
  } catch (e) {
    close();
    throw e;
  }
  return { dir, base, source, log: site.log, close, axe: `${site.url}/__tests/axe.min.js` };
}

export function launch() {
  return chromium.launch({ executablePath, headless: true, args: FLAGS });
}

// htmlFiles lists every .html file under dir, relative to it.
export function htmlFiles(dir) {
  return fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".html")).sort();
}

// watch records what goes wrong while a page loads: console errors,
// uncaught exceptions, failed requests, responses with status >= 400 and
// requests that leave the site's folder. expected404 is the URL of the
// one document allowed to answer 404 (the 404 page's own).
export function watch(page, base, expected404 = null) {
  const problems = [];
  trackRequests(page);
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // Chromium logs the intentional 404 of the page itself as an error.
    if (expected404 && m.location().url === expected404 && /status of 404/.test(m.text())) return;
    problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Chromium fetches the site icon once the page has loaded, and
    // cancels the fetch when the page is left first (as the tests that
    // click through links do): nothing a reader sees, no console error.
    // Each page's icon test checks that it arrives.
    if (r.failure()?.errorText === "net::ERR_ABORTED" && /\/assets\/favicon\.[0-9a-f]{8}\.svg$/.test(r.url())) return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:")) problems.push(`request outside ${base}: ${r.url()}`);
  });
  page.on("response", (r) => {
    if (r.status() < 400) return;
    if (r.url() === expected404 && r.status() === 404 && r.request().isNavigationRequest()) return;
    problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

// Requests in flight, counted from a page's own events once
// trackRequests has been called on it, before its first load.
const traffic = new WeakMap();
const QUIET_MS = 150;

export function trackRequests(page) {
  if (traffic.has(page)) return;
  const t = { open: 0, last: Date.now() };
  const start = () => { t.open++; t.last = Date.now(); };
  const end = () => { t.open = Math.max(0, t.open - 1); t.last = Date.now(); };
  page.on("request", start);
  page.on("requestfinished", end);
  page.on("requestfailed", end);
  traffic.set(page, t);
}

// settle waits until the page has loaded and the network has been idle
// (search results fetched and shown). On a tracked page, idle is no
// request in flight for 150 ms; Playwright's networkidle, used on the
// others, waits 500 ms after the last, which over the suite's few
// hundred loads was a minute and a half of CI's time.
export async function settle(page) {
  await page.waitForLoadState("load");
  const t = traffic.get(page);
  const deadline = Date.now() + 10_000;
  if (!t) await page.waitForLoadState("networkidle");
  else {
    while ((t.open > 0 || Date.now() - t.last < QUIET_MS) && Date.now() < deadline) await page.waitForTimeout(25);
    if (t.open > 0) await page.waitForLoadState("networkidle");
  }
  if (await page.$("#search-app form:not([hidden])") && new URL(page.url()).searchParams.get("q")) {
    await page.waitForSelector("#search-results > li");
  }
}
