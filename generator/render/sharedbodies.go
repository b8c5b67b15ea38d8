package render

import (
	"bytes"
	"sync"

	"github.com/agora-community/agora/generator/load"
)

// SharedBodies hands the rendered bodies of a build's default language
// to its other languages: an untranslated entry shows its original's
// body in every language, and rendering its Markdown again was a third
// of each further language's CPU time (a 10,000-entry site in English
// and Spanish, 2026-12-07). Only bodies that do not depend on the
// language are shared: not a translation's, not one that links files of
// its entry folder (their links climb out of a language's folder).
// It holds up to a limit of bytes, so that a large site in several
// languages keeps its memory bounded: past it, bodies are rendered again.
type SharedBodies struct {
	mu     sync.Mutex
	bodies map[*load.Entry]sharedBody
	left   int
	found  int
}

type sharedBody struct{ html, text []byte }

// NewSharedBodies holds up to limit bytes of HTML and text.
func NewSharedBodies(limit int) *SharedBodies {
	return &SharedBodies{bodies: map[*load.Entry]sharedBody{}, left: limit}
}

// keep holds the default language's body of e. The HTML is handed over
// (see Options.Markdown: nothing writes to it again), the text is lent
// and copied.
func (b *SharedBodies) keep(e *load.Entry, html, text []byte) {
	n := len(html) + len(text)
	b.mu.Lock()
	defer b.mu.Unlock()
	if n > b.left {
		return
	}
	b.left -= n
	b.bodies[e] = sharedBody{html: html, text: bytes.Clone(text)}
}

func (b *SharedBodies) find(e *load.Entry) (sharedBody, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	body, ok := b.bodies[e]
	if ok {
		b.found++
	}
	return body, ok
}

// Found is how many bodies other languages took instead of rendering.
func (b *SharedBodies) Found() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.found
}

// shares tells whether v's body is the same in every language of the
// build, so that it may be kept or found.
func (s *Site) shares(v *Entry) bool {
	return s.in.Bodies != nil && v.translation == nil && v.files() == nil
}
