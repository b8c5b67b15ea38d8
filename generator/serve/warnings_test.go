package serve

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTerminalSummarisesWarnings: the first build prints, of each kind of
// warning, a count and the first few with their positions, as agora
// build does; an edit prints the warnings of the files edited; errors
// are all printed, in the terminal and the overlay.
func TestTerminalSummarisesWarnings(t *testing.T) {
	src := writeProject(t, 5, 10, 12) // each of the 12 minutes has an overdue action
	var log bytes.Buffer
	s := New(Options{Source: src, Addr: "127.0.0.1:0", Today: oracleToday, Log: &log})
	t.Cleanup(func() {
		if s.session != nil {
			s.session.Close()
		}
	})
	s.rebuild(context.Background(), nil)
	if s.problem != "" {
		t.Fatalf("first build: %s", s.problem)
	}
	first := log.String()
	want := regexp.MustCompile(`^content/minutes/2025-01-01-meeting-000\.md:11:7: warning: overdue: due 2025-02-01 has passed \[overdue\]
     11 \| due = 2025-02-01
        \|       \^
        = found: status = "open"
        = fix: update the status, or set a new date
content/minutes/2025-01-02-meeting-001\.md:11:7: warning: overdue: due 2025-02-01 has passed \[overdue\]
content/minutes/2025-01-03-meeting-002\.md:11:7: warning: overdue: due 2025-02-01 has passed \[overdue\]
  … and 9 more \[overdue\] warnings \(12 in all\)
0 errors, 12 warnings \(the first 3 of each kind shown; agora check lists them all\)
built in \S+
$`)
	if !want.MatchString(first) {
		t.Errorf("first build's terminal output:\n%s\nwant it to match\n%s", first, want)
	}

	log.Reset()
	minutes := "content/minutes/2025-01-05-meeting-004.md"
	edit(t, filepath.Join(src, minutes), "+++\nNotes", "\n[[actions]]\ntask = \"Again\"\ndue = 2025-03-01\n+++\nNotes")
	s.rebuild(context.Background(), []string{minutes})
	if got := log.String(); !strings.HasPrefix(got, minutes+":11:7: warning: overdue") || !strings.Contains(got, minutes+":15:7: warning: overdue: due 2025-03-01") ||
		!strings.Contains(got, "\n0 errors, 2 warnings\nupdated in ") {
		t.Errorf("after an edit, the terminal does not show the edited file's two warnings in full:\n%s", got)
	}

	log.Reset()
	for i, name := range []string{"content/minutes/2025-01-06-meeting-005.md", "content/minutes/2025-01-07-meeting-006.md",
		"content/minutes/2025-01-08-meeting-007.md", "content/minutes/2025-01-09-meeting-008.md"} {
		b, _ := os.ReadFile(filepath.Join(src, name))
		os.WriteFile(filepath.Join(src, name), bytes.Replace(b, []byte("due = "), []byte("due = \"never\"\nx"+string(rune('a'+i))+" = "), 1), 0o644)
	}
	s.rebuild(context.Background(), []string{"content/minutes/2025-01-06-meeting-005.md", "content/minutes/2025-01-07-meeting-006.md",
		"content/minutes/2025-01-08-meeting-007.md", "content/minutes/2025-01-09-meeting-008.md"})
	for _, out := range []string{log.String(), s.problem} {
		if n := strings.Count(out, ": error: "); n != 8 || !strings.Contains(out, "8 errors, 0 warnings\n") {
			t.Errorf("%d errors printed, want the 8 (two per file):\n%s", n, out)
		}
	}
}
