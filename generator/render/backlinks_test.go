package render_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/agora-community/agora/generator/internal/exampletest"
	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/site"
)

// TestBacklinksExceptLeavesOutOnlyTheNamedGroups: BacklinksExcept, which
// passes over the named groups' edges before grouping, lists exactly the
// groups of Backlinks that it does not name, with the same entries, for
// every entry of the example site and every group named alone or with
// all the others.
func TestBacklinksExceptLeavesOutOnlyTheNamedGroups(t *testing.T) {
	p, err := site.Open(context.Background(), site.Options{Source: exampletest.Copy(t, nil), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := p.Renderer("")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, typeName := range []string{"member", "topic", "module", "minutes", "rule", "charter", "page"} {
		for _, e := range rs.Entries(typeName) {
			all := e.Backlinks()
			var names []string
			for _, g := range all {
				names = append(names, g.Type.Name+"."+g.Field)
			}
			shownSets := [][]string{nil, names, {"no.such", "minutes.attendees"}}
			for _, n := range names {
				shownSets = append(shownSets, []string{n})
			}
			for _, shown := range shownSets {
				var want []render.BacklinkGroup
				for _, g := range all {
					if !slices.Contains(shown, g.Type.Name+"."+g.Field) {
						want = append(want, g)
					}
				}
				got := rs.EntryPage(e).BacklinksExcept(shown...).Groups
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s except %v:\n got %d groups\nwant %d groups", typeName, e.Slug(), shown, len(got), len(want))
				}
				checked += len(all)
			}
		}
	}
	if checked == 0 {
		t.Fatal("the example site has no backlinks to check")
	}
}
