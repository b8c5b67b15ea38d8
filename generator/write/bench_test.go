package write

import (
	"fmt"
	"path/filepath"
	"testing"
)

// benchPage is a page of the size of an entry page.
var benchPage = func() []byte {
	page := make([]byte, 9000)
	for i := range page {
		page[i] = 'a' + byte(i%26)
	}
	return page
}()

// writeSite writes 10,000 pages, each index.html in a folder of its own
// as entry pages are, into out, and swaps them in.
func writeSite(b *testing.B, out string) *Dir {
	d, err := Begin(out, filepath.Join(filepath.Dir(out), "site"))
	if err != nil {
		b.Fatal(err)
	}
	for i := range 10000 {
		if err := d.Put(fmt.Sprintf("members/m%05d/index.html", i), benchPage); err != nil {
			b.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkWrite writes the site into a new output each time. On this
// repository's benchmark machine (ext4 without a journal) creating files
// soon after deleting many is much slower, so compare runs made in the
// same state.
func BenchmarkWrite(b *testing.B) {
	b.SetBytes(int64(len(benchPage)) * 10000)
	b.ReportAllocs()
	dir := b.TempDir()
	n := 0
	for b.Loop() {
		n++
		writeSite(b, filepath.Join(dir, fmt.Sprint("public", n)))
	}
}

// BenchmarkRewriteUnchanged writes the same site over the previous
// output: every file is compared and linked, none written.
func BenchmarkRewriteUnchanged(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	writeSite(b, out)
	b.ReportAllocs()
	for b.Loop() {
		if d := writeSite(b, out); d.Linked != 10000 {
			b.Fatalf("linked %d of 10000", d.Linked)
		}
	}
}
