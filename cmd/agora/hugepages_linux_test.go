package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestHeapGrowsIntoHugePages checks what reserveHugePages is for: memory
// the heap takes afterwards lies in a mapping advised for huge pages
// (VmFlags "hg" in /proc/self/smaps), and the reservation itself costs
// next to no RAM.
func TestHeapGrowsIntoHugePages(t *testing.T) {
	if !worthReserving(readSetting("/sys/kernel/mm/transparent_hugepage/enabled"), readSetting("/proc/sys/vm/overcommit_memory")) {
		t.Skip("this kernel gives huge pages without asking, or never, or commits memory strictly: nothing is reserved")
	}
	before := residentKiB(t)
	reserveHugePages(512 << 20)
	if grown := residentKiB(t) - before; grown > 64<<10 {
		t.Fatalf("reserving grew resident memory by %d KiB: the ballast was touched", grown)
	}
	held := make([]*[4096]byte, 0, 16<<10)
	for range cap(held) { // 64 MiB in small objects, as a build allocates
		held = append(held, new([4096]byte))
	}
	hugeMappings := mappingsAdvisedHuge(t)
	advised := 0
	for _, p := range held[len(held)/2:] {
		addr := uintptr(unsafe.Pointer(p))
		for _, m := range hugeMappings {
			if m[0] <= addr && addr < m[1] {
				advised++
				break
			}
		}
	}
	if advised < len(held)/4 {
		t.Errorf("%d of %d new objects lie in memory advised for huge pages", advised, len(held)/2)
	}
}

func residentKiB(t *testing.T) int {
	t.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return kib
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// mappingsAdvisedHuge lists the address ranges of the mappings with the
// VmFlags "hg" (MADV_HUGEPAGE).
func mappingsAdvisedHuge(t *testing.T) [][2]uintptr {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var advised [][2]uintptr
	var current [2]uintptr
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		line := lines.Text()
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok {
			if strings.Contains(flags+" ", " hg ") {
				advised = append(advised, current)
			}
			continue
		}
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			current = [2]uintptr{lo, hi}
		}
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}
	return advised
}

func TestWorthReserving(t *testing.T) {
	for _, c := range []struct {
		thp, overcommit string
		want            bool
	}{
		{"always [madvise] never\n", "0\n", true},
		{"always [madvise] never\n", "1\n", true},
		{"always [madvise] never\n", "2\n", false},
		{"[always] madvise never\n", "0\n", false},
		{"always madvise [never]\n", "0\n", false},
		{"", "0\n", false}, // no THP in this kernel
	} {
		if got := worthReserving(c.thp, c.overcommit); got != c.want {
			t.Errorf("worthReserving(%q, %q) = %v, want %v", c.thp, c.overcommit, got, c.want)
		}
	}
}
