// A synthetic knowledge base of N entries, in the proportions of the
// benchmark corpus (../shared/bench/mkcorpus.py, which CI does not have):
// a fifth members, a fifth modules, a twentieth rules, a charter per 500,
// 40 topics, a twentieth peer exchanges (half done, the rest agreed,
// proposed or dropped), two rounds of capacity assessments for a third of
// the members, and minutes for the rest, each meeting with eight
// attendees, three topics, decisions and two action items. The budget
// test builds it to check that no page of a large network outgrows a
// phone's budget, /impact/ included. Deterministic for a given N.
import fs from "node:fs";
import path from "node:path";

const WORDS = ("community learning peer exchange capacity advocacy budget mediation youth violence prevention " +
  "justice reform inclusion gender rural province network alliance facilitator rapporteur agenda charter governance " +
  "rotation session workshop evaluation monitoring donor fundraising strategy storytelling digital security wellbeing " +
  "contingency planning resilience coalition evidence dashboard service delivery accountability transparency").split(" ");
const TOPICS = ["advocacy", "budgeting", "citizen-engagement", "coalition-building", "conflict-mediation",
  "contingency-planning", "data-privacy", "digital-communication", "digital-security", "do-no-harm", "evaluation",
  "facilitation", "financial-management", "fundraising", "gender-equity", "governance", "grant-writing", "human-rights",
  "inclusion", "legal-compliance", "local-systems", "media-relations", "mental-health", "monitoring", "peacebuilding",
  "policy-analysis", "procurement", "scenario-planning", "social-inclusion", "stakeholder-mapping", "storytelling",
  "strategic-planning", "violence-prevention", "volunteer-management", "wellbeing", "youth-empowerment",
  "criminal-justice", "access-to-justice", "open-data", "community-radio"];
const REGIONS = [["Sonora", "MX"], ["Coahuila", "MX"], ["Ciudad de México", "MX"], ["Bayan-Ölgii", "MN"],
  ["Ulaanbaatar", "MN"], ["Dornod", "MN"], ["Phnom Penh", "KH"], ["Siem Reap", "KH"], ["Battambang", "KH"]];

// random is mulberry32: a small seeded generator, so the corpus is the
// same on every machine.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function writeCorpus(n, dir) {
  const r = random(n);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const sample = (xs, k) => {
    const out = new Set();
    while (out.size < Math.min(k, xs.length)) out.add(pick(xs));
    return [...out];
  };
  const para = (k) => {
    const w = Array.from({ length: k }, () => pick(WORDS)).join(" ");
    return w[0].toUpperCase() + w.slice(1) + ".";
  };
  const q = (s) => JSON.stringify(s);
  const list = (xs) => "[" + xs.map(q).join(", ") + "]";
  const body = (paras) => Array.from({ length: paras }, () => para(30 + Math.floor(r() * 40))).join("\n\n") + "\n";
  const write = (file, front, text = "") => {
    const p = path.join(dir, "content", file);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, "+++\n" + front + "\n+++\n\n" + text);
  };
  const nMembers = Math.max(10, Math.floor(n / 5)), nCharters = Math.max(1, Math.floor(n / 500));
  const nRules = Math.max(3, Math.floor(n / 20)), nModules = Math.max(5, Math.floor(n / 5));
  const nExchanges = Math.max(4, Math.floor(n / 20)), nAssessed = Math.max(2, Math.floor(nMembers / 3));
  const nMinutes = Math.max(5, n - nMembers - nCharters - nRules - nModules - TOPICS.length - nExchanges - 2 * nAssessed);
  const pad = (i) => String(i).padStart(5, "0");
  for (const t of TOPICS) {
    write(`topics/${t}.md`, `name = ${q(t.replace(/-/g, " "))}\ndefinition = ${q(para(20))}`, body(1));
  }
  const members = Array.from({ length: nMembers }, (_, i) => `member-${pad(i)}`);
  members.forEach((m, i) => {
    const [region, country] = pick(REGIONS);
    write(`members/${m}.md`, `name = ${q(`Organization ${i} ${pick(WORDS)}`)}\nkind = ${q(i % 7 ? "organization" : "individual")}\n` +
      `region = ${q(region)}\ncountry = ${q(country)}\nsectors = ["education", "youth"]\njoined = 2020-0${1 + (i % 9)}-15\n` +
      `website = "https://org${i}.example.org"\nphone = "+52 662 555 ${String(i % 10000).padStart(4, "0")}"\n` +
      `languages = ["en", "es"]\noffers = ${list(sample(TOPICS, 3))}\nneeds = ${list(sample(TOPICS, 3))}`, body(2));
  });
  const charters = Array.from({ length: nCharters }, (_, i) => `group-${i}`);
  charters.forEach((c, i) => {
    write(`charters/${c}.md`, `title = "Charter of learning group ${i}"\nadopted = 2019-03-1${i % 10}\nmission = ${q(para(25))}\n` +
      `members = ${list(sample(members, 12))}\n` +
      ["short", "medium", "long"].map((h) => `\n[[goals]]\nhorizon = "${h}"\ntext = ${q(para(12))}\n`).join(""), body(3));
  });
  const cats = ["roles", "decision-making", "rotation", "accountability", "conduct", "membership", "funding"];
  for (let i = 0; i < nRules; i++) {
    write(`governance/rule-${pad(i)}.md`, `title = "Rule ${i}: ${pick(WORDS)}"\ncategory = "${cats[i % cats.length]}"\n` +
      `adopted = 2020-0${1 + (i % 9)}-20\n\n[[terms]]\nrole = "rapporteur"\nmember = "${pick(members)}"\nfrom = 2021-01-01\n`, body(2));
  }
  const modules = Array.from({ length: nModules }, (_, i) => `module-${pad(i)}`);
  modules.forEach((m, i) => {
    const pre = i ? sample(modules.slice(Math.max(0, i - 20), i), 2) : [];
    write(`curriculum/${m}.md`, `title = ${q(`Module ${i}: ${pick(WORDS)} ${pick(WORDS)}`)}\nsummary = ${q(para(20))}\n` +
      `level = "${pick(["introductory", "intermediate", "advanced"])}"\nduration_minutes = 60\ntopics = ${list(sample(TOPICS, 2))}\n` +
      `authors = ${list(sample(members, 2))}\nprerequisites = ${list(pre)}\nobjectives = ${list([para(8), para(8)])}\n` +
      `\n[[materials]]\ntitle = "Slides"\nurl = "https://example.org/m${i}.pdf"\n`, body(4));
  });
  const minutes = [];
  for (let i = 0; i < nMinutes; i++) {
    const y = 2018 + (i % 8), mo = 1 + (Math.floor(i / 8) % 12), d = 1 + (Math.floor(i / 96) % 28);
    const date = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const att = sample(members, 8);
    minutes.push({ slug: `${date}-meeting-${pad(i)}`, date });
    write(`minutes/${date}-meeting-${pad(i)}.md`, `title = "Learning community meeting ${i}"\ndate = ${date}\n` +
      `location = ${q(pick(REGIONS)[0])}\nformat = "hybrid"\ncharter = "${pick(charters)}"\nrapporteur = "${att[0]}"\n` +
      `facilitators = ${list(att.slice(1, 3))}\nattendees = ${list(att)}\ntopics = ${list(sample(TOPICS, 3))}\n` +
      `decisions = ${list([para(10), para(10)])}\n` +
      [0, 1].map(() => `\n[[actions]]\ntask = ${q(para(8))}\nowner = "${pick(att)}"\ndue = ${date.slice(0, 8)}28\nstatus = "${pick(["open", "done"])}"\n`).join(""),
      body(5));
  }
  const statuses = ["done", "done", "done", "done", "done", "agreed", "agreed", "proposed", "proposed", "dropped"];
  for (let i = 0; i < nExchanges; i++) {
    const status = pick(statuses), m = pick(minutes);
    const people = sample(members, 4), held = `${m.date.slice(0, 5)}${String(1 + (Number(m.date.slice(5, 7)) % 12)).padStart(2, "0")}-20`;
    write(`exchanges/exchange-${pad(i)}.md`, `title = ${q(`Exchange ${i}: ${pick(WORDS)} ${pick(WORDS)}`)}\ntopic = ${q(pick(TOPICS))}\n` +
      `providers = ${list(people.slice(0, 1 + (i % 2)))}\nrecipients = ${list(people.slice(2))}\nstatus = "${status}"\n` +
      (status === "proposed" ? "" : `agreed = ${m.date}\nminutes = "${m.slug}"\n`) +
      (status === "done" && held > m.date ? `held = ${held}\nformat = "virtual"\noutcome = ${q(para(20))}\n` : ""), body(2));
  }
  const AREAS = ["Governance", "Financial management", "Fundraising", "Digital security", "Inclusion"];
  for (let i = 0; i < nAssessed; i++) {
    const m = members[i * 3 % members.length];
    [2023, 2025].forEach((y, round) => {
      write(`assessments/${m}-oca-${y}.md`, `member = "${m}"\ndate = ${y}-0${1 + (i % 9)}-10\ninstrument = "OCA"\nassessor = "Self-assessment"\n` +
        AREAS.map((a) => `\n[[scores]]\narea = "${a}"\nscore = ${Math.min(5, 1 + Math.floor(r() * 3) + round * Math.floor(r() * 3))}\nmax = 5\n`).join(""), body(1));
    });
  }
  write("pages/about.md", 'title = "About this community"', body(3));
  fs.writeFileSync(path.join(dir, "site.toml"), 'title = "Synthetic Learning Community"\nbase_url = "https://example.org/network/"\nlanguage = "en"\n');
}
