package site

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestTimingsShowCores: a stage that kept two goroutines spinning shows
// about two cores where the process's CPU time is known; spans without
// CPU time and stages too short to tell show none.
func TestTimingsShowCores(t *testing.T) {
	var tm Timings
	start := StartStage()
	spin(2, 60*time.Millisecond)
	tm.since("busy", start)
	tm.add("  part of it", 10*time.Millisecond)
	start = StartStage()
	tm.since("short", start)
	var out strings.Builder
	tm.Print(&out)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("printed:\n%s", out.String())
	}
	if processCPU() == 0 {
		if strings.Contains(out.String(), "cores") {
			t.Errorf("cores shown without CPU time:\n%s", out.String())
		}
		return
	}
	s := tm.Stages()[0]
	cores := s.CPU.Seconds() / s.Took.Seconds()
	// Loose bounds: other test processes share the machine's cores.
	if want := float64(min(2, runtime.GOMAXPROCS(0))); cores < 0.25 || cores > want+0.5 {
		t.Errorf("two spinning goroutines: %.2f cores, want about %v", cores, want)
	}
	if !strings.HasSuffix(lines[0], " cores") || strings.Contains(lines[1], "cores") || strings.Contains(lines[2], "cores") {
		t.Errorf("printed:\n%s", out.String())
	}
}

// spin keeps n goroutines busy for d.
func spin(n int, d time.Duration) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			x := 0
			for end := time.Now().Add(d); time.Now().Before(end); x++ {
			}
			_ = x
		})
	}
	wg.Wait()
}
