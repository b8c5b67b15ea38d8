package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"

	"github.com/agora-community/agora/generator/config"
)

// The page frame (the header with its search box and navigation, the
// footer) is the same on every page at the same depth under the same
// section, so each part is rendered once per build for each depth and
// section instead of once per page: it was a fifth of all rendering.
// Its templates ("header", "footer" in partials/chrome.html) see a Frame,
// which holds nothing that differs between such pages, so a theme cannot
// make a cached frame show another page's data.

// Frame is what the header and footer templates see.
type Frame struct {
	root    string // "../../": leads back to the site root
	current uint64 // bit i: the page is under Nav()[i]
	s       *Site
}

// FrameNavItem is a main navigation link and whether the page is in it.
type FrameNavItem struct {
	Label, Path string
	Current     bool
}

// Href links to a site path from any page of this depth.
func (f *Frame) Href(path string) string {
	if path == "" && f.root == "" {
		return "./"
	}
	return rootRelative(f.root, path)
}

// Asset links to a theme file by its hashed name.
func (f *Frame) Asset(name string) string { return f.Href(f.s.assets[name]) }

// Config is site.toml.
func (f *Frame) Config() *config.Site { return f.s.in.Config }

// Lang is the site's language.
func (f *Frame) Lang() string { return f.s.theme.Strings.Lang }

// Nav lists the main sections, marking the page's own.
func (f *Frame) Nav() []FrameNavItem {
	var out []FrameNavItem
	for i, n := range f.s.nav() {
		out = append(out, FrameNavItem{n.Label, n.Path, f.current&(1<<i) != 0})
	}
	return out
}

// Pages lists the free pages, for the footer.
func (f *Frame) Pages() []*Entry { return f.s.Entries("page") }

type frameKey struct {
	part, root string
	current    uint64
}

type frameCache struct {
	mu    sync.Mutex
	parts map[frameKey]template.HTML
}

// Frame renders a part of the page frame ("header" or "footer"), once per
// depth and section.
func (p *Page) Frame(part string) (template.HTML, error) {
	var current uint64
	for i, n := range p.s.nav() {
		if i < 64 && p.Current(n.Path) {
			current |= 1 << i
		}
	}
	key := frameKey{part, p.root, current}
	c := &p.s.frames
	c.mu.Lock()
	html, ok := c.parts[key]
	c.mu.Unlock()
	if ok {
		return html, nil
	}
	f := &Frame{root: p.root, current: current, s: p.s}
	t, _ := p.s.theme.page("home")
	if t == nil || t.Lookup(part) == nil {
		return "", fmt.Errorf("theme: no template %q (partials/chrome.html)", part)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, part, f); err != nil {
		return "", err
	}
	// Made by html/template from a Frame: as safe as the page around it.
	html = template.HTML(buf.String())
	c.mu.Lock()
	if c.parts == nil {
		c.parts = map[frameKey]template.HTML{}
	}
	c.parts[key] = html
	c.mu.Unlock()
	return html, nil
}
