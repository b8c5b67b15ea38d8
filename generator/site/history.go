package site

import (
	"context"

	"time"

	"github.com/agora-community/agora/generator/gitinfo"
)

// history is what the pages' "last changed" lines are made of.
type history struct {
	changes  map[string]gitinfo.Change // by entry file
	modTimes map[string]time.Time      // by entry file
	warnings []string
}

// loadHistory reads the last change of every entry, once: one git log
// for the whole of content/, and the time of every file as it was read. Without
// Options.History it reads nothing.
func (p *Project) loadHistory(ctx context.Context) *history {
	if p.history != nil {
		return p.history
	}
	h := &history{}
	p.history = h
	if !p.opts.History || p.Content == nil {
		return h
	}
	gi := gitinfo.Read(ctx, p.Source, "content")
	h.changes, h.warnings = gi.Changes, gi.Warnings
	h.modTimes = make(map[string]time.Time, len(p.Content.Entries))
	for _, e := range p.Content.Entries {
		if _, ok := h.changes[e.File]; ok {
			continue
		}
		h.modTimes[e.File] = e.ModTime
	}
	return h
}
