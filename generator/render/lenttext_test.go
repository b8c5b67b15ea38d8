package render_test

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"github.com/agora-community/agora/generator/internal/exampletest"
	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/search"
	"github.com/agora-community/agora/generator/site"
)

// TestLentTextsAreGivenBack: every body text render lends the Markdown
// function while pages render, while the index is built and while
// SearchDocuments makes documents is given back, and the documents SearchDocuments
// returns own their text: rendering every page again, which lends the
// same buffers again, does not change them.
func TestLentTextsAreGivenBack(t *testing.T) {
	p, err := site.Open(context.Background(), site.Options{Source: exampletest.Copy(t, nil), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	renderer := func() *render.Site {
		rs, err := p.Renderer("")
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	checkGivenBack := func(when string) {
		t.Helper()
		if n := render.LentTexts(); n != 0 {
			t.Fatalf("%s: %d body texts lent and not given back", when, n)
		}
	}

	rs := renderer()
	renderAllPages(t, rs)
	checkGivenBack("pages rendered")
	if _, err := rs.SearchIndex(); err != nil {
		t.Fatal(err)
	}
	checkGivenBack("index built after the pages")

	if _, err := renderer().SearchIndex(); err != nil {
		t.Fatal(err)
	}
	checkGivenBack("index built without pages")

	docs, err := renderer().SearchDocuments()
	if err != nil {
		t.Fatal(err)
	}
	checkGivenBack("SearchDocuments")
	snapshot := cloneDocuments(docs)
	renderAllPages(t, renderer())
	if !reflect.DeepEqual(docs, snapshot) {
		t.Fatal("documents from SearchDocuments changed when pages rendered after them")
	}
}

func renderAllPages(t *testing.T, rs *render.Site) {
	t.Helper()
	var buf bytes.Buffer
	for _, job := range rs.Jobs() {
		buf.Reset()
		if err := job.Render(&buf); err != nil {
			t.Fatal(err)
		}
	}
}

// cloneDocuments copies the documents' fields into memory of their own.
func cloneDocuments(docs []search.Document) []search.Document {
	out := make([]search.Document, len(docs))
	for i, d := range docs {
		d.Fields = append([]search.Field(nil), d.Fields...)
		for j := range d.Fields {
			d.Fields[j].Text = string([]byte(d.Fields[j].Text))
		}
		out[i] = d
	}
	return out
}
