//go:build !linux

package write

import "errors"

// exchangeDirs is not available: Commit falls back to two renames.
func exchangeDirs(a, b string) error { return errors.ErrUnsupported }
