// Node tests of the search client (themes/default/static/search.js): its
// tokenizer, shard decoder and ranking must agree with generator/search on
// the same fixtures — testdata/tokens.json, the fixture index built from
// testdata/corpus.json, and testdata/queries.json (the Go ranking's
// answers). Run: node --test (in tests/browser).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const clientFile = path.join(repo, "themes/default/static/search.js");
const core = createRequire(import.meta.url)(clientFile);
const testdata = path.join(repo, "generator/search/testdata");
const readJSON = (name) => JSON.parse(fs.readFileSync(path.join(testdata, name), "utf8"));

// load reads an index file the way a browser runs it: as a script that
// calls agoraSearchLoad(key, value).
function loader(dir, loaded = []) {
  return async (key) => {
    const src = fs.readFileSync(path.join(dir, key + ".js"), "utf8");
    let got;
    vm.runInNewContext(src, { agoraSearchLoad: (k, v) => { got = { k, v }; } });
    assert.equal(got?.k, key, `${key}.js announces itself as ${got?.k}`);
    loaded.push(key);
    return got.v;
  };
}

test("the client is at most 10 KB gzipped", () => {
  const gz = zlib.gzipSync(fs.readFileSync(clientFile), { level: 9 }).length;
  assert.ok(gz <= 10240, `search.js is ${gz} bytes gzipped`);
});

test("terms agree with the Go tokenizer", () => {
  const { texts } = readJSON("tokens.json");
  for (const c of texts) assert.deepEqual(core.terms(c.text), c.terms, c.text);
});

test("queries parse as in Go", () => {
  const { queries } = readJSON("tokens.json");
  for (const c of queries) {
    const got = core.parseQuery(c.query).map((w) => ({ terms: w.terms, prefix: w.prefix }));
    assert.deepEqual(got, c.words, JSON.stringify(c.query));
  }
});

test("folding", () => {
  assert.equal(core.fold("Mediación PARTICIPACIÓN"), "mediacion participacion");
  assert.equal(core.fold("Ёс ΟΔΟΣ Ｆｕｌｌ"), "ес οδοσ full");
  assert.equal(core.fold("សំឡេង\u200bយុវជន"), "សំឡេងយុវជន");
});

test("the shard decoder reads counts, gaps, idf and impacts", () => {
  const s = core.decodeShard("ការ 3E523rwT\nកិច្ច 1_8O\n");
  assert.deepEqual([...s.m.keys()], ["ការ", "កិច្ច"]);
  const p = core.postings(s.m.get("ការ"));
  assert.equal(p.idf, 40);
  assert.deepEqual([...p.docs], [5, 8, 12]);
  assert.deepEqual([...p.imps], [27, 32, 55]);
  // Numbers of several digits: 1000 = 31×32 + 8 → "_8"; the gap 32 = 1×32 + 0 → "x0".
  const q = core.postings(core.decodeShard("x 2a_8x01A\n").m.get("x"));
  assert.deepEqual([...q.docs], [1000, 1033]);
  assert.throws(() => core.postings(core.decodeShard("x 2a0\n").m.get("x")));
  assert.throws(() => core.decodeShard("no end"));
});

test("stem sections: a term's stems, a group's members, a stem that is no term", () => {
  const s = core.decodeShard("evalu+ation,ated\nevaluation 1a0A^evalu\nstudi+es,=study\nstudy 1a1B^studi+\n");
  assert.deepEqual(s.terms, ["evaluation", "study"], "only terms with postings");
  assert.deepEqual(core.postings(s.m.get("evalu")).group, ["evaluation", "evaluated"]);
  assert.deepEqual([...core.postings(s.m.get("evalu")).docs], []);
  const e = core.postings(s.m.get("evaluation"));
  assert.deepEqual([e.stems, e.group, [...e.docs]], [["evalu"], [], [0]]);
  assert.deepEqual(core.postings(s.m.get("studi")).group, ["studies", "study"]);
  const st = core.postings(s.m.get("study"));
  assert.deepEqual([st.stems, st.group, [...st.docs]], [["studi"], ["study"], [1]]);
  assert.throws(() => core.postings(core.decodeShard("x 1a0A?\n").m.get("x")));
});

test("ranking matches the Go reference on the fixture index", async () => {
  const engine = new core.Engine(loader(path.join(testdata, "index")));
  for (const c of readJSON("queries.json")) {
    const res = await engine.search(c.query, { type: c.type || "", topic: c.topic || "" });
    const paths = [];
    for (const r of res) paths.push((await engine.doc(r.doc))[1]);
    assert.deepEqual(paths, c.results, `${c.query} ${c.type || ""} ${c.topic || ""}`);
    assert.deepEqual(res.map((r) => r.score), c.scores, `scores of ${c.query}`);
    if (!res.length) assert.equal(await engine.suggest(c.query), c.suggest || "", `suggestion for ${c.query}`);
  }
});

test("what must not match: a number a digit off, a Khmer word a sign off; nor is either corrected", async () => {
  const engine = new core.Engine(loader(path.join(testdata, "index")));
  assert.ok((await engine.search("2026 ", {})).length > 0, "2026 is indexed");
  for (const q of ["2027 ", "ការិយាលយ "]) {
    assert.equal((await engine.search(q, {})).length, 0, q);
    assert.equal(await engine.suggest(q), "", q);
  }
});

test("edit distance counts a transposition once and stops past its limit", () => {
  const d = (a, b, l) => core.dist(Array.from(a), Array.from(b), l);
  assert.equal(d("facilitaton", "facilitation", 2), 1);
  assert.equal(d("mediatoin", "mediation", 2), 1);
  assert.equal(d("agemdas", "agenda", 2), 2);
  assert.equal(d("agemdas", "agenda", 1), 2, "limit + 1 past the limit");
  assert.equal(d("үнэлгээ", "үнэлгээ", 1), 0);
  assert.equal(d("abcdef", "badcfe", 3), 3);
});

test("a cold query loads the manifest, its shards and nothing else", async () => {
  const loaded = [];
  const engine = new core.Engine(loader(path.join(testdata, "index"), loaded));
  const res = await engine.search("mediacion ", {});
  assert.ok(res.length > 0);
  assert.equal(loaded[0], "manifest");
  assert.equal(loaded.length, 2, `loaded ${loaded}`);
  assert.match(loaded[1], /^s\/[0-9a-f]{10}$/);
});

test("each result reads from the file it shares with its neighbours, loaded once", async () => {
  const loaded = [];
  const engine = new core.Engine(loader(path.join(testdata, "index"), loaded));
  const man = await engine.init();
  assert.ok(man.perFile > 1 && man.perFile < man.n, `${man.perFile} per file`);
  // Documents are numbered by type, in the order types first appear.
  const corpus = readJSON("corpus.json"), types = [...new Set(corpus.map((d) => d.type))];
  const want = types.flatMap((t) => corpus.filter((d) => d.type === t).map((d) => d.path));
  const got = await Promise.all(want.map((_, id) => engine.doc(id)));
  assert.deepEqual(got.map((m) => m[1]), want);
  assert.equal(loaded.filter((k) => k.startsWith(man.docs)).length, Math.ceil(man.n / man.perFile), `loaded ${loaded}`);
});

test("highlighting finds folded words, prefixes and Khmer inside a run", () => {
  const title = "Círculo de aprendizaje en Hermosillo: mediación en conflictos";
  const m = core.marks(title, core.parseQuery("mediacion"));
  assert.deepEqual(m.map(([a, b]) => title.slice(a, b)), ["mediación"]);
  const p = core.marks("Contingency plans, continuing", core.parseQuery("contin"));
  assert.equal(p.length, 2);
  assert.deepEqual(core.marks("Recontinue", core.parseQuery("contin")), [], "a prefix matches at a word start");
  const km = "កិច្ចប្រជុំនេះបានធ្វើឡើងនៅការិយាល័យ";
  const k = core.marks(km, core.parseQuery("ការិយាល័យ"));
  assert.deepEqual(k.map(([a, b]) => km.slice(a, b)), ["ការិយាល័យ"]);
  const e = core.excerpt("word ".repeat(100) + "mediación end", core.parseQuery("mediacion"), 60);
  assert.ok(e.text.startsWith("…") && e.marks.length === 1, JSON.stringify(e));
  assert.equal(e.text.slice(e.marks[0][0], e.marks[0][1]), "mediación");
  // Upper-case ASCII, letters that fold to two (ﬁ), full-width and
  // accented capitals around them: the same words as folding it whole.
  const mixed = "MEDIATION ﬁeld, Ｍｅｄｉａｔｉｏｎ; ÉCOLE MediaTion-mediation_x Mediations";
  const mm = core.marks(mixed, core.parseQuery("mediation"));
  assert.deepEqual(mm.map(([a, b]) => mixed.slice(a, b)), ["MEDIATION", "Ｍｅｄｉａｔｉｏｎ", "MediaTion", "mediation", "Mediations"]);
  assert.deepEqual(core.marks(mixed, core.parseQuery("field école")).map(([a, b]) => mixed.slice(a, b)), ["ﬁeld", "ÉCOLE"]);
});
