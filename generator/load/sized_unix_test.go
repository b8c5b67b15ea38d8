//go:build unix

package load

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadSized: a file is read in one go only while it holds exactly the
// bytes it held when loaded; a file that grew or shrank, a link, a named
// pipe, a folder or a file gone is left to readFile.
func TestReadSized(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("same.md", "0123456789")
	write("grew.md", "0123456789+")
	write("shrank.md", "012345678")
	if err := os.Symlink("same.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatalf("named pipes are needed for this test: %v", err)
	}
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	folder := &folder{path: dir, file: f}
	into := make([]byte, 0, 64)
	if b, ok := folder.readSized("same.md", 10, into); !ok || string(b) != "0123456789" || &b[0] != &into[:1][0] {
		t.Errorf("same size: %q, %v (read into the buffer given: want yes)", b, ok)
	}
	if b, ok := folder.readSized("same.md", 10, nil); !ok || string(b) != "0123456789" {
		t.Errorf("same size, no buffer: %q, %v", b, ok)
	}
	for _, name := range []string{"grew.md", "shrank.md", "link.md", "folder.md", "pipe.md", "gone.md"} {
		if b, ok := folder.readSized(name, 10, into); ok {
			t.Errorf("%s: read %q as if unchanged", name, b)
		}
	}
}
