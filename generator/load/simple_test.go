package load

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"testing"
)

// TestDecodeSimpleTakesExampleContent: the front matter of the example
// community, written by hand, is in the shape decodeSimple decodes (else
// the build pays the library's price for it) and decodes as the library
// decodes it.
func TestDecodeSimpleTakesExampleContent(t *testing.T) {
	content := os.DirFS("../../content")
	n := 0
	err := fs.WalkDir(content, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" && path.Ext(p) != ".toml" {
			return err
		}
		src, err := fs.ReadFile(content, p)
		if err != nil {
			return err
		}
		text := bytes.TrimPrefix(src, bom)
		if path.Ext(p) == ".md" {
			fm, serr := splitFrontMatter(text)
			if serr != nil {
				t.Fatalf("%s: %s", p, serr.message)
			}
			text = fm.toml
		}
		want, err := decodeLibrary(text)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		got, ok := decodeSimple(text)
		if !ok {
			t.Errorf("%s: not decoded by decodeSimple", p)
		} else if !sameTOML(got, want) {
			t.Errorf("%s: decodeSimple\n%#v\nlibrary\n%#v", p, got, want)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("only %d entries in the example content", n)
	}
}
