package translate

import (
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// Change is when a file was last changed and by whom (empty when only
// the date is known).
type Change struct {
	Date   time.Time
	Author string
	// FileTime is set when Date is the file's modification time, the
	// last fallback: a checkout or a copy sets it, file by file.
	FileTime bool
}

// fileTimeSlack is how far apart two files' times must lie for one to be
// older: a checkout or a copy writes an original and its translation
// moments apart, in the order of the tool's choosing (a fresh clone
// writes index.km.md before index.md), which says nothing of which text
// changed last.
const fileTimeSlack = 10 * time.Second

// older reports whether the change own came before the change original.
func older(own, original Change) bool {
	if own.FileTime && original.FileTime {
		return own.Date.Add(fileTimeSlack).Before(original.Date)
	}
	return own.Date.Before(original.Date)
}

// Stale marks, and warns of, every translation last changed before its
// original: its text may say what the original no longer does. last
// tells when a file last changed: Git's last commit, else the entry's
// updated field, else the file's time (see LastChange).
func (s *Set) Stale(last func(*load.Entry) Change) diag.List {
	if s == nil {
		return nil
	}
	var diags diag.List
	for _, byLang := range s.byEntry {
		for _, t := range byLang {
			own, original := last(t.File), last(t.Original)
			if own.Date.IsZero() || original.Date.IsZero() || !older(own, original) {
				continue
			}
			t.Stale, t.OriginalChange = true, original
			changed := schema.FormatDate(original.Date)
			if original.Author != "" {
				changed += " by " + original.Author
			}
			diags = append(diags, diag.Diagnostic{File: t.File.File, Severity: diag.Warning, Code: "stale-translation",
				Message: "translation older than the original (changed " + changed + ")",
				Found:   "last changed " + schema.FormatDate(own.Date), Allowed: "a change after the original's",
				Hint: "bring the translation up to date with " + t.Original.File + ", then commit it"})
		}
	}
	return diags
}

// LastChange tells when an entry's file last changed from Git's changes
// (by file), else from its updated field, else from the file's time.
func LastChange(changes map[string]Change) func(*load.Entry) Change {
	return func(e *load.Entry) Change {
		if c, ok := changes[e.File]; ok && !c.Date.IsZero() {
			return c
		}
		if d, ok := e.Fields["updated"].(time.Time); ok {
			return Change{Date: d}
		}
		return Change{Date: e.ModTime, FileTime: true}
	}
}
