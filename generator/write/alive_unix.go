//go:build unix

package write

import (
	"errors"
	"syscall"
)

// alive reports whether the process pid may still be running: a folder of
// a live build must not be removed. Unsure means alive.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return !errors.Is(err, syscall.ESRCH)
}
