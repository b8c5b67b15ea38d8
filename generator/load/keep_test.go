package load

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/schema"
)

// TestKeptBodies: a load keeps the bodies, so Body gives the body that
// was loaded with the front matter even once the file has changed or
// gone; one that keeps none reads the files again.
func TestKeptBodies(t *testing.T) {
	files := map[string]string{
		"content/members/a.md": "+++\nname = \"A\"\nkind = \"individual\"\n+++\nBody of A.\n",
		"content/members/b.md": "\ufeff+++\nname = \"B\"\nkind = \"individual\"\n+++\n",
		"content/members/c.md": "+++\nname = \"C\"\nkind = \"individual\"\n+++\n" + strings.Repeat("Long. ", 60000),
	}
	want := map[string]string{"a": "Body of A.\n", "b": "", "c": strings.Repeat("Long. ", 60000)}
	sch, diags := schema.Load(agora.DefaultSchema, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, kept := range []int64{0, -1} {
		dir, root := sourceTree(t, files)
		c, _, err := Load(context.Background(), root, sch, Options{KeptBodies: kept})
		if err != nil {
			t.Fatal(err)
		}
		for name, text := range files {
			slug := strings.TrimSuffix(filepath.Base(name), ".md")
			changed := text[:len(text)-len(want[slug])] + "Changed.\n" // the same front matter
			os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(changed), 0o644)
		}
		for _, e := range c.Entries {
			b, err := c.Body(e)
			switch {
			case kept == 0 && (err != nil || string(b) != want[e.Slug]):
				t.Errorf("kept %s: %.20q, %v; want the loaded body", e.Slug, b, err)
			case kept < 0 && (err != nil || string(b) != "Changed.\n"):
				t.Errorf("read again %s: %.20q, %v; want the changed body", e.Slug, b, err)
			}
		}
	}
}

// TestBodyKeeperBudget: bodies are kept, each its own copy, until one
// does not fit the budget; from then on none is, not even a smaller one.
func TestBodyKeeperBudget(t *testing.T) {
	k := newBodyKeeper(30)
	src := []byte("0123456789")
	a, b := k.keep(src), k.keep(src[:5])
	src[0] = 'x'
	if string(a) != "0123456789" || string(b) != "01234" {
		t.Errorf("kept %q, %q: not copies", a, b)
	}
	a = append(a, '!') // a kept body's capacity ends with it
	if string(b) != "01234" {
		t.Errorf("appending to one body changed the next: %q", b)
	}
	if k.keep(make([]byte, 16)) != nil {
		t.Error("16 bytes kept with 15 left")
	}
	if k.keep([]byte("x")) != nil {
		t.Error("a body kept after one was refused")
	}
	if e := k.keep(nil); e == nil || len(e) != 0 {
		t.Errorf("an empty body: %v, want kept empty", e)
	}
	if newBodyKeeper(-1).keep(src) != nil || newBodyKeeper(0) != nil {
		t.Error("a keeper without a budget kept a body")
	}
	big := newBodyKeeper(1 << 30).keep(make([]byte, keepChunk))
	if len(big) != keepChunk {
		t.Errorf("a body larger than a chunk: %d bytes kept", len(big))
	}
}

// TestCheckEachEntry: Options.Check sees every entry decoded, and its
// problems come back with Load's for the entries kept, not for a second
// file of the same slug, which Load leaves out.
func TestCheckEachEntry(t *testing.T) {
	_, root := sourceTree(t, map[string]string{
		"content/members/a.md":   "+++\nname = \"A\"\n+++\n",
		"content/members/b.md":   "+++\nname = \"B\"\n+++\n",
		"content/members/b.toml": "name = \"B again\"\n",
		"content/members/c.md":   "+++\nname = \n+++\n", // does not decode
	})
	sch, diags := schema.Load(agora.DefaultSchema, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	check := func(e *Entry) diag.List {
		mu.Lock()
		seen[e.File] = true
		mu.Unlock()
		return diag.List{{File: e.File, Code: "checked", Message: "checked " + e.Title()}}
	}
	c, diags, err := Load(context.Background(), root, sch, Options{Check: check})
	if err != nil {
		t.Fatal(err)
	}
	if !seen["content/members/a.md"] || !seen["content/members/b.md"] || !seen["content/members/b.toml"] || len(seen) != 3 {
		t.Errorf("checked %v; want the three files that decode", seen)
	}
	var checked []string
	for _, d := range diags {
		if d.Code == "checked" {
			checked = append(checked, d.File)
		}
	}
	var kept []string
	for _, e := range c.Entries {
		kept = append(kept, e.File)
	}
	if !slices.Equal(checked, kept) || len(kept) != 2 {
		t.Errorf("problems of Check for %v; want those of the entries kept, %v", checked, kept)
	}
}
