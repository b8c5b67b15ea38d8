package search

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Builder makes an index from documents as they are made, so that a
// build never holds the text of them all: Add reads a document's fields
// and keeps only its terms' postings and what its result shows.
//
//	b := NewBuilder(len(entries), opts)
//	b.Add(i, doc) // for every i, from any goroutine
//	idx, err := b.Finish()
//
// Documents are numbered by the caller, from 0: the numbers are the
// tie-break of equal scores, and the documents of one type must have
// consecutive numbers (the client filters by type as a range).
type Builder struct {
	opts  Options
	docs  []docInfo
	added []atomic.Bool

	mu     sync.Mutex
	idle   []*adder // adders no Add is using
	adders []*adder // every adder made, whose lists Finish merges
}

// adder holds the postings of the documents added through it, one at a
// time: a term is looked up once per occurrence in the adder's own
// table of terms, so adding takes no lock and fills no table per
// document. Each goroutine adding at the same time has an adder of its
// own; Finish merges their lists.
type adder struct {
	terms map[string]int32 // a term's place in names and lists
	names []string
	lists [][]posting
	// pending holds, by list, the posting of the document being added
	// (or of an earlier one, which is in its list already); inDoc, the
	// lists the document being added has a posting pending for. Counting
	// into these small tables, not into the tails of the lists, keeps
	// every occurrence of a term in the cache.
	pending []posting
	inDoc   []int32
	docs    int // in the index: no list is longer
	lowered [maxTermRunes]byte
	owned   strings.Builder // folded text the terms are cut from

	// For the stemmers (stem.go): by list, the stemmers of the documents
	// the term occurs in, and its spellings where a document wrote it
	// otherwise (with accents). docLangs are the stemmers of the
	// document being added; spelled, the spellings of its terms' first
	// occurrences, until they are posted.
	langs     []langSet
	spellings [][]string
	docLangs  langSet
	spelled   []spelling
	// spellingsIn holds the spellings of the words of one raw chunk of
	// text, made once for it: a chunk of Cyrillic or Greek text is a
	// whole paragraph, and finding each of its terms' spelling by reading
	// it from the start made adding such a document quadratic.
	spellingsIn chunkSpellings
}

// spelling is how a document wrote the term of list.
type spelling struct {
	list int32
	text string
}

// posting is one document of a term's list, before ranking.
type posting struct {
	doc int32
	wtf uint32 // weighted term frequency; 0 for a filter
}

// NewBuilder prepares an index of n documents.
func NewBuilder(n int, opts Options) *Builder {
	return &Builder{opts: opts.withDefaults(), docs: make([]docInfo, n), added: make([]atomic.Bool, n)}
}

// Add indexes document id. It is safe to call from several goroutines,
// once for each document.
func (b *Builder) Add(id int, d Document) error {
	if id < 0 || id >= len(b.docs) {
		return fmt.Errorf("document %d (%s): numbers go from 0 to %d", id, d.Path, len(b.docs)-1)
	}
	if d.analysis != nil {
		return b.addCompacted(id, d.Path, d.analysis)
	}
	if err := b.claim(id, d.Path); err != nil {
		return err
	}
	info := describe(&d, b.opts.SnippetRunes)
	a := b.takeAdder()
	a.docLangs = stemmerSet(d.Language)
	info.length = a.countFields(int32(id), d.Fields)
	a.countTopics(int32(id), d.Topics)
	a.post()
	b.putAdder(a)
	b.docs[id] = info
	return nil
}

func (b *Builder) addCompacted(id int, path string, an *analysis) error {
	if an.snippetRunes != b.opts.SnippetRunes {
		return fmt.Errorf("%s: compacted with snippets of %d runes, indexed with %d", path, an.snippetRunes, b.opts.SnippetRunes)
	}
	if err := b.claim(id, path); err != nil {
		return err
	}
	b.docs[id] = an.docInfo
	a := b.takeAdder()
	a.docLangs = an.langs
	k := 0
	an.eachTerm(func(t string, w uint32) {
		i := a.list(t)
		if an.spellings != nil && an.spellings[k] != "" {
			a.spelled = append(a.spelled, spelling{i, an.spellings[k]})
		}
		a.count(i, int32(id), w)
		k++
	})
	for _, t := range an.filters {
		a.count(a.list(t), int32(id), 0)
	}
	a.post()
	b.putAdder(a)
	return nil
}

// claim marks document id added, unless it already is.
func (b *Builder) claim(id int, path string) error {
	if b.added[id].Swap(true) {
		return fmt.Errorf("document %d (%s) added twice", id, path)
	}
	return nil
}

// takeAdder lends an adder no other Add is using.
func (b *Builder) takeAdder() *adder {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n := len(b.idle); n > 0 {
		a := b.idle[n-1]
		b.idle = b.idle[:n-1]
		return a
	}
	a := newAdder(len(b.docs))
	b.adders = append(b.adders, a)
	return a
}

// newAdder makes an adder for an index of docs documents.
func newAdder(docs int) *adder {
	return &adder{terms: map[string]int32{}, docs: docs}
}

func (b *Builder) putAdder(a *adder) {
	b.mu.Lock()
	b.idle = append(b.idle, a)
	b.mu.Unlock()
}

// countFields counts the terms of document doc's fields into their lists
// and returns the document's weighted length in terms.
func (a *adder) countFields(doc int32, fields []Field) float64 {
	length := 0.0
	a.owned.Grow(256)      // at once, not by doubling from 8
	a.spellingsIn.forget() // a document's text may be a buffer used again
	for _, f := range fields {
		w := uint32(f.Weight)
		eachTextTerm(f.Text, &a.owned, func(t string, upper bool, raw string) {
			length += float64(w)
			switch {
			case upper:
				a.count(a.listBytes(lowerASCIIInto(a.lowered[:], t)), doc, w)
			case raw != "" && a.docLangs != 0:
				a.countSpelled(a.list(t), doc, w, t, raw)
			default:
				a.count(a.list(t), doc, w)
			}
		})
	}
	a.owned.Reset() // its text is only looked up with, never kept
	return length
}

// countTopics counts the filters of a document's topics, each once, as
// counting topicFilters(slugs) would, but without making their strings.
func (a *adder) countTopics(doc int32, slugs []string) {
	var buf [64]byte
	for _, slug := range slugs {
		if slug != "" {
			a.count(a.listBytes(append(append(buf[:0], FilterPrefix...), slug...)), doc, 0)
		}
	}
}

// list is the place of term's list, made if need be.
func (a *adder) list(term string) int32 {
	if i, ok := a.terms[term]; ok {
		return i
	}
	return a.newList(strings.Clone(term)) // not the text the term was cut from
}

func (a *adder) listBytes(term []byte) int32 {
	if i, ok := a.terms[string(term)]; ok {
		return i
	}
	return a.newList(string(term))
}

func (a *adder) newList(term string) int32 {
	i := int32(len(a.lists))
	a.terms[term] = i
	a.names = append(a.names, term)
	a.lists = append(a.lists, nil)
	a.pending = append(a.pending, posting{doc: -1})
	a.langs = append(a.langs, 0)
	a.spellings = append(a.spellings, nil)
	return i
}

// countSpelled is count for a term folded from raw text: at its first
// occurrence in the document, it notes how the text spells it, for a
// stemmer that reads accents.
func (a *adder) countSpelled(i, doc int32, w uint32, term, raw string) {
	if a.pending[i].doc != doc {
		if sp := a.spellingsIn.of(raw, term); sp != term {
			a.spelled = append(a.spelled, spelling{i, sp})
		}
	}
	a.count(i, doc, w)
}

// count adds weight w to document doc's posting in list i.
func (a *adder) count(i, doc int32, w uint32) {
	if p := &a.pending[i]; p.doc == doc {
		p.wtf += w
		return
	}
	a.pending[i] = posting{doc, w}
	a.inDoc = append(a.inDoc, i)
}

// post appends the postings of the document added to their lists.
func (a *adder) post() {
	for _, sp := range a.spelled {
		if !slices.Contains(a.spellings[sp.list], sp.text) {
			a.spellings[sp.list] = append(a.spellings[sp.list], sp.text)
		}
	}
	a.spelled = a.spelled[:0]
	for _, i := range a.inDoc {
		a.langs[i] |= a.docLangs
		l := a.lists[i]
		// A long list grows to twice its length (or the number of
		// documents), where append would add a quarter: a common
		// term's list, thousands of postings, was copied some ten
		// times over, three times as many bytes allocated for
		// postings as they take.
		if len(l) == cap(l) && len(l) >= 256 {
			l = slices.Grow(l, min(len(l), a.docs-len(l)))
		}
		a.lists[i] = append(l, a.pending[i])
	}
	a.inDoc = a.inDoc[:0]
}

// forget drops the document counted, unposted.
func (a *adder) forget() {
	for _, i := range a.inDoc {
		a.pending[i].doc = -1
	}
	a.inDoc = a.inDoc[:0]
	a.spelled = a.spelled[:0]
}

// termLists is every term with its postings (unsorted), from all the
// adders, once every document is added. The first adder's terms keep
// their places; another adder's lists join those of the same term.
func (b *Builder) termLists() []termPostings {
	if len(b.adders) == 0 {
		return nil
	}
	first := b.adders[0]
	out := make([]termPostings, len(first.lists))
	for i, t := range first.names {
		out[i] = termPostings{term: t, list: first.lists[i], langs: first.langs[i], spellings: first.spellings[i]}
	}
	others := map[string]int{} // the places in out of terms the first adder lacks
	for _, a := range b.adders[1:] {
		for i, t := range a.names {
			k, ok := first.terms[t]
			j := int(k)
			if !ok {
				j, ok = others[t]
			}
			if ok {
				out[j].list = mergeByDoc(out[j].list, a.lists[i])
				out[j].langs |= a.langs[i]
				for _, sp := range a.spellings[i] {
					if !slices.Contains(out[j].spellings, sp) {
						out[j].spellings = append(out[j].spellings, sp)
					}
				}
				continue
			}
			others[t] = len(out)
			out = append(out, termPostings{term: t, list: a.lists[i], langs: a.langs[i], spellings: a.spellings[i]})
		}
	}
	return out
}

// mergeByDoc is the postings of x and y, by document if each list is.
// An adder adds its documents in the order they are rendered, mostly
// that of their numbers: merged, not appended, the lists of two adders
// leave ranking little to sort.
func mergeByDoc(x, y []posting) []posting {
	out := make([]posting, 0, len(x)+len(y))
	for len(x) > 0 && len(y) > 0 {
		if x[0].doc < y[0].doc {
			out, x = append(out, x[0]), x[1:]
		} else {
			out, y = append(out, y[0]), y[1:]
		}
	}
	return append(append(out, x...), y...)
}

// hasPostings says whether any document has term.
func (b *Builder) hasPostings(term string) bool {
	for _, a := range b.adders {
		if _, ok := a.terms[term]; ok {
			return true
		}
	}
	return false
}

// missing is an error naming the first document never added.
func (b *Builder) missing() error {
	for id := range b.added {
		if !b.added[id].Load() {
			return fmt.Errorf("document %d of %d was never added", id, len(b.added))
		}
	}
	return nil
}
