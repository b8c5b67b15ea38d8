package search

import (
	"fmt"
	"hash/maphash"
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
	seed  maphash.Seed
	lists [postingShards]postingShard
}

// postingShards splits the posting lists by term hash, each behind its
// own lock, so that goroutines adding documents seldom wait for each other.
const postingShards = 64

type postingShard struct {
	mu    sync.Mutex
	terms map[string]int32 // a term's place in lists
	lists [][]posting
	docs  int // in the index: no list is longer
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
		b.lists[i].terms = map[string]int32{}
		b.lists[i].docs = n
	}
	return b
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
	b.postCounted(id, c)
	c.release()
	b.postTopics(id, d.Topics)
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
	a.eachTerm(func(t string, w uint32) { b.post(t, posting{int32(id), w}) })
	for _, t := range a.filters {
		b.post(t, posting{int32(id), 0})
	}
	return nil
}

// claim marks document id added, unless it already is.
func (b *Builder) claim(id int, path string) error {
	if b.added[id].Swap(true) {
		return fmt.Errorf("document %d (%s) added twice", id, path)
	}
	return nil
}

func (b *Builder) shard(term string) *postingShard {
	return &b.lists[maphash.String(b.seed, term)%postingShards]
}

func (b *Builder) post(term string, p posting) {
	s := b.shard(term)
	s.mu.Lock()
	s.post(term, p)
	s.mu.Unlock()
}

// postCounted posts the terms of document id, locking each shard once.
func (b *Builder) postCounted(id int, c *termCounter) {
	var locked *postingShard
	for _, i := range c.byShard(b.seed) {
		if s := &b.lists[c.shards[i]]; s != locked {
			if locked != nil {
				locked.mu.Unlock()
			}
			locked = s
			s.mu.Lock()
		}
		locked.post(c.terms[i], posting{int32(id), c.weights[i]})
	}
	if locked != nil {
		locked.mu.Unlock()
	}
}

// postTopics posts the filters of a document's topics, as post does
// topicFilters(slugs), but without making the filters' strings.
func (b *Builder) postTopics(id int, slugs []string) {
	var buf [64]byte
	for i, slug := range slugs {
		if slug == "" || slices.Contains(slugs[:i], slug) {
			continue
		}
		filter := append(append(buf[:0], FilterPrefix...), slug...)
		s := &b.lists[maphash.Bytes(b.seed, filter)%postingShards]
		s.mu.Lock()
		k, ok := s.terms[string(filter)]
		if !ok {
			k = s.newList(string(filter))
		}
		s.add(k, posting{int32(id), 0})
		s.mu.Unlock()
	}
}

// post adds p to term's list; the caller holds the lock.
func (s *postingShard) post(term string, p posting) {
	i, ok := s.terms[term]
	if !ok {
		i = s.newList(strings.Clone(term)) // not the text the term was cut from
	}
	s.add(i, p)
}

// add appends p to list i; the caller holds the lock. A long list grows
// to twice its length (or the number of documents), where append would
// add a quarter: a common term's list, thousands of postings, was copied
// some ten times over, three times as many bytes allocated for postings
// as they take.
func (s *postingShard) add(i int32, p posting) {
	l := s.lists[i]
	if len(l) == cap(l) && len(l) >= 256 {
		l = slices.Grow(l, min(len(l), s.docs-len(l)))
	}
	s.lists[i] = append(l, p)
}

func (s *postingShard) newList(term string) int32 {
	i := int32(len(s.lists))
	s.terms[term] = i
	s.lists = append(s.lists, nil)
	return i
}

// postings returns a term's list (unsorted), once every document is added.
func (b *Builder) postings(term string) []posting {
	s := b.shard(term)
	if i, ok := s.terms[term]; ok {
		return s.lists[i]
	}
	return nil
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
