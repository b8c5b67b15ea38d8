package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/agora-community/agora/generator/cores"
)

// Dir is the folder of the index under the site root.
const Dir = "search/index/"

// Options tune the index. The zero value uses the defaults.
type Options struct {
	// ShardBytes is the size a shard grows to before the next term starts
	// a new one (uncompressed; default 12,000). A term whose postings are
	// larger gets a shard of its own.
	ShardBytes int
	// SnippetRunes bounds the text kept per document for result snippets
	// (default 1000).
	SnippetRunes int
	// DocsPerFile is the number of documents whose results share a file
	// (default 8; see docfiles.go).
	DocsPerFile int
}

// File is one output file, its path from the site root.
type File struct {
	Path string
	Data []byte
}

// Index is a built index: its files and what they hold.
type Index struct {
	Files []File
	Stats Stats
}

// Stats describe an index, for benchmarks and reports.
type Stats struct {
	Docs, Terms, Postings int
	Groups                int // stem groups keyed by a stem that is no term
	Shards                []ShardStat
	ManifestBytes         int // uncompressed
	DocBytes              int // all result files, uncompressed
}

// ShardStat is one shard's size.
type ShardStat struct {
	Path  string
	First string // first term
	Terms int
	Bytes int // uncompressed; see GzipSize
}

// BM25F constants: k1 saturates repeated terms, b normalizes by length.
const (
	k1 = 1.2
	b  = 0.75
)

// levels is the range of quantized impacts and idfs: one digit.
const levels = 63

// FilterPrefix starts the pseudo-terms that list a topic's documents:
// "#land-rights". Words never contain '#'.
const FilterPrefix = "#"

// withDefaults fills in the options left zero.
func (o Options) withDefaults() Options {
	if o.ShardBytes <= 0 {
		o.ShardBytes = 12000
	}
	if o.SnippetRunes <= 0 {
		o.SnippetRunes = 1000
	}
	if o.DocsPerFile <= 0 {
		o.DocsPerFile = 8
	}
	return o
}

// Build makes the index of docs, all at hand (see Builder to index them
// as they are made). Documents of one type should come together; they are
// grouped by type in the order types first appear (stably), and numbered
// in that order, which is also the tie-break of equal scores.
func Build(docs []Document, opts Options) (*Index, error) {
	docs = groupByType(docs)
	b := NewBuilder(len(docs), opts)
	errs := make([]error, len(docs))
	cores.Each(context.Background(), len(docs), func(i int) { errs[i] = b.Add(i, docs[i]) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return b.Finish()
}

// Manifest is the index's table of contents, manifest.js.
type Manifest struct {
	V    int    `json:"v"`
	N    int    `json:"n"`    // documents
	Docs string `json:"docs"` // folder of the result files
	// PerFile is the number of documents per result file.
	PerFile int            `json:"perFile"`
	Types   []ManifestType `json:"types"` // in document order
	// Topics lists [slug, name] of every topic that has documents, by name.
	Topics [][2]string `json:"topics"`
	Terms  []string    `json:"terms"` // the first key of each shard
	Files  []string    `json:"files"` // each shard's name: s/NAME.js
	// Suffixes are the endings the stemmers removed from indexed words
	// (stem groups.go): a word that is not indexed is looked up as its
	// stem by taking one of them off.
	Suffixes []string `json:"suffixes,omitempty"`
}

// ManifestType is a type and the range of its document ids.
type ManifestType struct {
	Name, Label string
	Start, End  int
}

// MarshalJSON writes a type as a short array.
func (t ManifestType) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{t.Name, t.Label, t.Start, t.End})
}

// UnmarshalJSON reads a type's array.
func (t *ManifestType) UnmarshalJSON(data []byte) error {
	var a []any
	if err := json.Unmarshal(data, &a); err != nil {
		return err
	}
	if len(a) != 4 {
		return fmt.Errorf("manifest type: want 4 values, have %d", len(a))
	}
	t.Name, _ = a[0].(string)
	t.Label, _ = a[1].(string)
	start, _ := a[2].(float64)
	end, _ := a[3].(float64)
	t.Start, t.End = int(start), int(end)
	return nil
}

func quantize(x float64) int {
	q := int(math.Round(x * levels))
	return max(1, min(levels, q))
}

func groupByType(docs []Document) []Document {
	order := map[string]int{}
	for _, d := range docs {
		if _, ok := order[d.Type]; !ok {
			order[d.Type] = len(order)
		}
	}
	out := slices.Clone(docs)
	slices.SortStableFunc(out, func(x, y Document) int { return order[x.Type] - order[y.Type] })
	return out
}

// CompareUTF16 orders strings as JavaScript does (by UTF-16 code units),
// so the client's binary search agrees with the shard order.
func CompareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ua, ub := utf16Unit(ra), utf16Unit(rb)
			if ua != ub {
				if ua < ub {
					return -1
				}
				return 1
			}
			// Same lead surrogate: the trail decides.
			if ra < rb {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	switch {
	case a == b:
		return 0
	case a == "":
		return -1
	}
	return 1
}

// utf16Unit is the first UTF-16 code unit of r.
func utf16Unit(r rune) rune {
	if r >= 0x10000 {
		r1, _ := utf16.EncodeRune(r)
		return r1
	}
	return r
}

// GzipSize is the size of data compressed as a static host would serve it
// (gzip, best compression).
func GzipSize(data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}
