package render

import (
	"sync"
	"sync/atomic"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/search"
)

// streamedIndex adds an entry to the search index the moment its page
// renders its body, so a build keeps no search document until the end
// (Options.IndexWhileRendering). The preview server renders pages on
// demand and builds its index apart, so it keeps documents instead.
type streamedIndex struct {
	index  *search.Builder
	number map[*load.Entry]int // the entry's document number
	done   []atomic.Bool       // added, by number
	mu     sync.Mutex
	err    error // the first failed Add, reported by SearchIndex
}

func (s *Site) startStreamedIndex() {
	entries := s.searchEntries()
	st := &streamedIndex{
		index:  search.NewBuilder(len(entries), searchOptions),
		number: make(map[*load.Entry]int, len(entries)),
		done:   make([]atomic.Bool, len(entries)),
	}
	for i, v := range entries {
		st.number[v.e] = i
	}
	s.streamed = st
}

// indexNow adds the entry's document, made from the body its page just
// rendered, unless another page already did.
func (s *Site) indexNow(v *Entry, html []byte, text string) {
	st := s.streamed
	i, ok := st.number[v.e]
	if !ok || !st.done[i].CompareAndSwap(false, true) {
		return
	}
	sc := getDocumentScratch()
	d := s.fillDocument(sc.document(), v, html, text)
	err := st.index.Add(i, d)
	sc.release(d)
	if err != nil {
		st.mu.Lock()
		if st.err == nil {
			st.err = err
		}
		st.mu.Unlock()
	}
}

// addUnindexed adds document i unless its page added it while rendering.
func (s *Site) addUnindexed(b *search.Builder, i int, d search.Document) error {
	st := s.streamed
	st.mu.Lock()
	err := st.err
	st.mu.Unlock()
	if err != nil {
		return err
	}
	if !st.done[i].CompareAndSwap(false, true) {
		return nil
	}
	return b.Add(i, d)
}
