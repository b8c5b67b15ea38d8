//go:build unix

package media

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, in all its threads: on
// a shared machine it moves less with other people's load than the
// wall-clock time benchmarks report.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
