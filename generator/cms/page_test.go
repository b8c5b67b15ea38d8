package cms

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestIndexHTML(t *testing.T) {
	b := Backend{Name: "github", Repo: "net/kb", Branch: "main"}
	page := IndexHTML(`Red "Agua" <Viva>`, "es", b)
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []map[string]string
	metas := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			switch n.Data {
			case "script":
				scripts = append(scripts, attrs)
			case "meta":
				metas[attrs["name"]+attrs["http-equiv"]] = attrs["content"]
			case "title":
				if n.FirstChild.Data != `Editor · Red "Agua" <Viva>` {
					t.Errorf("title %q", n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(scripts) != 1 || scripts[0]["src"] != ScriptURL || scripts[0]["integrity"] != Integrity || scripts[0]["crossorigin"] != "anonymous" {
		t.Errorf("scripts: %v", scripts)
	}
	if !strings.Contains(ScriptURL, "@"+Version+"/") {
		t.Errorf("%s is not pinned to %s", ScriptURL, Version)
	}
	if metas["robots"] != "noindex" || metas["Content-Security-Policy"] != Policy(b) {
		t.Errorf("metas: %v", metas)
	}
}

// TestPolicy: /admin/'s policy allows the pinned script alone (no
// 'unsafe-inline' or 'unsafe-eval' for scripts, no other script host)
// and connects only to the site, the repository host's API, the CMS's
// version check and the public host's status page.
func TestPolicy(t *testing.T) {
	status := map[string]string{
		"github": " https://www.githubstatus.com/api/v2/status.json",
		"gitlab": " https://status-api.hostedstatus.com/1.0/status/5b36dc6502d06804c08349f7",
	}
	for _, b := range []Backend{{Name: "github"}, {Name: "gitlab"}, {Name: "gitea", Origin: "https://codeberg.org"}, {Name: "gitlab", Origin: "https://git.example.org"}} {
		directives := map[string]string{}
		for _, d := range strings.Split(Policy(b), "; ") {
			name, value, _ := strings.Cut(d, " ")
			directives[name] = value
		}
		if directives["script-src"] != "'self' "+ScriptURL {
			t.Errorf("script-src %q", directives["script-src"])
		}
		want := "'self' data: blob: " + b.API() + " https://unpkg.com/@sveltia/cms/package.json"
		if b.Origin == "" {
			want += status[b.Name]
		}
		if directives["connect-src"] != want {
			t.Errorf("connect-src %q", directives["connect-src"])
		}
		if directives["object-src"] != "'none'" || directives["default-src"] != "'self'" {
			t.Errorf("policy %q", Policy(b))
		}
	}
	h := Headers(Backend{Name: "github"})
	if !strings.HasPrefix(h, "/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: "+Policy(Backend{Name: "github"})+"; frame-ancestors 'none'\n") {
		t.Errorf("headers:\n%s", h)
	}
}
