package site

import (
	"context"
	"testing"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/internal/exampletest"
)

// TestPlaceWarningsLater: with PlaceWarningsLater, Open places the errors
// and leaves the warnings pending; Place then finds the positions a
// whole placing finds.
func TestPlaceWarningsLater(t *testing.T) {
	dir := exampletest.Copy(t, nil)
	rewrite(`name = "Facilitation"`, "name = \"Facilitation\"\nnmae = 1", "content/topics/facilitation.md")(dir)
	rewrite("+++\n", "+++\nkind = \"none\"\n", "content/members/red-mujeres-sonora.md")(dir)
	open := func(later bool) *Project {
		p, err := Open(context.Background(), Options{Source: dir, Today: sessionToday, PlaceWarningsLater: later})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.Close() })
		return p
	}
	eager, lazy := open(false), open(true)
	if errs, warns := eager.Diags.Count(); errs < 2 || warns < 2 {
		t.Fatalf("%d errors, %d warnings; the test wants some of each", errs, warns)
	}
	if got, want := formatDiags(errorsOf(lazy.Diags)), formatDiags(errorsOf(eager.Diags)); got != want {
		t.Errorf("errors placed later:\n%s\nwant\n%s", got, want)
	}
	for _, d := range lazy.Diags {
		// A warning about a whole file (a stale translation) has no key: nothing to place.
		if d.Severity == diag.Warning && d.Key != "" && (!d.Pending || d.Line != 0) {
			t.Errorf("a warning was placed: %+v", d)
		}
	}
	lazy.Place(lazy.Diags)
	lazy.Diags.Sort()
	if got, want := formatDiags(lazy.Diags), formatDiags(eager.Diags); got != want {
		t.Errorf("placed later:\n%s\nwant\n%s", got, want)
	}
}
