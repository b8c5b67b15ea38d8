package search

import (
	"strings"
	"unicode/utf8"
)

// Most text, even Spanish or French, is mostly ASCII words between ASCII
// spaces and punctuation, and such a word's term is the word itself,
// lower-cased. eachTextTerm takes those terms straight from the text and
// folds and tokenizes the general way (eachTerm of Fold) only the
// stretches around other characters.
//
// A stretch is cut off where the text splits: between two ASCII
// characters of which at least one separates words. There the text folds
// as its two halves: an ASCII character never changes under NFKD, does
// not reorder, and composes with no character beside it, and
// lower-casing and the characters Fold drops go rune by rune. And the
// halves tokenize as the whole, since a separator ends any word and
// leaves eachUnit as it starts.

// asciiWordByte marks the ASCII bytes words are made of (wordRune).
var asciiWordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = wordRune(rune(c))
	}
	return
}()

// eachTextTerm calls fn with the index terms of text, unfolded, in order,
// as eachTerm(Fold(text), fn) does. A term with upper-case ASCII letters
// comes with upper set: it is an ASCII word of text, which fn lower-cases
// (lower-casing it here would mean a copy of every such word). Terms are
// slices of text or of the stretches of it folded, which are written to
// folded: a few growing buffers for a text, not a string for each stretch.
// A term of a folded stretch comes with the stretch as written (raw), in
// which its spelling can be found (spellingOf); an ASCII word with none.
func eachTextTerm(text string, folded *strings.Builder, fn func(term string, upper bool, raw string)) {
	var sc *foldScratch
	done := 0 // text[:done] is tokenized
	for done < len(text) {
		other := done + nonASCII(text[done:])
		start := lastSplit(text, done, other)
		eachASCIITerm(text[done:start], fn)
		if start == len(text) {
			break
		}
		end := nextSplit(text, other)
		if sc == nil {
			sc = foldScratches.Get().(*foldScratch)
		}
		sc.folded = sc.appendFold(sc.folded[:0], text[start:end])
		n := folded.Len()
		folded.Write(sc.folded)
		raw := text[start:end]
		eachTerm(folded.String()[n:], func(t string) { fn(t, false, raw) })
		done = end
	}
	if sc != nil {
		foldScratches.Put(sc)
	}
}

// splitsAt reports whether text[:i] and text[i:] fold and tokenize apart.
func splitsAt(text string, i int) bool {
	if i == 0 || i == len(text) {
		return true
	}
	a, b := text[i-1], text[i]
	return a < utf8.RuneSelf && b < utf8.RuneSelf && (!asciiWordByte[a] || !asciiWordByte[b])
}

// lastSplit is the last point from..at where text splits; from is one.
func lastSplit(text string, from, at int) int {
	for i := at; i > from; i-- {
		if splitsAt(text, i) {
			return i
		}
	}
	return from
}

// nextSplit is the first point after i where text splits.
func nextSplit(text string, i int) int {
	for i++; i < len(text); i++ {
		if splitsAt(text, i) {
			return i
		}
	}
	return len(text)
}

// eachASCIITerm calls fn with the terms of ASCII text: its runs of
// letters and digits, cut to maxTermRunes.
func eachASCIITerm(text string, fn func(term string, upper bool, raw string)) {
	for i := 0; i < len(text); {
		if asciiClass[text[i]] == 0 {
			i++
			continue
		}
		start, seen := i, uint8(0)
		for ; i < len(text); i++ {
			c := asciiClass[text[i]]
			if c == 0 {
				break
			}
			seen |= c
		}
		term := text[start:min(i, start+maxTermRunes)]
		// Only the upper case of what is kept counts.
		upper := seen&asciiUpper != 0 && (len(term) == i-start || hasUpperASCII(term))
		fn(term, upper, "")
	}
}

// asciiClass classes the bytes of ASCII text for eachASCIITerm: 0 for a
// separator, asciiWord for a byte of words, with asciiUpper for an
// upper-case letter.
var asciiClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		if asciiWordByte[c] {
			t[c] = asciiWord
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= asciiUpper
	}
	return
}()

const (
	asciiWord = 1 << iota
	asciiUpper
)

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if asciiClass[s[i]]&asciiUpper != 0 {
			return true
		}
	}
	return false
}

// lowerASCIIInto writes the ASCII word w lower-cased into buf (at least
// as long) and returns it.
func lowerASCIIInto(buf []byte, w string) []byte {
	buf = buf[:len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf
}
