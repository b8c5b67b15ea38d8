//go:build unix && !linux

package write

import "golang.org/x/sys/unix"

func mkdirat(dirfd int, path string, mode uint32) error { return unix.Mkdirat(dirfd, path, mode) }

func openat(dirfd int, path string, flags int, mode uint32) (int, error) {
	return unix.Openat(dirfd, path, flags, mode)
}

func write(fd int, data []byte) (int, error) { return unix.Write(fd, data) }

func closeFD(fd int) error { return unix.Close(fd) }
