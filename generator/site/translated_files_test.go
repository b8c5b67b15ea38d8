package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// posterSchema is a community type whose picture and handouts are
// translated (their alt text and titles) and whose photo is not.
const posterSchema = `name = "poster"
folder = "posters"
title = "title"

[fields.title]
type = "string"
required = true

[fields.picture]
type = "image"
translatable = true

[fields.handouts]
type = "list"
of = "file"
translatable = true

[fields.photo]
type = "image"
`

// TestTranslatedAltTextAndTitles: a translation gives an image's alt
// text and a file's title in its language; its page shows the original's
// copies (the same files as the default language's page) with that text,
// and a language without a translation shows the original's text marked
// with its language.
func TestTranslatedAltTextAndTitles(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"site.toml":          "title = \"Red\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\nlanguages = [\"en\", \"es\", \"km\"]\n[images]\nwidths = [100]\n",
		"schema/poster.toml": posterSchema,
		"content/posters/fair/index.md": "+++\ntitle = \"The fair\"\npicture = { src = \"fair.png\", alt = \"Stands in the square\" }\n" +
			"photo = { src = \"stand.png\", alt = \"A stand\" }\nhandouts = [ { src = \"plan.txt\", title = \"The plan\" } ]\n+++\n",
		"content/posters/fair/index.es.md": "+++\ntitle = \"La feria\"\npicture = { src = \"fair.png\", alt = \"Puestos en la plaza\" }\n" +
			"handouts = [ { src = \"plan.txt\", title = \"El plan\" } ]\n+++\n",
		"content/posters/fair/plan.txt":  "The plan.",
		"content/posters/fair/fair.png":  string(craftImage(t, "png", 64, 32)),
		"content/posters/fair/stand.png": string(craftImage(t, "png", 32, 32)),
	}
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := buildSite(t, src, BuildOptions{CheckLinks: true})
	en := read(t, filepath.Join(out, "posters", "fair", "index.html"))
	es := read(t, filepath.Join(out, "es", "posters", "fair", "index.html"))
	km := read(t, filepath.Join(out, "km", "posters", "fair", "index.html"))

	for _, want := range []string{`alt="Puestos en la plaza"`, `>El plan<`, `alt="A stand"`} {
		if !strings.Contains(es, want) {
			t.Errorf("the Spanish page lacks %s", want)
		}
	}
	for _, gone := range []string{"Stands in the square", "The plan"} {
		if strings.Contains(es, gone) {
			t.Errorf("the Spanish page still shows the original's %q", gone)
		}
	}
	if !strings.Contains(km, `alt="Stands in the square"`) || !strings.Contains(km, `>The plan<`) {
		t.Error("the Khmer page, untranslated, does not show the original's alt text and title")
	}
	// The same copies: the translated page links the default language's.
	copies := regexp.MustCompile(`src="[^"]*?([0-9a-f]{8,}[^"/]*\.(?:webp|png|jpg))"`)
	names := func(page string) []string {
		var out []string
		for _, m := range copies.FindAllStringSubmatch(page, -1) {
			out = append(out, m[1])
		}
		return out
	}
	if got, want := strings.Join(names(es), " "), strings.Join(names(en), " "); got != want || got == "" {
		t.Errorf("the Spanish page shows the copies %q, the English one %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(out, "es", "posters", "fair")); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(out, "es", "posters", "fair", "*.png")); len(m) > 0 {
		t.Errorf("copies written again under /es/: %v", m)
	}
}
