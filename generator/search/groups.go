package search

import (
	"context"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/agora-community/agora/generator/cores"
	"github.com/blevesearch/snowballstem"
)

// Stem groups in the shards. A term's record may end with two sections:
//
//	TERM ' ' POSTINGS ['^' STEM {',' STEM}] ['+' MEMBER {',' MEMBER}]
//
// '^' lists the term's stems other than itself that other terms share;
// '+' makes the term a
// stem key and lists the terms of its group. A stem that is no term has
// a record of its own, in the order of keys: STEM '+' MEMBER {',' MEMBER}.
// A member is written as what follows the key when it begins with it
// ("" for the key itself), else as '=' and the whole term: the group
// of "evalu" is "evalu+ation,ated,ating", that of "studi" "studi+es,=study".
// The characters are safe in a JSON string unescaped, and none is in a
// term.

// maxSuffixRunes bounds the endings kept in Manifest.Suffixes.
const maxSuffixRunes = 8

// stemRecords are the stem sections of the terms' records (by the
// terms' order), the records of stems that are no term (sorted), and the
// endings the stemmers removed.
type stemRecords struct {
	ofTerm   []string
	only     []keyedRecord
	suffixes []string
}

// keyedRecord is a record of a shard and its key.
type keyedRecord struct {
	key string
	rec []byte
}

var stemEnvs = sync.Pool{New: func() any { return snowballstem.NewEnv("") }}

// stemGroups stems each term in the languages of the documents it
// occurs in, with each of its spellings, and groups the terms by stem.
// Terms are sorted (CompareUTF16).
func stemGroups(terms []termPostings) stemRecords {
	stems := make([][]string, len(terms))
	cores.Each(context.Background(), len(terms), func(i int) {
		t := &terms[i]
		if t.langs == 0 || !stemmable(t.term) {
			return
		}
		env := stemEnvs.Get().(*snowballstem.Env)
		defer stemEnvs.Put(env)
		spellings := t.spellings
		if len(spellings) == 0 {
			spellings = []string{t.term}
		}
		for _, sp := range spellings {
			for _, s := range stemsOf(env, t.term, sp, t.langs) {
				if !slices.Contains(stems[i], s) {
					stems[i] = append(stems[i], s)
				}
			}
		}
		slices.SortFunc(stems[i], CompareUTF16)
	})

	members := map[string][]int{} // by stem, in the terms' order
	var keys []string
	for i, ss := range stems {
		for _, s := range ss {
			if _, ok := members[s]; !ok {
				keys = append(keys, s)
			}
			members[s] = append(members[s], i)
		}
	}
	slices.SortFunc(keys, CompareUTF16)

	out := stemRecords{ofTerm: make([]string, len(terms))}
	for i, ss := range stems {
		var b strings.Builder
		for _, s := range ss {
			if s == terms[i].term || len(members[s]) == 1 {
				continue // the term alone is its family
			}
			if b.Len() == 0 {
				b.WriteByte('^')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(s)
		}
		out.ofTerm[i] = b.String()
	}
	suffixes := map[string]bool{}
	for _, s := range keys {
		m := members[s]
		if len(m) == 1 && terms[m[0]].term == s {
			continue // a term alone in its group, its own stem
		}
		var b strings.Builder
		for k, i := range m {
			if k == 0 {
				b.WriteByte('+')
			} else {
				b.WriteByte(',')
			}
			t := terms[i].term
			if rest, ok := strings.CutPrefix(t, s); ok {
				b.WriteString(rest)
				if rest != "" && utf8.RuneCountInString(rest) <= maxSuffixRunes {
					suffixes[rest] = true
				}
			} else {
				b.WriteByte('=')
				b.WriteString(t)
			}
		}
		if j, ok := slices.BinarySearchFunc(terms, s, func(t termPostings, s string) int { return CompareUTF16(t.term, s) }); ok {
			out.ofTerm[j] += b.String()
			continue
		}
		out.only = append(out.only, keyedRecord{s, []byte(s + b.String() + "\n")})
	}
	for s := range suffixes {
		out.suffixes = append(out.suffixes, s)
	}
	slices.SortFunc(out.suffixes, CompareUTF16)
	return out
}

// mergeRecords merges two lists of records sorted by key, whose keys
// differ.
func mergeRecords(x, y []keyedRecord) []keyedRecord {
	if len(y) == 0 {
		return x
	}
	out := make([]keyedRecord, 0, len(x)+len(y))
	for len(x) > 0 && len(y) > 0 {
		if CompareUTF16(x[0].key, y[0].key) < 0 {
			out, x = append(out, x[0]), x[1:]
		} else {
			out, y = append(out, y[0]), y[1:]
		}
	}
	return append(append(out, x...), y...)
}
