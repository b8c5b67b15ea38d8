// Package exampletest copies the example community (content/ and
// site.toml at the repository's root) for the tests that change it or
// build it in a folder of their own.
//
// A copy starts with the images that earlier copies in the same test
// process made, in its image cache (.agora-cache): each build of a new
// copy encoded the example's photos again, and WebP encoding, which runs
// in WebAssembly and sets up its memory anew for each image, was most of
// the time of the tests that build copies (TestCompiledLanguagesBasePathsDrafts:
// 16 s, two thirds of it making images). The cache is keyed by each
// image's bytes and settings, so a copy whose photos or settings a test
// changes makes the images it needs, as a community's build would.
package exampletest

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/agora-community/agora/generator/media"
)

// Root is the repository's root folder, which holds the example.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// Copy copies the example into a new temporary folder of tb, its
// site.toml passed through edit unless edit is nil, and returns the
// folder.
func Copy(tb testing.TB, edit func(siteTOML string) string) string {
	tb.Helper()
	root, dst := Root(), tb.TempDir()
	if err := os.CopyFS(filepath.Join(dst, "content"), os.DirFS(filepath.Join(root, "content"))); err != nil {
		tb.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "site.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	toml := string(b)
	if edit != nil {
		toml = edit(toml)
	}
	if err := os.WriteFile(filepath.Join(dst, "site.toml"), []byte(toml), 0o644); err != nil {
		tb.Fatal(err)
	}
	cache := media.DefaultCacheDir(dst)
	if err := made.writeTo(cache); err != nil {
		tb.Fatal(err)
	}
	// Cleanups run last first: this one before the folder is removed.
	tb.Cleanup(func() { made.readFrom(cache) })
	return dst
}

// made holds the files of the image caches of the copies made so far,
// by path inside the cache: whole entries only, never one being written.
var made = &images{files: map[string][]byte{}}

type images struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (im *images) writeTo(dir string) error {
	im.mu.Lock()
	defer im.mu.Unlock()
	for name, data := range im.files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// readFrom keeps the files of dir's whole entries, which lie in folders
// named by their keys' first two letters. An entry is written under a
// name starting with ".tmp-" and renamed into place (media.Cache), so
// what lies under any other name is whole. Files beside the folders (the
// index of the copy's own sources, by path and inode) are not kept.
func (im *images) readFrom(dir string) {
	im.mu.Lock()
	defer im.mu.Unlock()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".tmp-") {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return nil
		}
		name := filepath.ToSlash(rel)
		if !strings.Contains(name, "/") {
			return nil
		}
		if _, ok := im.files[name]; ok {
			return nil
		}
		if data, err := os.ReadFile(p); err == nil {
			im.files[name] = data
		}
		return nil
	})
}
