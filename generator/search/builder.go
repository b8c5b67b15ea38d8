package search

import (
	"cmp"
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
	mu    sync.Mutex
	idle  []*partialIndex // the partial indexes no Add is using
	parts []*partialIndex // all of them
}

// partialIndex holds the posting lists of some of the documents: each Add
// takes one that no other is using, so that posting takes no lock and
// goroutines adding documents do not wait for each other. Finish merges
// them.
type partialIndex struct {
	terms  map[string]int32 // a term's place in lists
	lists  [][]posting
	filter []byte // the filter being posted
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
	// Not through analyze: the terms go to their lists, not into a
	// packed copy first.
	if err := b.claim(id, d.Path); err != nil {
		return err
	}
	info := describe(&d, b.opts.SnippetRunes)
	c := countTerms(&d)
	info.length = c.length
	b.docs[id] = info
	p := b.take()
	for i, t := range c.terms {
		p.post(t, posting{int32(id), c.weights[i]})
	}
	c.release()
	p.postTopics(id, d.Topics)
	b.give(p)
	return nil
}

func (b *Builder) addCompacted(id int, path string, a *analysis) error {
	if a.snippetRunes != b.opts.SnippetRunes {
		return fmt.Errorf("%s: compacted with snippets of %d runes, indexed with %d", path, a.snippetRunes, b.opts.SnippetRunes)
	}
	if err := b.claim(id, path); err != nil {
		return err
	}
	b.docs[id] = a.docInfo
	p := b.take()
	a.eachTerm(func(t string, w uint32) { p.post(t, posting{int32(id), w}) })
	p.postFilters(id, a.filters)
	b.give(p)
	return nil
}

// claim marks document id added, unless it already is.
func (b *Builder) claim(id int, path string) error {
	if b.added[id].Swap(true) {
		return fmt.Errorf("document %d (%s) added twice", id, path)
	}
	return nil
}

// take lends a partial index to one Add.
func (b *Builder) take() *partialIndex {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n := len(b.idle); n > 0 {
		p := b.idle[n-1]
		b.idle = b.idle[:n-1]
		return p
	}
	p := &partialIndex{terms: map[string]int32{}}
	b.parts = append(b.parts, p)
	return p
}

// give takes back a partial index lent by take.
func (b *Builder) give(p *partialIndex) {
	b.mu.Lock()
	b.idle = append(b.idle, p)
	b.mu.Unlock()
}

func (p *partialIndex) post(term string, q posting) {
	i, ok := p.terms[term]
	if !ok {
		i = p.newList(strings.Clone(term)) // not the text the term was cut from
	}
	p.lists[i] = append(p.lists[i], q)
}

func (p *partialIndex) newList(term string) int32 {
	i := int32(len(p.lists))
	p.terms[term] = i
	p.lists = append(p.lists, nil)
	return i
}

func (p *partialIndex) postFilters(id int, filters []string) {
	for _, t := range filters {
		p.post(t, posting{int32(id), 0})
	}
}

// postTopics posts the filters of a document's topics, as
// postFilters(id, topicFilters(slugs)) does, but without making the
// filters' strings.
func (p *partialIndex) postTopics(id int, slugs []string) {
	for i, slug := range slugs {
		if slug == "" || slices.Contains(slugs[:i], slug) {
			continue
		}
		p.filter = append(append(p.filter[:0], FilterPrefix...), slug...)
		k, ok := p.terms[string(p.filter)]
		if !ok {
			k = p.newList(string(p.filter))
		}
		p.lists[k] = append(p.lists[k], posting{int32(id), 0})
	}
}

// merged is the partial indexes merged into one, once every document is
// added.
func (b *Builder) merged() *partialIndex {
	if len(b.parts) == 0 {
		return &partialIndex{terms: map[string]int32{}}
	}
	// Into the largest: the fewest lists to move.
	into := slices.MaxFunc(b.parts, func(x, y *partialIndex) int { return cmp.Compare(len(x.lists), len(y.lists)) })
	for _, p := range b.parts {
		if p == into {
			continue
		}
		for t, i := range p.terms {
			j, ok := into.terms[t]
			if !ok {
				into.terms[t] = int32(len(into.lists))
				into.lists = append(into.lists, p.lists[i])
				continue
			}
			into.lists[j] = append(into.lists[j], p.lists[i]...)
		}
	}
	b.parts, b.idle = []*partialIndex{into}, []*partialIndex{into}
	return into
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
