# Sourced by the benchmark scripts, which set $work first.
#
# On ext4 without a journal (this machine's file system), a new inode
# skips every free inode deleted less than 60 s ago, or less than 360 s
# ago while its inode table block is dirty (recently_deleted() in
# fs/ext4/ialloc.c), one buffer lookup each, and the search starts over
# for the next inode. A build writing 28,000 inodes right after 100,000
# were deleted spends seconds of system time there: 2026-12-07, a 10k
# build took 4.9-5.5 s of system time instead of 0.6-0.9 s. Dropping the
# caches does not end it, as a build reads those blocks back and dirties
# them. A file system with a journal (ext4's default) never checks.
#
# remove FOLDER... deletes, noting the time for settle.
remove() {
	rm -rf "$@"
	date +%s >"$work/.removed-at"
}

# settle FOLDER... waits until 370 s have passed since the last remove,
# then resets the machine's memory (reset_caches).
settle() {
	local since wait
	if [[ -f $work/.removed-at ]]; then
		since=$(($(date +%s) - $(cat "$work/.removed-at")))
		if ((since < 370)); then
			wait=$((370 - since))
			echo "waiting ${wait} s: files deleted ${since} s ago still slow the file system (bench/runs.sh)" >&2
			sleep "$wait"
		fi
	fi
	reset_caches "$@"
}

# reset_caches FOLDER... writes out what the kernel holds to be written, drops
# its caches (as root) so that memory is free and every run starts alike,
# then reads the folders back into memory. Between runs that keep their
# outputs, the page cache otherwise grows by each run's output, and on
# this hypervisor, where memory is dear the first time the guest uses it
# (see bench/RESULTS.md), each later run paid more in the kernel: 100k
# builds took 18.2-18.8 s with 12.2-12.7 s of system time after the
# previous outputs, 16.2-17.0 s with 8.6-9.4 s after a reset (2026-12-08).
reset_caches() {
	sync
	if [[ -w /proc/sys/vm/drop_caches ]]; then
		echo 3 >/proc/sys/vm/drop_caches
	else
		echo "not root: the kernel's caches are not dropped" >&2
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
