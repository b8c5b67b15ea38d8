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
// asked for and are kept; the next build keeps those the change did not
// reach (see site.Snapshot.Fresh), so an edit costs the pages it touches
// and only when they are viewed.
type build struct {
	snap     *site.Snapshot
	jobs     map[string]render.Job
	order    []string // the jobs' paths, in the order Jobs lists them
	basePath string

	mu    sync.Mutex
	pages map[string][]byte

	// The search index is made from every entry, so it is built whole,
	// once per build, when a search first asks for one of its files.
	searchOnce  sync.Once
	searchFiles map[string][]byte
	searchErr   error
}

// errNoPage means the site has no file at that path.
var errNoPage = errors.New("no such page")

// newBuild prepares a snapshot for serving, keeping the pages of prev
// that are still right.
func newBuild(snap *site.Snapshot, prev *build) *build {
	// The files of entry folders (images' copies, documents) are served
	// as pages are, read when first asked for.
	jobs := append(snap.Site.Jobs(), snap.Site.FileJobs()...)
	b := &build{snap: snap, jobs: make(map[string]render.Job, len(jobs)), order: make([]string, len(jobs)),
		basePath: snap.Site.BasePath(), pages: map[string][]byte{}}
	for i, j := range jobs {
		b.jobs[j.Path] = j
		b.order[i] = j.Path
	}
	if prev != nil {
		prev.mu.Lock()
		for p, data := range prev.pages {
			if _, ok := b.jobs[p]; ok && snap.Fresh(p) {
				b.pages[p] = data
			}
		}
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
	_, ok := b.pages[name]
	return ok
}

// page returns the file at name, rendering it the first time.
func (b *build) page(name string) ([]byte, error) {
	b.mu.Lock()
	data, ok := b.pages[name]
	b.mu.Unlock()
	if ok {
		return data, nil
	}
	job, ok := b.jobs[name]
	if !ok {
		if strings.HasPrefix(name, search.Dir) {
			return b.searchFile(name)
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
		b.pages[name] = data
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

func (b *build) searchFile(name string) ([]byte, error) {
	b.searchOnce.Do(func() {
		docs, err := b.snap.Site.SearchDocuments()
		if err != nil {
			b.searchErr = err
			return
		}
		idx, err := search.Build(docs, search.Options{})
		if err != nil {
			b.searchErr = fmt.Errorf("search index: %w", err)
			return
		}
		b.searchFiles = make(map[string][]byte, len(idx.Files))
		for _, f := range idx.Files {
			b.searchFiles[f.Path] = f.Data
		}
	})
	if b.searchErr != nil {
		return nil, b.searchErr
	}
	data, ok := b.searchFiles[name]
	if !ok {
		return nil, errNoPage
	}
	return data, nil
}
