package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// tree reads every file under dir: slash path -> content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// build writes files into out through Begin, Put and Commit.
func build(t *testing.T, out, source string, files map[string]string) {
	t.Helper()
	d, err := Begin(out, source)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := d.Put(name, []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
}

// staging lists the temporary folders beside out.
func staging(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stagingPrefix(out)) {
			names = append(names, e.Name())
		}
	}
	return names
}

// workspace is a source folder and an output path beside it.
func workspace(t *testing.T) (src, out string) {
	t.Helper()
	dir := t.TempDir()
	src = filepath.Join(dir, "site")
	os.MkdirAll(filepath.Join(src, "content", "members"), 0o755)
	os.WriteFile(filepath.Join(src, "site.toml"), []byte("title = \"T\"\n"), 0o644)
	return src, filepath.Join(dir, "public")
}

func TestCommitReplacesTheOutput(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		t.Run(fmt.Sprintf("fallback=%v", fallback), func(t *testing.T) {
			if fallback {
				exchange = func(a, b string) error { return errors.ErrUnsupported }
				defer func() { exchange = exchangeDirs }()
			}
			src, out := workspace(t)
			build(t, out, src, map[string]string{"index.html": "one", "a/b/index.html": "ab"})
			build(t, out, src, map[string]string{"index.html": "two", "c/index.html": "c"})
			want := map[string]string{"index.html": "two", "c/index.html": "c", Marker: tree(t, out)[Marker]}
			if got := tree(t, out); !equalTrees(got, want) {
				t.Errorf("output = %v, want %v", got, want)
			}
			if !strings.Contains(want[Marker], "agora build") {
				t.Errorf("marker = %q", want[Marker])
			}
			if s := staging(t, out); len(s) > 0 {
				t.Errorf("left behind: %v", s)
			}
		})
	}
}

func TestAbortLeavesTheOutput(t *testing.T) {
	src, out := workspace(t)
	build(t, out, src, map[string]string{"index.html": "one"})
	before := tree(t, out)
	d, err := Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	d.Put("index.html", []byte("two"))
	d.Abort()
	if !equalTrees(tree(t, out), before) {
		t.Error("Abort changed the output")
	}
	if s := staging(t, out); len(s) > 0 {
		t.Errorf("left behind: %v", s)
	}
}

// TestPutRefusesPathsOutside: no job path can leave the staging folder.
func TestPutRefusesPathsOutside(t *testing.T) {
	src, out := workspace(t)
	d, err := Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	var written []string
	d.WriteFile = func(name string, data []byte) error {
		written = append(written, name)
		return nil
	}
	for _, rel := range []string{
		"", ".", "..", "../x", "../../etc/passwd", "a/../../x", "a/b/../../../x", "/etc/passwd", "//x",
		"a/", "a//b", "./a", "a/./b", "a/..", "a\x00b", "a\\..\\..\\x", "..\\x", "C:/x", "c:\\x", "index.html:evil",
		"con", "nul/index.html", "members/COM1/index.html", "aux.html", "lpt9.js", "a/prn.txt/x",
	} {
		if err := d.Put(rel, nil); err == nil {
			t.Errorf("Put(%q) was accepted", rel)
		}
	}
	for _, rel := range []string{"index.html", "members/ana/index.html", "search/index/s/0a.js", "..a/x", "a..b", "console/index.html", "com10/x", "conx"} {
		if err := d.Put(rel, nil); err != nil {
			t.Errorf("Put(%q): %v", rel, err)
		}
	}
	for _, name := range written {
		if !within(name, d.Staging()) || name == d.Staging() {
			t.Errorf("wrote %s outside %s", name, d.Staging())
		}
	}
	if len(written) != 8 {
		t.Errorf("wrote %d files, want 8", len(written))
	}
}

// TestDiskFull: a write that fails because the disk is full (errDiskFull,
// per platform) says so, and
// the aborted build leaves the previous output as it was.
func TestDiskFull(t *testing.T) {
	src, out := workspace(t)
	build(t, out, src, map[string]string{"index.html": "one", "a/index.html": "a"})
	before := tree(t, out)
	d, err := Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	write := d.WriteFile
	d.WriteFile = func(name string, data []byte) error {
		if n++; n > 3 {
			return &fs.PathError{Op: "write", Path: name, Err: errDiskFull}
		}
		return write(name, data)
	}
	var putErr error
	for i := range 10 {
		if putErr = d.Put(fmt.Sprintf("p%d/index.html", i), []byte("new")); putErr != nil {
			break
		}
	}
	if putErr == nil {
		t.Fatal("no error from a full disk")
	}
	if !errors.Is(putErr, errDiskFull) || !strings.Contains(putErr.Error(), "disk is full") {
		t.Errorf("error = %v", putErr)
	}
	d.Abort()
	if !equalTrees(tree(t, out), before) {
		t.Error("the previous output changed")
	}
	if s := staging(t, out); len(s) > 0 {
		t.Errorf("left behind: %v", s)
	}
}

// deadPID returns the id of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	if alive(pid) {
		t.Skipf("pid %d was reused at once; cannot test stale folders", pid) // not silent: says why
	}
	return pid
}

func TestStaleStagingIsRemoved(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("process liveness is checked with kill(pid, 0)")
	}
	src, out := workspace(t)
	build(t, out, src, map[string]string{"index.html": "good"})
	before := tree(t, out)
	parent := filepath.Dir(out)
	dead := strconv.Itoa(deadPID(t))
	live := strconv.Itoa(os.Getpid())
	mk := func(name string) string {
		p := filepath.Join(parent, name)
		os.MkdirAll(filepath.Join(p, "members"), 0o755)
		os.WriteFile(filepath.Join(p, "members", "half.html"), []byte("half"), 0o644)
		return p
	}
	stale := []string{
		mk(".public.tmp-" + dead + "-123456"),
		mk(".public.tmp-" + dead + "-99.trash"),
		mk(".public.tmp-" + dead + "-98.old"), // the output exists: the new one was swapped in
	}
	kept := []string{
		mk(".public.tmp-" + live + "-123456"), // a live build's
		mk(".public.tmp-abc"),
		mk(".public.tmp-" + dead),
		mk(".public.tmp-" + dead + "-x1"),
		mk(".public.tmp-0" + dead + "-1"),
		mk(".other.tmp-" + dead + "-1"),
		mk(".public.tmp-" + dead + "-1-1"),
		mk("public.tmp-" + dead + "-1"),
	}
	// A link named like a staging folder is not followed nor removed.
	victim := mk("victim")
	link := filepath.Join(parent, ".public.tmp-"+dead+"-777")
	if err := os.Symlink(victim, link); err != nil {
		t.Fatal(err)
	}
	kept = append(kept, link, victim)
	d, err := Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, p := range stale {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("stale %s was not removed", filepath.Base(p))
		}
	}
	for _, p := range kept {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s was removed", filepath.Base(p))
		}
	}
	if _, err := os.Stat(filepath.Join(victim, "members", "half.html")); err != nil {
		t.Error("a link's target was emptied")
	}
	if !equalTrees(tree(t, out), before) {
		t.Error("Begin changed the output")
	}
}

// TestKilledBetweenRenames: a build killed after moving the previous
// output aside and before moving the new one in has it put back.
func TestKilledBetweenRenames(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("process liveness is checked with kill(pid, 0)")
	}
	src, out := workspace(t)
	build(t, out, src, map[string]string{"index.html": "good", "a/index.html": "a"})
	before := tree(t, out)
	dead := strconv.Itoa(deadPID(t))
	tmp := filepath.Join(filepath.Dir(out), ".public.tmp-"+dead+"-4242")
	os.MkdirAll(tmp, 0o755)
	os.WriteFile(filepath.Join(tmp, "index.html"), []byte("new, complete"), 0o644)
	if err := os.Rename(out, tmp+oldSuffix); err != nil {
		t.Fatal(err)
	}
	d, err := Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if got := tree(t, out); !equalTrees(got, before) {
		t.Errorf("output after recovery = %v, want %v", got, before)
	}
	if s := staging(t, out); len(s) != 1 || s[0] != filepath.Base(d.Staging()) {
		t.Errorf("staging folders = %v, want only this build's", s)
	}
}

func TestStagingName(t *testing.T) {
	src, out := workspace(t)
	d, err := Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	pid, ok := stagingPID(filepath.Base(d.Staging()), stagingPrefix(out))
	if !ok || pid != os.Getpid() {
		t.Errorf("staging folder %s: pid %d, %v", d.Staging(), pid, ok)
	}
	if filepath.Dir(d.Staging()) != filepath.Dir(out) {
		t.Errorf("staging folder %s is not beside %s", d.Staging(), out)
	}
}

// TestRefusedTargets: Begin never takes a folder whose replacement could
// destroy what Agora did not write.
func TestRefusedTargets(t *testing.T) {
	src, out := workspace(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	os.WriteFile(filepath.Join(home, ".bashrc"), []byte("x"), 0o644)
	parent := filepath.Dir(src)
	file := filepath.Join(parent, "notes.txt")
	os.WriteFile(file, []byte("mine"), 0o644)
	foreign := filepath.Join(parent, "photos")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "a.jpg"), []byte("precious"), 0o644)
	fakeMarker := filepath.Join(parent, "fake")
	os.MkdirAll(filepath.Join(fakeMarker, Marker), 0o755)
	os.WriteFile(filepath.Join(fakeMarker, "a.jpg"), []byte("precious"), 0o644)
	linkToSrc := filepath.Join(parent, "link")
	os.Symlink(src, linkToSrc)
	linkToParent := filepath.Join(t.TempDir(), "up")
	os.Symlink(parent, linkToParent)
	os.WriteFile(filepath.Join(src, "content", Marker), nil, 0o644) // planted by a pull request
	cases := map[string]string{
		"/":                                      "folder of its own",
		src:                                      "holds the source",
		parent:                                   "holds the source",
		filepath.Dir(parent):                     "holds the source",
		linkToSrc:                                "holds the source",
		linkToParent:                             "holds the source",
		file:                                     "is a file",
		foreign:                                  "not made by agora",
		fakeMarker:                               "not made by agora",
		home:                                     "home folder",
		filepath.Join(src, "content"):            "source's content/",
		filepath.Join(src, "content", "members"): "source's content/",
		filepath.Join(src, "schema"):             "source's schema/",
		filepath.Join(src, "themes", "default"):  "source's themes/",
		filepath.Join(src, ".git"):               "source's .git/",
	}
	for target, why := range cases {
		d, err := Begin(target, src)
		if err == nil {
			d.Abort()
			t.Errorf("Begin(%s) was accepted; want refused (%s)", target, why)
			continue
		}
		if !strings.Contains(err.Error(), why) {
			t.Errorf("Begin(%s): %v; want it to say %q", target, err, why)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "a.jpg")); string(b) != "precious" {
		t.Error("a foreign file was touched")
	}
	// Allowed: a new folder, an empty one, Agora's own, and public/ inside the source.
	empty := filepath.Join(parent, "empty")
	os.MkdirAll(empty, 0o755)
	for _, target := range []string{out, empty, filepath.Join(src, "public"), filepath.Join(parent, "new", "deep")} {
		d, err := Begin(target, src)
		if err != nil {
			t.Errorf("Begin(%s): %v", target, err)
			continue
		}
		d.Abort()
	}
	build(t, out, src, map[string]string{"index.html": "x"})
	if d, err := Begin(out, src); err != nil {
		t.Errorf("Begin of Agora's own output: %v", err)
	} else {
		d.Abort()
	}
}

func TestWithin(t *testing.T) {
	for _, c := range []struct {
		path, dir string
		want      bool
	}{
		{"/a/b", "/a", true}, {"/a", "/a", true}, {"/a", "/a/b", false},
		{"/ab", "/a", false}, {"/a/..b", "/a", true}, {"/", "/a", false},
	} {
		if got := within(filepath.FromSlash(c.path), filepath.FromSlash(c.dir)); got != c.want {
			t.Errorf("within(%s, %s) = %v", c.path, c.dir, got)
		}
	}
	names := []string{".public.tmp-12-34", ".public.tmp-12-34.old", ".public.tmp-12-34.trash"}
	for _, n := range names {
		if pid, ok := stagingPID(n, ".public.tmp-"); !ok || pid != 12 {
			t.Errorf("stagingPID(%q) = %d, %v", n, pid, ok)
		}
	}
	for _, n := range []string{".public.tmp-", ".public.tmp-12", ".public.tmp--34", ".public.tmp-12-", ".public.tmp-a-1", ".public.tmp-+1-2", ".public.tmp-12-34.bak", ".public.tmp-12-.old", ".public.tmp-12-.trash"} {
		if _, ok := stagingPID(n, ".public.tmp-"); ok {
			t.Errorf("stagingPID(%q) accepted", n)
		}
	}
}

// TestUnchangedFilesAreLinked: reusing an output, a file whose bytes are
// the same is linked from the previous output (the same file, not
// rewritten); a changed one, or a link in the previous output, is written
// anew and the previous output keeps its old bytes until the swap. Both
// ways: relative to the folders held open, and by path.
func TestUnchangedFilesAreLinked(t *testing.T) {
	for _, byPath := range []bool{false, true} {
		t.Run(fmt.Sprintf("byPath=%v", byPath), func(t *testing.T) {
			src, out := workspace(t)
			build(t, out, src, map[string]string{"same/index.html": "same", "empty.html": "", "changed.html": "old", "longer.html": "abc", "shorter.html": "abc"})
			if err := os.Symlink("same/index.html", filepath.Join(out, "link.html")); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			before := tree(t, out)
			oldSame, _ := os.Stat(filepath.Join(out, "same", "index.html"))
			oldChanged, _ := os.Stat(filepath.Join(out, "changed.html"))

			d, err := Begin(out, src)
			if err != nil {
				t.Fatal(err)
			}
			if byPath {
				d.closeFolders()
			}
			put := map[string]string{"same/index.html": "same", "empty.html": "", "changed.html": "new", "longer.html": "abcd", "shorter.html": "ab", "added.html": "x", "link.html": "same"}
			for name, data := range put {
				if err := d.Put(name, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			if d.Linked != 2 {
				t.Errorf("linked %d files, want 2 (same/index.html, empty.html)", d.Linked)
			}
			if !equalTrees(tree(t, out), before) {
				t.Error("the previous output changed before the swap")
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			newSame, _ := os.Stat(filepath.Join(out, "same", "index.html"))
			newChanged, _ := os.Stat(filepath.Join(out, "changed.html"))
			if !os.SameFile(oldSame, newSame) {
				t.Error("an unchanged file was rewritten")
			}
			if os.SameFile(oldChanged, newChanged) {
				t.Error("a changed file was linked")
			}
			if info, err := os.Lstat(filepath.Join(out, "link.html")); err != nil || !info.Mode().IsRegular() {
				t.Errorf("link.html is not a file of its own: %v", err)
			}
			put[Marker] = before[Marker]
			if got := tree(t, out); !equalTrees(got, put) {
				t.Errorf("output = %v, want %v", got, put)
			}
		})
	}
}

// TestPutTwiceNeverWritesThroughALink: a path put twice holds the last
// bytes, and when the first put linked the previous output's file, that
// file is replaced in the new output, not written through: the previous
// output stays as it was (here, after an aborted build).
func TestPutTwiceNeverWritesThroughALink(t *testing.T) {
	for _, byPath := range []bool{false, true} {
		t.Run(fmt.Sprintf("byPath=%v", byPath), func(t *testing.T) {
			src, out := workspace(t)
			build(t, out, src, map[string]string{"a/index.html": "one"})
			before := tree(t, out)
			d, err := Begin(out, src)
			if err != nil {
				t.Fatal(err)
			}
			if byPath {
				d.closeFolders()
			}
			for _, data := range []string{"one", "two", "three"} {
				if err := d.Put("a/index.html", []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			if d.Linked != 1 {
				t.Errorf("linked %d files, want 1", d.Linked)
			}
			if got := tree(t, d.Staging())["a/index.html"]; got != "three" {
				t.Errorf("staged a/index.html = %q, want the last bytes put", got)
			}
			d.Abort()
			if got := tree(t, out); !equalTrees(got, before) {
				t.Errorf("the previous output changed: %v, was %v", got, before)
			}
		})
	}
}

// TestEditedOutputIsNotLinked: a file edited by hand in the output since
// the last build is compared by its bytes, not trusted.
func TestEditedOutputIsNotLinked(t *testing.T) {
	src, out := workspace(t)
	build(t, out, src, map[string]string{"index.html": "good"})
	os.WriteFile(filepath.Join(out, "index.html"), []byte("evil"), 0o644)
	build(t, out, src, map[string]string{"index.html": "good"})
	if got := tree(t, out)["index.html"]; got != "good" {
		t.Errorf("index.html = %q", got)
	}
}
