package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns text as it is matched: see step 1 in tokenize.go.
//
// Text is mostly ASCII, even in Spanish or French, and ASCII only needs
// lower-casing: only the pieces around other characters go through
// normalization (foldPiece). A piece ends before an ASCII character that
// is followed by ASCII or nothing. Normalization cannot reach across that
// point: an ASCII character never changes under NFKD, reorders with no
// mark and composes with no character before it, and the one before it is
// no mark's base, since none follows. So the pieces fold as the whole.
func Fold(s string) string {
	if nonASCII(s) == len(s) {
		return lowerASCII(s)
	}
	sc := foldScratches.Get().(*foldScratch)
	defer foldScratches.Put(sc)
	sc.folded = sc.appendFold(sc.folded[:0], s)
	return string(sc.folded)
}

// appendFold appends Fold(s) to b.
func (sc *foldScratch) appendFold(b []byte, s string) []byte {
	for {
		i := nonASCII(s)
		if i == len(s) {
			return appendLowerASCII(b, s)
		}
		// The piece starts at the ASCII character before, which may be
		// the base of a mark.
		start := max(0, i-1)
		end := start + pieceEnd(s[start:])
		b = appendLowerASCII(b, s[:start])
		b = sc.appendFoldPiece(b, s[start:end])
		s = s[end:]
	}
}

// foldScratch holds the steps of folding: reused, as a text folds in
// pieces, each a few allocations otherwise.
type foldScratch struct {
	folded     []byte // a text folded
	decomposed []byte // a piece after NFKD
	kept       []byte // and without what Fold drops
	composed   []byte // and after NFC
}

var foldScratches = sync.Pool{New: func() any { return new(foldScratch) }}

// nonASCII is the index of the first byte of s outside ASCII, or len(s).
func nonASCII(s string) int {
	i := 0
	// Eight bytes at a time: the compiler makes one load of the eight.
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8]
		word := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		if word&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i
		}
	}
	return len(s)
}

// pieceEnd is where a piece that starts s ends: at the first ASCII
// character after its start that ASCII or the end of s follows.
func pieceEnd(s string) int {
	for i := 1; i < len(s); i++ {
		if s[i] < utf8.RuneSelf && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
			return i
		}
	}
	return len(s)
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func appendLowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// appendFoldPiece folds any text, as step 1 says, and appends it to b.
func (sc *foldScratch) appendFoldPiece(b []byte, s string) []byte {
	if out, ok := appendLatinFold(b, s); ok {
		return out
	}
	return sc.appendFoldPieceSlowly(b, s)
}

// appendFoldPieceSlowly is appendFoldPiece by normalizing.
func (sc *foldScratch) appendFoldPieceSlowly(b []byte, s string) []byte {
	sc.decomposed = norm.NFKD.AppendString(sc.decomposed[:0], strings.ToValidUTF8(s, "\uFFFD"))
	sc.kept = sc.kept[:0]
	for _, r := range string(sc.decomposed) {
		if (r >= 0x0300 && r <= 0x036F) || invisible(r) {
			continue
		}
		sc.kept = utf8.AppendRune(sc.kept, r)
	}
	sc.composed = norm.NFC.Append(sc.composed[:0], sc.kept...)
	for _, r := range string(sc.composed) {
		r = unicode.ToLower(r)
		if r == 'ς' {
			r = 'σ'
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

// invisible reports the format characters that Fold deletes: they hint at
// word breaks or shaping in Khmer, Myanmar or Persian text, but people do
// not type them.
func invisible(r rune) bool {
	switch r {
	case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return false
}

// Most pieces are a Latin letter with an accent (mediación, énfasis),
// which folds the same beside anything: "ó" to "o" whatever stands
// around it. appendLatinFold folds a piece made only of ASCII and such
// letters rune by rune from a table, without normalizing: on the
// benchmark corpus that was 7 % of the time to add documents to an index
// and 8 MB of its 73 MB allocated (norm's buffers, one a piece).

// latinFolds holds, for the runes U+0080 to latinEnd, the fold of those
// that fold alone (latinFoldsAlone).
var latinFolds, latinFoldsAlone = func() (folds [latinEnd - utf8.RuneSelf]string, alone [latinEnd - utf8.RuneSelf]bool) {
	var sc foldScratch
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		f := string(sc.appendFoldPieceSlowly(nil, string(r)))
		folds[r-utf8.RuneSelf], alone[r-utf8.RuneSelf] = f, foldsAlone(r, f)
	}
	return
}()

const latinEnd = 0x250 // Latin-1 Supplement, Latin Extended-A and -B

// foldsAlone reports whether r, which folds to f, folds to f whatever
// stands beside it: its decomposition is a starter and marks that Fold
// drops, so that nothing reorders with its neighbours, and f neither
// composes with nor changes beside anything.
func foldsAlone(r rune, f string) bool {
	for i, d := range norm.NFKD.String(string(r)) {
		p := norm.NFKD.PropertiesString(string(d))
		if (i == 0 && p.CCC() != 0) || (i > 0 && p.CCC() != 0 && (d < 0x0300 || d > 0x036F)) {
			return false
		}
	}
	for _, c := range f {
		p := norm.NFC.PropertiesString(string(c))
		if c >= utf8.RuneSelf && (!p.BoundaryBefore() || !p.BoundaryAfter() || p.CCC() != 0) {
			return false
		}
	}
	return true
}

// appendLatinFold appends Fold(s) to b if s is ASCII and runes that fold
// alone (see latinFolds), and reports whether it was.
func appendLatinFold(b []byte, s string) ([]byte, bool) {
	n := len(b)
	for _, r := range s { // a bad byte is U+FFFD: not in the table
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		case r < latinEnd && latinFoldsAlone[r-utf8.RuneSelf]:
			b = append(b, latinFolds[r-utf8.RuneSelf]...)
		default:
			return b[:n], false
		}
	}
	return b, true
}
