package translate

import (
	"testing"
	"time"

	"github.com/agora-community/agora/generator/load"
)

func TestOlder(t *testing.T) {
	at := time.Date(2026, 12, 7, 22, 44, 0, 0, time.UTC)
	file := func(d time.Duration) Change { return Change{Date: at.Add(d), FileTime: true} }
	dated := func(d time.Duration) Change { return Change{Date: at.Add(d)} }
	for _, c := range []struct {
		name           string
		own, original  Change
		translationOld bool
	}{
		{"file times a checkout apart, translation first", file(0), file(3 * time.Millisecond), false},
		{"file times seconds apart", file(0), file(9 * time.Second), false},
		{"file times a minute apart", file(0), file(time.Minute), true},
		{"file times, translation later", file(time.Minute), file(0), false},
		{"updated dates a day apart", dated(0), dated(24 * time.Hour), true},
		{"commits a second apart", dated(0), dated(time.Second), true},
		{"a commit and a file's time, a second apart", dated(0), file(time.Second), true},
		{"the same date", dated(0), dated(0), false},
	} {
		if got := older(c.own, c.original); got != c.translationOld {
			t.Errorf("%s: older = %v, want %v", c.name, got, c.translationOld)
		}
	}
}

func TestLastChangeFallsBackToTheFileTime(t *testing.T) {
	mod := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	updated := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	last := LastChange(map[string]Change{"content/a.md": {Date: mod.Add(time.Hour), Author: "Dorj"}})
	if c := last(&load.Entry{File: "content/a.md", ModTime: mod}); c.FileTime || c.Author != "Dorj" {
		t.Errorf("Git's change: %+v", c)
	}
	if c := last(&load.Entry{File: "content/b.md", ModTime: mod, Fields: map[string]any{"updated": updated}}); c.FileTime || !c.Date.Equal(updated) {
		t.Errorf("the updated field: %+v", c)
	}
	if c := last(&load.Entry{File: "content/c.md", ModTime: mod}); !c.FileTime || !c.Date.Equal(mod) {
		t.Errorf("the file's time: %+v", c)
	}
}
