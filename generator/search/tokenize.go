package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The tokenizer turns text into index terms. The client (search.js)
// implements the same steps for queries, so every rule here has a twin
// there; testdata/tokens.json holds cases both sides must agree on.
//
//  1. Fold: compatibility decomposition (NFKD), drop the combining
//     diacritics of U+0300–U+036F (á→a, ñ→n, ё→е, й→и) and the invisible
//     joiners and word-break hints (ZWSP, ZWJ, ZWNJ, soft hyphen, word
//     joiner, BOM), recompose (NFC), lower-case, final sigma → sigma.
//     Marks of other blocks (Khmer, Thai, Devanagari vowel signs…) carry
//     meaning and stay.
//  2. Words are maximal runs of letters, marks and decimal digits;
//     everything else separates. A word is cut where it changes between
//     a script written with spaces and one written without (Khmer, Thai,
//     Lao, Myanmar, Han, kana), digits counting as written with spaces.
//  3. A word of a spaced script is one term (at most maxTermRunes runes).
//  4. A run of a spaceless script is split into clusters (a base letter
//     with its marks; a Khmer coeng or Myanmar virama joins the next
//     consonant to the cluster) and indexed as overlapping cluster
//     bigrams, plus the run's last cluster alone. A word typed in such a
//     script is found wherever it stands inside a longer run: all its
//     bigrams are there. A single typed cluster matches by prefix.
//
// Terms (eachTerm of Fold) is these steps as written. Indexing takes the
// same terms a faster way, eachTextTerm (textterms.go), which FuzzTextTerms
// holds to Terms.

// maxTermRunes bounds a term; longer words (hashes, URLs glued
// together) are cut, the same way on both sides.
const maxTermRunes = 32

// wordRune reports the runes words are made of: letters, marks, digits.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r)
}

// spaceless reports the runes of scripts written without spaces between
// words. Digits are not among them: "២០២៥" is one term.
func spaceless(r rune) bool {
	if r < 0x0E00 || unicode.Is(unicode.Nd, r) {
		return false
	}
	switch {
	case r >= 0x0E00 && r <= 0x0EFF: // Thai, Lao
		return true
	case r >= 0x1000 && r <= 0x109F: // Myanmar
		return true
	case r >= 0x1780 && r <= 0x17FF, r >= 0x19E0 && r <= 0x19FF: // Khmer, Khmer symbols
		return true
	case r >= 0x3040 && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF: // kana
		return true
	case r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xF900 && r <= 0xFAFF: // Han
		return true
	case r >= 0xA9E0 && r <= 0xA9FF, r >= 0xAA60 && r <= 0xAA7F: // Myanmar extensions
		return true
	case r >= 0x20000 && r <= 0x3FFFF: // Han, supplementary planes
		return true
	}
	return false
}

// stacker reports the signs that join the next consonant to a cluster:
// Khmer coeng and Myanmar virama write subscript consonants.
func stacker(r rune) bool { return r == 0x17D2 || r == 0x1039 }

// Unit is one word of folded text: a spaced-script word, or a run of a
// spaceless script as clusters.
type Unit struct {
	Word     string   // a spaced-script word (Clusters is nil)
	Clusters []string // a spaceless run
}

// Units splits folded text into words and spaceless runs (steps 2 and 4).
func Units(folded string) []Unit {
	var out []Unit
	eachUnit(folded, func(word string, run string, bounds []int) {
		if run == "" {
			out = append(out, Unit{Word: word})
			return
		}
		clusters := make([]string, len(bounds)-1)
		for i := range clusters {
			clusters[i] = run[bounds[i]:bounds[i+1]]
		}
		out = append(out, Unit{Clusters: clusters})
	})
	return out
}

// boundsScratch holds the cluster bounds of spaceless runs: reused, as
// text is cut into many short stretches (eachTextTerm).
var boundsScratch = sync.Pool{New: func() any { return new([]int) }}

// eachUnit calls fn for each word (run == "") or spaceless run of folded
// text; bounds are the byte offsets of the run's clusters, with its end.
// The strings are slices of folded.
func eachUnit(folded string, fn func(word, run string, bounds []int)) {
	start := -1 // of the current word or run
	runes := 0  // in the current word
	inSpaceless, joinNext := false, false
	scratch := boundsScratch.Get().(*[]int)
	bounds := (*scratch)[:0]
	defer func() {
		*scratch = bounds
		boundsScratch.Put(scratch)
	}()
	flush := func(end int) {
		if start >= 0 {
			if inSpaceless {
				fn("", folded[start:end], append(bounds, end-start))
			} else {
				w := folded[start:end]
				if runes > maxTermRunes {
					n := 0
					for i := range w {
						if n == maxTermRunes {
							w = w[:i]
							break
						}
						n++
					}
				}
				fn(w, "", nil)
			}
		}
		start, runes, joinNext, bounds = -1, 0, false, bounds[:0]
	}
	for i, r := range folded {
		if !wordRune(r) {
			flush(i)
			inSpaceless = false
			continue
		}
		mark := r >= utf8.RuneSelf && unicode.IsMark(r)
		sl := spaceless(r)
		if mark && start >= 0 {
			sl = inSpaceless // a mark belongs to what it follows
		}
		if sl != inSpaceless {
			flush(i)
			inSpaceless = sl
		}
		if start < 0 {
			start = i
		}
		if !sl {
			runes++
			continue
		}
		if (!mark && !joinNext) || len(bounds) == 0 {
			bounds = append(bounds, i-start)
		}
		joinNext = stacker(r)
	}
	flush(len(folded))
}

// grams returns the index terms of a spaceless run: cluster bigrams and
// the last cluster alone.
func grams(clusters []string) []string {
	if len(clusters) == 1 {
		return []string{clusters[0]}
	}
	out := make([]string, 0, len(clusters))
	for i := 0; i+1 < len(clusters); i++ {
		out = append(out, clusters[i]+clusters[i+1])
	}
	return append(out, clusters[len(clusters)-1])
}

// eachTerm calls fn with each index term of folded text, in order,
// repeats included, without allocating: terms are slices of folded.
func eachTerm(folded string, fn func(term string)) {
	eachUnit(folded, func(word, run string, bounds []int) {
		if run == "" {
			fn(word)
			return
		}
		// bounds: cluster starts, then the run's end.
		k := len(bounds) - 1 // clusters
		for i := 0; i+1 < k; i++ {
			fn(run[bounds[i]:bounds[i+2]])
		}
		fn(run[bounds[k-1]:])
	})
}

// Terms returns the index terms of text in order, repeats included.
func Terms(text string) []string {
	var out []string
	eachTerm(Fold(text), func(t string) { out = append(out, t) })
	return out
}

// QueryWord is one word of a query and the terms that must match it.
type QueryWord struct {
	// Terms all must occur in a document (several for a spaceless run).
	Terms []string `json:"terms"`
	// Prefix lets the last of Terms match any term it begins: the word
	// still being typed, or a single cluster of a spaceless script.
	Prefix bool `json:"prefix"`
	// Text is the word folded (a spaceless run whole).
	Text string `json:"-"`
}

// minPrefixRunes is the shortest spaced word matched by prefix: a single
// letter would pull in a large part of the index.
const minPrefixRunes = 2

// ParseQuery splits a query into words. The last word is matched by
// prefix unless the query ends with a separator (the reader has finished
// typing it).
func ParseQuery(q string) []QueryWord {
	folded := Fold(q)
	units := Units(folded)
	last, _ := utf8.DecodeLastRuneInString(folded)
	open := len(folded) > 0 && wordRune(last)
	var out []QueryWord
	for i, u := range units {
		isLast := i == len(units)-1 && open
		if u.Clusters == nil {
			out = append(out, QueryWord{Terms: []string{u.Word}, Prefix: isLast && utf8.RuneCountInString(u.Word) >= minPrefixRunes, Text: u.Word})
			continue
		}
		run := strings.Join(u.Clusters, "")
		if len(u.Clusters) == 1 {
			out = append(out, QueryWord{Terms: u.Clusters, Prefix: true, Text: run})
			continue
		}
		var bigrams []string
		for j := 0; j+1 < len(u.Clusters); j++ {
			bigrams = append(bigrams, u.Clusters[j]+u.Clusters[j+1])
		}
		out = append(out, QueryWord{Terms: bigrams, Prefix: isLast, Text: run})
	}
	return out
}
