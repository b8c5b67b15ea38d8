//go:build !unix || aix || solaris

package write

import "os"

// openFolder: files are created by path here.
func openFolder(p string) *os.File { return nil }

// createIn is not used here: openFolder holds no folder open.
func createIn(dir *os.File, rel string, data []byte) error {
	return createByPath(dir.Name()+string(os.PathSeparator)+rel, data)
}

// mkdirIn is not used here either.
func mkdirIn(dir *os.File, rel string) error {
	return os.Mkdir(dir.Name()+string(os.PathSeparator)+rel, 0o755)
}

func (d *Dir) linkSame(rel, name string, data []byte) bool { return d.linkSameByPath(rel, name, data) }
