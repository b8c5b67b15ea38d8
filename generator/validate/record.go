// Package validate checks loaded entries against the schema: kinds,
// required fields, enums, dates, urls, patterns, ranges and uniqueness.
// References between entries are resolved and checked by package link.
package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/schema"
)

// recordChecker checks one file's fields; every diagnostic names a key
// path whose position load.Locate finds afterwards.
type recordChecker struct {
	file string
	what string // "member", for messages
	// schemaFile is where a new field would be declared, for hints.
	schemaFile string
	today      time.Time
	diags      diag.List
}

func (c *recordChecker) report(sev diag.Severity, key string, atValue bool, d diag.Diagnostic) {
	d.File, d.Key, d.AtValue, d.Pending, d.Severity = c.file, key, atValue, true, sev
	c.diags = append(c.diags, d)
}

// Record checks raw against fields and returns the checked values, with
// defaults filled in; invalid values are left out so later stages can
// trust every value's kind. An invalid item of a list becomes nil, so
// that the items after it keep their index, and with it their position in
// the file. prefix is the key path of the table.
//
// The checked values replace the file's in raw itself, which Record
// returns: a second map for every table (each entry, each of its
// [[actions]]) was a tenth of a check's allocations. The caller keeps
// nothing of raw but the result.
func (c *recordChecker) Record(fields []*schema.Field, raw map[string]any, prefix string) map[string]any {
	for _, k := range c.unknownKeys(fields, raw, prefix) {
		delete(raw, k)
	}
	for _, f := range fields {
		v, ok := raw[f.Name]
		if !ok {
			if f.Required {
				c.report(diag.Error, prefix, false, diag.Diagnostic{Code: "missing-required",
					Message: fmt.Sprintf("missing required field %q%s", f.Name, c.where(prefix)), Allowed: schema.KindPhrase(f),
					Hint: addHint(f)})
			} else if f.Default != nil {
				raw[f.Name] = f.Default
			}
			continue
		}
		checked, ok := c.value(f, v, prefix)
		if ok {
			if s, isText := checked.(string); isText && f.Required && strings.TrimSpace(s) == "" {
				c.report(diag.Error, join(prefix, f.Name), true, diag.Diagnostic{Code: "empty-required",
					Message: fmt.Sprintf("%s: a required field may not be empty", f.Name), Found: strconv.Quote(s), Allowed: schema.KindPhrase(f),
					Hint: fillHint(f)})
				ok = false
			}
		}
		if !ok {
			delete(raw, f.Name)
			continue
		}
		raw[f.Name] = checked
	}
	c.dateRules(fields, raw, prefix)
	return raw
}

// unknownKeys reports the keys of raw that name no field, and returns them.
func (c *recordChecker) unknownKeys(fields []*schema.Field, raw map[string]any, prefix string) []string {
	// Every table is checked (an entry's, each of its [[actions]]), and
	// almost none has an unknown key: the names are listed only for one.
	var unknown []string
	for k := range raw {
		if !slices.ContainsFunc(fields, func(f *schema.Field) bool { return f.Name == k }) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		hint := diag.DidYouMean(k, names)
		if hint == "" {
			hint = "remove it"
			if c.schemaFile != "" {
				hint += ", or add it to " + c.schemaFile
			}
		}
		c.report(diag.Error, join(prefix, k), false, diag.Diagnostic{Code: "unknown-key",
			Message: fmt.Sprintf("unknown field %q%s", k, c.where(prefix)), Found: strconv.Quote(k),
			Allowed: strings.Join(names, ", "), Hint: hint})
	}
	return unknown
}

// value checks field f's value v in the table at prefix. The field's key
// path is made only for a nested table or a problem: in a table of a list
// ("actions.1") it would be a new string for every field of every item.
func (c *recordChecker) value(f *schema.Field, v any, prefix string) (any, bool) {
	switch f.Kind {
	case schema.List:
		return c.list(f, v, prefix)
	case schema.Object:
		m, ok := v.(map[string]any)
		if !ok {
			c.mismatch(f, v, join(prefix, f.Name))
			return nil, false
		}
		return c.Record(f.Fields, m, join(prefix, f.Name)), true
	}
	checked, p := f.Check(v)
	if p != nil {
		p.Message = f.Name + ": " + p.Message
		c.report(diag.Error, subKey(join(prefix, f.Name), p), true, *p)
		return nil, false
	}
	return checked, true
}

// subKey places a problem of a value's own table (an image's alt) at its
// key in the table, when Check named one.
func subKey(key string, p *diag.Diagnostic) string {
	if p.Key == "" {
		return key
	}
	return key + "." + p.Key
}

func (c *recordChecker) mismatch(f *schema.Field, v any, key string) {
	c.report(diag.Error, key, true, diag.Diagnostic{Code: "wrong-type",
		Message: fmt.Sprintf("%s: expected %s, found %s", f.Name, schema.KindPhrase(f), schema.TOMLKind(v)),
		Found:   schema.TOMLKind(v), Allowed: schema.KindPhrase(f), Hint: listHint(f, v)})
}

func listHint(f *schema.Field, v any) string {
	if f.Kind == schema.List && f.Of != schema.Object {
		if s, ok := v.(string); ok {
			return fmt.Sprintf("put the value in a list: [%q]", s)
		}
	}
	return ""
}

func (c *recordChecker) list(f *schema.Field, v any, prefix string) (any, bool) {
	key := join(prefix, f.Name)
	var items []any
	switch l := v.(type) {
	case []any:
		items = l
	case []map[string]any:
		items = make([]any, len(l))
		for i, m := range l {
			items[i] = m
		}
	default:
		c.mismatch(f, v, key)
		return nil, false
	}
	if p := f.CheckCount(len(items)); p != nil {
		p.Message = f.Name + ": " + p.Message
		c.report(diag.Error, key, true, *p)
	}
	// The item's key path is made only for a table or a problem: a list
	// of plain values is most lists, and most items have no problem.
	itemKey := func(i int) string { return key + "." + strconv.Itoa(i) }
	if f.Of == schema.Object {
		out := make([]any, 0, len(items))
		for i, item := range items {
			m, ok := item.(map[string]any)
			if !ok {
				c.report(diag.Error, itemKey(i), false, diag.Diagnostic{Code: "wrong-type",
					Message: fmt.Sprintf("%s: each item must be a table, found %s", f.Name, schema.TOMLKind(item)),
					Allowed: schema.KindPhrase(f)})
				out = append(out, nil) // keep the indices of the items after it
				continue
			}
			out = append(out, c.Record(f.Fields, m, itemKey(i)))
		}
		return out, true
	}
	// A list whose items all pass unchanged (most: slugs, topics, text)
	// is kept as the file's, not copied: two allocations saved per list.
	var out []any
	for i, item := range items {
		checked, p := f.Check(item)
		if p != nil {
			p.Message = fmt.Sprintf("%s, item %d: %s", f.Name, i+1, p.Message)
			c.report(diag.Error, subKey(itemKey(i), p), p.Key != "", *p)
			checked = nil // keep the indices of the items after it
		} else if out == nil && unchanged(checked, item) {
			continue
		}
		if out == nil {
			out = append(make([]any, 0, len(items)), items[:i]...)
		}
		out = append(out, checked)
	}
	if out == nil {
		return items, true // v itself, when it was a []any
	}
	return out, true
}

// unchanged reports whether Check gave an item back as it was. Only
// values of comparable kinds are compared; == on the others would panic.
func unchanged(checked, item any) bool {
	switch checked.(type) {
	case string, int64, float64, bool, time.Time:
		return checked == item
	}
	return false
}

// dateRules applies not_before and overdue_if among the checked values
// of one table, and at_most, the one rule between numbers: one pass over
// the fields of every table checked.
func (c *recordChecker) dateRules(fields []*schema.Field, values map[string]any, prefix string) {
	for _, f := range fields {
		if f.AtMost != "" {
			c.atMost(f, values, prefix)
			continue
		}
		d, ok := values[f.Name].(time.Time)
		if !ok {
			continue
		}
		if f.NotBefore != "" {
			if start, ok := values[f.NotBefore].(time.Time); ok && d.Before(start) {
				c.report(diag.Error, join(prefix, f.Name), true, diag.Diagnostic{Code: "date-order",
					Message: fmt.Sprintf("%s %s is before %s %s", f.Name, schema.FormatDate(d), f.NotBefore, schema.FormatDate(start)),
					Found:   schema.FormatDate(d), Allowed: schema.FormatDate(start) + " or later",
					Hint: "check the two dates; " + f.Name + " may not come before " + f.NotBefore})
			}
		}
		if len(f.OverdueIf) > 0 && !c.today.IsZero() && d.Before(c.today) && holds(values, f.OverdueIf) {
			c.report(diag.Warning, join(prefix, f.Name), true, diag.Diagnostic{Code: "overdue",
				Message: fmt.Sprintf("overdue: %s %s has passed", f.Name, schema.FormatDate(d)),
				Found:   describeState(values, f.OverdueIf), Hint: "update the status, or set a new date"})
		}
	}
}

// atMost reports a number above the sibling field that f's at_most names.
func (c *recordChecker) atMost(f *schema.Field, values map[string]any, prefix string) {
	n, ok := number(values[f.Name])
	limit, limited := number(values[f.AtMost])
	if ok && limited && n > limit {
		c.report(diag.Error, join(prefix, f.Name), true, diag.Diagnostic{Code: "above-limit",
			Message: fmt.Sprintf("%s %s is above %s %s", f.Name, formatNumber(n), f.AtMost, formatNumber(limit)),
			Found:   formatNumber(n), Allowed: formatNumber(limit) + " or less",
			Hint: "check the two numbers; " + f.Name + " may not be more than " + f.AtMost})
	}
}

// number is a checked int or float value as a float64.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func formatNumber(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }

func holds(values map[string]any, cond map[string][]string) bool {
	for field, allowed := range cond {
		s, _ := values[field].(string)
		if !slices.Contains(allowed, s) {
			return false
		}
	}
	return true
}

func describeState(values map[string]any, cond map[string][]string) string {
	var parts []string
	for field := range cond {
		parts = append(parts, fmt.Sprintf("%s = %q", field, values[field]))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

// where names the table at prefix for messages: " in a member", " in
// [[actions]] item 2".
func (c *recordChecker) where(prefix string) string {
	if prefix == "" {
		if strings.ContainsRune("aeiou", rune(c.what[0])) {
			return " in an " + c.what
		}
		return " in a " + c.what
	}
	parts := strings.Split(prefix, ".")
	if n, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
		return fmt.Sprintf(" in [[%s]] item %d", strings.Join(parts[:len(parts)-1], "."), n+1)
	}
	return " in [" + trimIndex(prefix) + "]"
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// trimIndex turns "actions.1" into "actions" for messages about a table.
func trimIndex(path string) string {
	parts := strings.Split(path, ".")
	out := parts[:0]
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

// fillHint says what an empty required field should hold.
func fillHint(f *schema.Field) string {
	if d := strings.TrimSuffix(f.Description, "."); d != "" {
		return "fill it in: " + d
	}
	return "fill it in"
}

// addHint says how to add a missing field, with its description if it has one.
func addHint(f *schema.Field) string {
	if d := strings.TrimSuffix(f.Description, "."); d != "" {
		return fmt.Sprintf("add %s = … (%s)", f.Name, d)
	}
	return fmt.Sprintf("add %s = …", f.Name)
}
