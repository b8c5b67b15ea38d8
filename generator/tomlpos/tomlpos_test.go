package tomlpos

import (
	"testing"

	"github.com/BurntSushi/toml"
)

const doc = `title = "x" # title = "no"
notes = """
owner = "inside a string"
"""
"quoted key" = 1
a.b = 2
offers = ["one", 'two',
  "three"] # trailing
inline = {p = 1, q = [1, 2]}
[[actions]]
task = "a"
owner = "ana"
[[actions]]
task = "b"
  owner = "ben"
[actions.sub]
z = 1
[[materials]]
title = "slides"
`

func TestPositions(t *testing.T) {
	var m map[string]any
	md, err := toml.Decode(doc, &m)
	if err != nil {
		t.Fatal(err)
	}
	ix := New([]byte(doc), &md, 1) // as in front matter after a "+++" line
	tests := []struct {
		path     string
		key, val Pos
	}{
		{"title", Pos{2, 1}, Pos{2, 9}},
		{"notes", Pos{3, 1}, Pos{3, 9}},
		{"quoted key", Pos{6, 1}, Pos{6, 16}},
		{"a.b", Pos{7, 3}, Pos{7, 7}},
		{"offers", Pos{8, 1}, Pos{8, 10}},
		{"offers.1", Pos{8, 18}, Pos{8, 18}},
		{"offers.2", Pos{9, 3}, Pos{9, 3}},
		{"inline.q", Pos{10, 18}, Pos{10, 22}},
		{"actions.0", Pos{11, 1}, Pos{11, 1}},
		{"actions.0.owner", Pos{13, 1}, Pos{13, 9}},
		{"actions.1.owner", Pos{16, 3}, Pos{16, 11}},
		{"actions.1.sub.z", Pos{18, 1}, Pos{18, 5}},
		{"materials.0.title", Pos{20, 1}, Pos{20, 9}},
		{"actions.1.missing", Pos{14, 1}, Pos{14, 1}},
		{"nowhere", Pos{2, 1}, Pos{2, 1}},
	}
	for _, tt := range tests {
		if got := ix.Key(tt.path); got != tt.key {
			t.Errorf("Key(%q) = %v, want %v", tt.path, got, tt.key)
		}
		if got := ix.Value(tt.path); got != tt.val {
			t.Errorf("Value(%q) = %v, want %v", tt.path, got, tt.val)
		}
	}
}

func TestOffsetCountsCharacters(t *testing.T) {
	src := []byte("a = 1\nnombre = \"Ñandú\" x\n")
	if got := OffsetPos(src, len("a = 1\nnombre = \"Ñandú\" "), 0); got != (Pos{2, 18}) {
		t.Errorf("got %v, want 2:18", got)
	}
}
