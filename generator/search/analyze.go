package search

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// analysis is what an index keeps of a document once it has read its
// fields: the distinct terms with their weighted frequencies, packed into
// one string, and what its result shows. Of the fields' text it keeps
// only the snippet, so a build can hold one per entry while its pages
// render.
type analysis struct {
	docInfo
	terms   string   // the distinct terms, each followed by '\n'
	weights []uint32 // each term's weighted frequency, in the order of terms
	filters []string // filter pseudo-terms: "#land-rights"
	// langs are the document's stemmers; spellings, nil or each term's
	// spelling where the document writes it otherwise (see adder).
	langs     langSet
	spellings []string
	// snippetRunes is the Options.SnippetRunes the snippet was cut to.
	snippetRunes int
}

// docInfo is what an index keeps of a document after posting its terms.
type docInfo struct {
	typ, typeLabel   string
	topicSlug, title string  // title only for a topic, to name its filter
	length           float64 // weighted length in terms
	meta             []byte  // [title, path, snippet] as JSON
}

func analyze(d *Document, snippetRunes int) *analysis {
	a := &analysis{docInfo: describe(d, snippetRunes), filters: topicFilters(d.Topics), snippetRunes: snippetRunes}
	c := analyzers.Get().(*adder)
	c.docLangs = stemmerSet(d.Language)
	a.langs = c.docLangs
	a.length = c.countFields(0, d.Fields)
	a.pack(c)
	c.forget()
	analyzers.Put(c)
	return a
}

// analyzers count the terms of one document each (see analyze), so that
// they need no table of their own per document; their terms are never
// posted.
var analyzers = sync.Pool{New: func() any { return newAdder(0) }}

// describe is what a document's result shows and what ranking needs of
// it, but its length.
func describe(d *Document, snippetRunes int) docInfo {
	buf := snippetBuffers.Get().(*[]byte)
	snip := appendSnippet((*buf)[:0], d, snippetRunes)
	// The snippet is only ever read as part of meta: not made a string
	// of its own, but viewed as one while the buffer is held.
	meta := appendMeta(make([]byte, 0, len(d.Title)+len(d.Path)+len(snip)+16), d.Title, d.Path, unsafe.String(unsafe.SliceData(snip), len(snip)))
	*buf = snip[:0]
	snippetBuffers.Put(buf)
	info := docInfo{typ: d.Type, typeLabel: d.TypeLabel, topicSlug: d.TopicSlug, meta: meta}
	if d.TopicSlug != "" {
		info.title = d.Title
	}
	return info
}

// topicFilters are the filter pseudo-terms of a document's topics.
func topicFilters(slugs []string) []string {
	var out []string
	for i, slug := range slugs {
		if slug != "" && !slices.Contains(slugs[:i], slug) {
			out = append(out, FilterPrefix+slug)
		}
	}
	return out
}

// pack copies out the terms c counted for the document, in the order
// they came.
func (a *analysis) pack(c *adder) {
	size := 0
	for _, i := range c.inDoc {
		size += len(c.names[i]) + 1
	}
	var b strings.Builder
	b.Grow(size)
	a.weights = make([]uint32, 0, len(c.inDoc))
	for _, i := range c.inDoc {
		b.WriteString(c.names[i])
		b.WriteByte('\n')
		a.weights = append(a.weights, c.pending[i].wtf)
	}
	a.terms = b.String()
	if len(c.spelled) > 0 {
		a.spellings = make([]string, len(c.inDoc))
		for _, sp := range c.spelled {
			a.spellings[slices.Index(c.inDoc, sp.list)] = sp.text
		}
	}
}

// eachTerm calls fn with each term of the analysis and its weight.
func (a *analysis) eachTerm(fn func(term string, weight uint32)) {
	rest := a.terms
	for _, w := range a.weights {
		i := strings.IndexByte(rest, '\n')
		fn(rest[:i], w)
		rest = rest[i+1:]
	}
}

// Compact returns d reduced to what an index keeps of it: its terms and
// their weights, its filters and the text its result shows (title, path,
// snippet), but not the text of its fields. Add takes it as it would d,
// given the same Options. Render keeps the documents of the entries whose
// pages have rendered so, until the index is built.
func Compact(d Document, opts Options) Document {
	a := analyze(&d, opts.withDefaults().SnippetRunes)
	return Document{Path: d.Path, Title: d.Title, Type: d.Type, TypeLabel: d.TypeLabel, TopicSlug: d.TopicSlug, Language: d.Language, analysis: a}
}

// snippet is the text kept for a document's result snippet: its snippet
// fields with their spaces collapsed, joined by " · ", cut to limit runes.
func snippet(d *Document, limit int) string {
	return string(appendSnippet(nil, d, limit))
}

// appendSnippet appends snippet(d, limit) to b.
func appendSnippet(b []byte, d *Document, limit int) []byte {
	start := len(b)
	runes, size := 0, 0 // of b[start:]; of the fields in it
	for _, f := range d.Fields {
		if !f.Snippet {
			continue
		}
		before := len(b)
		if before > start {
			b = append(b, snippetSeparator...)
		}
		// Only the first limit runes can show, and whether there are
		// more: no need to collapse all of a long body.
		var n int
		if b, n = appendCollapsed(b, f.Text, limit+1); n == 0 {
			b = b[:before]
			continue
		}
		if before > start {
			runes += utf8.RuneCountInString(snippetSeparator)
		}
		runes += n
		if size += n; size > limit {
			break
		}
	}
	if runes <= limit {
		return b
	}
	snip := b[start:]
	if !utf8.Valid(snip) {
		snip = []byte(string([]rune(string(snip)))) // bad bytes become U+FFFD
	}
	cut := snip[:runeOffset(snip, limit)]
	if i := bytes.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return append(append(b[:start], cut...), "…"...)
}

const snippetSeparator = " · "

// snippetBuffers hold snippets while describe writes them into meta.
var snippetBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, 4096) // most snippets' size at once, not by doubling
	return &b
}}

// runeOffset is the length in bytes of the first n runes of valid b,
// which has at least n.
func runeOffset(b []byte, n int) int {
	i := 0
	for ; n > 0; n-- {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return i
}

// appendCollapsed appends to b the first max runes of
// strings.Join(strings.Fields(s), " "), bytes of invalid UTF-8 counting as
// one rune each (as in utf8.RuneCount), and says how many runes that is.
// It does not collapse more of s than it appends.
func appendCollapsed(b []byte, s string, max int) ([]byte, int) {
	runes := 0
	gap := false // a space is due before the next word
	for i := 0; i < len(s) && runes < max; {
		size, space := 1, asciiSpace[s[i]]
		if s[i] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space:
			gap = runes > 0
		case gap:
			b = append(b, ' ')
			runes++
			gap = false
			continue // the character again, if max allows
		case size == 1:
			// A byte that is a rune: copy it with the ASCII after it
			// at once, words and the single spaces between them as
			// they are, up to other white space or other characters.
			end, stop := i+1, min(len(s), i+max-runes)
			for end < stop && (asciiPrintable[s[end]] || s[end] == ' ' && end+1 < stop && asciiPrintable[s[end+1]]) {
				end++
			}
			b = append(b, s[i:end]...)
			runes += end - i
			size = end - i
		default:
			b = append(b, s[i:i+size]...)
			runes++
		}
		i += size
	}
	return b, runes
}

// asciiSpace are the ASCII characters strings.Fields separates at;
// asciiPrintable, the other ASCII characters.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

var asciiPrintable = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = !asciiSpace[c]
	}
	return
}()
