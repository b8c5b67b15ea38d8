package search

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// referenceRankList is how records were made before rankedRecord: the
// ranked list as a termList, then encodeRecord.
func referenceRankList(tp termPostings, docs []docInfo, idfMax, avgLength float64) termList {
	l := tp.list
	slices.SortFunc(l, func(x, y posting) int { return int(x.doc - y.doc) })
	tl := termList{Term: tp.term, Postings: make([]Posting, len(l))}
	filter := strings.HasPrefix(tp.term, FilterPrefix)
	if !filter {
		df := float64(len(l))
		tl.IDF = quantize(math.Log(1+(float64(len(docs))-df+0.5)/(df+0.5)) / idfMax)
	}
	for k, p := range l {
		tl.Postings[k].Doc = int(p.doc)
		if filter {
			tl.Postings[k].Impact = 1
			continue
		}
		wtf := float64(float32(p.wtf))
		norm := k1 * (1 - b + b*docs[p.doc].length/avgLength)
		sat := wtf * (k1 + 1) / (wtf + norm)
		tl.Postings[k].Impact = quantize(sat / (k1 + 1))
	}
	return tl
}

func TestRankedRecordIsTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	docs := make([]docInfo, 5000)
	total := 0.0
	for i := range docs {
		docs[i].length = float64(1 + rng.IntN(3000))
		total += docs[i].length
	}
	avg := total / float64(len(docs))
	idfMax := math.Log(1 + (float64(len(docs))-0.5)/1.5)
	for i := range 300 {
		term := "t" + strings.Repeat("é", i%3)
		if i%7 == 0 {
			term = FilterPrefix + term
		}
		var list []posting
		for _, doc := range rng.Perm(len(docs))[:1+rng.IntN(min(len(docs), 1<<uint(rng.IntN(16))))] {
			list = append(list, posting{int32(doc), uint32(rng.IntN(1 << uint(rng.IntN(20))))})
		}
		want := encodeRecord(nil, referenceRankList(termPostings{term: term, list: slices.Clone(list)}, docs, idfMax, avg))
		got := rankedRecord(termPostings{term: term, list: list}, docs, idfMax, avg, "")
		if string(got) != string(want) || cap(got) != len(got) {
			t.Fatalf("%d postings of %q: got (cap %d)\n%q\nwant\n%q", len(list), term, cap(got), got, want)
		}
	}
}

func TestNumLen(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 33, 1023, 1024, 1 << 20, 1<<30 - 1, 1 << 30} {
		if got, want := numLen(n), len(appendNum(nil, n)); got != want {
			t.Errorf("numLen(%d) = %d, want %d", n, got, want)
		}
	}
}
