// Package write puts a build's files on disk atomically: everything goes
// to a temporary folder beside the output, which replaces the output only
// once the whole build succeeded. A failed or interrupted build leaves the
// previous site exactly as it was.
//
// The temporary folder is named ".OUT.tmp-PID-RANDOM" after the output
// folder OUT and the process writing it. A build killed outright (kill -9,
// a power cut) cannot remove its own folder, so Begin removes those whose
// process is gone before it starts; folders of a live process, or of a
// process it cannot tell, are left alone.
package write

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Marker is the file that marks a folder as Agora's output, so a later
// build may replace it. A folder without it is never replaced.
const Marker = ".agora-output"

// Dir is an output folder being written.
type Dir struct {
	target string
	tmp    string
	// inTmp is tmp with a separator after it: the start of every name
	// written.
	inTmp string
	// prev is the previous output when there is one to reuse files from.
	prev string
	// WriteFile writes one file; tests replace it to simulate a full disk.
	WriteFile func(name string, data []byte) error
	// Linked counts the files that were the same as in the previous output
	// and were linked from it instead of written.
	Linked int
	mu     sync.Mutex
	// made holds the folders this build made in tmp, slash-separated
	// and relative to it (folders.go).
	made map[string]bool
	// lastMade is the folder of the last file put: most files go into
	// the folder of the one before, or into a new one.
	lastMade string
	// folder is tmp held open, so that each file is created relative to
	// it (create_unix.go); nil where files are created by their path.
	folder *os.File
	// prevFolder is prev held open, to compare and link files relative
	// to it; nil where that is done by path.
	prevFolder *os.File
}

// Begin checks that out may be replaced, removes what killed builds left
// beside it, and creates the temporary folder.
func Begin(out, source string) (*Dir, error) {
	target, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if err := safeTarget(target, source); err != nil {
		return nil, err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if err := recoverStale(target); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, stagingPrefix(target)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, err
	}
	d := &Dir{target: target, tmp: tmp, inTmp: tmp + string(filepath.Separator), made: map[string]bool{}, folder: openFolder(tmp)}
	if m, err := os.Lstat(filepath.Join(target, Marker)); err == nil && m.Mode().IsRegular() {
		d.prev = target
		d.prevFolder = openFolder(target)
	}
	d.WriteFile = d.writeFile
	return d, nil
}

// stagingPrefix is the start of the name of every temporary folder of the
// output folder target: ".public.tmp-".
func stagingPrefix(target string) string { return "." + filepath.Base(target) + ".tmp-" }

// Suffixes of a temporary folder's name during Commit: the previous
// output moved aside (".old"), and once the new one is in place, on its
// way out (".trash").
const (
	oldSuffix   = ".old"
	trashSuffix = ".trash"
)

// recoverStale cleans up after builds of target that were killed: their
// temporary folders are removed, and when a build was killed between
// moving the previous output aside and moving the new one in, the previous
// output is put back first. Folders of a live process are left alone.
func recoverStale(target string) error {
	parent := filepath.Dir(target)
	prefix := stagingPrefix(target)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		pid, ok := stagingPID(name, prefix)
		if !ok || !e.IsDir() || e.Type()&fs.ModeSymlink != 0 || alive(pid) {
			continue
		}
		p := filepath.Join(parent, name)
		if strings.HasSuffix(name, oldSuffix) {
			if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
				// Killed between the two renames of Commit: this is
				// the last good output; put it back.
				if err := os.Rename(p, target); err != nil {
					return fmt.Errorf("cannot restore the previous output from %s: %w", p, err)
				}
				continue
			}
		}
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("cannot remove %s, left by an interrupted build: %w", p, err)
		}
	}
	return nil
}

// stagingPID returns the process id in the name of a temporary folder
// ".OUT.tmp-PID-RANDOM[.old|.trash]", and whether name is one.
func stagingPID(name, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	digits, random, ok := strings.Cut(rest, "-")
	if !ok || random == "" {
		return 0, false
	}
	random = strings.TrimSuffix(strings.TrimSuffix(random, oldSuffix), trashSuffix)
	if random == "" {
		return 0, false
	}
	for _, c := range random {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	pid, err := strconv.Atoi(digits)
	if err != nil || pid <= 0 || strconv.Itoa(pid) != digits {
		return 0, false
	}
	return pid, true
}

// safeTarget refuses any folder whose replacement could destroy files
// that Agora did not write.
func safeTarget(target, source string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	if target == filepath.Dir(target) {
		return fmt.Errorf("refusing to write the site to %s: choose a folder of its own, e.g. public/", target)
	}
	// Compare the paths as written and with symbolic links resolved, so
	// that a link to the source (or to a folder above it) is no way round.
	targets, srcs := []string{target}, []string{src}
	if real, err := filepath.EvalSymlinks(target); err == nil && real != target {
		targets = append(targets, real)
	}
	if real, err := filepath.EvalSymlinks(src); err == nil && real != src {
		srcs = append(srcs, real)
	}
	for _, t := range targets {
		if t == filepath.Dir(t) {
			return fmt.Errorf("refusing to write the site to %s: it is the root folder %s", target, t)
		}
		for _, s := range srcs {
			if within(s, t) {
				return fmt.Errorf("refusing to write the site to %s: it holds the source folder", target)
			}
			for _, kept := range []string{"content", "schema", "themes", ".git"} {
				if within(t, filepath.Join(s, kept)) {
					return fmt.Errorf("refusing to write the site to %s: it is inside the source's %s/ folder", target, kept)
				}
			}
		}
		if home, err := os.UserHomeDir(); err == nil && home != "" {
			if t == filepath.Clean(home) {
				return fmt.Errorf("refusing to write the site to the home folder %s", target)
			}
			if real, err := filepath.EvalSymlinks(home); err == nil && t == real {
				return fmt.Errorf("refusing to write the site to the home folder %s", target)
			}
		}
	}
	info, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot use %s as the output folder: %w", target, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("refusing to replace %s: it is a file, not a folder; choose another --out", target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return fmt.Errorf("cannot use %s as the output folder: %w", target, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if m, err := os.Lstat(filepath.Join(target, Marker)); err != nil || !m.Mode().IsRegular() {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not made by agora build (no %s file); choose another --out or empty it yourself", target, Marker)
	}
	return nil
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Staging is the temporary folder the build writes to, for checks
// before Commit.
func (d *Dir) Staging() string { return d.tmp }

// Put writes one file at a slash-separated path inside the output. A path
// that is not local (empty, absolute, with "..", a NUL, a backslash or, on
// Windows, a reserved name) is refused.
func (d *Dir) Put(rel string, data []byte) error {
	if err := CheckPath(rel); err != nil {
		return err
	}
	if err := d.makeParents(rel); err != nil {
		return fmt.Errorf("cannot write %s into %s: %w", rel, d.tmp, err)
	}
	// rel is clean (CheckPath): joining needs no filepath.Clean.
	name := d.inTmp + filepath.FromSlash(rel)
	if d.linkUnchanged(rel, name, data) {
		return nil
	}
	if err := d.WriteFile(name, data); err != nil {
		if diskFull(err) {
			return fmt.Errorf("the disk is full: no space left on the device holding %s, while writing %s (%w); the previous output is unchanged", filepath.Dir(d.target), rel, err)
		}
		return fmt.Errorf("cannot write %s into %s: %w", rel, d.tmp, err)
	}
	return nil
}

// CheckPath reports why rel may not name a file of the output, or nil:
// it must be a relative, slash-separated path that stays inside the
// output folder and names a file, not a folder, and that a Windows
// checkout of the output could hold too (no ':', no device names).
func CheckPath(rel string) error {
	switch {
	case rel == "" || strings.HasSuffix(rel, "/"):
		return fmt.Errorf("refusing to write %q: not a file name", rel)
	case strings.ContainsAny(rel, "\x00\\:"):
		return fmt.Errorf("refusing to write %q: a NUL, backslash or colon in the path", rel)
	case !filepath.IsLocal(filepath.FromSlash(rel)):
		return fmt.Errorf("refusing to write %q outside the output folder", rel)
	}
	for seg := range strings.SplitSeq(rel, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("refusing to write %q: empty, . or .. in the path", rel)
		}
		stem, _, _ := strings.Cut(seg, ".")
		if isDevice(stem) {
			return fmt.Errorf("refusing to write %q: %s is a device name on Windows", rel, stem)
		}
	}
	return nil
}

// isDevice reports whether name (without extension) is a Windows device
// name, case-insensitively: con, prn, aux, nul, com0–com9, lpt0–lpt9.
// (generator/load refuses the same names as slugs.)
func isDevice(name string) bool {
	switch n := strings.ToLower(strings.TrimRight(name, " ")); {
	case n == "con" || n == "prn" || n == "aux" || n == "nul":
		return true
	case len(n) == 4 && (n[:3] == "com" || n[:3] == "lpt") && n[3] >= '0' && n[3] <= '9':
		return true
	}
	return false
}

// writeFile creates the file name, inside tmp, holding data. Where tmp
// is held open it is one openat relative to it, a write and a close on
// the bare descriptor (no *os.File: the Go poller's fcntl and epoll_ctl
// calls are of no use for a regular file). A file already there (a path
// put twice) is replaced, never written through: it may be a link to the
// previous output's file.
func (d *Dir) writeFile(name string, data []byte) error {
	if rel, ok := d.inStaging(name); ok && d.folder != nil {
		return createIn(d.folder, rel, data)
	}
	return createByPath(name, data)
}

// createByPath is createIn by path.
func createByPath(name string, data []byte) error {
	const flags = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	f, err := os.OpenFile(name, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if err = os.Remove(name); err == nil {
			f, err = os.OpenFile(name, flags, 0o644)
		}
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// inStaging returns name relative to tmp, and whether it lies inside.
func (d *Dir) inStaging(name string) (string, bool) {
	rel, ok := strings.CutPrefix(name, d.inTmp)
	return rel, ok && rel != ""
}

// closeFolders releases the folders held open, before Commit moves them.
func (d *Dir) closeFolders() {
	for _, f := range []*os.File{d.folder, d.prevFolder} {
		if f != nil {
			f.Close()
		}
	}
	d.folder, d.prevFolder = nil, nil
}

// linkUnchanged links name to the previous output's file at rel when that
// file holds exactly data, and reports whether it did. A link shares the
// file, so nothing is written; the previous output itself is not changed.
// Where links are not possible (some USB sticks) the file is written.
func (d *Dir) linkUnchanged(rel, name string, data []byte) bool {
	if d.prev == "" {
		return false
	}
	if !d.linkSame(rel, name, data) {
		return false
	}
	d.mu.Lock()
	d.Linked++
	d.mu.Unlock()
	return true
}

// linkSameByPath is linkSame where folders are not held open: Lstat,
// compare, link, by path.
func (d *Dir) linkSameByPath(rel, name string, data []byte) bool {
	old := filepath.Join(d.prev, filepath.FromSlash(rel))
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	same, err := sameBytes(old, data)
	return err == nil && same && os.Link(old, name) == nil
}

var compareBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

func sameBytes(name string, data []byte) (bool, error) {
	f, err := os.Open(name)
	if err != nil {
		return false, err
	}
	defer f.Close()
	bp := compareBufs.Get().(*[]byte)
	defer compareBufs.Put(bp)
	buf := (*bp)[:min(len(data), len(*bp))]
	for rest := data; ; {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(rest))])
		if !bytes.Equal(buf[:n], rest[:n]) {
			return false, nil
		}
		rest = rest[n:]
		if len(rest) == 0 {
			var one [1]byte
			k, _ := f.Read(one[:])
			return k == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// exchange swaps two folders in one step where the system can; tests
// replace it to take the fallback.
var exchange = exchangeDirs

// Commit marks the new output and swaps it in place of the old one. Where
// the system can (Linux), the two folders are exchanged in one step;
// elsewhere the old one is moved aside first, and a build killed between
// the two moves has it put back by the next Begin.
func (d *Dir) Commit() error {
	d.closeFolders()
	if err := os.WriteFile(filepath.Join(d.tmp, Marker), []byte("This folder is written by agora build and replaced whole by the next build.\n"), 0o644); err != nil {
		d.Abort()
		return err
	}
	if _, err := os.Lstat(d.target); err != nil {
		// Nothing to replace.
		if err := os.Rename(d.tmp, d.target); err != nil {
			d.Abort()
			return err
		}
		return nil
	}
	if err := exchange(d.tmp, d.target); err == nil {
		// d.tmp now holds the previous output.
		return os.RemoveAll(d.tmp)
	}
	old := d.tmp + oldSuffix
	if err := os.Rename(d.target, old); err != nil {
		d.Abort()
		return err
	}
	if err := os.Rename(d.tmp, d.target); err != nil {
		if rerr := os.Rename(old, d.target); rerr != nil {
			return fmt.Errorf("%w; the previous output is in %s", err, old)
		}
		d.Abort()
		return err
	}
	trash := d.tmp + trashSuffix
	if err := os.Rename(old, trash); err != nil {
		return os.RemoveAll(old)
	}
	return os.RemoveAll(trash)
}

// Abort removes the temporary folder, leaving the output untouched.
func (d *Dir) Abort() {
	d.closeFolders()
	os.RemoveAll(d.tmp)
}

// PutLink puts the file at src (a copy kept in a cache) at rel in the
// output as a hard link to it: nothing is read or written. Where the
// link cannot be made (another file system, a USB stick) the bytes data
// returns are written instead, as Put writes them.
func (d *Dir) PutLink(rel, src string, data func() ([]byte, error)) error {
	if err := CheckPath(rel); err != nil {
		return err
	}
	if err := d.makeParents(rel); err != nil {
		return fmt.Errorf("cannot write %s into %s: %w", rel, d.tmp, err)
	}
	if src != "" && os.Link(src, d.inTmp+filepath.FromSlash(rel)) == nil {
		return nil
	}
	b, err := data()
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	return d.Put(rel, b)
}
