#!/usr/bin/env bash
# Memory of publishing in more languages (issue 23: "memory grows with the
# number of translations, not with the number of languages × entries"):
# builds the benchmark corpus, which has no translations, in one, two and
# three languages (en; en, es; en, es, fr), alternating, and prints for
# each the largest live heap after a collection (GODEBUG=gctrace=1: the
# heap marked live, the memory a build holds) and the peak resident
# memory, both with GOGC=100. A build's own GOGC (400, cmd/agora/build.go)
# lets the heap grow to five times what is live, so its peak RSS follows
# what a build allocates over its run, which is proportional to the pages
# it writes, not what it holds; the live heap is the figure the target is
# about.
#
#   bench/languages-memory.sh [ENTRIES] [RUNS]   defaults: 10000 entries, 3 runs
#
# The sources are bench/languages.sh's: the corpus and copies of it (hard
# links) whose site.toml lists the languages.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-10000}
runs=${2:-3}
gen=../shared/bench/mkcorpus.py
work=${AGORA_BENCH_DIR:-/tmp/agora-bench}
corpus=$work/corpus-$entries
mkdir -p "$work"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [[ ! -f $corpus/site.toml ]]; then
	echo "writing a corpus of $entries entries to $corpus" >&2
	python3 "$gen" "$entries" "$corpus" --hugo
fi
grep -q '^language = "en"$' "$corpus/site.toml" || { echo "$corpus/site.toml: expected language = \"en\"" >&2; exit 1; }

declare -A source=([1]=$corpus)
for n in 2 3; do
	langs='"en", "es"'
	[[ $n == 3 ]] && langs='"en", "es", "fr"'
	dir=$work/corpus-$entries-$n-languages
	if [[ ! -f $dir/site.toml ]]; then
		mkdir -p "$dir"
		cp -al "$corpus/content" "$dir/content"
		[[ -d $corpus/schema ]] && cp -al "$corpus/schema" "$dir/schema"
		sed "s/^language = \"en\"$/language = \"en\"\nlanguages = [$langs]/" "$corpus/site.toml" >"$dir/site.toml"
	fi
	source[$n]=$dir
done
go build -o "$work/agora" ./cmd/agora

export AGORA_TODAY=${AGORA_TODAY-2000-01-01}
outs=$work/outs-languages-memory
rm -rf "$outs"
mkdir -p "$outs"
trap 'rm -rf "$outs"' EXIT

# liveMB is the largest heap marked live in a gctrace log, leaving out
# the collections around the huge-page reservation (hugepages_linux.go),
# which counts the reserved span as live for an instant.
liveMB() {
	grep '^gc ' "$1" | grep -o '[0-9]*->[0-9]*->[0-9]* MB' |
		awk -F'->' '{split($3, a, " "); if (a[1] + 0 > m && a[1] + 0 < 1000) m = a[1] + 0} END {print m}'
}

echo "$(date -u +%F) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $entries entries, no translations, $runs runs each, alternating, GOGC=100"
printf '%-10s %14s %14s\n' languages "live heap MB" "peak RSS MiB"
declare -A lives rsss
for ((i = 1; i <= runs; i++)); do
	for n in 1 2 3; do
		sync
		GODEBUG=gctrace=1 GOGC=100 /usr/bin/time -f "rss %M" \
			"$work/agora" build --source "${source[$n]}" --out "$outs/$n-$i" >/dev/null 2>"$outs/log-$n-$i" ||
			{ cat "$outs/log-$n-$i" >&2; exit 1; }
		lives[$n]+="$(liveMB "$outs/log-$n-$i") "
		rsss[$n]+="$(($(awk '/^rss / {print $2}' "$outs/log-$n-$i") / 1024)) "
	done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
for n in 1 2 3; do
	printf '%-10s %14s %14s   (runs: %s/ %s)\n' "$n" "$(echo "${lives[$n]}" | median)" "$(echo "${rsss[$n]}" | median)" "${lives[$n]}" "${rsss[$n]}"
done
