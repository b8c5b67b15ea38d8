package search

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldWhole is Fold without pieces or scratch space: step 1 on the whole
// text, as Fold first did it.
func foldWhole(s string) string {
	d := norm.NFKD.String(strings.ToValidUTF8(s, "\uFFFD"))
	kept := make([]byte, 0, len(d))
	for _, r := range d {
		if (r >= 0x0300 && r <= 0x036F) || invisible(r) {
			continue
		}
		kept = utf8.AppendRune(kept, r)
	}
	var b []byte
	for _, r := range string(norm.NFC.Bytes(kept)) {
		r = unicode.ToLower(r)
		if r == 'ς' {
			r = 'σ'
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// foldCases mix ASCII with what normalization joins, splits, reorders or
// drops: marks after ASCII letters, marks in long runs, Hangul jamo,
// compatibility forms, invisible characters, final sigma, broken UTF-8.
var foldCases = []string{
	"", "plain", "MiXeD Case", "Mediación PARTICIPACIÓN", "e\u0301 a\u0300\u0301b E\u0301X",
	"x\u0327\u0301 \u0301 leading mark", "a" + strings.Repeat("\u0301", 40) + "b",
	"\u1100\u1161\u11a8 and \u1100 \u1161", "ﬁne Ｆｕｌｌ ① ㎏", "សំឡេង\u200bយុវជន A\u200dB",
	"ΟΔΟΣ οδος ς", "bad \xff\xfe bytes \xe2\x82 cut\xe2", "Ёс зүйн ес", "ᄀ\u1161a\u0301",
	"A\u0323\u0302 q\u0307\u0323", "中文 and ไทย text", "x\u034f\u0301", "ends with a\u0301",
}

func TestFoldByPieces(t *testing.T) {
	texts := append([]string(nil), foldCases...)
	for _, name := range []string{"testdata/khmer-translations.txt", "testdata/khmer-content-icu.txt", "testdata/corpus.json", "testdata/tokens.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	// Random mixes of the cases' characters.
	rng := rand.New(rand.NewPCG(3, 4))
	runes := []rune(strings.Join(foldCases, ""))
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(20) {
			if rng.IntN(3) == 0 {
				b.WriteByte(byte('A' + rng.IntN(58)))
			} else {
				b.WriteRune(runes[rng.IntN(len(runes))])
			}
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if got, want := Fold(s), foldWhole(s); got != want {
			t.Errorf("Fold(%q) = %q; whole, %q", s, got, want)
		}
	}
}

// FuzzFoldByPieces: go test -fuzz FuzzFoldByPieces ./generator/search
func FuzzFoldByPieces(f *testing.F) {
	for _, s := range foldCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldWhole(s); got != want {
			t.Fatalf("Fold(%q) = %q; whole, %q", s, got, want)
		}
	})
}

// TestNonASCII puts one byte outside ASCII at every place of texts of
// every length up to a few words, or none.
func TestNonASCII(t *testing.T) {
	for n := range 40 {
		plain := strings.Repeat("a", n)
		if got := nonASCII(plain); got != n {
			t.Errorf("nonASCII of %d ASCII bytes = %d", n, got)
		}
		for i := range n {
			for _, c := range []byte{0x80, 0xc3, 0xff} {
				s := plain[:i] + string(c) + plain[i+1:]
				if got := nonASCII(s); got != i {
					t.Errorf("nonASCII(%q) = %d, want %d", s, got, i)
				}
			}
		}
	}
}

// Every rune of latinFolds, beside ASCII, marks, itself and its
// neighbours in the table, folds as the whole text does.
func TestLatinFoldsFoldAlone(t *testing.T) {
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		c := string(r)
		next := string(r + 1)
		for _, s := range []string{c, "a" + c + "b", "E" + c + c, c + next + "x", c + "\u0301", "e" + c + "\u0327", c + "\u00ad" + next, "\u1100" + c} {
			if got, want := Fold(s), foldWhole(s); got != want {
				t.Errorf("Fold(%q) = %q; whole, %q", s, got, want)
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		var b []rune
		for range 1 + rng.IntN(12) {
			b = append(b, rune(rng.IntN(latinEnd)))
		}
		if s := string(b); Fold(s) != foldWhole(s) {
			t.Errorf("Fold(%q) = %q; whole, %q", s, Fold(s), foldWhole(s))
		}
	}
}
