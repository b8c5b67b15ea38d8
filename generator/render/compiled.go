package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"runtime"
	"sync/atomic"
	texttemplate "text/template"
)

// The default theme's page templates are also compiled to Go
// (templates_gen.go, made by internal/compiletemplates from the escaped
// html/template trees): html/template finds every field and method by
// reflection on every call, which was over a third of a build's CPU time.
// A compiled page is used only when the theme's sources are exactly those
// it was compiled from; a community's own templates, or a stale compiled
// file, render through html/template as before.

//go:generate go run -tags agora_nocompiled ./internal/compiletemplates -o templates_gen.go

// compiledPage is one page template compiled to Go.
type compiledPage struct {
	sources string // Theme.sources of what it was compiled from
	render  func(r *run, p *Page) error
}

// compiledPages is filled by templates_gen.go, which builds without the
// agora_nocompiled tag.
var compiledPages = map[string]compiledPage{}

// htmlTemplateOnly makes every page render through html/template, so
// tests can compare both ways in one process; compiledRenders counts the
// pages rendered compiled, so they can tell which way a page went.
var (
	htmlTemplateOnly atomic.Bool
	compiledRenders  atomic.Int64
)

// run is what a compiled page writes to and calls the theme's functions on.
type run struct {
	w    *bytes.Buffer
	strs *Strings
}

// compiled returns the compiled page for a page template, or nil when its
// sources differ from those it was compiled from.
func (t *Theme) compiled(name string) func(r *run, p *Page) error {
	c, ok := compiledPages[name]
	if !ok || c.sources != t.sources[name] || htmlTemplateOnly.Load() {
		return nil
	}
	return c.render
}

// renderCompiled runs a compiled page into w. A panic in a method the page
// calls is an error, as html/template makes it.
func (s *Site) renderCompiled(w io.Writer, name string, page func(r *run, p *Page) error, pg *Page) (err error) {
	compiledRenders.Add(1)
	buf, direct := w.(*bytes.Buffer)
	if !direct {
		buf = new(bytes.Buffer)
	}
	if size := s.pageSizes[name]; size != nil {
		defer size.grow(buf, 1)()
	}
	defer func() {
		if e := recover(); e != nil {
			if re, ok := e.(runtime.Error); ok {
				err = fmt.Errorf("template: %w", re)
				return
			}
			err = fmt.Errorf("template: %v", e)
		}
	}()
	if err := page(&run{w: buf, strs: s.theme.Strings}, pg); err != nil {
		return err
	}
	if !direct {
		_, err = w.Write(buf.Bytes())
	}
	return err
}

// pageSizes learns the bytes of each compiled page template's pages, so
// that a page's buffer is grown once to what such pages take instead of
// doubling its way there (see sizeGuess).
func pageSizes() map[string]*sizeGuess {
	sizes := make(map[string]*sizeGuess, len(compiledPages))
	for name := range compiledPages {
		sizes[name] = new(sizeGuess)
	}
	return sizes
}

// execError is the error html/template returns when a method or function
// fails: ctx is "file:line:col" and the action, as text/template says them.
func execError(name, location, context, callee string, err error) error {
	return texttemplate.ExecError{Name: name, Err: fmt.Errorf("template: %s: executing %q at <%s>: error calling %s: %w", location, name, context, callee, err)}
}

// nilError is html/template's error for a field of a nil pointer.
func nilError(name, location, context, typ, field string) error {
	return texttemplate.ExecError{Name: name, Err: fmt.Errorf("template: %s: executing %q at <%s>: nil pointer evaluating %s.%s", location, name, context, typ, field)}
}

// truthError is html/template's error for an if or with it cannot test.
func truthError(name, location, context string, v any) error {
	return texttemplate.ExecError{Name: name, Err: fmt.Errorf("template: %s: executing %q at <%s>: if/with can't use %v", location, name, context, v)}
}

// Writer is a method that compiled templates call in place of another
// whose result an action prints: it writes the same bytes, escaped as the
// action's escapers escape that result, straight into the page's buffer,
// where the other would make a string to be copied there. The
// differential tests of compiled templates and FuzzListEscaping hold
// each writer to its method.
type Writer struct {
	Method   string // receiver type and method: "*render.Page.Cards"
	Escapers string // what the action escapes the result with: "htmlescaper"
	Go       string // the writer, a method of the same receiver: "writeCards"
}

// CompiledWriters lists the writers (for internal/compiletemplates).
func CompiledWriters() []Writer {
	return []Writer{
		{"*render.Page.Links", "htmlescaper", "writeLinks"},
		{"*render.Page.Chips", "htmlescaper", "writeChips"},
		{"*render.Page.Cards", "htmlescaper", "writeCards"},
		{"*render.Page.Href", "urlfilter urlnormalizer attrescaper", "writeHrefAttr"},
		{"*render.Page.Asset", "urlfilter urlnormalizer attrescaper", "writeAssetAttr"},
		{"*render.Entry.Title", "htmlescaper", "writeTitle"},
		{"*render.Entry.Title", "attrescaper", "writeTitle"},
		{"*render.Entry.Title", "rcdataescaper", "writeTitle"},
	}
}

// CompilerInput is what internal/compiletemplates compiles: the page
// template sets (each with base and partials), their sources' hashes, and
// the functions templates call.
func (t *Theme) CompilerInput() (pages map[string]*template.Template, sources map[string]string, funcs map[string]TemplateFunc) {
	return t.pages, t.sources, t.templateFuncs()
}
