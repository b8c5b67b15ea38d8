package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/tamil"
	"github.com/blevesearch/snowballstem/turkish"
	"golang.org/x/text/unicode/norm"
)

// Word forms. Terms are stemmed at index time only, with the Snowball
// stemmer of the language of the documents they occur in (the entry's
// language, else the site's): the index writes, for each stem, the terms
// that share it (a stem group), and for each term its stems. The client
// never stems: a query word that is indexed finds its groups through its
// own record; one that is not takes the longest of its prefixes that is
// indexed and that a suffix the stemmers removed somewhere in the index
// completes to the word (Manifest.Suffixes). See query.go.

// stemmers are the Snowball stemmers by BCP 47 base language.
var stemmers = []struct {
	lang string
	stem func(*snowballstem.Env) bool
}{
	{"ar", arabic.Stem}, {"da", danish.Stem}, {"de", german.Stem}, {"en", english.Stem},
	{"es", spanish.Stem}, {"fi", finnish.Stem}, {"fr", french.Stem}, {"ga", irish.Stem},
	{"hu", hungarian.Stem}, {"it", italian.Stem}, {"nb", norwegian.Stem}, {"nl", dutch.Stem},
	{"nn", norwegian.Stem}, {"no", norwegian.Stem}, {"pt", portuguese.Stem}, {"ro", romanian.Stem},
	{"ru", russian.Stem}, {"sv", swedish.Stem}, {"ta", tamil.Stem}, {"tr", turkish.Stem},
}

// langSet is a set of stemmers, by their place in stemmers.
type langSet uint32

// stemmerSet is the set holding the stemmer of a BCP 47 tag ("es-MX",
// "EN"), or 0 for a language Snowball has no stemmer for (mn, km, kk).
func stemmerSet(tag string) langSet {
	base, _, _ := strings.Cut(tag, "-")
	base, _, _ = strings.Cut(base, "_")
	base = strings.ToLower(base)
	for i, s := range stemmers {
		if s.lang == base {
			return 1 << i
		}
	}
	return 0
}

// stemmable reports whether a term is stemmed: a word of a script
// written with spaces, made of letters (and marks) only. Numbers,
// cluster grams of spaceless scripts and filters are not.
func stemmable(term string) bool {
	if term == "" {
		return false
	}
	for _, r := range term {
		if r < utf8.RuneSelf {
			if r < 'a' || r > 'z' {
				return false
			}
			continue
		}
		if spaceless(r) || !(unicode.IsLetter(r) || unicode.IsMark(r)) {
			return false
		}
	}
	return true
}

// stemsOf returns the stems of a term in each language of langs: Fold
// of the Snowball stem of spelling, the word as written (lower-cased),
// which keeps the accents the stemmers read (evaluación → evalu, where
// evaluacion stays whole). Spelling is term itself for a word written
// without them. Stems equal to another language's are given once.
func stemsOf(env *snowballstem.Env, term, spelling string, langs langSet) []string {
	var out []string
	for i, s := range stemmers {
		if langs&(1<<i) == 0 {
			continue
		}
		env.SetCurrent(spelling)
		s.stem(env)
		stem := Fold(env.Current())
		if stem == "" || !stemmable(stem) {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == stem
		}
		if !dup {
			out = append(out, stem)
		}
	}
	return out
}

// chunkSpellings finds, in raw text whose Fold holds a term as a word,
// the word as written, lower-cased and composed (NFC), for the stemmers:
// the first word of the text that folds to the term. It reads the text
// once for all its terms.
type chunkSpellings struct {
	raw   string // the text read, compared by where it lies in memory
	spelt map[string]string
}

// of is the spelling of term in raw, or term when no word of raw folds
// to it. It reads raw only when raw is not the text read last.
func (c *chunkSpellings) of(raw, term string) string {
	if len(raw) != len(c.raw) || unsafe.StringData(raw) != unsafe.StringData(c.raw) {
		c.read(raw)
	}
	if w, ok := c.spelt[term]; ok {
		// A copy: raw may be a buffer lent to the document, used again.
		return strings.Clone(composed(w))
	}
	return term
}

func (c *chunkSpellings) read(raw string) {
	c.raw = raw
	// Clearing costs what the table ever held: after a paragraph of
	// Cyrillic, a fresh table for the one-word chunks of Latin text.
	if c.spelt == nil || len(c.spelt) > 64 {
		c.spelt = map[string]string{}
	} else {
		clear(c.spelt)
	}
	eachUnit(strings.ToLower(raw), func(w, run string, _ []int) {
		if run != "" {
			return
		}
		f := Fold(w)
		if _, seen := c.spelt[f]; !seen {
			c.spelt[f] = w
		}
	})
}

// forget drops the text read, which may be a buffer that the next
// document uses again at the same place.
func (c *chunkSpellings) forget() { c.raw = "" }

// composed is s in Unicode's composed form (NFC), as stemmers read it.
func composed(s string) string { return norm.NFC.String(s) }
