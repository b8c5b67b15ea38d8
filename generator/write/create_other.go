//go:build !unix

package write

import "os"

// openFolder: files are created by path here.
func openFolder(p string) *os.File { return nil }

// createIn is not used here: openFolder holds no folder open.
func createIn(dir *os.File, rel string, data []byte) error {
	return createByPath(dir.Name()+string(os.PathSeparator)+rel, data)
}

func (d *Dir) linkSame(rel, name string, data []byte) bool { return d.linkSameByPath(rel, name, data) }
