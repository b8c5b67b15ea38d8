package site

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Timings records how long each stage of a run took, in order, for
// `agora build --timings`. Stages that overlap (rendering and writing run
// together) are recorded separately, so the sum can exceed the wall time.
type Timings struct {
	mu     sync.Mutex
	stages []Stage
}

// Stage is one line of Timings.
type Stage struct {
	Name string
	Took time.Duration
}

// since records the stage name as having run from start until now.
func (t *Timings) since(name string, start time.Time) {
	t.add(name, time.Since(start))
}

// Since records a stage of the caller's, such as printing the problems
// found, as having run from start until now.
func (t *Timings) Since(name string, start time.Time) { t.since(name, start) }

func (t *Timings) add(name string, took time.Duration) {
	t.mu.Lock()
	t.stages = append(t.stages, Stage{name, took})
	t.mu.Unlock()
}

// Stages returns the recorded stages in the order they ended.
func (t *Timings) Stages() []Stage {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Stage(nil), t.stages...)
}

// Print writes one aligned line per stage.
func (t *Timings) Print(w io.Writer) {
	for _, s := range t.Stages() {
		fmt.Fprintf(w, "  %-22s %8.1f ms\n", s.Name, float64(s.Took.Microseconds())/1000)
	}
}
