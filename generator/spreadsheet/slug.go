package spreadsheet

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// cyrillic spells Russian, Mongolian (ө, ү), Ukrainian and Kazakh
// letters in ASCII, as passports and street signs do.
//
// Why not github.com/gosimple/slug: measured 2026-12-07, it adds 0.68 MB
// to the binary (unidecode's table of every script), and its letter-by-
// letter reading of scripts written without spaces between words runs
// them together ("សមាគមយុវជនខ្មែរ" → "smaagmyuvjnkhmaer"), which we must
// refuse anyway. For Latin and Cyrillic it gives the same slugs as this
// table and x/text's decomposition, which agora already uses.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya", 'ө': "o", 'ү': "u", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ә': "a",
	'ғ': "g", 'қ': "q", 'ң': "ng", 'ұ': "u", 'һ': "h", 'ў': "u",
}

// latin are the Latin letters that do not decompose into a letter and
// accents.
var latin = map[rune]string{
	'ß': "ss", 'æ': "ae", 'ø': "o", 'œ': "oe", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// Slugify turns a title into a slug of ASCII letters, digits and hyphens:
// accents dropped, Cyrillic transliterated. A letter of another script
// (Khmer, Chinese, Arabic…) cannot be spelled in Latin letters reliably:
// Slugify returns "" and the name of the script, for a message asking
// for a slug column.
func Slugify(title string) (slug, script string) {
	plain, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), strings.ToLower(title))
	if err != nil {
		plain = strings.ToLower(title)
	}
	var b strings.Builder
	hyphen := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	for _, r := range plain {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case cyrillic[r] != "" || latin[r] != "":
			b.WriteString(cyrillic[r] + latin[r])
		case r == 'ъ' || r == 'ь' || r == '\'' || r == '’':
			// silent: "l'œuvre" → "loeuvre", as a name is spoken
		case unicode.IsLetter(r) || unicode.Is(unicode.Mc, r):
			return "", scriptOf(r)
		default:
			hyphen()
		}
	}
	return strings.Trim(b.String(), "-"), ""
}

// scriptOf names the script of a letter for the message.
func scriptOf(r rune) string {
	for name, table := range unicode.Scripts {
		if unicode.Is(table, r) {
			return name
		}
	}
	return "an unknown"
}
