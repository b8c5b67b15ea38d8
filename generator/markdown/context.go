package markdown

import (
	"sync"

	"github.com/yuin/goldmark/parser"
)

// parseContext is a goldmark parser context that is used again: making
// one is seven allocations (two maps of default IDs among them, replaced
// at once), for documents most of which parse in microseconds.
type parseContext struct {
	parser.Context
	ids *ids
	// keys is parser.ContextKeyMax when the context was made: its store
	// holds that many values, all of which reset clears.
	keys parser.ContextKey
}

var parseContexts = sync.Pool{New: func() any {
	ids := newIDs()
	return &parseContext{Context: parser.NewContext(parser.WithIDs(ids)), ids: ids, keys: parser.ContextKeyMax}
}}

func getParseContext() *parseContext {
	return parseContexts.Get().(*parseContext)
}

// release makes c as parser.NewContext makes a context and pools it, if
// the Context interface lets it: link reference definitions cannot be
// removed, and delimiters are never left after a whole parse; a context
// with either is dropped. Nothing in a parsed document refers to its
// context, so it goes back once the document is parsed.
func (c *parseContext) release() {
	if c.keys != parser.ContextKeyMax || c.FirstDelimiter() != nil || len(c.References()) > 0 {
		return
	}
	for k := range c.keys + 1 {
		c.Set(k, nil)
	}
	c.SetBlockOffset(-1)
	c.SetBlockIndent(-1)
	c.SetOpenedBlocks(nil) // the blocks of the document, otherwise kept alive
	c.ids.reset()
	parseContexts.Put(c)
}
