//go:build unix && !aix && !solaris

package write

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sys/unix"
)

// openFolder holds the folder p open, to work relative to it; nil when it
// cannot, and the work is done by path.
func openFolder(p string) *os.File {
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	return f
}

// createIn creates the file rel inside dir holding data: one openat, the
// writes and a close. A file already at rel is unlinked first, so that a
// file linked from the previous output is never written through.
func createIn(dir *os.File, rel string, data []byte) error {
	dirfd := int(dir.Fd())
	defer runtime.KeepAlive(dir)
	const flags = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_NOFOLLOW | unix.O_CLOEXEC
	fd, err := openat(dirfd, rel, flags, 0o644)
	if err == unix.EEXIST {
		if err = unix.Unlinkat(dirfd, rel, 0); err == nil {
			fd, err = openat(dirfd, rel, flags, 0o644)
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: filepath.Join(dir.Name(), rel), Err: err}
	}
	if err := writeAll(fd, data); err != nil {
		closeFD(fd)
		return &fs.PathError{Op: "write", Path: filepath.Join(dir.Name(), rel), Err: err}
	}
	if err := closeFD(fd); err != nil {
		return &fs.PathError{Op: "close", Path: filepath.Join(dir.Name(), rel), Err: err}
	}
	return nil
}

// mkdirIn makes the folder rel inside dir.
func mkdirIn(dir *os.File, rel string) error {
	defer runtime.KeepAlive(dir)
	if err := mkdirat(int(dir.Fd()), rel, 0o755); err != nil {
		return &fs.PathError{Op: "mkdir", Path: filepath.Join(dir.Name(), rel), Err: err}
	}
	return nil
}

func writeAll(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := write(fd, data)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return err
		case n == 0:
			return io.ErrShortWrite
		}
		data = data[n:]
	}
	return nil
}

// linkSame links name to the previous output's file at rel when that is
// a regular file holding exactly data, and reports whether it did: an
// openat, an fstat and reads relative to the previous output, then one
// linkat; by path where the folders are not held open.
func (d *Dir) linkSame(rel, name string, data []byte) bool {
	to, ok := d.inStaging(name)
	if d.prevFolder == nil || d.folder == nil || !ok {
		return d.linkSameByPath(rel, name, data)
	}
	prevfd, tmpfd := int(d.prevFolder.Fd()), int(d.folder.Fd())
	defer runtime.KeepAlive(d.prevFolder)
	defer runtime.KeepAlive(d.folder)
	from := filepath.FromSlash(rel)
	fd, err := unix.Openat(prevfd, from, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	same := holds(fd, data)
	unix.Close(fd)
	return same && unix.Linkat(prevfd, from, tmpfd, to, 0) == nil
}

// holds reports whether the open file fd is a regular file holding
// exactly data. Each read asks for a byte more than is left to compare: a
// regular file returns less only at its end, so a file of the right size
// is read in one call, with no second read to find the end.
func holds(fd int, data []byte) bool {
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != int64(len(data)) {
		return false
	}
	bp := compareBufs.Get().(*[]byte)
	defer compareBufs.Put(bp)
	buf := *bp
	for rest := data; ; {
		want := min(len(buf), len(rest)+1)
		n, err := unix.Read(fd, buf[:want])
		switch {
		case err == unix.EINTR:
			continue
		case err != nil || n > len(rest) || !bytes.Equal(buf[:n], rest[:n]):
			return false
		}
		rest = rest[n:]
		if n < want {
			return len(rest) == 0
		}
	}
}
