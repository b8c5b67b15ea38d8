//go:build !unix && !windows

package write

// alive cannot tell here: every folder is taken as a live build's and left alone.
func alive(pid int) bool { return true }
