package search_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/search"
	"github.com/agora-community/agora/generator/site"
)

// openCorpus opens the benchmark corpus: AGORA_CORPUS=DIR (as written by
// ../shared/bench/mkcorpus.py; bench/search-compare.sh sets it).
func openCorpus(b *testing.B) *site.Project {
	dir := os.Getenv("AGORA_CORPUS")
	if dir == "" {
		b.Skip("set AGORA_CORPUS to a corpus folder")
	}
	p, err := site.Open(context.Background(), site.Options{Source: dir})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	return p
}

func renderer(b *testing.B, p *site.Project) *render.Site {
	r, err := p.Renderer("")
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkIndex10k times what `agora build` spends on search when no
// page has rendered: the search document of every published entry
// (Markdown bodies rendered to text), each indexed as it is made, then the
// index's files.
//
//	AGORA_CORPUS=DIR go test -run '^$' -bench Index10k ./generator/search
func BenchmarkIndex10k(b *testing.B) {
	p := openCorpus(b)
	var idx *search.Index
	var cpu cpuMeter
	for b.Loop() {
		// A renderer indexes each entry once: a new one each time.
		b.StopTimer()
		r := renderer(b, p)
		b.StartTimer()
		cpu.start()
		var err error
		if idx, err = r.SearchIndex(); err != nil {
			b.Fatal(err)
		}
		cpu.stop()
	}
	cpu.report(b)
	b.ReportMetric(float64(len(idx.Stats.Shards)), "shards")
	b.ReportMetric(float64(idx.Stats.Terms), "terms")
	b.ReportMetric(float64(idx.Stats.Postings), "postings")
}

// BenchmarkIndexDocs10k times the index alone: adding the documents of
// every published entry, made beforehand, then writing the files.
func BenchmarkIndexDocs10k(b *testing.B) {
	docs, err := renderer(b, openCorpus(b)).SearchDocuments()
	if err != nil {
		b.Fatal(err)
	}
	var idx *search.Index
	var cpu cpuMeter
	for b.Loop() {
		cpu.start()
		if idx, err = search.Build(docs, search.Options{}); err != nil {
			b.Fatal(err)
		}
		cpu.stop()
	}
	cpu.report(b)
	b.ReportMetric(float64(idx.Stats.Terms), "terms")
	b.ReportMetric(float64(idx.Stats.Postings), "postings")
}

// cpuMeter adds up the process's CPU time over the timed parts of a
// benchmark, reported as cpu-ns/op.
type cpuMeter struct {
	total, since time.Duration
	ok           bool
}

func (m *cpuMeter) start() { m.since, m.ok = processCPU() }

func (m *cpuMeter) stop() {
	now, ok := processCPU()
	m.total += now - m.since
	m.ok = m.ok && ok
}

func (m *cpuMeter) report(b *testing.B) {
	if m.ok {
		b.ReportMetric(float64(m.total.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
