package tomlpos

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// posCase is a TOML document and where some of its key paths stand.
type posCase struct {
	name     string
	doc      string
	lineBase int
	want     []posWant
}

type posWant struct {
	path       string
	key, value Pos
}

var edgeCases = []posCase{
	{
		name: "dotted keys",
		doc: `a.b.c = 1
a.d = 2
site.repo.url = "https://x"
`,
		want: []posWant{
			{"a.b.c", Pos{1, 5}, Pos{1, 9}},
			{"a.d", Pos{2, 3}, Pos{2, 7}},
			{"site.repo.url", Pos{3, 11}, Pos{3, 17}},
		},
	},
	{
		name: "dotted keys with spaces and quotes",
		doc: `x . "y.z" . w = 1
"a b".'c' = 2
`,
		want: []posWant{
			{"x.y.z.w", Pos{1, 13}, Pos{1, 17}},
			{"a b.c", Pos{2, 7}, Pos{2, 13}},
		},
	},
	{
		name: "quoted keys",
		doc: `"name" = "bare-looking quoted key"
'kind' = "literal quoted key"
"key with \" escaped quote" = 1
"ñandú" = 2
"" = 3
`,
		want: []posWant{
			{"name", Pos{1, 1}, Pos{1, 10}},
			{"kind", Pos{2, 1}, Pos{2, 10}},
			{`key with " escaped quote`, Pos{3, 1}, Pos{3, 31}},
			{"ñandú", Pos{4, 1}, Pos{4, 11}},
		},
	},
	{
		name: "a value that looks like a key",
		doc: `title = "owner"
owner = "title = 1"
due = 2024-01-01
`,
		want: []posWant{
			{"title", Pos{1, 1}, Pos{1, 9}},
			{"owner", Pos{2, 1}, Pos{2, 9}},
			{"due", Pos{3, 1}, Pos{3, 7}},
		},
	},
	{
		name: "inline tables",
		doc: `repo = { url = "https://x", branch = "main" }
point = {x = 1, y = {z = [1, 2]}}
empty = {}
`,
		want: []posWant{
			{"repo", Pos{1, 1}, Pos{1, 8}},
			{"repo.url", Pos{1, 10}, Pos{1, 16}},
			{"repo.branch", Pos{1, 29}, Pos{1, 38}},
			{"point.y.z", Pos{2, 22}, Pos{2, 26}},
			{"point.y.z.1", Pos{2, 30}, Pos{2, 30}},
			{"empty", Pos{3, 1}, Pos{3, 9}},
		},
	},
	{
		name: "multi-line strings holding keys",
		doc: `summary = """
owner = "not a key"
[[actions]]
due = 2024-01-01 """
owner = "the key"
body = '''
[fields.x]
owner = 'still not'
'''
task = """a "quoted" ""word""""
status = "open"
`,
		want: []posWant{
			{"summary", Pos{1, 1}, Pos{1, 11}},
			{"owner", Pos{5, 1}, Pos{5, 9}},
			{"body", Pos{6, 1}, Pos{6, 8}},
			{"task", Pos{10, 1}, Pos{10, 8}},
			{"status", Pos{11, 1}, Pos{11, 10}},
		},
	},
	{
		name: "escaped quotes and backslashes in strings",
		doc: `a = "x \" owner = 1"
b = 'C:\path\'
owner = "\\"
c = 1
`,
		want: []posWant{
			{"b", Pos{2, 1}, Pos{2, 5}},
			{"owner", Pos{3, 1}, Pos{3, 9}},
			{"c", Pos{4, 1}, Pos{4, 5}},
		},
	},
	{
		name: "comments holding keys",
		doc: `# owner = "in a comment"
name = "Ana" # owner = "after a value"
  # [[actions]]
owner = "ana" # the real one
tags = [ # first = 1
  "a", # second = 2
  "b",
]
`,
		want: []posWant{
			{"name", Pos{2, 1}, Pos{2, 8}},
			{"owner", Pos{4, 1}, Pos{4, 9}},
			{"tags", Pos{5, 1}, Pos{5, 8}},
			{"tags.0", Pos{6, 3}, Pos{6, 3}},
			{"tags.1", Pos{7, 3}, Pos{7, 3}},
			{"tags.2", Pos{5, 1}, Pos{5, 1}}, // no such element: the key
		},
	},
	{
		name: "array elements over several lines",
		doc: `attendees = [
  "ana",
  "ben", "eve",

  # a comment between elements
  "ivan",
]
nested = [[1, 2], [3,
  4], "x"]
tables = [{a = 1}, {a = 2, "b c" = { a = 3 }, d = "a = 4"}]
`,
		want: []posWant{
			{"attendees.0", Pos{2, 3}, Pos{2, 3}},
			{"attendees.1", Pos{3, 3}, Pos{3, 3}},
			{"attendees.2", Pos{3, 10}, Pos{3, 10}},
			{"attendees.3", Pos{6, 3}, Pos{6, 3}},
			{"nested.1", Pos{8, 19}, Pos{8, 19}},
			{"nested.2", Pos{9, 7}, Pos{9, 7}},
			{"tables.1", Pos{10, 20}, Pos{10, 20}},
			{"tables.1.a", Pos{10, 21}, Pos{10, 25}}, // a key of an inline table in an array, found in it
			{"tables.1.b c", Pos{10, 28}, Pos{10, 36}},
			{"tables.1.d", Pos{10, 47}, Pos{10, 51}},
			{"tables.1.e", Pos{10, 20}, Pos{10, 20}}, // not there: at the table
		},
	},
	{
		name: "arrays of tables nested in arrays of tables",
		doc: `[[module]]
title = "one"
[[module.part]]
name = "1a"
[[module.part]]
name = "1b"
[module.meta]
level = 1
[[module]]
title = "two"
[[module.part]]
  name = "2a"
`,
		want: []posWant{
			{"module.0", Pos{1, 1}, Pos{1, 1}},
			{"module.0.title", Pos{2, 1}, Pos{2, 9}},
			{"module.0.part.0", Pos{3, 1}, Pos{3, 1}},
			{"module.0.part.0.name", Pos{4, 1}, Pos{4, 8}},
			{"module.0.part.1.name", Pos{6, 1}, Pos{6, 8}},
			{"module.0.meta.level", Pos{8, 1}, Pos{8, 9}},
			{"module.1", Pos{9, 1}, Pos{9, 1}},
			{"module.1.title", Pos{10, 1}, Pos{10, 9}},
			{"module.1.part.0.name", Pos{12, 3}, Pos{12, 10}},
			{"module.1.part.0.missing", Pos{11, 1}, Pos{11, 1}},
			{"module.2.title", Pos{1, 1}, Pos{1, 1}}, // no third module: the array
		},
	},
	{
		name: "tables defined by a deeper header",
		doc: `[fields.name]
type = "string"

[fields.name.fields.x]
type = "string"
`,
		want: []posWant{
			{"fields", Pos{1, 1}, Pos{1, 1}},
			{"fields.name", Pos{1, 1}, Pos{1, 1}},
			{"fields.name.type", Pos{2, 1}, Pos{2, 8}},
			{"fields.name.fields", Pos{4, 1}, Pos{4, 1}},
			{"fields.name.fields.x.type", Pos{5, 1}, Pos{5, 8}},
		},
	},
	{
		name: "a table after its subtable",
		doc: `[x.y]
z = 1
[x]
w = 2
`,
		want: []posWant{
			{"x.y.z", Pos{2, 1}, Pos{2, 5}},
			{"x", Pos{3, 1}, Pos{3, 1}},
			{"x.w", Pos{4, 1}, Pos{4, 5}},
		},
	},
	{
		name: "headers with spaces and quotes",
		doc: `[ fields . "my field" ]
type = "string"
[[ 'actions' ]]
task = "x"
`,
		want: []posWant{
			{"fields.my field", Pos{1, 1}, Pos{1, 1}},
			{"fields.my field.type", Pos{2, 1}, Pos{2, 8}},
			{"actions.0.task", Pos{4, 1}, Pos{4, 8}},
		},
	},
	{
		name: "CRLF line endings and tabs",
		doc:  "name = \"Ana\"\r\n\tkind =\t\"x\"\r\nlist = [\r\n  1,\r\n  2]\r\n",
		want: []posWant{
			{"name", Pos{1, 1}, Pos{1, 8}},
			{"kind", Pos{2, 2}, Pos{2, 9}},
			{"list.1", Pos{5, 3}, Pos{5, 3}},
		},
	},
	{
		name:     "front matter line base",
		doc:      "name = \"Ñandú\"\nkind = \"x\"\n",
		lineBase: 1,
		want: []posWant{
			{"name", Pos{2, 1}, Pos{2, 8}},
			{"kind", Pos{3, 1}, Pos{3, 8}},
			{"", Pos{2, 1}, Pos{2, 1}},
			{"missing", Pos{2, 1}, Pos{2, 1}},
		},
	},
	{
		name: "keys that are numbers, booleans and dates",
		doc: `1 = "one"
true = "yes"
2024-01-01 = "a bare key, not a date"
x = 1
`,
		want: []posWant{
			{"1", Pos{1, 1}, Pos{1, 5}},
			{"true", Pos{2, 1}, Pos{2, 8}},
			{"2024-01-01", Pos{3, 1}, Pos{3, 14}},
			{"x", Pos{4, 1}, Pos{4, 5}},
		},
	},
	{
		name: "values of every kind before a key",
		doc: `a = 1_000
b = -3.5e2
c = true
d = 1979-05-27T07:32:00Z
e = [true, false]
f = inf
g = 0x1F
owner = "x"
`,
		want: []posWant{
			{"d", Pos{4, 1}, Pos{4, 5}},
			{"g", Pos{7, 1}, Pos{7, 5}},
			{"owner", Pos{8, 1}, Pos{8, 9}},
		},
	},
	{
		name: "empty document",
		doc:  "",
		want: []posWant{{"anything", Pos{1, 1}, Pos{1, 1}}},
	},
}

func TestEdgeCases(t *testing.T) {
	for _, tc := range edgeCases {
		t.Run(tc.name, func(t *testing.T) {
			var m map[string]any
			md, err := toml.Decode(tc.doc, &m)
			if err != nil {
				t.Fatalf("the test document is not TOML: %v", err)
			}
			ix := New([]byte(tc.doc), &md, tc.lineBase)
			for _, w := range tc.want {
				if got := ix.Key(w.path); got != w.key {
					t.Errorf("Key(%q) = %v, want %v", w.path, got, w.key)
				}
				if got := ix.Value(w.path); got != w.value {
					t.Errorf("Value(%q) = %v, want %v", w.path, got, w.value)
				}
			}
		})
	}
}

func TestOffsetPosCRLF(t *testing.T) {
	lf, crlf := []byte("a = [\nb"), []byte("a = [\r\nb")
	if got, want := OffsetPos(crlf, 6, 0), OffsetPos(lf, 5, 0); got != want || got != (Pos{1, 6}) {
		t.Errorf("the end of a CRLF line is at %v, of an LF line at %v; want 1:6", got, want)
	}
	if got := OffsetPos(crlf, 5, 0); got != (Pos{1, 6}) {
		t.Errorf("the \\r of a CRLF line is at %v, want 1:6", got)
	}
	if got := OffsetPos([]byte("a\rb"), 2, 0); got != (Pos{1, 3}) {
		t.Errorf("a lone \\r inside a line is at %v, want 1:3", got)
	}
	if got := OffsetPos(crlf, 7, 0); got != (Pos{2, 1}) {
		t.Errorf("the next line starts at %v", got)
	}
}

func TestOffsetPos(t *testing.T) {
	src := []byte("ab\nñandú = 1\n\n\tx")
	tests := []struct {
		off, lineBase int
		want          Pos
	}{
		{0, 0, Pos{1, 1}},
		{2, 0, Pos{1, 3}}, // the newline itself
		{3, 0, Pos{2, 1}},
		{3 + len("ñandú"), 0, Pos{2, 6}}, // characters, not bytes
		{len("ab\nñandú = 1\n"), 0, Pos{3, 1}},
		{len("ab\nñandú = 1\n\n\t"), 0, Pos{4, 2}}, // a tab is one column
		{-5, 0, Pos{1, 1}},                         // clamped
		{1000, 0, Pos{4, 3}},                       // clamped to the end
		{0, 10, Pos{11, 1}},
	}
	for _, tt := range tests {
		if got := OffsetPos(src, tt.off, tt.lineBase); got != tt.want {
			t.Errorf("OffsetPos(%d, %d) = %v, want %v", tt.off, tt.lineBase, got, tt.want)
		}
	}
}

// TestEveryKeyOfTheExample indexes every entry of the example community
// and checks that each key path's position holds that key, and each
// value's position a value: a table header's "[", or the text after "=".
func TestEveryKeyOfTheExample(t *testing.T) {
	root := filepath.Join("..", "..", "content")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") && !strings.HasSuffix(path, ".toml") {
			return err // a folder, or a photo or document of an entry folder
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text, base := src, 0
		if strings.HasSuffix(path, ".md") {
			parts := bytes.SplitN(src, []byte("+++\n"), 3)
			if len(parts) != 3 {
				t.Errorf("%s: no front matter", path)
				return nil
			}
			text, base = parts[1], 1
		}
		var m map[string]any
		md, err := toml.Decode(string(text), &m)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		ix := New(text, &md, base)
		lines := strings.Split(string(src), "\n")
		counts := map[string]int{}
		for _, key := range md.Keys() {
			path := strings.Join(key, ".")
			if md.Type(key...) == "ArrayHash" {
				path += "." + strconv.Itoa(counts[path])
				counts[strings.Join(key, ".")]++
			} else if len(key) > 1 {
				if c, ok := counts[strings.Join(key[:len(key)-1], ".")]; ok {
					path = strings.Join(key[:len(key)-1], ".") + "." + strconv.Itoa(c-1) + "." + key[len(key)-1]
				}
			}
			n++
			checkAt(t, lines, path, ix.Key(path), key[len(key)-1], md.Type(key...) == "ArrayHash")
			if md.Type(key...) != "ArrayHash" && md.Type(key...) != "Hash" {
				p := ix.Value(path)
				line := []rune(lines[p.Line-1])
				before := strings.TrimSpace(string(line[:p.Col-1]))
				if !strings.HasSuffix(before, "=") {
					t.Errorf("%s: Value(%q) = %v, not after an =: %q", path, path, p, string(line))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 500 {
		t.Errorf("checked only %d keys of the example", n)
	}
}

func checkAt(t *testing.T, lines []string, path string, p Pos, name string, header bool) {
	t.Helper()
	if p.Line < 1 || p.Line > len(lines) {
		t.Errorf("Key(%q) = %v, outside the file", path, p)
		return
	}
	line := []rune(lines[p.Line-1])
	if p.Col < 1 || p.Col > len(line) {
		t.Errorf("Key(%q) = %v, outside line %q", path, p, string(line))
		return
	}
	rest := string(line[p.Col-1:])
	want := name
	if header {
		want = "[[" + name
	}
	if !strings.HasPrefix(rest, want) && !strings.HasPrefix(rest, `"`+name+`"`) {
		t.Errorf("Key(%q) = %v, which holds %q", path, p, rest)
	}
	if !utf8.ValidString(rest) {
		t.Errorf("Key(%q) = %v splits a character", path, p)
	}
}

func TestDottedKeysLocateTheirTables(t *testing.T) {
	doc := `owner.owner = 1
foo.bar = 2
[fields]
title.type = "string"
title.required = true
`
	var m map[string]any
	md, err := toml.Decode(doc, &m)
	if err != nil {
		t.Fatal(err)
	}
	ix := New([]byte(doc), &md, 0)
	for path, want := range map[string]Pos{
		"owner":                 {1, 1},
		"owner.owner":           {1, 7},
		"foo":                   {2, 1},
		"foo.bar":               {2, 5},
		"fields":                {3, 1},
		"fields.title":          {4, 1},
		"fields.title.type":     {4, 7},
		"fields.title.required": {5, 7},
	} {
		if got := ix.Key(path); got != want {
			t.Errorf("Key(%q) = %v, want %v", path, got, want)
		}
	}
	if got := ix.Value("owner.owner"); got != (Pos{1, 15}) {
		t.Errorf("Value(owner.owner) = %v, want 1:15", got)
	}
}
