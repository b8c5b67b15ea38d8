package write

import "strings"

// diskFull reports whether err says the disk is full.
func diskFull(err error) bool { return err != nil && strings.Contains(err.Error(), "no space") }
