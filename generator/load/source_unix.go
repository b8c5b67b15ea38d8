//go:build unix

package load

import (
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

// keepFolders: Content.Body keeps the folders it reads from open, so
// that each body is one openat.
const keepFolders = true

// openFolder opens the folder p: content/ through the root (it may be a
// link inside the repository), a folder under it relative to its parent,
// refusing a link.
func openFolder(root *os.Root, parent *folder, p string) (*folder, error) {
	if parent == nil {
		f, err := root.Open(p)
		if err != nil {
			return nil, err
		}
		return &folder{path: p, file: f}, nil
	}
	fd, err := unix.Openat(int(parent.file.Fd()), path.Base(p), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	runtime.KeepAlive(parent.file)
	if err != nil {
		return nil, &fs.PathError{Op: "openat", Path: p, Err: err}
	}
	return &folder{path: p, file: os.NewFile(uintptr(fd), p)}, nil
}

// open opens the file name (a name, not a path) of the folder for
// reading, without following a link. O_NONBLOCK so that a file turned
// into a FIFO since the walk cannot hang the open; it changes nothing
// for a regular file.
func (f *folder) open(name string) (fd int, ok bool) {
	if name == "." || name == ".." || strings.ContainsRune(name, '/') {
		return -1, false
	}
	fd, err := unix.Openat(int(f.file.Fd()), name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	runtime.KeepAlive(f.file)
	return fd, err == nil
}

// readFile reads the regular file name in the folder with one openat,
// an fstat and reads on the bare descriptor: no *os.File, so none of the
// poller's fcntl and epoll_ctl calls for a file it cannot poll. done is
// false, with nothing read, for anything else (a link, a special file, a
// file it cannot open): readThroughRoot deals with those as before.
// The file is read into into's array when it fits.
func (f *folder) readFile(name string, limit int64, into []byte) (b []byte, stamp Stamp, err error, done bool) {
	fd, ok := f.open(name)
	if !ok {
		return nil, Stamp{}, nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, Stamp{}, nil, false
	}
	sec, nsec := st.Mtim.Unix()
	stamp = Stamp{Size: st.Size, ModTime: sec*1e9 + nsec}
	if st.Size > limit {
		return nil, stamp, errTooLarge, true
	}
	if int64(cap(into)) >= st.Size {
		b = into[:st.Size]
	} else {
		b = make([]byte, st.Size)
	}
	for got := 0; got < len(b); {
		n, err := unix.Read(fd, b[got:])
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return nil, stamp, &fs.PathError{Op: "read", Path: f.path + "/" + name, Err: err}, true
		case n == 0: // shorter than when it was opened
			return nil, stamp, io.EOF, true
		}
		got += n
	}
	return b, stamp, nil, true
}

// readSized reads the file name, which held size bytes when it was
// loaded, with one openat, one read of a byte more than that, and a
// close: no fstat (a quarter of the system calls of reading 90,000 bodies
// again at 100,000 entries). A regular file gives less than asked only at
// its end, so a read that gives exactly size bytes read it all. ok is
// false, with nothing read, for any other count: a file changed since, a
// link, a folder, a device (more than size bytes), a named pipe (opened
// without blocking: nothing, unless a local process writes it exactly
// size bytes, which it could as well have written into the file);
// readFile then looks at it.
func (f *folder) readSized(name string, size int64, into []byte) (b []byte, ok bool) {
	if size <= 0 {
		return nil, false
	}
	fd, ok := f.open(name)
	if !ok {
		return nil, false
	}
	defer unix.Close(fd)
	want := int(size) + 1
	if cap(into) >= want {
		b = into[:want]
	} else {
		b = make([]byte, want)
	}
	n, err := unix.Read(fd, b)
	for err == unix.EINTR {
		n, err = unix.Read(fd, b)
	}
	if err != nil || int64(n) != size {
		return nil, false
	}
	return b[:n], true
}
