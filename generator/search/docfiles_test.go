package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/write"
)

// TestDocNamesAreWritable: result files are named by number, and at
// 100,000 entries base 36 alone would name one aux.js, which Windows
// cannot hold and the writer refuses.
func TestDocNamesAreWritable(t *testing.T) {
	for id := 0; id < 200000; id++ {
		name, _ := DocFile(id, 1)
		if err := write.CheckPath("search/index/d-00000000/" + name + ".js"); err != nil {
			t.Fatalf("id %d: %v", id, err)
		}
	}
}

// TestResultFiles checks the layout of docfiles.go: consecutive documents
// share a file, each at its place, and a reader loads each file once.
func TestResultFiles(t *testing.T) {
	docs := groupByType(fixtureDocs(t))
	opts := fixtureOptions // 4 per file
	idx := mustBuildWith(t, docs, opts)
	r, err := OpenReader(idx.Files)
	if err != nil {
		t.Fatal(err)
	}
	if r.Manifest.PerFile != 4 {
		t.Errorf("the manifest says %d per file", r.Manifest.PerFile)
	}
	var names []string
	for _, f := range idx.Files {
		if strings.HasPrefix(f.Path, Dir+r.Manifest.Docs) {
			names = append(names, strings.TrimPrefix(f.Path, Dir+r.Manifest.Docs))
		}
	}
	if want := "[00.js 01.js 02.js 03.js]"; fmt.Sprint(names) != want {
		t.Errorf("15 documents, 4 per file, are in %v; want %s", names, want)
	}
	for id, d := range docs {
		m, err := r.Doc(id)
		if err != nil {
			t.Fatal(err)
		}
		if m.Path != d.Path || m.Title != d.Title {
			t.Errorf("document %d reads as %q %q; want %q %q", id, m.Title, m.Path, d.Title, d.Path)
		}
	}
	if len(r.Loaded) != 1+4 {
		t.Errorf("reading every result loaded %q; want the manifest and 4 files", r.Loaded)
	}
	if _, err := r.Doc(len(docs)); err == nil {
		t.Error("a document past the last one reads without error")
	}
	// Another layout of the same results must not share the folder, which
	// hosts may cache forever.
	opts.DocsPerFile = 5
	other, err := OpenReader(mustBuildWith(t, docs, opts).Files)
	if err != nil {
		t.Fatal(err)
	}
	if other.Manifest.Docs == r.Manifest.Docs {
		t.Errorf("4 and 5 per file share the folder %s", r.Manifest.Docs)
	}
}

// TestWrapListIsWrap: result files are assembled from each result's
// encoded JSON, byte for byte as wrap would encode the list.
func TestWrapListIsWrap(t *testing.T) {
	var metas [][]byte
	var raws []json.RawMessage
	for _, m := range [][]string{{"<b>Tom & Jerry</b>", "a/", "line\u2028break \xff bad"}, {"", "", ""}, {"Mediación", "m/", `"quoted" \ back`}} {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		metas, raws = append(metas, b), append(raws, b)
	}
	got, err := wrapList("d-1/0<a>", metas)
	if err != nil {
		t.Fatal(err)
	}
	want, err := wrap("d-1/0<a>", raws)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("wrapList:\n%s\nwrap:\n%s", got, want)
	}
}
