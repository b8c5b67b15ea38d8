package tomlpos

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// FuzzIndex indexes any TOML document the decoder accepts: every key path
// must be placed inside the document, at a key or a table header, and
// never panic. Run with go test ./generator/tomlpos -fuzz FuzzIndex.
func FuzzIndex(f *testing.F) {
	f.Add(doc)
	for _, tc := range edgeCases {
		f.Add(tc.doc)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var m map[string]any
		md, err := toml.Decode(src, &m)
		if err != nil || !utf8.ValidString(src) {
			return
		}
		ix := New([]byte(src), &md, 0)
		lines := strings.Split(src, "\n")
		for _, key := range md.Keys() {
			path := strings.Join(key, ".")
			name := key[len(key)-1]
			if p := ix.Key(path); bare(name) && !strings.Contains(path, "..") {
				line := []rune(lines[p.Line-1])
				rest := string(line[min(p.Col-1, len(line)):])
				if !strings.HasPrefix(rest, name) && !strings.HasPrefix(rest, "[") && !strings.HasPrefix(rest, `"`+name) && !strings.HasPrefix(rest, "'"+name) {
					t.Fatalf("Key(%q) = %v, which holds %q", path, p, rest)
				}
			}
			for _, p := range []Pos{ix.Key(path), ix.Value(path), ix.Key(path + ".0"), ix.Value(path + ".1.x")} {
				if p.Line < 1 || p.Line > len(lines) || p.Col < 1 || p.Col > utf8.RuneCountInString(lines[p.Line-1])+1 {
					t.Fatalf("%q: position %v outside the document", path, p)
				}
			}
		}
	})
}

func bare(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isBare(name[i]) {
			return false
		}
	}
	return true
}
