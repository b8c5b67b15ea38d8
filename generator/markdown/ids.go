package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/text/unicode/norm"
)

// ids is a parser.IDs that, unlike goldmark's default, keeps non-ASCII
// letters: "Introducción rápida" → "introducción-rápida",
// "Монгол хэл" → "монгол-хэл", Khmer stays Khmer. It is new or reset for
// each document, so IDs are unique within a document.
type ids struct {
	// used holds every id given out. The value is, for an id used as a
	// base, the last suffix tried for it.
	used map[string]int
}

func newIDs() *ids {
	return &ids{} // the map waits for a document with headings
}

// reset forgets the ids given out, for another document. A map that grew
// large for one is not kept for all.
func (s *ids) reset() {
	if len(s.used) > 64 {
		s.used = nil
	}
	clear(s.used)
}

// Generate implements parser.IDs. It keeps Unicode letters, combining marks
// (which Khmer, Devanagari and others need to stay readable) and decimal
// digits, lowercased and in NFC; every other run of characters becomes one
// hyphen, except format characters such as zero-width spaces and joiners,
// which are dropped. A repeated id gets -1, -2, … appended.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug(value)
	if len(base) == 0 {
		base = []byte("id")
		if kind == ast.KindHeading {
			base = []byte("heading")
		}
	}
	if s.used == nil {
		s.used = map[string]int{}
	}
	if _, taken := s.used[string(base)]; !taken {
		s.used[string(base)] = 0
		return base
	}
	for {
		suffix := s.used[string(base)] + 1
		s.used[string(base)] = suffix
		id := string(base) + "-" + strconv.Itoa(suffix)
		if _, taken := s.used[id]; !taken {
			s.used[id] = 0
			return []byte(id)
		}
	}
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) {
	if s.used == nil {
		s.used = map[string]int{}
	}
	if _, taken := s.used[string(value)]; !taken {
		s.used[string(value)] = 0
	}
}

// slug returns a new slice: Generate's callers keep it.
func slug(v []byte) []byte {
	if !norm.NFC.IsNormal(v) {
		v = norm.NFC.Bytes(v)
	}
	b := make([]byte, 0, len(v))
	hyphen := false
	for len(v) > 0 {
		r, size := utf8.DecodeRune(v)
		v = v[size:]
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			if hyphen && len(b) > 0 {
				b = append(b, '-')
			}
			hyphen = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		case unicode.Is(unicode.Cf, r):
			// zero-width space, ZWJ, ZWNJ, soft hyphen: invisible, dropped
		default:
			hyphen = true
		}
	}
	return b
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
		t := newTextWriter(src)
		t.node(h)
		// Generate copies what it keeps of the text, so the pooled
		// buffer can go back.
		id := ids.Generate(collapseSpace(t.raw), ast.KindHeading)
		t.release()
		h.SetAttribute(attrID, id)
	}
}

var attrID = []byte("id")
