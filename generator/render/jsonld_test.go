package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/internal/exampletest"
	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/site"
)

// JSONLD writes its JSON itself; these tests hold it to the bytes that
// html/template and the compiled templates wrote for the maps it used to
// return (JSONLDReference), on every entry of the example site, of a site
// full of hostile strings, and on fuzzed fields.

// jsonLDTypes are the types whose pages describe their entry in JSON-LD.
var jsonLDTypes = []string{"member", "minutes", "module"}

func TestJSONLDMatchesEncodingJSON(t *testing.T) {
	vectors := readVectors(t)
	hostile := exampletest.Copy(t, func(s string) string {
		return strings.Replace(s, `title = "Agora Learning Network"`, "title = "+strconv.Quote("Agora "+vectors[0]), 1)
	})
	writeFiles(t, hostile, vectorFiles(vectors))
	for name, src := range map[string]string{"example": exampletest.Copy(t, nil), "hostile": hostile} {
		t.Run(name, func(t *testing.T) {
			rs := openRenderer(t, src)
			for _, typeName := range append(jsonLDTypes, "topic", "page") {
				described := 0
				for _, e := range rs.Entries(typeName) {
					if checkJSONLD(t, rs.EntryPage(e)) {
						described++
					}
				}
				if isJSONLDType(typeName) && described == 0 {
					t.Errorf("no %s page has JSON-LD", typeName)
				}
				if !isJSONLDType(typeName) && described > 0 {
					t.Errorf("%d %s pages have JSON-LD", described, typeName)
				}
			}
		})
	}
}

// FuzzJSONLD sets the text fields JSON-LD holds, the titles of the
// entries it lists and the site's title to arbitrary strings.
func FuzzJSONLD(f *testing.F) {
	for _, seed := range []string{"", "Ногоон Тал", `</script><script>alert(1)</script>`, "<!--", "a\u2028b\u2029c", "\xff\xfe\x00\"\\\b\f\n\r\t", "individual", "hybrid"} {
		f.Add(seed, seed+" 2", int64(len(seed)))
	}
	rs := openRenderer(f, exampletest.Copy(f, nil))
	pages := map[string]*render.Page{}
	for _, typeName := range jsonLDTypes {
		for _, e := range rs.Entries(typeName) {
			if pages[typeName] == nil || len(e.Refs("offers"))+len(e.Refs("prerequisites")) > 0 {
				pages[typeName] = rs.EntryPage(e)
			}
		}
		if pages[typeName] == nil {
			f.Fatalf("the example site has no %s", typeName)
		}
	}
	f.Fuzz(func(t *testing.T, text, other string, minutes int64) {
		rs.SetTitleForTest(other)
		for _, pg := range pages {
			e := pg.Entry
			for _, ref := range append(e.Refs("offers"), e.Refs("prerequisites")...) {
				ref.SetForTest(ref.Type().TitleField, other)
			}
			for _, field := range []string{e.Type().TitleField, "kind", "website", "country", "region", "format", "location", "summary", "language", "license"} {
				e.SetForTest(field, text)
			}
			for _, field := range []string{"date", "end_date"} {
				e.SetForTest(field, other)
			}
			e.SetForTest("duration_minutes", minutes)
			checkJSONLD(t, pg)
		}
	})
}

// checkJSONLD compares a page's JSON-LD with the old maps' and reports
// whether the page has any.
func checkJSONLD(t testing.TB, pg *render.Page) bool {
	t.Helper()
	got, want := pg.JSONLD(), pg.JSONLDReference()
	if want == nil {
		if got != nil {
			t.Errorf("%s: JSON-LD %q, want none", pg.Path, got)
		}
		return false
	}
	js, ok := got.(template.JS)
	if !ok {
		t.Fatalf("%s: JSON-LD is a %T, want a template.JS", pg.Path, got)
	}
	marshaled, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if string(js) != string(marshaled) {
		t.Errorf("%s:\n got %s\nwant %s", pg.Path, js, marshaled)
	}
	if g, w := inScript(t, got), inScript(t, want); g != w {
		t.Errorf("%s: html/template writes\n %s\nwas %s", pg.Path, g, w)
	}
	var g, w bytes.Buffer
	render.WriteJSValueForTest(&g, got)
	render.WriteJSValueForTest(&w, want)
	if g.String() != w.String() {
		t.Errorf("%s: compiled templates write\n %s\nwas %s", pg.Path, g.String(), w.String())
	}
	return true
}

var ldScript = template.Must(template.New("ld").Parse(`{{with .}}<script type="application/ld+json">{{.}}</script>{{end}}`))

// inScript is what html/template writes for v as base.html prints JSONLD.
func inScript(t testing.TB, v any) string {
	var b bytes.Buffer
	if err := ldScript.Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func openRenderer(t testing.TB, src string) *render.Site {
	t.Helper()
	p, err := site.Open(context.Background(), site.Options{Source: src, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := p.Renderer("")
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func isJSONLDType(name string) bool {
	for _, n := range jsonLDTypes {
		if n == name {
			return true
		}
	}
	return false
}

// BenchmarkJSONLD: what a compiled page does for its JSON-LD, from the
// old maps and from the JSON written straight, over the example site's
// described pages.
func BenchmarkJSONLD(b *testing.B) {
	rs := openRenderer(b, exampletest.Copy(b, nil))
	var pages []*render.Page
	for _, typeName := range jsonLDTypes {
		for _, e := range rs.Entries(typeName) {
			pages = append(pages, rs.EntryPage(e))
		}
	}
	var out bytes.Buffer
	b.Run("maps", func(b *testing.B) {
		for b.Loop() {
			for _, pg := range pages {
				out.Reset()
				render.WriteJSValueForTest(&out, pg.JSONLDReference())
			}
		}
	})
	b.Run("written", func(b *testing.B) {
		for b.Loop() {
			for _, pg := range pages {
				out.Reset()
				render.WriteJSValueForTest(&out, pg.JSONLD())
			}
		}
	})
}
