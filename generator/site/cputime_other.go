//go:build !unix

package site

import "time"

// processCPU is zero where the process's CPU time is not known here:
// --timings then shows wall times only.
func processCPU() time.Duration { return 0 }
