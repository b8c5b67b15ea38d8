package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/search"
	"github.com/agora-community/agora/generator/site"
)

// build is one snapshot of the site as served. Its pages render when first
// asked for and are kept, up to a bound (pageCache); the next build keeps
// those the change did not reach (see site.Snapshot.Fresh), so an edit
// costs the pages it touches and only when they are viewed.
type build struct {
	snap     *site.Snapshot
	jobs     map[string]render.Job
	order    []string // the jobs' paths, in the order Jobs lists them
	basePath string

	mu    sync.Mutex
	pages *pageCache

	// The search index is made from every entry, so it is built whole
	// when a search first asks for one of its files. One language's is
	// kept, the last searched: each holds every entry (14 MB at 10,000
	// entries), and building one again takes a fraction of a second.
	search *searchIndex
}

// searchIndex is the search index of one language.
type searchIndex struct {
	prefix string // the language's folder
	once   sync.Once
	files  map[string][]byte
	err    error
}

// errNoPage means the site has no file at that path.
var errNoPage = errors.New("no such page")

// newBuild prepares a snapshot for serving, keeping the pages of prev
// that are still right, and at most keep bytes of pages.
func newBuild(snap *site.Snapshot, prev *build, keep int) *build {
	b := &build{snap: snap, jobs: map[string]render.Job{}, basePath: snap.Site.BasePath(), pages: newPageCache(keep)}
	for _, l := range snap.Languages {
		for _, j := range l.Site.Jobs() {
			j.Path = l.Prefix + j.Path
			b.jobs[j.Path] = j
			b.order = append(b.order, j.Path)
		}
	}
	// The files of entry folders (images' copies, documents) are served
	// as pages are, read when first asked for; the same in every language.
	for _, j := range snap.Site.FileJobs() {
		b.jobs[j.Path] = j
		b.order = append(b.order, j.Path)
	}
	if prev != nil {
		prev.mu.Lock()
		prev.pages.eachOldestFirst(func(p string, data []byte) {
			if _, ok := b.jobs[p]; ok && snap.Fresh(p) {
				b.pages.put(p, data)
			}
		})
		prev.mu.Unlock()
	}
	return b
}

// has reports whether the site has a file at name (without rendering it).
func (b *build) has(name string) bool {
	_, ok := b.jobs[name]
	return ok
}

// cached reports whether the page at name is rendered already.
func (b *build) cached(name string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.pages.has(name)
}

// page returns the file at name, rendering it the first time.
func (b *build) page(name string) ([]byte, error) {
	b.mu.Lock()
	data, ok := b.pages.get(name)
	b.mu.Unlock()
	if ok {
		return data, nil
	}
	job, ok := b.jobs[name]
	if !ok {
		for _, l := range b.snap.Languages {
			if rest, ok := strings.CutPrefix(name, l.Prefix); ok && strings.HasPrefix(rest, search.Dir) {
				return b.searchFile(l, rest)
			}
		}
		return nil, errNoPage
	}
	var buf bytes.Buffer
	if err := job.Render(&buf); err != nil {
		return nil, err
	}
	data = buf.Bytes()
	// A page whose entry's file changed since the snapshot was made mixes
	// the old fields with the new body: it is served, since the next build
	// is on its way, but not kept.
	if b.snap.AsLoaded(name) {
		b.mu.Lock()
		b.pages.put(name, data)
		b.mu.Unlock()
	}
	return data, nil
}

// prerender renders the named pages on every core, stopping at the first
// that fails, so that a template error is found before the build is served.
func (b *build) prerender(ctx context.Context, names []string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, name := range names {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if _, err := b.page(name); err != nil && !errors.Is(err, errNoPage) {
				return err
			}
			return nil
		})
	}
	return g.Wait()
}

// samplePages are a page of every kind: each that is not an entry's
// (home, indexes, facets, feeds) and the first entry page of every type.
// Rendering them after the theme or the schema changed finds template
// errors while the last good site still stands.
func (b *build) samplePages() []string {
	var out []string
	for _, p := range b.order {
		if !b.snap.EntryPage(p) {
			out = append(out, p)
		}
	}
	return append(out, b.snap.FirstEntryPages()...)
}

// searchFile is a file of a language's search index (name within the
// language's folder).
func (b *build) searchFile(l site.LanguageSite, name string) ([]byte, error) {
	idx := b.searchIndexOf(l.Prefix)
	idx.once.Do(func() {
		docs, err := l.Site.SearchDocuments()
		if err != nil {
			idx.err = err
			return
		}
		built, err := search.Build(docs, search.Options{})
		if err != nil {
			idx.err = fmt.Errorf("search index: %w", err)
			return
		}
		idx.files = make(map[string][]byte, len(built.Files))
		for _, f := range built.Files {
			idx.files[f.Path] = f.Data
		}
	})
	if idx.err != nil {
		return nil, idx.err
	}
	data, ok := idx.files[name]
	if !ok {
		return nil, errNoPage
	}
	return data, nil
}

// searchIndexOf returns the search index of the language in the folder
// prefix, to be built, in place of another language's.
func (b *build) searchIndexOf(prefix string) *searchIndex {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.search == nil || b.search.prefix != prefix {
		b.search = &searchIndex{prefix: prefix}
	}
	return b.search
}
