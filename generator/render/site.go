// Package render turns the linked content into pages: the theme's
// html/template files, fed with views that expose only published fields.
// The default theme's page templates also run compiled to Go
// (templates_gen.go, see compiled.go), byte for byte as html/template
// runs them.
package render

import (
	"bytes"
	"cmp"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/gitinfo"
	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/markdown"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/search"
	"github.com/agora-community/agora/generator/translate"
)

// Input is what the earlier stages produced.
type Input struct {
	Config  *config.Site
	Schema  *schema.Schema
	Content *load.Content
	Graph   *link.Graph
	// Changes is the last Git change of each entry's file, keyed by the
	// entry's File path; nil when the source is not a Git work tree.
	Changes map[string]gitinfo.Change
	// ModTimes is each entry file's modification time, the last fallback
	// for "last changed"; nil leaves it out (for reproducible output).
	ModTimes map[string]time.Time
	// Images are the copies of the images of entry folders that the
	// published entries show, by the source's path
	// ("content/minutes/x/photo.jpg"), made by media.Processor before
	// rendering; an image without them is not published.
	Images map[string]*media.Processed

	// Translations are the checked translations of entries (nil when
	// there are none).
	Translations *translate.Set
	// Bodies, when not nil, carries bodies from the default language's
	// Site to the other languages' Sites of the same build.
	Bodies *SharedBodies
}

// Options tune rendering.
type Options struct {
	BaseURL *url.URL // overrides site.toml's base_url when set
	Drafts  bool
	Today   time.Time
	// Markdown renders an entry body to safe HTML and appends its plain
	// text to text, returning it (grown if need be). The HTML is handed
	// over: pages keep it as a string without copying it, so the function
	// must never write to it again. src and text are lent: render reuses
	// them once it has read them, so the function may keep neither. files
	// resolves the body's references to files of the entry's folder; nil
	// for an entry that publishes none.
	Markdown func(src, text []byte, files markdown.Files) (html, textOut []byte, err error)
	// IndexWhileRendering adds each entry to the search index as its page
	// renders, for a build that renders every page once and then calls
	// SearchIndex once.
	IndexWhileRendering bool
	// Languages are the languages the site is published in, its default
	// first (translate.Languages of site.toml's); none or one for a site
	// in one language. Lang is the one this Site renders, the theme's;
	// its pages go under its Prefix, which the caller adds to each Job's
	// path. A Site of another language than the default renders neither
	// the assets nor the sitemap, which the default one writes for all.
	Languages []translate.Language
	Lang      string
}

// Site renders every page of one build. It is safe for concurrent use.
type Site struct {
	in          Input
	opts        Options
	theme       *Theme
	graph       *link.Graph
	base        *url.URL
	baseURL     string                       // base.String(), asked for on every page
	lang        translate.Language           // the language of the pages (see Options.Languages)
	rootURL     *url.URL                     // the default language's base: base without lang's prefix
	byType      map[string][]*load.Entry     // published entries, in each type's sort order
	assets      map[string]string            // asset name -> hashed path
	offerCache  sync.Map                     // topic entry -> []offerer, for member pages
	viewOf      map[*load.Entry]*Entry       // every entry's one view
	viewBySlug  map[string]map[string]*Entry // published views by type name and slug; see lookup
	frames      frameCache                   // header and footer per depth and section
	navOnce     sync.Once
	navItems    []NavItem
	actionsOnce sync.Once
	actions     []Action // see Page.Actions
	ownersOnce  sync.Once
	owners      *actionPages // see ownerActions
	facetsOnce  sync.Once
	facetList   []*Facet // see facets
	facetByPath map[string]*Facet
	specsOnce   sync.Once
	specs       []listSpec // see listSpecs
	demandsOnce sync.Once
	demandList  []Demand // see demands
	filtersOnce sync.Once
	filterList  []Filter // see DirectoryFilters
	rowsOnce    sync.Once
	rows        map[*Entry][]byte // see directoryRow
	topicSlugs  []byte            // see directoryTopics
	typeLabels  map[*schema.Type]string
	streamed    *streamedIndex // with Options.IndexWhileRendering
	docsMu      sync.Mutex
	docs        map[*load.Entry]search.Document // made while rendering entry pages
	// fragmentSizes sizes the lists written in Go (fragments.go).
	fragmentSizes struct{ links, chips, cards sizeGuess }
	pageSizes     map[string]*sizeGuess // by page template, see renderCompiled
	impactData    impactData            // see impact.go
}

// New prepares a build: published entries per type, sorted.
func New(in Input, theme *Theme, opts Options) *Site {
	s := &Site{in: in, opts: opts, theme: theme, graph: in.Graph, byType: map[string][]*load.Entry{},
		docs: map[*load.Entry]search.Document{}, pageSizes: pageSizes()}
	s.base = in.Config.BaseURL
	if opts.BaseURL != nil {
		s.base = opts.BaseURL
	}
	if !strings.HasSuffix(s.base.Path, "/") {
		b := *s.base
		b.Path += "/"
		s.base = &b
	}
	s.setLanguage()
	for _, e := range in.Content.Entries {
		if s.published(e) {
			s.byType[e.Type.Name] = append(s.byType[e.Type.Name], e)
		}
	}
	s.typeLabels = make(map[*schema.Type]string, len(in.Schema.Types))
	for _, t := range in.Schema.Types {
		sortEntries(s.byType[t.Name], t)
		s.typeLabels[t] = s.makeTypeLabel(t)
	}
	s.baseURL = s.base.String()
	s.assets = s.fromLanguageFolder(theme.assetPaths())
	s.prepareViews()
	if opts.IndexWhileRendering {
		s.startStreamedIndex()
	}
	return s
}

// BasePath is the path the site is served under: "/network/".
func (s *Site) BasePath() string { return s.base.Path }

// published reports whether e's pages are built. It is asked for every
// link; an entry noted its draft flag when its fields were set.
func (s *Site) published(e *load.Entry) bool {
	return s.opts.Drafts || !e.Draft()
}

// sortEntries orders a type's entries by its sort field, then by slug;
// text by its lower case, made once per entry, not per comparison (at
// 100,000 entries the comparisons lower-cased some 3 million strings).
func sortEntries(entries []*load.Entry, t *schema.Type) {
	field, desc := strings.CutPrefix(t.Sort, "-")
	if field == "" {
		field = t.TitleField
	}
	type keyed struct {
		e   *load.Entry
		key any
	}
	byKey := make([]keyed, len(entries))
	for i, e := range entries {
		byKey[i] = keyed{e, sortKey(e.Fields[field])}
	}
	slices.SortStableFunc(byKey, func(a, b keyed) int {
		c := compareKeys(a.key, b.key)
		if desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.e.Slug, b.e.Slug))
	})
	for i, k := range byKey {
		entries[i] = k.e
	}
}

// sortKey is what a field's value sorts by: text in lower case, other
// values as they are.
func sortKey(v any) any {
	if s, ok := v.(string); ok {
		return strings.ToLower(s)
	}
	return v
}

// compareKeys compares two sort keys (sortKey): text, dates and numbers
// by their kind, a key of another kind as that kind's zero; entries
// without the value come last.
func compareKeys(a, b any) int {
	switch x := a.(type) {
	case string:
		y, _ := b.(string)
		return cmp.Compare(x, y)
	case time.Time:
		y, _ := b.(time.Time)
		return x.Compare(y)
	case int64:
		y, _ := b.(int64)
		return cmp.Compare(x, y)
	case float64:
		y, _ := b.(float64)
		return cmp.Compare(x, y)
	}
	if b != nil {
		return 1 // entries without the value come last
	}
	return 0
}

// lookup finds a published entry by type and slug or alias.
func (s *Site) lookup(typeName, value string) *Entry {
	// Linking wrote every reference as its target's slug: one lookup finds
	// the view, where the graph's map and then viewOf took two, each a
	// cache miss at 100,000 entries. An alias or a draft takes the long way.
	if v := s.viewBySlug[typeName][value]; v != nil {
		return v
	}
	e := s.graph.Lookup(typeName, value)
	if e == nil || !s.published(e) {
		return nil
	}
	return s.view(e)
}

func (s *Site) views(entries []*load.Entry) []*Entry {
	out := make([]*Entry, 0, len(entries))
	for _, e := range entries {
		if s.published(e) {
			out = append(out, s.view(e))
		}
	}
	return out
}

// Entries returns the published entries of a type in its sort order.
func (s *Site) Entries(typeName string) []*Entry { return s.views(s.byType[typeName]) }

// body renders an entry's Markdown (its translation's, when that has
// one), read into a buffer that the next body reuses (see
// Options.Markdown). The caller gives the text back once it has read it.
func (s *Site) body(v *Entry) ([]byte, bodyText, error) {
	buf := sourceBufs.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= maxPooledSource {
			sourceBufs.Put(buf)
		}
	}()
	var src []byte
	var err error
	if v.translation != nil {
		src, err = s.in.Content.BodyInto(v.translation, buf)
		if err == nil && len(bytes.TrimSpace(src)) == 0 {
			src = nil // not translated yet: the original's
		}
	}
	shared := s.shares(v)
	if shared && s.lang.Prefix != "" {
		if b, ok := s.in.Bodies.find(v.e); ok {
			text := bodyText{textBufs.Get().(*[]byte)}
			lentTexts.Add(1)
			*text.buf = append((*text.buf)[:0], b.text...)
			return b.html, text, nil
		}
	}
	if src == nil && err == nil {
		src, err = s.in.Content.BodyInto(v.e, buf)
	}
	if err != nil || len(src) == 0 {
		return nil, bodyText{}, err
	}
	text := bodyText{textBufs.Get().(*[]byte)}
	lentTexts.Add(1)
	html, out, err := s.opts.Markdown(src, (*text.buf)[:0], s.bodyFiles(v))
	*text.buf = out
	if shared && s.lang.Prefix == "" && err == nil {
		s.in.Bodies.keep(v.e, html, out)
	}
	return html, text, err
}

// bodyText is an entry body's plain text, in a buffer of textBufs: render
// reads it only to make the entry's search document, which the index
// keeps nothing of, so one buffer serves body after body instead of a
// string for each (25 MB of a 10k build).
type bodyText struct{ buf *[]byte }

// String is the text, valid until it is given back: nothing may keep it.
func (t bodyText) String() string {
	if t.buf == nil {
		return ""
	}
	return unsafe.String(unsafe.SliceData(*t.buf), len(*t.buf))
}

// giveBack returns the buffer to the pool, after the text's last use.
func (t bodyText) giveBack() {
	if t.buf == nil {
		return
	}
	lentTexts.Add(-1)
	if cap(*t.buf) <= maxPooledText {
		*t.buf = (*t.buf)[:0]
		textBufs.Put(t.buf)
	}
}

// textBufs holds the buffers of bodies' plain text between bodies, up
// to maxPooledText bytes each.
var textBufs = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledText = 1 << 20

// lentTexts counts the body texts not given back, for the tests that
// check each is given back.
var lentTexts atomic.Int64

// sourceBufs holds the buffers entry files are read into to render their
// bodies, up to maxPooledSource bytes each: a large build reads every
// file again, and allocating each was a tenth of what rendering allocated.
var sourceBufs = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledSource = 1 << 20

// privatePath reports whether a field path ("informant", "terms.member")
// passes through a private field, or names none: the link such a field
// makes is as private as its value, so no backlink may show it.
func privatePath(t *schema.Type, path string) bool {
	f := privateAt(t, path)
	return f == nil || f.Private
}

// fieldLabel is the label of a (possibly nested) field: "actions.owner".
func fieldLabel(t *schema.Type, path string) string {
	parts := strings.Split(path, ".")
	f := t.Lookup(parts[0])
	for _, p := range parts[1:] {
		if f == nil {
			break
		}
		f = f.Lookup(p)
	}
	if f == nil {
		return path
	}
	return f.Label
}

// privateAt is the field at a path, or the private field the path passes
// through, or nil. It is asked for every backlink, so it cuts the path
// in place.
func privateAt(t *schema.Type, path string) *schema.Field {
	name, rest, nested := strings.Cut(path, ".")
	f := t.Lookup(name)
	for nested && f != nil && !f.Private {
		name, rest, nested = strings.Cut(rest, ".")
		f = f.Lookup(name)
	}
	return f
}
