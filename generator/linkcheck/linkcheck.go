// Package linkcheck finds internal links and anchors of a built site that
// lead nowhere.
package linkcheck

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Broken is one link that leads nowhere.
type Broken struct {
	Page   string // the output file holding the link
	Link   string // as written
	Reason string
}

func (b Broken) String() string { return fmt.Sprintf("%s: %s: %s", b.Page, b.Link, b.Reason) }

// page is what one HTML file links to and which ids it has.
type page struct {
	links []string
	ids   map[string]bool
}

// Check reads every .html file of the site and checks every relative or
// root-relative link and every #fragment. basePath is the path the site is
// served under ("/network/"), for root-relative links.
func Check(site fs.FS, basePath string) ([]Broken, error) {
	pages := map[string]*page{}
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		pages[p] = scan(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var broken []Broken
	for name, pg := range pages {
		for _, link := range pg.links {
			if reason := resolve(site, pages, name, link, basePath); reason != "" {
				broken = append(broken, Broken{name, link, reason})
			}
		}
	}
	slices.SortFunc(broken, func(a, b Broken) int { return cmp.Or(cmp.Compare(a.Page, b.Page), cmp.Compare(a.Link, b.Link)) })
	return broken, nil
}

func scan(b []byte) *page {
	pg := &page{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return pg
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch key := string(k); {
			case key == "id":
				pg.ids[string(v)] = true
			case (key == "href" && (tag == "a" || tag == "link")) || (key == "src" && (tag == "img" || tag == "script")):
				pg.links = append(pg.links, string(v))
			}
		}
	}
}

// resolve returns why link, found in the page named from, leads nowhere ("" if it is fine).
func resolve(site fs.FS, pages map[string]*page, from, link, basePath string) string {
	u, err := url.Parse(link)
	if err != nil {
		return "not a valid URL"
	}
	if u.Scheme != "" || u.Host != "" {
		return "" // external
	}
	target := from
	if u.Path != "" {
		var p string
		if strings.HasPrefix(u.Path, "/") {
			rest, ok := strings.CutPrefix(u.Path, basePath)
			if !ok {
				return "leaves the site's base path " + basePath
			}
			p = rest
		} else {
			p = path.Join(path.Dir(from), u.Path)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		}
		if p == "." || p == "./" || p == "" {
			p = "index.html"
		} else if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if strings.HasPrefix(p, "../") || p == ".." {
			return "leaves the site"
		}
		if _, err := fs.Stat(site, p); err != nil {
			if _, err := fs.Stat(site, p+"/index.html"); err == nil {
				return "" // a folder link without the trailing slash still works on static hosts
			}
			return "no such page"
		}
		target = p
	}
	if u.Fragment != "" {
		pg := pages[target]
		if pg == nil {
			return ""
		}
		if !pg.ids[u.Fragment] {
			return "no element with id \"" + u.Fragment + "\" on " + target
		}
	}
	return ""
}
