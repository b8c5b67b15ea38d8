//go:build unix

package media

import (
	"io/fs"
	"syscall"
)

// inode is a file's inode number: a file replaced by another (a checkout,
// a copy) gets a new one even with the same size and time.
func inode(st fs.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Ino)
	}
	return 0
}
