#!/usr/bin/env bash
# Search quality against Pagefind, on the judged queries:
#
#   bench/search-quality.sh
#
# 1. Builds the example community (content/) and the test corpus
#    (bench/search-judged/mksites.py: one small site per language, en,
#    es, fr, mn, km) with `agora build`.
# 2. Runs Pagefind (npm pagefind@1.6.0) on the same built HTML, each
#    site on its own (Pagefind picks its stemmer by <html lang>).
# 3. Runs every query of bench/search-judged/queries.json through Agora's
#    client (search.js, in node, on the built index) and through
#    Pagefind's search API (pagefind.js in headless Chromium).
# 4. Prints recall@5 and MRR per language and overall, and per kind of
#    query (bench/search-judged/score.py); with MISSES=1 every query
#    either tool misses, on standard error.
# 5. Unless SKIP_10K=1, runs bench/search-compare.sh: the bytes of a cold
#    query on the 10,000-entry corpus for both tools, the client's size,
#    index time and keystroke latency, in the same run.
#
# Needs Go, python3, node + npm (playwright-core from tests/browser,
# pagefind from the npm registry) and /usr/bin/chromium.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
judged=$repo/bench/search-judged
export AGORA_TODAY=${AGORA_TODAY:-2026-11-23}

die() { echo "search-quality.sh: $*" >&2; exit 2; }
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || die "Chromium is missing (apt-get install chromium)"

work=$(mktemp -d "${TMPDIR:-/tmp}/agora-search-quality.XXXXXX")
trap 'rm -rf "$work"' EXIT
sites=$work/sites

(cd "$repo" && go build -o "$work/agora" ./cmd/agora)
(cd "$repo/tests/browser" && { [[ -d node_modules/playwright-core ]] || npm ci --no-audit --no-fund --loglevel=error; })
python3 "$judged/mksites.py" "$work/src"

echo "building the example and the test corpus…" >&2
"$work/agora" build --source "$repo" --out "$sites/example" >/dev/null 2>"$work/build.log" ||
	{ cat "$work/build.log" >&2; die "agora build of the example failed"; }
for lang in en es fr mn km; do
	"$work/agora" build --source "$work/src/$lang" --out "$sites/$lang" >/dev/null 2>"$work/build.log" ||
		{ cat "$work/build.log" >&2; die "agora build of the $lang corpus failed"; }
done

echo "pagefind 1.6.0…" >&2
mkdir -p "$work/npm"
(cd "$work/npm" && npm install --no-audit --no-fund --loglevel=error pagefind@1.6.0 >/dev/null)
for site in example en es fr mn km; do
	"$work/npm/node_modules/.bin/pagefind" --site "$sites/$site" >"$work/pagefind.log" 2>&1 ||
		{ cat "$work/pagefind.log" >&2; die "pagefind failed on $site"; }
done

echo "running $(grep -c '"query"' "$judged/queries.json") judged queries…" >&2
node "$judged/agora.mjs" "$sites" >"$work/agora.json"
node "$judged/pagefind.mjs" "$sites" >"$work/pagefind.json"
args=()
[[ ${MISSES:-} == 1 ]] && args+=(--misses)
python3 "$judged/score.py" "$judged/queries.json" "$work/agora.json" "$work/pagefind.json" "${args[@]}"

if [[ ${SKIP_10K:-} != 1 ]]; then
	echo
	"$repo/bench/search-compare.sh"
fi
