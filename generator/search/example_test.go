package search_test

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/agora-community/agora/generator/search"
	"github.com/agora-community/agora/generator/site"
)

// TestExampleSiteIndexAsReference builds the index of the example site
// (the repository's content/) and the index of the same documents
// analyzed as before the fast paths: the files are the same.
func TestExampleSiteIndexAsReference(t *testing.T) {
	p, err := site.Open(context.Background(), site.Options{Source: "../.."})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	r, err := p.Renderer("")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := r.SearchDocuments()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 10 {
		t.Fatalf("the example site has only %d documents", len(docs))
	}
	for _, opts := range []search.Options{{}, {ShardBytes: 2000, SnippetRunes: 40}} {
		reference := make([]search.Document, len(docs))
		for i, d := range docs {
			if reference[i], err = search.ReferenceCompact(d, opts); err != nil {
				t.Fatal(err)
			}
		}
		got, err := search.Build(docs, opts)
		if err != nil {
			t.Fatal(err)
		}
		want, err := search.Build(reference, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got.Files, want.Files, func(x, y search.File) bool { return x.Path == y.Path && bytes.Equal(x.Data, y.Data) }) {
			t.Errorf("%+v: the example site's index differs from the reference's", opts)
		}
	}
}
