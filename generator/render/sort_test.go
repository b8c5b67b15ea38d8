package render

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// sortByComparing is how entries were sorted before their keys were made
// once: each comparison lower-cased both texts.
func sortByComparing(entries []*load.Entry, field string, desc bool) {
	compare := func(a, b any) int {
		switch x := a.(type) {
		case string:
			y, _ := b.(string)
			return cmp.Compare(strings.ToLower(x), strings.ToLower(y))
		case time.Time:
			y, _ := b.(time.Time)
			return x.Compare(y)
		case int64:
			y, _ := b.(int64)
			return cmp.Compare(x, y)
		case float64:
			y, _ := b.(float64)
			return cmp.Compare(x, y)
		}
		if b != nil {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(entries, func(a, b *load.Entry) int {
		c := compare(a.Fields[field], b.Fields[field])
		if desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.Slug, b.Slug))
	})
}

// TestSortEntriesMatchesComparing: sorting by keys made once gives the
// order that lower-casing in every comparison gave, for text in any case
// and script, dates, numbers, values of mixed kinds and missing ones.
func TestSortEntriesMatchesComparing(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	texts := []string{"ana", "Ana", "ÁNGEL", "ángel", "Zoë", "zoe", "İstanbul", "istanbul", "Ölgii", "Δέλτα", "δέλτα", "ខ្មែរ", "", "a\xffb", "A\xffB"}
	values := func() any {
		switch rng.IntN(6) {
		case 0:
			return nil
		case 1:
			return time.Date(2020+rng.IntN(3), 1, 1+rng.IntN(3), 0, 0, 0, 0, time.UTC)
		case 2:
			return int64(rng.IntN(5))
		case 3:
			return float64(rng.IntN(5)) / 2
		}
		return texts[rng.IntN(len(texts))]
	}
	for round := range 200 {
		mixed := round%2 == 0 // otherwise text only, as most sort fields are
		var entries []*load.Entry
		for i := range 1 + rng.IntN(30) {
			v := any(texts[rng.IntN(len(texts))])
			if mixed {
				v = values()
			}
			f := map[string]any{}
			if v != nil {
				f["name"] = v
			}
			entries = append(entries, &load.Entry{Slug: fmt.Sprintf("s%02d", rng.IntN(40-i%3)), Fields: f})
		}
		for _, sort := range []string{"name", "-name"} {
			got, want := slices.Clone(entries), slices.Clone(entries)
			sortEntries(got, &schema.Type{Sort: sort, TitleField: "name"})
			field, desc := strings.CutPrefix(sort, "-")
			sortByComparing(want, field, desc)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, sort %q: order differs", round, sort)
			}
		}
	}
}
