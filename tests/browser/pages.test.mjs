// One page of every kind of the built example site (and of a type a
// community adds: fixtures/community-type/), served from /network/
// on 127.0.0.1, in headless Chromium: axe-core finds no violation at any
// impact (light and dark colour schemes, and 320 px wide, where nothing
// may be wider than the window), the page logs no console error and no
// request fails, every image has alt text, and the page works with
// JavaScript disabled; its icon loads from the site's folder and nothing
// asks the host for /favicon.ico. See site.mjs for the set-up and the
// list of pages.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PAGES, COMMUNITY_PAGES, skip, here, startSite, launch, watch, settle, htmlFiles } from "./site.mjs";

const AXE = path.join(here, "node_modules/axe-core/axe.min.js");
// site: the example; community: the example plus a type it adds.
let site, community, browser;

before(async () => {
  if (skip) return;
  site = await startSite();
  community = await startSite({ community: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
  community?.close();
});

// axe injects axe-core and runs every rule that axe-core runs by default
// (WCAG 2.0–2.2 A and AA, and best practices), returning the violations.
// With url (site.axe), the script is loaded from the test server: the
// pages' Content-Security-Policy (script-src 'self') lets it in, and
// Chromium caches it compiled (90 ms a page rather than 290). Without,
// page.addScriptTag writes it inline, which the policy blocks: callers
// then open the page in a context with bypassCSP: true.
async function axe(page, rules = null, url = null) {
  if (!await page.evaluate(() => "axe" in window)) await page.addScriptTag(url ? { url } : { path: AXE });
  return page.evaluate(async (rules) => {
    const only = rules ? { runOnly: { type: "rule", values: rules } } : {};
    const r = await window.axe.run(document, { resultTypes: ["violations"], ...only });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`).join("\n"));
  }, rules);
}

async function open(options, p) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const from = p.community ? community : site;
  const url = from.base + p.path;
  const problems = watch(page, from.base, p.status === 404 ? url : null);
  const res = await page.goto(url);
  assert.equal(res.status(), p.status || 200, url);
  await settle(page);
  assert.ok(await page.$(p.has), `${url} is a ${p.kind}: it has ${p.has}`);
  return { page, url, problems };
}

// inViewport tells whether the element is laid out and its top inside the
// viewport (it was scrolled to).
async function inViewport(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= -1 && r.top < innerHeight;
  });
}

for (const p of [...PAGES, ...COMMUNITY_PAGES.map((c) => ({ ...c, community: true }))]) {
  describe(`${p.kind} (/network/${p.path})`, { skip }, () => {
    // One load under the page's own policy serves the first two tests:
    // its script-src 'self' lets axe-core in from the test server.
    let from, loaded, logged;
    before(async () => {
      from = p.community ? community : site;
      logged = from.log.length;
      loaded = await open({}, p);
    });
    after(() => loaded?.page.context().close());

    // The first load also looks at the site icon: every page declares it,
    // so Chromium asks for it in the site's own folder, never for the
    // host's /favicon.ico (which a site served from a subfolder does not
    // own: a failed request in the console on the first page of every
    // visit). The static host's log sees every request, the browser's own
    // icon requests included.
    test("no console error, no failed request, every image has alt text; the icon loads from the site's folder, no /favicon.ico", async () => {
      const { page, problems } = loaded;
      const noAlt = await page.$$eval("img:not([alt])", (imgs) => imgs.map((i) => i.outerHTML));
      assert.deepEqual(noAlt, [], "images without alt");
      const icon = await page.$eval("link[rel=icon]", (l) => l.href);
      assert.match(icon, /\/network\/assets\/favicon\.[0-9a-f]{8}\.svg$/);
      const asked = () => from.log.slice(logged).map((r) => `${r.path} ${r.status || 200}`);
      for (let i = 0; i < 50 && !asked().includes(`${new URL(icon).pathname} 200`); i++) await page.waitForTimeout(20);
      assert.ok(asked().includes(`${new URL(icon).pathname} 200`), `the icon was not fetched: ${asked().join(", ")}`);
      assert.deepEqual(asked().filter((r) => r.includes("favicon.ico")), []);
      // A second look once scripts have run and the page is idle.
      await page.waitForTimeout(200);
      assert.deepEqual(problems, []);
    });

    // The same load in three states: the dark scheme changes colours
    // only, and 320 px wide the layout reflows (the theme script's
    // ResizeObserver makes scrollers focusable after the next frame).
    test("axe-core: no violation at any impact (light, dark, and 320 px wide, where nothing is wider than the window)", async () => {
      const { page, problems } = loaded;
      const found = [];
      for (const v of await axe(page, null, from.axe)) found.push(`light: ${v}`);
      await page.emulateMedia({ colorScheme: "dark" });
      for (const v of await axe(page)) found.push(`dark: ${v}`);
      await page.emulateMedia({ colorScheme: "light" });
      await page.setViewportSize({ width: 320, height: 640 });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const over = await page.evaluate(() => {
        const d = document.documentElement, w = d.getBoundingClientRect().width;
        if (d.scrollWidth <= Math.ceil(w)) return [];
        return [`the page is ${d.scrollWidth} px wide in ${w} px`, ...[...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > w + 0.5 && !e.parentElement.closest(".table-wrap, pre"))
          .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}: right edge at ${e.getBoundingClientRect().right}`)];
      });
      assert.deepEqual(over, []);
      for (const v of await axe(page)) found.push(`320 px: ${v}`);
      assert.equal(found.length, 0, `${found.length} axe violations:\n${found.join("\n")}`);
      assert.deepEqual(problems.filter((x) => !x.includes(from.axe)), []);
    });

    test("works without JavaScript", async () => {
      const { page, problems } = await open({ javaScriptEnabled: false }, p);
      assert.ok(await page.isVisible("main h1"), "the page's heading shows");
      assert.deepEqual(problems, []);

      if (p.kind === "members directory") {
        // The filters need scripts: hidden, and taking no room.
        assert.equal(await page.isVisible("#member-filters"), false);
        assert.equal(await page.locator("#member-filters").boundingBox(), null);
        // Every member shows, on one of the directory's pages, which the
        // pager's links lead through.
        const members = fs.readdirSync(path.join(site.dir, "members"), { withFileTypes: true })
          .filter((d) => d.isDirectory() && !d.name.startsWith("by.") && d.name !== "page").length;
        assert.ok(members >= 10, `${members} member pages`);
        const listed = async () => {
          const shown = [];
          for (;;) {
            const items = page.locator("main ul.cards > li");
            for (let i = 0; i < await items.count(); i++) {
              assert.ok(await items.nth(i).isVisible(), `member ${shown.length + 1} shows`);
              shown.push(await items.nth(i).locator("a").first().getAttribute("href"));
            }
            const next = page.locator("nav.pager a[rel=next]");
            if (!await next.count()) return shown;
            await Promise.all([page.waitForNavigation(), next.click()]);
          }
        };
        const all = await listed();
        assert.equal(all.length, members, `the pages list ${all.length} members`);
        await page.goto(site.base + p.path);
        // The browse links (by region, country and kind) lead to pages that
        // list as many members as the link says.
        const links = await page.$$eval("nav.browse dd a", (as) => as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })));
        assert.ok(links.length >= 6, `${links.length} browse links`);
        for (const l of links) {
          const [res] = await Promise.all([page.waitForNavigation(), page.click(`nav.browse a[href='${l.href}']`)]);
          assert.equal(res.status(), 200, l.href);
          const n = (await listed()).length;
          assert.ok(n > 0 && l.text.endsWith(`(${n})`), `${l.text}: ${n} members listed at ${l.href}`);
          await page.goto(site.base + p.path);
        }
        // So do the section links of the page, and the topic index link.
        for (const href of await page.$$eval("main a[href^='#']", (as) => as.map((a) => a.getAttribute("href")))) {
          await page.click(`main a[href='${href}']`);
          await page.waitForURL((u) => u.hash === href);
          assert.ok(await inViewport(page, href), `${href} is scrolled into view`);
        }
        const [res] = await Promise.all([page.waitForNavigation(), page.click("nav.browse a[href$='topics/']")]);
        assert.equal(res.status(), 200);
        assert.match(page.url(), /\/network\/topics\/$/);
        assert.ok(await page.isVisible("table.demand"));
      }

      if (p.kind === "search") {
        assert.equal(await page.isVisible("form.search-page"), false, "the search form needs scripts");
        assert.equal(await page.locator("form.search-page").boundingBox(), null, "and takes no room without them");
        const link = page.locator("#search-app a[href='../topics/']");
        assert.equal(await link.count(), 1);
        assert.ok(await link.isVisible(), "the search page shows the link to the topic index");
        const [res] = await Promise.all([page.waitForNavigation(), link.click()]);
        assert.equal(res.status(), 200);
        assert.match(page.url(), /\/network\/topics\/$/);
      }

      assert.deepEqual(problems, []);
      await page.context().close();
    });
  });
}

// From file:// (a site opened from a USB stick) the icon's relative link
// leads to the icon's file on a page of every kind but the 404 page,
// which links from the site's root path as it does for its other assets
// (TestEveryPageHasTheSiteIcon resolves every page's link in Go).
test("from file://, the icon link of a page of every kind leads to the icon", { skip }, async () => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const pages = PAGES.filter((p) => p.kind !== "404").map((p) => p.path.replace(/\?.*/, "") + "index.html");
  const missing = [];
  for (const f of pages) {
    await page.goto(pathToFileURL(path.join(site.dir, f)).href);
    const href = await page.$eval("link[rel=icon]", (l) => l.href);
    if (!href.startsWith("file://") || !fs.existsSync(fileURLToPath(href))) missing.push(`${f}: ${href}`);
  }
  assert.deepEqual(missing, []);
  await page.context().close();
});

// Every other built page: content-specific markup (task lists, code
// blocks, tables, other scripts) shows up on some pages only. Each page
// is opened once and checked in three states: light with every rule;
// dark, where only colours change, with the rules about colour; 320 px
// wide, where nothing may be wider than the window and a region that
// scrolls must be reachable from the keyboard. The first page of each
// kind gets every rule in all three states, as the pages above do. The
// other languages' pages are the same templates with other text and
// scripts: one page of each kind in each language; so do the numbered
// pages and facet pages of lists, whose items are the entries' titles
// and summaries. (Every page of every
// language with every rule in every state took over 20 minutes of CI's
// 2 cores once the example had four languages.)
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];
const NARROW_RULES = ["scrollable-region-focusable", "target-size"];

// pageKind names a page's template: the language folder, then the path
// with each slug as "*" ("members/*", "members/by.country/*").
function pageKind(p, languages) {
  const parts = p.split("/").filter(Boolean);
  const lang = languages.has(parts[0]) ? parts.shift() : "";
  const shape = parts.map((s, i) => (i === 0 || s === "page" || s.startsWith("by.") ? s : "*"));
  return { lang, kind: shape.join("/") };
}

// siteLanguages lists the language folders of a built site: the
// top-level folders whose home page says it is in that language.
function siteLanguages(dir) {
  return new Set(fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
    .filter((name) => {
      const home = path.join(dir, name, "index.html");
      return fs.existsSync(home) && new RegExp(`<html[^>]* lang="${name}"`).test(fs.readFileSync(home, "utf8"));
    }));
}

test("axe-core: no violation on every other built page (light, dark, 320 px wide)", { skip }, async () => {
  const kinds = new Set(PAGES.map((p) => p.path.replace(/\?.*/, "")));
  const languages = siteLanguages(site.dir);
  assert.ok(languages.size >= 3, `language folders: ${[...languages]}`);
  const paths = htmlFiles(site.dir).map((f) => f.replace(/\\/g, "/").replace(/(^|\/)index\.html$/, "$1"))
    .filter((p) => !kinds.has(p) && p !== "404.html");
  const seen = new Set();
  const checks = paths.flatMap((p) => {
    const { lang, kind } = pageKind(p, languages);
    // A list's other pages and facets hold no text of their own.
    if (lang !== "" || /(^|\/)(page|by\.[^/]*)(\/|$)/.test(kind)) {
      const key = lang + " " + kind;
      if (seen.has(key)) return [];
      seen.add(key);
    }
    const full = !seen.has(kind);
    seen.add(kind);
    return [{ p, full }];
  });
  assert.ok(checks.filter((c) => !pageKind(c.p, languages).lang).length > 40, `${checks.length} pages`);
  assert.ok(checks.some((c) => pageKind(c.p, languages).lang === "km"), "a Khmer page is checked");
  const found = [];
  console.log(`# ${checks.length} pages, ${checks.filter((c) => c.full).length} with every rule in every state`);
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  for (const { p, full } of checks) {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(site.base + p);
    for (const v of await axe(page, null, site.axe)) found.push(`${p} (light): ${v}`);
    await page.emulateMedia({ colorScheme: "dark" });
    for (const v of await axe(page, full ? null : COLOUR_RULES)) found.push(`${p} (dark): ${v}`);
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 320, height: 640 });
    // The theme script's ResizeObserver makes scrollers focusable after the next layout.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const [wide, w] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.getBoundingClientRect().width]);
    if (wide > Math.ceil(w)) found.push(`${p} (320 px): the page is ${wide} px wide in ${w} px`);
    for (const v of await axe(page, full ? null : NARROW_RULES)) found.push(`${p} (320 px): ${v}`);
  }
  await context.close();
  assert.equal(found.length, 0, found.join("\n"));
});
