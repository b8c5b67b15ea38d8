package search

import (
	"slices"
	"testing"
	"unsafe"

	"github.com/blevesearch/snowballstem"
)

func TestStemmerSet(t *testing.T) {
	for tag, want := range map[string]bool{"en": true, "es-MX": true, "FR": true, "pt_BR": true, "de": true, "ru": true, "mn": false, "km": false, "kk": false, "": false} {
		if got := stemmerSet(tag) != 0; got != want {
			t.Errorf("stemmerSet(%q) != 0 is %v, want %v", tag, got, want)
		}
	}
	if stemmerSet("es") == stemmerSet("en") {
		t.Error("Spanish and English share a stemmer")
	}
}

func TestStemmable(t *testing.T) {
	for term, want := range map[string]bool{"surveys": true, "mediacion": true, "үнэлгээ": true, "2025": false, "covid19": false, "ការិ": false, "中文": false, "#land": false, "": false} {
		if got := stemmable(term); got != want {
			t.Errorf("stemmable(%q) = %v, want %v", term, got, want)
		}
	}
}

// TestSpellingOf: the stemmers read the word as written, accents and
// all, found in the raw text of the term's stretch; a text is read once
// for all its terms, and a buffer holding another text is read again.
func TestSpellingOf(t *testing.T) {
	var c chunkSpellings
	for _, tc := range []struct{ raw, term, want string }{
		{"la Evaluación", "evaluacion", "evaluación"},
		{"cambió desde", "cambio", "cambió"},
		{"e\u0301te\u0301", "ete", "été"}, // composed for the stemmer
		{"plain words", "words", "words"},
		{"nothing here", "absent", "absent"},
		{"Оюутнууд оюутнуудын Оюутнууд", "оюутнууд", "оюутнууд"},
		{"Оюутнууд оюутнуудын Оюутнууд", "оюутнуудын", "оюутнуудын"},
		{"Canción, cancion, CANCIÓN", "cancion", "canción"}, // the first spelling
	} {
		if got := c.of(tc.raw, tc.term); got != tc.want {
			t.Errorf("of(%q, %q) = %q, want %q", tc.raw, tc.term, got, tc.want)
		}
		if ref := referenceSpellingOf(tc.raw, tc.term); ref != tc.want {
			t.Errorf("referenceSpellingOf(%q, %q) = %q, want %q", tc.raw, tc.term, ref, tc.want)
		}
	}
	buf := []byte("acción")
	text := unsafe.String(&buf[0], len(buf))
	if got := c.of(text, "accion"); got != "acción" {
		t.Fatalf("of(%q) = %q", text, got)
	}
	copy(buf, "tensió")
	c.forget()
	if got := c.of(text, "tensio"); got != "tensió" {
		t.Errorf("after forget, of(%q, %q) = %q, want tensió", text, "tensio", got)
	}
}

// stemIn is the stems of a word in one language, as the index makes them.
func stemIn(lang, word string) []string {
	return stemsOf(snowballstem.NewEnv(""), Fold(word), composed(word), stemmerSet(lang))
}

// TestStemsJoinWordForms holds, for each language with a stemmer, the
// forms that must share a stem and the words that must not.
func TestStemsJoinWordForms(t *testing.T) {
	for _, c := range []struct {
		lang     string
		same     [][]string
		distinct [][2]string
	}{
		{"en", [][]string{
			{"survey", "surveys"}, {"gathering", "gatherings", "gather"}, {"evaluated", "evaluation", "evaluating"},
			{"study", "studies"}, {"facilitation", "facilitator"}, {"password", "passwords"},
		}, [][2]string{{"news", "new"}, {"category", "cat"}, {"general", "generous"}, {"mediator", "media"}, {"universal", "univers"}}},
		{"es", [][]string{
			{"evaluación", "evaluaciones"}, {"rotativa", "rotativas"}, {"mediación", "mediaciones"}, {"comunitaria", "comunitarias"},
			{"encuesta", "encuestas"}, {"capacitación", "capacitaciones"},
		}, [][2]string{{"caso", "cosa"}, {"pueblo", "publico"}, {"comité", "cometa"}}},
		{"fr", [][]string{
			{"évaluation", "évaluations"}, {"médiation", "médiations"}, {"formé", "formées", "former"}, {"réunion", "réunions"},
		}, [][2]string{{"mot", "motif"}, {"pays", "paysan"}}},
		{"pt", [][]string{{"avaliação", "avaliações"}}, nil},
		{"de", [][]string{{"Versammlung", "Versammlungen"}}, nil},
		{"ru", [][]string{{"собрание", "собрания"}, {"новый", "новая"}}, nil},
	} {
		for _, forms := range c.same {
			want := stemIn(c.lang, forms[0])
			for _, f := range forms[1:] {
				if got := stemIn(c.lang, f); !slices.Equal(got, want) {
					t.Errorf("%s: %q stems to %q, %q to %q", c.lang, forms[0], want, f, got)
				}
			}
		}
		for _, d := range c.distinct {
			if a, b := stemIn(c.lang, d[0]), stemIn(c.lang, d[1]); slices.Equal(a, b) {
				t.Errorf("%s: %q and %q share the stem %q", c.lang, d[0], d[1], a)
			}
		}
	}
	if got := stemIn("mn", "үнэлгээний"); got != nil {
		t.Errorf("Mongolian has no Snowball stemmer, yet stems %q", got)
	}
}
