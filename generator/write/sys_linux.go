package write

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// The calls that create the output's folders and files go to the kernel
// raw, without telling the Go scheduler. Told, the scheduler hands this
// thread's processor to another thread whenever a call outlasts a tick of
// its monitor (20 µs; making an inode takes 30-70 µs on the benchmark
// machine) and wakes threads back and forth for it. Raw, a 10k build made
// 35-60 % fewer nanosleeps and, on a busy machine, a third to a half
// fewer context switches (alternating builds, 2026-12-05). The price: a
// call that does block (a write throttled because too much of the page
// cache is dirty, a slow FUSE mount) keeps its processor idle meanwhile.
// Reading the previous output, which may come from the disk, is done the
// usual way (create_unix.go).

func mkdirat(dirfd int, path string, mode uint32) error {
	var buf pathBuf
	p, err := buf.cstring(path)
	if err != nil {
		return err
	}
	_, _, e := unix.RawSyscall(unix.SYS_MKDIRAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(mode))
	return errnoErr(e)
}

func openat(dirfd int, path string, flags int, mode uint32) (int, error) {
	var buf pathBuf
	p, err := buf.cstring(path)
	if err != nil {
		return -1, err
	}
	fd, _, e := unix.RawSyscall6(unix.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(flags), uintptr(mode), 0, 0)
	return int(fd), errnoErr(e)
}

func write(fd int, data []byte) (int, error) {
	if len(data) == 0 {
		return 0, nil
	}
	n, _, e := unix.RawSyscall(unix.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&data[0])), uintptr(len(data)))
	return int(n), errnoErr(e)
}

func closeFD(fd int) error {
	_, _, e := unix.RawSyscall(unix.SYS_CLOSE, uintptr(fd), 0, 0)
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
