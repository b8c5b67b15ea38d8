//go:build !plan9 && !windows

package write

import (
	"errors"
	"syscall"
)

// diskFull reports whether err says the disk (or the user's quota) is full.
func diskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }
