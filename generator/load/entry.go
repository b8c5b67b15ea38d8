// Package load reads a community repository's content/ folder: one entry
// per file, typed by its folder as the schema binds it, slugged by its file
// name. It keeps Markdown bodies up to a bound (Options.KeptBodies); Body
// reads the others again when needed.
package load

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/schema"
)

// Entry is one content file.
type Entry struct {
	Type *schema.Type
	Slug string
	// Lang is the language of a translation (SLUG.LANG.md), empty for
	// the original entry: a translation holds the original's slug.
	Lang string
	// File is the path from the source root, slash-separated:
	// "content/members/ana.md".
	File string
	// Fields holds the decoded front matter; the validate stage replaces
	// it with checked values (dates as time.Time, defaults filled in).
	Fields map[string]any
	// BodyStart is the byte offset of the Markdown body; -1 for .toml files.
	BodyStart int
	// BodyLine is the line of the body's first line, for errors in it.
	BodyLine int
	// ModTime is the file's modification time when it was read: a page's
	// "last changed" date when Git has none, without a second stat.
	ModTime time.Time
	// Folder is the entry's folder when the entry is one
	// ("content/minutes/2025-06-12-gathering", whose index.md is File);
	// "" for an entry of one file.
	Folder string
	// Files are the other files of the entry's folder, by name.
	Files []File
	// Refs are the references of the body to files beside it, in order.
	Refs []Ref
	// kept is the body as loaded, when the load kept it; nil otherwise.
	kept []byte
	// checked holds what Options.Check found, until Load collects it.
	checked diag.List
	// size is the file's size when it was loaded: a body read again is
	// read in one call when the file still has it.
	size int64
	// draft is Fields' draft flag, kept by SetFields when draftKnown:
	// linking asks it of the target of every reference (1.3 million at
	// 100,000 entries), and a lookup in a map far from the entry cost a
	// cache miss each.
	draft, draftKnown bool
}

// FileNamed returns the file of the entry's folder of that name.
func (e *Entry) FileNamed(name string) (*File, bool) {
	i, ok := slices.BinarySearchFunc(e.Files, name, func(f File, name string) int { return strings.Compare(f.Name, name) })
	if !ok {
		return nil, false
	}
	return &e.Files[i], true
}

// ID names the entry in messages: "member ana", "member ana (es)".
func (e *Entry) ID() string {
	if e.Lang != "" {
		return e.Type.Name + " " + e.Slug + " (" + e.Lang + ")"
	}
	return e.Type.Name + " " + e.Slug
}

// Title is the value of the type's title field, or the slug.
func (e *Entry) Title() string {
	if s, ok := e.Fields[e.Type.TitleField].(string); ok && s != "" {
		return s
	}
	return e.Slug
}

// Draft reports whether the entry sets draft = true.
func (e *Entry) Draft() bool {
	if e.draftKnown {
		return e.draft
	}
	d, _ := e.Fields["draft"].(bool)
	return d
}

// SetFields replaces the entry's fields, as the load and the validate
// stage do, and notes its draft flag. Fields set directly are read at
// each call of Draft instead.
func (e *Entry) SetFields(fields map[string]any) {
	e.Fields = fields
	e.draft, _ = fields["draft"].(bool)
	e.draftKnown = true
}

// Body returns the entry's Markdown body: the one Load kept, or else read
// again from the source, as Load read the file (readSource), from its
// folder opened once per Content.
func (c *Content) Body(e *Entry) ([]byte, error) {
	return c.BodyInto(e, nil)
}

// BodyInto is Body, reading the file into *buf's array when it fits, or
// else into a new one that it leaves in *buf: a build that renders every
// body reuses one buffer per goroutine instead of allocating each file.
// The body is valid until *buf is read into again. buf may be nil. A kept
// body is returned as it is, *buf untouched; no caller may change it.
func (c *Content) BodyInto(e *Entry, buf *[]byte) ([]byte, error) {
	if e.BodyStart < 0 {
		return nil, nil
	}
	if e.kept != nil {
		return e.kept, nil
	}
	var into []byte
	if buf != nil {
		into = *buf
	}
	dir := c.folders.get(c.Root, path.Dir(e.File))
	if dir != nil {
		if b, ok := dir.readSized(path.Base(e.File), e.size, into); ok {
			if buf != nil {
				*buf = b[:0]
			}
			return bodyOf(e, b)
		}
	}
	b, _, d := readSourceInto(c.Root, dir, e.File, math.MaxInt64, into)
	if buf != nil && b != nil {
		*buf = b[:0]
	}
	if d != nil {
		return nil, fmt.Errorf("%s: %s", e.File, d.Message)
	}
	return bodyOf(e, b)
}

// bodyOf is e's body in b, its file's bytes.
func bodyOf(e *Entry, b []byte) ([]byte, error) {
	b = bytes.TrimPrefix(b, bom)
	if e.BodyStart > len(b) {
		return nil, fmt.Errorf("%s changed while building", e.File)
	}
	return b[e.BodyStart:], nil
}

var bom = []byte("\ufeff")

// Content is everything loaded from content/.
type Content struct {
	Root    *os.Root
	Entries []*Entry // sorted by type name, then slug
	// Translations are the translation files (SLUG.LANG.md), sorted by
	// type name, slug and language; each holds its original's slug and
	// only what it restates, unchecked against the original (see
	// generator/translate).
	Translations []*Entry
	// Broken holds "type/slug" of files that exist but could not be
	// read or decoded; references to them are not reported again.
	Broken map[string]bool

	// folders are the folders Body reads from; their descriptors are
	// closed when the Content is collected.
	folders bodyFolders
}
