package write

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// order is the paths of nested files in the order put: deeper first,
// back into folders left earlier, siblings, files beside folders, and a
// path longer than the stack buffer for paths.
var order = []string{
	"a/b/c/d/index.html", "a/index.html", "a/b/c/other.html", "a/b/index.html",
	"a/b/c/d/e/index.html", "a/x/index.html", "b/index.html", "index.html",
	"a/b/c/d/second.html", "a/b/y/z/index.html", "search/index/s/0a.js",
	strings.Repeat("deep/", 60) + "index.html",
}

// TestNestedFolders: files in nested folders, made relative to the
// staging folder held open and by path, come out with their bytes, with
// the modes of os.WriteFile(0o644) and os.Mkdir(0o755), and no folder is
// made that no file is in.
func TestNestedFolders(t *testing.T) {
	fileMode, folderMode := usualModes(t)
	for _, byPath := range []bool{false, true} {
		t.Run(fmt.Sprintf("byPath=%v", byPath), func(t *testing.T) {
			src, out := workspace(t)
			d, err := Begin(out, src)
			if err != nil {
				t.Fatal(err)
			}
			if byPath {
				d.closeFolders()
			}
			nested := map[string]string{}
			for _, p := range order {
				nested[p] = "file " + p
				if err := d.Put(p, []byte(nested[p])); err != nil {
					t.Fatal(err)
				}
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			got := tree(t, out)
			delete(got, Marker)
			if !equalTrees(got, nested) {
				t.Errorf("output = %v, want %v", got, nested)
			}
			folders := 0
			filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
				if err != nil || p == out { // out is the staging folder, private until the swap
					return err
				}
				info, _ := e.Info()
				want := fileMode
				if e.IsDir() {
					want = folderMode
					folders++
				}
				if info.Mode() != want {
					t.Errorf("%s: mode %v, want %v", p, info.Mode(), want)
				}
				return nil
			})
			// a, a/b, a/b/c, a/b/c/d, a/b/c/d/e, a/x, a/b/y, a/b/y/z,
			// b, search, search/index, search/index/s and 60 deep/.
			if folders != 12+60 {
				t.Errorf("%d folders, want %d", folders, 12+60)
			}
		})
	}
}

// TestPutFromManyGoroutines: files put at once from several goroutines,
// into new folders under parents new to several of them at once, all
// come out with their bytes; a folder two putters make at once is no
// error.
func TestPutFromManyGoroutines(t *testing.T) {
	src, out := workspace(t)
	d, err := Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	want := map[string]string{}
	for i := range 400 {
		p := fmt.Sprintf("s%d/t%d/e%03d/index.html", i%3, i%5, i)
		paths = append(paths, p)
		want[p] = "file " + p
	}
	const putters = 8
	start := make(chan struct{})
	errs := make(chan error, putters)
	var wg sync.WaitGroup
	for g := range putters {
		wg.Go(func() {
			<-start
			for i := g; i < len(paths); i += putters {
				if err := d.Put(paths[i], []byte(want[paths[i]])); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	got := tree(t, out)
	delete(got, Marker)
	if !equalTrees(got, want) {
		t.Errorf("%d files out, want %d", len(got), len(want))
	}
}

// usualModes returns the modes that os.WriteFile(name, data, 0o644) and
// os.Mkdir(name, 0o755) give here (after the umask).
func usualModes(t *testing.T) (file, folder fs.FileMode) {
	dir := t.TempDir()
	f, d := filepath.Join(dir, "f"), filepath.Join(dir, "d")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(f)
	di, _ := os.Stat(d)
	return fi.Mode(), di.Mode()
}

// TestFolderInTheWay: a file where a folder must go fails that Put with
// an error naming the path, the files put before are in the staging
// folder, and aborting leaves the previous output as it was.
func TestFolderInTheWay(t *testing.T) {
	for _, byPath := range []bool{false, true} {
		t.Run(fmt.Sprintf("byPath=%v", byPath), func(t *testing.T) {
			src, out := workspace(t)
			build(t, out, src, map[string]string{"index.html": "old", "a/index.html": "old a"})
			before := tree(t, out)
			d, err := Begin(out, src)
			if err != nil {
				t.Fatal(err)
			}
			if byPath {
				d.closeFolders()
			}
			for _, p := range []string{"index.html", "a/index.html", "a/b"} {
				if err := d.Put(p, []byte("new")); err != nil {
					t.Fatal(err)
				}
			}
			err = d.Put("a/b/c/index.html", []byte("new"))
			if err == nil || !strings.Contains(err.Error(), "a/b/c/index.html") {
				t.Fatalf("Put under a file: %v", err)
			}
			if got := tree(t, d.Staging()); got["a/index.html"] != "new" || got["a/b"] != "new" {
				t.Errorf("staged = %v", got)
			}
			d.Abort()
			if !equalTrees(tree(t, out), before) {
				t.Error("the previous output changed")
			}
			if s := staging(t, out); len(s) > 0 {
				t.Errorf("left behind: %v", s)
			}
		})
	}
}
