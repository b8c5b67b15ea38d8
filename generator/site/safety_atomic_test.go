package site

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/internal/exampletest"
)

// snapshot hashes every file under dir: slash path -> sha256.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree reports how two snapshots differ, or "" when they are equal.
func sameTree(before, after map[string][32]byte) string {
	var diffs []string
	for p, h := range before {
		if a, ok := after[p]; !ok {
			diffs = append(diffs, "removed "+p)
		} else if a != h {
			diffs = append(diffs, "changed "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			diffs = append(diffs, "added "+p)
		}
	}
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
	}
	return strings.Join(diffs, ", ")
}

// stagingFolders lists the temporary folders beside out.
func stagingFolders(t *testing.T, out string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDiskFullKeepsPreviousOutput fills the disk after a few files: the
// build fails with an error that says so, the previous output is exactly
// as it was, and no temporary folder is left.
func TestDiskFullKeepsPreviousOutput(t *testing.T) {
	t.Parallel()
	src := exampletest.Copy(t, nil)
	out, _ := buildSite(t, src, BuildOptions{})
	before := snapshot(t, out)
	os.WriteFile(filepath.Join(src, "content", "pages", "new.md"), []byte("+++\ntitle = \"New\"\n+++\nNew page.\n"), 0o644)
	for _, n := range []int{0, 1, 25} {
		p, err := Open(context.Background(), Options{Source: src, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		written := 0
		_, err = p.Build(context.Background(), BuildOptions{Out: out, wrapWrite: func(next func(string, []byte) error) func(string, []byte) error {
			return func(name string, data []byte) error {
				if written >= n {
					return &fs.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
				}
				written++
				return next(name, data)
			}
		}})
		p.Close()
		if err == nil {
			t.Fatalf("after %d files: the build succeeded on a full disk", n)
		}
		if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "disk is full") || !strings.Contains(err.Error(), "previous output is unchanged") {
			t.Errorf("after %d files: the error does not name the full disk: %v", n, err)
		}
		if d := sameTree(before, snapshot(t, out)); d != "" {
			t.Errorf("after %d files: the previous output changed: %s", n, d)
		}
		if s := stagingFolders(t, out); len(s) > 0 {
			t.Errorf("after %d files: left behind %v", n, s)
		}
	}
}

// TestOutRefusesMore: --out never takes a file, the source or a folder
// above it (also through a link), the home folder, or a folder of the
// source's content.
func TestOutRefusesMore(t *testing.T) {
	src := exampletest.Copy(t, nil)
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, ".profile"), []byte("mine"), 0o644)
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	file := filepath.Join(t.TempDir(), "site.html")
	os.WriteFile(file, []byte("mine"), 0o644)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Dir(src), link); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "content", ".agora-output"), nil, 0o644) // as a pull request could
	p, err := Open(context.Background(), Options{Source: src, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for out, want := range map[string]string{
		file:                                     "is a file",
		src:                                      "holds the source",
		filepath.Dir(src):                        "holds the source",
		link:                                     "holds the source",
		home:                                     "home folder",
		"/":                                      "folder of its own",
		filepath.Join(src, "content"):            "content/",
		filepath.Join(src, "content", "members"): "content/",
	} {
		_, err := p.Build(context.Background(), BuildOptions{Out: out})
		if err == nil {
			t.Errorf("build replaced %s", out)
		} else if !strings.Contains(err.Error(), want) {
			t.Errorf("--out %s: %v; want it to say %q", out, err, want)
		}
	}
	if read(t, file) != "mine" || read(t, filepath.Join(home, ".profile")) != "mine" {
		t.Error("a file was touched")
	}
	if _, err := os.Stat(filepath.Join(src, "content", "members", "red-mujeres-sonora.md")); err != nil {
		t.Error("the source was touched")
	}
}

// agoraBinary builds cmd/agora into a temporary folder.
func agoraBinary(t *testing.T) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "agora")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command(goCmd, "build", "-o", bin, "github.com/agora-community/agora/cmd/agora")
	cmd.Dir = exampletest.Root()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return bin
}

// largeCorpus writes a community of n members and n/10 topics.
func largeCorpus(t *testing.T, n int) string {
	t.Helper()
	src := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"Large\"\nbase_url = \"https://example.org/large/\"\n")
	for i := range n / 10 {
		write(fmt.Sprintf("content/topics/topic-%d.toml", i), fmt.Sprintf("name = \"Topic %d\"\n", i))
	}
	for i := range n {
		write(fmt.Sprintf("content/members/member-%04d.md", i), fmt.Sprintf(
			"+++\nname = \"Member %d\"\nkind = \"organization\"\nregion = \"Region %d\"\noffers = [\"topic-%d\"]\nneeds = [\"topic-%d\"]\n+++\n\nMember %d works on *topic %d* with [others](https://example.org/%d).\n",
			i, i%37, i%(n/10), (i+1)%(n/10), i, i%(n/10), i))
	}
	return src
}

// TestKill9KeepsPreviousOutput builds a large site with the agora
// command, starts a second build, kills it (SIGKILL) while it writes, and
// checks that the previous output is byte for byte as it was; the next
// build then removes the killed build's temporary folder and succeeds.
func TestKill9KeepsPreviousOutput(t *testing.T) {
	bin := agoraBinary(t)
	src := largeCorpus(t, 3000)
	out := filepath.Join(t.TempDir(), "public")
	run := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"build", "--source", src, "--out", out}, args...)...)
		cmd.Env = append(os.Environ(), "AGORA_TODAY=2026-01-01")
		return cmd
	}
	if b, err := run().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	before := snapshot(t, out)
	if len(before) < 3000 {
		t.Fatalf("the first build wrote only %d files", len(before))
	}
	// The second build would change every page.
	os.WriteFile(filepath.Join(src, "site.toml"), []byte("title = \"Large, renamed\"\nbase_url = \"https://example.org/large/\"\n"), 0o644)

	cmd := run()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(60 * time.Second)
	var staged []string
	for {
		staged = stagingFolders(t, out)
		if len(staged) == 1 {
			if entries, _ := os.ReadDir(filepath.Join(staged[0], "members")); len(entries) >= 100 {
				break // well into writing the member pages
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("the second build ended (%v) before it could be killed mid-write", err)
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the second build never started writing")
		}
		time.Sleep(time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	err := <-exited
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Success() {
		t.Fatalf("the second build was not killed: %v", err)
	}
	if ws, ok := exit.Sys().(syscall.WaitStatus); ok && runtime.GOOS != "windows" && (!ws.Signaled() || ws.Signal() != syscall.SIGKILL) {
		t.Fatalf("the second build ended with %v, not by SIGKILL", ws)
	}
	if d := sameTree(before, snapshot(t, out)); d != "" {
		t.Fatalf("the killed build changed the previous output: %s", d)
	}
	if s := stagingFolders(t, out); len(s) != 1 {
		t.Fatalf("staging folders after the kill: %v", s)
	}
	n := 0
	filepath.WalkDir(staged[0], func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	t.Logf("killed with %d of about %d files written", n, len(before))

	// The next build (of a small site, to keep the test short) removes
	// what the killed one left and replaces the output.
	small := exampletest.Copy(t, nil)
	third := exec.Command(bin, "build", "--source", small, "--out", out)
	if b, err := third.CombinedOutput(); err != nil {
		t.Fatalf("third build: %v\n%s", err, b)
	}
	if s := stagingFolders(t, out); len(s) != 0 {
		t.Errorf("the killed build's folder is still there: %v", s)
	}
	if !strings.Contains(read(t, filepath.Join(out, "index.html")), "Agora Learning Network") {
		t.Error("the third build did not replace the output")
	}
}

// TestSchemaPathCannotEscapeOutput: a community type's URL pattern that
// climbs out of the site ("/../../:slug/") cannot make the build write
// outside the output folder; the build fails and writes nothing.
func TestSchemaPathCannotEscapeOutput(t *testing.T) {
	t.Parallel()
	for _, pattern := range []string{"/../../escaped/:slug/", "/a/../../../escaped/:slug/", "/..\\\\..\\\\escaped/:slug/", "/nul/:slug/"} {
		src := exampletest.Copy(t, nil)
		os.MkdirAll(filepath.Join(src, "schema"), 0o755)
		os.MkdirAll(filepath.Join(src, "content", "events"), 0o755)
		os.WriteFile(filepath.Join(src, "schema", "event.toml"), []byte("name = \"event\"\nfolder = \"events\"\ntitle = \"title\"\npath = \""+pattern+"\"\n[fields.title]\ntype = \"string\"\n"), 0o644)
		os.WriteFile(filepath.Join(src, "content", "events", "fair.toml"), []byte("title = \"Fair\"\n"), 0o644)
		p, err := Open(context.Background(), Options{Source: src, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		base := t.TempDir()
		out := filepath.Join(base, "a", "b", "public")
		if !p.Diags.HasErrors() {
			_, err = p.Build(context.Background(), BuildOptions{Out: out})
			if err == nil {
				t.Errorf("path %q: the build succeeded", pattern)
			}
		}
		p.Close()
		filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
			if err == nil && strings.Contains(path, "escaped") || strings.Contains(path, "fair") {
				t.Errorf("path %q: wrote %s", pattern, path)
			}
			return nil
		})
		if _, err := os.Stat(out); err == nil {
			t.Errorf("path %q: an output was committed", pattern)
		}
	}
}
