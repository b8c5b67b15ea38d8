package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/gitinfo"
	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/markdown"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/translate"
	"github.com/agora-community/agora/generator/validate"
)

// Session keeps a project loaded between edits, for the preview server.
// An update reads again only the files that changed, and those whose
// links the change can alter; checks and links them against the entries
// kept; and hands out a Snapshot whose pages render when asked for. A
// change to site.toml, the schema or the theme loads everything again.
//
// A Session is used from one goroutine; the snapshots it hands out may be
// rendered from any number.
type Session struct {
	opts Options
	host string // where the pages are served: "127.0.0.1:8080"
	root *os.Root

	// loaded is false until a whole load succeeded far enough to check
	// content; until then every update loads everything.
	loaded   bool
	cfg      *config.Site
	schema   *schema.Schema
	ownTheme bool
	themes   map[string]*render.Theme // by language, loaded at the first snapshot after a whole load
	markdown func(src, text []byte, files markdown.Files) ([]byte, []byte, error)
	// setupDiags are the problems found only by a whole load: site.toml,
	// the schema, folders and stray files, duplicate slugs.
	setupDiags diag.List
	files      map[string]*load.Loaded // by path; their Diags include the checks of validate.Entry
	content    *load.Content
	linked     *link.Linked
	gitChanges map[string]gitinfo.Change
	modTimes   map[string]time.Time
	// stamps holds each entry's file stamp (*load.Entry -> load.Stamp),
	// for snapshots to tell whether a body read again is the one loaded.
	// An entry's stamp never changes, and one gone reads as changed, so
	// snapshots share the map while the session adds and removes.
	stamps *sync.Map
	// translationChanges are Git's last changes of content/, read once
	// per whole load to tell stale translations (as gitChanges, when
	// the pages show history).
	translationChanges map[string]translate.Change
	translations       *translate.Set // as the last diags checked them

	// proc makes the copies of the images entries show, through the
	// cache the builds use; images holds them by source path. An update
	// processes the images of the entries it read again (a whole load,
	// all), each a cache hit unless it changed.
	proc        *media.Processor
	images      map[string]*media.Processed
	imagesFor   map[string][]string // an entry file's images' paths
	imagesNote  string
	imagesStale bool // images must be made again for every entry

	// What changed since the last snapshot, which the next one reports:
	// an update that fails leaves it for the one that succeeds.
	staleAll bool
	stale    map[string]bool // "type/slug" of entries whose pages may differ
	edited   map[string]bool // entry files read again
}

// Report says what an update found.
type Report struct {
	// Errors stop the update: the last snapshot stays the one to serve.
	// Placed and sorted, as agora check prints them.
	Errors diag.List
	// Warnings are those about the files that changed, or every one
	// after a whole load; not yet placed (Session.Place), as only the
	// first few of each kind are printed (diag.Printer.PrintSummary).
	Warnings     diag.List
	WarningCount int // of the whole project
	// BrokenPages are, when there are errors, the pages of the entries
	// whose files changed since the last snapshot. That snapshot reads
	// entry bodies from their files as it renders, so it cannot render
	// these pages again until the errors are fixed.
	BrokenPages []string
	Whole       bool // everything was loaded again
	// Notes are messages to print once, such as Git's warnings.
	Notes []string
}

// NewSession prepares a session on opts.Source; the first Update loads
// it. host is where the pages will be served, for their absolute URLs.
func NewSession(opts Options, host string) (*Session, error) {
	root, err := os.OpenRoot(opts.Source)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoSource, err)
	}
	return &Session{opts: opts, host: host, root: root}, nil
}

// Close releases the source folder.
func (s *Session) Close() error { return s.root.Close() }

// ReadFile reads a file of the source, for printing diagnostics.
func (s *Session) ReadFile(name string) ([]byte, error) { return s.root.ReadFile(name) }

// Place finds the positions of the diagnostics of l still pending, such
// as the warnings of a Report that are to be printed.
func (s *Session) Place(l diag.List) { load.Locate(s.root, l) }

// Update brings the session up to date with the files changed (paths
// relative to the source, slash-separated; nil on the first call) and
// returns the new snapshot, or nil when the sources have errors. An
// error means the site cannot be rendered at all (a broken theme).
func (s *Session) Update(ctx context.Context, changed []string) (*Snapshot, Report, error) {
	var rep Report
	paths, whole := s.classify(changed)
	if !whole {
		whole = s.updateFiles(paths)
	}
	if whole {
		rep.Whole = true
		notes, err := s.loadAll(ctx)
		rep.Notes = notes
		if err != nil {
			return nil, rep, err
		}
	}
	diags := s.diags()
	for _, d := range diags {
		if d.Severity == diag.Warning {
			rep.WarningCount++
			if whole || s.edited[d.File] {
				rep.Warnings = append(rep.Warnings, d)
			}
		}
	}
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity == diag.Error {
				rep.Errors = append(rep.Errors, d)
			}
		}
		load.Locate(s.root, rep.Errors)
		rep.Errors.Sort()
		rep.BrokenPages = s.editedPages()
		return nil, rep, nil
	}
	if problems := s.updateImages(ctx, whole); len(problems) > 0 {
		rep.Errors = problems
		rep.BrokenPages = s.editedPages()
		return nil, rep, ctx.Err()
	}
	if s.imagesNote != "" {
		rep.Notes = append(rep.Notes, s.imagesNote)
		s.imagesNote = ""
	}
	snap, err := s.snapshot()
	return snap, rep, err
}

// loadAll loads, checks and links the whole project.
func (s *Session) loadAll(ctx context.Context) ([]string, error) {
	*s = Session{opts: s.opts, host: s.host, root: s.root, staleAll: true, stale: map[string]bool{}, edited: map[string]bool{},
		stamps: &sync.Map{}, proc: s.proc, imagesStale: true}
	cfg, diags := config.Load(s.root)
	s.cfg = cfg
	s.setupDiags = diags
	sch, diags := loadSchema(s.root)
	s.setupDiags = append(s.setupDiags, diags...)
	if diags.HasErrors() || cfg == nil {
		return nil, nil // content cannot be checked against a broken schema
	}
	s.schema = sch
	s.files = map[string]*load.Loaded{}
	if _, err := s.root.Stat("content"); errors.Is(err, fs.ErrNotExist) {
		s.setupDiags = append(s.setupDiags, diag.Diagnostic{File: "content/", Code: "missing-content",
			Message: "there is no content/ folder", Hint: "create content/ with a folder per type, e.g. content/members/"})
	} else {
		files, walkDiags, err := load.LoadEach(ctx, s.root, sch, s.loadOptions())
		s.setupDiags = append(s.setupDiags, walkDiags...)
		if err != nil {
			return nil, err
		}
		s.files = files
	}
	for _, l := range s.files {
		if l.Entry != nil {
			s.stamps.Store(l.Entry, l.Stamp)
		}
	}
	content, dups := load.Assemble(s.root, s.files)
	s.setupDiags = append(s.setupDiags, dups...)
	if err := s.checkEach(ctx, content.Entries); err != nil {
		return nil, err
	}
	s.content = content
	s.linked = link.Link(content, sch, link.Options{Drafts: s.opts.Drafts})
	notes := s.readHistory(ctx)
	s.readTranslationChanges(ctx)
	s.markdown = markdownRenderer(cfg.UnsafeHTML)
	s.ownTheme = schema.Sub(s.root.FS(), "themes/"+cfg.Theme) != nil
	s.loaded = true
	return notes, nil
}

func (s *Session) loadOptions() load.Options {
	return load.Options{MaxFileSize: s.cfg.MaxFileSize, Images: s.cfg.Images}
}

// updateImages makes the copies of the images of the entries read again
// since the last snapshot (after a whole load, of every entry), and
// returns the problems of those that failed, placed at their references.
// The map of copies is made anew, since snapshots still serving read the
// old one.
func (s *Session) updateImages(ctx context.Context, whole bool) diag.List {
	if s.proc != nil && (!slices.Equal(s.proc.Settings.Widths, s.cfg.Images.Widths) || s.proc.Settings.Quality != s.cfg.Images.Quality) {
		s.proc, s.imagesStale = nil, true
	}
	entries := s.content.Entries
	images, imagesFor := map[string]*media.Processed{}, map[string][]string{}
	if !s.imagesStale {
		images, imagesFor = maps.Clone(s.images), maps.Clone(s.imagesFor)
		entries = nil
		for f := range s.edited {
			for _, p := range imagesFor[f] {
				delete(images, p)
			}
			delete(imagesFor, f)
			if l := s.files[f]; l != nil && l.Entry != nil {
				entries = append(entries, l.Entry)
			}
		}
	}
	jobs := findImages(s.opts.Source, entries, s.opts.Drafts)
	if s.proc == nil || s.proc.Cache == nil && len(jobs.jobs) > 0 {
		s.proc, s.imagesNote = newProcessor(s.opts.Source, s.opts.CacheDir, s.cfg.Images, len(jobs.jobs) > 0)
	}
	run, diags := processImages(ctx, s.proc, jobs)
	if len(diags) > 0 {
		load.Locate(s.root, diags)
		diags.Sort()
		return diags
	}
	fileOf := map[string]string{} // an entry folder's entry file
	for _, e := range entries {
		if e.Folder != "" {
			fileOf[e.Folder] = e.File
		}
	}
	for p, img := range run.images {
		images[p] = img
		f := fileOf[p[:strings.LastIndexByte(p, '/')]]
		imagesFor[f] = append(imagesFor[f], p)
	}
	s.images, s.imagesFor, s.imagesStale = images, imagesFor, false
	return nil
}

func (s *Session) validateOptions() validate.Options {
	return validate.Options{Today: s.opts.Today}
}

// checkEach runs validate.Entry on every entry, on every core, adding its
// problems to those of the entry's file.
func (s *Session) checkEach(ctx context.Context, entries []*load.Entry) error {
	found := make([]diag.List, len(entries))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, e := range entries {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			found[i] = validate.Entry(e, s.validateOptions())
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i, e := range entries {
		l := s.files[e.File]
		l.Diags = append(l.Diags, found[i]...)
	}
	return nil
}

// readHistory reads what the pages' "last changed" lines are made of, as
// Project.loadHistory does.
func (s *Session) readHistory(ctx context.Context) []string {
	if !s.opts.History {
		return nil
	}
	gi := gitinfo.Read(ctx, s.opts.Source, "content")
	s.gitChanges = gi.Changes
	s.modTimes = make(map[string]time.Time, len(s.content.Entries))
	for _, e := range s.content.Entries {
		if _, ok := s.gitChanges[e.File]; ok {
			continue
		}
		if info, err := s.root.Stat(e.File); err == nil {
			s.modTimes[e.File] = info.ModTime()
		}
	}
	return gi.Warnings
}

// diags gathers every problem of the project as it now is.
func (s *Session) diags() diag.List {
	out := append(diag.List(nil), s.setupDiags...)
	if !s.loaded {
		return out
	}
	for _, l := range s.files {
		out = append(out, l.Diags...)
	}
	out = append(out, validate.Across(s.content.Entries, s.schema)...)
	out = append(out, s.linked.Diags()...)
	return append(out, s.translationDiags()...)
}

// readTranslationChanges reads, for a project with translations, when
// Git last changed each file, as Project.fileChanges does.
func (s *Session) readTranslationChanges(ctx context.Context) {
	if len(s.content.Translations) == 0 {
		return
	}
	changes := s.gitChanges
	if changes == nil {
		changes = gitinfo.Read(ctx, s.opts.Source, "content").Changes
	}
	s.translationChanges = make(map[string]translate.Change, len(changes))
	for file, c := range changes {
		s.translationChanges[file] = translate.Change{Date: c.Date, Author: c.Author}
	}
}

// translationDiags checks the translations against their originals as
// they now are, as Open does.
func (s *Session) translationDiags() diag.List {
	if len(s.content.Translations) == 0 {
		return nil
	}
	set, diags := translate.Check(s.content, s.schema, s.cfg.Languages)
	s.translations = set
	return append(diags, set.Stale(translate.LastChange(s.translationChanges))...)
}

// snapshot hands out the project as it now is, and what changed since
// the last snapshot.
func (s *Session) snapshot() (*Snapshot, error) {
	base, err := url.Parse("http://" + s.host + s.cfg.BasePath())
	if err != nil {
		return nil, fmt.Errorf("serving on %s: %v", s.host, err)
	}
	in := render.Input{Config: s.cfg, Schema: s.schema, Content: s.content, Graph: s.linked.Graph,
		Changes: s.gitChanges, ModTimes: s.modTimes, Translations: s.translations,
		Images: s.images}
	langs := translate.Languages(s.cfg.Languages)
	if len(langs) < 2 {
		langs = []translate.Language{{Code: s.cfg.Language}}
	}
	if s.themes == nil {
		s.themes = map[string]*render.Theme{}
	}
	var sites []LanguageSite
	for _, l := range langs {
		theme := s.themes[l.Code]
		if theme == nil {
			if theme, err = s.loadTheme(l.Code); err != nil {
				return nil, err
			}
			s.themes[l.Code] = theme
		}
		opts := render.Options{BaseURL: base, Drafts: s.opts.Drafts, Today: s.opts.Today, Markdown: s.markdown, Lang: l.Code}
		if len(langs) > 1 {
			opts.Languages = langs
		}
		sites = append(sites, LanguageSite{Prefix: l.Prefix, Site: render.New(in, theme, opts)})
	}
	site := sites[0].Site
	snap := &Snapshot{Site: site, Languages: sites, graph: s.linked.Graph, schema: s.schema, drafts: s.opts.Drafts,
		root: s.root, stamps: s.stamps, all: s.staleAll || s.ownTheme, stale: s.stale}
	for f := range s.edited {
		if l := s.files[f]; l != nil && l.Entry != nil {
			snap.edited = append(snap.edited, l.Entry)
		}
	}
	s.staleAll, s.stale, s.edited = false, map[string]bool{}, map[string]bool{}
	return snap, nil
}

// editedPages are the pages of the entry files read again since the last
// snapshot, whether or not they still hold an entry.
func (s *Session) editedPages() []string {
	var out []string
	for f := range s.edited {
		if p, ok := pageOfFile(s.schema, f); ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// loadTheme reads the theme site.toml names, with its strings in one
// of the site's languages, as Project.Renderer does.
func (s *Session) loadTheme(lang string) (*render.Theme, error) {
	name := s.cfg.Theme
	own := schema.Sub(s.root.FS(), "themes/"+name)
	if own == nil && name != "default" {
		return nil, fmt.Errorf("site.toml: theme %q: there is no folder themes/%s/", name, name)
	}
	theme, err := render.LoadTheme(agora.DefaultTheme, own, lang)
	if err != nil {
		return nil, err
	}
	addHighlightCSS(theme)
	addLanguagesCSS(theme, len(s.cfg.Languages))
	return theme, nil
}
