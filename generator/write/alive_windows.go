package write

import "os"

// alive reports whether the process pid may still be running: a folder of
// a live build must not be removed.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
