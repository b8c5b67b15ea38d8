package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTerms checks the tokenizer's invariants on any input; its seeds are
// in testdata/fuzz/FuzzTerms (Spanish, Mongolian, Khmer, Thai, mixed and
// broken text). Run longer with: go test -fuzz FuzzTerms ./generator/search
func FuzzTerms(f *testing.F) {
	f.Add("Mediación comunitaria")
	f.Add("កិច្ចប្រជុំនេះបានធ្វើឡើង")
	f.Fuzz(func(t *testing.T, text string) {
		terms := Terms(text)
		for _, term := range terms {
			if term == "" || !utf8.ValidString(term) || strings.ContainsAny(term, " \t\n#\u200b") {
				t.Fatalf("Terms(%q) has the bad term %q", text, term)
			}
		}
		folded := Fold(text)
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", text, folded, again)
		}
		// The text's own words, typed as a query, find the text.
		for _, w := range ParseQuery(text) {
			for i, term := range w.Terms {
				if w.Prefix && i == len(w.Terms)-1 {
					if !slices.ContainsFunc(terms, func(s string) bool { return strings.HasPrefix(s, term) }) {
						t.Fatalf("%q: no term begins with the query's %q (terms %q)", text, term, terms)
					}
				} else if !slices.Contains(terms, term) {
					t.Fatalf("%q: the query's term %q is not indexed (terms %q)", text, term, terms)
				}
			}
		}
	})
}
