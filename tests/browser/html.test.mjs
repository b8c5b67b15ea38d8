// HTML validity: the Nu Html Checker (npm vnu-jar, run on the machine's
// Java) reports no error on any page of the built example site, nor on
// the pages of a type a community adds (fixtures/community-type/).
//
// Needs Go and Java (Debian: default-jre-headless). Without Java the test
// is skipped, except under CI=true, where it fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { CI, here, repo, build, communitySource, htmlFiles } from "./site.mjs";

const VNU = path.join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
const java = spawnSync("java", ["-version"], { encoding: "utf8" });
const haveJava = java.status === 0;
if (!haveJava && CI) throw new Error("java is missing: CI must run the Nu Html Checker (apt-get install default-jre-headless)");
const skip = haveJava ? false : "no java on PATH";

let tmp;

before(() => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "agora-vnu-"));
  // The checker reads files, so no server: the base URL only shows in
  // canonical links and the 404 page.
  build(repo, path.join(tmp, "example"), "http://127.0.0.1:8080/network/");
  build(communitySource(tmp), path.join(tmp, "community"), "http://127.0.0.1:8080/network/");
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// checkerLag is the one message vnu.jar 26.9.27 gives on valid HTML:
// since 2024 the HTML standard allows blocking="render" on a link whose rel
// is "expect" as well as "stylesheet" (semantics.html#attr-link-blocking,
// links.html#link-type-expect); the checker still knows only the latter.
// It is dropped only for the pages' own <link rel="expect" href="#…">.
function checkerLag(m) {
  return m.message === "A \u201clink\u201d element with a \u201cblocking\u201d attribute must have a \u201crel\u201d attribute whose value is \u201cstylesheet\u201d." &&
    /^<link rel="expect" href="#[\w-]+" blocking="render">$/.test((m.extract || "").substr(m.hiliteStart, m.hiliteLength));
}

// vnu checks files (paths relative to tmp) and returns its errors.
function vnu(files) {
  const r = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "json", ...files], { cwd: tmp, encoding: "utf8", maxBuffer: 64 << 20 });
  let report;
  try {
    report = JSON.parse(r.stderr);
  } catch {
    assert.fail(`vnu.jar did not answer in JSON (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  }
  const errors = report.messages.filter((m) => !checkerLag(m)).map((m) => `${m.url.replace(/^file:.*?\/agora-vnu-[^/]*\//, "")}:${m.lastLine}:${m.firstColumn ?? m.lastColumn}: ${m.type}: ${m.message}\n    ${(m.extract || "").replace(/\n/g, " ")}`);
  if (report.messages.length === 0) assert.equal(r.status, 0, r.stderr);
  return errors;
}

test("the Nu Html Checker finds no error in any built page", { skip }, () => {
  const files = htmlFiles(path.join(tmp, "example"));
  assert.ok(files.length > 50, `${files.length} pages`);
  for (const f of ["index.html", "404.html", "search/index.html", "members/index.html"]) assert.ok(files.includes(f), f);
  const errors = vnu(files.map((f) => path.join("example", f)));
  assert.deepEqual(errors, [], `${errors.length} errors:\n${errors.join("\n")}`);
});

test("nor in the pages of a type a community adds", { skip }, () => {
  const files = htmlFiles(path.join(tmp, "community")).filter((f) => f.startsWith("events/") || f.startsWith("members/"));
  assert.ok(files.includes("events/water-fair/index.html") && files.includes("events/index.html"), files.join(" "));
  const errors = vnu(files.map((f) => path.join("community", f)));
  assert.deepEqual(errors, [], `${errors.length} errors:\n${errors.join("\n")}`);
});
