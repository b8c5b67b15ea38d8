#!/usr/bin/env python3
"""Add peer exchanges and capacity assessments to a benchmark corpus.

Usage: mkimpact.py OUTDIR

OUTDIR is a corpus written by ../shared/bench/mkcorpus.py (with or without
--hugo), which predates the v2 types exchange and assessment. This adds,
in the proportions of tests/browser/corpus.mjs, a twentieth of the corpus's
entries as exchanges (half done, the rest agreed, proposed or dropped) and
two rounds of OCA assessments for a third of the members, to content/ and,
when present, to hugo/content/, so that both tools build the same entries.
Output is deterministic for a given corpus. (mkcorpus.py is shared; a note
asks for this to move there.)
"""
import os, random, sys

WORDS = ("community learning peer exchange capacity advocacy budget mediation youth "
         "inclusion gender rural network facilitator rapporteur agenda workshop evaluation "
         "monitoring fundraising strategy storytelling digital security resilience").split()
AREAS = ["Governance", "Financial management", "Fundraising", "Digital security", "Inclusion"]
STATUSES = ["done"] * 5 + ["agreed"] * 2 + ["proposed"] * 2 + ["dropped"]


def para(r, n):
    return " ".join(r.choice(WORDS) for _ in range(n)).capitalize() + "."


def slugs(folder):
    return sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".md"))


def main():
    out = sys.argv[1]
    content = os.path.join(out, "content")
    targets = [content] + ([os.path.join(out, "hugo", "content")] if os.path.isdir(os.path.join(out, "hugo", "content")) else [])
    members, topics = slugs(os.path.join(content, "members")), slugs(os.path.join(content, "topics"))
    minutes = slugs(os.path.join(content, "minutes"))
    n = sum(len(slugs(os.path.join(content, d))) for d in os.listdir(content) if os.path.isdir(os.path.join(content, d)))
    r = random.Random(n)
    files = {}
    for i in range(max(4, n // 20)):
        status, m, people = r.choice(STATUSES), r.choice(minutes), r.sample(members, 4)
        date = m[:10]
        fm = (f'title = "Exchange {i}: {r.choice(WORDS)} {r.choice(WORDS)}"\ntopic = "{r.choice(topics)}"\n'
              f'providers = {people[:1 + i % 2]!r}\nrecipients = {people[2:]!r}\nstatus = "{status}"\n').replace("'", '"')
        if status != "proposed":
            fm += f'agreed = {date}\nminutes = "{m}"\n'
        if status == "done":
            y, mo = int(date[:4]), int(date[5:7])
            fm += f'held = {y + mo // 12}-{mo % 12 + 1:02d}-20\nformat = "virtual"\noutcome = "{para(r, 20)}"\n'
        files[f"exchanges/exchange-{i:05d}.md"] = (fm, para(r, 60) + "\n\n" + para(r, 40) + "\n")
    for i in range(max(2, len(members) // 3)):
        m = members[i * 3 % len(members)]
        for rnd, y in enumerate((2023, 2025)):
            fm = f'member = "{m}"\ndate = {y}-0{1 + i % 9}-10\ninstrument = "OCA"\nassessor = "Self-assessment"\n'
            for a in AREAS:
                fm += f'\n[[scores]]\narea = "{a}"\nscore = {min(5, 1 + r.randrange(3) + rnd * r.randrange(3))}\nmax = 5\n'
            files[f"assessments/{m}-oca-{y}.md"] = (fm, para(r, 50) + "\n")
    for base in targets:
        for rel, (fm, body) in files.items():
            p = os.path.join(base, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8") as f:
                f.write("+++\n" + fm.strip() + "\n+++\n\n" + body)
    print(f"added {len(files)} exchanges and assessments to {', '.join(targets)}", file=sys.stderr)


if __name__ == "__main__":
    main()
