package write

import (
	"errors"
	"syscall"
)

// diskFull reports whether err says the disk is full: ERROR_DISK_FULL,
// ERROR_HANDLE_DISK_FULL, or ENOSPC from a test.
func diskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.Errno(112)) || errors.Is(err, syscall.Errno(39))
}
