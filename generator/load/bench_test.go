package load

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/schema"
)

// The benchmarks read the corpus named by AGORA_CORPUS (a source folder,
// such as bench/mkcorpus makes), or else the repository's own example
// community:
// AGORA_CORPUS=/tmp/agora-bench/corpus-10000 go test -run '^$' -bench . -benchmem ./generator/load
func benchSource(b *testing.B) (*os.Root, *schema.Schema) {
	b.Helper()
	dir := os.Getenv("AGORA_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { root.Close() })
	sch, diags := schema.Load(agora.DefaultSchema, schema.Sub(root.FS(), "schema"))
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	return root, sch
}

// BenchmarkLoad loads every entry of the corpus: the load stage of a build.
func BenchmarkLoad(b *testing.B) {
	root, sch := benchSource(b)
	b.ReportAllocs()
	for b.Loop() {
		c, _, err := Load(context.Background(), root, sch, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Entries) == 0 {
			b.Fatal("no entries")
		}
	}
}

// BenchmarkDecodeEntries decodes the corpus's entry files, read into
// memory beforehand, on one core: decodeEntry alone.
func BenchmarkDecodeEntries(b *testing.B) {
	root, sch := benchSource(b)
	files, folders, _, err := walk(root, sch)
	if err != nil {
		b.Fatal(err)
	}
	defer closeAll(folders)
	srcs := make([][]byte, len(files))
	for i, f := range files {
		src, _, d := readSource(root, f.dir, f.path, DefaultMaxFileSize)
		if d != nil {
			b.Fatal(d)
		}
		srcs[i] = src
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, f := range files {
			if e, diags := decodeEntry(f, "x", srcs[i]); e == nil {
				b.Fatal(diags)
			}
		}
	}
}
