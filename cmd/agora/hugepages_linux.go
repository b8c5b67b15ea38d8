package main

import (
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/sys/unix"
)

// reserveHugePages maps up to limit bytes of Go heap in one piece and asks
// the kernel to back them with 2 MiB pages, then drops them. Where
// transparent huge pages come only on request (the "madvise" setting of
// Debian and of many VMs), Go's heap otherwise grows 4 KiB at a time and
// every first touch of a page is a fault: some 100,000 in a 10,000-entry
// build, and each one is dear under a hypervisor (on this project's
// benchmark machine they cost a quarter of the build's CPU). The heap then
// grows into the advised range, which keeps its advice when the runtime
// hands unused pages back to the kernel.
func reserveHugePages(limit int64) {
	if !worthReserving(readSetting("/sys/kernel/mm/transparent_hugepage/enabled"), readSetting("/proc/sys/vm/overcommit_memory")) {
		return
	}
	size := min(limit, physicalMemory()/2)
	if size <= 0 {
		return
	}
	// Fresh memory from the kernel is known to be zero, so Go does not
	// clear it: the ballast costs address space, not RAM.
	ballast := make([]byte, size)
	_ = unix.Madvise(ballast, unix.MADV_HUGEPAGE) // no THP in the kernel: nothing changes
	ballast = nil
	// Collect it at once and return its pages to the kernel, so that the
	// memory limit counts only what the build uses.
	debug.FreeOSMemory()
}

// worthReserving reports whether the kernel gives huge pages only on
// request ("[madvise]": with "always" the heap has them anyway, with
// "never" not at all) and lets a large mapping reserve address space
// without committing RAM to it (overcommit mode 2 would count the whole
// ballast against the commit limit, and Go stops on a refused mapping).
func worthReserving(thpEnabled, overcommit string) bool {
	return strings.Contains(thpEnabled, "[madvise]") && strings.TrimSpace(overcommit) != "2"
}

func readSetting(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

func physicalMemory() int64 {
	var info unix.Sysinfo_t
	if unix.Sysinfo(&info) != nil {
		return 0
	}
	return int64(info.Totalram) * int64(info.Unit)
}
