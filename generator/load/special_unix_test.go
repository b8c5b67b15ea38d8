//go:build unix

package load_test

import (
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"github.com/agora-community/agora/generator/load"
)

// TestNamedPipesReported: a named pipe called like an entry (or a link to
// one) would make reading it wait forever for a writer; it is reported
// at its path instead, and the rest of the content loads.
func TestNamedPipesReported(t *testing.T) {
	dir := tree(t, map[string]string{
		"content/members/ana.md":  "+++\ntitle = \"Ana\"\n+++\n",
		"content/members/link.md": "-> pipe.md",
	})
	if err := syscall.Mkfifo(filepath.Join(dir, "content/members/pipe.md"), 0o644); err != nil {
		t.Fatalf("named pipes are needed for this test: %v", err)
	}
	c, diags := loadDir(t, dir, load.Options{})
	if got := slugs(c); !slices.Equal(got, []string{"member/ana"}) {
		t.Errorf("entries = %v, want only member/ana", got)
	}
	var reported []string
	for _, d := range diags {
		if d.Code == "special-file" {
			reported = append(reported, d.File)
		}
	}
	want := []string{"content/members/link.md", "content/members/pipe.md"}
	slices.Sort(reported)
	if !slices.Equal(reported, want) {
		t.Errorf("special-file reported at %v, want %v (all: %v)", reported, want, diags)
	}
	if !c.Broken["member/pipe"] || !c.Broken["member/link"] {
		t.Errorf("Broken = %v, want member/pipe and member/link marked", c.Broken)
	}
}
