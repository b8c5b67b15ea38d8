package search

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// textTerms are the terms eachTextTerm gives, lower-cased as the term
// counter does.
func textTerms(text string) []string {
	var out []string
	var folded strings.Builder
	eachTextTerm(text, &folded, func(t string, upper bool, _ string) {
		if upper {
			t = string(lowerASCIIInto(make([]byte, len(t)), t))
		}
		out = append(out, t)
	})
	return out
}

// variedTexts are what the fast path must cut as the general path does:
// ASCII words beside marks, other scripts, digits, apostrophes, hyphens,
// emoji, addresses, long words, broken UTF-8.
var variedTexts = []string{
	"", " ", "word", "Word", "WORD.", "a-b c'd e’f", "l'Assemblée d’été",
	"Mediación comunitaria — PARTICIPACIÓN ciudadana, año 2025.",
	"Élection à l’unanimité; où ça? Noël, garçon, cœur, Œuvre, naïve",
	"Ёс журам, Төв Үндэсний Их Хурал 2024 оны",
	"កិច្ចប្រជុំនេះបានធ្វើឡើង នៅ COVID-19 ឆ្នាំ២០២៥ abcកខ",
	"ไทย ລາວ မြန်မာ 中文和English混合 かな カナ",
	"e\u0301t\u0301e\u0301 cafe\u0301 x\u0327\u0301 \u0301lead trail\u0301 <\u0338 =\u0338 a.\u0301b",
	"ﬁne Ｆｕｌｌ ① ㎏ Ⅻ ½ x²",
	"emoji 🎉 party👍🏽thumbs 👨‍👩‍👧 family 🇰🇭 flag #tag @user",
	"https://Example.ORG/path/to/Page?Query=1&x=Y#Frag mailto:Ana.Perez@Example.com ana+tag@mail.example.org",
	"ISBN 978-3-16-148410-0, v1.2.3, 3.14, 1,000, 10:30, 2025-01-31T10:00Z",
	strings.Repeat("Abcdefghij", 5) + " " + strings.Repeat("x", 31) + "Y" + strings.Repeat("Z", 3),
	strings.Repeat("é", 40) + " " + strings.Repeat("aé", 20),
	"bad \xff\xfe bytes \xe2\x82 cut\xe2 A\xffB C\x80",
	"soft\u00adhyphen zero\u200bwidth join\u200dme ZWNJ\u200cX BOM\ufeffY word\u2060joiner",
	"ΟΔΟΣ οδος ς Σίσυφος", "İstanbul ß ẞ ǅ ﬀ", "Ⓐ Ⓑ ⒜ 🄰",
	"tab\tnew\nline\r\nCR nbsp\u00a0here thin\u2009space ideographic\u3000space",
	"A\u0323\u0302 q\u0307\u0323 ᄀ\u1161a\u0301 x\u034f\u0301",
	"digits ١٢٣ ٤٥ ०१२ ២០២៥ 12٣4",
}

// multilingualTexts are variedTexts and the lines of the fixtures.
func multilingualTexts(t testing.TB) []string {
	texts := append([]string(nil), variedTexts...)
	texts = append(texts, foldCases...)
	for _, name := range []string{"testdata/khmer-translations.txt", "testdata/khmer-content-icu.txt", "testdata/corpus.json", "testdata/tokens.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	return texts
}

func TestTextTermsAsGeneralPath(t *testing.T) {
	texts := multilingualTexts(t)
	// Random mixes of their characters, ASCII ones more often.
	rng := rand.New(rand.NewPCG(5, 6))
	runes := []rune(strings.Join(variedTexts, ""))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(30) {
			if rng.IntN(2) == 0 {
				b.WriteByte(byte(' ' + rng.IntN(95)))
			} else {
				b.WriteRune(runes[rng.IntN(len(runes))])
			}
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		if got, want := textTerms(text), Terms(text); !slices.Equal(got, want) {
			t.Errorf("%q:\n fast    %q\n general %q", text, got, want)
		}
	}
}

// TestTextTermsTakeASCIIAsItIs: the fast path is taken, not only right.
// An ASCII word between ASCII separators is cut from the text itself.
func TestTextTermsTakeASCIIAsItIs(t *testing.T) {
	text := "Words of Plain text, é and more"
	var got []string
	var folded strings.Builder
	eachTextTerm(text, &folded, func(term string, upper bool, _ string) {
		if upper != strings.ContainsAny(term, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			t.Errorf("%q comes with upper %v", term, upper)
		}
		got = append(got, term)
	})
	if want := []string{"Words", "of", "Plain", "text", "e", "and", "more"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzTextTerms holds the fast path (eachTextTerm) to the general one
// (Terms: eachTerm of Fold). Run longer with:
// go test -fuzz FuzzTextTerms ./generator/search
func FuzzTextTerms(f *testing.F) {
	for _, s := range variedTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := textTerms(text), Terms(text); !slices.Equal(got, want) {
			t.Fatalf("%q:\n fast    %q\n general %q", text, got, want)
		}
	})
}
