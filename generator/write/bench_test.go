package write

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkWrite writes a site of 10,000 pages, each index.html in a
// folder of its own as the entry pages are, into a new output, and swaps
// it in. On this repository's benchmark machine (ext4 without a journal)
// creating files soon after deleting many is much slower, so compare runs
// made in the same state.
func BenchmarkWrite(b *testing.B) {
	page := make([]byte, 9000)
	for i := range page {
		page[i] = 'a' + byte(i%26)
	}
	b.SetBytes(int64(len(page)) * 10000)
	b.ReportAllocs()
	dir := b.TempDir()
	n := 0
	for b.Loop() {
		n++
		d, err := Begin(filepath.Join(dir, fmt.Sprint("public", n)), filepath.Join(dir, "site"))
		if err != nil {
			b.Fatal(err)
		}
		for i := range 10000 {
			if err := d.Put(fmt.Sprintf("members/m%05d/index.html", i), page); err != nil {
				b.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRewriteUnchanged writes the same 10,000 pages over the
// previous output: every file is compared and linked, none written.
func BenchmarkRewriteUnchanged(b *testing.B) {
	page := make([]byte, 9000)
	out := filepath.Join(b.TempDir(), "public")
	write := func() *Dir {
		d, err := Begin(out, filepath.Dir(out)+"/site")
		if err != nil {
			b.Fatal(err)
		}
		for i := range 10000 {
			if err := d.Put(fmt.Sprintf("members/m%05d/index.html", i), page); err != nil {
				b.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			b.Fatal(err)
		}
		return d
	}
	write()
	b.ReportAllocs()
	for b.Loop() {
		if d := write(); d.Linked != 10000 {
			b.Fatalf("linked %d of 10000", d.Linked)
		}
	}
}
