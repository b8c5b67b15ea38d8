# Sourced by the benchmark scripts. (bench/compare.sh explains settle.)
# settle FOLDER... writes out what the kernel holds to be written, drops
# its caches (as root) so that files deleted recently no longer slow the
# creation of new ones, then reads the folders back into memory.
settle() {
	sync
	if [[ -w /proc/sys/vm/drop_caches ]]; then
		echo 3 >/proc/sys/vm/drop_caches
	else
		echo "not root: the kernel's caches are not dropped; runs soon after deleting many files are slower" >&2
	fi
	find "$@" -type f -print0 | xargs -0 cat >/dev/null
}

# print_runs TIMES WIDTH TOOL... prints every timed run of each tool, in
# order, from a file of "TOOL WALL_S PEAK_KB" lines (/usr/bin/time -f).
print_runs() {
	local times=$1 width=$2 t
	shift 2
	echo "every run, in order (wall s / peak MiB):"
	for t in "$@"; do
		printf "  %-${width}s" "$t"
		awk -v t="$t" '$1 == t {printf " %s/%d", $2, $3 / 1024}' "$times"
		echo
	done
}
