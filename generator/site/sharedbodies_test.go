package site

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/agora-community/agora/generator/internal/exampletest"
)

// The example's languages take the untranslated bodies of the default
// language instead of rendering them again, and every file of every
// language is the same as when each renders its own: translations keep
// their own bodies, and bodies that link files of their entry folder
// keep their links out of each language's folder.
func TestSharedBodiesChangeNothing(t *testing.T) {
	build := func(limit int) (map[string][]byte, int) {
		defer func(was int) { sharedBodiesLimit = was }(sharedBodiesLimit)
		sharedBodiesLimit = limit
		p, err := Open(context.Background(), Options{Source: exampletest.Root(), Today: today})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		files, err := p.BuildMemory(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		return files, p.sharedBodies
	}
	shared, found := build(64 << 20)
	own, none := build(0)
	if n := len(exampleLanguages) - 1; found < 20*n {
		t.Errorf("the other languages took %d bodies from the default language's pages; want at least %d", found, 20*n)
	}
	if none != 0 {
		t.Errorf("with no room, %d bodies were shared", none)
	}
	if !slices.Equal(slices.Sorted(maps.Keys(shared)), slices.Sorted(maps.Keys(own))) {
		t.Fatalf("the two builds wrote different files")
	}
	for name, b := range own {
		if string(shared[name]) != string(b) {
			t.Errorf("%s differs when bodies are shared", name)
		}
	}
}
