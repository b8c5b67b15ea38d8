// End-to-end test of search in headless Chromium: builds the example
// community (content/) with `agora build`, serves it from a subfolder
// (/network/) on 127.0.0.1, and types queries into the built site.
//
// Needs /usr/bin/chromium (Debian's chromium package; CHROMIUM=PATH for
// another) and Go. Without Chromium the tests are skipped, except under
// CI=true, where they fail.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { FLAGS } from "./flags.mjs";
import { agoraBinary } from "./site.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const haveChromium = fs.existsSync(executablePath);
if (!haveChromium && process.env.CI === "true") {
  throw new Error(`${executablePath} is missing: CI must run the browser tests (apt-get install chromium)`);
}
const skip = haveChromium ? false : `no Chromium at ${executablePath}`;

let tmp, site, browser, base, cspErrors = [];

before(async () => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "agora-e2e-"));
  site = await serve(tmp);
  base = `${site.url}/network/`;
  execFileSync(agoraBinary(), ["build", "--out", path.join(tmp, "network"), "--base-url", base], {
    cwd: repo, env: { ...process.env, AGORA_TODAY: "2026-11-23" }, stdio: ["ignore", "ignore", "inherit"],
  });
  browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
});

after(async () => {
  await browser?.close();
  site?.server.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function newPage(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on("console", (m) => { if (/Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text()); });
  page.on("pageerror", (e) => cspErrors.push("page error: " + e.message));
  return page;
}

// results waits for the status line and returns the results shown.
async function results(page) {
  await page.waitForFunction(() => {
    const app = document.getElementById("search-app"), s = document.getElementById("search-status");
    const list = document.getElementById("search-results");
    return s.textContent && s.textContent !== app.dataset.loading && list.getAttribute("aria-busy") !== "true";
  });
  return page.$$eval("#search-results > li", (lis) => lis.map((li) => ({
    href: li.querySelector("a").getAttribute("href"),
    url: li.querySelector("a").href,
    type: li.querySelector(".search-type").textContent,
    title: li.querySelector(".search-title").textContent,
    marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
  })));
}

const paths = (rs) => rs.map((r) => new URL(r.url).pathname.replace("/network/", ""));

test("a link to search/?q=mediacion finds the Spanish minutes and members (accents folded)", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "search/?q=mediacion");
  const rs = await results(page);
  const p = paths(rs);
  assert.ok(p.includes("minutes/2025-03-14-sonora-learning-circle/"), p.join(" "));
  assert.ok(p.includes("members/red-mujeres-sonora/"), p.join(" "));
  assert.ok(rs.some((r) => r.marks.includes("mediación")), "snippets highlight mediación");
  assert.equal(await page.inputValue("#search-q"), "mediacion");
  await page.context().close();
});

test("results appear as you type, within 50 ms of the keystroke once shards are loaded", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "search/");
  await page.waitForSelector("form.search-page:not([hidden])");
  await page.locator("#search-q").pressSequentially("rapporteu", { delay: 30 });
  await results(page);
  // The shards of "rapporteu" are loaded now; time the last keystroke.
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const list = document.getElementById("search-results");
    const input = document.getElementById("search-q");
    const t0 = performance.now();
    new MutationObserver((_, o) => {
      if (list.hasAttribute("aria-busy") || !list.children.length) return;
      o.disconnect();
      resolve(performance.now() - t0);
    }).observe(list, { childList: true, attributes: true });
    input.value += "r";
    input.dispatchEvent(new Event("input"));
  }));
  assert.ok(ms < 50, `results took ${ms} ms`);
  const p = paths(await results(page));
  assert.ok(p.includes("governance/rotating-rapporteur/"), p.join(" "));
  assert.match(page.url(), /\?q=rapporteur$/);
  await page.context().close();
});

test("a Khmer word from inside a Khmer sentence is found", { skip }, async () => {
  const src = fs.readFileSync(path.join(repo, "content/minutes/2025-09-20-battambang-land-dialogue.md"), "utf8");
  assert.match(src, /នៅការិយាល័យវេទិកា/, "the word stands inside a run, with no space around it");
  const page = await newPage();
  await page.goto(base + "search/");
  await page.waitForSelector("form.search-page:not([hidden])");
  await page.fill("#search-q", "ការិយាល័យ");
  const rs = await results(page);
  assert.ok(paths(rs).includes("minutes/2025-09-20-battambang-land-dialogue/"), paths(rs).join(" "));
  assert.ok(rs.some((r) => r.marks.includes("ការិយាល័យ")), "the Khmer word is highlighted");
  await page.context().close();
});

test("Mongolian Cyrillic and a prefix of the last word", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "search/?q=" + encodeURIComponent("эвлэрүүлэн зуучла"));
  const p = paths(await results(page));
  assert.ok(p.includes("members/irgenii-oroltsoo-tuv/"), p.join(" "));
  await page.goto(base + "search/?q=rappor");
  assert.ok(paths(await results(page)).includes("governance/rotating-rapporteur/"));
  await page.context().close();
});

test("word forms: a plural, a verb form and a Mongolian case ending find the pages with the other form", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "search/");
  await page.waitForSelector("form.search-page:not([hidden])");
  for (const [typed, want] of [
    ["rotativas", "members/lucia-ferrer/"], // the page says "relatora rotativa"
    ["gatherings", "minutes/2025-06-12-annual-gathering-2025/"], // "gathering"
    ["evaluated", "topics/monitoring-evaluation/"], // "evaluation", "evaluating"
    ["бэлчээрийн", "members/nogoon-tal-holboo/"], // "бэлчээр…" forms
  ]) {
    await page.fill("#search-q", "");
    await page.locator("#search-q").pressSequentially(typed, { delay: 20 });
    await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q, typed);
    const p = paths(await results(page));
    assert.ok(p.slice(0, 5).includes(want), `${typed}: ${p.join(" ")}`);
  }
  await page.context().close();
});

test("a typo finds the word meant, and highlights it", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "search/?q=facilitaton");
  const rs = await results(page);
  assert.ok(paths(rs).slice(0, 5).includes("topics/facilitation/"), paths(rs).join(" "));
  assert.ok(rs.some((r) => r.marks.some((m) => /^facilitation$/i.test(m))), JSON.stringify(rs.map((r) => r.marks)));
  await page.context().close();
});

test("a query that finds nothing offers one that does: Did you mean …?", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "search/");
  await page.waitForSelector("form.search-page:not([hidden])");
  await page.fill("#search-q", "agemdas");
  const offer = page.locator("#search-status a");
  await offer.waitFor();
  assert.equal(await offer.textContent(), "agenda");
  assert.match(await page.textContent("#search-status"), /^No results for “agemdas”\. Did you mean agenda\?$/);
  assert.deepEqual(await results(page), []);
  await offer.click();
  assert.equal(await page.inputValue("#search-q"), "agenda");
  await page.waitForURL(/\?q=agenda$/);
  const p = paths(await results(page));
  assert.ok(p.includes("curriculum/writing-useful-minutes/"), p.join(" "));
  await page.context().close();
});

test("filters by type and by topic, kept in the URL", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "search/?q=mediacion");
  const all = await results(page);
  await page.selectOption("select[name=type]", "minutes");
  await page.waitForURL(/type=minutes/);
  const minutes = await results(page);
  assert.ok(minutes.length > 0 && minutes.length < all.length);
  assert.ok(minutes.every((r) => r.href.includes("minutes/")), paths(minutes).join(" "));
  await page.selectOption("select[name=type]", "");
  await page.selectOption("select[name=topic]", "land-rights");
  await page.waitForURL(/topic=land-rights/);
  const land = paths(await results(page));
  assert.ok(land.length > 0 && land.length < all.length, land.join(" "));
  assert.ok(land.includes("members/battambang-land-forum/"), land.join(" "));
  await page.goto(base + "search/?q=mediacion&type=minutes");
  assert.equal(await page.inputValue("select[name=type]"), "minutes");
  assert.deepEqual(paths(await results(page)), paths(minutes));
  await page.context().close();
});

test("keyboard: arrows move between the box and the results, Enter opens one", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "search/?q=mediacion");
  const rs = await results(page);
  await page.focus("#search-q");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), rs[0].href);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), rs[1].href);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-q");
  await page.keyboard.press("ArrowDown");
  await Promise.all([page.waitForURL(rs[0].url), page.keyboard.press("Enter")]);
  await page.context().close();
});

test("the search box of every page leads to the results", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "members/");
  await page.fill("#q", "mediacion");
  await Promise.all([page.waitForURL(/\/network\/search\/\?q=mediacion/), page.press("#q", "Enter")]);
  assert.ok(paths(await results(page)).includes("members/red-mujeres-sonora/"));
  await page.context().close();
});

test("more results on demand; the words most pages have when none has all", { skip }, async () => {
  const page = await newPage();
  await page.goto(base + "search/?q=the");
  assert.equal((await results(page)).length, 10);
  const status = await page.textContent("#search-status");
  const total = Number(status.match(/\d+/)[0]);
  assert.ok(total > 10, status);
  await page.click(".search-more");
  await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length === n, Math.min(20, total));
  await page.goto(base + "search/?q=" + encodeURIComponent("mediation qqqzzz"));
  assert.ok((await results(page)).length > 0);
  assert.match(await page.textContent("#search-status"), /^No page has every word/);
  await page.context().close();
});

test("each language searches its own pages: its translations, analysed in their language, and the originals of the rest", { skip }, async () => {
  const page = await newPage();
  // Spanish: a plural finds the translated minutes by their title's
  // singular (the Spanish stemmer), under /es/; an untranslated
  // original is found too, in its own words.
  await page.goto(base + "es/search/?q=encuentros");
  let p = paths(await results(page));
  assert.ok(p.includes("es/minutes/2026-06-04-annual-gathering-2026/"), p.join(" "));
  await page.goto(base + "es/search/?q=rapporteur");
  p = paths(await results(page));
  assert.ok(p.includes("es/governance/rotating-rapporteur/"), p.join(" "));
  assert.ok(p.every((x) => x.startsWith("es/")), p.join(" "));
  // Khmer: the translated module, found by a word inside a Khmer run.
  await page.goto(base + "km/search/?q=" + encodeURIComponent("រង្វង់សិក្សា"));
  p = paths(await results(page));
  assert.ok(p.includes("km/curriculum/learning-circles-101/"), p.join(" "));
  // The default language's index holds the originals only.
  await page.goto(base + "search/?q=encuentros");
  assert.ok(!paths(await results(page)).some((x) => x.includes("annual-gathering-2026")));
  await page.context().close();
});

test("drafts and private fields are not found", { skip }, async () => {
  const page = await newPage();
  // The draft minutes of the clinic; the published exchange of the same
  // name (exchanges/digital-security-clinic/) is found, which shows the
  // query works.
  await page.goto(base + "search/?q=clinic");
  const found = paths(await results(page));
  assert.ok(found.some((p) => p.includes("exchanges/digital-security-clinic")), found.join(" "));
  assert.ok(!found.some((p) => p.includes("2026-11-19-digital-security-clinic")), found.join(" "));
  await page.goto(base + "search/?q=0104"); // Lucía Ferrer's private phone ends 0104
  assert.deepEqual(await results(page), []);
  await page.context().close();
});

test("without JavaScript the search page links to the topic index", { skip }, async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(base + "search/?q=mediacion");
  assert.equal(await page.isVisible("form.search-page"), false);
  const link = page.locator("#search-app a[href='../topics/']");
  assert.equal(await link.count(), 1);
  await page.context().close();
});

test("from file://, results link to index.html files", { skip }, async () => {
  const page = await newPage();
  await page.goto("file://" + path.join(tmp, "network/search/index.html") + "?q=mediacion");
  const rs = await results(page);
  assert.ok(rs.length > 0);
  assert.ok(rs.every((r) => r.url.startsWith("file://") && r.url.endsWith("/index.html")), rs[0].url);
  await page.context().close();
});

test("everything loads from under the subfolder, with no CSP violation", { skip }, () => {
  assert.deepEqual(cspErrors, []);
  const outside = site.log.filter((r) => !r.path.startsWith("/network/"));
  assert.deepEqual(outside.map((r) => r.path), []);
  const missing = site.log.filter((r) => r.status === 404);
  assert.deepEqual(missing.map((r) => r.path), []);
});
