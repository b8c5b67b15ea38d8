package media

import (
	"path"
	"strings"
	"unicode"
)

// PublishedName is the name a document or audio file is published under
// beside its entry's page: its own name made safe for a URL (letters and
// digits of any script, "-", "_" and "."; lower case; anything else a
// hyphen) with the extension of the kind its bytes are. A static host
// chooses the Content-Type by extension, so a PDF named report.html is
// published as report.pdf, never served as a page. Images are published
// under Variant.Name instead.
func PublishedName(name string, k Kind) string {
	stem := strings.TrimSuffix(path.Base(name), path.Ext(name))
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(stem) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == '_':
			b.WriteRune(r)
			hyphen = false
		case r == '.' && b.Len() > 0 && !hyphen:
			b.WriteRune(r)
			hyphen = true // a dot is a separator too: no "-." or ".."
		case b.Len() > 0 && !hyphen:
			b.WriteByte('-')
			hyphen = true
		}
	}
	s := strings.TrimRight(b.String(), "-.")
	if s == "" {
		s = "file"
	}
	return s + k.Ext()
}
