//go:build !unix

package load

import "os"

// keepFolders: folders are not kept open here (an open folder cannot be
// renamed on Windows), and files are read through the root.
const keepFolders = false

func openFolder(root *os.Root, parent *folder, p string) (*folder, error) {
	f, err := root.Open(p)
	if err != nil {
		return nil, err
	}
	return &folder{path: p, file: f}, nil
}

// readFile is done by readThroughRoot here.
func (f *folder) readFile(name string, limit int64, into []byte) (b []byte, stamp Stamp, err error, done bool) {
	return nil, Stamp{}, nil, false
}

// readSized is done by readFile's fallback here.
func (f *folder) readSized(name string, size int64, into []byte) (b []byte, ok bool) {
	return nil, false
}
