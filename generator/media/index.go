package media

import (
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// sourceIndex remembers the hash of each source file by its path, size,
// modification time and inode, so that an unchanged photo is not read
// again to find its cache entry (a thousand phone photos are gigabytes).
// It is a hint: a stale or lost index costs a read, never a wrong copy,
// as long as a change shows in size, time or inode.
type sourceIndex struct {
	path    string
	mu      sync.Mutex
	entries map[string]indexEntry
	changed bool
}

type indexEntry struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"`
	Inode   uint64 `json:"inode,omitempty"`
	Sum     string `json:"sha256"`
}

const indexName = "sources.json"

// racyWindow: a file modified this close to its hashing may change again
// without its time changing, so its hash is not recorded.
const racyWindow = 2 * time.Second

func (c *Cache) loadIndex() *sourceIndex {
	idx := &sourceIndex{path: filepath.Join(c.dir, indexName), entries: map[string]indexEntry{}}
	if raw, err := os.ReadFile(idx.path); err == nil {
		json.Unmarshal(raw, &idx.entries) // a damaged index is an empty one
	}
	return idx
}

func entryOf(st fs.FileInfo) indexEntry {
	return indexEntry{Size: st.Size(), ModTime: st.ModTime().UnixNano(), Inode: inode(st)}
}

func (idx *sourceIndex) lookup(path string, st fs.FileInfo) (sum [32]byte, ok bool) {
	if idx == nil {
		return sum, false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return sum, false
	}
	idx.mu.Lock()
	e, found := idx.entries[abs]
	idx.mu.Unlock()
	want := entryOf(st)
	if !found || e.Size != want.Size || e.ModTime != want.ModTime || e.Inode != want.Inode {
		return sum, false
	}
	b, err := hex.DecodeString(e.Sum)
	if err != nil || len(b) != 32 {
		return sum, false
	}
	return [32]byte(b), true
}

func (idx *sourceIndex) record(path string, st fs.FileInfo, sum [32]byte) {
	if idx == nil || time.Since(st.ModTime()) < racyWindow {
		return
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return
	}
	e := entryOf(st)
	e.Sum = hex.EncodeToString(sum[:])
	idx.mu.Lock()
	idx.entries[abs] = e
	idx.changed = true
	idx.mu.Unlock()
}

// save writes the index when it changed, through a temporary file and a
// rename: a concurrent build's index may be replaced, which costs reads.
func (idx *sourceIndex) save() {
	if !idx.changed {
		return
	}
	raw, err := json.Marshal(idx.entries)
	if err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(idx.path), ".sources-*.json")
	if err != nil {
		return
	}
	_, werr := tmp.Write(raw)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), idx.path) != nil {
		os.Remove(tmp.Name())
	}
}
