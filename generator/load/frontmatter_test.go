package load

import (
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		toml      string
		bodyStart int // -1: no body expected (use len(src))
		bodyLine  int
		errLine   int
		errMsg    string
	}{
		{name: "front matter and body", src: "+++\na = 1\n+++\nBody\n", toml: "a = 1\n", bodyStart: 14, bodyLine: 4},
		{name: "no body", src: "+++\na = 1\n+++\n", toml: "a = 1\n", bodyStart: 14, bodyLine: 4},
		{name: "no final newline", src: "+++\na = 1\n+++", toml: "a = 1\n", bodyStart: 13, bodyLine: 4},
		{name: "empty front matter", src: "+++\n+++\nBody", toml: "", bodyStart: 8, bodyLine: 3},
		{name: "CRLF", src: "+++\r\na = 1\r\n+++\r\nBody\r\n", toml: "a = 1\r\n", bodyStart: 17, bodyLine: 4},
		{name: "trailing blanks on the delimiters", src: "+++  \na = 1\n+++\t\nBody", toml: "a = 1\n", bodyStart: 17, bodyLine: 4},
		{name: "a +++ in a string is not a delimiter", src: "+++\na = \"\"\"\n+++ x\n\"\"\"\n+++\n", toml: "a = \"\"\"\n+++ x\n\"\"\"\n", bodyStart: 26, bodyLine: 6},
		{name: "only the first closing +++ counts", src: "+++\na = 1\n+++\n+++\n", toml: "a = 1\n", bodyStart: 14, bodyLine: 4},
		{name: "missing opening", src: "a = 1\n+++\n", errLine: 1, errMsg: "missing +++ at the start of the file"},
		{name: "YAML front matter", src: "---\na: 1\n---\n", errLine: 1, errMsg: "missing +++ at the start of the file"},
		{name: "indented opening", src: " +++\na = 1\n+++\n", errLine: 1, errMsg: "missing +++ at the start of the file"},
		{name: "four pluses", src: "++++\na = 1\n+++\n", errLine: 1, errMsg: "missing +++ at the start of the file"},
		{name: "unclosed", src: "+++\na = 1\nBody\n", errLine: 1, errMsg: "the front matter opened by +++ on line 1 is never closed"},
		{name: "only the opening", src: "+++", errLine: 1, errMsg: "the front matter opened by +++ on line 1 is never closed"},
		{name: "empty", src: "", errLine: 1, errMsg: "missing +++ at the start of the file"},
	}
	for _, tt := range tests {
		fm, err := splitFrontMatter([]byte(tt.src))
		if tt.errMsg != "" {
			if err == nil {
				t.Errorf("%s: no error", tt.name)
			} else if err.line != tt.errLine || err.message != tt.errMsg || err.hint == "" {
				t.Errorf("%s: error %+v, want line %d %q", tt.name, err, tt.errLine, tt.errMsg)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %+v", tt.name, err)
			continue
		}
		if string(fm.toml) != tt.toml || fm.tomlLine != 1 || fm.bodyStart != tt.bodyStart || fm.bodyLine != tt.bodyLine {
			t.Errorf("%s: got toml %q line %d, body at %d line %d; want %q, body at %d line %d",
				tt.name, fm.toml, fm.tomlLine, fm.bodyStart, fm.bodyLine, tt.toml, tt.bodyStart, tt.bodyLine)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"", -1},
		{"plain", -1},
		{"Ñandú \u2028 😀", -1},
		{"\xff", 0},
		{"ab\xc3", 2},        // a cut sequence
		{"ab\xc3(", 2},       // a bad continuation
		{"é\xed\xa0\x80", 2}, // a surrogate
		{"ok\xc0\xafx", 2},   // an overlong encoding
	}
	for _, tt := range tests {
		if got := invalidUTF8([]byte(tt.src)); got != tt.want {
			t.Errorf("invalidUTF8(%q) = %d, want %d", tt.src, got, tt.want)
		}
	}
}

func TestSuggestSlug(t *testing.T) {
	tests := map[string]string{
		"My Page":             "my-page",
		"Facilitación":        "facilitacion",
		"_draft":              "draft",
		"  Hello,  World!  ":  "hello-world",
		"Ñandú 2024":          "nandu-2024",
		"already-fine":        "already-fine",
		"UPPER_case":          "upper-case",
		"--":                  "entry",
		"日本語":                 "entry",
		"crème brûlée – menu": "creme-brulee-menu",
	}
	for in, want := range tests {
		if got := SuggestSlug(in); got != want {
			t.Errorf("SuggestSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1 << 20: "1.0 MB", 5 << 20: "5.0 MB", 50 << 20: "50.0 MB", 3<<20 + 1<<19: "3.5 MB"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}
