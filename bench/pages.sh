#!/usr/bin/env bash
# Builds the benchmark corpus and prints its heaviest pages, as a static
# host serves them (gzip) and as they are, against the page budget of
# issue 21: no HTML page over 60 KB gzipped or 500 KB. Exits 1 when a
# page is over.
#
#   bench/pages.sh [ENTRIES] [TOP]      defaults: 10000 entries, the 10 heaviest
#
# The corpus comes from ../shared/bench/mkcorpus.py (python3); it is
# written once into $AGORA_BENCH_DIR (default /tmp/agora-bench) and kept.
# The build is dated AGORA_TODAY as given, else today, as a community
# builds.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-10000}
top=${2:-10}
gen=../shared/bench/mkcorpus.py
work=${AGORA_BENCH_DIR:-/tmp/agora-bench}
corpus=$work/corpus-$entries-impact # with exchanges and assessments, as compare.sh writes it
mkdir -p "$work"
if [[ ! -f $corpus/site.toml ]]; then
	echo "writing a corpus of $entries entries to $corpus" >&2
	python3 "$gen" "$entries" "$corpus" --hugo
	python3 bench/mkimpact.py "$corpus"
fi
go build -o "$work/agora" ./cmd/agora
out=$(mktemp -d "$work/pages-XXXXXX")
trap 'rm -rf "$out"' EXIT
"$work/agora" build --source "$corpus" --out "$out/site" >/dev/null 2>"$work/pages-err" || { cat "$work/pages-err" >&2; exit 1; }
python3 - "$out/site" "$top" <<'EOF'
import gzip, os, sys
root, top = sys.argv[1], int(sys.argv[2])
pages = []
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith(".html"):
            p = os.path.join(d, f)
            raw = open(p, "rb").read()
            pages.append((len(gzip.compress(raw, 6)), len(raw), os.path.relpath(p, root)))
pages.sort(reverse=True)
over = [p for p in pages if p[0] > 60 * 1024 or p[1] > 500 * 1024]
total = sum(p[1] for p in pages)
print(f"{len(pages)} HTML pages, {total / 1e6:.1f} MB; the {top} heaviest (gzip -6, then as they are):")
for gz, raw, path in pages[:top]:
    print(f"  {gz / 1024:7.1f} KB  {raw / 1024:7.1f} KB  /{path}")
by_size = sorted(pages, key=lambda p: -p[1])[0]
print(f"largest as it is: {by_size[1] / 1024:.1f} KB /{by_size[2]}")
print(f"over 60 KB gzipped or 500 KB: {len(over)}")
for gz, raw, path in over[:20]:
    print(f"  OVER {gz / 1024:.1f} KB gzipped, {raw / 1024:.1f} KB: /{path}")
sys.exit(1 if over else 0)
EOF
