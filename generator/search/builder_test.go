package search

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func sameFiles(a, b *Index) bool {
	return slices.EqualFunc(a.Files, b.Files, func(x, y File) bool { return x.Path == y.Path && bytes.Equal(x.Data, y.Data) })
}

// TestBuilderOrderDoesNotMatter adds the fixture's documents from several
// goroutines in reverse order: the files are Build's.
func TestBuilderOrderDoesNotMatter(t *testing.T) {
	docs := groupByType(fixtureDocs(t))
	b := NewBuilder(len(docs), fixtureOptions)
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := len(docs) - 1 - w; i >= 0; i -= 3 {
				if err := b.Add(i, docs[i]); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	idx, err := b.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if !sameFiles(idx, fixtureIndex(t)) {
		t.Error("adding in another order changes the index")
	}
}

// TestCompactIndexesAlike: a compacted document indexes as the document
// itself, and keeps its distinct terms once and no more text than its
// snippet.
func TestCompactIndexesAlike(t *testing.T) {
	docs := fixtureDocs(t)
	compact := make([]Document, len(docs))
	for i, d := range docs {
		compact[i] = Compact(d, fixtureOptions)
		if compact[i].Fields != nil || compact[i].Topics != nil {
			t.Errorf("%s: compacted, it still holds its fields or topics", d.Path)
		}
	}
	if !sameFiles(mustBuild(t, compact), fixtureIndex(t)) {
		t.Error("compacted documents index differently")
	}

	body := strings.Repeat("the mediation of water disputes between neighbours ", 2000)
	d := Compact(Document{Path: "p/", Title: "Long", Type: "page", Fields: []Field{{Text: body, Weight: Low, Snippet: true}}}, Options{})
	if a := d.analysis; len(a.terms) > 60 || len(a.meta) > 1100 {
		t.Errorf("a compacted body of %d bytes keeps %d bytes of terms and %d of result", len(body), len(a.terms), len(a.meta))
	}
}

func TestBuilderRefusesMisuse(t *testing.T) {
	doc := func(typ string) Document {
		return Document{Path: typ + "/", Title: typ, Type: typ, Fields: []Field{{Text: "words", Weight: High}}}
	}
	b := NewBuilder(2, Options{})
	if err := b.Add(2, doc("a")); err == nil {
		t.Error("a number past the documents is accepted")
	}
	if err := b.Add(0, doc("a")); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(0, doc("a")); err == nil {
		t.Error("a document added twice is accepted")
	}
	if _, err := b.Finish(); err == nil || !strings.Contains(err.Error(), "document 1") {
		t.Errorf("Finish with document 1 missing: %v", err)
	}

	b = NewBuilder(3, Options{})
	for i, typ := range []string{"a", "b", "a"} {
		if err := b.Add(i, doc(typ)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Finish(); err == nil {
		t.Error("the documents of a type numbered apart are accepted")
	}

	c := Compact(doc("a"), Options{SnippetRunes: 10})
	if err := NewBuilder(1, Options{}).Add(0, c); err == nil {
		t.Error("a document compacted with other snippets is accepted")
	}
}

// TestSnippetCollapsesOnlyWhatShows: the snippet is the text's words
// joined by single spaces and cut, though only its start is collapsed.
func TestSnippetCollapsesOnlyWhatShows(t *testing.T) {
	want := func(d *Document, limit int) string {
		var parts []string
		size := 0
		for _, f := range d.Fields {
			if t := strings.Join(strings.Fields(f.Text), " "); f.Snippet && t != "" {
				parts = append(parts, t)
				if size += utf8.RuneCountInString(t); size > limit {
					break
				}
			}
		}
		s := strings.Join(parts, " · ")
		if utf8.RuneCountInString(s) <= limit {
			return s
		}
		cut := string([]rune(s)[:limit])
		if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	texts := []string{
		"", "   ", "short", "ten runes!", "eleven rune", "  spaced \t\n out  words  ",
		"mediación\u00a0comunitaria \u2003 y\u0085más", "bad \xff\xfe bytes \xe2\x82 cut", "ការិយាល័យ វេទិកា ដីធ្លី",
		strings.Repeat("word ", 30), strings.Repeat("longerword\t", 30), strings.Repeat("x", 40),
	}
	for _, limit := range []int{1, 5, 10, 11, 12, 40} {
		for _, a := range texts {
			for _, b := range texts {
				d := &Document{Fields: []Field{{Text: a, Snippet: true}, {Text: "not shown", Snippet: false}, {Text: b, Snippet: true}}}
				if got, w := snippet(d, limit), want(d, limit); got != w {
					t.Errorf("snippet of %q, %q at %d = %q; want %q", a, b, limit, got, w)
				}
			}
		}
	}
}

// TestListsMergeAcrossAdders adds the documents through three adders, by
// holding one or two of them while adding: Finish merges the lists of a
// term from every adder, and the files are Build's.
func TestListsMergeAcrossAdders(t *testing.T) {
	docs := groupByType(fixtureDocs(t))
	b := NewBuilder(len(docs), fixtureOptions)
	for i := range docs {
		var held []*adder
		for range i % 3 {
			held = append(held, b.takeAdder())
		}
		if err := b.Add(i, docs[i]); err != nil {
			t.Fatal(err)
		}
		for _, a := range held {
			b.putAdder(a)
		}
	}
	if len(b.adders) != 3 {
		t.Fatalf("%d adders, want 3", len(b.adders))
	}
	idx, err := b.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if !sameFiles(idx, fixtureIndex(t)) {
		t.Error("the lists of three adders merge into another index")
	}
}
