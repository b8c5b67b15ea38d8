package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/internal/exampletest"
)

// today fixes the date of overdue marks so output is reproducible.
var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func buildSite(t *testing.T, source string, opts BuildOptions) (string, BuildResult) {
	t.Helper()
	p, err := Open(context.Background(), Options{Source: source, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Diags.HasErrors() {
		t.Fatalf("content errors: %v", p.Diags)
	}
	if opts.Out == "" {
		opts.Out = filepath.Join(t.TempDir(), "public")
	}
	res, err := p.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return opts.Out, res
}

// example is the example site built once, with its links checked, for
// the tests that only read it (a build of it is about 3 s; some fifteen
// tests read it). A test that changes the output builds its own.
var example struct {
	once sync.Once
	dir  string
	out  string
	res  BuildResult
	err  error
}

// exampleSite returns the shared build of the example: its output
// folder, which the caller must not change, and the build's result.
func exampleSite(t *testing.T) (string, BuildResult) {
	t.Helper()
	example.once.Do(func() {
		example.dir, example.err = os.MkdirTemp("", "agora-example-")
		if example.err != nil {
			return
		}
		var p *Project
		p, example.err = Open(context.Background(), Options{Source: exampletest.Root(), Today: today})
		if example.err != nil {
			return
		}
		defer p.Close()
		if p.Diags.HasErrors() {
			example.err = fmt.Errorf("content errors: %v", p.Diags)
			return
		}
		example.out = filepath.Join(example.dir, "public")
		example.res, example.err = p.Build(context.Background(), BuildOptions{Out: example.out, CheckLinks: true})
	})
	if example.err != nil {
		t.Fatal(example.err)
	}
	return example.out, example.res
}

func TestMain(m *testing.M) {
	code := m.Run()
	if example.dir != "" {
		os.RemoveAll(example.dir)
	}
	os.Exit(code)
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExampleHasEveryURL builds the example with the link checker on and
// checks that every URL of the content contract exists.
func TestExampleHasEveryURL(t *testing.T) {
	out, _ := exampleSite(t)
	for _, p := range []string{
		"index.html", "members/index.html", "members/red-mujeres-sonora/index.html",
		"charters/index.html", "charters/network/index.html",
		"governance/index.html", "governance/rotating-rapporteur/index.html",
		"minutes/index.html", "curriculum/index.html", "topics/index.html", "topics/facilitation/index.html",
		"about/index.html", "search/index.html", "actions/index.html", "404.html",
		"sitemap.xml", "feed.xml", "calendar.ics", "_headers",
		"exchanges/index.html", "exchanges/digital-security-clinic/index.html",
		"assessments/index.html", "assessments/altai-craft-women-oca-2025/index.html", "impact/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "minutes", "2026-11-19-digital-security-clinic")); err == nil {
		t.Error("a draft was published without --drafts")
	}
}

// TestBuildIsDeterministic builds twice and compares every byte.
func TestBuildIsDeterministic(t *testing.T) {
	a, _ := buildSite(t, exampletest.Root(), BuildOptions{})
	b, _ := buildSite(t, exampletest.Root(), BuildOptions{})
	files := 0
	filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		other, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(other, []byte(read(t, p))) {
			t.Errorf("%s differs between two builds", rel)
		}
		files++
		return nil
	})
	if files < 70 {
		t.Errorf("only %d files built", files)
	}
}

// TestBaseURLWithPath serves the site from a subfolder: canonical URLs
// carry it, relative links need nothing, and the 404 page (served at any
// depth) links from the base path.
func TestBaseURLWithPath(t *testing.T) {
	out, _ := buildSite(t, exampletest.Root(), BuildOptions{BaseURL: "https://ngo.example/kb/learning/", CheckLinks: true})
	member := read(t, filepath.Join(out, "members", "red-mujeres-sonora", "index.html"))
	for _, want := range []string{
		`<link rel="canonical" href="https://ngo.example/kb/learning/members/red-mujeres-sonora/">`,
		`<a class="brand" href="../../">`,
	} {
		if !strings.Contains(member, want) {
			t.Errorf("member page lacks %s", want)
		}
	}
	notFound := read(t, filepath.Join(out, "404.html"))
	if !strings.Contains(notFound, `href="/kb/learning/topics/"`) {
		t.Error("404 page does not link from the base path")
	}
	if !strings.Contains(read(t, filepath.Join(out, "sitemap.xml")), "<loc>https://ngo.example/kb/learning/minutes/</loc>") {
		t.Error("sitemap lacks absolute URLs under the base path")
	}
}

// TestPrivateFieldsNeverPublished plants a secret in a private field and
// greps every output file for it.
func TestPrivateFieldsNeverPublished(t *testing.T) {
	src := exampletest.Copy(t, nil)
	const secret = "+976 9911 SECRET 4242"
	member := filepath.Join(src, "content", "members", "red-mujeres-sonora.md")
	b := read(t, member)
	b = strings.Replace(b, "+++\n", "+++\nphone = \""+secret+"\"\n", 1)
	b = strings.Replace(b, "\nphone = \"+52", "\n# phone = \"+52", 1)
	os.WriteFile(member, []byte(b), 0o644)
	out, _ := buildSite(t, src, BuildOptions{})
	found := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(read(t, p), "SECRET") {
			t.Errorf("%s publishes the private phone", p)
		}
		found++
		return nil
	})
	if found < 70 {
		t.Fatalf("only %d files checked", found)
	}
}

// TestFailedBuildKeepsPreviousOutput breaks a file after a good build:
// the second build fails and the output is untouched.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	src := exampletest.Copy(t, nil)
	out, _ := buildSite(t, src, BuildOptions{})
	before := read(t, filepath.Join(out, "index.html"))
	os.WriteFile(filepath.Join(src, "content", "topics", "facilitation.md"), []byte("+++\nname = = 1\n+++\n"), 0o644)
	p, err := Open(context.Background(), Options{Source: src, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Build(context.Background(), BuildOptions{Out: out}); err == nil {
		t.Fatal("a build with content errors succeeded")
	}
	if read(t, filepath.Join(out, "index.html")) != before {
		t.Error("the failed build changed the previous output")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

// TestOutRefusesForeignFolders keeps --out from replacing a folder that
// Agora did not make, or the source itself.
func TestOutRefusesForeignFolders(t *testing.T) {
	src := exampletest.Copy(t, nil)
	foreign := filepath.Join(t.TempDir(), "photos")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "wedding.jpg"), []byte("precious"), 0o644)
	p, err := Open(context.Background(), Options{Source: src, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, out := range []string{foreign, src, filepath.Dir(src), "/"} {
		if _, err := p.Build(context.Background(), BuildOptions{Out: out}); err == nil {
			t.Errorf("build replaced %s", out)
		}
	}
	if read(t, filepath.Join(foreign, "wedding.jpg")) != "precious" {
		t.Error("a foreign file was touched")
	}
}

// TestDirectoryFiltersWithoutJavaScript: every region, country and kind
// has a page of its own, linked from the directory, so readers without
// JavaScript filter by following a link.
func TestDirectoryFiltersWithoutJavaScript(t *testing.T) {
	out, _ := exampleSite(t)
	dir := read(t, filepath.Join(out, "members", "index.html"))
	for _, link := range []string{`href="by.kind/individual/"`, `href="by.country/kh/"`, `href="by.region/sonora/"`} {
		if !strings.Contains(dir, link) {
			t.Errorf("the directory lacks the no-JavaScript filter link %s", link)
		}
	}
	page := read(t, filepath.Join(out, "members", "by.kind", "individual", "index.html"))
	if !strings.Contains(page, "Lucía Ferrer Anaya") || strings.Contains(page, "Red de Mujeres") {
		t.Error("the kind page does not hold exactly the individuals")
	}
	if _, err := os.Stat(filepath.Join(out, "members", "by.region", "bayan-ölgii", "index.html")); err != nil {
		t.Error("a region with a non-ASCII letter has no page of its own")
	}
}

// TestSearchBoxWithoutJavaScript: beside every page's search box, a link
// to the topic index that shows only when scripts are off.
func TestSearchBoxWithoutJavaScript(t *testing.T) {
	out, _ := exampleSite(t)
	for page, href := range map[string]string{"index.html": "topics/", "members/red-mujeres-sonora/index.html": "../../topics/"} {
		want := `<noscript><a class="topics-link" href="` + href + `">`
		if !strings.Contains(read(t, filepath.Join(out, filepath.FromSlash(page))), want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
}
