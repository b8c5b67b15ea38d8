package serve

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/internal/exampletest"
	"github.com/agora-community/agora/generator/site"
)

func cachedNames(c *pageCache) []string {
	var names []string
	c.eachOldestFirst(func(name string, _ []byte) { names = append(names, name) })
	return names
}

func TestPageCacheDropsLeastRecentlyServed(t *testing.T) {
	c := newPageCache(10)
	c.put("a", []byte("aaaa"))
	c.put("b", []byte("bbb"))
	c.put("c", []byte("cc"))
	if _, ok := c.get("a"); !ok { // a is now the most recently served
		t.Fatal("a was dropped while the cache was within its limit")
	}
	c.put("d", []byte("ddd")) // 12 bytes: b, the least recently served, goes
	if got, want := cachedNames(c), []string{"c", "a", "d"}; !slices.Equal(got, want) {
		t.Fatalf("kept %v, oldest first; want %v", got, want)
	}
	if c.size != 9 {
		t.Fatalf("size %d, want 9", c.size)
	}
	if c.has("b") {
		t.Fatal("b is still kept")
	}
	c.put("c", []byte("cccccc")) // replaced: 4+3+6 = 13, so a goes
	if got, want := cachedNames(c), []string{"d", "c"}; !slices.Equal(got, want) || c.size != 9 {
		t.Fatalf("kept %v (%d bytes), want %v (9)", got, c.size, want)
	}
	c.put("huge", []byte("0123456789a"))
	if c.has("huge") || c.size != 9 {
		t.Fatalf("a page larger than the limit was kept, or dropped others (%v)", cachedNames(c))
	}
}

// TestKeptPagesStayWithinTheirBound walks every page of the example, in
// all its languages, with room for a few pages only: the server keeps
// no more than its bound, and every page it serves, kept or rendered
// again, is still byte for byte a whole build's.
func TestKeptPagesStayWithinTheirBound(t *testing.T) {
	src := exampletest.Copy(t, nil)
	s := newQuietServer(t, src)
	const bound = 256 << 10
	s.keepBytes = bound
	s.rebuild(context.Background(), nil)
	b := s.current
	total, languages := 0, map[string]bool{}
	for _, p := range b.order {
		data, err := b.page(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		total += len(data)
		if lang, _, ok := strings.Cut(p, "/"); ok && len(lang) <= 3 && strings.HasSuffix(p, "index.html") {
			languages[lang] = true
		}
		if b.pages.size > bound {
			t.Fatalf("after %s: %d bytes kept, more than %d", p, b.pages.size, bound)
		}
	}
	if total < 4*bound {
		t.Fatalf("the example's pages hold %d bytes: too few to test a bound of %d", total, bound)
	}
	if !languages["es"] || !languages["km"] {
		t.Fatalf("walked no page in es or km (%v): the example should be in several languages", languages)
	}
	compareWithWholeBuild(t, "pages dropped and rendered again", s, src)
	// The next build keeps only what fits, too.
	s.rebuild(context.Background(), []string{"content/members/chan-sokha.md"})
	if s.current.pages.size > bound || s.current.pages.size == 0 {
		t.Fatalf("the next build keeps %d bytes (bound %d)", s.current.pages.size, bound)
	}
}

// TestOneSearchIndexKept searches in one language and then another: the
// build keeps the second's index only, and serves the first's files
// again, the same bytes, when asked.
func TestOneSearchIndexKept(t *testing.T) {
	s := newQuietServer(t, exampletest.Copy(t, nil))
	b := s.current
	if len(b.snap.Languages) < 2 {
		t.Fatal("the example should be in several languages")
	}
	first, second := b.snap.Languages[0], b.snap.Languages[1]
	files := func(l site.LanguageSite) map[string][]byte {
		if _, err := b.searchFile(l, ""); err != nil && err != errNoPage {
			t.Fatal(err)
		}
		if b.search.prefix != l.Prefix {
			t.Fatalf("searching in %q keeps the index of %q", l.Prefix, b.search.prefix)
		}
		return b.search.files
	}
	before := files(first)
	files(second)
	for name, data := range before {
		got, err := b.searchFile(first, name)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%s%s served again: %d bytes, %v; want the %d bytes first built", first.Prefix, name, len(got), err, len(data))
		}
	}
	if len(before) == 0 {
		t.Fatal("no search file built")
	}
}
