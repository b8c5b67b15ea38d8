package exampletest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/media"
)

// TestCopyStartsWithEarlierImages: a copy's cache holds the whole entries
// an earlier copy's build left, and neither an entry still being written
// nor the earlier copy's index of its own sources.
func TestCopyStartsWithEarlierImages(t *testing.T) {
	var first string
	t.Run("first", func(t *testing.T) {
		first = Copy(t, func(s string) string { return s + "\n# edited\n" })
		if b, err := os.ReadFile(filepath.Join(first, "site.toml")); err != nil || !strings.HasSuffix(string(b), "# edited\n") {
			t.Fatalf("site.toml not edited: %v", err)
		}
		if _, err := os.Stat(filepath.Join(first, "content", "members")); err != nil {
			t.Fatal(err)
		}
		cache := media.DefaultCacheDir(first)
		for name, data := range map[string]string{
			"ab/abcdef/manifest.json":        "whole",
			"ab/abcdef/1-480w.webp":          "image",
			"ab/.tmp-abcdef-1/manifest.json": "being written",
			"sources.json":                   "the first copy's paths",
		} {
			p := filepath.Join(cache, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(data), 0o644)
		}
	})
	second := Copy(t, nil)
	cache := media.DefaultCacheDir(second)
	for name, want := range map[string]string{"ab/abcdef/manifest.json": "whole", "ab/abcdef/1-480w.webp": "image"} {
		if b, err := os.ReadFile(filepath.Join(cache, filepath.FromSlash(name))); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v; want %q", name, b, err, want)
		}
	}
	for _, name := range []string{"ab/.tmp-abcdef-1", "sources.json"} {
		if _, err := os.Stat(filepath.Join(cache, filepath.FromSlash(name))); err == nil {
			t.Errorf("%s was carried into the next copy", name)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(second, "site.toml")); strings.Contains(string(b), "# edited") {
		t.Error("the first copy's edit reached the second")
	}
}
