package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/agora-community/agora/generator/load"
)

// nearestByScan is how Peers chose before offerers were grouped: one pass
// over every offerer of the topic, by title.
func nearestByScan(all []offerer, slug, region, country string) ([]*Entry, int) {
	var near [3][]*Entry
	total := 0
	for _, o := range all {
		if o.entry.Slug() == slug {
			continue
		}
		total++
		n := 2
		if region != "" && o.region == region {
			n = 0
		} else if country != "" && o.country == country {
			n = 1
		}
		if len(near[n]) < peersShown {
			near[n] = append(near[n], o.entry)
		}
	}
	var shown []*Entry
	for _, g := range near {
		shown = append(shown, g[:min(len(g), peersShown-len(shown))]...)
	}
	return shown, total - len(shown)
}

func TestNearestOfferersMatchAFullScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	regions := []string{"", "Sonora", "Oaxaca", "Gobi", "Kandal"}
	countries := []string{"", "MX", "MN", "KH"}
	for round := range 300 {
		var list []offerer
		for i := range rng.IntN(40) {
			slug := fmt.Sprintf("m%02d", i)
			e := &Entry{e: &load.Entry{Slug: slug}, title: fmt.Sprintf("T%d", rng.IntN(10))}
			list = append(list, offerer{e, regions[rng.IntN(len(regions))], countries[rng.IntN(len(countries))]})
		}
		idx := newOfferIndex(slices.Clone(list))
		for range 10 {
			slug := fmt.Sprintf("m%02d", rng.IntN(45))
			region, country := regions[rng.IntN(len(regions))], countries[rng.IntN(len(countries))]
			// The member's own region and country, when it offers the topic.
			for _, o := range idx.all {
				if o.entry.Slug() == slug {
					region, country = o.region, o.country
				}
			}
			gotShown, gotMore := idx.nearest(slug, region, country)
			wantShown, wantMore := nearestByScan(idx.all, slug, region, country)
			if !slices.Equal(gotShown, wantShown) || gotMore != wantMore {
				t.Fatalf("round %d, %s in %q/%q: got %v +%d, want %v +%d", round, slug, region, country, slugs(gotShown), gotMore, slugs(wantShown), wantMore)
			}
		}
	}
}

func slugs(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Slug())
	}
	return out
}
