package write

import "errors"

// errDiskFull is the error a write returns when the disk is full: Plan 9
// has no error numbers, only text.
var errDiskFull = errors.New("no space left on device")
