#!/usr/bin/env bash
# The cost of publishing in a second language (issue 23): builds the
# benchmark corpus in one language and in two (languages = ["en", "es"],
# no translations: every Spanish page a fallback to its English original),
# and, when installed, with the fastest Hugo in one, alternating runs so
# that drift on a shared machine hits all alike. Prints each build's median
# wall time and peak memory, and the ratios the issue sets as targets:
# two languages at most 2 x one, and at most 0.5 x the fastest Hugo.
#
#   bench/languages.sh [ENTRIES] [RUNS]      defaults: 10000 entries, 5 runs
#
# The corpus is bench/compare.sh's (../shared/bench/mkcorpus.py); the
# two-language source is a copy of it (hard links) with its site.toml
# listing both languages. As compare.sh explains, runs write to folders of
# their own, removed at the end, never right after deleting a large tree.
# Needs python3 and /usr/bin/time; Hugo as compare.sh finds it.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-10000}
runs=${2:-5}
gen=../shared/bench/mkcorpus.py
work=${AGORA_BENCH_DIR:-/tmp/agora-bench}
corpus=$work/corpus-$entries
two=$work/corpus-$entries-en-es
mkdir -p "$work"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [[ ! -f $corpus/site.toml ]]; then
	echo "writing a corpus of $entries entries to $corpus" >&2
	python3 "$gen" "$entries" "$corpus" --hugo
fi
if [[ ! -f $two/site.toml ]]; then
	mkdir -p "$two"
	cp -al "$corpus/content" "$two/content"
	[[ -d $corpus/schema ]] && cp -al "$corpus/schema" "$two/schema"
	grep -q '^language = "en"$' "$corpus/site.toml" || { echo "$corpus/site.toml: expected language = \"en\"" >&2; exit 1; }
	sed 's/^language = "en"$/language = "en"\nlanguages = ["en", "es"]/' "$corpus/site.toml" >"$two/site.toml"
fi
go build -o "$work/agora" ./cmd/agora

declare -A cmd
cmd[agora-1-language]="$work/agora build --source $corpus --out"
cmd[agora-2-languages]="$work/agora build --source $two --out"
if [[ -x /usr/bin/hugo ]]; then
	cmd["hugo-$(/usr/bin/hugo version | grep -o 'v0\.[0-9]*\.[0-9]*' | head -1)"]="/usr/bin/hugo --source $corpus/hugo --quiet --destination"
fi
if [[ -x $HOME/go/bin/hugo ]]; then
	cmd["hugo-$("$HOME/go/bin/hugo" version | grep -o 'v0\.[0-9]*\.[0-9]*' | head -1)"]="$HOME/go/bin/hugo --source $corpus/hugo --quiet --destination"
fi
tools=$(printf '%s\n' "${!cmd[@]}" | sort)

export AGORA_TODAY=${AGORA_TODAY-2000-01-01}
outs=$work/outs-languages
. bench/runs.sh
[[ -e $outs ]] && remove "$outs"
rm -f "$work/times-languages"
mkdir -p "$outs"
trap 'remove "$outs"' EXIT

# As compare.sh: earlier deletions waited out, caches dropped, the corpus
# read back, and every build run twice untimed.
settle "$corpus" "$two"
for warm in 1 2; do
	for t in $tools; do
		${cmd[$t]} "$outs/$t-warm$warm" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
	done
done
# The second language is there: its home page and an entry's, a fallback.
page=$(cd "$outs/agora-1-language-warm1" && find . -path ./assets -prune -o -name index.html -path './*/*/index.html' -print -quit)
for p in index.html "$page"; do
	[[ -f $outs/agora-2-languages-warm1/es/$p ]] || { echo "the two-language build has no es/$p" >&2; exit 1; }
done
grep -q 'translation-notice' "$outs/agora-2-languages-warm1/es/$page" || { echo "es/$page has no notice of a missing translation" >&2; exit 1; }

for ((i = 1; i <= runs; i++)); do
	for t in $tools; do
		sync
		/usr/bin/time -f "$t %e %M" -a -o "$work/times-languages" ${cmd[$t]} "$outs/$t-$i" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
	done
done

median() { awk -v t="$1" '$1 == t {print $2}' "$work/times-languages" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "$(date -u +%F) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $entries entries, $runs runs each, alternating, dated ${AGORA_TODAY:-today}"
printf '%-18s %10s %14s %8s\n' build "median s" "peak MiB" files
fastest_hugo=""
for t in $tools; do
	med=$(median "$t")
	mem=$(awk -v t="$t" '$1 == t {print $3}' "$work/times-languages" | sort -n | tail -1)
	files=$(find "$outs/$t-1" -type f | wc -l)
	printf '%-18s %10s %14d %8d\n' "$t" "$med" $((mem / 1024)) "$files"
	if [[ $t == hugo* ]] && { [[ -z $fastest_hugo ]] || awk -v a="$med" -v b="$fastest_hugo" 'BEGIN {exit !(a < b)}'; }; then
		fastest_hugo=$med
	fi
done
one=$(median agora-1-language)
both=$(median agora-2-languages)
awk -v a="$both" -v b="$one" 'BEGIN {printf "2 languages / 1: %.2f (target 2 or less)\n", a / b}'
if [[ -n $fastest_hugo ]]; then
	awk -v a="$both" -v h="$fastest_hugo" 'BEGIN {printf "2 languages / fastest hugo (1 language): %.2f (target 0.5 or less)\n", a / h}'
fi
print_runs "$work/times-languages" 18 $tools
rm -f "$work/times-languages"
