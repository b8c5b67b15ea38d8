package markdown

import (
	"encoding/binary"
	"math/bits"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// textWriter collects the plain text of a tree of nodes into one reusable
// buffer, whitespace not yet collapsed: a space before and after every
// block, the text of inlines and code blocks as is. Raw HTML, task-list
// check boxes and footnote reference numbers are left out. With outline
// set it also collects the headings and link destinations, so that one
// walk of the document yields all of Result but the HTML.
type textWriter struct {
	src      []byte
	raw      []byte
	pooled   *[]byte // holds raw between documents
	outline  bool
	headings []Heading
	links    []string
	spans    []int // start and end in raw of each heading's text, -1 if known
}

// textBuffers holds textWriters' buffers between documents. A buffer that
// grew past maxPooledText is dropped rather than kept for every document.
var textBuffers = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledText = 1 << 20

func newTextWriter(src []byte) *textWriter {
	pooled := textBuffers.Get().(*[]byte)
	return &textWriter{src: src, raw: (*pooled)[:0], pooled: pooled}
}

// release returns the buffer to the pool; t.raw must not be used after.
func (t *textWriter) release() {
	if cap(t.raw) <= maxPooledText {
		*t.pooled = t.raw[:0]
		textBuffers.Put(t.pooled)
	}
	t.raw, t.pooled = nil, nil
}

// plainText returns the text of n and its descendants with whitespace
// collapsed (see textWriter).
func plainText(n ast.Node, src []byte) string {
	t := newTextWriter(src)
	t.node(n)
	s := string(collapseSpace(t.raw))
	t.release()
	return s
}

func (t *textWriter) node(n ast.Node) {
	heading := -1
	if h, ok := n.(*ast.Heading); ok && t.outline {
		heading = t.startHeading(h)
	}
	block := n.Type() != ast.TypeInline
	if block {
		t.raw = append(t.raw, ' ')
	}
	if t.content(n) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t.node(c)
		}
	} else if t.outline {
		t.outlineOfSkipped(n)
	}
	if block {
		t.raw = append(t.raw, ' ')
	}
	if heading >= 0 {
		t.spans[2*heading+1] = len(t.raw)
	}
}

// content writes the text n itself holds and, with outline set, records
// n if it is a link. It reports whether n's children are text too.
func (t *textWriter) content(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Value(t.src)
		if !n.IsRaw() {
			v = unescape(v)
		}
		t.raw = append(t.raw, v...)
		if n.SoftLineBreak() || n.HardLineBreak() {
			t.raw = append(t.raw, ' ')
		}
	case *ast.String:
		if n.IsRaw() || n.IsCode() {
			t.raw = append(t.raw, n.Value...)
		} else {
			t.raw = append(t.raw, unescape(n.Value)...)
		}
	case *ast.AutoLink:
		t.raw = append(t.raw, n.Label(t.src)...)
		t.addLink(n)
	case *ast.Link, *ast.Image:
		t.addLink(n)
	case *ast.CodeBlock, *ast.FencedCodeBlock, *highlightedCode:
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			t.raw = append(t.raw, seg.Value(t.src)...)
		}
		return false
	case *ast.RawHTML, *ast.HTMLBlock, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
		return false
	}
	return true
}

func (t *textWriter) addLink(n ast.Node) {
	if !t.outline {
		return
	}
	switch n := n.(type) {
	case *ast.Link:
		t.links = append(t.links, string(resolveURL(n.Destination)))
	case *ast.Image:
		t.links = append(t.links, string(resolveURL(n.Destination)))
	case *ast.AutoLink:
		t.links = append(t.links, string(autoLinkURL(n, t.src)))
	}
}

// startHeading records h and where its text starts in raw; node records
// where it ends. That text is the same bytes a walk of h alone writes, so
// the same as plainText(h). It returns h's index in headings.
func (t *textWriter) startHeading(h *ast.Heading) int {
	id, _ := h.AttributeString("id")
	idb, _ := id.([]byte)
	t.headings = append(t.headings, Heading{Level: h.Level, ID: string(idb)})
	t.spans = append(t.spans, len(t.raw), len(t.raw))
	return len(t.headings) - 1
}

// outlineOfSkipped collects the headings and links below n, whose text is
// not part of the document's. Goldmark builds no such tree (code, raw HTML
// and footnote markers have no children); this keeps Result.Headings and
// Result.Links complete should it ever.
func (t *textWriter) outlineOfSkipped(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		inner := &textWriter{src: t.src, outline: true}
		inner.node(c)
		inner.finishHeadings()
		for _, h := range inner.headings {
			t.headings = append(t.headings, h)
			t.spans = append(t.spans, -1, -1) // text known
		}
		t.links = append(t.links, inner.links...)
	}
}

// finishHeadings fills in the text of the headings, from a scratch copy:
// collapsing raw in place would change the document's text.
func (t *textWriter) finishHeadings() {
	var scratch []byte
	for i := range t.headings {
		if t.spans[2*i] < 0 {
			continue
		}
		scratch = append(scratch[:0], t.raw[t.spans[2*i]:t.spans[2*i+1]]...)
		t.headings[i].Text = string(collapseSpace(scratch))
	}
}

// collapseSpace does in place what strings.Join(strings.Fields(s), " ")
// does to a string: runs of Unicode white space become one space, none at
// either end. It returns the shortened b.
func collapseSpace(b []byte) []byte {
	w := 0           // where the next byte goes; never past i
	pending := false // white space seen since the last word
	for i := 0; i < len(b); {
		size := 1
		switch byteClasses[b[i]] {
		case asciiSpace:
			pending = w > 0
			i++
			continue
		case maybeSpace:
			var r rune
			r, size = utf8.DecodeRune(b[i:])
			if unicode.IsSpace(r) {
				pending = w > 0
				i += size
				continue
			}
		}
		if pending {
			// The white space skipped since the last word puts w
			// before i.
			b[w] = ' '
			w++
			pending = false
		}
		end := wordsEnd(b, i+size)
		w += copy(b[w:], b[i:end])
		i = end
	}
	return b[:w]
}

// wordsEnd is where the words that run on from b[i] end: at white space
// other than a single ' ' between word bytes, or at a byte that may start
// white space, or before. Up to there text is as collapsed as it can be,
// and goes in one copy: mostly a whole sentence or paragraph.
//
// ASCII is looked at eight bytes at a time, for the bytes up to ' ' among
// them: their lowest is exact (no borrow reaches it from below), and if it
// is a lone space, the words go on after it. Any other byte up to ' ' is
// taken for an end, which may be early: collapseSpace goes on from there.
func wordsEnd(b []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		if x&highs != 0 {
			n := wordsStep(b, i)
			if n == 0 {
				return i
			}
			i += n
			continue
		}
		low := (x - 0x21*ones) &^ x & highs // bytes below '!'
		if low == 0 {
			i += 8
			continue
		}
		k := i + bits.TrailingZeros64(low)/8
		if b[k] != ' ' || !wordByteAt(b, k+1) {
			return k
		}
		i = k + 2
	}
	for i < len(b) {
		n := wordsStep(b, i)
		if n == 0 {
			return i
		}
		i += n
	}
	return i
}

// wordsStep is how far the words go on from b[i]: 1 for a word byte, 2
// for a lone space and the word byte after it, 0 if they end.
func wordsStep(b []byte, i int) int {
	switch {
	case wordByteAt(b, i):
		return 1
	case b[i] == ' ' && wordByteAt(b, i+1):
		return 2
	}
	return 0
}

func wordByteAt(b []byte, i int) bool {
	return i < len(b) && byteClasses[b[i]] == wordByte
}

// Classes of bytes for collapseSpace.
const (
	wordByte   = iota // not white space, on its own or in any rune
	asciiSpace        // strings.Fields's ASCII white space
	maybeSpace        // may start a multi-byte white-space rune
)

// byteClasses classifies bytes for collapseSpace. The multi-byte runes
// unicode.IsSpace accepts (U+0085, U+00A0, U+1680, U+2000 to U+200A,
// U+2028, U+2029, U+202F, U+205F, U+3000) start with 0xC2, 0xE1, 0xE2 or
// 0xE3. Every other byte, continuation bytes included, can be copied on
// its own: no white-space rune contains it, and a white-space rune never
// starts inside another rune, as those four bytes are never continuation
// bytes.
var byteClasses = func() (c [256]uint8) {
	for _, b := range []byte{'\t', '\n', '\v', '\f', '\r', ' '} {
		c[b] = asciiSpace
	}
	for _, b := range []byte{0xC2, 0xE1, 0xE2, 0xE3} {
		c[b] = maybeSpace
	}
	return c
}()
