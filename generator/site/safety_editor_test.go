package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"github.com/agora-community/agora/generator/cms"
	"github.com/agora-community/agora/generator/internal/exampletest"
)

// editorBackend is the example's repository (site.toml [repo]) as the
// editor's backend.
var editorBackend = cms.Backend{Name: "github", Repo: "example-network/knowledge-base", Branch: "main"}

// checkEditor checks /admin/: a page that loads the pinned CMS script
// with its SRI hash and nothing else, under the editor's own policy,
// kept out of search engines; and a config.yml that is YAML.
func checkEditor(rel string, data []byte, report func(string, ...any)) {
	switch rel {
	case cms.Path + "config.yml":
		var v map[string]any
		if err := yaml.Unmarshal(data, &v); err != nil || v["backend"] == nil || v["collections"] == nil {
			report("not the CMS's configuration: %v", err)
		}
		return
	case cms.Path + "index.html":
	default:
		report("a file the editor does not publish")
		return
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		report("does not parse: %v", err)
		return
	}
	var scripts, policies, robots int
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			switch {
			case n.Data == "script":
				scripts++
				if attrs["src"] != cms.ScriptURL || attrs["integrity"] != cms.Integrity || attrs["crossorigin"] != "anonymous" || n.FirstChild != nil {
					report("a script that is not the pinned CMS with its hash: %v", attrs)
				}
			case n.Data == "meta" && attrs["http-equiv"] == "Content-Security-Policy":
				policies++
				if attrs["content"] != cms.Policy(editorBackend) {
					report("the editor's policy %q, want %q", attrs["content"], cms.Policy(editorBackend))
				}
			case n.Data == "meta" && attrs["name"] == "robots":
				robots++
				if attrs["content"] != "noindex" {
					report("robots %q", attrs["content"])
				}
			case attrs["style"] != "" || n.Data == "iframe" || n.Data == "object" || n.Data == "embed" || n.Data == "base":
				report("<%s> in the editor's page", n.Data)
			}
			for k := range attrs {
				if strings.HasPrefix(k, "on") {
					report("an event handler %s", k)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts != 1 || policies != 1 || robots != 1 {
		report("%d scripts, %d policies, %d robots metas (want one of each)", scripts, policies, robots)
	}
}

// editorSite is a copy of the example with [cms] set as given.
func editorSite(t *testing.T, cmsTable string) string {
	t.Helper()
	dir := exampletest.Copy(t, nil)
	f, err := os.OpenFile(filepath.Join(dir, "site.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\n[cms]\n" + cmsTable); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestEditorIsAnExplicitException: /admin/ exists only with [cms]
// enabled, passes the output check's rules for the editor, keeps every
// other page under the site's policy, and is linked from no public page
// unless site.toml says link = true.
func TestEditorIsAnExplicitException(t *testing.T) {
	t.Parallel()
	off, _ := exampleSite(t)
	if _, err := os.Stat(filepath.Join(off, "admin")); !os.IsNotExist(err) {
		t.Errorf("/admin/ published without [cms] enabled: %v", err)
	}
	if strings.Contains(read(t, filepath.Join(off, "_headers")), "/admin/") {
		t.Error("_headers names /admin/ without [cms] enabled")
	}

	out, _ := buildSite(t, editorSite(t, "enabled = true\n"), BuildOptions{})
	for _, p := range outputProblems(t, out) {
		t.Error(p)
	}
	for _, f := range []string{"admin/index.html", "admin/config.yml"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("with [cms] enabled: %v", err)
		}
	}
	if links := pagesLinkingEditor(t, out); len(links) > 0 {
		t.Errorf("public pages link the editor without link = true: %v", links[:min(3, len(links))])
	}

	linked, _ := buildSite(t, editorSite(t, "enabled = true\nlink = true\n"), BuildOptions{})
	home := read(t, filepath.Join(linked, "index.html"))
	member := read(t, filepath.Join(linked, "members/red-mujeres-sonora/index.html"))
	if !strings.Contains(home, `<a href="admin/" rel="nofollow">Edit in the browser</a>`) ||
		!strings.Contains(member, `<a href="../../admin/" rel="nofollow">Edit in the browser</a>`) {
		t.Error("link = true: the footer does not link the editor")
	}
}

// pagesLinkingEditor lists the public pages that link to admin/.
func pagesLinkingEditor(t *testing.T, out string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.Contains(p, string(filepath.Separator)+"admin"+string(filepath.Separator)) {
			return err
		}
		if strings.Contains(read(t, p), `admin/"`) {
			found = append(found, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestEditorCheckCatches: the editor's exception is exact: another
// hash, another script, a looser policy or no robots meta is reported.
func TestEditorCheckCatches(t *testing.T) {
	good := string(cms.IndexHTML("T", "en", editorBackend))
	count := func(page string) int {
		n := 0
		checkEditor(cms.Path+"index.html", []byte(page), func(string, ...any) { n++ })
		return n
	}
	if n := count(good); n != 0 {
		t.Fatalf("the page agora writes: %d problems", n)
	}
	for name, page := range map[string]string{
		"another hash":     strings.Replace(good, cms.Integrity, "sha384-AAAA", 1),
		"another script":   strings.Replace(good, "</body>", `<script src="https://evil.example/x.js"></script></body>`, 1),
		"an inline script": strings.Replace(good, "</body>", `<script>alert(1)</script></body>`, 1),
		"a looser policy":  strings.Replace(good, "script-src &#39;self&#39; ", "script-src &#39;self&#39; &#39;unsafe-eval&#39; ", 1),
		"no robots meta":   strings.Replace(good, `<meta name="robots" content="noindex">`, "", 1),
		"an event handler": strings.Replace(good, "<body>", `<body onload="x()">`, 1),
	} {
		if count(page) == 0 {
			t.Errorf("%s: not reported", name)
		}
	}
}
