#!/usr/bin/env bash
# Times `agora check` on a synthetic corpus (10,000 entries by default).
#
#   bench/check.sh [CORPUS_DIR]
#
# Builds bin/agora, writes the corpus with ../shared/bench/mkcorpus.py
# (into CORPUS_DIR when given, else into a cache folder in $TMPDIR named
# after the script's SHA-256 and the size, the same folder the Go
# benchmarks in generator/site use), runs check once untimed to warm the
# page cache and to show what it reports, then RUNS times under
# /usr/bin/time, printing each run's wall time, peak RSS and CPU time, and the medians.
#
# Environment:
#   RUNS=7           timed runs
#   ENTRIES=10000    corpus size
#   AGORA_TODAY=2000-01-01   no action in the corpus is overdue before then
#   MKCORPUS=PATH    the generator script (default ../shared/bench/mkcorpus.py)
#
# Exits 1 when check fails on the corpus (it should pass: exit 0, no problems).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-7}
entries=${ENTRIES:-10000}
export AGORA_TODAY=${AGORA_TODAY:-2000-01-01}
mkcorpus=${MKCORPUS:-$repo/../shared/bench/mkcorpus.py}

die() { echo "check.sh: $*" >&2; exit 2; }

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"
[[ $entries =~ ^[1-9][0-9]*$ ]] || die "ENTRIES must be a positive number, not '$entries'"

if [[ ! -x /usr/bin/time ]]; then
	echo "check.sh: /usr/bin/time is missing; installing the time package" >&2
	if [[ $(id -u) -eq 0 ]]; then
		apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
	else
		sudo apt-get install -y time >/dev/null
	fi
	[[ -x /usr/bin/time ]] || die "could not install /usr/bin/time"
fi

# The corpus.
if [[ $# -ge 1 ]]; then
	corpus=$1
else
	[[ -f $mkcorpus ]] || die "cannot find $mkcorpus; clone shared/ beside the repository, set MKCORPUS, or pass a corpus folder"
	sum=$(sha256sum "$mkcorpus" | cut -c1-12)
	corpus=${TMPDIR:-/tmp}/agora-corpus-$entries-$sum
fi
if [[ ! -f $corpus/site.toml || ! -d $corpus/content ]]; then
	[[ -f $mkcorpus ]] || die "cannot find $mkcorpus to write the corpus into $corpus"
	command -v python3 >/dev/null || die "python3 is needed to run $mkcorpus"
	echo "writing $entries entries into $corpus ..." >&2
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/agora-corpus-tmp-XXXXXX")
	python3 "$mkcorpus" "$entries" "$tmp"
	mkdir -p "$(dirname "$corpus")"
	if [[ -e $corpus ]]; then
		# a folder given as $1 that exists but holds no corpus yet
		cp -a "$tmp/." "$corpus/" && rm -rf "$tmp"
	else
		mv "$tmp" "$corpus" 2>/dev/null || rm -rf "$tmp" # another run may have won the race
	fi
fi
files=$(find "$corpus/content" -type f | wc -l)

# The binary.
(cd "$repo" && go build -o bin/agora ./cmd/agora)
agora=$repo/bin/agora

echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: nproc=$(nproc), $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(go env GOOS)/$(go env GOARCH), $(go version | cut -d' ' -f3)"
echo "commit:  $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
echo "corpus:  $corpus ($files files)"
echo "command: AGORA_TODAY=$AGORA_TODAY bin/agora check --source $corpus"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the runs"

out=$(mktemp) err=$(mktemp) tm=$(mktemp)
trap 'rm -f "$out" "$err" "$tm"' EXIT

# Untimed run: warms the page cache and shows what check says.
status=0
"$agora" check --source "$corpus" >"$out" 2>"$err" || status=$?
summary=$(grep -E '^(ok:|[0-9]+ (error|warning))' "$out" | tail -1 || true)
echo "check:   exit $status; ${summary:-$(tail -1 "$out")}"
if [[ $status -ne 0 || ! $summary =~ ^ok: ]]; then
	echo "first diagnostics:"
	head -n 30 "$out" | sed 's/^/  | /'
	[[ -s $err ]] && sed 's/^/  stderr| /' "$err" | head -n 10
fi

echo
printf '%-5s %8s %10s %8s %5s\n' run wall_s peak_RSS cpu_s exit
walls=() rsss=() cpus=()
for i in $(seq 1 "$runs"); do
	rc=0
	/usr/bin/time -f '%e %M %U %S' -o "$tm" "$agora" check --source "$corpus" >/dev/null 2>&1 || rc=$?
	read -r wall rss user sys < <(tail -1 "$tm")
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
	walls+=("$wall") rsss+=("$rss") cpus+=("$cpu")
	printf '%-5s %8s %7d MB %8s %5s\n' "$i" "$wall" $((rss / 1024)) "$cpu" "$rc"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
mw=$(median "${walls[@]}")
mr=$(median "${rsss[@]}")
maxr=$(printf '%s\n' "${rsss[@]}" | sort -g | tail -1)
echo
echo "median wall: ${mw} s over $runs runs (min $(printf '%s\n' "${walls[@]}" | sort -g | head -1) s, max $(printf '%s\n' "${walls[@]}" | sort -g | tail -1) s)"
echo "CPU time:    median $(median "${cpus[@]}") s user+sys (wall is the figure that counts; CPU time shows how much other load on the machine skewed it)"
echo "peak RSS:    median $((mr / 1024)) MB, max $((maxr / 1024)) MB (${mr} KB / ${maxr} KB)"
if awk -v w="$mw" 'BEGIN {exit !(w < 1.0)}'; then
	echo "target:      under 1 s: yes"
else
	echo "target:      under 1 s: NO"
fi
[[ $status -eq 0 ]]
