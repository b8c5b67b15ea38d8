package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// documentTransformer is the AST transformer that makes a parsed document
// safe and finished: it filters link and image URLs (filterURLs), then
// gives headings their IDs (setHeadingIDs), then highlights fenced code
// (codeHighlighter). One walk finds the nodes all three need; none of them
// adds or removes a node another one looks for, so this equals three
// transformers each walking the document in turn.
type documentTransformer struct {
	highlighter *codeHighlighter
}

func (d *documentTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var found nodesToFinish
	found.collect(doc)
	filterURLs(found.links, src)
	if files, ok := pc.Get(filesKey).(Files); ok {
		resolveFiles(found.links, files)
	}
	// After the URL filter, so a heading ID never depends on a destination
	// that was dropped.
	setHeadingIDs(found.headings, src, pc.IDs())
	d.highlighter.highlight(found.codeBlocks, src)
}

// nodesToFinish are the nodes documentTransformer changes, in document
// order.
type nodesToFinish struct {
	links      []ast.Node // links, autolinks and images
	headings   []*ast.Heading
	codeBlocks []*ast.FencedCodeBlock // those with an info string
}

func (f *nodesToFinish) collect(n ast.Node) {
	switch n := n.(type) {
	case *ast.Link, *ast.Image, *ast.AutoLink:
		f.links = append(f.links, n)
	case *ast.Heading:
		f.headings = append(f.headings, n)
	case *ast.FencedCodeBlock:
		if n.Info != nil {
			f.codeBlocks = append(f.codeBlocks, n)
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		f.collect(c)
	}
}
