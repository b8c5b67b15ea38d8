package diag

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"
)

func TestSortOrdersByPositionThenSeverity(t *testing.T) {
	l := List{
		{File: "b.md", Line: 1, Col: 1, Message: "b"},
		{File: "a.md", Line: 10, Col: 1, Message: "line 10"},
		{File: "a.md", Line: 2, Col: 5, Severity: Warning, Message: "warning at 2:5"},
		{File: "a.md", Line: 2, Col: 5, Message: "z error at 2:5"},
		{File: "a.md", Line: 2, Col: 5, Message: "a error at 2:5"},
		{File: "a.md", Line: 2, Col: 1, Message: "2:1"},
		{File: "a.md", Message: "whole file"},
	}
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Message)
	}
	want := []string{"whole file", "2:1", "a error at 2:5", "z error at 2:5", "warning at 2:5", "line 10", "b"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		l                List
		errors, warnings int
	}{
		{nil, 0, 0},
		{List{{Severity: Warning}}, 0, 1},
		{List{{Severity: Error}, {Severity: Warning}, {Severity: Error}}, 2, 1},
	}
	for _, tt := range tests {
		e, w := tt.l.Count()
		if e != tt.errors || w != tt.warnings || tt.l.HasErrors() != (tt.errors > 0) {
			t.Errorf("%v: Count() = %d, %d; HasErrors() = %v", tt.l, e, w, tt.l.HasErrors())
		}
	}
	if Error.String() != "error" || Warning.String() != "warning" {
		t.Errorf("severity names: %q, %q", Error, Warning)
	}
}

func TestSuggest(t *testing.T) {
	fields := []string{"name", "kind", "region", "country", "website", "email", "offers", "needs", "draft", "updated"}
	tests := []struct {
		got        string
		candidates []string
		want       string
	}{
		{"nmae", fields, "name"},      // swapped neighbours
		{"websit", fields, "website"}, // a deleted letter
		{"Email", fields, "email"},    // case is ignored
		{"contry", fields, "country"},
		{"favourite_colour", fields, ""}, // nothing close
		{"x", fields, ""},
		{"organisation", []string{"organization", "individual"}, "organization"},
		{"Roles", []string{"roles", "decision-making", "rotation"}, "roles"},
		{"mid", []string{"short", "medium", "long"}, ""},
		{"mem", []string{"charters", "members", "minutes"}, "members"}, // a prefix of three or more letters
		{"me", []string{"charters", "members", "minutes"}, ""},
		{"member", []string{"charters", "members", "minutes"}, "members"},
		{"Mediacion", []string{"Mediación", "Mediation"}, "Mediación"}, // the first of two at the same distance
		{"MEDIACIÓN", []string{"mediación"}, "mediación"},              // Unicode case folding
		{"facilitaton", []string{"facilitation", "mediation"}, "facilitation"},
		{"", fields, ""},
		{"name", nil, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.got, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
	if got := DidYouMean("nmae", fields); got != `did you mean "name"?` {
		t.Errorf("DidYouMean = %q", got)
	}
	if got := DidYouMean("zzzzzz", fields); got != "" {
		t.Errorf("DidYouMean with no candidate = %q, want empty", got)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"name", "name", 0},
		{"nmae", "name", 1}, // a swap costs one
		{"kitten", "sitting", 3},
		{"ñandú", "nandu", 2}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// files is what Printer.ReadFile returns in the format tests.
var files = map[string]string{
	"content/members/ana.md": "+++\nnmae = \"Ana\"\n\tkind = \"individual\"\nname = \"Ñandú\" # x\n+++\n",
	"content/members/bom.md": "\ufeff+++\r\nnmae = \"Bom\"\r\n+++\r\n",
	"site.toml":              "title = \"x\"\n",
}

func readFile(name string) ([]byte, error) {
	if s, ok := files[name]; ok {
		return []byte(s), nil
	}
	return nil, fs.ErrNotExist
}

var sample = List{
	{File: "content/members/ana.md", Line: 2, Col: 1, Code: "unknown-key", Message: `unknown field "nmae" in a member`,
		Found: `"nmae"`, Allowed: "name, kind", Hint: `did you mean "name"?`},
	{File: "content/members/ana.md", Line: 3, Col: 9, Code: "bad-enum", Message: `kind: "individual" is not one of the allowed values`},
	{File: "content/members/ana.md", Line: 4, Col: 15, Severity: Warning, Code: "note", Message: "after multi-byte characters"},
	{File: "content/members/bom.md", Line: 2, Col: 8, Code: "x", Message: "BOM and CRLF"},
	{File: "content/members/big.md", Code: "too-large", Message: "the file is 50.0 MB, over the limit of 5.0 MB", Hint: "split it"},
	{File: "content/members/gone.md", Line: 3, Col: 2, Code: "read", Message: "no source to quote"},
	{File: "site.toml", Line: 9, Col: 1, Code: "x", Message: "line past the end of the file"},
}

func TestPrintText(t *testing.T) {
	var b bytes.Buffer
	if err := (Printer{Format: "text", ReadFile: readFile}).Print(&b, sample); err != nil {
		t.Fatal(err)
	}
	want := `content/members/ana.md:2:1: error: unknown field "nmae" in a member [unknown-key]
      2 | nmae = "Ana"
        | ^
        = found: "nmae"
        = allowed: name, kind
        = fix: did you mean "name"?
content/members/ana.md:3:9: error: kind: "individual" is not one of the allowed values [bad-enum]
      3 | 	kind = "individual"
        | 	       ^
content/members/ana.md:4:15: warning: after multi-byte characters [note]
      4 | name = "Ñandú" # x
        |               ^
content/members/bom.md:2:8: error: BOM and CRLF [x]
      2 | nmae = "Bom"
        |        ^
content/members/big.md: error: the file is 50.0 MB, over the limit of 5.0 MB [too-large]
        = fix: split it
content/members/gone.md:3:2: error: no source to quote [read]
site.toml:9:1: error: line past the end of the file [x]
6 errors, 1 warning
`
	if got := b.String(); got != want {
		t.Errorf("text output:\n%s\nwant:\n%s", got, want)
	}
}

func TestPrintTextWithoutReadFileOrProblems(t *testing.T) {
	tests := []struct {
		name string
		l    List
		want string
	}{
		{"nothing", nil, ""},
		{"one warning", List{{File: "a.md", Line: 1, Col: 3, Severity: Warning, Code: "c", Message: "m"}},
			"a.md:1:3: warning: m [c]\n0 errors, 1 warning\n"},
		{"column 0 prints as 1", List{{File: "a.md", Line: 1, Code: "c", Message: "m"}},
			"a.md:1:1: error: m [c]\n1 error, 0 warnings\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := (Printer{}).Print(&b, tt.l); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, b.String(), tt.want)
		}
	}
}

func TestPrintTextColor(t *testing.T) {
	var b bytes.Buffer
	l := List{{File: "a.md", Line: 1, Col: 1, Code: "c", Message: "m"}, {File: "a.md", Line: 2, Col: 1, Severity: Warning, Code: "w", Message: "n"}}
	if err := (Printer{Color: true}).Print(&b, l); err != nil {
		t.Fatal(err)
	}
	want := "\x1b[1ma.md:1:1\x1b[0m: \x1b[1;31merror\x1b[0m: m \x1b[2m[c]\x1b[0m\n" +
		"\x1b[1ma.md:2:1\x1b[0m: \x1b[1;33mwarning\x1b[0m: n \x1b[2m[w]\x1b[0m\n" +
		"1 error, 1 warning\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestPrintTextQuotesLongAndInvalidLines(t *testing.T) {
	long := strings.Repeat("é", 300)
	files := map[string]string{"a.md": long + "\n", "b.md": "x = \"\xff\"\n"}
	read := func(name string) ([]byte, error) { return []byte(files[name]), nil }
	var b bytes.Buffer
	l := List{{File: "a.md", Line: 1, Col: 3, Code: "c", Message: "m"}, {File: "b.md", Line: 1, Col: 6, Code: "bad-utf8", Message: "m"}}
	if err := (Printer{ReadFile: read}).Print(&b, l); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if got := lines[1]; got != "      1 | "+strings.Repeat("é", 200) {
		t.Errorf("a long line is not cut at 200 characters: %q", got)
	}
	if got := lines[4]; got != "      1 | x = \"\ufffd\"" {
		t.Errorf("invalid UTF-8 is not replaced: %q", got)
	}
}

func TestPrintJSON(t *testing.T) {
	var b bytes.Buffer
	if err := (Printer{Format: "json", ReadFile: readFile}).Print(&b, sample[:3]); err != nil {
		t.Fatal(err)
	}
	want := `{
  "errors": 2,
  "warnings": 1,
  "diagnostics": [
    {
      "file": "content/members/ana.md",
      "line": 2,
      "col": 1,
      "code": "unknown-key",
      "message": "unknown field \"nmae\" in a member",
      "found": "\"nmae\"",
      "allowed": "name, kind",
      "hint": "did you mean \"name\"?",
      "severity": "error"
    },
    {
      "file": "content/members/ana.md",
      "line": 3,
      "col": 9,
      "code": "bad-enum",
      "message": "kind: \"individual\" is not one of the allowed values",
      "severity": "error"
    },
    {
      "file": "content/members/ana.md",
      "line": 4,
      "col": 15,
      "code": "note",
      "message": "after multi-byte characters",
      "severity": "warning"
    }
  ]
}
`
	if b.String() != want {
		t.Errorf("json output:\n%s\nwant:\n%s", b.String(), want)
	}
	var empty bytes.Buffer
	if err := (Printer{Format: "json"}).Print(&empty, nil); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Errors, Warnings int
		Diagnostics      []any
	}
	if err := json.Unmarshal(empty.Bytes(), &v); err != nil || v.Diagnostics == nil || len(v.Diagnostics) != 0 {
		t.Errorf("no diagnostics should print an empty list, got %s (%v)", empty.String(), err)
	}
}

func TestPrintGitHub(t *testing.T) {
	l := List{
		sample[0],
		{File: "content/members/ana.md", Line: 4, Col: 15, Severity: Warning, Code: "overdue", Message: "overdue: due 2026-04-30 has passed",
			Found: `status = "open"`},
		{File: "content/members/big.md", Code: "too-large", Message: "100% too large\r\nsecond line"},
		{File: "content/pages/a,b:c.md", Line: 2, Col: 3, Code: "bad-file-name", Message: "the file name is not a valid slug"},
	}
	var b bytes.Buffer
	if err := (Printer{Format: "github"}).Print(&b, l); err != nil {
		t.Fatal(err)
	}
	want := `::error file=content/members/ana.md,line=2,col=1,title=agora unknown-key::unknown field "nmae" in a member%0Afound: "nmae"%0Aallowed: name, kind%0Afix: did you mean "name"?
::warning file=content/members/ana.md,line=4,col=15,title=agora overdue::overdue: due 2026-04-30 has passed%0Afound: status = "open"
::error file=content/members/big.md,line=1,col=1,title=agora too-large::100%25 too large%0D%0Asecond line
::error file=content/pages/a%2Cb%3Ac.md,line=2,col=3,title=agora bad-file-name::the file name is not a valid slug
`
	if b.String() != want {
		t.Errorf("github output:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestUnknownFormatIsText(t *testing.T) {
	var a, b bytes.Buffer
	(Printer{Format: "text"}).Print(&a, sample)
	(Printer{Format: "fancy"}).Print(&b, sample)
	if a.String() != b.String() {
		t.Errorf("an unknown format should print text")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestPrintReportsWriteErrors(t *testing.T) {
	for _, format := range Formats {
		if err := (Printer{Format: format}).Print(failingWriter{}, sample); err == nil {
			t.Errorf("%s: a failing writer gave no error", format)
		}
	}
}
