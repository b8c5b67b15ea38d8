#!/usr/bin/env python3
"""Scores the judged queries: recall@5 and MRR (first relevant result in
the first ten) per language and overall, for Agora and Pagefind.

  score.py QUERIES AGORA.json PAGEFIND.json [--misses]

recall@5 of a query is the share of its expected pages (up to five) in
the first five results; MRR is the mean of 1/rank of its first expected
page (0 when none is in the first ten).
"""
import json, sys

queries = json.load(open(sys.argv[1]))
tools = {"Agora": json.load(open(sys.argv[2])), "Pagefind 1.6.0": json.load(open(sys.argv[3]))}
misses = "--misses" in sys.argv


def measure(q, got):
    top = got[:5]
    recall = sum(e in top for e in q["expect"]) / min(len(q["expect"]), 5)
    rr = next((1 / (k + 1) for k, p in enumerate(got[:10]) if p in q["expect"]), 0)
    return recall, rr


langs = ["en", "es", "fr", "mn", "km"]
rows = {}
for name, res in tools.items():
    per = {l: [] for l in langs}
    for i, q in enumerate(queries):
        m = measure(q, res[str(i)])
        per[q["lang"]].append(m)
        if misses and m[0] < 1:
            print(f"{name}: {q['site']} {q['lang']} {q['kind']} {q['query']!r}: recall {m[0]:.2f}, got {res[str(i)][:5]}", file=sys.stderr)
    per["overall"] = [m for l in langs for m in per[l]]
    rows[name] = per

print("| queries | " + " | ".join(f"{l} ({len(rows['Agora'][l])})" for l in langs + ["overall"]) + " |")
print("|---|" + "---:|" * (len(langs) + 1))
for name, per in rows.items():
    for k, label in ((0, "recall@5"), (1, "MRR")):
        vals = [sum(m[k] for m in per[l]) / len(per[l]) for l in langs + ["overall"]]
        print(f"| {name} {label} | " + " | ".join(f"{v:.3f}" for v in vals) + " |")
kinds = {}
for i, q in enumerate(queries):
    kinds.setdefault(q["kind"], []).append(i)
print()
print("| kind of query (count) | Agora recall@5 | Pagefind recall@5 |")
print("|---|---:|---:|")
for kind, ids in sorted(kinds.items()):
    a = sum(measure(queries[i], tools["Agora"][str(i)])[0] for i in ids) / len(ids)
    p = sum(measure(queries[i], tools["Pagefind 1.6.0"][str(i)])[0] for i in ids) / len(ids)
    print(f"| {kind} ({len(ids)}) | {a:.3f} | {p:.3f} |")
