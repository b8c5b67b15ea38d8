#!/usr/bin/env bash
# Issue 24's benchmark: the 10,000-entry corpus with 1,000 photos
# (3000×2000 JPEG, drawn by bench/mkmedia, the same bytes on every run)
# in entry folders of its minutes, built by Agora
#
#   cold      with an empty image cache: every photo decoded, turned,
#             resized and encoded (on every core)
#   warm      with the cache full, as a rebuild or CI with its cache kept
#   nophotos  the same corpus without the photos
#
# and prints each one's median wall time, CPU time and peak memory, and
# warm / nophotos against the target of 1.10 (within 10 %).
#
#   bench/photos.sh [ENTRIES] [PHOTOS] [RUNS]   defaults: 10000 1000 5
#   bench/photos.sh 200 20 3                    a quick check that it works
#   AGORA_TODAY= bench/photos.sh ...            dated today (default 2000-01-01)
#   AGORA_BENCH_DIR=/work/corpus/bench bench/photos.sh
#                                               the 10,000-entry corpus already there
#   AGORA_PHOTOS_WARM_ONLY=1 bench/photos.sh ...
#                                               warm and nophotos only, from the
#                                               cache a full run left (minutes, not hours)
#
# Run it on a quiet machine, nothing else running: at full size on 2
# cores it takes about (RUNS + 1) × 13 minutes (a cold build spends 1-2 s
# of CPU a photo, generator/media's benchmarks), plus the corpus once.
# As root it drops the kernel's caches first, as bench/compare.sh does
# (AGORA_DROP_CACHES=0 keeps them, for a quick check on a shared machine).
#
# The corpus is ../shared/bench/mkcorpus.py's, written once into
# $AGORA_BENCH_DIR (default /tmp/agora-bench, shared with compare.sh);
# the photos go into a copy of it, made once too. Every run writes to an
# output folder of its own, all removed at the end, and runs after a
# sync; a cold run's empty cache is made by renaming the last one aside,
# not by deleting it: on this machine's ext4, creating files soon after
# deleting many is slow (bench/compare.sh explains why), so a deletion
# right before a run would time the file system, not Agora.
#
# Verified only at small scale so far (2026-12-07, 2 shared cores, caches
# not dropped: 200 entries, 20 photos, 1 run: cold 31.2 s, warm 0.32 s,
# nophotos 0.32 s; a cold build's peak 1.4 GiB, bounded by
# media.Processor's memory budget, not by the number of photos). The
# photos take about 1 MB each on disk, 1 GB at full size.
#
# Needs Go, python3 and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-10000}
photos=${2:-1000}
runs=${3:-5}
gen=../shared/bench/mkcorpus.py
work=${AGORA_BENCH_DIR:-/tmp/agora-bench}
corpus=$work/corpus-$entries
with=$work/photos-$entries-$photos
mkdir -p "$work"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [[ ! -f $corpus/site.toml ]]; then
	echo "writing a corpus of $entries entries to $corpus" >&2
	python3 "$gen" "$entries" "$corpus" --hugo
fi
if [[ ! -f $with/site.toml ]]; then
	echo "adding $photos photos to a copy of it in $with" >&2
	rm -rf "$with.tmp"
	mkdir -p "$with.tmp"
	cp -r "$corpus/site.toml" "$corpus/content" "$with.tmp/"
	go run ./bench/mkmedia photos "$with.tmp" "$photos"
	mv "$with.tmp" "$with"
fi
go build -o "$work/agora" ./cmd/agora

export AGORA_TODAY=${AGORA_TODAY-2000-01-01}
outs=$work/photo-outs
caches=$work/photo-caches
cache=$with/.agora-cache
rm -rf "$outs" "$caches" "$work/photo-times"
mkdir -p "$outs" "$caches"
trap 'rm -rf "$outs" "$caches"' EXIT

declare -A source=([cold]=$with [warm]=$with [nophotos]=$corpus)
kinds="cold warm nophotos"
warmups="cold warm nophotos warm2 nophotos2"
if [[ ${AGORA_PHOTOS_WARM_ONLY:-0} != 0 ]]; then
	[[ -d $cache ]] || { echo "AGORA_PHOTOS_WARM_ONLY: no image cache in $cache; run a full round first" >&2; exit 2; }
	kinds="warm nophotos"
	warmups="warm nophotos warm2 nophotos2"
fi
# run KIND OUT [TIME-FILE] builds KIND into OUT, timed into TIME-FILE if
# given. A cold build starts with no cache: the last one is renamed aside.
run() {
	if [[ $1 == cold && -e $cache ]]; then
		mv "$cache" "$caches/$(ls "$caches" | wc -l)"
	fi
	local timed=()
	[[ -n ${3:-} ]] && timed=(/usr/bin/time -f "$1 %e %U %S %M" -a -o "$3")
	"${timed[@]}" "$work/agora" build --source "${source[$1]}" --out "$2" >/dev/null 2>"$work/err" ||
		{ cat "$work/err" >&2; exit 1; }
}

# The same state of the machine for every kind (bench/compare.sh says why):
# written out, the kernel's caches dropped, the corpora read back, and
# each kind built untimed: the cold one once (it fills the cache), the
# others twice.
sync
if [[ ${AGORA_DROP_CACHES:-1} != 0 && -w /proc/sys/vm/drop_caches ]]; then
	echo 3 >/proc/sys/vm/drop_caches
else
	echo "the kernel's caches are not dropped; runs soon after deleting many files are slower" >&2
fi
find "$corpus/content" "$with" -type f -print0 | xargs -0 cat >/dev/null
for k in $warmups; do
	run "${k%2}" "$outs/warmup-$k"
done
images=$(find "$outs/warmup-warm2/minutes" -name '*.webp' -o -name '*.png' -o -name '*.jpg' | wc -l)
for ((i = 1; i <= runs; i++)); do
	for k in $kinds; do
		sync
		run "$k" "$outs/$k-$i" "$work/photo-times"
	done
done

echo "$(date -u +%F) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $entries entries, $photos photos of 3000×2000 ($images copies published), $runs runs each, alternating, dated ${AGORA_TODAY:-today ($(date -u +%F))}"
printf '%-10s %10s %12s %10s\n' build "median s" "median CPU s" "peak MiB"
declare -A med
for k in $kinds; do
	med[$k]=$(awk -v k="$k" '$1 == k {print $2}' "$work/photo-times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	cpu=$(awk -v k="$k" '$1 == k {print $3 + $4}' "$work/photo-times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	mem=$(awk -v k="$k" '$1 == k {print $5}' "$work/photo-times" | sort -n | tail -1)
	printf '%-10s %10s %12s %10d\n' "$k" "${med[$k]}" "$cpu" $((mem / 1024))
done
awk -v w="${med[warm]}" -v n="${med[nophotos]}" \
	'BEGIN {r = w / n; printf "warm / nophotos: %.3f (target 1.10 or less: %s)\n", r, r <= 1.10 ? "met" : "NOT met"}'
echo "every run, in order (wall s / CPU s / peak MiB):"
for k in $kinds; do
	printf '  %-10s' "$k"
	awk -v k="$k" '$1 == k {printf " %s/%.1f/%d", $2, $3 + $4, $5 / 1024}' "$work/photo-times"
	echo
done
rm -f "$work/photo-times"
