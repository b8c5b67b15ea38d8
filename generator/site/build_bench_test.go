package site_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/agora-community/agora/generator/site"
)

// BenchmarkRender renders every page and the search index of the 10,000
// entry corpus into memory: the render and search stages without the disk.
func BenchmarkRender(b *testing.B) {
	p := openCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		files, err := p.BuildMemory(context.Background(), "")
		if err != nil {
			b.Fatal(err)
		}
		if len(files) < 10000 {
			b.Fatalf("only %d files", len(files))
		}
	}
}

// BenchmarkBuild is a whole build of the corpus after checking: render,
// search, and the atomic write of the output folder.
func BenchmarkBuild(b *testing.B) {
	p := openCorpus(b)
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Build(context.Background(), site.BuildOptions{Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

func openCorpus(b *testing.B) *site.Project {
	b.Helper()
	p, err := site.Open(context.Background(), site.Options{Source: corpusDir(b), Today: benchToday})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	mustBeClean(b, "check", p.Diags)
	return p
}
