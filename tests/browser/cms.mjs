// Sveltia CMS offline, for the editor's browser test (editor.test.mjs)
// and the README's screenshot of it (screenshots.mjs): the pinned script
// served from node_modules at its unpkg address (so the page's SRI hash
// checks the very bytes npm installed), its fonts from npm's fontsource
// packages at their CDN address, the generated config.yml with its
// backend swapped for the CMS's own test backend, which keeps the
// repository in the browser's origin-private file system.
import fs from "node:fs";
import path from "node:path";
import { here } from "./site.mjs";

export const VERSION = JSON.parse(fs.readFileSync(path.join(here, "package.json"), "utf8")).devDependencies["@sveltia/cms"];
export const SCRIPT_URL = `https://unpkg.com/@sveltia/cms@${VERSION}/dist/sveltia-cms.js`;
export const SCRIPT = fs.readFileSync(path.join(here, "node_modules/@sveltia/cms/dist/sveltia-cms.js"));
// The folder of the origin-private file system where the CMS's test-repo
// backend reads and writes the repository (dist/sveltia-cms.js).
export const TEST_REPO = "sveltia-cms-test";
// What the CMS asks of the network beyond the pinned script and its
// fonts, all allowed by /admin/'s policy; offline, each fails quietly
// (the version check is skipped; a font of another version than npm's
// falls back).
const OFFLINE_OK = [/^https:\/\/cdn\.jsdelivr\.net\/fontsource\//, /^https:\/\/unpkg\.com\/@sveltia\/cms\/package\.json$/];

// fontFile is the file of npm's fontsource package (a devDependency) for
// a font the CMS loads from jsDelivr's fontsource CDN, of the same
// version; null for any other URL.
//   https://cdn.jsdelivr.net/fontsource/fonts/NAME[:vf]@VERSION/FILE
//   -> node_modules/@fontsource[-variable]/NAME/files/NAME-FILE
export function fontFile(url) {
  const m = /^https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\/([a-z0-9-]+)(:vf)?@([0-9.]+)\/([a-z0-9-]+\.woff2)$/.exec(url);
  if (!m) return null;
  const dir = path.join(here, "node_modules", m[2] ? "@fontsource-variable" : "@fontsource", m[1]);
  try {
    if (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version !== m[3]) return null;
  } catch {
    return null;
  }
  const file = path.join(dir, "files", `${m[1]}-${m[4]}`);
  return fs.existsSync(file) ? file : null;
}

// isCMSLocaleTabBug is the one uncaught error tolerated, a bug of the
// CMS itself (0.221.1), not of the generated configuration: with
// i18n initial_locales, after a save the locale tabs read the validity
// of a language left disabled (Object.values of undefined, in the tab
// header's error icon). The entry is saved and checked all the same;
// any other uncaught error fails the tests. Report it upstream.
export function isCMSLocaleTabBug(e) {
  return e.message === "Cannot convert undefined or null to object" &&
    /at Object\.values \(<anonymous>\)\n\s+at https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/dist\/sveltia-cms\.js:/.test(e.stack || "");
}

// offline opens a context in which nothing leaves 127.0.0.1: the pinned
// script comes from node_modules, every other outside request fails and
// is recorded; config.yml's backend becomes test-repo. problems collects
// console errors other than those failed requests, uncaught exceptions
// and outside requests the policy should not have let through.
export async function offline(browser, site, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const problems = [];
  const outside = [];
  await context.route((url) => url.hostname !== "127.0.0.1", (route) => {
    const url = route.request().url();
    if (url === SCRIPT_URL) {
      return route.fulfill({ status: 200, contentType: "text/javascript", body: SCRIPT, headers: { "Access-Control-Allow-Origin": "*" } });
    }
    const font = fontFile(url);
    if (font) {
      return route.fulfill({ status: 200, contentType: "font/woff2", body: fs.readFileSync(font), headers: { "Access-Control-Allow-Origin": "*" } });
    }
    outside.push(url);
    if (!OFFLINE_OK.some((re) => re.test(url))) problems.push(`request outside the site: ${url}`);
    return route.abort("internetdisconnected");
  });
  await context.route(`${site.base}admin/config.yml*`, async (route) => {
    const response = await route.fetch();
    const generated = await response.text();
    const config = generated.replace(/^backend:\n(?: {2}.*\n)+/m, 'backend:\n  name: "test-repo"\n');
    if (config === generated) problems.push(`config.yml has no backend to swap:\n${generated.slice(0, 300)}`);
    return route.fulfill({ response, body: config });
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && !/net::ERR_INTERNET_DISCONNECTED/.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => {
    if (isCMSLocaleTabBug(e)) return;
    problems.push(`uncaught: ${e.message}`);
  });
  return { context, page, problems, outside };
}

// seed puts the example's content/ into the test backend's repository,
// so that relations offer the example's members and topics.
export async function seed(page, site) {
  const files = {};
  const content = path.join(site.source, "content");
  for (const f of fs.readdirSync(content, { recursive: true })) {
    const file = path.join(content, f);
    if (fs.statSync(file).isFile()) files[`content/${f}`] = fs.readFileSync(file).toString("base64");
  }
  await page.goto(site.base);
  await page.evaluate(async ({ files, folder }) => {
    const top = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true });
    for (const [name, data] of Object.entries(files)) {
      const parts = name.split("/");
      let dir = top;
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
      await writable.close();
    }
  }, { files, folder: TEST_REPO });
  return files;
}

// signIn seeds the repository, opens /admin/ with the test backend and
// waits for the CMS to be ready; it returns what seed put there.
export async function signIn(page, site) {
  const before = await seed(page, site);
  await page.goto(`${site.base}admin/`);
  await page.getByRole("button", { name: "Work with Test Repository" }).click();
  await page.getByRole("button", { name: "Create Entry or Assets" }).waitFor();
  return before;
}

// repository reads back every file of the test backend's repository.
export function repository(page) {
  return page.evaluate(async (folder) => {
    const files = {};
    async function walk(dir, prefix) {
      for await (const [name, handle] of dir.entries()) {
        if (handle.kind === "directory") await walk(handle, `${prefix}${name}/`);
        else files[prefix + name] = await (await handle.getFile()).text();
      }
    }
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle(folder), "");
    return files;
  }, TEST_REPO);
}

// repositoryBytes reads one file of the test backend's repository as it
// is (repository reads text).
export async function repositoryBytes(page, name) {
  const base64 = await page.evaluate(async ({ folder, name }) => {
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
    const parts = name.split("/");
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    const bytes = new Uint8Array(await (await (await dir.getFileHandle(parts.at(-1))).getFile()).arrayBuffer());
    let text = "";
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, { folder: TEST_REPO, name });
  return Buffer.from(base64, "base64");
}
