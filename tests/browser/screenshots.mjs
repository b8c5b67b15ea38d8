// Takes the README's screenshots of the example site (docs/screenshots/),
// built by agora build and served as the browser suite serves it, in
// headless Chromium, 1000 × 1400 pixels:
//
//   node screenshots.mjs
//
// The page with photos is shown from its text, where they are. The
// editor (/admin/, Sveltia CMS) is shown offline as the browser test
// runs it (cms.mjs), editing a member, 1280 × 900.
import path from "node:path";
import { repo, startSite, launch, settle } from "./site.mjs";
import * as cms from "./cms.mjs";

const SHOTS = [
  { file: "member.png", path: "members/red-mujeres-sonora/" },
  { file: "directory.png", path: "members/" },
  { file: "minutes-photos.png", path: "minutes/2025-06-12-annual-gathering-2025/", from: "#overview" },
  { file: "member-logo.png", path: "members/colectivo-agua-coahuila/" },
];

const site = await startSite();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  for (const s of SHOTS) {
    await page.goto(site.base + s.path);
    await settle(page);
    if (s.from) await page.locator(s.from).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16));
    await page.waitForFunction(() => [...document.images].every((img) => img.complete || img.loading === "lazy"));
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(repo, "docs", "screenshots", s.file) });
    console.log("wrote docs/screenshots/" + s.file);
  }
  const editor = await startSite({ editor: true });
  try {
    const { context, page: cmsPage } = await cms.offline(browser, editor);
    await cms.signIn(cmsPage, editor);
    await cmsPage.goto(`${editor.base}admin/#/collections/member/entries/red-mujeres-sonora`);
    await cmsPage.getByRole("textbox", { name: "Name" }).waitFor();
    await cmsPage.waitForTimeout(1000); // the fonts and the preview settle
    await cmsPage.screenshot({ path: path.join(repo, "docs", "screenshots", "editor.png") });
    console.log("wrote docs/screenshots/editor.png");
    await context.close();
  } finally {
    editor.close();
  }
} finally {
  await browser.close();
  site.close();
}
