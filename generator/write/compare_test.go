package write

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestLargeFilesCompared: files around and beyond the size of the
// comparison buffer are linked when every byte is the same, and written
// when only their first or last byte differs; relative to the folders
// held open and by path.
func TestLargeFilesCompared(t *testing.T) {
	const buf = 64 << 10
	files := map[string][]byte{}
	for _, size := range []int{buf - 1, buf, buf + 1, 3*buf + 5} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(i * 7)
		}
		files[fmt.Sprintf("same-%d.bin", size)] = data
		files[fmt.Sprintf("first-%d.bin", size)] = data
		files[fmt.Sprintf("last-%d.bin", size)] = data
	}
	for _, byPath := range []bool{false, true} {
		t.Run(fmt.Sprintf("byPath=%v", byPath), func(t *testing.T) {
			src, out := workspace(t)
			old := map[string]string{}
			for name, data := range files {
				old[name] = string(data)
			}
			build(t, out, src, old)
			d, err := Begin(out, src)
			if err != nil {
				t.Fatal(err)
			}
			if byPath {
				d.closeFolders()
			}
			changed := 0
			for name, data := range files {
				data = append([]byte(nil), data...)
				switch name[:4] {
				case "firs":
					data[0]++
					changed++
				case "last":
					data[len(data)-1]++
					changed++
				}
				if err := d.Put(name, data); err != nil {
					t.Fatal(err)
				}
				if got, _ := os.ReadFile(filepath.Join(d.Staging(), name)); string(got) != string(data) {
					t.Errorf("%s: staged bytes differ from those put", name)
				}
			}
			if want := len(files) - changed; d.Linked != want {
				t.Errorf("linked %d files, want %d", d.Linked, want)
			}
			d.Abort()
		})
	}
}
