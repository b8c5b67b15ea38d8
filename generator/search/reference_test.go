package search

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"
)

// The analysis as it was before eachTextTerm, the term counter and the
// snippet buffers: every field folded whole and tokenized the general
// way (eachTerm), its terms counted in a map, the snippet joined from
// collapsed copies. Tests hold the fast paths to it.

func referenceAnalyze(d *Document, snippetRunes int) (*analysis, error) {
	meta, err := json.Marshal([]string{d.Title, d.Path, referenceSnippet(d, snippetRunes)})
	if err != nil {
		return nil, err
	}
	a := &analysis{docInfo: docInfo{typ: d.Type, typeLabel: d.TypeLabel, topicSlug: d.TopicSlug, meta: meta}, snippetRunes: snippetRunes}
	if d.TopicSlug != "" {
		a.title = d.Title
	}
	counts := map[string]uint32{}
	spelled := map[string]string{} // a term's spelling at its first occurrence
	a.langs = stemmerSet(d.Language)
	for _, f := range d.Fields {
		w := uint32(f.Weight)
		eachTerm(Fold(f.Text), func(t string) {
			if _, seen := counts[t]; !seen && a.langs != 0 {
				spelled[t] = referenceSpellingOf(f.Text, t)
			}
			counts[t] += w
			a.length += float64(w)
		})
	}
	var terms strings.Builder
	var spellings []string
	for t, w := range counts {
		terms.WriteString(t)
		terms.WriteByte('\n')
		a.weights = append(a.weights, w)
		if sp := spelled[t]; sp != t && sp != "" {
			spellings = append(spellings, sp)
		} else {
			spellings = append(spellings, "")
		}
	}
	a.terms = terms.String()
	if slices.ContainsFunc(spellings, func(s string) bool { return s != "" }) {
		a.spellings = spellings
	}
	seen := map[string]bool{}
	for _, slug := range d.Topics {
		if !seen[slug] && slug != "" {
			seen[slug] = true
			a.filters = append(a.filters, FilterPrefix+slug)
		}
	}
	return a, nil
}

// referenceCompact is Compact through referenceAnalyze.
func referenceCompact(d Document, opts Options) (Document, error) {
	a, err := referenceAnalyze(&d, opts.withDefaults().SnippetRunes)
	if err != nil {
		return Document{}, err
	}
	return Document{Path: d.Path, Title: d.Title, Type: d.Type, TypeLabel: d.TypeLabel, TopicSlug: d.TopicSlug, Language: d.Language, analysis: a}, nil
}

func referenceSnippet(d *Document, limit int) string {
	var parts []string
	size := 0
	for _, f := range d.Fields {
		if !f.Snippet {
			continue
		}
		t := referenceCollapseSpaces(f.Text, limit+1)
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
	cut := string([]rune(s)[:limit]) // bad bytes become U+FFFD
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return cut + "…"
}

// referenceCollapseSpaces is strings.Join(strings.Fields(s), " ") cut
// after at most max runes, bytes of invalid UTF-8 counting as one each.
func referenceCollapseSpaces(s string, max int) string {
	var b []byte
	runes := 0
	for _, word := range strings.Fields(s) {
		if runes >= max {
			break
		}
		if len(b) > 0 {
			b = append(b, ' ')
			runes++
		}
		for i := 0; i < len(word) && runes < max; runes++ {
			_, n := utf8.DecodeRuneInString(word[i:])
			b = append(b, word[i:i+n]...)
			i += n
		}
	}
	return string(b)
}

// referenceSpellingOf is chunkSpellings.of as it was: the raw text read
// from its start for each term.
func referenceSpellingOf(raw, term string) string {
	word := ""
	found := false
	eachUnit(strings.ToLower(raw), func(w, run string, _ []int) {
		if found || run != "" {
			return
		}
		if Fold(w) == term {
			word, found = w, true
		}
	})
	if !found {
		return term
	}
	return composed(word)
}
