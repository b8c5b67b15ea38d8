#!/usr/bin/env bash
# Compares Agora's search with Pagefind on the 10,000-entry corpus:
# bytes a cold query transfers, index size on disk, indexing time.
#
#   bench/search-compare.sh [CORPUS_DIR]
#
# 1. Writes the corpus with ../shared/bench/mkcorpus.py 10000 (or uses
#    CORPUS_DIR; by default the cache folder bench/check.sh and the Go
#    benchmarks share: $TMPDIR/agora-corpus-10000-SHA).
# 2. Builds it with `agora build` (which writes the search index), timed.
# 3. Times the index alone: BenchmarkIndex10k in generator/search
#    (each entry's search document made and indexed, then the files).
# 4. Runs Pagefind (npm pagefind@1.6.0) on the same built HTML, timed.
# 5. Serves the site from /kb/ on 127.0.0.1 and, in headless Chromium
#    with an empty cache per query, enters each query into Agora's search
#    page and into Pagefind's default UI; counts the response bodies the
#    server sent for each tool's search files, text gzip-compressed (-9)
#    as a static host serves it, Pagefind's WASM and index chunks as they
#    are (tests/browser/measure.mjs).
# 6. Prints a Markdown table (copy it into bench/search-results.md).
#
# Needs Go, python3, node + npm (playwright-core from tests/browser, and
# pagefind from the npm registry), /usr/bin/chromium and /usr/bin/time.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
entries=${ENTRIES:-10000}
mkcorpus=${MKCORPUS:-$repo/../shared/bench/mkcorpus.py}
queries=("mediation" "rapporteur agenda" "participacion")
export AGORA_TODAY=${AGORA_TODAY:-2000-01-01}

die() { echo "search-compare.sh: $*" >&2; exit 2; }
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || die "Chromium is missing (apt-get install chromium)"

if [[ $# -ge 1 ]]; then
	corpus=$1
else
	[[ -f $mkcorpus ]] || die "cannot find $mkcorpus; set MKCORPUS or pass a corpus folder"
	corpus=${TMPDIR:-/tmp}/agora-corpus-$entries-$(sha256sum "$mkcorpus" | cut -c1-12)
	if [[ ! -f $corpus/site.toml ]]; then
		echo "writing the corpus into $corpus" >&2
		rm -rf "$corpus.tmp"
		python3 "$mkcorpus" "$entries" "$corpus.tmp" >/dev/null
		mv "$corpus.tmp" "$corpus"
	fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/agora-search-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/site/kb

(cd "$repo" && go build -o "$work/agora" ./cmd/agora)
(cd "$repo/tests/browser" && { [[ -d node_modules/playwright-core ]] || npm ci --no-audit --no-fund --loglevel=error; })

echo "agora build ($entries entries)…" >&2
/usr/bin/time -f "%e %M" -o "$work/agora.time" \
	"$work/agora" build --source "$corpus" --out "$out" --base-url "http://127.0.0.1/kb/" >/dev/null 2>"$work/agora.log" ||
	{ cat "$work/agora.log" >&2; die "agora build failed"; }
read -r agora_s agora_kb <"$work/agora.time"

echo "index alone (BenchmarkIndex10k)…" >&2
index_ns=$(cd "$repo" && AGORA_CORPUS=$corpus go test -run '^$' -bench 'Index10k$' -benchtime 3x ./generator/search |
	awk '/^BenchmarkIndex10k/ { print $3 }')

echo "pagefind 1.6.0…" >&2
mkdir -p "$work/npm"
(cd "$work/npm" && npm install --no-audit --no-fund --loglevel=error pagefind@1.6.0 >/dev/null)
/usr/bin/time -f "%e %M" -o "$work/pagefind.time" \
	"$work/npm/node_modules/.bin/pagefind" --site "$out" >"$work/pagefind.log" 2>&1 ||
	{ cat "$work/pagefind.log" >&2; die "pagefind failed"; }
read -r pagefind_s pagefind_kb <"$work/pagefind.time"

# A page with Pagefind's default UI, added after indexing.
mkdir -p "$out/pagefind-bench"
cat >"$out/pagefind-bench/index.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>Pagefind</title>
<link href="../pagefind/pagefind-ui.css" rel="stylesheet"><script src="../pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener("DOMContentLoaded", () => new PagefindUI({ element: "#search" }));</script></body></html>
HTML

size() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'; }
count() { find "$1" -type f | wc -l; }
gzsize() { find "$1" -type f \( -name '*.js' -o -name '*.json' -o -name '*.css' \) -exec gzip -9c {} \; | wc -c; }
agora_disk=$(size "$out/search/index"); agora_files=$(count "$out/search/index")
pagefind_disk=$(size "$out/pagefind"); pagefind_files=$(count "$out/pagefind")
shards=$(count "$out/search/index/s")
shard_bytes=$(size "$out/search/index/s"); shard_gz=$(gzsize "$out/search/index/s")
manifest=$(stat -c %s "$out/search/index/manifest.js"); manifest_gz=$(gzip -9c "$out/search/index/manifest.js" | wc -c)
client=$(find "$out/assets" -name 'search.*.js'); client_gz=$(gzip -9c "$client" | wc -c)
docs_bytes=$(size "$out/search/index"/d-*); docs_n=$(count "$out/search/index"/d-*)
per_file=$(grep -o '"perFile":[0-9]*' "$out/search/index/manifest.js" | cut -d: -f2)

echo "measuring transfers in Chromium…" >&2
node "$repo/tests/browser/measure.mjs" "$work/site" kb "${queries[@]}" >"$work/transfer.json"

python3 - "$work/transfer.json" <<PY
import json, sys
t = json.load(open(sys.argv[1]))
kb = lambda b: f"{int(b):,} B"
print("| | Agora | Pagefind 1.6.0 |")
print("|---|---:|---:|")
for q, r in t["queries"].items():
    a, p = r["agora"]["filled"], r["pagefind"]["filled"]
    print(f"| cold \`{q}\`: bytes transferred (files) | {kb(a['bytes'])} ({a['files']}) | {kb(p['bytes'])} ({p['files']}) |")
for q, r in t["queries"].items():
    a, p = r["agora"]["typed"], r["pagefind"]["typed"]
    print(f"| same, typed key by key | {kb(a['bytes'])} ({a['files']}) | {kb(p['bytes'])} ({p['files']}) |")
print(f"| index on disk (files) | {kb($agora_disk)} ($agora_files) | {kb($pagefind_disk)} ($pagefind_files) |")
print(f"| indexing time | {$index_ns/1e9:.2f} s (index alone; whole \`agora build\` {float('$agora_s'):.1f} s, {int('$agora_kb')//1024} MB) | {float('$pagefind_s'):.1f} s, {int('$pagefind_kb')//1024} MB peak |")
print()
print(f"Agora's index: {$shards} shards, {kb($shard_bytes)} ({kb($shard_gz)} gzipped, {int($shard_gz)//max(1,$shards):,} B a shard on average); "
      f"manifest {kb($manifest)} ({kb($manifest_gz)} gzipped); {$docs_n} result files of {$per_file} results, {kb($docs_bytes)}; client {kb($client_gz)} gzipped.")
print("Keystroke to new results, shards loaded (median of " + str(len(next(iter(t["latencyRuns"].values())))) + " runs): " + ", ".join(f"\`{q}\` {ms:.1f} ms" for q, ms in t["latencyMs"].items()) + ".")
print("Every run, in order: " + "; ".join(f"\`{q}\` " + ", ".join(f"{x:.1f}" for x in runs) for q, runs in t["latencyRuns"].items()) + ".")
PY
