package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// matchDocs are a small site in five languages, each document's
// language set, to hold every kind of match (and what must not match).
var matchDocs = []Document{
	{Path: "survey/", Title: "Member survey", Type: "page", Language: "en", Fields: []Field{{Text: "Member survey", Weight: High}, {Text: "The survey asked about training.", Weight: Low}}},
	{Path: "meditation/", Title: "Meditation retreat", Type: "page", Language: "en", Fields: []Field{{Text: "Meditation retreat", Weight: High}}},
	{Path: "mediation/", Title: "Mediation guide", Type: "page", Language: "en", Fields: []Field{{Text: "Mediation guide", Weight: High}, {Text: "Mediators listen to each party.", Weight: Low}}},
	{Path: "evaluacion/", Title: "Evaluación de talleres", Type: "page", Language: "es", Fields: []Field{{Text: "Evaluación de talleres", Weight: High}}},
	{Path: "reunions/", Title: "Réunions mensuelles", Type: "page", Language: "fr", Fields: []Field{{Text: "Réunions mensuelles", Weight: High}}},
	{Path: "unelgee/", Title: "Сургалтын үнэлгээ", Type: "page", Language: "mn", Fields: []Field{{Text: "Сургалтын үнэлгээ", Weight: High}}},
	{Path: "khmer/", Title: "ការស្ទង់មតិសមាជិក", Type: "page", Language: "km", Fields: []Field{{Text: "ការស្ទង់មតិសមាជិក", Weight: High}}},
	{Path: "category/", Title: "Category list", Type: "page", Language: "en", Fields: []Field{{Text: "Category list", Weight: High}}},
	{Path: "cat/", Title: "Cat shelter", Type: "page", Language: "en", Fields: []Field{{Text: "Cat shelter", Weight: High}}},
	{Path: "report/", Title: "Report 2025", Type: "page", Language: "en", Fields: []Field{{Text: "Report 2025", Weight: High}}},
}

func TestMatchKinds(t *testing.T) {
	r, err := OpenReader(mustBuildWith(t, matchDocs, Options{}).Files)
	if err != nil {
		t.Fatal(err)
	}
	find := func(q string) []string {
		t.Helper()
		res, err := r.Search(q, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range res {
			m, err := r.Doc(x.Doc)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, m.Path)
		}
		return out
	}
	for _, c := range []struct {
		kind, q string
		want    []string // exactly these, in this order
	}{
		{"en plural, stem", "surveys ", []string{"survey/"}},
		{"en plural of a stem that is no term (categori)", "categories ", []string{"category/"}},
		{"en: cat + s is a stem, category is not cat's", "cats ", []string{"cat/"}},
		{"en typo, first letter: one edit, then two", "nediation ", []string{"mediation/", "meditation/"}},
		{"en: an indexed word takes no typo", "meditation ", []string{"meditation/"}},
		{"es plural, stem from the accented word", "evaluaciones ", []string{"evaluacion/"}},
		{"es without accent", "evaluacion ", []string{"evaluacion/"}},
		{"fr singular of a plural", "réunion ", []string{"reunions/"}},
		{"mn case ending, shared prefix", "үнэлгээний ", []string{"unelgee/"}},
		{"km word inside a run", "ស្ទង់មតិ ", []string{"khmer/"}},
		{"km: no typo in cluster terms", "ស្ទង់មតា ", nil},
		{"numbers: no typo", "2026 ", nil},
		{"numbers: exact", "2025 ", []string{"report/"}},
		{"a short unindexed word has no typo or shared prefix", "cot ", nil},
	} {
		if got := find(c.q); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q finds %q, want %q", c.kind, c.q, got, c.want)
		}
	}
	// "mediators" is indexed (the guide's body): it finds the guide,
	// not "meditation", whose title is a typo away from it.
	if got := find("mediators "); !slices.Equal(got, []string{"mediation/"}) {
		t.Errorf("mediators: %q", got)
	}
	for q, want := range map[string]string{"sorvyy": "survey", "survey": "", "ស្ទង់មតា": "", "2026": "", "sorvyy zzzz": "survey zzzz"} {
		if s, err := r.Suggest(q); err != nil || s != want {
			t.Errorf("Suggest(%q) = %q, %v; want %q", q, s, err, want)
		}
	}
}

// TestTypoNeverOutranksAnotherMatch: the best typo scores below the
// weakest exact, stem or prefix match.
func TestTypoNeverOutranksAnotherMatch(t *testing.T) {
	score := func(tier, idf, impact, edits int) int {
		return termScore(match{list: termList{IDF: idf}, tier: tier, edits: edits}, impact)
	}
	for _, tier := range []int{tierPrefix, tierStem, tierExact} {
		if score(tierTypo, levels, levels, 1) >= score(tier, 1, 1, 0) {
			t.Errorf("a typo at full weight scores %d, a tier %d match at the least %d", score(tierTypo, levels, levels, 1), tier, score(tier, 1, 1, 0))
		}
	}
	if !(score(tierExact, 20, 20, 0) > score(tierStem, 20, 20, 0) && score(tierStem, 20, 20, 0) > score(tierPrefix, 20, 20, 0)) {
		t.Error("with the same weight, exact > stem > prefix")
	}
	if score(tierTypo, 20, 20, 1) <= score(tierTypo, 20, 20, 2) {
		t.Error("with the same weight, one edit > two")
	}
}

// referenceEditDistance is the optimal string alignment distance,
// computed in full.
func referenceEditDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// FuzzEditDistance holds editDistance, which stops past its limit, to the
// full computation. Run longer with:
// go test -fuzz FuzzEditDistance ./generator/search
func FuzzEditDistance(f *testing.F) {
	f.Add("facilitaton", "facilitation", 2)
	f.Add("abcdef", "badcfe", 3)
	f.Add("үнэлгээ", "үнэлгэ", 1)
	f.Add("ca", "abc", 1)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		a, b := make([]rune, rng.IntN(8)), make([]rune, rng.IntN(8))
		for i := range a {
			a[i] = 'a' + rune(rng.IntN(3))
		}
		for i := range b {
			b[i] = 'a' + rune(rng.IntN(3))
		}
		f.Add(string(a), string(b), rng.IntN(4))
	}
	f.Fuzz(func(t *testing.T, a, b string, limit int) {
		if limit < 0 || limit > 4 || len(a) > 64 || len(b) > 64 {
			return
		}
		ra, rb := []rune(a), []rune(b)
		want := min(referenceEditDistance(ra, rb), limit+1)
		if got := editDistance(ra, rb, limit); got != want {
			t.Fatalf("editDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	})
}
