package markdown

import (
	"bytes"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Chroma needs guarding against hostile input. Several of its lexers take
// time that grows with the square of a block's length on crafted input
// (ABAP, HCL, Fish, CFEngine3, Perl: up to half a second for 2 KB of the
// right junk, a second or more for 16 KB), at least one loops forever (see
// maxEmptyTokens), and it panics on internal lexer errors. A member's page must not be able to
// stall or crash a build, so a block larger than maxHighlight is not
// highlighted, and once highlighting a document has taken highlightBudget
// its remaining blocks are not either; a panic is recovered. Blocks that
// are not highlighted are shown plain. Real code stays far within both
// limits (about 150 ms for 32 KB of Go), so the budget, the one thing that
// depends on the machine's speed and load, only decides the output for
// hostile or absurd input.
const maxHighlight = 32 << 10

var highlightBudget = time.Second

// formatter writes CSS classes, never inline styles. With classes the
// style passed to Format only matters for the CSS, which HighlightCSS
// writes, so any style will do there.
var formatter = chromahtml.New(chromahtml.WithClasses(true))

// highlightedCode replaces a fenced code block that chroma highlighted.
// Its lines are the block's, for the document's plain text.
type highlightedCode struct {
	ast.BaseBlock
	html []byte
}

var kindHighlightedCode = ast.NewNodeKind("HighlightedCode")

func (n *highlightedCode) Kind() ast.NodeKind { return kindHighlightedCode }
func (n *highlightedCode) IsRaw() bool        { return true }
func (n *highlightedCode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, nil, nil)
}

// codeHighlighter highlights fenced code blocks whose language chroma
// knows, as <pre class="chroma"><code>…. The others are left to goldmark,
// which writes them plain: <pre><code> or, with an unknown language,
// <pre><code class="language-…">.
//
// It remembers what it highlighted, because chroma is slow (a two-line
// Python block costs about 200 µs, most of a short page's rendering) and
// sites repeat snippets: install commands, the same example on many
// pages. Chroma's output depends only on the language and the code, so a
// remembered block is written exactly as chroma would write it again.
type codeHighlighter struct {
	mu        sync.Mutex
	done      map[highlightKey][]byte
	doneBytes int
}

type highlightKey struct{ lang, code string }

// The memory of highlighted blocks is bounded; once full it keeps what it
// has. Hostile input cannot fill it with much: only blocks chroma
// highlighted within the budget are kept.
const maxRemembered = 4096

var maxRememberedBytes = 8 << 20

func newCodeHighlighter() *codeHighlighter {
	return &codeHighlighter{done: map[highlightKey][]byte{}}
}

// highlight replaces each of blocks that chroma highlights by a
// highlightedCode.
func (h *codeHighlighter) highlight(blocks []*ast.FencedCodeBlock, src []byte) {
	if len(blocks) == 0 {
		return
	}
	deadline := time.Now().Add(highlightBudget)
	var code []byte
	for _, b := range blocks {
		code = code[:0]
		lines := b.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			code = append(code, seg.Value(src)...)
		}
		lang := b.Language(src)
		if lang == nil || len(code) > maxHighlight {
			continue
		}
		html, ok := h.highlightBlock(highlightKey{string(unescape(lang)), string(code)}, deadline)
		if !ok {
			continue
		}
		hc := &highlightedCode{html: html}
		hc.SetLines(lines)
		b.Parent().ReplaceChild(b.Parent(), b, hc)
	}
}

// highlightBlock is highlight(block.lang, block.code, deadline), from
// memory if the block was highlighted before. The deadline is checked
// either way, so that whether a block is highlighted never depends on
// what other documents the renderer saw.
func (h *codeHighlighter) highlightBlock(block highlightKey, deadline time.Time) ([]byte, bool) {
	if time.Now().After(deadline) {
		return nil, false
	}
	h.mu.Lock()
	html, ok := h.done[block]
	h.mu.Unlock()
	if ok {
		return html, true
	}
	html, ok = highlight(block.lang, block.code, deadline)
	if !ok {
		return nil, false
	}
	size := len(block.lang) + len(block.code) + len(html)
	h.mu.Lock()
	if len(h.done) < maxRemembered && h.doneBytes+size <= maxRememberedBytes {
		if _, dup := h.done[block]; !dup {
			h.done[block] = html
			h.doneBytes += size
		}
	}
	h.mu.Unlock()
	return html, true
}

// maxEmptyTokens is how many empty tokens in a row mean a lexer is stuck.
// Some chroma lexers have a rule that can match the empty string without
// changing state; on input where only that rule matches, chroma returns
// empty tokens forever (JSONata does on a lone '"'). Chroma's Coalesce
// would merge them forever inside one call, so tokens are merged here.
const maxEmptyTokens = 100

// highlight returns code highlighted as lang, or false if chroma has no
// lexer for lang, fails, panics, gets stuck, or is still at it when the
// deadline passes.
func highlight(lang, code string, deadline time.Time) (html []byte, ok bool) {
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
	it, err := lexer.Tokenise(nil, code)
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

type codeRenderer struct{}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindHighlightedCode, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*highlightedCode).html)
		}
		return ast.WalkSkipChildren, nil
	})
}

// HighlightCSS returns the stylesheet for highlighted code: the rules of
// the chroma style named style (for example "github"; "" means "github")
// for the classes the renderer writes, then the rules of its dark
// counterpart inside @media (prefers-color-scheme: dark). If style is dark
// or has no registered counterpart, "github-dark" serves as the dark
// variant. An unknown name falls back to chroma's fallback style.
func HighlightCSS(style string) []byte {
	if style == "" {
		style = "github"
	}
	light := styles.GetForMode(style, chroma.Light)
	dark := styles.GetForMode(style, chroma.Dark)
	if dark.Mode() != chroma.Dark || dark == light {
		dark = styles.Get("github-dark")
	}
	var b bytes.Buffer
	b.WriteString("/* Code highlighting: chroma style " + light.Name + " */\n")
	writeCSS(&b, light, "")
	b.WriteString("@media (prefers-color-scheme: dark) {\n/* chroma style " + dark.Name + " */\n")
	writeCSS(&b, dark, "  ")
	b.WriteString("}\n")
	return b.Bytes()
}

// writeCSS writes the rules of style, each on one line, indented. It leaves
// out chroma's rule for .bg, a class the renderer never writes and a name
// too generic to claim in a site's stylesheet.
func writeCSS(b *bytes.Buffer, style *chroma.Style, indent string) {
	var css bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false))
	_ = f.WriteCSS(&css, style)
	for line := range strings.Lines(css.String()) {
		if strings.HasPrefix(line, ".bg ") {
			continue
		}
		b.WriteString(indent)
		b.WriteString(line)
	}
}
