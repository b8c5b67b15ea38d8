package load_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
)

// tree writes files and symbolic links ("-> target") under a new folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(data, "-> "); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Fatalf("symbolic links are needed for this test: %v", err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func loadDir(t *testing.T, dir string, opts load.Options) (*load.Content, diag.List) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	c, diags, err := load.Load(context.Background(), root, defaultSchema(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return c, diags
}

func slugs(c *load.Content) []string {
	var out []string
	for _, e := range c.Entries {
		out = append(out, e.Type.Name+"/"+e.Slug)
	}
	return out
}

// TestLinksIntoHiddenFilesRefused: a pull request may add a link to a
// file inside the repository, but not to .git/config (where CI keeps its
// token) or .env: a check would quote its lines in a public log, a build
// publish them.
func TestLinksIntoHiddenFilesRefused(t *testing.T) {
	const token = "ZQXTOKEN0123456789"
	dir := tree(t, map[string]string{
		".git/config":                 "[core]\nbare = false\n[http]\nextraheader = \"AUTHORIZATION: basic " + token + "\"\n",
		".env":                        "name = \"" + token + "\"\nkind = \"individual\"\n",
		"secrets/.hidden/key.toml":    "name = \"" + token + "\"\nkind = \"individual\"\n",
		"shared/ok.toml":              "name = \"Shared\"\nkind = \"individual\"\n",
		"content/members/git.toml":    "-> ../../.git/config",
		"content/members/env.toml":    "-> ../../.env",
		"content/members/deep.toml":   "-> ../../secrets/.hidden/key.toml",
		"content/members/chain.toml":  "-> hop.toml",
		"content/members/hop.toml":    "-> ../../.env",
		"content/members/dotdot.toml": "-> ../../shared/../.git/config",
		"content/members/ok.toml":     "-> ../../shared/ok.toml",
		"content/members/real.toml":   "name = \"Real\"\nkind = \"individual\"\n",
	})
	c, diags := loadDir(t, dir, load.Options{})
	refused := map[string]bool{}
	for _, d := range diags {
		if strings.Contains(d.Message+d.Found+d.Hint, token) {
			t.Errorf("a diagnostic quotes the secret: %+v", d)
		}
		if d.Code == "symlink" {
			refused[d.File] = true
		}
	}
	for _, name := range []string{"git", "env", "deep", "chain", "hop", "dotdot"} {
		if !refused["content/members/"+name+".toml"] {
			t.Errorf("the link %s.toml was not refused; diagnostics:\n%s", name, format(diags))
		}
		if !c.Broken["member/"+name] {
			t.Errorf("member/%s is not marked broken", name)
		}
	}
	if got := slugs(c); !slices.Equal(got, []string{"member/ok", "member/real"}) {
		t.Errorf("entries = %v", got)
	}
	for _, e := range c.Entries {
		for _, v := range e.Fields {
			if s, ok := v.(string); ok && strings.Contains(s, token) {
				t.Errorf("%s holds the secret", e.ID())
			}
		}
	}
}

// TestLinkedContentFolderOutside: content/ itself may not lead out of the
// repository, nor may a type's folder; a folder link inside content/ is
// reported and not followed, so a loop cannot make the walk run forever.
func TestLinkedContentFolderOutside(t *testing.T) {
	outside := tree(t, map[string]string{"members/x.toml": "name = \"Outside\"\nkind = \"individual\"\n"})
	dir := tree(t, map[string]string{"content": "-> " + outside, "site.toml": "title = \"T\"\n"})
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if c, _, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{}); err == nil {
		t.Errorf("content/ linked outside the repository was read: %v", slugs(c))
	}

	dir = tree(t, map[string]string{
		"content/members":      "-> " + filepath.Join(outside, "members"),
		"content/topics/t.md":  "+++\nname = \"T\"\n+++\n",
		"content/topics/loop":  "-> ..",
		"content/topics/self":  "-> .",
		"content/pages/a.md":   "+++\ntitle = \"A\"\n+++\n",
		"content/pages/up.md":  "-> ../pages/up.md",
		"content/pages/abs.md": "-> /etc/hostname",
	})
	c, diags := loadDir(t, dir, load.Options{})
	want := map[string]string{
		"content/members":      "outside the repository, nowhere, or in a loop",
		"content/topics/loop":  "a link to a folder",
		"content/topics/self":  "a link to a folder",
		"content/pages/up.md":  "outside the repository, nowhere, or in a loop",
		"content/pages/abs.md": "outside the repository, nowhere, or in a loop",
	}
	for _, d := range diags {
		if w, ok := want[d.File]; ok && d.Code == "symlink" && strings.Contains(d.Message, w) {
			delete(want, d.File)
		}
	}
	for file, msg := range want {
		t.Errorf("%s: no symlink error %q; got:\n%s", file, msg, format(diags))
	}
	if got := slugs(c); !slices.Equal(got, []string{"page/a", "topic/t"}) {
		t.Errorf("entries = %v", got)
	}
}

// TestFileNames: a file name is a slug; device names that a Windows
// checkout cannot hold are refused too.
func TestFileNames(t *testing.T) {
	files := map[string]string{}
	bad := []string{
		"con", "prn", "aux", "nul", "com0", "com1", "com9", "lpt0", "lpt1", "lpt9",
		"CON", "Nul", "a b", "-x", "x.y", "a\\b", "a:b", "tab\tname", "new\nline", "ünï", "émile", "UPPER",
	}
	good := []string{"console", "con-1", "com10", "lpt", "auxiliary", "nul0", "0", "9-lives", strings.Repeat("a", 200)}
	for _, n := range append(slices.Clone(bad), good...) {
		files["content/topics/"+n+".toml"] = "name = \"" + strings.ToUpper(n[:1]) + "\"\n"
	}
	dir := tree(t, files)
	c, diags := loadDir(t, dir, load.Options{})
	refused := map[string]diag.Diagnostic{}
	for _, d := range diags {
		if d.Code == "bad-file-name" {
			refused[strings.TrimSuffix(strings.TrimPrefix(d.File, "content/topics/"), ".toml")] = d
		}
	}
	for _, n := range bad {
		d, ok := refused[n]
		if !ok {
			t.Errorf("%q was accepted as a file name", n)
			continue
		}
		fix := strings.TrimPrefix(d.Hint, "rename the file to ")
		if !load.ValidSlug(strings.TrimSuffix(fix, ".toml")) {
			t.Errorf("%q: the suggested name %q is not valid", n, fix)
		}
		if load.Reserved(n) && !strings.Contains(d.Message, "device name") {
			t.Errorf("%q: message %q does not say why", n, d.Message)
		}
	}
	for _, n := range good {
		if d, ok := refused[n]; ok {
			t.Errorf("%q was refused: %s", n, d.Message)
		}
	}
	if len(c.Entries) != len(bad)+len(good) {
		t.Errorf("%d entries loaded", len(c.Entries))
	}
	for _, s := range []string{"con", "COM1", "Lpt9", "nul"} {
		if got := load.SuggestSlug(s); got != strings.ToLower(s)+"-entry" {
			t.Errorf("SuggestSlug(%q) = %q", s, got)
		}
	}
}

// TestSizeLimit: a file over the limit is refused with an error and not
// read; one at the limit loads.
func TestSizeLimit(t *testing.T) {
	at := "name = \"" + strings.Repeat("x", 1000) + "\"\n"
	at += strings.Repeat("#", 2048-len(at))
	dir := tree(t, map[string]string{
		"content/topics/at.toml":   at,
		"content/topics/over.toml": at + "#",
	})
	c, diags := loadDir(t, dir, load.Options{MaxFileSize: 2048})
	if got := slugs(c); !slices.Equal(got, []string{"topic/at"}) {
		t.Errorf("entries = %v", got)
	}
	if len(diags) != 1 || diags[0].Code != "too-large" || diags[0].File != "content/topics/over.toml" || diags[0].Severity == diag.Warning {
		t.Errorf("diagnostics:\n%s", format(diags))
	}
	if !c.Broken["topic/over"] {
		t.Error("the large file is not marked broken")
	}
}
