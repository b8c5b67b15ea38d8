package search

import (
	"fmt"
	"strings"
	"testing"
)

// multilingualDocs makes documents of the multilingual texts: titles,
// bodies and other fields in every script, with topics.
func multilingualDocs(t testing.TB) []Document {
	texts := multilingualTexts(t)
	var docs []Document
	for i := 0; i+3 < len(texts); i += 3 {
		d := Document{
			Path: fmt.Sprintf("d/%d/", i), Title: texts[i], Type: []string{"page", "minute"}[i%2],
			// Languages with stemmers that read accents, and without.
			Language: []string{"es", "fr", "ru", "en", "mn", "de", ""}[i/3%7],
			Fields: []Field{
				{Text: texts[i], Weight: High},
				{Text: texts[i+1], Weight: Medium, Snippet: i%4 == 0},
				{Text: texts[i+2] + "\n" + texts[i+3], Weight: Low, Snippet: true},
			},
		}
		if i%5 == 0 {
			d.Topics = []string{"land", "", "water", "land"}
		}
		docs = append(docs, d)
	}
	// Long documents: every text at once, and thousands of distinct
	// words, capitalized or not.
	var words strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&words, "Word%d word%d WORD%d ", i, i/2, i/3)
	}
	docs = append(docs,
		Document{Path: "all/", Title: "All", Type: "page", Fields: []Field{{Text: strings.Join(texts, " "), Weight: Low, Snippet: true}}},
		Document{Path: "words/", Title: "Words", Type: "page", Fields: []Field{{Text: words.String(), Weight: Medium}}})
	return docs
}

// TestIndexAsReference: the index files are those of the analysis as it
// was before the fast paths (reference_test.go), for the fixture corpus
// and the multilingual texts, with snippets of several lengths.
func TestIndexAsReference(t *testing.T) {
	sets := map[string][]Document{"fixture": fixtureDocs(t), "multilingual": multilingualDocs(t)}
	for name, docs := range sets {
		for _, opts := range []Options{fixtureOptions, {}, {SnippetRunes: 9, ShardBytes: 1000}} {
			reference := make([]Document, len(docs))
			for i, d := range docs {
				var err error
				if reference[i], err = referenceCompact(d, opts); err != nil {
					t.Fatal(err)
				}
			}
			if !sameFiles(mustBuildWith(t, docs, opts), mustBuildWith(t, reference, opts)) {
				t.Errorf("%s, %+v: the index differs from the reference's", name, opts)
			}
		}
	}
}

func TestSnippetAsReference(t *testing.T) {
	docs := append(fixtureDocs(t), multilingualDocs(t)...)
	for _, d := range docs {
		for _, limit := range []int{1, 2, 5, 20, 160, 1000} {
			if got, want := snippet(&d, limit), referenceSnippet(&d, limit); got != want {
				t.Errorf("%s, %d runes: snippet\n %q, reference\n %q", d.Path, limit, got, want)
			}
		}
	}
}

// FuzzSnippet holds snippet to the reference: fields are the text cut at
// '|', those starting with '-' not for snippets. Run longer with:
// go test -fuzz FuzzSnippet ./generator/search
func FuzzSnippet(f *testing.F) {
	f.Add("Mediación  comunitaria\t|-code|  el año \u00a0 pasado  ", uint8(12))
	f.Add("a b|c\u2003d|\xe2\x82 \xff|x", uint8(3))
	f.Add("word  ", uint8(4))
	f.Fuzz(func(t *testing.T, text string, limit uint8) {
		var d Document
		for _, part := range strings.Split(text, "|") {
			text, notSnippet := strings.CutPrefix(part, "-")
			d.Fields = append(d.Fields, Field{Text: text, Weight: Low, Snippet: !notSnippet})
		}
		n := int(limit%64) + 1
		if got, want := snippet(&d, n), referenceSnippet(&d, n); got != want {
			t.Fatalf("%q, %d runes: snippet %q, reference %q", text, n, got, want)
		}
	})
}

// FuzzSpelledIndex holds the spellings the fast paths note for the
// stemmers (countSpelled, and Compact's analysis) to the reference
// analysis: the index of any text, in any language, is the reference's,
// added whole or compacted.
func FuzzSpelledIndex(f *testing.F) {
	for i, s := range variedTexts {
		f.Add(s, []string{"es", "fr", "ru", "de"}[i%4])
	}
	f.Add("Новый год, новая жизнь; НОВЫЙ", "ru")
	f.Add("Évaluation des ateliers évalués, évaluation", "fr")
	f.Add("la Evaluación; evaluacion, EVALUACIÓN", "es-MX")
	f.Fuzz(func(t *testing.T, text, lang string) {
		d := Document{Path: "d/", Title: "t", Type: "page", Language: lang, Fields: []Field{
			{Text: text, Weight: Low, Snippet: true}, {Text: strings.ToUpper(text), Weight: High},
		}}
		ref, err := referenceCompact(d, Options{})
		if err != nil {
			return
		}
		want := mustBuildWith(t, []Document{ref}, Options{})
		if got := mustBuildWith(t, []Document{d}, Options{}); !sameFiles(got, want) {
			t.Fatalf("%q in %q: the index differs from the reference's", text, lang)
		}
		if got := mustBuildWith(t, []Document{Compact(d, Options{})}, Options{}); !sameFiles(got, want) {
			t.Fatalf("%q in %q: the compacted document's index differs from the reference's", text, lang)
		}
	})
}
