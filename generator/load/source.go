package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/agora-community/agora/generator/diag"
)

// folder is a folder of the source opened once, to list it and to read
// the files in it. Opening a file through the os.Root opens every folder
// of its path again, each with the Go poller's bookkeeping; where the
// system allows (source_unix.go), a file in an open folder takes one
// openat relative to it instead.
type folder struct {
	path string // slash path from the root: "content/members"
	file *os.File
}

func (f *folder) close() { f.file.Close() }

// list returns the folder's entries sorted by name, as fs.ReadDir does.
// On an error it returns the entries it could read.
func (f *folder) list() ([]fs.DirEntry, error) {
	entries, err := f.file.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// visitFunc is called for each path of the walk as fs.WalkDirFunc is; dir
// is the open folder holding p (nil for content/ itself).
type visitFunc func(p string, d fs.DirEntry, dir *folder, err error) error

// walkContent calls visit for content/ and everything under it in the
// order and with the errors of fs.WalkDir over root.FS(), opening each
// folder it descends into once. The folders it returns stay open for
// reading the files in them; the caller closes them.
func walkContent(root *os.Root, visit visitFunc) ([]*folder, error) {
	info, err := root.Stat("content")
	if err != nil {
		return nil, ignoreSkip(visit("content", nil, nil, err))
	}
	var opened []*folder
	err = walkFolder(root, nil, "content", fs.FileInfoToDirEntry(info), visit, &opened)
	return opened, ignoreSkip(err)
}

func ignoreSkip(err error) error {
	if err == fs.SkipDir || err == fs.SkipAll {
		return nil
	}
	return err
}

// walkFolder is fs.WalkDir's walkDir, with folders opened relative to
// their parent.
func walkFolder(root *os.Root, parent *folder, p string, d fs.DirEntry, visit visitFunc, opened *[]*folder) error {
	if err := visit(p, d, parent, nil); err != nil || !d.IsDir() {
		if err == fs.SkipDir && d.IsDir() {
			err = nil
		}
		return err
	}
	dir, err := openFolder(root, parent, p)
	var entries []fs.DirEntry
	if err == nil {
		*opened = append(*opened, dir)
		entries, err = dir.list()
	}
	if err != nil {
		if err := visit(p, d, parent, err); err != nil {
			if err == fs.SkipDir {
				err = nil
			}
			return err
		}
	}
	for _, e := range entries {
		if err := walkFolder(root, dir, p+"/"+e.Name(), e, visit, opened); err != nil {
			if err == fs.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}

func closeAll(folders []*folder) {
	for _, f := range folders {
		f.close()
	}
}

// errTooLarge says a file is over the size limit; it was not read.
var errTooLarge = errors.New("over the size limit")

// readSource reads the file at p (a slash path from the root) whole,
// unless it is larger than limit, and tells its stamp as it was when
// opened. dir, when not nil, is the open folder holding p. This is the
// one way content files are read: by Load, LoadEach and Reload, and again
// by Content.Body.
func readSource(root *os.Root, dir *folder, p string, limit int64) ([]byte, Stamp, *diag.Diagnostic) {
	return readSourceInto(root, dir, p, limit, nil)
}

// readSourceInto is readSource, reading into into's array when the file
// fits in it.
func readSourceInto(root *os.Root, dir *folder, p string, limit int64, into []byte) ([]byte, Stamp, *diag.Diagnostic) {
	var (
		b     []byte
		stamp Stamp
		err   error
		done  bool
	)
	if dir != nil {
		b, stamp, err, done = dir.readFile(path.Base(p), limit, into)
	}
	if !done {
		// A link, a special file or an error: the Root follows links that
		// stay inside the repository and says what went wrong, as it
		// always did.
		b, stamp, err = readThroughRoot(root, p, limit)
	}
	switch {
	case err == errTooLarge:
		return nil, stamp, tooLarge(p, stamp.Size, limit)
	case err != nil:
		return nil, stamp, &diag.Diagnostic{File: p, Code: "read", Message: "cannot read: " + trimPathError(err)}
	}
	return b, stamp, nil
}

// readThroughRoot reads the file at p as os.Root opens it: every folder
// of the path again, and links followed while they stay inside the root.
func readThroughRoot(root *os.Root, p string, limit int64) ([]byte, Stamp, error) {
	fh, err := root.Open(p)
	if err != nil {
		return nil, Stamp{}, err
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, Stamp{}, err
	}
	stamp := StampOf(info)
	if info.Size() > limit {
		return nil, stamp, errTooLarge
	}
	b := make([]byte, info.Size())
	n, err := fh.ReadAt(b, 0)
	if err != nil && n != len(b) {
		return nil, stamp, err
	}
	return b, stamp, nil
}

func tooLarge(p string, n, limit int64) *diag.Diagnostic {
	found, most := size(n), size(limit)
	if found == most { // rounded to the same text: say it in bytes
		found, most = fmt.Sprintf("%d bytes", n), fmt.Sprintf("%d bytes", limit)
	}
	return &diag.Diagnostic{File: p, Code: "too-large",
		Message: fmt.Sprintf("the file is %s, over the limit of %s", found, most),
		Found:   found, Allowed: "at most " + most,
		Hint: "split it into smaller entries, or raise max_file_mb in site.toml"}
}

// bodyFolders are the folders Content.Body reads from, each opened once
// on first use and closed with the Content (when it is collected).
type bodyFolders struct {
	mu     sync.Mutex
	byPath map[string]*folder
}

// close closes the folders opened.
func (bf *bodyFolders) close() {
	for _, f := range bf.byPath {
		if f != nil {
			f.close()
		}
	}
}

// get returns the open folder p, or nil where folders are not kept open
// or p cannot be opened: the body is then read through the root.
func (bf *bodyFolders) get(root *os.Root, p string) *folder {
	if !keepFolders {
		return nil
	}
	bf.mu.Lock()
	defer bf.mu.Unlock()
	if f, ok := bf.byPath[p]; ok {
		return f
	}
	f, err := openFolder(root, nil, p)
	if err != nil {
		f = nil
	}
	if bf.byPath == nil {
		bf.byPath = map[string]*folder{}
	}
	bf.byPath[p] = f
	return f
}
