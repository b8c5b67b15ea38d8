#!/usr/bin/env bash
# Times `agora build` of a large corpus (default 100,000 entries). As in
# compare.sh, the script first waits out recent deletions, drops the
# kernel's caches (as root), reads the corpus back and builds once
# untimed with each binary; then each run writes a new folder after the
# same reset (reset_caches in bench/runs.sh: sync, drop the caches, read
# the corpus back). No output is deleted before the end, as deletions
# slow the file system for minutes after (bench/runs.sh): some 1.6 GB of
# disk and 260,000 inodes per run. With several binaries, runs alternate
# between them, so that the machine's drift hits
# all alike. Prints each binary's wall, user and system time and peak
# memory per run, and the medians.
#
#   bench/large.sh [ENTRIES] [RUNS] [NAME=BINARY ...]
#        defaults: 100000 entries, 3 runs, new=this tree's ./cmd/agora
#   AGORA_TODAY= bench/large.sh ...   dated today, as a community builds
#                                     (default 2000-01-01: nothing overdue)
#
# Another commit's binary: git worktree add /tmp/base REV && (cd /tmp/base
# && go build -o /tmp/agora-base ./cmd/agora), then base=/tmp/agora-base.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-100000}
runs=${2:-3}
shift $(($# < 2 ? $# : 2))
gen=../shared/bench/mkcorpus.py
work=${AGORA_BENCH_DIR:-/tmp/agora-bench}
corpus=$work/corpus-$entries
mkdir -p "$work"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [[ ! -f $corpus/site.toml ]]; then
	echo "writing a corpus of $entries entries to $corpus" >&2
	python3 "$gen" "$entries" "$corpus" --hugo
fi
declare -A bin
names=()
if (($# == 0)); then
	go build -o "$work/agora-new" ./cmd/agora
	set -- "new=$work/agora-new"
fi
for arg in "$@"; do
	bin[${arg%%=*}]=${arg#*=}
	names+=("${arg%%=*}")
done
export AGORA_TODAY=${AGORA_TODAY-2000-01-01}
outs=$work/large-outs
times=$work/large-times
. bench/runs.sh
[[ -e $outs ]] && remove "$outs"
rm -f "$times"
mkdir -p "$outs"
trap 'remove "$outs"' EXIT
settle "$corpus"
for n in "${names[@]}"; do
	"${bin[$n]}" build --source "$corpus" --out "$outs/$n-warm" >/dev/null 2>"$work/large-err" ||
		{ cat "$work/large-err" >&2; exit 1; }
done
for ((i = 1; i <= runs; i++)); do
	for n in "${names[@]}"; do
		reset_caches "$corpus"
		/usr/bin/time -f "$n %e %U %S %M" -a -o "$times" "${bin[$n]}" build --source "$corpus" --out "$outs/$n-$i" >/dev/null 2>"$work/large-err" ||
			{ cat "$work/large-err" >&2; exit 1; }
		tail -1 "$times"
	done
done
echo "$(date -u +%FT%H:%MZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $entries entries, $runs runs each, dated ${AGORA_TODAY:-today ($(date -u +%F))}"
printf '%-8s %8s %8s %8s %10s\n' binary "wall s" "user s" "sys s" "peak MiB"
for n in "${names[@]}"; do
	med() { awk -v n="$n" -v c="$1" '$1 == n {print $c}' "$times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
	printf '%-8s %8s %8s %8s %10d\n' "$n" "$(med 2)" "$(med 3)" "$(med 4)" $(($(awk -v n="$n" '$1 == n {print $5}' "$times" | sort -n | tail -1) / 1024))
done
