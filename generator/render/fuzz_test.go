package render

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/write"
)

// sitePath turns any text into a valid site path as the site's pages
// have them: "" (the home page), folders of slugs ending in "/", or a
// file name after them ("members/ana/", "assets/x.css", "404.html").
func sitePath(s string) string {
	if s == "" {
		return ""
	}
	parts := strings.Split(s, "/")
	var b strings.Builder
	for _, p := range parts[:len(parts)-1] {
		b.WriteString(load.SuggestSlug(p) + "/")
	}
	if last := parts[len(parts)-1]; last != "" {
		b.WriteString(load.SuggestSlug(last) + ".html")
	}
	return b.String()
}

// FuzzSlugAndURL checks what keeps names and links in their place, on any
// text: SuggestSlug always returns a valid slug that write accepts as a
// folder; relative(from, to) between two valid site paths is a relative
// URL that leads exactly to `to` from `from`, never above the site root,
// served under any base path; and a path write.CheckPath accepts stays
// inside the output folder. Seeds are below and in
// testdata/fuzz/FuzzSlugAndURL. Run longer with:
// go test -run '^$' -fuzz '^FuzzSlugAndURL$' ./generator/render
func FuzzSlugAndURL(f *testing.F) {
	for _, seed := range [][3]string{
		{"Facilitación", "members/ana/", "members/ana/index.html"},
		{"", "", ""},
		{"CON", "members/", "../x"},
		{"--", "a/b/c/", "/etc/passwd"},
		{"members/ana/", "members/bob/", "a/../../b"},
		{"a/b/c/", "", "a\\..\\b"},
		{"about/", "feed.xml", "index.html:x"},
		{"404.html", "topics/x/", "nul/index.html"},
		{"members/an/", "members/ana/", "a\x00b"},
		{"Ñandú/Ærø/", "ẞtraße/ǅ/x", "./a"},
		{"\u212a/\u0130/", "lpt1/com0/", "a//b"},
		{"x/y", "x/y/", "C:/windows"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, a, b, rel string) {
		for _, s := range []string{a, b, rel} {
			slug := load.SuggestSlug(s)
			if !load.ValidSlug(slug) {
				t.Fatalf("SuggestSlug(%q) = %q, not a valid slug", s, slug)
			}
			if again := load.SuggestSlug(slug); again != slug {
				t.Fatalf("SuggestSlug(%q) = %q, then %q", s, slug, again)
			}
			if err := write.CheckPath(slug + "/index.html"); err != nil {
				t.Fatalf("SuggestSlug(%q) = %q, refused by write: %v", s, slug, err)
			}
		}

		from, to := sitePath(a), sitePath(b)
		link := relative(from, to)
		if link == "" || strings.HasPrefix(link, "/") || strings.Contains(link, "//") || strings.ContainsAny(link, ":\\") {
			t.Fatalf("relative(%q, %q) = %q, not a relative path", from, to, link)
		}
		up := 0
		for rest := link; strings.HasPrefix(rest, "../"); rest = rest[3:] {
			up++
		}
		if depth := strings.Count(from, "/"); up > depth {
			t.Fatalf("relative(%q, %q) = %q climbs %d folders from a page %d deep", from, to, link, up, depth)
		}
		for _, base := range []string{"https://example.org/", "https://example.org/kb/network/"} {
			page, _ := url.Parse(base + from)
			ref, err := url.Parse(link)
			if err != nil {
				t.Fatalf("relative(%q, %q) = %q: %v", from, to, link, err)
			}
			got := page.ResolveReference(ref)
			if want := base + to; got.String() != want {
				t.Fatalf("relative(%q, %q) = %q leads to %s, want %s", from, to, link, got, want)
			}
		}
		file := to
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		if err := write.CheckPath(file); err != nil {
			t.Fatalf("write refuses the site path %q: %v", file, err)
		}

		if write.CheckPath(rel) == nil {
			staging := filepath.FromSlash("/tmp/.public.tmp-1-1")
			name := filepath.Join(staging, filepath.FromSlash(rel))
			inside, err := filepath.Rel(staging, name)
			if err != nil || !filepath.IsLocal(inside) || inside == "." || strings.ContainsAny(rel, "\x00\\:") {
				t.Fatalf("write accepts %q, which leads to %s outside %s", rel, name, staging)
			}
			for _, seg := range strings.Split(rel, "/") {
				if seg == ".." || seg == "." || seg == "" {
					t.Fatalf("write accepts %q, with a %q segment", rel, seg)
				}
			}
		}
	})
}
