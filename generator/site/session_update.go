package site

import (
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/validate"
)

// classify sorts the changed paths: content/ paths for updateFiles, or
// whole when one reaches everything (site.toml, the schema, the theme)
// or nothing was loaded yet.
func (s *Session) classify(changed []string) (content []string, whole bool) {
	if !s.loaded {
		return nil, true
	}
	for _, p := range changed {
		switch top, _, _ := strings.Cut(p, "/"); {
		case p == config.File || top == "schema" || top == "themes":
			return nil, true
		case top == "content" && isTranslationFile(p):
			// A translation is checked against its original and counted
			// on the translations page: loaded again with everything.
			return nil, true
		case top == "content":
			if entry, ok := load.EntryFileOf(s.root, s.schema, p); ok {
				// A photo or document of an entry folder: its entry
				// is read again with the folder's files as they are.
				p = entry
			} else if s.entryFolderMade(p) {
				return nil, true
			}
			content = append(content, p)
		}
	}
	return content, false
}

// entryFolderMade reports whether p is the index.md (or index.toml) of an
// entry folder that came or went: the folder's other files changed from
// a nested folder's (which only a whole load reports on) to an entry's,
// or back.
func (s *Session) entryFolderMade(p string) bool {
	name := path.Base(p)
	if strings.Count(p, "/") != 3 || (name != "index.md" && name != "index.toml") {
		return false
	}
	_, before := s.files[p]
	return before != s.present(p)
}

// isTranslationFile reports whether a content path is a translation's
// file (SLUG.LANG.md).
func isTranslationFile(p string) bool {
	name := p[strings.LastIndexByte(p, '/')+1:]
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	_, lang := load.SplitName(name)
	return lang != ""
}

// updateFiles reads the changed content files again, and the files of the
// entries whose references the change can make resolve differently, then
// checks and links them against the entries kept. whole is true when the
// change needs a whole load instead: a folder, a link, a stray file, or a
// second file for one slug, which only the walk of content/ reports on.
func (s *Session) updateFiles(paths []string) (whole bool) {
	u := fileUpdate{s: s, done: map[string]bool{}, gone: map[*load.Entry]bool{},
		names: map[string]bool{}, searched: map[string]bool{}, broken: maps.Clone(s.content.Broken)}
	queue := paths
	for len(queue) > 0 {
		for _, r := range u.readAll(queue) {
			if u.record(r) {
				return true
			}
		}
		queue = u.referrers()
	}
	if len(u.done) == 0 {
		return false
	}
	oldGraph := s.linked.Graph
	content := &load.Content{Root: s.root, Entries: u.entries(), Broken: u.broken, Translations: s.content.Translations}
	s.linked = s.linked.Update(content, u.changes)
	s.content = content
	s.updateModTimes(u.done)
	for _, ch := range u.changes {
		s.markStale(oldGraph, ch.Old)
		s.markStale(s.linked.Graph, ch.New)
	}
	for p := range u.done {
		s.edited[p] = true
	}
	return false
}

// fileUpdate is one updateFiles in progress.
type fileUpdate struct {
	s       *Session
	done    map[string]bool // entry files read again
	changes []link.Change
	gone    map[*load.Entry]bool
	added   []*load.Entry
	broken  map[string]bool // Content.Broken after the update
	// names are those (see link.Names) of entries that appeared, went,
	// or changed names or draft status; searched, those whose referrers
	// were already read again.
	names, searched map[string]bool
}

// reread is one path read again and checked.
type reread struct {
	path   string
	loaded *load.Loaded // nil when the file is gone
	plain  bool         // see load.Reload
}

// readAll reads the paths not read yet again, on every core: an alias
// dropped from a topic can send hundreds of referrers to be read again.
func (u *fileUpdate) readAll(paths []string) []reread {
	var todo []string
	for _, p := range paths {
		if !u.done[p] && !slices.Contains(todo, p) {
			todo = append(todo, p)
		}
	}
	out := make([]reread, len(todo))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range todo {
		g.Go(func() error {
			l, plain := load.Reload(u.s.root, u.s.schema, p, u.s.loadOptions())
			if l != nil && l.Entry != nil && l.Entry.Lang == "" {
				l.Diags = append(l.Diags, validate.Entry(l.Entry, u.s.validateOptions())...)
			}
			out[i] = reread{p, l, plain}
			return nil
		})
	}
	g.Wait()
	return out
}

// record takes one path read again into the update.
func (u *fileUpdate) record(r reread) (whole bool) {
	s, p, l := u.s, r.path, r.loaded
	if !r.plain {
		return s.present(p) || s.known(p)
	}
	for _, t := range load.Twins(p) {
		if _, ok := s.files[t]; ok {
			return true // duplicate slugs are reported by the whole load
		}
	}
	u.done[p] = true
	prev := s.files[p]
	if l == nil {
		delete(s.files, p)
	} else {
		s.files[p] = l
	}
	if prev == nil && l == nil {
		return false // a file that came and went between two looks
	}
	var oldEntry, newEntry *load.Entry
	typeName, slug := "", ""
	if prev != nil {
		oldEntry, typeName, slug = prev.Entry, prev.Type.Name, prev.Slug
	}
	if l != nil {
		newEntry, typeName, slug = l.Entry, l.Type.Name, l.Slug
	}
	wasBroken, isBroken := prev != nil && prev.Entry == nil, l != nil && l.Entry == nil
	if isBroken {
		u.broken[typeName+"/"+slug] = true
	} else {
		delete(u.broken, typeName+"/"+slug)
	}
	if oldEntry != nil {
		u.gone[oldEntry] = true
		s.stamps.Delete(oldEntry)
	}
	if newEntry != nil {
		u.added = append(u.added, newEntry)
		s.stamps.Store(newEntry, l.Stamp)
	}
	if oldEntry != nil || newEntry != nil {
		u.changes = append(u.changes, link.Change{Old: oldEntry, New: newEntry})
	}
	switch {
	case wasBroken != isBroken || oldEntry == nil || newEntry == nil || oldEntry.Draft() != newEntry.Draft():
		// It appeared, went, or was published or withdrawn: every
		// reference by any of its names may now resolve differently.
		u.names[link.NameOf(slug)] = true
		for _, e := range []*load.Entry{oldEntry, newEntry} {
			if e != nil {
				for _, n := range link.Names(e) {
					u.names[n] = true
				}
			}
		}
	default:
		// Only references by a name it gained or lost may.
		for _, n := range changedNames(oldEntry, newEntry) {
			u.names[n] = true
		}
	}
	return false
}

// referrers lists the files to read again because an entry they may name
// appeared, went, or changed names: the entries that name it, and those
// with a reference that leads nowhere, whose messages suggest names.
func (u *fileUpdate) referrers() []string {
	fresh := map[string]bool{}
	for n := range u.names {
		if !u.searched[n] {
			fresh[n] = true
			u.searched[n] = true
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	var files []string
	add := func(e *load.Entry) {
		if !u.done[e.File] && !slices.Contains(files, e.File) {
			files = append(files, e.File)
		}
	}
	for _, e := range u.s.linked.Naming(u.s.content.Entries, fresh) {
		add(e)
	}
	for _, e := range u.s.linked.Unresolved() {
		add(e)
	}
	slices.Sort(files)
	return files
}

// entries is Content.Entries after the update, in order.
func (u *fileUpdate) entries() []*load.Entry {
	kept := make([]*load.Entry, 0, len(u.s.content.Entries)+len(u.added))
	for _, e := range u.s.content.Entries {
		if !u.gone[e] {
			kept = append(kept, e)
		}
	}
	added := slices.SortedFunc(slices.Values(u.added), load.CompareEntries)
	out := make([]*load.Entry, 0, len(kept)+len(added))
	i, j := 0, 0
	for i < len(kept) && j < len(added) {
		if load.CompareEntries(added[j], kept[i]) < 0 {
			out = append(out, added[j])
			j++
		} else {
			out = append(out, kept[i])
			i++
		}
	}
	out = append(out, kept[i:]...)
	return append(out, added[j:]...)
}

// changedNames are the names (see link.Names) that one of a and b has
// and the other has not.
func changedNames(a, b *load.Entry) []string {
	x, y := link.Names(a), link.Names(b)
	var out []string
	for _, n := range x {
		if !slices.Contains(y, n) {
			out = append(out, n)
		}
	}
	for _, n := range y {
		if !slices.Contains(x, n) {
			out = append(out, n)
		}
	}
	return out
}

// present reports whether something exists at p.
func (s *Session) present(p string) bool {
	_, err := s.root.Lstat(p)
	return err == nil
}

// known reports whether the last whole load saw something at p that is
// not a plain entry file: a folder of entries, or a path it reported on.
// An editor's temporary file, created and gone between two looks, is not.
func (s *Session) known(p string) bool {
	for _, d := range s.setupDiags {
		if d.File == p || strings.HasPrefix(d.File, p+"/") {
			return true
		}
	}
	for f := range s.files {
		if strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return false
}

// updateModTimes refreshes the file times of the entry files read again,
// the last fallback of the pages' "last changed" lines.
func (s *Session) updateModTimes(files map[string]bool) {
	if s.modTimes == nil {
		return
	}
	s.modTimes = maps.Clone(s.modTimes) // an older snapshot may be rendering from it
	for f := range files {
		if _, inGit := s.gitChanges[f]; inGit {
			continue
		}
		if info, err := s.root.Stat(f); err == nil {
			s.modTimes[f] = info.ModTime()
		} else {
			delete(s.modTimes, f)
		}
	}
}

// markStale records that e's page, and those of the entries whose pages
// show something of it, may differ from the last snapshot's: the entries
// it points at and that point at it and, through a topic, the members
// whose "who can help" lists gather the topic's offerers. Every page
// lists the free pages in its footer, so a page's change reaches all.
func (s *Session) markStale(g *link.Graph, e *load.Entry) {
	if e == nil {
		return
	}
	if e.Type.Name == "page" {
		s.staleAll = true
	}
	s.stale[entryKey(e)] = true
	neighbour := func(n *load.Entry) {
		s.stale[entryKey(n)] = true
		if n.Type.Name == schema.TopicType {
			for _, edge := range g.Backlinks(n) {
				s.stale[entryKey(edge.From)] = true
			}
		}
	}
	for _, edge := range g.Refs(e) {
		neighbour(edge.To)
	}
	for _, edge := range g.Backlinks(e) {
		neighbour(edge.From)
	}
}

func entryKey(e *load.Entry) string { return e.Type.Name + "/" + e.Slug }
