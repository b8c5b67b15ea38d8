package site

import (
	"os"
	"path"
	"strings"
	"sync"

	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/schema"
)

// Snapshot is the project as one Session.Update left it, ready to render
// page by page, and what changed since the session's previous snapshot.
// It never changes, so pages render from it on any goroutine while the
// session makes the next.
type Snapshot struct {
	Site *render.Site // of the default language
	// Languages are the site in each of its languages, the default
	// first: one for a site in one language.
	Languages []LanguageSite
	graph     *link.Graph
	schema    *schema.Schema
	drafts    bool
	root      *os.Root
	stamps    *sync.Map // see Session.stamps
	// all is true when any page may differ from the previous snapshot's;
	// otherwise stale holds the "type/slug" of the entries whose pages may.
	all    bool
	stale  map[string]bool
	edited []*load.Entry // entries whose files changed
}

// LanguageSite is the site in one language: its pages go under Prefix
// ("" for the default, "km/").
type LanguageSite struct {
	Prefix string
	Site   *render.Site
}

// inLanguage is the path of a page within its language's folder
// ("km/members/ana/index.html" -> "members/ana/index.html").
func (sn *Snapshot) inLanguage(path string) string {
	for _, l := range sn.Languages {
		if rest, ok := strings.CutPrefix(path, l.Prefix); ok && l.Prefix != "" {
			return rest
		}
	}
	return path
}

// Fresh reports whether the page at path ("members/ana/index.html"), as
// the previous snapshot rendered it, is still right. Only entry pages
// outside the reach of the change are: pages that list or count entries
// (home, indexes, facets, feeds, the sitemap) are never.
func (sn *Snapshot) Fresh(path string) bool {
	if sn.all {
		return false
	}
	e := sn.entryAt(sn.inLanguage(path))
	return e != nil && !sn.stale[entryKey(e)]
}

// AsLoaded reports whether the page at path, rendered from this snapshot
// just now, is right to keep: an entry page reads the entry's body from
// its file, so it is not when the file changed since it was loaded.
// Call it after rendering, so that a change during the render shows.
func (sn *Snapshot) AsLoaded(path string) bool {
	e := sn.entryAt(sn.inLanguage(path))
	if e == nil {
		return true
	}
	stamp, ok := sn.stamps.Load(e)
	if !ok {
		return false
	}
	info, err := sn.root.Stat(e.File)
	return err == nil && load.StampOf(info) == stamp.(load.Stamp)
}

// EntryPage reports whether path is the page of a published entry.
func (sn *Snapshot) EntryPage(path string) bool { return sn.entryAt(sn.inLanguage(path)) != nil }

// EditedPages are the pages of the entries whose files changed since the
// previous snapshot: the ones a browser asks for first.
func (sn *Snapshot) EditedPages() []string {
	var out []string
	for _, e := range sn.edited {
		if sn.drafts || !e.Draft() {
			out = append(out, entryPage(e))
		}
	}
	return out
}

// pageOfFile is the page an entry file ("content/topics/x.md") would
// have, whether or not it holds an entry now.
func pageOfFile(sch *schema.Schema, file string) (string, bool) {
	dir, name := path.Split(file)
	slug := strings.TrimSuffix(name, path.Ext(name))
	if strings.Count(file, "/") == 3 { // content/FOLDER/SLUG/index.md
		dir, slug = path.Split(strings.TrimSuffix(dir, "/"))
	}
	folder, ok := strings.CutPrefix(strings.TrimSuffix(dir, "/"), "content/")
	if !ok {
		return "", false
	}
	t := sch.ByFolder(folder)
	if t == nil {
		return "", false
	}
	return pagePath(t, slug), true
}

// entryPage is the file of an entry's page, as render.Site.Jobs names it:
// the type's path with the slug in place of :slug, then index.html.
func entryPage(e *load.Entry) string { return pagePath(e.Type, e.Slug) }

func pagePath(t *schema.Type, slug string) string { return t.PagePath(slug) + "index.html" }

// entryAt is the published entry whose page is at path, or nil.
func (sn *Snapshot) entryAt(path string) *load.Entry {
	for _, t := range sn.schema.Types {
		before, after, ok := strings.Cut(t.Path[1:]+"index.html", ":slug")
		if !ok {
			continue
		}
		slug, ok := strings.CutPrefix(path, before)
		if !ok {
			continue
		}
		if slug, ok = strings.CutSuffix(slug, after); !ok || slug == "" {
			continue
		}
		if e := sn.graph.Lookup(t.Name, slug); e != nil && e.Slug == slug && (sn.drafts || !e.Draft()) {
			return e
		}
	}
	return nil
}

// FirstEntryPages are the page of the first published entry of every
// type: one page for each entry template.
func (sn *Snapshot) FirstEntryPages() []string {
	var out []string
	for _, t := range sn.schema.Types {
		if entries := sn.Site.Entries(t.Name); len(entries) > 0 {
			out = append(out, entryPage(entries[0].Source()))
		}
	}
	return out
}
