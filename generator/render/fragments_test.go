package render

import (
	"bytes"
	"html/template"
	"testing"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// The partials as templates, as they were before Links, Chips and Cards
// wrote them in Go: the Go versions must write the same bytes.
const listPartials = `
{{define "links"}}{{$p := .Page}}{{range $i, $e := .Entries}}{{if $i}}, {{end}}<a href="{{$p.Href $e}}"{{with $e.Lang}} lang="{{.}}"{{end}}>{{$e.Title}}</a>{{end}}{{end}}
{{define "topic-chips"}}{{$p := .Page}}{{with .Entries}}<ul class="chips">{{range .}}<li><a href="{{$p.Href .}}">{{.Title}}</a></li>{{end}}</ul>{{end}}{{end}}
{{define "card-list"}}{{$p := .Page}}<ul class="cards">
{{- range .Entries}}
<li{{with .Lang}} lang="{{.}}"{{end}}><a href="{{$p.Href .}}">{{.Title}}</a>{{with $p.Subtitle .}}<span class="sub">{{.}}</span>{{end}}</li>
{{- end}}
</ul>{{end}}`

var partialsAsTemplates = template.Must(template.New("").Parse(listPartials))

func fakeEntries(titles []string, slug, lang, subtitle string) []*Entry {
	typ := &schema.Type{Name: "member", Path: "/members/:slug/"}
	var out []*Entry
	for i, t := range titles {
		e := &Entry{e: &load.Entry{Type: typ, Slug: slug}, lang: lang}
		e.setTitle(t)
		if i%2 == 1 {
			e.lang = ""
		}
		e.path = entryPath(e.e)
		e.subtitleOnce.Do(func() { e.setSubtitle(subtitle) })
		out = append(out, e)
	}
	return out
}

func checkListsLikeTemplates(t *testing.T, page *Page, entries []*Entry) {
	t.Helper()
	for name, got := range map[string]template.HTML{
		"links":       page.Links(entries),
		"topic-chips": page.Chips(entries),
		"card-list":   page.Cards(entries),
	} {
		var want bytes.Buffer
		if err := partialsAsTemplates.ExecuteTemplate(&want, name, page.With(entries)); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want.String())
		}
	}
	for _, e := range entries {
		checkHrefLikeTemplates(t, page, e)
		checkHrefLikeTemplates(t, page, e.title)
	}
	checkHrefLikeTemplates(t, page, 1)
}

var hrefAsTemplate = template.Must(template.New("").Parse(`<a href="{{.Page.Href .Target}}">`))

// checkHrefLikeTemplates holds writeHrefAttr, which compiled templates
// call for {{.Href x}} in an href, to what html/template writes.
func checkHrefLikeTemplates(t *testing.T, page *Page, target any) {
	t.Helper()
	var want, got bytes.Buffer
	if err := hrefAsTemplate.Execute(&want, map[string]any{"Page": page, "Target": target}); err != nil {
		t.Fatal(err)
	}
	got.WriteString(`<a href="`)
	page.writeHrefAttr(&got, target)
	got.WriteString(`">`)
	if got.String() != want.String() {
		t.Errorf("Href(%q) from %q:\n got %q\nwant %q", target, page.Path, got.String(), want.String())
	}
}

func TestListsWriteWhatTheTemplatesWrote(t *testing.T) {
	s := &Site{}
	for _, path := range []string{"", "minutes/2024-01-01/", "members/", "members/ana/"} {
		page := &Page{Kind: "entry", Path: path, s: s}
		checkListsLikeTemplates(t, page, nil)
		checkListsLikeTemplates(t, page, fakeEntries([]string{"Ana"}, "ana", "es", "Organización · Sonora"))
		checkListsLikeTemplates(t, page, fakeEntries([]string{
			`<script>alert("x")</script>`, `Tom & Jerry's "co-op" + friends`, "Улаанбаатар", "ភ្នំពេញ\x00",
		}, "ciudad-de-méxico", `es" onload="x`, `<img src=x onerror=alert(1)>`))
	}
	page404 := &Page{Kind: "404", Path: "404.html", root: "/network/", s: s}
	checkListsLikeTemplates(t, page404, fakeEntries([]string{"A", "B"}, "a b%zz%41", "fr", ""))
	for _, page := range []*Page{page404, {Kind: "entry", Path: "members/ana/", s: s}, {Kind: "home", s: s}} {
		for _, target := range []string{"", "feed.xml", "members/", "members/ana/", "https://a.example/x?y=1&z=a+b", "mailto:a@b.c",
			"http://x/\"'<>", "javascript:alert(1)", "Javascript:x", "x:y/z", "a b%41%zz", "members/ana/x:y"} {
			checkHrefLikeTemplates(t, page, target)
		}
	}
}

// FuzzListEscaping feeds any title, slug, language and subtitle through
// the Go lists and the templates they replace.
func FuzzListEscaping(f *testing.F) {
	for _, seed := range []string{"", "Ana", `"><script>`, "a+b&c'd", "javascript:alert(1)", "HTTPS:x", "%41%zz", "\x00\xff", "ſ:x"} {
		f.Add(seed, seed, seed, seed)
	}
	f.Fuzz(func(t *testing.T, title, slug, lang, subtitle string) {
		for _, path := range []string{"", "members/", "minutes/x/"} {
			page := &Page{Kind: "entry", Path: path, s: &Site{}}
			checkListsLikeTemplates(t, page, fakeEntries([]string{title, title}, slug, lang, subtitle))
		}
	})
}
