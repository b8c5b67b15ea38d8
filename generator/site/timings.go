package site

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Timings records how long each stage of a run took, in order, for
// `agora build --timings`, and how many cores it kept busy: a stage that
// keeps one of two cores idle is where a build waits. Stages that overlap
// (rendering and writing run together) are recorded separately, so the
// sum can exceed the wall time.
type Timings struct {
	mu     sync.Mutex
	stages []Stage
}

// Stage is one line of Timings.
type Stage struct {
	Name string
	Took time.Duration
	// CPU is the process's CPU time (user and system) during the stage;
	// zero where unknown.
	CPU time.Duration
}

// StageStart marks when a stage began, by the clock and by the CPU time
// used so far.
type StageStart struct {
	wall time.Time
	cpu  time.Duration
}

// StartStage marks the start of a stage, now.
func StartStage() StageStart { return StageStart{time.Now(), processCPU()} }

// since records the stage name as having run from start until now.
func (t *Timings) since(name string, start StageStart) {
	t.record(Stage{name, time.Since(start.wall), processCPU() - start.cpu})
}

// Since records a stage of the caller's, such as printing the problems
// found, as having run from start until now.
func (t *Timings) Since(name string, start StageStart) { t.since(name, start) }

// add records a span that is part of a stage, without CPU time.
func (t *Timings) add(name string, took time.Duration) { t.record(Stage{Name: name, Took: took}) }

func (t *Timings) record(s Stage) {
	t.mu.Lock()
	t.stages = append(t.stages, s)
	t.mu.Unlock()
}

// Stages returns the recorded stages in the order they ended.
func (t *Timings) Stages() []Stage {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Stage(nil), t.stages...)
}

// minTimedForCores is the shortest stage whose cores are shown: the CPU
// time of a shorter one is mostly the clock's granularity.
const minTimedForCores = 5 * time.Millisecond

// Print writes one aligned line per stage, with the cores it kept busy
// on average when that is known.
func (t *Timings) Print(w io.Writer) {
	for _, s := range t.Stages() {
		fmt.Fprintf(w, "  %-22s %8.1f ms", s.Name, float64(s.Took.Microseconds())/1000)
		if s.CPU > 0 && s.Took >= minTimedForCores {
			fmt.Fprintf(w, "  %4.1f cores", s.CPU.Seconds()/s.Took.Seconds())
		}
		fmt.Fprintln(w)
	}
}
