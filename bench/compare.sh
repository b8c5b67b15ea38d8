#!/usr/bin/env bash
# Builds the benchmark corpus with Agora and with every Hugo installed,
# alternating runs so that drift on a shared machine hits all tools alike,
# and prints each tool's median wall time, peak memory, and Agora's ratio
# to the fastest Hugo.
#
#   bench/compare.sh [ENTRIES] [RUNS]      defaults: 10000 entries, 5 runs
#   AGORA_TODAY= bench/compare.sh ...      dated today (default 2000-01-01)
#
# Every run starts after a sync and writes to a folder of its own, all
# removed at the end: on a file system without a journal (this machine's
# ext4), creating files within minutes of deleting many is slow (the
# kernel skips recently deleted inodes one by one), so deleting the last
# run's output right before a run would time the file system, not the
# tool. For the same reason the script starts by waiting out earlier
# deletions and dropping the kernel's caches (bench/runs.sh).
#
# Needs python3 (the corpus generator in ../shared/bench, then
# bench/mkimpact.py, which adds the v2 types exchange and assessment to
# both tools' copies of the corpus) and /usr/bin/time.
# Hugo: Debian's `hugo` (apt-get install hugo) and, if present,
# ~/go/bin/hugo (go install github.com/gohugoio/hugo@v0.160.0).
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-10000}
runs=${2:-5}
gen=../shared/bench/mkcorpus.py
work=${AGORA_BENCH_DIR:-/tmp/agora-bench}
# "-impact": the corpus with exchanges and assessments; one written
# before mkimpact.py existed is not reused.
corpus=$work/corpus-$entries-impact
mkdir -p "$work"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [[ ! -f $corpus/site.toml ]]; then
	echo "writing a corpus of $entries entries to $corpus" >&2
	python3 "$gen" "$entries" "$corpus" --hugo
	python3 bench/mkimpact.py "$corpus"
fi
go build -o "$work/agora" ./cmd/agora

declare -A cmd
cmd[agora]="$work/agora build --source $corpus --out"
if [[ -x /usr/bin/hugo ]]; then
	cmd["hugo-$(/usr/bin/hugo version | grep -o 'v0\.[0-9]*\.[0-9]*' | head -1)"]="/usr/bin/hugo --source $corpus/hugo --quiet --destination"
fi
if [[ -x $HOME/go/bin/hugo ]]; then
	cmd["hugo-$("$HOME/go/bin/hugo" version | grep -o 'v0\.[0-9]*\.[0-9]*' | head -1)"]="$HOME/go/bin/hugo --source $corpus/hugo --quiet --destination"
fi
tools=$(printf '%s\n' "${!cmd[@]}" | sort)

# Nothing overdue, a clean check, unless AGORA_TODAY says otherwise; set
# it empty (AGORA_TODAY= bench/compare.sh) to date the build today, as a
# community builds: the corpus then has thousands of overdue actions.
export AGORA_TODAY=${AGORA_TODAY-2000-01-01}
outs=$work/outs
. bench/runs.sh
[[ -e $outs ]] && remove "$outs"
rm -f "$work/times"
mkdir -p "$outs"
trap 'remove "$outs"' EXIT

# Every tool starts from the same state of the machine: settle waits
# out the file system's memory of recent deletions (bench/runs.sh), an
# earlier run's 300,000 files included, and drops the caches. Then the
# corpus is read back, and every tool builds twice, untimed: after the
# drop, the file system reads its allocation bitmaps back from the disk
# as builds reach them, and the first three 10k builds took 1.5, 1.3 and
# 1.1 s of system time, the next ones 0.6-0.8 s (2026-12-05).
settle "$corpus"
for warm in 1 2; do
	for t in $tools; do
		${cmd[$t]} "$outs/$t-warm$warm" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
	done
done
for ((i = 1; i <= runs; i++)); do
	for t in $tools; do
		# Untimed: the kernel writes the earlier runs' outputs to disk
		# here, not while the next tool's run is timed.
		sync
		/usr/bin/time -f "$t %e %M" -a -o "$work/times" ${cmd[$t]} "$outs/$t-$i" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
	done
done

echo "$(date -u +%F) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $entries entries, $runs runs each, alternating, dated ${AGORA_TODAY:-today ($(date -u +%F))}"
printf '%-14s %10s %14s\n' tool "median s" "peak MiB"
fastest_hugo=""
for t in $tools; do
	med=$(awk -v t="$t" '$1 == t {print $2}' "$work/times" | tail -n "$runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	mem=$(awk -v t="$t" '$1 == t {print $3}' "$work/times" | tail -n "$runs" | sort -n | tail -1)
	printf '%-14s %10s %14d\n' "$t" "$med" $((mem / 1024))
	if [[ $t == hugo* ]] && { [[ -z $fastest_hugo ]] || awk -v a="$med" -v b="$fastest_hugo" 'BEGIN {exit !(a < b)}'; }; then
		fastest_hugo=$med
	fi
	[[ $t == agora ]] && agora_med=$med
done
if [[ -n $fastest_hugo ]]; then
	awk -v a="$agora_med" -v h="$fastest_hugo" 'BEGIN {printf "agora / fastest hugo: %.2f (target 0.25 or less)\n", a / h}'
fi
print_runs "$work/times" 14 $tools
rm -f "$work/times"
