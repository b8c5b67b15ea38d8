package markdown

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// collapseSpace copies every byte byteClasses calls a word byte without
// decoding it; that is only right if every white-space rune starts with a
// byte it calls maybeSpace.
func TestByteClassesFindEveryWhiteSpaceRune(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !unicode.IsSpace(r) {
			continue
		}
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		if byteClasses[b[0]] != maybeSpace {
			t.Errorf("%U is white space but starts with %#x, class %d", r, b[0], byteClasses[b[0]])
		}
	}
}
