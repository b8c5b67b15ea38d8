package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// rawHTMLRenderer shows raw HTML as text instead of goldmark's
// "<!-- raw HTML omitted -->": a member who typed <br> or <kbd> sees what
// they typed rather than nothing.
type rawHTMLRenderer struct{}

func (r *rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, r.renderRawHTML)
	reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
}

func (r *rawHTMLRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := node.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			writeEscaped(w, seg.Value(src))
		}
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock writes an HTML block as an escaped paragraph.
func (r *rawHTMLRenderer) renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	var text []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		text = append(text, seg.Value(src)...)
	}
	if n.HasClosure() {
		text = append(text, n.ClosureLine.Value(src)...)
	}
	text = util.TrimRightSpace(text)
	if len(text) == 0 {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<p>")
	writeEscaped(w, text)
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// writeEscaped writes b with &, <, > and " escaped and NUL replaced by
// U+FFFD, as CommonMark requires.
func writeEscaped(w util.BufWriter, b []byte) {
	start := 0
	for i, c := range b {
		var esc []byte
		if c == 0 {
			esc = []byte("\uFFFD")
		} else if esc = util.EscapeHTMLByte(c); esc == nil {
			continue
		}
		_, _ = w.Write(b[start:i])
		_, _ = w.Write(esc)
		start = i + 1
	}
	_, _ = w.Write(b[start:])
}

// tableRenderer wraps tables in <div class="table-wrap"> so that a theme
// can let wide tables scroll sideways on a narrow phone
// (.table-wrap { overflow-x: auto }). Rows and cells are left to goldmark's
// table extension.
type tableRenderer struct{}

func (r *tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, r.renderTable)
}

func (r *tableRenderer) renderTable(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"table-wrap\">\n<table>\n")
	} else {
		_, _ = w.WriteString("</table>\n</div>\n")
	}
	return ast.WalkContinue, nil
}

// textRenderer is goldmark's text renderer, as New configures it (no hard
// wraps, no XHTML, no East Asian line breaks), but for text with nothing
// to escape or resolve, most of it, written as it is: goldmark's
// html.Writer looks at every byte twice, for references and escapes and
// then for HTML's special characters.
type textRenderer struct{}

func (r *textRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
}

func (r *textRenderer) renderText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(src)
	switch {
	case plainHTML(value):
		_, _ = w.Write(value)
	case n.IsRaw():
		html.DefaultWriter.RawWrite(w, value)
	default:
		html.DefaultWriter.Write(w, value)
	}
	if n.IsRaw() {
		return ast.WalkContinue, nil
	}
	if n.HardLineBreak() {
		_, _ = w.WriteString("<br>\n")
	} else if n.SoftLineBreak() {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// plainHTML reports whether html.DefaultWriter writes text as it is: it
// holds no backslash escape, character reference or NUL to resolve and
// no character HTML needs escaped.
func plainHTML(text []byte) bool {
	for _, c := range text {
		if notPlainHTML[c] {
			return false
		}
	}
	return true
}

var notPlainHTML = func() (t [256]bool) {
	for c := range t {
		t[c] = util.EscapeHTMLByte(byte(c)) != nil
	}
	t['\\'], t['&'], t[0] = true, true, true
	return
}()
