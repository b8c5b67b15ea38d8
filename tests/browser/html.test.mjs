// HTML validity: the Nu Html Checker (npm vnu-jar, run on the machine's
// Java) reports no error on any page of the built example site.
//
// Needs Go and Java (Debian: default-jre-headless). Without Java the test
// is skipped, except under CI=true, where it fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { CI, TODAY, here, repo, htmlFiles } from "./site.mjs";

const VNU = path.join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
const java = spawnSync("java", ["-version"], { encoding: "utf8" });
const haveJava = java.status === 0;
if (!haveJava && CI) throw new Error("java is missing: CI must run the Nu Html Checker (apt-get install default-jre-headless)");
const skip = haveJava ? false : "no java on PATH";

let tmp, dir;

before(() => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "agora-vnu-"));
  dir = path.join(tmp, "network");
  // The checker reads files, so no server: the base URL only shows in
  // canonical links and the 404 page.
  execFileSync("go", ["run", "./cmd/agora", "build", "--out", dir, "--base-url", "http://127.0.0.1:8080/network/"], {
    cwd: repo, env: { ...process.env, AGORA_TODAY: TODAY }, stdio: ["ignore", "pipe", "pipe"],
  });
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("the Nu Html Checker finds no error in any built page", { skip }, () => {
  const files = htmlFiles(dir);
  assert.ok(files.length > 50, `${files.length} pages`);
  assert.ok(files.includes("404.html") && files.includes("search/index.html") && files.includes("index.html"));
  const r = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "json", ...files], { cwd: dir, encoding: "utf8", maxBuffer: 64 << 20 });
  let report;
  try {
    report = JSON.parse(r.stderr);
  } catch {
    assert.fail(`vnu.jar did not answer in JSON (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  }
  const errors = report.messages.map((m) => `${m.url.replace(/^file:.*?\/network\//, "")}:${m.lastLine}:${m.firstColumn ?? m.lastColumn}: ${m.type}: ${m.message}\n    ${(m.extract || "").replace(/\n/g, " ")}`);
  assert.deepEqual(errors, [], `${errors.length} errors:\n${errors.join("\n")}`);
  assert.equal(r.status, 0);
});
