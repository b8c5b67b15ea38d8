package load

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/schema"
)

// sourceTree writes files and links ("-> target") under a new folder and
// opens it as a root.
func sourceTree(t *testing.T, files map[string]string) (string, *os.Root) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(data, "-> "); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return dir, root
}

// TestWalkContentIsWalkDir: walkContent visits what fs.WalkDir visits, in
// the same order, with the same entries and errors, and skips what the
// visit skips.
func TestWalkContentIsWalkDir(t *testing.T) {
	dir, root := sourceTree(t, map[string]string{
		"content/b/z.md":          "z",
		"content/b/a.toml":        "a",
		"content/b/.hidden.md":    "h",
		"content/b/nested/x.md":   "x",
		"content/b/deeper/y/y.md": "y",
		"content/a/link.md":       "-> ../b/z.md",
		"content/a/dirlink":       "-> ../b",
		"content/skipped/s.md":    "s",
		"content/.git/config":     "c",
		"content/stray.md":        "stray",
		"content/locked/l.md":     "l",
	})
	if runtime.GOOS != "windows" && os.Getuid() != 0 {
		// An unreadable folder: both walks report it, then go on.
		if err := os.Chmod(filepath.Join(dir, "content", "locked"), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, "content", "locked"), 0o755) })
	}
	record := func(got *[]string) func(p string, d fs.DirEntry, err error) error {
		return func(p string, d fs.DirEntry, err error) error {
			line := p
			if d != nil {
				line += fmt.Sprintf(" %s %v", d.Name(), d.Type())
			}
			if err != nil {
				line += " error " + trimPathError(err)
			}
			*got = append(*got, line)
			if d != nil && d.IsDir() && (p == "content/skipped" || p == "content/b/deeper") {
				return fs.SkipDir
			}
			return nil
		}
	}
	var want, got []string
	if err := fs.WalkDir(root.FS(), "content", record(&want)); err != nil {
		t.Fatal(err)
	}
	visit := record(&got)
	folders, err := walkContent(root, func(p string, d fs.DirEntry, _ *folder, err error) error { return visit(p, d, err) })
	if err != nil {
		t.Fatal(err)
	}
	closeAll(folders)
	if !slices.Equal(got, want) {
		t.Errorf("walkContent visited:\n%s\nfs.WalkDir:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReadSourceRefusesLinkAfterWalk: a file the walk saw as a regular
// file and that is a link when read (swapped in between) is read through
// the root: a link out of the repository is refused, one inside it read.
func TestReadSourceRefusesLinkAfterWalk(t *testing.T) {
	dir, root := sourceTree(t, map[string]string{
		"content/members/a.toml": "name = \"A\"\n",
		"content/members/b.toml": "name = \"B\"\n",
		"shared/inside.toml":     "name = \"Inside\"\n",
	})
	outside := filepath.Join(t.TempDir(), "secret.toml")
	os.WriteFile(outside, []byte("name = \"SECRET\"\n"), 0o644)
	members, err := openFolder(root, nil, "content/members")
	if err != nil {
		t.Fatal(err)
	}
	defer members.close()
	swap := func(name, target string) {
		p := filepath.Join(dir, "content", "members", name)
		os.Remove(p)
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	swap("a.toml", outside)
	swap("b.toml", "../../shared/inside.toml")
	if b, _, d := readSource(root, members, "content/members/a.toml", 1<<20); d == nil || strings.Contains(string(b), "SECRET") {
		t.Errorf("a link out of the repository was read: %q, %v", b, d)
	}
	if b, _, d := readSource(root, members, "content/members/b.toml", 1<<20); d != nil || string(b) != "name = \"Inside\"\n" {
		t.Errorf("a link inside the repository: %q, %v", b, d)
	}
}

// TestLoadEachStamps: each file's stamp is the one the preview server
// compares with a later root.Stat, so a body read again is the one loaded.
func TestLoadEachStamps(t *testing.T) {
	_, root := sourceTree(t, map[string]string{
		"content/members/a.md":     "+++\nname = \"A\"\nkind = \"individual\"\n+++\nBody of A.\n",
		"content/members/b.toml":   "name = \"B\"\nkind = \"individual\"\n",
		"shared/c.md":              "+++\nname = \"C\"\nkind = \"individual\"\n+++\nBody of C.\n",
		"content/members/c.md":     "-> ../../shared/c.md",
		"content/members/big.toml": "name = \"" + strings.Repeat("x", 100) + "\"\n",
	})
	sch, diags := schema.Load(agora.DefaultSchema, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	files, _, err := LoadEach(context.Background(), root, sch, Options{MaxFileSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.md", "b.toml", "c.md", "big.toml"} {
		p := "content/members/" + name
		l := files[p]
		info, err := root.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if l == nil || l.Stamp != StampOf(info) {
			t.Errorf("%s: stamp %+v, the file's %+v", p, l, StampOf(info))
		}
		again, _ := Reload(root, sch, p, Options{MaxFileSize: 50})
		if name != "c.md" && (again == nil || again.Stamp != StampOf(info)) {
			t.Errorf("%s: reloaded stamp %+v, the file's %+v", p, again, StampOf(info))
		}
	}
	if d := files["content/members/big.toml"].Diags; len(d) != 1 || d[0].Code != "too-large" {
		t.Errorf("big.toml: %v", d)
	}
}

// TestBodyReadsAgain: where the load kept no bodies, Body reads the body
// of a plain file and of a linked one, and says when a file got shorter
// than its body's start.
func TestBodyReadsAgain(t *testing.T) {
	dir, root := sourceTree(t, map[string]string{
		"content/members/a.md": "+++\nname = \"A\"\nkind = \"individual\"\n+++\nBody of A.\n",
		"shared/c.md":          "+++\nname = \"C\"\nkind = \"individual\"\n+++\nBody of C.\n",
		"content/members/c.md": "-> ../../shared/c.md",
	})
	sch, diags := schema.Load(agora.DefaultSchema, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	c, _, err := Load(context.Background(), root, sch, Options{KeptBodies: -1})
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, e := range c.Entries {
		b, err := c.Body(e)
		if err != nil {
			t.Fatal(err)
		}
		bodies[e.Slug] = string(b)
	}
	if bodies["a"] != "Body of A.\n" || bodies["c"] != "Body of C.\n" {
		t.Errorf("bodies: %q", bodies)
	}
	os.WriteFile(filepath.Join(dir, "content", "members", "a.md"), []byte("+++\n"), 0o644)
	for _, e := range c.Entries {
		if _, err := c.Body(e); e.Slug == "a" && (err == nil || !strings.Contains(err.Error(), "changed while building")) {
			t.Errorf("a shortened file: %v", err)
		}
	}
	os.Remove(filepath.Join(dir, "content", "members", "a.md"))
	for _, e := range c.Entries {
		if _, err := c.Body(e); e.Slug == "a" && err == nil {
			t.Error("a removed file gave a body")
		}
	}
}
