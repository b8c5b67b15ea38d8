// Package write puts a build's files on disk atomically: everything goes
// to a temporary folder beside the output, which replaces the output only
// once the whole build succeeded. A failed or interrupted build leaves the
// previous site exactly as it was.
package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file that marks a folder as Agora's output, so a later
// build may replace it. A folder without it is never replaced.
const Marker = ".agora-output"

// Dir is an output folder being written.
type Dir struct {
	target string
	tmp    string
	// WriteFile writes one file; tests replace it to simulate a full disk.
	WriteFile func(name string, data []byte) error
}

// Begin checks that out may be replaced and creates the temporary folder.
func Begin(out, source string) (*Dir, error) {
	target, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if err := safeTarget(target, source); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-")
	if err != nil {
		return nil, err
	}
	d := &Dir{target: target, tmp: tmp}
	d.WriteFile = d.writeFile
	return d, nil
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
	if within(src, target) {
		return fmt.Errorf("refusing to write the site to %s: it holds the source folder", target)
	}
	if home, err := os.UserHomeDir(); err == nil && target == filepath.Clean(home) {
		return fmt.Errorf("refusing to write the site to the home folder %s", target)
	}
	entries, err := os.ReadDir(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot use %s as the output folder: %w", target, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(target, Marker)); err != nil {
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

// Put writes one file at a slash-separated path inside the output.
func (d *Dir) Put(rel string, data []byte) error {
	clean := filepath.FromSlash(rel)
	if !filepath.IsLocal(clean) {
		return fmt.Errorf("refusing to write %q outside the output folder", rel)
	}
	return d.WriteFile(filepath.Join(d.tmp, clean), data)
}

func (d *Dir) writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// Commit marks the new output and swaps it in place of the old one.
func (d *Dir) Commit() error {
	if err := os.WriteFile(filepath.Join(d.tmp, Marker), []byte("This folder is written by agora build and replaced whole by the next build.\n"), 0o644); err != nil {
		d.Abort()
		return err
	}
	old := ""
	if _, err := os.Stat(d.target); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.target, old); err != nil {
			d.Abort()
			return err
		}
	}
	if err := os.Rename(d.tmp, d.target); err != nil {
		if old != "" {
			os.Rename(old, d.target)
		}
		d.Abort()
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes the temporary folder, leaving the output untouched.
func (d *Dir) Abort() { os.RemoveAll(d.tmp) }
