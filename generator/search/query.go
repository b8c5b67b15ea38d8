package search

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Ranking, the same in search.js (all integer arithmetic, so both sides
// agree to the last point):
//
//   - Each query word must match (AND). When no document matches every
//     word, the documents matching the most words are returned.
//   - A word matches terms in four ways, ranked in this order (tiers):
//     exact (the word itself); stem (a term of the word's stem groups,
//     groups.go); prefix (a longer term the word being typed begins, or,
//     for a word that is not indexed, a term that shares the longest
//     prefix of at least four letters any term shares with it); typo (a
//     term one edit away, two from nine letters on, in the word's shard).
//     Stems, prefixes of unindexed words and typos are for words of
//     letters of scripts written with spaces: not for numbers, nor for
//     the cluster grams of Khmer, Thai or CJK.
//   - A term scores 4096 + tier × idf × impact in a document (tier 4
//     exact, 3 stem, 2 prefix), and a typo idf × impact alone, halved
//     (rounded down) for a second edit: a typo
//     never outranks another match (idf × impact is at most 63 × 63),
//     while the other tiers weigh with the field, so that a stem in a
//     title may outrank the exact word in a body. Of several terms
//     matching one word, a document counts its best.
//   - A spaceless-script word needs all its cluster bigrams; it scores
//     their mean (rounded down).
//   - A document's score is the sum over words; ties go to the lower
//     document number: type order, then the site's own order of entries.
//   - Filters: a type (a range of document numbers) and a topic (the
//     documents of its "#slug" list).
const (
	tierTypo   = 1
	tierPrefix = 2
	tierStem   = 3
	tierExact  = 4
	tierScale  = 4096 // above any typo's score
	// maxExpansions bounds the terms a prefix stands for: the most
	// frequent ones.
	maxExpansions = 64
	// maxPrefixShards bounds the shards loaded for one prefix.
	maxPrefixShards = 3
	// minStemRunes is the shortest stem an unindexed word is cut to;
	// minSharedRunes, the shortest prefix it may share with terms.
	minStemRunes   = 3
	minSharedRunes = 4
	// A word of minTypoRunes letters may have one typo, of
	// twoTyposRunes two; at most maxTypos terms are taken for it.
	minTypoRunes  = 5
	twoTyposRunes = 9
	maxTypos      = 16
	// A suggestion replaces a word of minSuggestRunes letters or more
	// with a term one edit away, or two from minTypoRunes letters on.
	minSuggestRunes = 4
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
	shards   map[int]decodedShard
	docFiles map[string][][]string // result files read, by key
	// Loaded lists the files read since the last ResetLoaded, as a
	// browser would fetch them.
	Loaded []string
}

// OpenReader reads the manifest of an index held in memory, by path from
// the site root (as Index.Files).
func OpenReader(files []File) (*Reader, error) {
	r := &Reader{files: map[string][]byte{}, shards: map[int]decodedShard{}, docFiles: map[string][][]string{}}
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

func (r *Reader) shard(i int) (decodedShard, error) {
	if s, ok := r.shards[i]; ok {
		return s, nil
	}
	var payload string
	if err := r.load("s/"+r.Manifest.Files[i], &payload); err != nil {
		return decodedShard{}, err
	}
	s, err := decodeShard(payload)
	if err != nil {
		return decodedShard{}, err
	}
	r.shards[i] = s
	return s, nil
}

// shardOf is the shard whose range holds term.
func (r *Reader) shardOf(term string) int {
	i := sort.Search(len(r.Manifest.Terms), func(i int) bool { return CompareUTF16(r.Manifest.Terms[i], term) > 0 })
	return max(0, i-1)
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
		l, _, err := r.term(FilterPrefix + f.Topic)
		if err != nil {
			return nil, err
		}
		for _, p := range l.Postings {
			topic[p.Doc] = true
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
		lists, err := r.wordMatches(w)
		if err != nil {
			return nil, err
		}
		for _, ms := range lists {
			clear(best)
			for _, m := range ms {
				for _, p := range m.list.Postings {
					best[p.Doc] = max(best[p.Doc], termScore(m, p.Impact))
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

// termScore is what a term matched scores in a document where it has
// impact.
func termScore(m match, impact int) int {
	if m.tier == tierTypo {
		return m.list.IDF * impact >> (m.edits - 1) // halved for a second edit
	}
	return tierScale + m.tier*m.list.IDF*impact
}

// Suggest is what to offer ("Did you mean …?") for a query that found
// nothing: each word of minSuggestRunes letters or more that is not
// indexed replaced by the nearest term of its shard (one edit away, two
// from minTypoRunes letters on; then the most frequent), the words
// joined by spaces; "" when no word has such a term.
func (r *Reader) Suggest(q string) (string, error) {
	var parts []string
	changed := false
	for _, w := range ParseQuery(q) {
		text := w.Text
		n := utf8.RuneCountInString(text)
		if len(w.Terms) == 1 && stemmable(text) && n >= minSuggestRunes {
			_, indexed, err := r.term(text)
			if err != nil {
				return "", err
			}
			edits := 1
			if n >= minTypoRunes {
				edits = 2
			}
			near, err := r.nearTerms(text, edits, 1)
			if err != nil {
				return "", err
			}
			if !indexed && len(near) > 0 {
				text, changed = near[0].list.Term, true
			}
		}
		parts = append(parts, text)
	}
	if !changed {
		return "", nil
	}
	return strings.Join(parts, " "), nil
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
