package diag

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// overdue is a pending overdue warning of file, whose line placeAt gives.
func overdue(file string, item int) Diagnostic {
	return Diagnostic{File: file, Key: fmt.Sprintf("actions.%d.due", item), Pending: true, Severity: Warning,
		Code: "overdue", Message: fmt.Sprintf("overdue: item %d", item), Hint: "update the status"}
}

// placeAt places a pending diagnostic as load.Locate would: item N of a
// file at line 100-N, so that a file's items are placed in the reverse
// of the order their messages sort in. It counts what it placed.
func placeAt(placed *[]string) func(List) {
	return func(l List) {
		for i := range l {
			d := &l[i]
			if !d.Pending {
				continue
			}
			var item int
			fmt.Sscanf(d.Key, "actions.%d.due", &item)
			d.Line, d.Col, d.Pending = 100-item, 7, false
			*placed = append(*placed, fmt.Sprintf("%s:%s", d.File, d.Key))
		}
	}
}

func TestSummaryShowsTheFirstOfEachKind(t *testing.T) {
	var l List
	for f := 40; f >= 1; f-- { // 40 files of 4 overdue items each
		for item := range 4 {
			l = append(l, overdue(fmt.Sprintf("content/minutes/m%02d.md", f), item))
		}
	}
	l = append(l,
		Diagnostic{File: "content/members/b.md", Line: 3, Col: 1, Code: "bad-enum", Message: "kind: not allowed"},
		Diagnostic{File: "content/pages/notes.txt", Severity: Warning, Code: "ignored-file", Message: "not an entry"},
		Diagnostic{File: "content/members/a.md", Line: 2, Col: 5, Code: "unknown-key", Message: "unknown field", Hint: "did you mean?"},
		Diagnostic{File: "content/charters/c.md", Line: 9, Col: 3, Severity: Warning, Code: "draft-ref", Message: "a draft"},
	)
	for i := range 12 { // errors are never summarised
		l = append(l, Diagnostic{File: fmt.Sprintf("content/topics/t%02d.md", i), Line: 1, Col: 1, Code: "bad-date", Message: "not a date"})
	}
	var placed []string
	var b bytes.Buffer
	if err := (Printer{}).PrintSummary(&b, l, placeAt(&placed)); err != nil {
		t.Fatal(err)
	}
	var errs strings.Builder
	for i := range 12 {
		fmt.Fprintf(&errs, "content/topics/t%02d.md:1:1: error: not a date [bad-date]\n", i)
	}
	want := `content/charters/c.md:9:3: warning: a draft [draft-ref]
content/minutes/m01.md:97:7: warning: overdue: item 3 [overdue]
        = fix: update the status
content/minutes/m01.md:98:7: warning: overdue: item 2 [overdue]
content/minutes/m01.md:99:7: warning: overdue: item 1 [overdue]
  … and 157 more [overdue] warnings (160 in all)
content/pages/notes.txt: warning: not an entry [ignored-file]
content/members/a.md:2:5: error: unknown field [unknown-key]
        = fix: did you mean?
content/members/b.md:3:1: error: kind: not allowed [bad-enum]
` + errs.String() + `14 errors, 162 warnings (the first 3 of each kind shown; agora check lists them all)
`
	if got := b.String(); got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
	// Only the first file's warnings were placed (the first three are
	// among its four, but which three is known only once placed).
	if len(placed) != 4 || !strings.HasPrefix(placed[0], "content/minutes/m01.md:") {
		t.Errorf("placed %d warnings, want the 4 of m01.md: %q", len(placed), placed)
	}
}

func TestSummaryReadsTheFilesOfTheFirstFew(t *testing.T) {
	// One warning per file: the first three files are placed, no other.
	var l List
	for f := range 1000 {
		l = append(l, overdue(fmt.Sprintf("content/minutes/m%04d.md", 999-f), 1))
	}
	var placed []string
	var b bytes.Buffer
	(Printer{}).PrintSummary(&b, l, placeAt(&placed))
	want := []string{"content/minutes/m0000.md:actions.1.due", "content/minutes/m0001.md:actions.1.due", "content/minutes/m0002.md:actions.1.due"}
	if fmt.Sprint(placed) != fmt.Sprint(want) {
		t.Errorf("placed %q, want %q", placed, want)
	}
	if lines := strings.Count(b.String(), "\n"); lines != 6 {
		t.Errorf("%d lines for one kind of warning:\n%s", lines, b.String())
	}
}

func TestSummaryOfFewIsTheFullList(t *testing.T) {
	// Three warnings of a kind and an error: each in full, nothing cut,
	// no pointer to agora check.
	l := List{sample[2],
		{File: "content/members/bom.md", Line: 2, Col: 8, Severity: Warning, Code: "note", Message: "BOM and CRLF"},
		{File: "content/members/ana.md", Line: 2, Col: 1, Severity: Warning, Code: "note", Message: "second"},
		sample[0],
	}
	var b bytes.Buffer
	if err := (Printer{ReadFile: readFile}).PrintSummary(&b, l, nil); err != nil {
		t.Fatal(err)
	}
	want := `content/members/ana.md:2:1: warning: second [note]
      2 | nmae = "Ana"
        | ^
content/members/ana.md:4:15: warning: after multi-byte characters [note]
      4 | name = "Ñandú" # x
        |               ^
content/members/bom.md:2:8: warning: BOM and CRLF [note]
      2 | nmae = "Bom"
        |        ^
content/members/ana.md:2:1: error: unknown field "nmae" in a member [unknown-key]
      2 | nmae = "Ana"
        | ^
        = found: "nmae"
        = allowed: name, kind
        = fix: did you mean "name"?
1 error, 3 warnings
`
	if got := b.String(); got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
	var empty bytes.Buffer
	if (Printer{}).PrintSummary(&empty, nil, nil); empty.Len() != 0 {
		t.Errorf("no problems printed %q", empty.String())
	}
}

func TestSummaryReportsWriteErrors(t *testing.T) {
	if err := (Printer{}).PrintSummary(failingWriter{}, sample, nil); err == nil {
		t.Error("a failing writer gave no error")
	}
}
