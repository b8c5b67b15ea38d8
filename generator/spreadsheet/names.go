package spreadsheet

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldName is how names compare: case, accents, spacing and the
// punctuation of labels ("E-mail:", "Joined *") do not matter.
func foldName(s string) string {
	s, _, _ = transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	s = cases.Fold().String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
			continue
		}
		space = true
	}
	return b.String()
}

// names finds the entries of one type by slug, title or alias, after
// foldName: what a spreadsheet's cell says of a member or a topic.
type names struct {
	byName map[string][]string // folded name → slugs
	shown  []string            // slugs and titles, for "did you mean"
}

func newNames() *names { return &names{byName: map[string][]string{}} }

// add makes slug findable by itself and by each of its other names.
func (n *names) add(slug string, others ...string) {
	for _, name := range append([]string{slug}, others...) {
		key := foldName(name)
		if key == "" || slices.Contains(n.byName[key], slug) {
			continue
		}
		n.byName[key] = append(n.byName[key], slug)
		n.shown = append(n.shown, name)
	}
}

// find returns the slugs a name matches: one, none, or several when
// the name is ambiguous (two members of the same name). A slug written
// as it is always wins.
func (n *names) find(name string) []string {
	found := n.byName[foldName(name)]
	if slices.Contains(found, name) {
		return []string{name}
	}
	return found
}
