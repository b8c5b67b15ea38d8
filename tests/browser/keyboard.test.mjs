// Keyboard alone, in headless Chromium, on the built example site: the
// skip link, a visible focus indicator, search from the box at the top of
// every page to a result, and the member directory's filters.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { skip, startSite, launch, watch, settle } from "./site.mjs";

let site, browser;

before(async () => {
  if (skip) return;
  site = await startSite();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
});

async function open(path, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = watch(page, site.base);
  await page.goto(site.base + path);
  await settle(page);
  return { page, problems };
}

// active describes the focused element.
const active = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, name: el.getAttribute("name"), href: el.getAttribute("href"), text: (el.textContent || "").trim().slice(0, 60) };
});

// tabTo presses Tab until matches(the focused element) holds, at most max
// times; returns how many presses it took.
async function tabTo(page, matches, max) {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press("Tab");
    if (matches(await active(page))) return n;
  }
  assert.fail(`not reached in ${max} presses of Tab; focus is on ${JSON.stringify(await active(page))}`);
}

test("the skip link shows on focus and moves focus to main", { skip }, async () => {
  const { page, problems } = await open("members/red-mujeres-sonora/");
  const box = () => page.locator("a.skip").boundingBox();
  const hidden = await box();
  assert.ok(hidden.y + hidden.height <= 0, `off screen until focused: ${JSON.stringify(hidden)}`);
  await page.keyboard.press("Tab");
  assert.equal((await active(page)).cls, "skip", "the first Tab reaches the skip link");
  const shown = await box();
  const vp = page.viewportSize();
  assert.ok(shown.y >= 0 && shown.x >= 0 && shown.y + shown.height <= vp.height && shown.width > 20,
    `inside the viewport once focused: ${JSON.stringify(shown)}`);
  await page.keyboard.press("Enter");
  assert.equal((await active(page)).id, "main", "Enter moves focus to main");
  assert.match(page.url(), /#main$/);
  // The next Tab goes on from main's content, not back to the header.
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.querySelector("main").contains(document.activeElement)),
    `after the skip link, Tab stays in main: ${JSON.stringify(await active(page))}`);
  assert.deepEqual(problems, []);
  await page.context().close();
});

// Relative luminance and contrast ratio (WCAG 2.x) of CSS rgb() colours.
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map(Number).map((c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

for (const colorScheme of ["light", "dark"]) {
  test(`focus is visible on links, the search box, buttons and selects (${colorScheme})`, { skip }, async () => {
    const { page, problems } = await open("members/", { colorScheme });
    const look = () => page.evaluate(() => {
      const el = document.activeElement, s = getComputedStyle(el);
      let bg = "rgba(0, 0, 0, 0)";
      for (let e = el.parentElement; e && /rgba\(.*, 0\)$|transparent/.test(bg); e = e.parentElement) bg = getComputedStyle(e).backgroundColor;
      return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, style: s.outlineStyle, width: parseFloat(s.outlineWidth),
        color: s.outlineColor, shadow: s.boxShadow, bg, sel: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.name ? `[name=${el.name}]` : "") };
    });
    const targets = [
      (a) => a.tag === "a" && a.cls === "brand",
      (a) => a.id === "q",
      (a) => a.tag === "button",
      (a) => a.tag === "a" && a.href === "../minutes/",
      (a) => a.tag === "select",
    ];
    for (const matches of targets) {
      await tabTo(page, matches, 30);
      const focused = await look();
      // The same element, unfocused.
      await page.evaluate(() => { window.__agoraLast = document.activeElement; document.activeElement.blur(); });
      const rest = await page.evaluate(() => {
        const s = getComputedStyle(window.__agoraLast);
        return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow };
      });
      await page.evaluate(() => window.__agoraLast.focus({ focusVisible: true }));
      assert.ok(focused.outline !== rest.outline || focused.shadow !== rest.shadow,
        `${focused.sel}: focus changes its outline or box-shadow (focused ${focused.outline} / ${focused.shadow}; not ${rest.outline} / ${rest.shadow})`);
      assert.ok(focused.style !== "none" && focused.width >= 2, `${focused.sel}: a solid outline of 2 px or more, got ${focused.outline}`);
      const ratio = contrast(focused.color, focused.bg);
      assert.ok(ratio >= 3, `${focused.sel}: the outline ${focused.color} has ${ratio.toFixed(2)}:1 against ${focused.bg}, under 3:1`);
    }
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}

test("search with keys alone: Tab to the box, type, Enter; ArrowDown to a result, Enter opens it", { skip }, async () => {
  const { page, problems } = await open("");
  const presses = await tabTo(page, (a) => a.id === "q", 5);
  assert.ok(presses <= 3, `the search box is the ${presses}th stop from the top (skip link, site name, box)`);
  await page.keyboard.type("mediacion");
  await Promise.all([page.waitForURL(/\/network\/search\/\?q=mediacion$/), page.keyboard.press("Enter")]);
  await settle(page);
  assert.equal((await active(page)).id, "search-q", "the search page's box has focus");
  assert.equal(await page.inputValue("#search-q"), "mediacion");
  const first = await page.locator("#search-results > li a").first().getAttribute("href");
  await page.keyboard.press("ArrowDown");
  assert.equal((await active(page)).href, first, "ArrowDown reaches the first result");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  assert.equal((await active(page)).href, first);
  const target = new URL(first, page.url()).href;
  await Promise.all([page.waitForURL(target), page.keyboard.press("Enter")]);
  assert.ok(await page.isVisible("main h1"));
  // Typing in the search page's box updates the results, keys alone.
  await page.goto(site.base + "search/");
  await page.waitForSelector("form.search-page:not([hidden])");
  assert.equal((await active(page)).id, "search-q");
  await page.keyboard.type("rapporteur");
  await page.waitForSelector("#search-results > li");
  await page.keyboard.press("ArrowDown");
  assert.equal((await active(page)).tag, "a");
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("the directory filters work from the keyboard, across all its pages", { skip }, async () => {
  const { page, problems } = await open("members/");
  const paged = () => page.locator("#directory-list .directory > li:visible").count();
  const results = () => page.locator("#directory-results .directory > li:visible").count();
  const onPage = await page.locator("#directory-list .directory > li a").evaluateAll((as) => as.map((a) => a.href));
  assert.ok(onPage.length >= 5 && await page.locator("nav.pager").count() === 1, `a paged directory: ${onPage.length} members on page 1`);
  const count = (name) => page.$eval(`select[name=${name}]`, (s) => +s.options[s.selectedIndex].dataset.count);
  await tabTo(page, (a) => a.tag === "select" && a.name === "region", 20);
  await page.keyboard.press("ArrowDown");
  const region = await page.inputValue("select[name=region]");
  assert.notEqual(region, "", "ArrowDown picks the first region");
  await page.waitForSelector("#directory-results:not([hidden]) li");
  const n = await results();
  assert.equal(n, await count("region"), `every member of ${region}, on whichever page`);
  assert.equal(await paged(), 0, "the page's own list is hidden while filtering");
  const all = await page.$eval("#member-filters", (f) => f.dataset.total);
  assert.match(await page.textContent("#member-filters .count"), new RegExp(`^${n}\\D+${all}\\D`));
  assert.equal(new URL(page.url()).searchParams.get("region"), region);
  // Tab on to the next filter and narrow further; back to all with Home.
  await page.keyboard.press("Tab");
  assert.equal((await active(page)).name, "country");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Home");
  assert.equal(await page.inputValue("select[name=region]"), "");
  assert.equal(await paged(), onPage.length, "the page's list is back");
  await tabTo(page, (a) => a.name === "kind", 3);
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowDown");
  const kind = await page.inputValue("select[name=kind]");
  await page.waitForSelector("#directory-results:not([hidden]) li");
  const k = await results();
  assert.equal(k, await count("kind"), `every ${kind} member`);
  const found = await page.locator("#directory-results .directory > li a").evaluateAll((as) => as.map((a) => a.href));
  assert.ok(found.some((h) => !onPage.includes(h)), "the filter finds members of other pages");
  for (const h of found) {
    const res = await page.request.get(h);
    assert.equal(res.status(), 200, h);
  }
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("a filtered directory opens from its link", { skip }, async () => {
  const { page, problems } = await open("members/?kind=individual");
  await page.waitForSelector("#directory-results:not([hidden]) li");
  assert.equal(await page.inputValue("select[name=kind]"), "individual");
  const n = await page.locator("#directory-results .directory > li").count();
  assert.equal(n, await page.$eval("select[name=kind]", (s) => +s.options[s.selectedIndex].dataset.count));
  assert.deepEqual(problems, []);
  await page.context().close();
});
