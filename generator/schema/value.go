package schema

import (
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agora-community/agora/generator/diag"
)

// Check checks one scalar value against the field's kind (for a list, the
// element's kind) and returns it normalized: dates as UTC midnight, numbers
// as int64 or float64. Lists and objects are walked by the caller. A
// problem comes back as a diagnostic without file or position. A value
// that needs no normalizing comes back as the same interface value, not
// boxed again: a large build keeps millions of them.
func (f *Field) Check(v any) (any, *diag.Diagnostic) {
	e := f.Elem()
	switch e.Kind {
	case String, Text, URL, Email, Enum, Topic, Ref:
		s, ok := v.(string)
		if !ok {
			return nil, mismatch(e, v)
		}
		if p := e.checkString(s); p != nil {
			return nil, p
		}
		return v, nil
	case Int:
		n, ok := v.(int64)
		if !ok {
			return nil, mismatch(e, v)
		}
		return v, e.checkRange(float64(n), v)
	case Float:
		switch n := v.(type) {
		case int64:
			return float64(n), e.checkRange(float64(n), v)
		case float64:
			if math.IsNaN(n) || math.IsInf(n, 0) {
				return nil, problem("bad-value", "a number must be finite", describe(v), "a finite number", "")
			}
			return v, e.checkRange(n, v)
		}
		return nil, mismatch(e, v)
	case Bool:
		if _, ok := v.(bool); !ok {
			return nil, mismatch(e, v)
		}
		return v, nil
	case Date:
		d, p := toDate(v)
		if p != nil {
			return nil, p
		}
		return d, e.checkDateRange(d)
	case Image, File:
		return e.checkFileRef(v)
	}
	return nil, mismatch(e, v)
}

func (e *Field) checkString(s string) *diag.Diagnostic {
	if !utf8.ValidString(s) {
		return problem("bad-utf8", "text is not valid UTF-8", "", "UTF-8 text", "save the file as UTF-8")
	}
	switch e.Kind {
	case URL:
		if p := checkURL(s); p != nil {
			return p
		}
	case Email:
		if a, err := mail.ParseAddress(s); err != nil || a.Address != s || a.Name != "" {
			hint := ""
			if err == nil { // "Name <address>" or "<address>"
				hint = "write only the address, without a name or <>: " + a.Address
			}
			return problem("bad-email", "not an email address", strconv.Quote(s), "an address like name@example.org", hint)
		}
	case Enum:
		if !slices.Contains(e.Values, s) {
			return problem("bad-enum", fmt.Sprintf("%q is not one of the allowed values", s), strconv.Quote(s),
				quoteList(e.Values), diag.DidYouMean(s, e.Values))
		}
	case Topic, Ref:
		if strings.TrimSpace(s) == "" {
			return problem("empty-ref", "a reference may not be empty", `""`, "the slug of an entry", "")
		}
	}
	if e.Pattern != nil && !e.Pattern.MatchString(s) {
		return problem("bad-pattern", "does not match the required form", strconv.Quote(s), "text matching "+PatternSource(e.Pattern), e.Description)
	}
	if p := e.checkLength(s); p != nil {
		return p
	}
	return nil
}

func checkURL(s string) *diag.Diagnostic {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		hint := ""
		if err == nil && u.Scheme == "" && strings.Contains(s, ".") {
			hint = `add the scheme: "https://` + s + `"`
		}
		return problem("bad-url", "not a web address", strconv.Quote(s), "an http:// or https:// URL", hint)
	}
	return nil
}

func (e *Field) checkLength(s string) *diag.Diagnostic {
	n := float64(utf8.RuneCountInString(s))
	if e.Min != nil && n < e.Min.Num {
		return problem("too-short", fmt.Sprintf("text is shorter than %g characters", e.Min.Num), fmt.Sprintf("%g characters", n), fmt.Sprintf("at least %g", e.Min.Num), "")
	}
	if e.Max != nil && n > e.Max.Num {
		return problem("too-long", fmt.Sprintf("text is longer than %g characters", e.Max.Num), fmt.Sprintf("%g characters", n), fmt.Sprintf("at most %g", e.Max.Num), "")
	}
	return nil
}

func (e *Field) checkRange(n float64, v any) *diag.Diagnostic {
	if e.Min != nil && n < e.Min.Num {
		return problem("out-of-range", fmt.Sprintf("the value is below the minimum %g", e.Min.Num), describe(v), fmt.Sprintf("%g or more", e.Min.Num), "")
	}
	if e.Max != nil && n > e.Max.Num {
		return problem("out-of-range", fmt.Sprintf("the value is above the maximum %g", e.Max.Num), describe(v), fmt.Sprintf("%g or less", e.Max.Num), "")
	}
	if e.Above != nil && n <= e.Above.Num {
		return problem("out-of-range", fmt.Sprintf("the value must be above %g", e.Above.Num), describe(v), fmt.Sprintf("more than %g", e.Above.Num), "")
	}
	return nil
}

func (e *Field) checkDateRange(d time.Time) *diag.Diagnostic {
	if e.Min != nil && d.Before(e.Min.Date) {
		return problem("out-of-range", "the date is before "+FormatDate(e.Min.Date), FormatDate(d), FormatDate(e.Min.Date)+" or later", "")
	}
	if e.Max != nil && d.After(e.Max.Date) {
		return problem("out-of-range", "the date is after "+FormatDate(e.Max.Date), FormatDate(d), FormatDate(e.Max.Date)+" or earlier", "")
	}
	return nil
}

// CheckCount checks the number of items of a list against min and max.
func (f *Field) CheckCount(n int) *diag.Diagnostic {
	if f.Min != nil && float64(n) < f.Min.Num {
		return problem("too-few", fmt.Sprintf("the list needs at least %g items", f.Min.Num), fmt.Sprintf("%d", n), fmt.Sprintf("%g or more items", f.Min.Num), "")
	}
	if f.Max != nil && float64(n) > f.Max.Num {
		return problem("too-many", fmt.Sprintf("the list may hold at most %g items", f.Max.Num), fmt.Sprintf("%d", n), fmt.Sprintf("%g or fewer items", f.Max.Num), "")
	}
	return nil
}

// toDate accepts a TOML local date or a quoted YYYY-MM-DD.
func toDate(v any) (time.Time, *diag.Diagnostic) {
	const allowed = "a date like 2022-06-07"
	switch d := v.(type) {
	case time.Time:
		if d.Location().String() == "time-local" {
			return time.Time{}, problem("bad-date", "expected a date, found a time of day", describe(v), allowed, "")
		}
		if d.Location().String() != "date-local" {
			return time.Time{}, problem("bad-date", "a date may not have a time of day", describe(v), allowed, "keep only the date: "+d.Format(time.DateOnly))
		}
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), nil
	case string:
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return time.Time{}, problem("bad-date", "not a valid date", strconv.Quote(d), allowed+" (year-month-day)", "")
		}
		return t, nil
	}
	return time.Time{}, problem("bad-date", "expected a date", describe(v), allowed, "")
}

// FormatDate writes a date as YYYY-MM-DD.
func FormatDate(t time.Time) string { return t.Format(time.DateOnly) }

func mismatch(e *Field, v any) *diag.Diagnostic {
	return problem("wrong-type", "expected "+KindPhrase(e)+", found "+TOMLKind(v), describe(v), KindPhrase(e), conversionHint(e, v))
}

func conversionHint(e *Field, v any) string {
	switch {
	case e.Kind == Int || e.Kind == Float:
		if s, ok := v.(string); ok {
			if _, err := strconv.ParseFloat(s, 64); err == nil {
				return "remove the quotes: " + s
			}
		}
	case e.Kind == Bool:
		if s, ok := v.(string); ok && (s == "true" || s == "false") {
			return "remove the quotes: " + s
		}
	case e.Kind != Date:
		switch v.(type) {
		case int64, float64, bool:
			return fmt.Sprintf("put the value in quotes: \"%v\"", v)
		case []any, []map[string]any:
			return "write one value, not a list"
		}
	}
	return ""
}

// KindPhrase says in words what a field accepts.
func KindPhrase(f *Field) string {
	switch f.Kind {
	case String, Text:
		return "text in quotes"
	case Int:
		return "a whole number"
	case Float:
		return "a number"
	case Bool:
		return "true or false"
	case Date:
		return "a date like 2022-06-07"
	case URL:
		return "a web address in quotes (https://…)"
	case Email:
		return "an email address in quotes"
	case Enum:
		return "one of " + quoteList(f.Values)
	case Topic:
		return "a topic slug or alias in quotes"
	case Ref:
		return "the slug of a " + f.Ref + " in quotes"
	case List:
		if f.Of == Object {
			return "a list of tables ([[" + f.Name + "]])"
		}
		return "a list [ … ] of " + KindPhrase(f.elem)
	case Object:
		return "a table ([" + f.Name + "])"
	case Image:
		return `an image { src = "photo.jpg", alt = "…" }`
	case File:
		return `a file { src = "report.pdf", title = "…" }`
	}
	return string(f.Kind)
}

// TOMLKind names the kind of a decoded TOML value.
func TOMLKind(v any) string {
	switch v := v.(type) {
	case string:
		return "text"
	case int64:
		return "a whole number"
	case float64:
		return "a number"
	case bool:
		return "true/false"
	case time.Time:
		if v.Location().String() == "date-local" {
			return "a date"
		}
		return "a date and time"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func describe(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return v.Format(time.DateOnly)
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05")
		case "time-local":
			return v.Format(time.TimeOnly)
		}
		return v.Format(time.RFC3339)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprint(v)
}

func problem(code, msg, found, allowed, hint string) *diag.Diagnostic {
	return &diag.Diagnostic{Code: code, Message: msg, Found: found, Allowed: allowed, Hint: hint}
}

func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// PatternSource is a field pattern as the schema file wrote it.
func PatternSource(re *regexp.Regexp) string {
	return strings.TrimSuffix(strings.TrimPrefix(re.String(), "^(?:"), ")$")
}
