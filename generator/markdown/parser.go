package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newParser is goldmark's default parser with quickLinkReferences for
// parser.LinkReferenceParagraphTransformer.
func newParser() goldmark.Option {
	return goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		// The priority goldmark gives the transformer it stands for.
		parser.WithParagraphTransformers(util.Prioritized(quickLinkReferences{}, 100)),
	))
}

// quickLinkReferences is parser.LinkReferenceParagraphTransformer asked
// only about paragraphs that can start with a link reference definition:
// those whose first character other than white space is '['. Goldmark's
// makes a block reader for every paragraph to find that out.
type quickLinkReferences struct{}

func (quickLinkReferences) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if c, ok := firstNonSpace(node.Lines(), reader.Source()); ok && c != '[' {
		return
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}

// firstNonSpace is the first byte of lines that util.IsSpace rejects, as
// the block reader of the transformer finds it. A segment's padding is
// spaces.
func firstNonSpace(lines *text.Segments, src []byte) (byte, bool) {
	for i := range lines.Len() {
		seg := lines.At(i)
		for _, c := range src[seg.Start:seg.Stop] {
			if !util.IsSpace(c) {
				return c, true
			}
		}
	}
	return 0, false
}
