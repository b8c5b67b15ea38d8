package spreadsheet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/schema"
)

// Names of the columns that are not fields.
const (
	SlugColumn = "slug"
	BodyColumn = "body"
	ignore     = "-"
)

// target is what a column fills: the slug, the body, or a field (Sub of
// Item of Field for a table's field; Item counts from 1, 0 for an object
// that is not a list).
type target struct {
	slug, body bool
	field      *schema.Field
	item       int
	sub        *schema.Field
}

// key is the target's name as export writes it and --map takes it:
// "slug", "body", "email", "actions.2.owner", "logo.src".
func (t target) key() string {
	switch {
	case t.slug:
		return SlugColumn
	case t.body:
		return BodyColumn
	case t.sub == nil:
		return t.field.Name
	case t.field.Kind == schema.List:
		return t.field.Name + "." + strconv.Itoa(t.item) + "." + t.sub.Name
	}
	return t.field.Name + "." + t.sub.Name
}

// column is one column of the file and the target it fills, if any.
type column struct {
	index  int // from 0; the column number is index+1
	name   string
	target *target
}

// Number is the column's number, as a spreadsheet counts (A is 1).
func (c column) number() int { return c.index + 1 }

// parseTarget reads a target's name: a field name or label, "slug",
// "body", or FIELD.N.SUB and FIELD.SUB for the fields of tables.
func parseTarget(t *schema.Type, name string) *target {
	parts := strings.Split(foldName(name), ".")
	field := fieldNamed(t.Fields, parts[0])
	switch {
	case len(parts) == 1 && field != nil && field.Elem().Kind != schema.Object:
		return &target{field: field}
	case len(parts) == 1 && parts[0] == SlugColumn:
		return &target{slug: true}
	case len(parts) == 1 && (parts[0] == BodyColumn || parts[0] == "text"):
		return &target{body: true}
	case field == nil || field.Elem().Kind != schema.Object:
		return nil
	case field.Kind == schema.List && len(parts) == 3:
		n, err := strconv.Atoi(parts[1])
		if sub := fieldNamed(field.Fields, parts[2]); err == nil && n >= 1 && n <= maxItems && sub != nil {
			return &target{field: field, item: n, sub: sub}
		}
	case field.Kind == schema.Object && len(parts) == 2:
		if sub := fieldNamed(field.Fields, parts[1]); sub != nil {
			return &target{field: field, sub: sub}
		}
	}
	return nil
}

// maxItems bounds the N of FIELD.N.SUB: a spreadsheet with more columns
// than this for one list is not a list of a meeting's actions.
const maxItems = 1000

// fieldNamed finds a field by its name or label, after foldName.
func fieldNamed(fields []*schema.Field, folded string) *schema.Field {
	for _, byLabel := range []bool{false, true} {
		for _, f := range fields {
			name := f.Name
			if byLabel {
				name = f.Label
			}
			if foldName(name) == folded || foldName(strings.ReplaceAll(name, "_", " ")) == folded {
				return f
			}
		}
	}
	return nil
}

// mapColumns matches the header's columns to targets: by --map first,
// then by name or label, then, for what is left, by the nearest field
// name ("did you mean"), said in a warning. A column matched to nothing
// is ignored, with a warning.
func mapColumns(tb *table, t *schema.Type, maps map[string]string) ([]column, diag.List, error) {
	var diags diag.List
	at := func(c column, sev diag.Severity, code, msg, found, allowed, hint string) {
		diags = append(diags, diag.Diagnostic{File: tb.file, Line: 1, Col: c.number(), Severity: sev, Code: code,
			Message: fmt.Sprintf("column %q: %s", c.name, msg), Found: found, Allowed: allowed, Hint: hint})
	}
	cols := make([]column, len(tb.header))
	mapped := map[int]bool{}
	for name, to := range maps {
		i := slices.IndexFunc(tb.header, func(h string) bool { return h == name || foldName(h) == foldName(name) })
		if i < 0 {
			return nil, nil, fmt.Errorf("--map %s=%s: the file has no column %q; its columns are %s", name, to, name, quoted(tb.header))
		}
		mapped[i] = true
		cols[i] = column{index: i, name: tb.header[i]}
		if to == ignore || to == "" {
			continue
		}
		tg := parseTarget(t, to)
		if tg == nil {
			return nil, nil, fmt.Errorf("--map %s=%s: %s has no field %q; %s", name, to, t.Name, to, strings.TrimSpace(diag.DidYouMean(to, targetNames(t))+" the fields are "+strings.Join(targetNames(t), ", ")))
		}
		cols[i].target = tg
	}
	for i, h := range tb.header {
		if !mapped[i] {
			cols[i] = column{index: i, name: h, target: parseTarget(t, h)}
		}
	}
	for i := range cols {
		c := &cols[i]
		if c.target != nil || mapped[i] || c.name == "" {
			continue
		}
		if guess := diag.Suggest(foldName(c.name), freeTargets(t, cols)); guess != "" {
			c.target = parseTarget(t, guess)
			at(*c, diag.Warning, "column-guessed", "taken as the field "+guess+", the nearest name",
				strconv.Quote(c.name), "", fmt.Sprintf("if it is not %s, run with --map '%s=FIELD' (or =- to leave it out)", guess, c.name))
			continue
		}
		at(*c, diag.Warning, "column-ignored", "no field of "+t.Name+" has this name: the column is left out",
			strconv.Quote(c.name), strings.Join(targetNames(t), ", "), fmt.Sprintf("to import it, run with --map '%s=FIELD'", c.name))
	}
	diags = append(diags, duplicateTargets(tb, cols)...)
	return cols, diags, nil
}

// duplicateTargets reports two columns filling the same target.
func duplicateTargets(tb *table, cols []column) diag.List {
	var diags diag.List
	first := map[string]column{}
	for _, c := range cols {
		if c.target == nil {
			continue
		}
		k := c.target.key()
		if prev, ok := first[k]; ok {
			diags = append(diags, diag.Diagnostic{File: tb.file, Line: 1, Col: c.number(), Code: "duplicate-column",
				Message: fmt.Sprintf("column %q: a second column for %s", c.name, k),
				Found:   fmt.Sprintf("column %d %q and column %d %q", prev.number(), prev.name, c.number(), c.name),
				Allowed: "one column per field", Hint: fmt.Sprintf("leave one out with --map '%s=-'", c.name)})
			continue
		}
		first[k] = c
	}
	return diags
}

// targetNames are the names a column may take: every field but the
// fields of tables, then slug and body.
func targetNames(t *schema.Type) []string {
	var out []string
	for _, f := range t.Fields {
		switch {
		case f.Elem().Kind != schema.Object:
			out = append(out, f.Name)
		case f.Kind == schema.List:
			out = append(out, f.Name+".1."+f.Fields[0].Name)
		default:
			out = append(out, f.Name+"."+f.Fields[0].Name)
		}
	}
	return append(out, SlugColumn, BodyColumn)
}

// freeTargets are the field names no column has taken yet, to guess
// from.
func freeTargets(t *schema.Type, cols []column) []string {
	var out []string
	for _, f := range t.Fields {
		if f.Builtin || f.Elem().Kind == schema.Object {
			continue
		}
		if !slices.ContainsFunc(cols, func(c column) bool { return c.target != nil && c.target.field == f }) {
			out = append(out, f.Name)
		}
	}
	return out
}

func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
