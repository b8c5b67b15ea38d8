package spreadsheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/schema"
)

// problem is what is wrong with a cell: the message, what was found,
// what is allowed and the fix.
type problem struct {
	code, message, found, allowed, hint string
}

func (p *problem) Error() string { return p.message }

// converter turns cells into values of the schema's kinds.
type converter struct {
	dates DateOrder
	// lookup finds the entries of a type by slug, title or alias.
	lookup func(typeName string) *names
}

// booleans are the words for yes and no of the network's languages.
var booleans = map[string]bool{
	"yes": true, "no": false, "true": true, "false": false, "y": true, "n": false, "1": true, "0": false,
	"si": true, "sí": true, "oui": true, "non": false, "тийм": true, "үгүй": false, "да": true, "нет": false,
	"x": true, "✓": true,
}

const booleansAllowed = "yes or no (also true/false, sí/no, oui/non, тийм/үгүй, 1/0)"

// cell converts one non-empty cell for field f: a list is split into
// items, each converted by the list's element kind.
func (cv converter) cell(f *schema.Field, s string) (any, *problem) {
	if f.Kind != schema.List {
		return cv.scalar(f, s)
	}
	var out []any
	for i, item := range splitList(s) {
		v, p := cv.scalar(f.Elem(), item)
		if p != nil {
			p.message = fmt.Sprintf("item %d of the list: %s", i+1, p.message)
			p.hint = strings.TrimSpace(p.hint + " (items are separated by ; or line breaks)")
			return nil, p
		}
		out = append(out, v)
	}
	return out, nil
}

// splitList splits a list's cell at line breaks when it has some, else
// at semicolons: an item with a semicolon in it goes on a line of its own.
func splitList(s string) []string {
	sep := ";"
	if strings.Contains(s, "\n") {
		sep = "\n"
	}
	var out []string
	for _, item := range strings.Split(s, sep) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func (cv converter) scalar(f *schema.Field, s string) (any, *problem) {
	switch f.Kind {
	case schema.Int:
		return wholeNumber(s)
	case schema.Float:
		return number(s)
	case schema.Bool:
		if b, ok := booleans[strings.ToLower(s)]; ok {
			return b, nil
		}
		return nil, &problem{"bad-bool", "not yes or no", strconv.Quote(s), booleansAllowed, ""}
	case schema.Date:
		d, p := parseDate(s, cv.dates)
		if p != nil {
			return nil, &problem{"bad-date", p.message, strconv.Quote(s), p.allowed, p.hint}
		}
		return d, nil
	case schema.Enum:
		for _, v := range f.Values {
			if foldName(v) == foldName(s) {
				return v, nil
			}
		}
		return nil, &problem{"bad-enum", "not one of the allowed values", strconv.Quote(s), quoted(f.Values), diag.DidYouMean(s, f.Values)}
	case schema.URL:
		if !strings.Contains(s, "://") && strings.Contains(s, ".") && !strings.ContainsAny(s, " @") {
			return "https://" + s, nil // "www.example.org", as people write addresses
		}
	case schema.Email:
		return strings.TrimPrefix(s, "mailto:"), nil
	case schema.Topic, schema.Ref:
		return cv.reference(f, s)
	case schema.Object:
		return nil, &problem{"bad-cell", "a table cannot be written in one cell", strconv.Quote(s), "one column per field of the table: " + f.Name + ".1." + f.Fields[0].Name, ""}
	}
	if k := string(f.Kind); k == "image" || k == "file" {
		return nil, fileProblem(f, s)
	}
	return s, nil
}

// fileProblem refuses a photo or document named in a cell: it must sit
// in the entry's folder, which the import cannot fill.
func fileProblem(f *schema.Field, s string) *problem {
	return &problem{"file-field", "a " + string(f.Elem().Kind) + " cannot be imported from a spreadsheet", strconv.Quote(s),
		"an empty cell: agora import writes the entry without its files",
		"leave the column out (--map '" + f.Name + "=-'), then put the file in the entry's folder (content/FOLDER/SLUG/) and name it in the entry"}
}

func (cv converter) reference(f *schema.Field, s string) (any, *problem) {
	target := f.Target()
	n := cv.lookup(target)
	found := n.find(s)
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		hint := diag.DidYouMean(s, n.shown)
		if hint == "" {
			hint = fmt.Sprintf("add the %s first (agora new %s SLUG), or write the slug of one", target, target)
		}
		return nil, &problem{"dangling-ref", fmt.Sprintf("no %s has this slug, name or alias", target), strconv.Quote(s),
			fmt.Sprintf("the slug, name or alias of a %s", target), hint}
	}
	return nil, &problem{"ambiguous-ref", fmt.Sprintf("the name fits %d entries of type %s", len(found), target), strconv.Quote(s),
		"one of the slugs " + quoted(found), "write the slug instead of the name"}
}

func wholeNumber(s string) (any, *problem) {
	n, err := strconv.ParseInt(strings.ReplaceAll(s, " ", ""), 10, 64)
	if err == nil {
		return n, nil
	}
	if f, p := number(s); p == nil && f.(float64) == math.Trunc(f.(float64)) && math.Abs(f.(float64)) < 1<<53 {
		return int64(f.(float64)), nil
	}
	return nil, &problem{"bad-number", "not a whole number", strconv.Quote(s), "a whole number such as 90", ""}
}

// number reads 2.5 and, as Spanish and French sheets write it, 2,5.
func number(s string) (any, *problem) {
	t := strings.ReplaceAll(s, " ", "")
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, &problem{"bad-number", "not a number", strconv.Quote(s), "a number such as 3 or 2.5", ""}
	}
	return f, nil
}
