package search

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Ranking, the same in search.js (all integer arithmetic, so both sides
// agree to the last point):
//
//   - Each query word must match (AND). When no document matches every
//     word, the documents matching the most words are returned.
//   - A term scores idf × impact × 4 in a document; a longer term matched
//     by the prefix of the word being typed scores idf × impact × 3, so an
//     exact word ranks first. Of several terms matching one word, a
//     document counts its best.
//   - A spaceless-script word needs all its cluster bigrams; it scores
//     their mean (rounded down).
//   - A document's score is the sum over words; ties go to the lower
//     document number: type order, then the site's own order of entries.
//   - Filters: a type (a range of document numbers) and a topic (the
//     documents of its "#slug" list).
const (
	exactFactor  = 4
	prefixFactor = 3
	// maxExpansions bounds the terms a prefix stands for: the most
	// frequent ones.
	maxExpansions = 64
	// maxPrefixShards bounds the shards loaded for one prefix.
	maxPrefixShards = 3
)

// Filter narrows results to one type (by name) and one topic (by slug).
type Filter struct{ Type, Topic string }

// Result is one ranked document.
type Result struct {
	Doc   int
	Score int
}

// Reader searches a built index from its files, loading shards as the
// client does; Go tests use it as the reference implementation.
type Reader struct {
	Manifest Manifest
	files    map[string][]byte // path under Dir -> data
	shards   map[int]map[string]termList
	docFiles map[string][][]string // result files read, by key
	// Loaded lists the files read since the last ResetLoaded, as a
	// browser would fetch them.
	Loaded []string
}

// OpenReader reads the manifest of an index held in memory, by path from
// the site root (as Index.Files).
func OpenReader(files []File) (*Reader, error) {
	r := &Reader{files: map[string][]byte{}, shards: map[int]map[string]termList{}, docFiles: map[string][][]string{}}
	for _, f := range files {
		r.files[strings.TrimPrefix(f.Path, Dir)] = f.Data
	}
	if err := r.load("manifest", &r.Manifest); err != nil {
		return nil, err
	}
	if len(r.Manifest.Terms) != len(r.Manifest.Files) {
		return nil, fmt.Errorf("manifest: %d shard terms, %d files", len(r.Manifest.Terms), len(r.Manifest.Files))
	}
	return r, nil
}

func (r *Reader) load(key string, v any) error {
	data, ok := r.files[key+".js"]
	if !ok {
		return fmt.Errorf("no file %s.js", key)
	}
	r.Loaded = append(r.Loaded, Dir+key+".js")
	got, err := unwrap(data, v)
	if err != nil {
		return fmt.Errorf("%s.js: %w", key, err)
	}
	if got != key {
		return fmt.Errorf("%s.js: key %q", key, got)
	}
	return nil
}

// ResetLoaded forgets which files were read (they stay cached).
func (r *Reader) ResetLoaded() { r.Loaded = nil }

func (r *Reader) shard(i int) (map[string]termList, error) {
	if s, ok := r.shards[i]; ok {
		return s, nil
	}
	var payload string
	if err := r.load("s/"+r.Manifest.Files[i], &payload); err != nil {
		return nil, err
	}
	s, err := DecodeShard(payload)
	if err != nil {
		return nil, err
	}
	r.shards[i] = s
	return s, nil
}

// shardOf is the shard whose range holds term.
func (r *Reader) shardOf(term string) int {
	i := sort.Search(len(r.Manifest.Terms), func(i int) bool { return CompareUTF16(r.Manifest.Terms[i], term) > 0 })
	return max(0, i-1)
}

type expansion struct {
	list  termList
	exact bool
}

// expand returns the lists a query term stands for.
func (r *Reader) expand(term string, prefix bool) ([]expansion, error) {
	first := r.shardOf(term)
	if len(r.Manifest.Terms) == 0 {
		return nil, nil
	}
	if !prefix {
		s, err := r.shard(first)
		if err != nil {
			return nil, err
		}
		if l, ok := s[term]; ok {
			return []expansion{{l, true}}, nil
		}
		return nil, nil
	}
	var cands []expansion
	for i := first; i < len(r.Manifest.Terms) && i < first+maxPrefixShards; i++ {
		if i > first && !strings.HasPrefix(r.Manifest.Terms[i], term) {
			break
		}
		s, err := r.shard(i)
		if err != nil {
			return nil, err
		}
		for t, l := range s {
			if strings.HasPrefix(t, term) {
				cands = append(cands, expansion{l, t == term})
			}
		}
	}
	slices.SortFunc(cands, func(a, b expansion) int {
		if d := len(b.list.Postings) - len(a.list.Postings); d != 0 {
			return d
		}
		return CompareUTF16(a.list.Term, b.list.Term)
	})
	if len(cands) > maxExpansions {
		exact := slices.IndexFunc(cands, func(e expansion) bool { return e.exact })
		if exact >= maxExpansions {
			cands[maxExpansions-1] = cands[exact]
		}
		cands = cands[:maxExpansions]
	}
	return cands, nil
}

// Search ranks the documents for a query and filter.
func (r *Reader) Search(q string, f Filter) ([]Result, error) {
	n := r.Manifest.N
	lo, hi := 0, n
	if f.Type != "" {
		lo, hi = 0, 0
		for _, t := range r.Manifest.Types {
			if t.Name == f.Type {
				lo, hi = t.Start, t.End
			}
		}
	}
	var topic []bool
	if f.Topic != "" {
		topic = make([]bool, n)
		ex, err := r.expand(FilterPrefix+f.Topic, false)
		if err != nil {
			return nil, err
		}
		for _, e := range ex {
			for _, p := range e.list.Postings {
				topic[p.Doc] = true
			}
		}
	}
	words := ParseQuery(q)
	if len(words) == 0 && f == (Filter{}) {
		return nil, nil
	}
	matched := make([]int, n)
	score := make([]int, n)
	have := make([]int, n)
	sum := make([]int, n)
	best := make([]int, n)
	for _, w := range words {
		clear(have)
		clear(sum)
		for gi, g := range w.Terms {
			ex, err := r.expand(g, w.Prefix && gi == len(w.Terms)-1)
			if err != nil {
				return nil, err
			}
			clear(best)
			for _, e := range ex {
				factor := prefixFactor
				if e.exact {
					factor = exactFactor
				}
				for _, p := range e.list.Postings {
					best[p.Doc] = max(best[p.Doc], e.list.IDF*p.Impact*factor)
				}
			}
			for d, s := range best {
				if s > 0 {
					have[d]++
					sum[d] += s
				}
			}
		}
		for d := range n {
			if have[d] == len(w.Terms) {
				matched[d]++
				score[d] += sum[d] / len(w.Terms)
			}
		}
	}
	most := 0
	for d := lo; d < hi; d++ {
		if topic == nil || topic[d] {
			most = max(most, matched[d])
		}
	}
	if most == 0 && len(words) > 0 {
		return nil, nil
	}
	var out []Result
	for d := lo; d < hi; d++ {
		if matched[d] == most && (topic == nil || topic[d]) {
			out = append(out, Result{d, score[d]})
		}
	}
	slices.SortStableFunc(out, func(a, b Result) int { return b.Score - a.Score })
	return out, nil
}

// DocMeta is what a result shows: its entry in a result file.
type DocMeta struct {
	Title, Path, Snippet string
}

// Doc reads a document's result, loading its result file once.
func (r *Reader) Doc(id int) (DocMeta, error) {
	if id < 0 || id >= r.Manifest.N || r.Manifest.PerFile <= 0 {
		return DocMeta{}, fmt.Errorf("document %d of %d (%d per file)", id, r.Manifest.N, r.Manifest.PerFile)
	}
	name, at := DocFile(id, r.Manifest.PerFile)
	key := r.Manifest.Docs + name
	file, ok := r.docFiles[key]
	if !ok {
		if err := r.load(key, &file); err != nil {
			return DocMeta{}, err
		}
		r.docFiles[key] = file
	}
	if at >= len(file) || len(file[at]) != 3 {
		return DocMeta{}, fmt.Errorf("document %d: no [title, path, snippet] at %d of %s.js", id, at, key)
	}
	v := file[at]
	return DocMeta{v[0], v[1], v[2]}, nil
}
