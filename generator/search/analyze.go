package search

import (
	"encoding/json"
	"strings"
	"sync"
	"unicode/utf8"
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

// termCounts are reused: a map per document would be most of the
// allocation of indexing.
var termCounts = sync.Pool{New: func() any { return map[string]uint32{} }}

func analyze(d *Document, snippetRunes int) (*analysis, error) {
	meta, err := json.Marshal([]string{d.Title, d.Path, snippet(d, snippetRunes)})
	if err != nil {
		return nil, err
	}
	a := &analysis{docInfo: docInfo{typ: d.Type, typeLabel: d.TypeLabel, topicSlug: d.TopicSlug, meta: meta}, snippetRunes: snippetRunes}
	if d.TopicSlug != "" {
		a.title = d.Title
	}
	counts := termCounts.Get().(map[string]uint32)
	for _, f := range d.Fields {
		w := uint32(f.Weight)
		eachTerm(Fold(f.Text), func(t string) {
			counts[t] += w
			a.length += float64(w)
		})
	}
	a.pack(counts)
	clear(counts)
	termCounts.Put(counts)
	seen := map[string]bool{}
	for _, slug := range d.Topics {
		if !seen[slug] && slug != "" {
			seen[slug] = true
			a.filters = append(a.filters, FilterPrefix+slug)
		}
	}
	return a, nil
}

// pack copies the counted terms out of the text they were cut from.
func (a *analysis) pack(counts map[string]uint32) {
	size := 0
	for t := range counts {
		size += len(t) + 1
	}
	var b strings.Builder
	b.Grow(size)
	a.weights = make([]uint32, 0, len(counts))
	for t, w := range counts {
		b.WriteString(t)
		b.WriteByte('\n')
		a.weights = append(a.weights, w)
	}
	a.terms = b.String()
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
func Compact(d Document, opts Options) (Document, error) {
	a, err := analyze(&d, opts.withDefaults().SnippetRunes)
	if err != nil {
		return Document{}, err
	}
	return Document{Path: d.Path, Title: d.Title, Type: d.Type, TypeLabel: d.TypeLabel, TopicSlug: d.TopicSlug, analysis: a}, nil
}

// snippet is the text kept for a document's result snippet: its snippet
// fields with their spaces collapsed, joined by " · ", cut to limit runes.
func snippet(d *Document, limit int) string {
	var parts []string
	size := 0
	for _, f := range d.Fields {
		if !f.Snippet {
			continue
		}
		// Only the first limit runes can show, and whether there are
		// more: no need to collapse all of a long body.
		t := collapseSpaces(f.Text, limit+1)
		if t == "" {
			continue
		}
		parts = append(parts, t)
		size += utf8.RuneCountInString(t)
		if size > limit {
			break
		}
	}
	s := strings.Join(parts, " · ")
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	cut := firstRunes(s, limit)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return cut + "…"
}

// firstRunes is string([]rune(s)[:n]) for s of at least n runes, without
// converting all of s.
func firstRunes(s string, n int) string {
	if !utf8.ValidString(s) {
		return string([]rune(s)[:n]) // bad bytes become U+FFFD
	}
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// collapseSpaces is strings.Join(strings.Fields(s), " ") cut after at most
// max runes (bytes of invalid UTF-8 counting as one each, as in
// utf8.RuneCountInString).
func collapseSpaces(s string, max int) string {
	b := make([]byte, 0, min(len(s), 4*max))
	runes := 0
	for word := range strings.FieldsSeq(s) {
		if runes >= max {
			break
		}
		if len(b) > 0 {
			b = append(b, ' ')
			runes++
		}
		if n := utf8.RuneCountInString(word); runes+n <= max {
			b = append(b, word...)
			runes += n
			continue
		}
		for i := 0; runes < max; runes++ {
			_, n := utf8.DecodeRuneInString(word[i:])
			b = append(b, word[i:i+n]...)
			i += n
		}
	}
	return string(b)
}
