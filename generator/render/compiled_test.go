package render_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/agora-community/agora/generator/internal/exampletest"
	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/site"
)

// The compiled templates (templates_gen.go) must write every file exactly
// as html/template writes it from the same templates: these tests build
// whole sites both ways, in memory, and compare every output file.

var today = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// buildBoth builds the site at src through html/template and through the
// compiled templates, and fails on any file that differs. It returns how
// many pages rendered compiled.
func buildBoth(t *testing.T, src string, opts site.Options, baseURL string) int64 {
	t.Helper()
	opts.Source, opts.Today = src, today
	build := func(htmlTemplate bool) map[string][]byte {
		render.UseHTMLTemplate(htmlTemplate)
		defer render.UseHTMLTemplate(false)
		p, err := site.Open(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if p.Diags.HasErrors() {
			var errs []string
			for _, d := range p.Diags {
				if d.Severity.String() == "error" && len(errs) < 3 {
					errs = append(errs, fmt.Sprint(d))
				}
			}
			t.Fatalf("%s has errors: %v", src, errs)
		}
		files, err := p.BuildMemory(context.Background(), baseURL)
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	want := build(true)
	before := render.CompiledRenders()
	got := build(false)
	compiled := render.CompiledRenders() - before
	compareFiles(t, want, got)
	return compiled
}

func compareFiles(t *testing.T, want, got map[string][]byte) {
	t.Helper()
	var paths []string
	for p := range want {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	bad := 0
	for _, p := range paths {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s: written by html/template only", p)
		case !bytes.Equal(want[p], g):
			t.Errorf("%s differs from html/template's output at byte %d:\nhtml/template: %q\ncompiled:      %q", p, firstDiff(want[p], g), around(want[p], firstDiff(want[p], g)), around(g, firstDiff(want[p], g)))
		default:
			continue
		}
		if bad++; bad == 5 {
			t.Fatal("and more")
		}
	}
	if len(got) != len(want) {
		t.Errorf("compiled build wrote %d files, html/template %d", len(got), len(want))
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func around(b []byte, i int) string {
	return string(b[max(0, i-80):min(len(b), i+80)])
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// monolingualExample copies the example as a site in one language, l:
// without its list of languages and its translations (a site in one
// language has none to publish), each page in l's UI strings.
func monolingualExample(t *testing.T, l string) string {
	t.Helper()
	lang := regexp.MustCompile(`(?m)^language = .*$`)
	languages := regexp.MustCompile(`(?m)^languages = .*$`)
	src := exampletest.Copy(t, func(s string) string {
		return languages.ReplaceAllString(lang.ReplaceAllString(s, `language = "`+l+`"`), "")
	})
	translations, err := filepath.Glob(filepath.Join(src, "content", "*", "*.*.md"))
	inFolders, _ := filepath.Glob(filepath.Join(src, "content", "*", "*", "index.*.md"))
	translations = append(translations, inFolders...)
	if err != nil || len(translations) == 0 {
		t.Fatalf("the example has no translations to leave out (%v)", err)
	}
	for _, f := range translations {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

func TestCompiledExampleSite(t *testing.T) {
	if n := buildBoth(t, exampletest.Copy(t, nil), site.Options{}, ""); n == 0 {
		t.Fatal("no page rendered through the compiled templates")
	}
}

func TestCompiledLanguagesBasePathsDrafts(t *testing.T) {
	for _, l := range []string{"es", "fr", "km", "mn"} {
		t.Run(l, func(t *testing.T) {
			buildBoth(t, monolingualExample(t, l), site.Options{}, "")
		})
	}
	t.Run("base-path", func(t *testing.T) {
		buildBoth(t, exampletest.Copy(t, nil), site.Options{}, "https://example.org/a/deeper/path/")
	})
	t.Run("root-base", func(t *testing.T) {
		buildBoth(t, exampletest.Copy(t, nil), site.Options{}, "https://example.org/")
	})
	t.Run("drafts", func(t *testing.T) {
		src := exampletest.Copy(t, nil)
		writeFiles(t, src, map[string]string{
			"content/members/draft-member.toml":   "name = \"Draft member\"\nkind = \"individual\"\ndraft = true\noffers = [\"mediation\"]\n",
			"content/minutes/2024-09-09-draft.md": "+++\ntitle = \"Draft minutes\"\ndate = 2024-09-09\nrapporteur = \"draft-member\"\ndraft = true\n+++\nDraft body.\n",
		})
		buildBoth(t, src, site.Options{Drafts: true}, "")
		buildBoth(t, src, site.Options{}, "")
	})
	t.Run("history", func(t *testing.T) {
		buildBoth(t, exampletest.Copy(t, nil), site.Options{History: true}, "")
	})
}

// TestCompiledCheckFixtures builds each of generator/site's check fixtures
// that has no errors (drafts, dates, community types, odd encodings…).
func TestCompiledCheckFixtures(t *testing.T) {
	fixtures, err := filepath.Glob(filepath.Join(exampletest.Root(), "generator", "site", "testdata", "check", "*.txtar"))
	if err != nil || len(fixtures) == 0 {
		t.Fatal("no check fixtures", err)
	}
	built := 0
	for _, f := range fixtures {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		files := map[string]string{}
		for _, file := range a.Files {
			if file.Name != "want" {
				files[file.Name] = string(file.Data)
			}
		}
		if _, ok := files["site.toml"]; !ok {
			files["site.toml"] = "title = \"Fixture\"\nbase_url = \"https://example.org/f/\"\nlanguage = \"en\"\n"
		}
		writeFiles(t, dir, files)
		p, err := site.Open(context.Background(), site.Options{Source: dir, Today: today})
		if err != nil || p.Diags.HasErrors() {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			buildBoth(t, dir, site.Options{}, "")
			buildBoth(t, dir, site.Options{Drafts: true}, "")
		})
		built++
	}
	if built < 3 {
		t.Fatalf("only %d check fixtures build", built)
	}
}

// TestCompiledXSSVectors plants generator/site's XSS vectors in every
// kind of field and body, in a community type too, so every escaper sees
// them.
func TestCompiledXSSVectors(t *testing.T) {
	vectors := readVectors(t)
	src := exampletest.Copy(t, func(s string) string {
		return strings.Replace(s, `title = "Agora Learning Network"`, "title = "+strconv.Quote("Agora "+vectors[0]), 1)
	})
	writeFiles(t, src, vectorFiles(vectors))
	buildBoth(t, src, site.Options{}, "")
}

func readVectors(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(exampletest.Root(), "generator", "site", "testdata", "xss", "vectors.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if q, ok := strings.CutPrefix(line, "q:"); ok {
			if line, err = strconv.Unquote(q); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, line)
	}
	return out
}

// toml quotes a string for TOML (a basic string; \u escapes for controls).
func toml(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlList(items ...string) string {
	var q []string
	for _, s := range items {
		q = append(q, toml(s))
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// markdownSafe: a vector that may go in a Markdown file's body (no NUL or
// other control characters, which make the file binary or invalid).
func markdownSafe(v string) bool {
	return !strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f })
}

const eventSchema = `name = "event"
folder = "events"
title = "title"
label = "Events <b>&amp;</b>"
description = "Gatherings \" ' < > &"

[fields.title]
type = "string"
required = true
description = "The <i>name</i> & \"title\""

[fields.notes]
type = "text"

[fields.tags]
type = "list"
of = "string"

[fields.home]
type = "url"

[fields.contact]
type = "email"

[fields.host]
type = "ref"
ref = "member"

[fields.topics]
type = "list"
of = "topic"

[fields.day]
type = "date"

[fields.seats]
type = "int"

[fields.open]
type = "bool"

[fields.sessions]
type = "list"
of = "object"

[fields.sessions.fields.title]
type = "string"
required = true

[fields.sessions.fields.room]
type = "string"
`

func vectorFiles(vectors []string) map[string]string {
	files := map[string]string{"schema/event.toml": eventSchema}
	for i, v := range vectors {
		id := fmt.Sprintf("xss-%03d", i)
		body := ""
		if markdownSafe(v) {
			body = "\n" + v + "\n\n- " + v + "\n- [x] done " + v + "\n\n> " + v + "\n\n[link](" + v + ")\n"
		}
		date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly)
		files["content/pages/"+id+".md"] = "+++\ntitle = " + toml(v) + "\n+++\n" + body
		files["content/topics/"+id+".toml"] = "name = " + toml(v) + "\ndefinition = " + toml(v) + "\naliases = " + tomlList(fmt.Sprintf("%s alias %d", v, i)) + "\n"
		files["content/members/"+id+".md"] = "+++\nname = " + toml(v) + "\nkind = \"individual\"\nregion = " + toml(v) + "\ncountry = " + toml([]string{"MX", "KH", "MN"}[i%3]) +
			"\nsectors = " + tomlList(v, "plain") + "\nlanguages = [\"es\", \"km\"]" + "\noffers = [\"" + id + "\"]\nneeds = [\"" + id + "\", \"mediation\"]\nwebsite = " +
			toml("https://example.org/"+url.PathEscape(v)+"?q="+url.QueryEscape(v)) + "\nemail = " + toml("x"+strconv.Itoa(i)+"@example.org") + "\n+++\n" + body
		files["content/minutes/"+id+".md"] = "+++\ntitle = " + toml(v) + "\ndate = " + date + "\nlocation = " + toml(v) +
			"\nformat = \"hybrid\"\nrapporteur = \"" + id + "\"\nattendees = [\"" + id + "\"]\nfacilitators = [\"" + id + "\"]\ntopics = [\"" + id + "\"]\ndecisions = " + tomlList(v, "second") +
			"\n[[actions]]\ntask = " + toml(v) + "\nowner = \"" + id + "\"\ndue = 2025-01-01\nstatus = \"open\"\n[[actions]]\ntask = " + toml(v) + "\n+++\n" + body
		files["content/curriculum/"+id+".md"] = "+++\ntitle = " + toml(v) + "\nsummary = " + toml(v) +
			"\nlevel = \"introductory\"\nduration_minutes = " + strconv.Itoa(i+1) + "\nlanguage = \"es\"" + "\nlicense = " + toml(v) + "\ntopics = [\"" + id + "\"]\nauthors = [\"" + id + "\"]\nobjectives = " + tomlList(v) +
			"\n[[materials]]\ntitle = " + toml(v) + "\nurl = " + toml("https://example.org/m?q="+url.QueryEscape(v)) + "\n+++\n" + body
		files["content/charters/"+id+".md"] = "+++\ntitle = " + toml(v) + "\nadopted = " + date + "\nrevised = " + date + "\nmission = " + toml(v) +
			"\nvision = " + toml(v) + "\nmembers = [\"" + id + "\"]\n[[goals]]\nhorizon = \"short\"\ntext = " + toml(v) + "\n+++\n" + body
		files["content/governance/"+id+".md"] = "+++\ntitle = " + toml(v) + "\ncategory = \"other\"\nstatus = \"active\"\nadopted = " + date + "\n[[terms]]\nrole = " + toml(v) +
			"\nmember = \"" + id + "\"\nfrom = " + date + "\n+++\n" + body
		files["content/events/"+id+".md"] = "+++\ntitle = " + toml(v) + "\nnotes = " + toml(v) + "\ntags = " + tomlList(v, "x") +
			"\nhome = " + toml("https://example.org/e/"+url.PathEscape(v)) + "\ncontact = " + toml("e"+strconv.Itoa(i)+"@example.org") + "\nhost = \"" + id + "\"\ntopics = [\"" + id + "\"]\nday = " + date +
			"\nseats = " + strconv.Itoa(i) + "\nopen = " + strconv.FormatBool(i%2 == 0) + "\n[[sessions]]\ntitle = " + toml(v) + "\nroom = " + toml(v) + "\n+++\n" + body
	}
	return files
}

// TestCompiledEmptyOptionalFields: entries with only their required
// fields, and a site without description or repository.
func TestCompiledEmptyOptionalFields(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"site.toml":                      "title = \"Bare\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n",
		"content/members/a.toml":         "name = \"A\"\nkind = \"organization\"\n",
		"content/topics/t.toml":          "name = \"T\"\n",
		"content/minutes/m.md":           "+++\ntitle = \"M\"\ndate = 2024-01-01\nrapporteur = \"a\"\n[[actions]]\ntask = \"x\"\n+++\n",
		"content/curriculum/c.md":        "+++\ntitle = \"C\"\nsummary = \"S\"\n+++\n",
		"content/charters/ch.md":         "+++\ntitle = \"Ch\"\nadopted = 2020-01-01\nmission = \"M\"\n+++\n",
		"content/governance/g.md":        "+++\ntitle = \"G\"\ncategory = \"roles\"\n[[terms]]\nrole = \"r\"\nmember = \"a\"\nfrom = 2020-01-01\n+++\n",
		"content/pages/about.md":         "+++\ntitle = \"About\"\n+++\n",
		"content/minutes/no-actions.md":  "+++\ntitle = \"N\"\ndate = 2023-01-01\nrapporteur = \"a\"\n+++\n",
		"content/governance/g2.md":       "+++\ntitle = \"G2\"\ncategory = \"roles\"\nsupersedes = \"g\"\n+++\n",
		"content/curriculum/c2.md":       "+++\ntitle = \"C2\"\nsummary = \"S\"\nprerequisites = [\"c\"]\n+++\n",
		"content/members/b.toml":         "name = \"B\"\nkind = \"individual\"\nneeds = [\"t\"]\n",
		"content/topics/unused.toml":     "name = \"Unused\"\n",
		"content/charters/ch2.md":        "+++\ntitle = \"Ch2\"\nadopted = 2021-01-01\nmission = \"M2\"\n[[goals]]\nhorizon = \"long\"\ntext = \"g\"\n+++\n",
		"content/minutes/future.md":      "+++\ntitle = \"F\"\ndate = 2030-01-01\nend_date = 2030-01-02\nrapporteur = \"b\"\ncharter = \"ch\"\n+++\n",
		"content/governance/retired.md":  "+++\ntitle = \"R\"\ncategory = \"conduct\"\nstatus = \"retired\"\n+++\n",
		"content/curriculum/no-topic.md": "+++\ntitle = \"NT\"\nsummary = \"S\"\nlevel = \"advanced\"\n+++\n",
	})
	buildBoth(t, dir, site.Options{}, "")
	empty := t.TempDir()
	writeFiles(t, empty, map[string]string{"site.toml": "title = \"Empty\"\nbase_url = \"https://example.org/e/\"\nlanguage = \"fr\"\n"})
	if err := os.Mkdir(filepath.Join(empty, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	buildBoth(t, empty, site.Options{}, "")
}

// TestCompiledGeneratedCorpus builds a generated network of a few hundred
// entries (and the corpus at $AGORA_CORPUS when set).
func TestCompiledGeneratedCorpus(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, corpus(300))
	if n := buildBoth(t, dir, site.Options{}, ""); n < 300 {
		t.Fatalf("only %d pages rendered compiled", n)
	}
	if c := os.Getenv("AGORA_CORPUS"); c != "" && !testing.Short() {
		buildBoth(t, c, site.Options{}, "")
	}
}

// corpus is a network of n members with topics, minutes, modules, rules
// and charters pointing at each other.
func corpus(n int) map[string]string {
	files := map[string]string{"site.toml": "title = \"Corpus\"\ndescription = \"A generated network\"\nbase_url = \"https://example.org/c/\"\nlanguage = \"es\"\n[repo]\nurl = \"https://gitlab.com/x/y\"\n"}
	regions := []string{"Sonora", "Bayan-Ölgii", "Kampot", "", "Oaxaca"}
	countries := []string{"MX", "MN", "KH", "", "FR"}
	topics := n / 5
	for i := range topics {
		files[fmt.Sprintf("content/topics/t%03d.toml", i)] = fmt.Sprintf("name = \"Topic %d é\"\ndefinition = \"About %d & more\"\naliases = [\"alias %d\"]\n", i, i, i)
	}
	for i := range n {
		langs := `["es", "km"]`
		if i%3 == 0 {
			langs = `[]`
		}
		files[fmt.Sprintf("content/members/m%03d.toml", i)] = fmt.Sprintf("name = \"Member %d <%d>\"\nkind = %q\nregion = %q\n%ssectors = [\"s%d\", \"education\"]\nlanguages = %s\noffers = [\"t%03d\", \"t%03d\"]\nneeds = [\"t%03d\"]\njoined = 2020-0%d-01\nwebsite = \"https://m%d.example.org/?a=1&b=2\"\nemail = \"m%d@example.org\"\n",
			i, i, []string{"organization", "individual"}[i%2], regions[i%len(regions)], countryLine(countries[i%len(countries)]), i%7, langs, i%topics, (i*7)%topics, (i*3+1)%topics, 1+i%9, i, i)
		if i%2 == 0 {
			files[fmt.Sprintf("content/minutes/2024-%02d-%02d-m%03d.md", 1+i%12, 1+i%28, i)] = fmt.Sprintf("+++\ntitle = \"Meeting %d\"\ndate = 20%02d-%02d-%02d\nlocation = \"Room %d\"\nformat = %q\nrapporteur = \"m%03d\"\nattendees = [\"m%03d\", \"m%03d\"]\nfacilitators = [\"m%03d\"]\ntopics = [\"t%03d\"]\ndecisions = [\"Decide %d\", \"Then <b>%d</b>\"]\ncharter = \"ch%d\"\n[[actions]]\ntask = \"Task %d\"\nowner = \"m%03d\"\ndue = 2025-0%d-10\nstatus = %q\n[[actions]]\ntask = \"Unowned %d\"\n+++\nNotes of **meeting %d**, with a [link](https://example.org/%d).\n\n- [ ] todo\n- [x] done\n",
				i, 20+i%6, 1+i%12, 1+i%28, i, []string{"in-person", "virtual", "hybrid"}[i%3], i, (i+1)%n, (i+2)%n, (i+3)%n, i%topics, i, i, i%3, i, (i+5)%n, 1+i%9, []string{"open", "done", "dropped"}[i%3], i, i, i)
		}
		if i%4 == 0 {
			prereq := ""
			if i >= 8 {
				prereq = fmt.Sprintf("prerequisites = [\"c%03d\"]\n", i-4)
			}
			files[fmt.Sprintf("content/curriculum/c%03d.md", i)] = fmt.Sprintf("+++\ntitle = \"Module %d\"\nsummary = \"Learn %d\"\nlevel = %q\nduration_minutes = %d\ntopics = [\"t%03d\"]\nauthors = [\"m%03d\"]\n%sobjectives = [\"o1\", \"o2\"]\nlanguage = \"es\"\nlicense = \"CC-BY\"\n[[materials]]\ntitle = \"Guide\"\nurl = \"https://example.org/g%d.pdf\"\n+++\nModule body %d.\n",
				i, i, []string{"introductory", "intermediate", "advanced"}[i%3], 30+i, i%topics, i, prereq, i, i)
		}
		if i%10 == 0 {
			sup := ""
			if i >= 10 {
				sup = fmt.Sprintf("supersedes = \"r%03d\"\n", i-10)
			}
			files[fmt.Sprintf("content/governance/r%03d.md", i)] = fmt.Sprintf("+++\ntitle = \"Rule %d\"\ncategory = %q\nstatus = %q\nadopted = 2021-01-01\n%s[[terms]]\nrole = \"Chair\"\nmember = \"m%03d\"\nfrom = 2021-01-01\nto = 2022-01-01\n[[terms]]\nrole = \"Treasurer\"\nmember = \"m%03d\"\nfrom = 2023-01-01\n+++\nRule %d.\n",
				i, []string{"roles", "rotation", "other"}[i%3], []string{"active", "proposed", "retired"}[i%3], sup, i, (i+1)%n, i)
		}
	}
	for i := range 3 {
		files[fmt.Sprintf("content/charters/ch%d.md", i)] = fmt.Sprintf("+++\ntitle = \"Charter %d\"\nadopted = 2019-01-01\nmission = \"Mission %d\"\nvision = \"Vision\"\nmembers = [\"m%03d\"]\n[[goals]]\nhorizon = \"short\"\ntext = \"Goal\"\n[[goals]]\nhorizon = \"long\"\ntext = \"Later\"\n+++\nCharter %d.\n", i, i, i, i)
	}
	files["content/pages/about.md"] = "+++\ntitle = \"About\"\n+++\nAbout us.\n"
	return files
}

func countryLine(c string) string {
	if c == "" {
		return ""
	}
	return "country = " + strconv.Quote(c) + "\n"
}

// TestCompiledFallsBackForOwnTemplates: a community theme that overrides
// one partial gets its own markup on every page (html/template), and one
// that overrides one page template gets it on those pages only.
func TestCompiledFallsBackForOwnTemplates(t *testing.T) {
	src := exampletest.Copy(t, nil)
	meta, err := os.ReadFile(filepath.Join(exampletest.Root(), "themes", "default", "templates", "partials", "meta.html"))
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(meta), `<div class="prose">`, `<div class="prose own-partial">`, 1)
	writeFiles(t, src, map[string]string{"themes/default/templates/partials/meta.html": own})
	if n := buildBoth(t, src, site.Options{}, ""); n != 0 {
		t.Errorf("%d pages rendered compiled with an overridden partial", n)
	}
	files := buildOnce(t, src)
	if !bytes.Contains(files["members/ana-lucia-moreno/index.html"], []byte("own-partial")) && !anyContains(files, "own-partial") {
		t.Error("the overridden partial is not used")
	}

	src = exampletest.Copy(t, nil)
	writeFiles(t, src, map[string]string{"themes/default/templates/topic.html": `{{define "main"}}<p>own topic page {{.Title}}</p>{{end}}`})
	if n := buildBoth(t, src, site.Options{}, ""); n == 0 {
		t.Error("no page rendered compiled when only the topic template is overridden")
	}
	files = buildOnce(t, src)
	for p, b := range files {
		if strings.HasPrefix(p, "topics/") && strings.Count(p, "/") == 2 && strings.HasSuffix(p, "/index.html") && !bytes.Contains(b, []byte("own topic page")) {
			t.Errorf("%s does not use the overridden topic template", p)
		}
	}
}

func buildOnce(t *testing.T, src string) map[string][]byte {
	t.Helper()
	p, err := site.Open(context.Background(), site.Options{Source: src, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	files, err := p.BuildMemory(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func anyContains(files map[string][]byte, s string) bool {
	for _, b := range files {
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}

// TestCompiledErrorsAsHTMLTemplate: a method's error stops a compiled
// page with the error html/template gives (here an entry body that
// changed while building, read again as no body was kept).
func TestCompiledErrorsAsHTMLTemplate(t *testing.T) {
	src := exampletest.Copy(t, nil)
	p, err := site.Open(context.Background(), site.Options{Source: src, Today: today, KeptBodies: -1})
	if err != nil {
		t.Fatal(err)
	}
	bodies, _ := filepath.Glob(filepath.Join(src, "content", "minutes", "*.md"))
	if len(bodies) == 0 {
		t.Fatal("no minutes in the example")
	}
	if err := os.WriteFile(bodies[0], nil, 0o644); err != nil {
		t.Fatal(err)
	}
	buildErr := func(htmlTemplate bool) error {
		render.UseHTMLTemplate(htmlTemplate)
		defer render.UseHTMLTemplate(false)
		_, err := p.BuildMemory(context.Background(), "")
		return err
	}
	want, got := buildErr(true), buildErr(false)
	if want == nil || got == nil {
		t.Fatalf("errors: html/template %v, compiled %v", want, got)
	}
	if !strings.Contains(want.Error(), "error calling Body") {
		t.Fatalf("the error does not come from the template: %v", want)
	}
	if got.Error() != want.Error() {
		t.Errorf("compiled error\n%s\nhtml/template's\n%s", got, want)
	}
}
