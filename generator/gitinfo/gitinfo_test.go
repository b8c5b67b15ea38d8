package gitinfo_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/gitinfo"
	"github.com/agora-community/agora/generator/gitinfo/gittest"
)

var (
	ana = gittest.Author{Name: "Ana Ferrer", Email: "ana@example.org", Date: "2025-03-03T10:00:00+01:00"}
	bat = gittest.Author{Name: "Батцэцэг", Email: "bat@example.org", Date: "2025-06-12T18:30:00+08:00"}
	sok = gittest.Author{Name: "Sokha", Email: "sokha@example.org", Date: "2025-09-20T07:15:00+07:00"}
)

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestRead(t *testing.T) {
	r := gittest.New(t)
	r.Commit(ana, "Add the first members", map[string]string{
		"content/members/ana.md":      "+++\nname = \"Ana\"\n+++\n",
		"content/members/bat.md":      "+++\nname = \"Bat\"\n+++\n",
		"content/topics/ñandú.toml":   "name = \"Ñandú\"\n",
		"content/pages/with space.md": "x",
		"README.md":                   "readme",
	})
	r.Commit(bat, "Bat: fix my name\n\nA longer body that is not the subject.", map[string]string{
		"content/members/bat.md": "+++\nname = \"Батцэцэг\"\n+++\n",
	})
	r.Commit(sok, "Only the readme", map[string]string{"README.md": "changed"})

	h := gitinfo.Read(context.Background(), r.Dir, "content")
	if len(h.Warnings) > 0 || h.Shallow {
		t.Fatalf("warnings %q, shallow %v", h.Warnings, h.Shallow)
	}
	want := map[string]struct {
		author, subject string
		date            time.Time
	}{
		"content/members/ana.md":      {ana.Name, "Add the first members", date(ana.Date)},
		"content/members/bat.md":      {bat.Name, "Bat: fix my name", date(bat.Date)},
		"content/topics/ñandú.toml":   {ana.Name, "Add the first members", date(ana.Date)},
		"content/pages/with space.md": {ana.Name, "Add the first members", date(ana.Date)},
	}
	if len(h.Changes) != len(want) {
		t.Errorf("got changes for %d files, want %d: %v", len(h.Changes), len(want), h.Changes)
	}
	for file, w := range want {
		c, ok := h.Changes[file]
		if !ok {
			t.Errorf("no change for %s", file)
			continue
		}
		if c.Author != w.author || c.Subject != w.subject || !c.Date.Equal(w.date) || len(c.Hash) != 40 {
			t.Errorf("%s: got %q %q %v %q, want %q %q %v", file, c.Author, c.Subject, c.Date, c.Hash, w.author, w.subject, w.date)
		}
		if _, off := c.Date.Zone(); off != map[string]int{ana.Name: 3600, bat.Name: 8 * 3600}[w.author] {
			t.Errorf("%s: the date lost the author's time zone: %v", file, c.Date)
		}
	}
	if _, ok := h.Changes["README.md"]; ok {
		t.Error("README.md is outside content/ but was read")
	}
}

// TestReadOneProcess: the whole history comes from one git log, however
// many files there are (plus one rev-parse to find the work tree).
func TestReadOneProcess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses a shell script as git")
	}
	r := gittest.New(t)
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("content/topics/t%02d.toml", i)] = "name = \"x\"\n"
	}
	r.Commit(ana, "Many topics", files)
	real, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	logFile := filepath.Join(bin, "calls")
	script := fmt.Sprintf("#!/bin/sh\necho \"$@\" >> %q\nexec %q \"$@\"\n", logFile, real)
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	h := gitinfo.Read(context.Background(), r.Dir, "content")
	if len(h.Changes) != 40 {
		t.Fatalf("got %d changes, want 40", len(h.Changes))
	}
	calls, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(calls)), "\n")
	logs := 0
	for _, l := range lines {
		if strings.Contains(l, " log ") {
			logs++
		}
	}
	if len(lines) != 2 || logs != 1 {
		t.Errorf("git ran %d times (%d log), want rev-parse and one log:\n%s", len(lines), logs, calls)
	}
}

// TestReadSubfolder: a site kept in a folder of a larger repository gets
// paths relative to its own folder.
func TestReadSubfolder(t *testing.T) {
	r := gittest.New(t)
	r.Commit(ana, "Site in a folder", map[string]string{
		"site/content/members/ana.md": "x",
		"content/members/other.md":    "x",
	})
	h := gitinfo.Read(context.Background(), filepath.Join(r.Dir, "site"), "content")
	if _, ok := h.Changes["content/members/ana.md"]; !ok || len(h.Changes) != 1 {
		t.Errorf("changes = %v, want only content/members/ana.md", h.Changes)
	}
}

// TestReadWithoutHistory: no work tree, or no commit yet, is no problem.
func TestReadWithoutHistory(t *testing.T) {
	dir := t.TempDir()
	if h := gitinfo.Read(context.Background(), dir, "content"); h.Changes != nil || len(h.Warnings) > 0 {
		t.Errorf("outside a work tree: %+v", h)
	}
	r := gittest.New(t)
	r.Write(map[string]string{"content/members/ana.md": "x"})
	if h := gitinfo.Read(context.Background(), r.Dir, "content"); h.Changes != nil || len(h.Warnings) > 0 {
		t.Errorf("without commits: %+v", h)
	}
}

// TestReadWithoutGit: with no git on PATH, a work tree gets a warning and
// a plain folder nothing.
func TestReadWithoutGit(t *testing.T) {
	r := gittest.New(t)
	r.Commit(ana, "One", map[string]string{"content/members/ana.md": "x"})
	t.Setenv("PATH", t.TempDir())
	h := gitinfo.Read(context.Background(), r.Dir, "content")
	if h.Changes != nil || len(h.Warnings) != 1 || !strings.Contains(h.Warnings[0], "git is not installed") {
		t.Errorf("work tree without git: %+v", h)
	}
	if h := gitinfo.Read(context.Background(), t.TempDir(), "content"); h.Changes != nil || len(h.Warnings) > 0 {
		t.Errorf("plain folder without git: %+v", h)
	}
}

// TestReadShallow: in a shallow clone, files last changed before the
// clone's oldest commit are left out (their commit is not in the clone),
// and a warning says how to fetch the whole history.
func TestReadShallow(t *testing.T) {
	r := gittest.New(t)
	r.Commit(ana, "Old", map[string]string{"content/members/ana.md": "x", "content/members/bat.md": "x"})
	r.Commit(bat, "Middle", map[string]string{"content/members/bat.md": "y"})
	r.Commit(sok, "New", map[string]string{"content/members/sok.md": "z"})
	clone := filepath.Join(t.TempDir(), "clone")
	cmd := exec.Command("git", "clone", "--quiet", "--depth=2", "file://"+r.Dir, clone)
	cmd.Env = gittest.Env(gittest.Author{})
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	h := gitinfo.Read(context.Background(), clone, "content")
	if !h.Shallow || len(h.Warnings) != 1 || h.Warnings[0] != gitinfo.ShallowWarning {
		t.Fatalf("shallow %v, warnings %q", h.Shallow, h.Warnings)
	}
	got := slices.Sorted(func(yield func(string) bool) {
		for k := range h.Changes {
			if !yield(k) {
				return
			}
		}
	})
	if want := []string{"content/members/sok.md"}; !slices.Equal(got, want) {
		t.Errorf("changes for %v, want %v (bat.md's commit is the clone's boundary)", got, want)
	}
}

func TestChanged(t *testing.T) {
	r := gittest.New(t)
	r.Commit(ana, "Base", map[string]string{
		".gitignore":             "public/\n",
		"content/members/ana.md": "a",
		"content/members/bat.md": "b",
		"content/members/sok.md": "s",
	})
	r.Git(ana, "checkout", "--quiet", "-b", "proposal")
	r.Commit(bat, "Change bat", map[string]string{"content/members/bat.md": "b2"})
	r.Git(bat, "rm", "--quiet", "content/members/sok.md")
	r.Git(bat, "commit", "--quiet", "-m", "Remove sok")
	// Meanwhile on main: not part of the proposal.
	r.Git(ana, "checkout", "--quiet", "main")
	r.Commit(ana, "Change ana on main", map[string]string{"content/members/ana.md": "a2"})
	r.Git(ana, "checkout", "--quiet", "proposal")
	// Uncommitted work: a changed file, a new file, an ignored one.
	r.Write(map[string]string{
		"content/topics/new.toml": "name = \"New\"\n",
		"site.toml":               "title = \"x\"\n",
		"public/index.html":       "built",
	})

	got, err := gitinfo.Changed(context.Background(), r.Dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := []string{"content/members/bat.md", "content/members/sok.md", "content/topics/new.toml", "site.toml"}
	if !slices.Equal(got, want) {
		t.Errorf("Changed = %q, want %q", got, want)
	}

	if _, err := gitinfo.Changed(context.Background(), r.Dir, "no-such-branch"); err == nil || !strings.Contains(err.Error(), `"no-such-branch" is not a commit`) {
		t.Errorf("unknown ref: %v", err)
	}
	if _, err := gitinfo.Changed(context.Background(), r.Dir, "--output=/tmp/x"); err == nil {
		t.Error("an option passed as a ref was accepted")
	}
	if _, err := gitinfo.Changed(context.Background(), t.TempDir(), "main"); err == nil || !strings.Contains(err.Error(), "not in a Git work tree") {
		t.Errorf("outside a work tree: %v", err)
	}
}
