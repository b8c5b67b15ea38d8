package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/agora-community/agora/generator/cores"
)

// Finish ranks every posting and writes the index's files. Call it once,
// when every call to Add has returned.
func (b *Builder) Finish() (*Index, error) {
	if err := b.missing(); err != nil {
		return nil, err
	}
	types, err := b.typeRanges()
	if err != nil {
		return nil, err
	}
	n := len(b.docs)
	idx := &Index{Stats: Stats{Docs: n}}
	man := Manifest{V: 3, N: n, PerFile: b.opts.DocsPerFile, Types: types, Topics: b.topics()}

	// The result files are written on another core while the shards are
	// ranked.
	var docs docFilesOut
	var docsErr error
	var wg sync.WaitGroup
	wg.Go(func() { docs, docsErr = b.docFiles() })
	terms := b.sortedTerms()
	idx.Stats.Terms = len(terms)
	groups := stemGroups(terms)
	man.Suffixes = groups.suffixes
	idx.Stats.Groups = len(groups.only)
	shards := b.encodeShards(terms, groups, &idx.Stats)
	wg.Wait()
	if docsErr != nil {
		return nil, docsErr
	}
	for _, s := range shards {
		sum := sha256.Sum256(s.payload)
		name := hex.EncodeToString(sum[:5])
		key := "s/" + name
		data, err := wrap(key, string(s.payload))
		if err != nil {
			return nil, err
		}
		idx.Files = append(idx.Files, File{Dir + key + ".js", data})
		man.Terms = append(man.Terms, s.first)
		man.Files = append(man.Files, name)
		idx.Stats.Shards = append(idx.Stats.Shards, ShardStat{Path: Dir + key + ".js", First: s.first, Terms: s.terms, Bytes: len(data)})
	}

	man.Docs = docs.folder
	idx.Files = append(idx.Files, docs.files...)
	idx.Stats.DocBytes = docs.bytes

	data, err := wrap("manifest", man)
	if err != nil {
		return nil, err
	}
	idx.Files = append(idx.Files, File{Dir + "manifest.js", data})
	idx.Stats.ManifestBytes = len(data)
	slices.SortFunc(idx.Files, func(x, y File) int { return strings.Compare(x.Path, y.Path) })
	return idx, nil
}

// typeRanges are the types with their document ranges, in document order.
func (b *Builder) typeRanges() ([]ManifestType, error) {
	var out []ManifestType
	for i := 0; i < len(b.docs); {
		j := i
		for j < len(b.docs) && b.docs[j].typ == b.docs[i].typ {
			j++
		}
		if slices.ContainsFunc(out, func(t ManifestType) bool { return t.Name == b.docs[i].typ }) {
			return nil, fmt.Errorf("documents %d–%d are of type %q, which earlier documents have: number each type's documents together", i, j-1, b.docs[i].typ)
		}
		out = append(out, ManifestType{b.docs[i].typ, b.docs[i].typeLabel, i, j})
		i = j
	}
	return out, nil
}

// topics lists [slug, name] of every topic that has documents, by name.
func (b *Builder) topics() [][2]string {
	var out [][2]string
	for _, d := range b.docs {
		if d.topicSlug != "" && b.hasPostings(FilterPrefix+d.topicSlug) {
			out = append(out, [2]string{d.topicSlug, d.title})
		}
	}
	slices.SortStableFunc(out, func(x, y [2]string) int { return CompareUTF16(Fold(x[1]), Fold(y[1])) })
	return out
}

// termPostings is a term and its unsorted list.
type termPostings struct {
	term      string
	list      []posting
	langs     langSet  // the stemmers of the documents it occurs in
	spellings []string // how documents spell it, where not as the term
}

func (b *Builder) sortedTerms() []termPostings {
	out := b.termLists()
	slices.SortFunc(out, func(x, y termPostings) int { return CompareUTF16(x.term, y.term) })
	return out
}

// shard is one shard's payload before it is wrapped.
type shard struct {
	first   string // its first term
	terms   int
	payload []byte
}

// encodeShards ranks each term's postings (BM25F, quantized), adds the
// stem groups' records, and cuts the records into shards of about
// Options.ShardBytes.
func (b *Builder) encodeShards(terms []termPostings, groups stemRecords, stats *Stats) []shard {
	n := len(b.docs)
	total := 0.0
	for _, d := range b.docs {
		total += d.length
	}
	avg := 1.0
	if n > 0 && total > 0 {
		avg = total / float64(n)
	}
	idfMax := math.Log(1 + (float64(n)-0.5)/1.5)

	recs := make([]keyedRecord, len(terms), len(terms)+len(groups.only))
	cores.Each(context.Background(), len(terms), func(i int) {
		recs[i] = keyedRecord{terms[i].term, rankedRecord(terms[i], b.docs, idfMax, avg, groups.ofTerm[i])}
	})
	for _, t := range terms {
		stats.Postings += len(t.list)
	}
	recs = mergeRecords(recs, groups.only)

	var out []shard
	for i := 0; i < len(recs); {
		// The records that fit, at least one, so the payload is made
		// at its size.
		size, j := len(recs[i].rec), i+1
		for ; j < len(recs) && size+len(recs[j].rec) <= b.opts.ShardBytes; j++ {
			size += len(recs[j].rec)
		}
		s := shard{first: recs[i].key, terms: j - i, payload: make([]byte, 0, size)}
		for k := i; k < j; k++ {
			s.payload = append(s.payload, recs[k].rec...)
		}
		out = append(out, s)
		i = j
	}
	return out
}

// rankedRecord is a term's record (encodeRecord): its postings sorted by
// document, with the term's idf and each document's impact, one digit
// each (BM25F, quantized), then extra (its stem sections). It is made at
// its size, straight from the postings.
func rankedRecord(tp termPostings, docs []docInfo, idfMax, avgLength float64, extra string) []byte {
	l := tp.list
	slices.SortFunc(l, func(x, y posting) int { return int(x.doc - y.doc) })
	size := len(tp.term) + 1 + numLen(len(l)) + 1 + len(l) + len(extra) + 1
	prev := -1
	for _, p := range l {
		size += numLen(int(p.doc) - prev - 1)
		prev = int(p.doc)
	}
	rec := make([]byte, 0, size)
	rec = append(append(rec, tp.term...), ' ')
	rec = appendNum(rec, len(l))
	filter := strings.HasPrefix(tp.term, FilterPrefix)
	idf := 0
	if !filter {
		df := float64(len(l))
		idf = quantize(math.Log(1+(float64(len(docs))-df+0.5)/(df+0.5)) / idfMax)
	}
	rec = append(rec, digitChars[idf])
	prev = -1
	for _, p := range l {
		rec = appendNum(rec, int(p.doc)-prev-1)
		prev = int(p.doc)
	}
	for _, p := range l {
		impact := 1 // a filter's
		if !filter {
			impact = rankImpact(p.wtf, docs[p.doc].length, avgLength)
		}
		rec = append(rec, digitChars[impact])
	}
	rec = append(rec, extra...)
	return append(rec, '\n')
}

// rankImpact is how strongly a term weighs in a document: its weighted
// frequency there, saturated and normalized by the document's length.
func rankImpact(wtf uint32, length, avgLength float64) int {
	// Rounded through float32 as when impacts were first computed, so
	// that they stay the same for any frequency.
	f := float64(float32(wtf))
	norm := k1 * (1 - b + b*length/avgLength)
	sat := f * (k1 + 1) / (f + norm)
	return quantize(sat / (k1 + 1))
}
