package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/internal/exampletest"
	"github.com/agora-community/agora/generator/link"
)

// sessionToday dates overdue warnings, so that the example has some.
var sessionToday = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

// sessionStep is one edit of the files and the paths it changed.
type sessionStep struct {
	name  string
	apply func(dir string) []string
}

func rewrite(old, new string, file string) func(string) []string {
	return func(dir string) []string {
		p := filepath.Join(dir, filepath.FromSlash(file))
		b, err := os.ReadFile(p)
		if err != nil {
			panic(err)
		}
		if !strings.Contains(string(b), old) {
			panic(fmt.Sprintf("%s does not hold %q", file, old))
		}
		os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
		return []string{file}
	}
}

func writeFile(file, data string) func(string) []string {
	return func(dir string) []string {
		os.WriteFile(filepath.Join(dir, filepath.FromSlash(file)), []byte(data), 0o644)
		return []string{file}
	}
}

func removeFile(file string) func(string) []string {
	return func(dir string) []string {
		os.Remove(filepath.Join(dir, filepath.FromSlash(file)))
		return []string{file}
	}
}

// TestSessionMatchesOpen edits the example step by step and checks, after
// each update, that the session found the problems and links a whole
// load finds: the incremental path is only an optimisation.
func TestSessionMatchesOpen(t *testing.T) {
	dir := exampletest.Copy(t, nil)
	opts := Options{Source: dir, Today: sessionToday}
	s, err := NewSession(opts, "127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, rep, err := s.Update(context.Background(), nil); err != nil || len(rep.Errors) > 0 {
		t.Fatalf("first update: %v %v", err, rep.Errors)
	}
	steps := []sessionStep{
		{"edit offers", rewrite(`offers = ["gender-inclusion", "fundraising"]`, `offers = ["gender-inclusion", "facilitation"]`, "content/members/altai-craft-women.md")},
		{"rename a topic", rewrite(`name = "Facilitation"`, `name = "Facilitation, renamed"`, "content/topics/facilitation.md")},
		{"drop an alias in use", rewrite(`"NGO registration"`, `"registration"`, "content/topics/legal-registration.md")},
		{"restore it", rewrite(`"registration"`, `"NGO registration"`, "content/topics/legal-registration.md")},
		{"delete a topic in use", removeFile("content/topics/peer-learning.toml")},
		{"add it back", writeFile("content/topics/peer-learning.toml", peerLearning)},
		{"break a file", rewrite(`name = "Facilitation, renamed"`, `name = = "x"`, "content/topics/facilitation.md")},
		{"fix it", rewrite(`name = = "x"`, `name = "Facilitation"`, "content/topics/facilitation.md")},
		{"add a member", writeFile("content/members/new-member.md", "+++\nname = \"New member\"\nkind = \"individual\"\noffers = [\"Facilitation skills\"]\nneeds = [\"water-governance\"]\n+++\nHello.\n")},
		{"make a topic a draft", rewrite(`name = "Water`, "draft = true\nname = \"Water", "content/topics/water-governance.md")},
		{"publish it again", rewrite("draft = true\n", "", "content/topics/water-governance.md")},
		{"a prerequisite cycle", rewrite(`title = "Learning circles 101"`, "prerequisites = [\"writing-useful-minutes\"]\ntitle = \"Learning circles 101\"", "content/curriculum/learning-circles-101/index.md")},
		{"remove the member", removeFile("content/members/new-member.md")},
		{"break the cycle", rewrite("prerequisites = [\"writing-useful-minutes\"]\n", "", "content/curriculum/learning-circles-101/index.md")},
		{"rename an alias written in another case", rewrite(`"Facilitation skills"`, `"Facilitation craft"`, "content/topics/facilitation.md")},
		{"rename it back", rewrite(`"Facilitation craft"`, `"Facilitation skills"`, "content/topics/facilitation.md")},
		{"drop a short alias", rewrite(`, "PB"]`, `]`, "content/topics/participatory-budgeting.md")},
		{"move it to another topic", rewrite(`"Local fundraising"]`, `"Local fundraising", "pb"]`, "content/topics/fundraising.md")},
		{"give it to both", rewrite(`"presupuesto participativo"]`, `"presupuesto participativo", "PB"]`, "content/topics/participatory-budgeting.md")},
		{"and back to one", rewrite(`, "pb"]`, `]`, "content/topics/fundraising.md")},
		{"an editor's temporary file", func(string) []string { return []string{"content/members/4913"} }},
		{"a photo replaced by a web page", writeFile("content/minutes/2025-06-12-annual-gathering-2025/plenary.jpg", "<!doctype html><script>alert(1)</script>")},
		{"a photo deleted", removeFile("content/minutes/2025-06-12-annual-gathering-2025/flipchart.jpg")},
		{"the photo replaced by a PDF", writeFile("content/minutes/2025-06-12-annual-gathering-2025/plenary.jpg", "%PDF-1.4\n%%EOF\n")},
		{"an unreferenced file", writeFile("content/curriculum/learning-circles-101/notes.txt", "Notes.")},
		{"the logo's alt text emptied", rewrite(`alt = "Agua Viva's logo: a blue drop of water over two waves"`, `alt = ""`, "content/members/colectivo-agua-coahuila/index.md")},
	}
	for _, step := range steps {
		changed := step.apply(dir)
		_, rep, err := s.Update(context.Background(), changed)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if rep.Whole {
			t.Errorf("%s: loaded everything again, want an update of the changed files", step.name)
		}
		t.Logf("%s: %d errors, %d warnings", step.name, len(rep.Errors), rep.WarningCount)
		p, err := Open(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		want := errorsOf(p.Diags)
		if got := formatDiags(rep.Errors); got != formatDiags(want) {
			t.Errorf("%s: errors\n%s\nwant\n%s", step.name, got, formatDiags(want))
		}
		if len(want) == 0 {
			if got, want := describeGraph(s.linked.Graph, s), describeGraph(p.Graph, s); got != want {
				t.Errorf("%s: links differ from a whole load:\n%s", step.name, lineDiff(got, want))
			}
			if _, w := p.Diags.Count(); w != rep.WarningCount {
				t.Errorf("%s: %d warnings, a whole load finds %d", step.name, rep.WarningCount, w)
			}
		}
		p.Close()
	}
}

const peerLearning = `name = "Peer learning"
definition = "Learning from another member who has solved the problem you face, rather than from an outside expert."
aliases = ["aprendizaje entre pares", "Peer exchange", "харилцан суралцах"]
`

func errorsOf(l diag.List) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

func formatDiags(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s (%s)\n", d.File, d.Line, d.Col, d.Code, d.Message, d.Hint)
	}
	return b.String()
}

// describeGraph lists every entry's links and every acyclic order, one a line.
func describeGraph(g *link.Graph, s *Session) string {
	var lines []string
	for _, t := range s.schema.Types {
		for _, e := range g.Entries(t.Name) {
			for _, edge := range g.Refs(e) {
				lines = append(lines, fmt.Sprintf("%s %s --%s--> %s", e.File, e.Title(), edge.Key(), edge.To.File))
			}
			for _, edge := range g.Backlinks(e) {
				lines = append(lines, fmt.Sprintf("%s <--%s-- %s", e.File, edge.Key(), edge.From.File))
			}
		}
		for _, f := range t.Fields {
			if f.Acyclic {
				var order []string
				for _, e := range g.Order(t.Name, f.Name) {
					order = append(order, e.Slug)
				}
				lines = append(lines, t.Name+"."+f.Name+" order: "+strings.Join(order, " "))
			}
		}
	}
	return strings.Join(lines, "\n")
}

func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	return b.String()
}
