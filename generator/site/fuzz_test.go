package site_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/site"
)

// FuzzCheck feeds any bytes to check as a Markdown entry and as a TOML
// entry, and as a schema file: check must never panic, and every
// diagnostic must name a file and a position inside it. Without -fuzz it
// runs the seeds below; with it, for example
//
//	go test ./generator/site -run '^$' -fuzz FuzzCheck -fuzztime 1m
func FuzzCheck(f *testing.F) {
	for _, seed := range []string{
		"",
		"+++\nname = \"A\"\nkind = \"individual\"\n+++\nBody\n",
		"+++\r\nname = \"A\"\r\nkind = \"x\"\r\n+++\r\n",
		"\ufeff+++\nname = \"A\"\n+++\n",
		"+++\nname = \"A\"\n",
		"name = \"A\"\nkind = \"individual\"\n",
		"+++\nname = \"Caf\xe9\"\n+++\n",
		"\x7fELF\x00\x00",
		"+++\n[[offers]]\nx = 1\n+++\n",
		"+++\noffers = [\"a\", 1, [2], {b = 3}]\nname.first = \"x\"\n+++\n",
		"+++\n\"name\" = \"\"\"\n+++\n\"\"\"\nkind = 'individual'\n+++\n",
		"+++\nname = \"A\" # \u2028\n\tkind\t=\t\"individual\"\n+++\n",
		"+++\na.b.c = 1\n[a]\n+++\n",
		"+++\nname = 1979-05-27T07:32:00Z\njoined = 10:00:00\n+++\n",
		"+++\nname = \"\\uD800\"\n+++\n",
		"title = \"T\"\n[fields.x]\ntype = \"list\"\n",
		"[fields.x]\ntype = \"list\"\nof = \"object\"\n[[fields.x.fields]]\n",
		"[fields.x]\ntype = \"date\"\noverdue_if = { status = 1 }\nnot_before = \"x\"\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, layout := range []map[string][]byte{
			{"content/members/x.md": data, "content/minutes/m.toml": []byte("title = \"M\"\ndate = 2024-01-01\nrapporteur = \"x\"\n")},
			{"content/members/x.toml": data, "content/topics/t.toml": []byte("name = \"T\"\naliases = [\"x\"]\n")},
			{"schema/event.toml": data, "content/members/x.toml": []byte("name = \"A\"\nkind = \"individual\"\n")},
			{"site.toml": data},
		} {
			checkAny(t, layout)
		}
	})
}

func checkAny(t *testing.T, files map[string][]byte) {
	dir := t.TempDir()
	if _, ok := files["site.toml"]; !ok {
		files["site.toml"] = []byte(defaultSite)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := site.Open(context.Background(), site.Options{Source: dir})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer p.Close()
	for _, d := range p.Diags {
		if d.File == "" || d.Code == "" || d.Message == "" || d.Pending {
			t.Errorf("incomplete diagnostic %+v", d)
			continue
		}
		src, ok := files[d.File]
		if !ok {
			if strings.HasPrefix(d.File, "schema/") || d.File == "content/" {
				continue // a default schema file, or the missing content folder
			}
			t.Errorf("diagnostic about a file that is not there: %+v", d)
			continue
		}
		if d.Line == 0 {
			continue
		}
		src = bytes.TrimPrefix(src, []byte("\ufeff"))
		lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
		if d.Line < 1 || d.Line > len(lines) {
			t.Errorf("%s:%d:%d: line outside the file's %d lines: %s", d.File, d.Line, d.Col, len(lines), d.Message)
			continue
		}
		if n := utf8.RuneCountInString(lines[d.Line-1]); d.Col < 1 || d.Col > n+1 {
			t.Errorf("%s:%d:%d: column outside the line's %d characters (%q): %s", d.File, d.Line, d.Col, n, lines[d.Line-1], d.Message)
		}
	}
	for _, format := range diag.Formats {
		if err := (diag.Printer{Format: format, ReadFile: p.Root.ReadFile}).Print(io.Discard, p.Diags); err != nil {
			t.Errorf("%s: %v", format, err)
		}
	}
}
