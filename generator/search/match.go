package search

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// match is a term's list and the tier of its match to a query word.
type match struct {
	list  termList
	tier  int
	edits int // of a typo
}

// record is the record of key, if its shard has one.
func (r *Reader) record(key string) (termList, bool, error) {
	if len(r.Manifest.Terms) == 0 {
		return termList{}, false, nil
	}
	s, err := r.shard(r.shardOf(key))
	if err != nil {
		return termList{}, false, err
	}
	t, ok := s.records[key]
	return t, ok, nil
}

// term is the record of an indexed term.
func (r *Reader) term(key string) (termList, bool, error) {
	t, ok, err := r.record(key)
	return t, ok && t.isTerm, err
}

// expand returns the terms a query term stands for: itself, and with
// prefix set the (at most maxExpansions) most frequent terms it begins.
func (r *Reader) expand(term string, prefix bool) ([]match, error) {
	if !prefix {
		t, ok, err := r.term(term)
		if !ok || err != nil {
			return nil, err
		}
		return []match{{list: t, tier: tierExact}}, nil
	}
	if len(r.Manifest.Terms) == 0 {
		return nil, nil
	}
	var cands []match
	first := r.shardOf(term)
	for i := first; i < len(r.Manifest.Terms) && i < first+maxPrefixShards; i++ {
		if i > first && !strings.HasPrefix(r.Manifest.Terms[i], term) {
			break
		}
		s, err := r.shard(i)
		if err != nil {
			return nil, err
		}
		for _, t := range s.terms {
			if strings.HasPrefix(t, term) {
				tier := tierPrefix
				if t == term {
					tier = tierExact
				}
				cands = append(cands, match{list: s.records[t], tier: tier})
			}
		}
	}
	slices.SortFunc(cands, func(a, b match) int {
		if d := len(b.list.Postings) - len(a.list.Postings); d != 0 {
			return d
		}
		return CompareUTF16(a.list.Term, b.list.Term)
	})
	if len(cands) > maxExpansions {
		exact := slices.IndexFunc(cands, func(m match) bool { return m.tier == tierExact })
		if exact >= maxExpansions {
			cands[maxExpansions-1] = cands[exact]
		}
		cands = cands[:maxExpansions]
	}
	return cands, nil
}

// wordMatches returns, for each term of a query word, the terms it
// matches and how (see the ranking above query.go's constants).
func (r *Reader) wordMatches(w QueryWord) ([][]match, error) {
	if len(w.Terms) == 1 && stemmable(w.Terms[0]) {
		m, err := r.letterWordMatches(w.Terms[0], w.Prefix)
		return [][]match{m}, err
	}
	out := make([][]match, len(w.Terms))
	for i, g := range w.Terms {
		m, err := r.expand(g, w.Prefix && i == len(w.Terms)-1)
		if err != nil {
			return nil, err
		}
		out[i] = m
	}
	return out, nil
}

// letterWordMatches is what a word of letters matches: itself (and, being
// typed, the terms it begins) and its word forms; when the index lacks
// it, what unindexedMatches adds.
func (r *Reader) letterWordMatches(q string, typing bool) ([]match, error) {
	var found matchSet
	m, err := r.expand(q, typing)
	if err != nil {
		return nil, err
	}
	found.add(tierPrefix, m...)
	self, indexed, err := r.term(q)
	if err != nil {
		return nil, err
	}
	if !indexed {
		err := r.unindexedMatches(&found, q)
		return found.list, err
	}
	fam, err := r.family(self)
	found.add(tierStem, fam...)
	return found.list, err
}

// unindexedMatches adds what a word the index lacks matches: the word
// forms of its stem, the terms sharing its longest indexed prefix, and
// those a typo away.
func (r *Reader) unindexedMatches(found *matchSet, q string) error {
	stem, ok, err := r.stemPrefix(q)
	if err != nil {
		return err
	}
	if ok {
		fam, err := r.family(stem)
		if err != nil {
			return err
		}
		if stem.isTerm {
			fam = append(fam, match{list: stem})
		}
		found.add(tierStem, fam...)
	}
	shared, err := r.sharedPrefix(q)
	if err != nil {
		return err
	}
	if utf8.RuneCountInString(shared) >= minSharedRunes {
		m, err := r.expand(shared, true)
		if err != nil {
			return err
		}
		found.add(tierPrefix, m...)
	}
	n := utf8.RuneCountInString(q)
	if n < minTypoRunes {
		return nil
	}
	edits := 1
	if n >= twoTyposRunes {
		edits = 2
	}
	near, err := r.nearTerms(q, edits, maxTypos)
	found.add(tierTypo, near...)
	return err
}

// matchSet gathers the terms a word matches, each at its best tier.
type matchSet struct {
	list  []match
	index map[string]int
}

// add adds matches at tier, or at their own if higher (an exact term
// among a prefix's terms).
func (s *matchSet) add(tier int, ms ...match) {
	if s.index == nil {
		s.index = map[string]int{}
	}
	for _, m := range ms {
		m.tier = max(m.tier, tier)
		if i, ok := s.index[m.list.Term]; ok {
			s.list[i].tier = max(s.list[i].tier, m.tier)
			continue
		}
		s.index[m.list.Term] = len(s.list)
		s.list = append(s.list, m)
	}
}

// family is the terms of the stem groups of t (a term or a stem): its
// own group if it keys one, and those of its stems.
func (r *Reader) family(t termList) ([]match, error) {
	groups := []termList{t}
	for _, s := range t.Stems {
		g, ok, err := r.record(s)
		if err != nil {
			return nil, err
		}
		if ok {
			groups = append(groups, g)
		}
	}
	var out []match
	for _, g := range groups {
		for _, m := range g.Group {
			l, ok, err := r.term(m)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, match{list: l})
			}
		}
	}
	return out, nil
}

// stemPrefix finds the stem of a word that is not indexed: the longest
// record key (a term or a stem) of at least minStemRunes letters that one
// of the index's suffixes (none included) completes to the word.
func (r *Reader) stemPrefix(q string) (termList, bool, error) {
	for _, p := range stemCandidates(q, r.Manifest.Suffixes) {
		t, ok, err := r.record(p)
		if ok || err != nil {
			return t, ok, err
		}
	}
	return termList{}, false, nil
}

// stemCandidates are the prefixes of q that a suffix completes to q,
// longest first.
func stemCandidates(q string, suffixes []string) []string {
	var out []string
	for _, s := range append([]string{""}, suffixes...) {
		if p, ok := strings.CutSuffix(q, s); ok && utf8.RuneCountInString(p) >= minStemRunes {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(out)
}

// sharedPrefix is the longest prefix q shares with a term of its shard:
// with the terms just before and after it.
func (r *Reader) sharedPrefix(q string) (string, error) {
	if len(r.Manifest.Terms) == 0 {
		return "", nil
	}
	s, err := r.shard(r.shardOf(q))
	if err != nil {
		return "", err
	}
	k := sort.Search(len(s.terms), func(i int) bool { return CompareUTF16(s.terms[i], q) >= 0 })
	best := ""
	for _, n := range []int{k - 1, k} {
		if n >= 0 && n < len(s.terms) {
			if p := commonPrefix(q, s.terms[n]); len(p) > len(best) {
				best = p
			}
		}
	}
	return best, nil
}

// commonPrefix is the longest prefix of a and b, whole runes.
func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) {
		ra, size := utf8.DecodeRuneInString(a[n:])
		rb, _ := utf8.DecodeRuneInString(b[n:])
		if ra != rb {
			break
		}
		n += size
	}
	return a[:n]
}

// nearTerms are the terms of q's shard at most edits edits from q
// (letters only, as for stems), nearest first, then the most frequent,
// at most limit.
func (r *Reader) nearTerms(q string, edits, limit int) ([]match, error) {
	if len(r.Manifest.Terms) == 0 {
		return nil, nil
	}
	s, err := r.shard(r.shardOf(q))
	if err != nil {
		return nil, err
	}
	type near struct {
		list termList
		d    int
	}
	var cands []near
	qr := []rune(q)
	for _, t := range s.terms {
		if t == q || !stemmable(t) {
			continue
		}
		if d := editDistance(qr, []rune(t), edits); d <= edits {
			cands = append(cands, near{s.records[t], d})
		}
	}
	slices.SortFunc(cands, func(a, b near) int {
		if a.d != b.d {
			return a.d - b.d
		}
		if d := len(b.list.Postings) - len(a.list.Postings); d != 0 {
			return d
		}
		return CompareUTF16(a.list.Term, b.list.Term)
	})
	out := make([]match, 0, min(limit, len(cands)))
	for _, c := range cands[:min(limit, len(cands))] {
		out = append(out, match{list: c.list, tier: tierTypo, edits: c.d})
	}
	return out, nil
}

// editDistance is the optimal string alignment distance of a and b
// (insertions, deletions, substitutions and transpositions of neighbours
// count one each), or limit+1 when it is over limit. Only the cells at
// most limit from the diagonal are computed: any path through another
// costs more than limit.
func editDistance(a, b []rune, limit int) int {
	over := limit + 1
	if d := len(a) - len(b); d > limit || -d > limit {
		return over
	}
	n := len(b) + 1
	rows := make([]int, 3*n)
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j], prev2[j] = min(j, over), over
	}
	prevLow := 0
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[lo-1] = over // read as cur[j-1]; the first column is i
		if lo == 1 {
			cur[0] = min(i, over)
		}
		low := cur[lo-1]
		for j := lo; j <= hi; j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			if j > 1 && i > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				c = min(c, prev2[j-2]+1)
			}
			cur[j] = min(c, over)
			low = min(low, cur[j])
		}
		if hi+1 < n {
			cur[hi+1] = over // read as the next row's prev
		}
		// A transposition reaches back two rows: past the limit in
		// two rows, it stays past it.
		if low > limit && prevLow > limit {
			return over
		}
		prevLow = low
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
