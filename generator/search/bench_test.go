package search_test

import (
	"context"
	"os"
	"testing"

	"github.com/agora-community/agora/generator/search"
	"github.com/agora-community/agora/generator/site"
)

// BenchmarkIndex10k times what `agora build` spends on search when no
// page has rendered: the search document of every published entry
// (Markdown bodies rendered to text), each indexed as it is made, then the
// index's files. It needs a corpus: AGORA_CORPUS=DIR (as written by
// ../shared/bench/mkcorpus.py; bench/search-compare.sh sets it).
//
//	AGORA_CORPUS=DIR go test -run '^$' -bench Index10k ./generator/search
func BenchmarkIndex10k(b *testing.B) {
	dir := os.Getenv("AGORA_CORPUS")
	if dir == "" {
		b.Skip("set AGORA_CORPUS to a corpus folder")
	}
	p, err := site.Open(context.Background(), site.Options{Source: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	r, err := p.Renderer("")
	if err != nil {
		b.Fatal(err)
	}
	var idx *search.Index
	for b.Loop() {
		if idx, err = r.SearchIndex(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(idx.Stats.Shards)), "shards")
	b.ReportMetric(float64(idx.Stats.Postings), "postings")
}
