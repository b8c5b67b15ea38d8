package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
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
	Shards                []ShardStat
	ManifestBytes         int // uncompressed
	DocBytes              int // all document files, uncompressed
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

type analyzed struct {
	wtf    map[string]float64 // weighted term frequency
	length float64            // weighted length in terms
	filter []string           // filter pseudo-terms
}

func analyze(d *Document) analyzed {
	a := analyzed{wtf: map[string]float64{}}
	for _, f := range d.Fields {
		w := float64(f.Weight)
		eachTerm(Fold(f.Text), func(t string) {
			a.wtf[t] += w
			a.length += w
		})
	}
	seen := map[string]bool{}
	for _, slug := range d.Topics {
		if !seen[slug] && slug != "" {
			seen[slug] = true
			a.filter = append(a.filter, FilterPrefix+slug)
		}
	}
	return a
}

// Build makes the index of docs. Documents of one type should come
// together; they are grouped by type in the order types first appear
// (stably), and numbered in that order, which is also the tie-break of
// equal scores.
func Build(docs []Document, opts Options) (*Index, error) {
	if opts.ShardBytes <= 0 {
		opts.ShardBytes = 12000
	}
	if opts.SnippetRunes <= 0 {
		opts.SnippetRunes = 1000
	}
	docs = groupByType(docs)
	n := len(docs)

	// Analyze every document, on every core.
	results := make([]analyzed, n)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				results[i] = analyze(&docs[i])
			}
		})
	}
	wg.Wait()

	type raw struct {
		doc int32
		wtf float32
	}
	lists := map[string][]raw{}
	total := 0.0
	for i, a := range results {
		total += a.length
		for t, f := range a.wtf {
			l, ok := lists[t]
			if !ok {
				t = strings.Clone(t) // not the document's whole text
			}
			lists[t] = append(l, raw{int32(i), float32(f)})
		}
		for _, t := range a.filter {
			lists[t] = append(lists[t], raw{int32(i), 0})
		}
	}
	avg := 1.0
	if n > 0 && total > 0 {
		avg = total / float64(n)
	}
	idfMax := math.Log(1 + (float64(n)-0.5)/1.5)

	terms := make([]string, 0, len(lists))
	for t := range lists {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, CompareUTF16)

	idx := &Index{Stats: Stats{Docs: n, Terms: len(terms)}}
	var shards [][]byte
	var firsts []string
	var counts []int
	var cur []byte
	for _, t := range terms {
		l := lists[t]
		slices.SortFunc(l, func(x, y raw) int { return int(x.doc - y.doc) })
		tl := termList{Term: t, Postings: make([]Posting, len(l))}
		filter := strings.HasPrefix(t, FilterPrefix)
		if !filter {
			df := float64(len(l))
			tl.IDF = quantize(math.Log(1+(float64(n)-df+0.5)/(df+0.5)) / idfMax)
		}
		for k, p := range l {
			tl.Postings[k].Doc = int(p.doc)
			if filter {
				tl.Postings[k].Impact = 1
				continue
			}
			norm := k1 * (1 - b + b*results[p.doc].length/avg)
			sat := float64(p.wtf) * (k1 + 1) / (float64(p.wtf) + norm)
			tl.Postings[k].Impact = quantize(sat / (k1 + 1))
		}
		idx.Stats.Postings += len(l)
		rec := encodeRecord(nil, tl)
		if len(cur) > 0 && len(cur)+len(rec) > opts.ShardBytes {
			shards = append(shards, cur)
			cur = nil
		}
		if len(cur) == 0 {
			firsts = append(firsts, t)
			counts = append(counts, 0)
		}
		cur = append(cur, rec...)
		counts[len(counts)-1]++
	}
	if len(cur) > 0 {
		shards = append(shards, cur)
	}

	man := Manifest{V: 1, N: n, Terms: firsts}
	for i, payload := range shards {
		sum := sha256.Sum256(payload)
		name := hex.EncodeToString(sum[:5])
		key := "s/" + name
		data, err := wrap(key, string(payload))
		if err != nil {
			return nil, err
		}
		idx.Files = append(idx.Files, File{Dir + key + ".js", data})
		man.Files = append(man.Files, name)
		idx.Stats.Shards = append(idx.Stats.Shards, ShardStat{Path: Dir + key + ".js", First: firsts[i], Terms: counts[i], Bytes: len(data)})
	}

	// One file per document, in a folder named by the hash of them all.
	metas := make([]json.RawMessage, n)
	h := sha256.New()
	for i := range docs {
		d := &docs[i]
		b, err := json.Marshal([]string{d.Title, d.Path, snippet(d, opts.SnippetRunes)})
		if err != nil {
			return nil, err
		}
		metas[i] = b
		h.Write(b)
		h.Write([]byte{'\n'})
	}
	man.Docs = "d-" + hex.EncodeToString(h.Sum(nil)[:4]) + "/"
	for i, m := range metas {
		key := man.Docs + DocName(i)
		data, err := wrap(key, m)
		if err != nil {
			return nil, err
		}
		idx.Files = append(idx.Files, File{Dir + key + ".js", data})
		idx.Stats.DocBytes += len(data)
	}

	// Types with their document ranges, topics with their names.
	for i := 0; i < n; {
		j := i
		for j < n && docs[j].Type == docs[i].Type {
			j++
		}
		man.Types = append(man.Types, ManifestType{docs[i].Type, docs[i].TypeLabel, i, j})
		i = j
	}
	for _, d := range docs {
		if d.TopicSlug != "" && len(lists[FilterPrefix+d.TopicSlug]) > 0 {
			man.Topics = append(man.Topics, [2]string{d.TopicSlug, d.Title})
		}
	}
	slices.SortStableFunc(man.Topics, func(x, y [2]string) int { return CompareUTF16(Fold(x[1]), Fold(y[1])) })
	data, err := wrap("manifest", man)
	if err != nil {
		return nil, err
	}
	idx.Files = append(idx.Files, File{Dir + "manifest.js", data})
	idx.Stats.ManifestBytes = len(data)
	slices.SortFunc(idx.Files, func(x, y File) int { return strings.Compare(x.Path, y.Path) })
	return idx, nil
}

// Manifest is the index's table of contents, manifest.js.
type Manifest struct {
	V     int            `json:"v"`
	N     int            `json:"n"`     // documents
	Docs  string         `json:"docs"`  // folder of the document files
	Types []ManifestType `json:"types"` // in document order
	// Topics lists [slug, name] of every topic that has documents, by name.
	Topics [][2]string `json:"topics"`
	Terms  []string    `json:"terms"` // the first term of each shard
	Files  []string    `json:"files"` // each shard's name: s/NAME.js
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

// snippet is the text kept for a document's result snippet.
func snippet(d *Document, limit int) string {
	var parts []string
	size := 0
	for _, f := range d.Fields {
		if !f.Snippet {
			continue
		}
		t := strings.Join(strings.Fields(f.Text), " ")
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
	r := []rune(s)[:limit]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return cut + "…"
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

// DocName is the file name (without .js) of a result's metadata: its
// number in base 36 after a "0", so that no name is a Windows device name
// (aux, con, nul, prn, com1…), which all start with a letter. The client
// (search.js) names files the same way.
func DocName(id int) string { return "0" + strconv.FormatInt(int64(id), 36) }
