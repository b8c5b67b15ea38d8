package write

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// The calls that create the output's folders and files take their path
// from a buffer on the stack: no allocation per file. They tell the Go
// scheduler, as ordinary calls do. Made raw, they measured no less CPU
// for a 10k build (fewer context switches and nanosleeps, 2026-12-05),
// and a call that blocks (a write throttled because too much of the page
// cache is dirty, a slow FUSE mount such as a USB stick's NTFS) would
// keep its processor idle and hold up every garbage collection meanwhile.

func mkdirat(dirfd int, path string, mode uint32) error {
	var buf pathBuf
	p, err := buf.cstring(path)
	if err != nil {
		return err
	}
	_, _, e := unix.Syscall(unix.SYS_MKDIRAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(mode))
	return errnoErr(e)
}

func openat(dirfd int, path string, flags int, mode uint32) (int, error) {
	var buf pathBuf
	p, err := buf.cstring(path)
	if err != nil {
		return -1, err
	}
	fd, _, e := unix.Syscall6(unix.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(flags), uintptr(mode), 0, 0)
	return int(fd), errnoErr(e)
}

func write(fd int, data []byte) (int, error) {
	if len(data) == 0 {
		return 0, nil
	}
	n, _, e := unix.Syscall(unix.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&data[0])), uintptr(len(data)))
	return int(n), errnoErr(e)
}

func closeFD(fd int) error {
	_, _, e := unix.Syscall(unix.SYS_CLOSE, uintptr(fd), 0, 0)
	return errnoErr(e)
}

func errnoErr(e unix.Errno) error {
	if e == 0 {
		return nil
	}
	return e
}

// pathBuf holds a path with the NUL the kernel wants after it, on the
// stack for the paths of a site: no allocation per file.
type pathBuf [256]byte

func (b *pathBuf) cstring(s string) (*byte, error) {
	if len(s) < len(b) {
		for i := 0; i < len(s); i++ {
			if s[i] == 0 {
				return nil, unix.EINVAL
			}
		}
		copy(b[:], s)
		b[len(s)] = 0
		return &b[0], nil
	}
	return unix.BytePtrFromString(s)
}
