package serve

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/internal/exampletest"
	"github.com/agora-community/agora/generator/site"
)

// oracleToday dates overdue marks the same way in both builds.
var oracleToday = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

// newQuietServer is a server on a copy of the example that is driven by
// calling rebuild, without watching or serving HTTP, so that each step
// is checked exactly once it is done.
func newQuietServer(t *testing.T, src string) *Server {
	t.Helper()
	s := New(Options{Source: src, Addr: "127.0.0.1:0", Today: oracleToday})
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.ln.Close()
		if s.session != nil {
			s.session.Close()
		}
	})
	s.rebuild(context.Background(), nil)
	if s.problem != "" {
		t.Fatalf("first build: %s", s.problem)
	}
	return s
}

// askForEverything renders, and so keeps, every page and search file.
func askForEverything(t *testing.T, b *build) {
	t.Helper()
	for _, p := range b.order {
		if _, err := b.page(p); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	for p := range b.searchFilesOrBuild(t) {
		b.page(p)
	}
}

// searchFilesOrBuild are the search files of every language, by path.
func (b *build) searchFilesOrBuild(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, l := range b.snap.Languages {
		if _, err := b.searchFile(l, ""); err != nil && err != errNoPage {
			t.Fatal(err)
		}
		for p, data := range b.search.files {
			out[l.Prefix+p] = data
		}
	}
	return out
}

// TestEveryPageMatchesAWholeBuild is the proof that no page is served
// stale: with every page kept before each edit, every file the server
// then serves is byte for byte what a whole build of the same sources
// writes, and it serves no file a whole build would not.
func TestEveryPageMatchesAWholeBuild(t *testing.T) {
	src := exampletest.Copy(t, nil)
	s := newQuietServer(t, src)
	steps := []struct {
		name, file, old, new string
		broken               bool
	}{
		{"offers", "content/members/altai-craft-women.md", `offers = ["gender-inclusion", "fundraising"]`, `offers = ["disability-inclusion", "fundraising"]`, false},
		{"a member's title", "content/members/chan-sokha.md", `name = "Chan Sokha"`, `name = "Chan Sokha Renamed"`, false},
		{"a member's region", "content/members/lucia-ferrer.md", `region = "Sonora"`, `region = "Coahuila"`, false},
		{"a topic's title", "content/topics/facilitation.md", `name = "Facilitation"`, `name = "Facilitation, renamed"`, false},
		{"a topic's alias in use", "content/topics/legal-registration.md", `"NGO registration"`, `"registration"`, true},
		{"the alias back", "content/topics/legal-registration.md", `"registration"`, `"NGO registration"`, false},
		{"a body", "content/minutes/2025-06-12-annual-gathering-2025/index.md", "+++\n\n", "+++\n\nA new first paragraph.\n\n", false},
		{"minutes' date", "content/minutes/2025-06-12-annual-gathering-2025/index.md", "date = 2025-06-12", "date = 2025-06-13", false},
		{"a module's prerequisites", "content/curriculum/writing-useful-minutes.md", `prerequisites = ["learning-circles-101"]`, `prerequisites = []`, false},
		{"a topic made a draft", "content/topics/water-governance.md", "+++\nname", "+++\ndraft = true\nname", false},
		{"and published", "content/topics/water-governance.md", "draft = true\n", "", false},
		{"a free page's title", "content/pages/about.md", `title = "`, `title = "Now: `, false},
		{"a rule retired", "content/governance/code-of-conduct.md", `status = "active"`, `status = "retired"`, false},
		// Translations: a translated title, a translated original's title
		// (the translation's pages keep theirs), a translation's body.
		{"a translation's title", "content/curriculum/learning-circles-101/index.km.md", `title = "រង្វង់សិក្សា ១០១"`, `title = "រង្វង់សិក្សា ១០២"`, false},
		{"its original's title", "content/curriculum/learning-circles-101/index.md", `title = "Learning circles 101"`, `title = "Learning circles, first steps"`, false},
		{"a translation's body", "content/minutes/2026-06-04-annual-gathering-2026.es.md", "+++\n\n", "+++\n\nUn párrafo nuevo.\n\n", false},
	}
	for _, st := range steps {
		askForEverything(t, s.current)
		p := filepath.Join(src, filepath.FromSlash(st.file))
		b, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(b, []byte(st.old)) {
			t.Fatalf("%s: %s does not hold %q (%v)", st.name, st.file, st.old, err)
		}
		os.WriteFile(p, bytes.Replace(b, []byte(st.old), []byte(st.new), 1), 0o644)
		s.rebuild(context.Background(), []string{st.file})
		if st.broken {
			if s.problem == "" {
				t.Fatalf("%s: no problem reported", st.name)
			}
			continue
		}
		if s.problem != "" {
			t.Fatalf("%s: %s", st.name, s.problem)
		}
		compareWithWholeBuild(t, st.name, s, src)
	}
	// A photo of an entry folder replaced by another: the page shows the
	// other's copies, and the copies are those a whole build publishes.
	folder := filepath.Join(src, "content", "minutes", "2025-06-12-annual-gathering-2025")
	photo, err := os.ReadFile(filepath.Join(folder, "flipchart.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	askForEverything(t, s.current)
	os.WriteFile(filepath.Join(folder, "plenary.jpg"), photo, 0o644)
	s.rebuild(context.Background(), []string{"content/minutes/2025-06-12-annual-gathering-2025/plenary.jpg"})
	compareWithWholeBuild(t, "a photo replaced", s, src)
	// Adding and removing entries.
	os.WriteFile(filepath.Join(src, "content", "members", "new-member.md"),
		[]byte("+++\nname = \"New Member\"\nkind = \"individual\"\nregion = \"Sonora\"\noffers = [\"disability-inclusion\"]\nneeds = [\"facilitation\"]\n+++\nHello.\n"), 0o644)
	askForEverything(t, s.current)
	s.rebuild(context.Background(), []string{"content/members/new-member.md"})
	compareWithWholeBuild(t, "a new member", s, src)
	askForEverything(t, s.current)
	os.Remove(filepath.Join(src, "content", "members", "new-member.md"))
	s.rebuild(context.Background(), []string{"content/members/new-member.md"})
	compareWithWholeBuild(t, "the member removed", s, src)
}

func compareWithWholeBuild(t *testing.T, step string, s *Server, src string) {
	t.Helper()
	if s.problem != "" {
		t.Fatalf("%s: %s", step, s.problem)
	}
	p, err := site.Open(context.Background(), site.Options{Source: src, Today: oracleToday, History: true})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	want, err := p.BuildMemory(context.Background(), "http://"+s.addr+p.Site.BasePath())
	if err != nil {
		t.Fatal(err)
	}
	b := s.current
	stale := 0
	for path, data := range want {
		got, err := b.page(path)
		if err != nil {
			t.Errorf("%s: %s: %v", step, path, err)
			continue
		}
		if !bytes.Equal(got, data) {
			if stale++; stale <= 3 {
				t.Errorf("%s: %s differs from a whole build:\n%s", step, path, firstDifference(got, data))
			}
		}
	}
	if stale > 3 {
		t.Errorf("%s: %d files differ in all", step, stale)
	}
	for _, path := range b.order {
		if _, ok := want[path]; !ok {
			t.Errorf("%s: %s is served but a whole build has no such file", step, path)
		}
	}
}

// firstDifference shows the first line where got and want part.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "  served: " + g[i] + "\n  whole:  " + w[i]
		}
	}
	return "  (one is longer)"
}
