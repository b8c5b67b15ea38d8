package site

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/agora-community/agora/generator/internal/exampletest"
)

// siteIcons returns, for every page of out, the bytes its one
// <link rel=icon> leads to, read as a browser resolves the href from the
// page's folder (from the site's root path on the 404 page).
func siteIcons(t *testing.T, out, basePath string) map[string][]byte {
	t.Helper()
	icons := map[string][]byte{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		doc, err := html.Parse(strings.NewReader(read(t, p)))
		if err != nil {
			return err
		}
		var hrefs []string
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.DataAtom == atom.Link {
				if r, _ := attr(n, "rel"); r == "icon" {
					href, _ := attr(n, "href")
					hrefs = append(hrefs, href)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if len(hrefs) != 1 {
			t.Errorf("%s: %d icon links %q, want 1", rel, len(hrefs), hrefs)
			return nil
		}
		target := path.Join(path.Dir(rel), hrefs[0])
		if strings.HasPrefix(hrefs[0], "/") {
			target = strings.TrimPrefix(hrefs[0], basePath)
		}
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(target)))
		if err != nil {
			t.Errorf("%s: the icon %s: %v", rel, hrefs[0], err)
		}
		icons[rel] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(icons) < 50 {
		t.Fatalf("only %d pages", len(icons))
	}
	return icons
}

// TestEveryPageHasTheSiteIcon: every page declares the theme's icon by a
// relative link to its hashed copy, so no browser asks the host's root
// for /favicon.ico; a theme's own static/favicon.svg replaces it.
func TestEveryPageHasTheSiteIcon(t *testing.T) {
	t.Parallel()
	defaultIcon, err := os.ReadFile(filepath.Join(exampletest.Root(), "themes", "default", "static", "favicon.svg"))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := exampleSite(t)
	for page, b := range siteIcons(t, out, "/network/") {
		if !bytes.Equal(b, defaultIcon) {
			t.Errorf("%s: the icon is not the default theme's", page)
		}
	}

	src := exampletest.Copy(t, nil)
	own := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><circle cx="1" cy="1" r="1"/></svg>`)
	os.MkdirAll(filepath.Join(src, "themes", "default", "static"), 0o755)
	os.WriteFile(filepath.Join(src, "themes", "default", "static", "favicon.svg"), own, 0o644)
	out, _ = buildSite(t, src, BuildOptions{})
	for page, b := range siteIcons(t, out, "/network/") {
		if !bytes.Equal(b, own) {
			t.Errorf("%s: the icon is not the theme's own", page)
		}
	}
	assets, _ := filepath.Glob(filepath.Join(out, "assets", "favicon.*.svg"))
	if len(assets) != 1 {
		t.Errorf("icons written: %q, want the theme's own only", assets)
	}
}
