// Package markdown renders member-written Markdown into safe HTML fragments.
//
// Content is untrusted: anyone can open a pull request. By default the
// renderer therefore
//
//   - escapes raw HTML (inline and blocks) so it shows as text;
//   - drops every link or image whose URL is not http, https, mailto, a
//     relative path or a #fragment (the link keeps its text, the image
//     becomes its alt text);
//   - never emits inline styles (code is highlighted with CSS classes, see
//     [HighlightCSS]; table alignment uses the align attribute).
//
// The dialect is CommonMark plus GitHub tables, task lists, strikethrough,
// autolinks (linkify) and footnotes. Headings get IDs that keep Unicode
// letters, so Khmer or Mongolian headings are linkable.
package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Result is a rendered document.
type Result struct {
	// HTML is a safe HTML fragment (no <html> or <body>).
	HTML []byte
	// Text is the plain text of the document, for the search index and
	// snippets: words separated by single spaces, no markup. It includes
	// the text of code blocks and footnotes, but not raw HTML.
	Text string
	// Headings lists every heading in document order.
	Headings []Heading
	// Links lists the destination of every link, autolink and image that
	// survived the URL filter, in document order. Backslash escapes and
	// entities are resolved; percent-encoding is kept as written.
	Links []string
}

// Heading is one heading of a document.
type Heading struct {
	Level int    // 1 to 6
	Text  string // plain text
	ID    string // the id attribute; unique within the document
}

// Option configures a [Renderer].
type Option func(*config)

type config struct {
	unsafeHTML bool
}

// WithUnsafeHTML passes raw HTML in the Markdown through to the output
// instead of escaping it. Only for trusted content. Link and image URLs are
// filtered either way.
func WithUnsafeHTML(unsafe bool) Option {
	return func(c *config) { c.unsafeHTML = unsafe }
}

// Renderer renders Markdown. Build one with [New] and reuse it; it is safe
// for concurrent use. It remembers the code blocks it highlighted, up to
// 4096 blocks and 8 MiB, so that a snippet repeated across pages is
// highlighted once.
type Renderer struct {
	md goldmark.Markdown
	// unlinked is md's parser without linkify, for documents in which
	// linkify can find nothing (see mayLink).
	unlinked parser.Parser
	// htmlSize learns how much HTML a byte of Markdown makes.
	htmlSize outputRatio
}

// New returns a Renderer configured by opts.
func New(opts ...Option) *Renderer {
	var c config
	for _, o := range opts {
		o(&c)
	}
	htmlOpts := []renderer.Option{
		// Cell alignment as align="…" rather than style="…", so that the
		// site works under a Content-Security-Policy without 'unsafe-inline'.
		extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute),
	}
	nodeRenderers := []util.PrioritizedValue{
		// Lower number wins: these override goldmark's own renderers.
		util.Prioritized(&codeRenderer{}, 100),
		util.Prioritized(&tableRenderer{}, 100),
		util.Prioritized(&textRenderer{}, 100),
	}
	if c.unsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	} else {
		nodeRenderers = append(nodeRenderers, util.Prioritized(&rawHTMLRenderer{}, 100))
	}
	transformer := &documentTransformer{highlighter: newCodeHighlighter()}
	build := func(extensions ...goldmark.Extender) goldmark.Markdown {
		return goldmark.New(
			newParser(),
			goldmark.WithExtensions(extensions...),
			goldmark.WithParserOptions(
				parser.WithASTTransformers(util.Prioritized(transformer, 100)),
			),
			goldmark.WithRendererOptions(htmlOpts...),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(nodeRenderers...)),
		)
	}
	// extension.GFM, with quickLinkify for extension.Linkify.
	md := build(quickLinkify, extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote)
	unlinked := build(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote)
	return &Renderer{md: md, unlinked: unlinked.Parser()}
}

// Render renders src. The error is non-nil only if goldmark's renderer
// fails, which it does not do when writing to memory.
func (r *Renderer) Render(src []byte) (Result, error) {
	t := newTextWriter(src)
	t.outline = true
	res, err := r.renderInto(t, src)
	if err == nil {
		res.Text = string(collapseSpace(t.raw))
	}
	t.release()
	return res, err
}

// RenderHTMLAppendingText is Render with the plain text appended to text
// and returned, and Result.Text, Headings and Links left empty: for a
// caller that only shows and indexes a document and keeps bodies' text
// in buffers of its own, so that it pays for no string per body, heading
// or link. The buffer stays the caller's; on an error text comes back as
// it was given.
func (r *Renderer) RenderHTMLAppendingText(src, text []byte) (Result, []byte, error) {
	start := len(text)
	// A textWriter on the caller's buffer, not a pooled one: never
	// released, so the buffer goes back to the caller with the text.
	t := &textWriter{src: src, raw: text}
	res, err := r.renderInto(t, src)
	if err != nil {
		return Result{}, text, err
	}
	return res, t.raw[:start+len(collapseSpace(t.raw[start:]))], nil
}

// renderInto renders src's HTML, and its plain text (and, with t.outline
// set, its outline) through t, whose text it leaves uncollapsed.
func (r *Renderer) renderInto(t *textWriter, src []byte) (Result, error) {
	return r.render(t, src, nil)
}

// render is renderInto with the document's references to files beside it
// resolved by files (nil: none; see RenderWithFiles).
func (r *Renderer) render(t *textWriter, src []byte, files Files) (Result, error) {
	p := r.md.Parser()
	if !mayLink(src) {
		p = r.unlinked
	}
	ctx := getParseContext()
	if files != nil {
		ctx.Set(filesKey, files)
	}
	doc := p.Parse(text.NewReader(src), parser.WithContext(ctx.Context))
	ctx.release()

	var out htmlBuffer
	out.Grow(r.htmlSize.estimate(len(src)))
	if err := r.md.Renderer().Render(&out, src, doc); err != nil {
		return Result{}, err
	}
	r.htmlSize.learn(len(src), out.Len())
	t.node(doc)
	t.finishHeadings()
	return Result{HTML: out.Bytes(), Headings: t.headings, Links: t.links}, nil
}

// htmlBuffer is a bytes.Buffer that goldmark's renderer takes as the
// util.BufWriter it needs, so that it writes straight into memory: given
// any other writer it wraps it in a bufio.Writer, through which every
// byte would be copied once more.
type htmlBuffer struct {
	bytes.Buffer
}

var _ util.BufWriter = (*htmlBuffer)(nil)

// Buffered reports that nothing waits for Flush.
func (*htmlBuffer) Buffered() int { return 0 }

// Flush does nothing: the bytes are in memory already.
func (*htmlBuffer) Flush() error { return nil }

// unescape resolves backslash escapes and character references the way
// goldmark's HTML writer does.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v // nothing to resolve; spares three scans
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}
