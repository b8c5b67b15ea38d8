package search_test

import (
	"context"
	"os"
	"testing"

	"github.com/agora-community/agora/generator/search"
	"github.com/agora-community/agora/generator/site"
)

// BenchmarkIndex10k times what `agora build` spends on search: the search
// documents of every published entry (Markdown bodies rendered to text),
// then the index. It needs a corpus: AGORA_CORPUS=DIR (as written by
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
		docs, err := r.SearchDocuments()
		if err != nil {
			b.Fatal(err)
		}
		if idx, err = search.Build(docs, search.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(idx.Stats.Shards)), "shards")
	b.ReportMetric(float64(idx.Stats.Postings), "postings")
}
