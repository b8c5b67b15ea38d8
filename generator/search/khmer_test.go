package search

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// khmerLines reads a file of Khmer text whose words are marked with ZERO
// WIDTH SPACE: the translators' own marks (khmer-translations.txt) or
// ICU's dictionary segmentation (khmer-content-icu.txt).
func khmerLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.Index(line, ": "); i > 0 && i < 20 {
			line = line[i+2:]
		}
		out = append(out, line)
	}
	return out
}

var khmerWord = regexp.MustCompile(`^[\x{1780}-\x{17DD}]+$`)

// trueWords lists the marked words of a line that are Khmer letters only.
func trueWords(line string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(line, func(r rune) bool { return r == '\u200b' || r == ' ' }) {
		w = strings.Trim(w, "។៕៖!?,.()\"'%")
		if khmerWord.MatchString(w) {
			out = append(out, w)
		}
	}
	return out
}

type recall struct {
	pairs, found            int // (word, document) pairs that should be found, and were
	results, substr, strict int // results returned; of them, containing the word; having it as a marked word
	spacePairs              int // pairs found by splitting on spaces only
}

// measureKhmer indexes each line as a document (with the word marks
// removed, as Khmer is usually written) and searches every marked word.
func measureKhmer(t *testing.T, lines []string) recall {
	t.Helper()
	docs := make([]Document, len(lines))
	plain := make([]string, len(lines))
	words := make([][]string, len(lines))
	vocab := map[string]bool{}
	for i, l := range lines {
		plain[i] = strings.ReplaceAll(l, "\u200b", "")
		words[i] = trueWords(l)
		for _, w := range words[i] {
			vocab[w] = true
		}
		docs[i] = Document{Path: "d/" + string(rune('a'+i%26)) + "/", Title: "", Type: "doc", Fields: []Field{{Text: plain[i], Weight: Low}}}
	}
	idx, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := OpenReader(idx.Files)
	if err != nil {
		t.Fatal(err)
	}
	var m recall
	sorted := make([]string, 0, len(vocab))
	for w := range vocab {
		sorted = append(sorted, w)
	}
	slices.Sort(sorted)
	for _, w := range sorted {
		res, err := r.Search(w+" ", Filter{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[int]bool{}
		for _, x := range res {
			got[x.Doc] = true
			m.results++
			if strings.Contains(Fold(plain[x.Doc]), Fold(w)) {
				m.substr++
			}
			if slices.Contains(words[x.Doc], w) {
				m.strict++
			}
		}
		for d := range docs {
			if !slices.Contains(words[d], w) {
				continue
			}
			m.pairs++
			if got[d] {
				m.found++
			}
			if slices.Contains(strings.Fields(plain[d]), w) {
				m.spacePairs++
			}
		}
	}
	return m
}

// TestKhmerRecall measures, on real Khmer text, how often a word typed is
// found in the documents that contain it (recall), and how many results
// really contain it (precision), against splitting on spaces only (what
// Pagefind does for Khmer).
func TestKhmerRecall(t *testing.T) {
	for _, name := range []string{"testdata/khmer-translations.txt", "testdata/khmer-content-icu.txt"} {
		m := measureKhmer(t, khmerLines(t, name))
		rec := float64(m.found) / float64(m.pairs)
		prec := float64(m.substr) / float64(m.results)
		strict := float64(m.strict) / float64(m.results)
		space := float64(m.spacePairs) / float64(m.pairs)
		t.Logf("%s: %d (word, document) pairs; recall %.3f (spaces only: %.3f); precision %.3f (results containing the word), %.3f (results where it is a marked word)",
			name, m.pairs, rec, space, prec, strict)
		if rec < 1 {
			t.Errorf("%s: recall %.3f; every marked word must be found", name, rec)
		}
		if prec < 0.9 {
			t.Errorf("%s: precision %.3f is below 0.9", name, prec)
		}
	}
}
