package render_test

import (
	"encoding/xml"
	"fmt"
	"slices"
	"testing"

	"github.com/agora-community/agora/generator/render"
)

type sitemapFile struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
	Parts []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

func readSitemap(t *testing.T, files map[string][]byte, name string) sitemapFile {
	t.Helper()
	b, ok := files[name]
	if !ok {
		t.Fatalf("no %s in the output", name)
	}
	var f sitemapFile
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if f.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Fatalf("%s: namespace %q", name, f.XMLName.Space)
	}
	return f
}

// A site with more pages than one sitemap may list (50,000 by the
// protocol; here 25) gets an index at /sitemap.xml and the same URLs, in
// the same order, in parts of at most that many.
func TestSitemapSplitsPastTheLimit(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, corpus(40))
	whole := readSitemap(t, buildOnce(t, dir), "sitemap.xml")
	if whole.XMLName.Local != "urlset" || len(whole.URLs) <= 50 {
		t.Fatalf("the unsplit sitemap is a %s of %d URLs; want a urlset of over 50", whole.XMLName.Local, len(whole.URLs))
	}

	const limit = 25
	defer render.SetMaxSitemapURLs(limit)()
	files := buildOnce(t, dir)
	index := readSitemap(t, files, "sitemap.xml")
	wantParts := (len(whole.URLs) + limit - 1) / limit
	if index.XMLName.Local != "sitemapindex" || len(index.Parts) != wantParts {
		t.Fatalf("sitemap.xml is a %s of %d parts; want a sitemapindex of %d", index.XMLName.Local, len(index.Parts), wantParts)
	}
	var joined []string
	for i, part := range index.Parts {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		if want := "https://example.org/c/" + name; part.Loc != want {
			t.Errorf("part %d at %q, want %q", i+1, part.Loc, want)
		}
		f := readSitemap(t, files, name)
		if f.XMLName.Local != "urlset" || len(f.URLs) == 0 || len(f.URLs) > limit {
			t.Errorf("%s: a %s of %d URLs; want a urlset of 1 to %d", name, f.XMLName.Local, len(f.URLs), limit)
		}
		for _, u := range f.URLs {
			joined = append(joined, u.Loc+" "+u.LastMod)
		}
	}
	var want []string
	for _, u := range whole.URLs {
		want = append(want, u.Loc+" "+u.LastMod)
	}
	if !slices.Equal(joined, want) {
		t.Errorf("the parts list %d URLs, the whole sitemap %d, or in another order", len(joined), len(want))
	}
	if _, ok := files[fmt.Sprintf("sitemap-%d.xml", wantParts+1)]; ok {
		t.Errorf("a part past the last")
	}
}
