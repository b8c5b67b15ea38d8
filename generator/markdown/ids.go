package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/text/unicode/norm"
)

// ids is a parser.IDs that, unlike goldmark's default, keeps non-ASCII
// letters: "Introducción rápida" → "introducción-rápida",
// "Монгол хэл" → "монгол-хэл", Khmer stays Khmer. A new one is used for
// each document, so IDs are unique within a document.
type ids struct {
	used map[string]bool
	next map[string]int // next suffix to try for a base id
}

func newIDs() *ids {
	return &ids{used: map[string]bool{}, next: map[string]int{}}
}

// Generate implements parser.IDs. It keeps Unicode letters, combining marks
// (which Khmer, Devanagari and others need to stay readable) and decimal
// digits, lowercased and in NFC; every other run of characters becomes one
// hyphen, except format characters such as zero-width spaces and joiners,
// which are dropped. A repeated id gets -1, -2, … appended.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug(string(value))
	if base == "" {
		base = "id"
		if kind == ast.KindHeading {
			base = "heading"
		}
	}
	id := base
	for s.used[id] {
		s.next[base]++
		id = base + "-" + strconv.Itoa(s.next[base])
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) {
	s.used[string(value)] = true
}

func slug(v string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFC.String(v) {
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Cf, r):
			// zero-width space, ZWJ, ZWNJ, soft hyphen: invisible, dropped
		default:
			hyphen = true
		}
	}
	return b.String()
}

// setHeadingIDs gives every heading in headings an id made from its text
// through ids.
//
// It stands in for parser.WithAutoHeadingID, which hands IDs.Generate the
// heading's raw source line, so that "## See [the guide](guide.md)" would
// get "see-the-guide-guide-md". Here it gets the text a reader sees,
// "See the guide", the same text as Heading.Text.
func setHeadingIDs(headings []*ast.Heading, src []byte, ids parser.IDs) {
	for _, h := range headings {
		h.SetAttribute([]byte("id"), ids.Generate([]byte(plainText(h, src)), ast.KindHeading))
	}
}
