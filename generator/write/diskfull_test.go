//go:build !plan9

package write

import "syscall"

// errDiskFull is the error a write returns when the disk is full.
var errDiskFull error = syscall.ENOSPC
