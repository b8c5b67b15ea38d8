#!/usr/bin/env bash
# What printing the diagnostics costs agora build: builds the benchmark
# corpus with two revisions of agora, alternating, with today's date (the
# corpus's open actions are overdue: thousands of warnings) and with
# AGORA_TODAY=2000-01-01 (none), and prints per revision and date the
# median wall time, the --timings lines "locate problems" and "print
# problems" (placing the diagnostics in their files, and writing them),
# and how many lines went to stderr.
#
#   bench/diagnostics.sh [ENTRIES] [RUNS] [BEFORE] [AFTER]
#   defaults: 10000 entries, 5 runs, BEFORE = HEAD~1, AFTER = the work tree
#
# Every build writes to a folder of its own, removed at the end (see
# compare.sh for why a build is never timed right after deleting many
# files), after a sync; stderr goes to a file, as in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-10000}
runs=${2:-5}
before=${3:-HEAD~1}
after=${4:-}
gen=../shared/bench/mkcorpus.py
work=${AGORA_BENCH_DIR:-/tmp/agora-bench}
corpus=$work/corpus-$entries
mkdir -p "$work"
if [[ ! -f $corpus/site.toml ]]; then
	echo "writing a corpus of $entries entries to $corpus" >&2
	python3 "$gen" "$entries" "$corpus"
fi

# The two binaries: BEFORE from git archive, AFTER from the work tree
# (or a revision).
bins=$work/diag-bins
rm -rf "$bins"
mkdir -p "$bins"
build_rev() { # REV NAME
	local src=$bins/src-$2
	mkdir -p "$src"
	git archive "$1" | tar -x -C "$src"
	(cd "$src" && go build -o "$bins/$2" ./cmd/agora)
}
build_rev "$before" before
if [[ -n $after ]]; then
	build_rev "$after" after
else
	go build -o "$bins/after" ./cmd/agora
fi
today=$(date -u +%F)

outs=$work/diag-outs
. bench/runs.sh
[[ -e $outs ]] && remove "$outs"
mkdir -p "$outs"
trap 'remove "$outs" "$bins"' EXIT
settle "$corpus"

run() { # BIN DATE OUT LOG
	AGORA_TODAY=$2 "$bins/$1" build --source "$corpus" --out "$3" --timings >"$4.out" 2>"$4.err"
}
for rev in before after; do # untimed: the file system's first writes
	run $rev "$today" "$outs/warm-$rev" "$outs/warm-$rev"
done
# seconds reads a Go duration as the build prints it: 845ms, 17.3s, 1m2.5s.
seconds() {
	awk '{d = $1; s = 0
		if (d ~ /ms$/) { sub(/ms$/, "", d); s = d / 1000 }
		else { if (d ~ /m/) { split(d, a, "m"); s = a[1] * 60; d = a[2] }; sub(/s$/, "", d); s += d }
		printf "%.3f\n", s }'
}
results=$outs/results
for ((i = 1; i <= runs; i++)); do
	for rev in before after; do
		for date in "$today" 2000-01-01; do
			sync
			log=$outs/$rev-$date-$i
			run $rev "$date" "$log.site" "$log"
			wall=$(sed -n 's/^built .* in \(.*\)$/\1/p' "$log.out" | seconds)
			locate=$(awk '$1 == "locate" && $2 == "problems" {print $3}' "$log.out")
			print=$(awk '$1 == "print" && $2 == "problems" {print $3}' "$log.out")
			echo "$rev $date $wall ${locate:-0} ${print:-0} $(wc -l <"$log.err")" >>"$results"
		done
	done
done

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "$(date -u +%F) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $entries entries, $runs runs each, alternating"
echo "before = $(git rev-parse --short "$before"), after = ${after:-work tree}; medians"
printf '%-7s %-11s %8s %12s %12s %14s %13s\n' rev date "wall s" "locate ms" "print ms" "locate+print" "stderr lines"
for rev in before after; do
	for date in "$today" 2000-01-01; do
		sel() { awk -v r=$rev -v d=$date -v c="$1" '$1 == r && $2 == d {print $c}' "$results"; }
		both=$(awk -v r=$rev -v d=$date '$1 == r && $2 == d {print $4 + $5}' "$results" | median)
		printf '%-7s %-11s %8s %12s %12s %14s %13s\n' $rev $date "$(sel 3 | median)" "$(sel 4 | median)" "$(sel 5 | median)" "$both" "$(sel 6 | median)"
	done
done
echo "every run (rev date wall-s locate-ms print-ms stderr-lines):"
cat "$results"
