package site

import (
	"encoding/xml"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The example is published in English (the default, at the root),
// Spanish, Khmer and Mongolian; these tests read its output.

var exampleLanguages = []string{"en", "es", "km", "mn"}

// languagePrefix is the folder of a language's pages.
func languagePrefix(l string) string {
	if l == "en" {
		return ""
	}
	return l + "/"
}

// TestEveryPageInEveryLanguage: each HTML page of the default language
// exists under each other language's folder, marked with its language.
func TestEveryPageInEveryLanguage(t *testing.T) {
	out, res := exampleSite(t)
	for _, w := range res.Warnings {
		if strings.Contains(w, "UI strings") {
			t.Errorf("the example's languages all have strings, yet: %s", w)
		}
	}
	var pages []string
	fs.WalkDir(os.DirFS(out), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		top, _, _ := strings.Cut(p, "/")
		if d.IsDir() && slices.Contains(exampleLanguages, top) {
			return fs.SkipDir
		}
		if strings.HasSuffix(p, ".html") && top != "assets" {
			pages = append(pages, p)
		}
		return nil
	})
	if len(pages) < 100 {
		t.Fatalf("only %d pages in the default language", len(pages))
	}
	htmlLang := regexp.MustCompile(`<html lang="([^"]+)"`)
	for _, l := range exampleLanguages {
		for _, p := range pages {
			b, err := os.ReadFile(filepath.Join(out, languagePrefix(l)+p))
			if err != nil {
				t.Errorf("%s: no page %s in it", l, p)
				continue
			}
			if m := htmlLang.FindSubmatch(b); m == nil || string(m[1]) != l {
				t.Errorf("%s%s: <html lang> is %q", languagePrefix(l), p, m)
			}
		}
	}
}

// TestLanguageSwitcher: every page leads to itself in every language by
// plain links (no script), each marked with its language, the current
// one with aria-current; the head names every language's URL and
// x-default, the default language's.
func TestLanguageSwitcher(t *testing.T) {
	out, _ := exampleSite(t)
	nav := regexp.MustCompile(`(?s)<nav class="languages" aria-label="[^"]+"><ul>(.*?)</ul></nav>`)
	link := regexp.MustCompile(`<li><a href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)"( aria-current="page")?>([^<]+)</a></li>`)
	alternate := regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	for _, page := range []string{"index.html", "members/red-mujeres-sonora/index.html", "curriculum/learning-circles-101/index.html", "translations/index.html", "members/by.country/mx/index.html"} {
		for _, l := range exampleLanguages {
			file := languagePrefix(l) + page
			html := read(t, filepath.Join(out, file))
			m := nav.FindStringSubmatch(html)
			if m == nil {
				t.Errorf("%s: no language switcher", file)
				continue
			}
			if strings.Contains(m[1], "<script") || strings.Contains(m[1], "onclick") {
				t.Errorf("%s: the switcher needs a script: %s", file, m[1])
			}
			links := link.FindAllStringSubmatch(m[1], -1)
			if len(links) != len(exampleLanguages) {
				t.Errorf("%s: %d links in the switcher: %s", file, len(links), m[1])
				continue
			}
			for i, a := range links {
				href, code, hreflang, current := a[1], a[2], a[3], a[4] != ""
				if code != exampleLanguages[i] || hreflang != code || current != (code == l) {
					t.Errorf("%s: switcher link %q", file, a[0])
				}
				target := path.Join(path.Dir(file), href)
				if strings.HasSuffix(href, "/") {
					target += "/index.html"
				}
				if path.Clean(target) != path.Clean(languagePrefix(code)+page) {
					t.Errorf("%s: the %s link leads to %s", file, code, target)
				}
			}
			var alts []string
			for _, a := range alternate.FindAllStringSubmatch(html, -1) {
				alts = append(alts, a[1]+" "+a[2])
			}
			url := "https://example.org/network/" + strings.TrimSuffix(page, "index.html")
			want := []string{"en " + url, "es " + strings.Replace(url, "network/", "network/es/", 1),
				"km " + strings.Replace(url, "network/", "network/km/", 1), "mn " + strings.Replace(url, "network/", "network/mn/", 1), "x-default " + url}
			if !slices.Equal(alts, want) {
				t.Errorf("%s: alternates\n got %q\nwant %q", file, alts, want)
			}
		}
	}
}

// TestTranslatedAndFallbackPages: a translated entry shows the
// translation in the page's language; an untranslated one shows its
// original, marked with the original's language, under a notice that
// names both languages and links to the translations page.
func TestTranslatedAndFallbackPages(t *testing.T) {
	out, _ := exampleSite(t)
	notice := regexp.MustCompile(`<p class="notice translation-notice">(.*?) <a href="([^"]+)">`)

	km := read(t, filepath.Join(out, "km/curriculum/learning-circles-101/index.html"))
	if !strings.Contains(km, "<h1>រង្វង់សិក្សា ១០១</h1>") || notice.MatchString(km) {
		t.Error("the Khmer translation of learning-circles-101 is not shown as one")
	}
	if !strings.Contains(km, `"inLanguage":"km"`) {
		t.Error("the Khmer module's JSON-LD has no inLanguage km")
	}
	es := read(t, filepath.Join(out, "es/minutes/2026-06-04-annual-gathering-2026/index.html"))
	if !strings.Contains(es, "<h1>Encuentro anual 2026</h1>") || notice.MatchString(es) || strings.Contains(es, `<article lang=`) {
		t.Error("the Spanish minutes are not shown as a translation")
	}

	for file, want := range map[string]struct{ article, names, link string }{
		"km/minutes/2026-06-04-annual-gathering-2026/index.html": {`<article lang="en">`, `<span lang="km">ខ្មែរ</span>`, "../../translations/#km"},
		"mn/members/red-mujeres-sonora/index.html":               {`<article class="member" lang="es">`, `<span lang="es">español</span>`, "../../translations/#mn"},
		"es/curriculum/learning-circles-101/index.html":          {`<article lang="en">`, `<span lang="en">English</span>`, "../../translations/#es"},
	} {
		html := read(t, filepath.Join(out, file))
		m := notice.FindStringSubmatch(html)
		if m == nil {
			t.Errorf("%s: no notice of the missing translation", file)
			continue
		}
		if !strings.Contains(m[1], want.names) || m[2] != want.link {
			t.Errorf("%s: notice %q, link %q; want %s and %s", file, m[1], m[2], want.names, want.link)
		}
		if !strings.Contains(html, want.article) {
			t.Errorf("%s: the original is not marked with its language (%s)", file, want.article)
		}
	}
	// Nothing translates into the default language: none of its pages
	// has a notice.
	for _, file := range []string{"minutes/2026-06-04-annual-gathering-2026/index.html", "members/altai-craft-women/index.html"} {
		if notice.MatchString(read(t, filepath.Join(out, file))) {
			t.Errorf("%s: a notice in the default language", file)
		}
	}
}

// TestSitemapAlternates: the one sitemap lists each page in each
// language, each URL with the page's alternates in every language and
// x-default.
func TestSitemapAlternates(t *testing.T) {
	out, _ := exampleSite(t)
	var set struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Rel      string `xml:"rel,attr"`
				HrefLang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(read(t, filepath.Join(out, "sitemap.xml"))), &set); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "km", "sitemap.xml")); err == nil {
		t.Error("a sitemap per language; one lists them all")
	}
	locs := map[string]bool{}
	for _, u := range set.URLs {
		locs[u.Loc] = true
		var got []string
		for _, l := range u.Links {
			if l.Rel != "alternate" {
				t.Errorf("%s: link rel %q", u.Loc, l.Rel)
			}
			got = append(got, l.HrefLang)
		}
		if !slices.Equal(got, append(slices.Clone(exampleLanguages), "x-default")) {
			t.Errorf("%s: alternates %v", u.Loc, got)
		}
		if !slices.ContainsFunc(u.Links, func(l struct {
			Rel      string `xml:"rel,attr"`
			HrefLang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		}) bool {
			return l.Href == u.Loc
		}) {
			t.Errorf("%s is not among its own alternates", u.Loc)
		}
	}
	for _, l := range exampleLanguages {
		for _, p := range []string{"", "members/altai-craft-women/", "curriculum/learning-circles-101/", "translations/"} {
			if u := "https://example.org/network/" + languagePrefix(l) + p; !locs[u] {
				t.Errorf("the sitemap lacks %s", u)
			}
		}
	}
	if len(set.URLs)%len(exampleLanguages) != 0 {
		t.Errorf("%d URLs: not each page in each language", len(set.URLs))
	}
}

// TestFeedsAndCalendarsPerLanguage: each language has its Atom feed and
// calendar, with its pages' URLs, its language, and the original's
// language on what is shown untranslated.
func TestFeedsAndCalendarsPerLanguage(t *testing.T) {
	out, _ := exampleSite(t)
	feed := read(t, filepath.Join(out, "es/feed.xml"))
	for _, want := range []string{
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">`,
		`<link href="https://example.org/network/es/feed.xml" rel="self"></link>`,
		"<title>Encuentro anual 2026</title>",
		`<entry xml:lang="en">` + "\n  <title>Steppe–Mekong circle: October call</title>",
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("es/feed.xml lacks %s", want)
		}
	}
	if !strings.Contains(read(t, filepath.Join(out, "feed.xml")), `xml:lang="en"`) {
		t.Error("feed.xml does not say its language")
	}
	cal := read(t, filepath.Join(out, "km/calendar.ics"))
	for _, want := range []string{
		"UID:km/2026-06-04-annual-gathering-2026@example.org",
		"SUMMARY;LANGUAGE=en:Annual gathering 2026",
		"URL:https://example.org/network/km/minutes/2026-06-04-annual-gathering-2026/",
	} {
		if !strings.Contains(strings.ReplaceAll(cal, "\r\n ", ""), want) {
			t.Errorf("km/calendar.ics lacks %s", want)
		}
	}
	if es := read(t, filepath.Join(out, "es/calendar.ics")); !strings.Contains(es, "SUMMARY;LANGUAGE=es:Encuentro anual 2026") {
		t.Error("es/calendar.ics does not show the Spanish minutes' title")
	}
}

// TestSearchPerLanguage: each language has its own search page and
// index, holding its translations and the originals of the rest.
func TestSearchPerLanguage(t *testing.T) {
	out, _ := exampleSite(t)
	results := func(l string) string {
		files, _ := filepath.Glob(filepath.Join(out, languagePrefix(l)+"search/index/d-*/*.js"))
		if len(files) == 0 {
			t.Fatalf("%s: no search results files", l)
		}
		var b strings.Builder
		for _, f := range files {
			b.WriteString(read(t, f))
		}
		return b.String()
	}
	for l, want := range map[string][2]string{
		"en": {"Learning circles 101", "Annual gathering 2026"},
		"km": {"រង្វង់សិក្សា ១០១", "Annual gathering 2026"},
		"es": {"Learning circles 101", "Encuentro anual 2026"},
	} {
		r := results(l)
		for _, title := range want {
			if !strings.Contains(r, `"`+title+`"`) {
				t.Errorf("%s search: no result %q", l, title)
			}
		}
		if _, err := os.Stat(filepath.Join(out, languagePrefix(l)+"search/index.html")); err != nil {
			t.Errorf("%s: no search page", l)
		}
	}
	if strings.Contains(results("en"), "រង្វង់សិក្សា ១០១") {
		t.Error("the English index holds the Khmer translation")
	}
}

// TestLanguageWithoutStrings: a language the theme has no strings for is
// published with English ones, and the build says so; a language written
// right to left gets dir="rtl".
func TestLanguageWithoutStrings(t *testing.T) {
	src := t.TempDir()
	for name, text := range map[string]string{
		"site.toml":                 "title = \"Red\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\nlanguages = [\"en\", \"de\", \"ar\"]\n",
		"content/members/ana.md":    "+++\nname = \"Ana\"\nkind = \"individual\"\n+++\nAna works on water.\n",
		"content/members/ana.ar.md": "+++\nname = \"آنا\"\n+++\nتعمل آنا في مجال المياه.\n",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, res := buildSite(t, src, BuildOptions{CheckLinks: true})
	var warned []string
	for _, w := range res.Warnings {
		if strings.Contains(w, "no UI strings") {
			warned = append(warned, w)
		}
	}
	if len(warned) != 2 || !strings.Contains(warned[0], "de") || !strings.Contains(warned[0], "English") || !strings.Contains(warned[1], "ar") {
		t.Errorf("warnings: %q", res.Warnings)
	}
	de := read(t, filepath.Join(out, "de/members/ana/index.html"))
	if !strings.Contains(de, `<html lang="de">`) || !strings.Contains(de, ">Members</a>") || !strings.Contains(de, `<article class="member" lang="en">`) {
		t.Error("de: not a German page with English strings")
	}
	ar := read(t, filepath.Join(out, "ar/members/ana/index.html"))
	if !strings.Contains(ar, `<html lang="ar" dir="rtl">`) || !strings.Contains(ar, "<h1>آنا</h1>") {
		t.Error("ar: the translation is not shown right to left")
	}
	if en := read(t, filepath.Join(out, "members/ana/index.html")); strings.Contains(en, `<html lang="en" dir=`) ||
		!strings.Contains(en, `<a href="../../ar/members/ana/" lang="ar" hreflang="ar" dir="rtl">`) {
		t.Error("en: the switcher does not mark Arabic right to left, or the page is")
	}
}
