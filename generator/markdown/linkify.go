package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// quickLinkify is extension.Linkify with a shortcut for prose.
//
// Goldmark's linkify parser is triggered at every space (and *, _, ~, ( )
// and then looks for an http:, https: or ftp: URL, a www. host or an
// e-mail address at the next word; on a page of prose that is most of
// the inline parsing time. None of these can start anywhere in a line
// that has no ':', no '@' and no "www.", so for such a line the parser
// is asked once and answers "no link" for the rest of it without looking.
// Where a line has one of them, goldmark's parser decides as before.
var quickLinkify goldmark.Extender = quickLinkifyExtension{}

type quickLinkifyExtension struct{}

func (quickLinkifyExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// The priority extension.Linkify gives its parser.
		util.Prioritized(&quickLinkifyParser{linkify: extension.NewLinkifyParser()}, 999),
	))
}

type quickLinkifyParser struct {
	linkify parser.InlineParser
}

func (p *quickLinkifyParser) Trigger() []byte { return p.linkify.Trigger() }

func (p *quickLinkifyParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	_, seg := block.PeekLine()
	seen, _ := pc.Get(linkifyScanKey).(*linkifyScan)
	if seen == nil {
		seen = &linkifyScan{}
		pc.Set(linkifyScanKey, seen)
	}
	if !seen.mayLink(block.Source(), seg.Start, seg.Stop) {
		return nil
	}
	return p.linkify.Parse(parent, block, pc)
}

var linkifyScanKey = parser.NewContextKey()

// linkifyScan remembers, for one document, the last stretch of source it
// looked at: src[from:to] holds no ':', '@' or "www." before clue, which
// is the index of the first one or to if there is none.
type linkifyScan struct {
	from, to, clue int
}

// mayLink reports whether src[start:stop], the rest of a line, holds
// something linkify could turn into a link. It scans each part of a line
// once: a trigger further on in the same line reuses the answer.
func (s *linkifyScan) mayLink(src []byte, start, stop int) bool {
	if start < s.from || stop != s.to || start > s.clue {
		s.from, s.to, s.clue = start, stop, start+firstLinkClue(src[start:stop])
	}
	return s.clue < stop
}

// mayLink reports whether linkify could find a link anywhere in src.
//
// Where it cannot, Renderer parses without it, which makes the same
// document: at every space (and *, _, ~ and '(') goldmark hands the text
// so far to the inline parsers, here only for linkify to find nothing,
// and ends the line with a second text node instead of one. Skipping
// that saves a quarter of the time to parse prose (the bodies of the
// benchmark corpus, 88 % of which have no clue), and a node per line.
//
// It is not the same document where a line ends in two or more white
// space characters, or in white space other than spaces: the second text
// node keeps a space, tab or carriage return that the one node loses with
// the line's end ("0\t \n0" is <p>0\t\n0</p> with linkify, <p>0\n0</p>
// without; "0    \n0" is <p>0 <br>…). Such sources are parsed with
// linkify, as FuzzRenderMatchesReference found.
func mayLink(src []byte) bool {
	return firstLinkClue(src) < len(src) || bytes.ContainsAny(src, "\t\r\v\f") ||
		bytes.Contains(src, []byte("  \n")) || bytes.HasSuffix(src, []byte("  "))
}

// firstLinkClue returns the index in line of the first ':', '@' or
// "www.", or len(line).
func firstLinkClue(line []byte) int {
	clue := len(line)
	for _, sep := range [...]string{":", "@", "www."} {
		if i := bytes.Index(line[:clue], []byte(sep)); i >= 0 {
			clue = i
		}
	}
	return clue
}
