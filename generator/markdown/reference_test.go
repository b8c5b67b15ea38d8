package markdown

// The renderer as it was before it was rewritten to walk the document once
// and collect plain text without intermediate strings: the reference
// FuzzRenderMatchesReference compares the current one against.

import (
	"bufio"
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

var bufWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}

type referenceRenderer struct {
	md goldmark.Markdown
}

type (
	referenceURLFilter       struct{}
	referenceHeadingIDs      struct{}
	referenceCodeHighlighter struct{}
)

// newReference is New as it was before the single-walk rewrite.
func newReference(opts ...Option) *referenceRenderer {
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
	}
	if c.unsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	} else {
		nodeRenderers = append(nodeRenderers, util.Prioritized(&rawHTMLRenderer{}, 100))
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(
				util.Prioritized(referenceURLFilter{}, 100),
				// After the URL filter, so a heading ID never depends on
				// a destination that was dropped.
				util.Prioritized(referenceHeadingIDs{}, 200),
				util.Prioritized(referenceCodeHighlighter{}, 300),
			),
		),
		goldmark.WithRendererOptions(htmlOpts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(nodeRenderers...)),
	)
	return &referenceRenderer{md: md}
}

// Render renders src. The error is non-nil only if goldmark's renderer
// fails, which it does not do when writing to memory.
func (r *referenceRenderer) Render(src []byte) (Result, error) {
	ctx := parser.NewContext(parser.WithIDs(newReferenceIDs()))
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))

	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/2)
	// goldmark wraps any writer that is not a bufio.Writer in a new one.
	w := bufWriters.Get().(*bufio.Writer)
	w.Reset(&buf)
	err := r.md.Renderer().Render(w, src, doc)
	if err == nil {
		err = w.Flush()
	}
	w.Reset(nil)
	bufWriters.Put(w)
	if err != nil {
		return Result{}, err
	}
	res := Result{HTML: buf.Bytes(), Text: referencePlainText(doc, src)}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			res.Headings = append(res.Headings, Heading{Level: n.Level, Text: referencePlainText(n, src), ID: string(idb)})
		case *ast.Link:
			res.Links = append(res.Links, string(resolveURL(n.Destination)))
		case *ast.Image:
			res.Links = append(res.Links, string(resolveURL(n.Destination)))
		case *ast.AutoLink:
			res.Links = append(res.Links, string(autoLinkURL(n, src)))
		}
		return ast.WalkContinue, nil
	})
	return res, nil
}

// plainText returns the text of n and its descendants with whitespace
// collapsed. Raw HTML, task-list check boxes and footnote reference
// numbers are left out.
func referencePlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() != ast.TypeInline {
			b.WriteByte(' ')
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			v := n.Value(src)
			if !n.IsRaw() {
				v = unescape(v)
			}
			b.Write(v)
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if n.IsRaw() || n.IsCode() {
				b.Write(n.Value)
			} else {
				b.Write(unescape(n.Value))
			}
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *ast.CodeBlock, *ast.FencedCodeBlock, *highlightedCode:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return referenceCollapseSpace(b.String())
}

// collapseSpace is strings.Join(strings.Fields(s), " ") without the
// slice of fields: runs of Unicode white space become one space, none at
// either end.
func referenceCollapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for word := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(word)
	}
	return b.String()
}

func (referenceURLFilter) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var links []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.Kind() {
			case ast.KindLink, ast.KindImage, ast.KindAutoLink:
				links = append(links, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Link:
			dest := resolveURL(n.Destination)
			if !allowedURL(dest) {
				unwrap(n)
			} else if isExternal(dest) {
				n.SetAttribute([]byte("rel"), relExternal)
			}
		case *ast.Image:
			if !allowedURL(resolveURL(n.Destination)) {
				alt := ast.NewString([]byte(referencePlainText(n, src)))
				alt.SetRaw(true) // plain text: escape it, resolve nothing
				n.Parent().ReplaceChild(n.Parent(), n, alt)
			}
		case *ast.AutoLink:
			url := autoLinkURL(n, src)
			if !allowedURL(url) {
				label := ast.NewString(n.Label(src))
				label.SetRaw(true)
				n.Parent().ReplaceChild(n.Parent(), n, label)
			} else if isExternal(url) {
				n.SetAttribute([]byte("rel"), relExternal)
			}
		}
	}
}

func (referenceHeadingIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			id := pc.IDs().Generate([]byte(referencePlainText(h, src)), ast.KindHeading)
			h.SetAttribute([]byte("id"), id)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

func (referenceCodeHighlighter) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*ast.FencedCodeBlock); ok && entering && b.Info != nil {
			blocks = append(blocks, b)
		}
		return ast.WalkContinue, nil
	})
	deadline := time.Now().Add(highlightBudget)
	for _, b := range blocks {
		var code []byte
		lines := b.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			code = append(code, seg.Value(src)...)
		}
		lang := b.Language(src)
		if lang == nil || len(code) > maxHighlight {
			continue
		}
		html, ok := referenceHighlight(string(unescape(lang)), code, deadline)
		if !ok {
			continue
		}
		h := &highlightedCode{html: html}
		h.SetLines(lines)
		b.Parent().ReplaceChild(b.Parent(), b, h)
	}
}

// highlight returns code highlighted as lang, or false if chroma has no
// lexer for lang, fails, panics, gets stuck, or is still at it when the
// deadline passes.
func referenceHighlight(lang string, code []byte, deadline time.Time) (html []byte, ok bool) {
	defer func() {
		if recover() != nil { // chroma panics on some lexer errors
			html, ok = nil, false
		}
	}()
	if time.Now().After(deadline) {
		return nil, false
	}
	lexer := lexers.Get(lang)
	if lexer == nil {
		return nil, false
	}
	it, err := lexer.Tokenise(nil, string(code))
	if err != nil {
		return nil, false
	}
	var (
		tokens []chroma.Token
		run    strings.Builder // value of the last token, being merged
		empty  int
	)
	for t := it(); t != chroma.EOF; t = it() {
		if time.Now().After(deadline) {
			return nil, false
		}
		if t.Value == "" {
			if empty++; empty > maxEmptyTokens {
				return nil, false
			}
			continue
		}
		empty = 0
		if n := len(tokens); n > 0 && tokens[n-1].Type == t.Type {
			run.WriteString(t.Value)
			continue
		}
		if n := len(tokens); n > 0 {
			tokens[n-1].Value = run.String()
		}
		run.Reset()
		run.WriteString(t.Value)
		tokens = append(tokens, t)
	}
	if n := len(tokens); n > 0 {
		tokens[n-1].Value = run.String()
	}
	var buf bytes.Buffer
	if err := formatter.Format(&buf, styles.Fallback, chroma.Literator(tokens...)); err != nil {
		return nil, false
	}
	buf.WriteByte('\n')
	return buf.Bytes(), true
}

type referenceIDs struct {
	used map[string]bool
	next map[string]int // next suffix to try for a base id
}

func newReferenceIDs() *referenceIDs {
	return &referenceIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate is ids.Generate as it was. It keeps Unicode letters, combining marks
// (which Khmer, Devanagari and others need to stay readable) and decimal
// digits, lowercased and in NFC; every other run of characters becomes one
// hyphen, except format characters such as zero-width spaces and joiners,
// which are dropped. A repeated id gets -1, -2, … appended.
func (s *referenceIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := referenceSlug(string(value))
	if base == "" {
		base = "id"
		if kind == ast.KindHeading {
			base = "heading"
		}
	}
	id := base
	for s.used[id] {
		s.next[base]++
		id = base + "-" + strconv.Itoa(s.next[base])
	}
	s.used[id] = true
	return []byte(id)
}

// Put is ids.Put as it was.
func (s *referenceIDs) Put(value []byte) {
	s.used[string(value)] = true
}

func referenceSlug(v string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFC.String(v) {
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Cf, r):
			// zero-width space, ZWJ, ZWNJ, soft hyphen: invisible, dropped
		default:
			hyphen = true
		}
	}
	return b.String()
}

// FuzzRenderMatchesReference checks that Render and RenderHTMLAppendingText give
// what the reference renderer gives, byte for byte, safe and unsafe.
func FuzzRenderMatchesReference(f *testing.F) {
	for _, c := range readCases(f) {
		f.Add([]byte(c.Input))
	}
	for _, in := range nasty {
		f.Add([]byte(in))
	}
	for _, body := range corpusSample(f)[:8] {
		f.Add(body)
	}
	f.Add([]byte(benchDoc))
	// Lines ending in white space other than spaces, parsed with
	// linkify even where no link can be (see mayLink).
	for _, in := range []string{"0\r \n0", "0\t \n0", "x *y* \t\nz", "0\t\t\n0", "0\r\t\n0", "a\v \nb", "a\f\t\nb", "0    \n0", "0  \n0", "0   \n0", "0  "} {
		f.Add([]byte(in))
	}
	type pair struct {
		current   *Renderer
		reference *referenceRenderer
	}
	pairs := []pair{
		{New(), newReference()},
		{New(WithUnsafeHTML(true)), newReference(WithUnsafeHTML(true))},
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// Highlighting must not run out of time in one renderer and not
		// the other.
		defer func(b time.Duration) { highlightBudget = b }(highlightBudget)
		highlightBudget = time.Minute
		for _, p := range pairs {
			want, err := p.reference.Render(src)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.current.Render(src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("input %q:\ngot  %#v\nwant %#v", src, got, want)
			}
			checkAppendingText(t, p.current, src, want)
		}
	})
}

// FuzzIDsMatchReference checks that ids gives the ids the reference gives
// for a sequence of heading texts (the lines of the input), suffixes for
// repeats included.
func FuzzIDsMatchReference(f *testing.F) {
	for _, s := range []string{"a\na\na-1\na\na-1", "\n\n-\n", "heading\nheading-1\n\nHeading", "Café\ncafe\u0301\nCAFÉ", "\xff\xfe\n\u200bx", "Монгол хэл\nមាតិកា"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		current, reference := newIDs(), newReferenceIDs()
		for i, line := range strings.Split(s, "\n") {
			kind := ast.KindHeading
			if i%3 == 2 {
				kind = ast.KindParagraph
			}
			if i%5 == 4 {
				current.Put([]byte(line))
				reference.Put([]byte(line))
				continue
			}
			got := current.Generate([]byte(line), kind)
			want := reference.Generate([]byte(line), kind)
			if !bytes.Equal(got, want) {
				t.Fatalf("line %d %q: id %q, want %q", i, line, got, want)
			}
		}
	})
}
