package write

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// makeParents creates the folders above the file rel (slash-separated,
// checked by CheckPath) that this build has not made yet. The staging
// folder starts empty and only this build writes to it, so the folders
// it remembers making are the only ones there: no stat, and no mkdir
// failing with EEXIST, for a folder already made. Files are put from
// several goroutines, so the folders are made outside the lock: two
// putters may both make a new folder's parent, and one of them finds it
// there (EEXIST), which is as good.
func (d *Dir) makeParents(rel string) error {
	slash := strings.LastIndexByte(rel, '/')
	if slash < 0 {
		return nil
	}
	dir := rel[:slash]
	d.mu.Lock()
	made := len(dir)
	if dir != d.lastMade {
		made = d.deepestMade(dir)
	}
	d.mu.Unlock()
	if made == len(dir) {
		return nil
	}
	for end := made; end < len(dir); {
		end = nextSlash(dir, end)
		if err := d.mkdir(dir[:end]); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for end := made; end < len(dir); {
		end = nextSlash(dir, end)
		d.made[dir[:end]] = true
	}
	d.lastMade = dir
	return nil
}

// deepestMade returns the length of the longest folder made already
// that holds dir or is dir; 0 when none is.
func (d *Dir) deepestMade(dir string) int {
	for p := dir; ; {
		if d.made[p] {
			return len(p)
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return 0
		}
		p = p[:i]
	}
}

// nextSlash returns the index of the first '/' in s after from, or
// len(s).
func nextSlash(s string, from int) int {
	if i := strings.IndexByte(s[from+1:], '/'); i >= 0 {
		return from + 1 + i
	}
	return len(s)
}

// mkdir makes the folder rel inside tmp: relative to tmp where it is held
// open, so the kernel does not walk the whole path again.
func (d *Dir) mkdir(rel string) error {
	if d.folder != nil {
		return mkdirIn(d.folder, rel)
	}
	return os.Mkdir(d.inTmp+filepath.FromSlash(rel), 0o755)
}
