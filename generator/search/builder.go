package search

import (
	"fmt"
	"hash/maphash"
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
	seed  maphash.Seed
	lists [postingShards]postingShard
}

// postingShards splits the posting lists by term hash, each behind its
// own lock, so that goroutines adding documents seldom wait for each other.
const postingShards = 64

type postingShard struct {
	mu    sync.Mutex
	lists map[string][]posting
}

// posting is one document of a term's list, before ranking.
type posting struct {
	doc int32
	wtf uint32 // weighted term frequency; 0 for a filter
}

// NewBuilder prepares an index of n documents.
func NewBuilder(n int, opts Options) *Builder {
	b := &Builder{opts: opts.withDefaults(), docs: make([]docInfo, n), added: make([]atomic.Bool, n), seed: maphash.MakeSeed()}
	for i := range b.lists {
		b.lists[i].lists = map[string][]posting{}
	}
	return b
}

// Add indexes document id. It is safe to call from several goroutines,
// once for each document.
func (b *Builder) Add(id int, d Document) error {
	if id < 0 || id >= len(b.docs) {
		return fmt.Errorf("document %d (%s): numbers go from 0 to %d", id, d.Path, len(b.docs)-1)
	}
	a := d.analysis
	if a == nil {
		var err error
		if a, err = analyze(&d, b.opts.SnippetRunes); err != nil {
			return fmt.Errorf("%s: %w", d.Path, err)
		}
	} else if a.snippetRunes != b.opts.SnippetRunes {
		return fmt.Errorf("%s: compacted with snippets of %d runes, indexed with %d", d.Path, a.snippetRunes, b.opts.SnippetRunes)
	}
	if b.added[id].Swap(true) {
		return fmt.Errorf("document %d (%s) added twice", id, d.Path)
	}
	b.docs[id] = a.docInfo
	doc := int32(id)
	a.eachTerm(func(t string, w uint32) { b.post(t, posting{doc, w}) })
	for _, t := range a.filters {
		b.post(t, posting{doc, 0})
	}
	return nil
}

func (b *Builder) post(term string, p posting) {
	s := &b.lists[maphash.String(b.seed, term)%postingShards]
	s.mu.Lock()
	l, ok := s.lists[term]
	if !ok {
		term = strings.Clone(term) // not the packed terms of the whole document
	}
	s.lists[term] = append(l, p)
	s.mu.Unlock()
}

// postings returns a term's list (unsorted), once every document is added.
func (b *Builder) postings(term string) []posting {
	return b.lists[maphash.String(b.seed, term)%postingShards].lists[term]
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
