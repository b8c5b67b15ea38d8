package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/gitinfo/gittest"
)

// TestStaleTranslation: a translation whose last commit is older than
// its original's is a warning naming when, and by whom, the original
// changed; committing the translation after it clears the warning.
func TestStaleTranslation(t *testing.T) {
	r := gittest.New(t)
	write := func(name, text string) {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"Red\"\nbase_url = \"https://example.org/\"\nlanguages = [\"en\", \"es\"]\n")
	write("content/members/ana.md", "+++\nname = \"Ana\"\nkind = \"individual\"\n+++\nAna works on water.\n")
	write("content/members/ana.es.md", "+++\nname = \"Ana\"\n+++\nAna trabaja en el agua.\n")
	r.Git(gittest.Author{Name: "Lucía", Email: "l@example.org", Date: "2025-03-01T10:00:00+00:00"}, "add", ".")
	r.Git(gittest.Author{Name: "Lucía", Email: "l@example.org", Date: "2025-03-01T10:00:00+00:00"}, "commit", "-qm", "Ana, in English and Spanish")
	write("content/members/ana.md", "+++\nname = \"Ana\"\nkind = \"individual\"\n+++\nAna works on water and land.\n")
	ana := gittest.Author{Name: "Ana López", Email: "a@example.org", Date: "2025-03-04T10:00:00+00:00"}
	r.Git(ana, "commit", "-qam", "Ana works on land too")

	stale := func() diag.List {
		p, err := Open(context.Background(), Options{Source: r.Dir, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		var out diag.List
		for _, d := range p.Diags {
			if d.Code == "stale-translation" {
				out = append(out, d)
			}
		}
		return out
	}
	got := stale()
	if len(got) != 1 || got[0].File != "content/members/ana.es.md" || got[0].Severity != diag.Warning ||
		got[0].Message != "translation older than the original (changed 2025-03-04 by Ana López)" {
		t.Fatalf("stale warnings: %+v", got)
	}
	write("content/members/ana.es.md", "+++\nname = \"Ana\"\n+++\nAna trabaja en el agua y la tierra.\n")
	r.Git(gittest.Author{Name: "Lucía", Email: "l@example.org", Date: "2025-03-05T10:00:00+00:00"}, "commit", "-qam", "Ana al día")
	if got := stale(); len(got) != 0 {
		t.Errorf("after the translation's commit: %+v", got)
	}
	if !strings.Contains(r.Git(gittest.Author{}, "log", "--format=%an"), "Ana López") {
		t.Fatal("the history was not written")
	}
}
