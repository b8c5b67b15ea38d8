package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestFirstPaintWaitsForMain checks the hold on the first paint of every
// page of the example (base.html): a <link rel="expect"> in the head
// whose target is one element that comes after all of main, so that no
// browser that honours it paints main half parsed. A target missing from
// the page would hold the paint to the end of the document; one inside
// main would let main be painted in part.
func TestFirstPaintWaitsForMain(t *testing.T) {
	t.Parallel()
	out, _ := exampleSite(t)
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		if problem := paintHoldProblem(data); problem != "" {
			t.Errorf("%s: %s", strings.TrimPrefix(p, out), problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 50 {
		t.Fatalf("only %d pages", pages)
	}
}

// paintHoldProblem says what is wrong with a page's hold on its first
// paint, or "".
func paintHoldProblem(data []byte) string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return err.Error()
	}
	var holds []*html.Node
	var mains int
	targets := map[string][]bool{} // id → for each element, whether it follows all of main
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Link && attrValue(n, "rel") == "expect" {
				holds = append(holds, n)
			}
			if id := attrValue(n, "id"); id != "" {
				targets[id] = append(targets[id], mains == 1)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.DataAtom == atom.Main {
			mains++
		}
	}
	walk(doc)
	if len(holds) != 1 || attrValue(holds[0], "blocking") != "render" {
		return "want one <link rel=expect blocking=render>"
	}
	if mains != 1 {
		return "want one main element"
	}
	target := strings.TrimPrefix(attrValue(holds[0], "href"), "#")
	switch at := targets[target]; {
	case len(at) != 1:
		return "not one element with the id the paint waits for: #" + target
	case !at[0]:
		return "the paint waits only for an element inside or before main: #" + target
	}
	return ""
}

func TestPaintHoldProblem(t *testing.T) {
	const head = `<!doctype html><html><head><link rel="expect" href="#%s" blocking="render"></head><body>`
	for _, c := range []struct {
		target, body string
		ok           bool
	}{
		{"foot", `<header></header><main id="main"><p>x</p></main><footer id="foot"></footer>`, true},
		{"main", `<header></header><main id="main"><p>x</p></main><footer id="foot"></footer>`, false},
		{"x", `<main id="main"><p id="x">x</p></main><footer id="foot"></footer>`, false},
		{"gone", `<main id="main"></main><footer id="foot"></footer>`, false},
		{"foot", `<main id="main"></main><footer id="foot"></footer><p id="foot"></p>`, false},
		{"foot", `<footer id="foot"></footer>`, false},
	} {
		got := paintHoldProblem([]byte(fmt.Sprintf(head, c.target) + c.body))
		if (got == "") != c.ok {
			t.Errorf("#%s in %s: %q", c.target, c.body, got)
		}
	}
}

func attrValue(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
