package validate

import (
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// Entry checks one entry's fields, as Entries does for each, and replaces
// its Fields with the checked values. The preview server checks only the
// entries whose files changed, then runs Across over all of them.
func Entry(e *load.Entry, opts Options) diag.List {
	rc := recordChecker{file: e.File, what: e.Type.Name, today: dayOf(opts.Today), schemaFile: "schema/" + e.Type.Name + ".toml"}
	e.SetFields(rc.Record(e.Type.Fields, e.Fields, ""))
	return append(rc.diags, files(e)...)
}

// Across checks what spans entries, as Entries does after checking each:
// unique values, and page slugs that would take a reserved URL.
func Across(entries []*load.Entry, sch *schema.Schema) diag.List {
	return append(unique(entries, sch), reservedPaths(entries, sch)...)
}

// dayOf keeps the day only, so that a date due today is not overdue at
// any hour; the zero time stays zero.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
