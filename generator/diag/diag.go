// Package diag holds the diagnostics every stage reports: an error or a
// warning at file:line:col, with what was found, what is allowed and the fix.
package diag

import (
	"cmp"
	"slices"
)

// Severity orders errors before warnings at the same position.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem in one file. Line and Col are 1-based; Col counts
// characters (runes), as editors and GitHub annotations do. Line 0 means
// the problem concerns the whole file.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"-"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Found    string   `json:"found,omitempty"`
	Allowed  string   `json:"allowed,omitempty"`
	Hint     string   `json:"hint,omitempty"`
	// Key is the TOML key path ("actions.1.owner") the problem is about;
	// stages that do not keep positions set it and leave Line to Locate.
	Key string `json:"key,omitempty"`
	// AtValue places the position on the key's value rather than the key.
	AtValue bool `json:"-"`
	// Pending marks a position still to be found from Key (see load.Locate).
	Pending bool `json:"-"`
	// Source is the text of line Line, when the stage that placed the
	// diagnostic had the file at hand: the text output quotes it without
	// reading the file again.
	Source string `json:"-"`
}

// List collects diagnostics from every stage of one run.
type List []Diagnostic

// Sort orders by file, line, column, then errors before warnings, so that
// output is stable however many workers produced it.
func (l List) Sort() {
	slices.SortStableFunc(l, compare)
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Message, b.Message),
	)
}

// Count returns how many errors and warnings the list holds.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}
