package write

import "golang.org/x/sys/unix"

// exchangeDirs swaps two folders in one step (renameat2 RENAME_EXCHANGE), so
// that the output folder never stops existing; it fails on file systems
// that cannot, and Commit falls back to two renames.
func exchangeDirs(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
