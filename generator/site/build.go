package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/linkcheck"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/translate"
	"github.com/agora-community/agora/generator/write"
)

// BuildOptions say where and how to write the site.
type BuildOptions struct {
	Out     string
	BaseURL string // overrides site.toml's base_url when set
	// CheckLinks fails the build, before the output is replaced, when an
	// internal link or anchor leads nowhere.
	CheckLinks bool
	// wrapWrite, set by tests, wraps the function that writes each file
	// (to simulate a full disk).
	wrapWrite func(func(name string, data []byte) error) func(name string, data []byte) error
}

// BrokenLinksError lists the internal links that lead nowhere.
type BrokenLinksError struct{ Links []linkcheck.Broken }

func (e *BrokenLinksError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d broken internal links; the previous output is unchanged:", len(e.Links))
	for _, l := range e.Links {
		b.WriteString("\n  " + l.String())
	}
	return b.String()
}

// errContentErrors refuses to render content that has errors.
var errContentErrors = errors.New("the content has errors; run agora check")

// BuildResult counts what a build wrote.
type BuildResult struct {
	Files int
	Bytes int64
	// Unchanged counts the files that were the same in the previous output
	// and were kept (linked) rather than written again.
	Unchanged int
	// Warnings are problems that did not stop the build, each to print
	// once: a shallow Git clone, a repository Git cannot read.
	Warnings []string
}

// Build renders every page of a checked project into opts.Out. The output
// is replaced only when every file was written.
func (p *Project) Build(ctx context.Context, opts BuildOptions) (BuildResult, error) {
	start := StartStage()
	h := p.loadHistory()
	p.Timings.since("history", start)
	if p.Diags.HasErrors() {
		return BuildResult{}, errContentErrors
	}
	// The output is checked before any image is made: a build refused
	// its --out neither works nor fills the cache.
	dir, err := write.Begin(opts.Out, p.Source)
	if err != nil {
		return BuildResult{}, err
	}
	if err := p.processImages(ctx); err != nil {
		dir.Abort()
		return BuildResult{}, err
	}
	if opts.wrapWrite != nil {
		dir.WriteFile = opts.wrapWrite(dir.WriteFile)
	}
	var res BuildResult
	basePath := ""
	err = p.eachLanguage(opts.BaseURL, func(site *render.Site, prefix string) error {
		more, err := renderPagesThenSearch(ctx, site, prefixed(prefix, dir.Put), &p.Timings)
		res.Files += more.Files
		res.Bytes += more.Bytes
		if err != nil || prefix != "" {
			return err
		}
		// The files of entry folders are the same in every language:
		// written once, beside the default language's pages.
		basePath = site.BasePath()
		start := StartStage()
		files, err := writeFiles(ctx, dir, site.Files())
		res.Files, res.Bytes = res.Files+files.Files, res.Bytes+files.Bytes
		p.Timings.since("write entry folders' files", start)
		return err
	}, &res.Warnings)
	res.Warnings = append(h.warnings, res.Warnings...)
	if p.imagesWarning != "" {
		res.Warnings = append(res.Warnings, p.imagesWarning)
	}
	if err == nil && opts.CheckLinks {
		start := StartStage()
		defer p.Timings.since("check links", start)
		var broken []linkcheck.Broken
		broken, err = linkcheck.Check(os.DirFS(dir.Staging()), basePath)
		if err == nil && len(broken) > 0 {
			err = &BrokenLinksError{broken}
		}
	}
	if err != nil {
		dir.Abort()
		return res, err
	}
	res.Unchanged = dir.Linked
	start = StartStage()
	defer p.Timings.since("replace output", start)
	if err := dir.Commit(); err != nil {
		return res, err
	}
	p.images.prune(p.proc)
	return res, nil
}

// processImages makes the copies of the images the published entries
// show, once per project, before anything is written: an image that
// fails fails the build, at the entry's reference to it.
func (p *Project) processImages(ctx context.Context) error {
	if p.images != nil {
		return nil
	}
	start := StartStage()
	defer p.Timings.since("images", start)
	jobs := findImages(p.Source, p.Content.Entries, p.opts.Drafts)
	proc, warning := newProcessor(p.Source, p.opts.CacheDir, p.Site.Images, len(jobs.jobs) > 0)
	run, diags := processImages(ctx, proc, jobs)
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(diags) > 0 {
		load.Locate(p.Root, diags)
		diags.Sort()
		return &MediaError{diags}
	}
	p.images, p.proc, p.imagesWarning = run, proc, warning
	return nil
}

// eachLanguage prepares the render stage of each of the site's
// languages in turn, the default first, and hands it to fn with the
// folder its files go under ("" or "km/"). Each language's Site is
// dropped before the next is made: a build holds one language's views
// at a time, however many languages the site has. Problems that do not
// stop the build (a language the theme has no strings for) are added to
// warnings.
func (p *Project) eachLanguage(baseURL string, fn func(site *render.Site, prefix string) error, warnings *[]string) error {
	langs := translate.Languages(p.Site.Languages)
	if len(langs) == 0 {
		langs = []translate.Language{{Code: p.Site.Language}}
	}
	if len(langs) > 1 {
		p.bodies = render.NewSharedBodies(sharedBodiesLimit)
		defer func() { p.sharedBodies, p.bodies = p.bodies.Found(), nil }()
	}
	for _, l := range langs {
		start := StartStage()
		site, err := p.renderer(baseURL, l.Code)
		if err != nil {
			return err
		}
		p.Timings.since("prepare views", start)
		if w := site.StringsWarning(); w != "" && warnings != nil {
			*warnings = append(*warnings, w)
		}
		if err := fn(site, l.Prefix); err != nil {
			return err
		}
	}
	return nil
}

// sharedBodiesLimit bounds the bodies a build in several languages
// keeps from its default language for the others: the bodies of the
// 10,000-entry benchmark corpus are 53 MB of HTML and text; a larger
// site renders the rest again rather than hold them all.
var sharedBodiesLimit = 64 << 20

// prefixed puts files under a language's folder.
func prefixed(prefix string, put func(string, []byte) error) func(string, []byte) error {
	if prefix == "" {
		return put
	}
	return func(name string, data []byte) error { return put(prefix+name, data) }
}

// Renderer prepares the render stage of the site's default language:
// theme, strings and published entries.
func (p *Project) Renderer(baseURL string) (*render.Site, error) {
	if p.Site == nil {
		return nil, fmt.Errorf("the content has errors; run agora check")
	}
	return p.renderer(baseURL, p.Site.Language)
}

// RendererFor prepares the render stage of one of the site's languages.
func (p *Project) RendererFor(baseURL, lang string) (*render.Site, error) {
	return p.renderer(baseURL, lang)
}

func (p *Project) renderer(baseURL, lang string) (*render.Site, error) {
	if p.Diags.HasErrors() {
		return nil, errContentErrors
	}
	themeName := p.Site.Theme
	own := schema.Sub(p.Root.FS(), "themes/"+themeName)
	if own == nil && themeName != "default" {
		return nil, fmt.Errorf("site.toml: theme %q: there is no folder themes/%s/", themeName, themeName)
	}
	theme, err := render.LoadTheme(agora.DefaultTheme, own, lang)
	if err != nil {
		return nil, err
	}
	addHighlightCSS(theme)
	addLanguagesCSS(theme, len(p.Site.Languages))
	opts := render.Options{Drafts: p.opts.Drafts, Today: p.opts.Today, Markdown: markdownRenderer(p.Site.UnsafeHTML),
		IndexWhileRendering: true, Lang: lang}
	if len(p.Site.Languages) > 1 {
		opts.Languages = translate.Languages(p.Site.Languages)
	}
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("--base-url %q: expected an absolute http(s) URL such as https://example.org/network/", baseURL)
		}
		opts.BaseURL = u
	}
	if err := p.processImages(context.Background()); err != nil {
		return nil, err
	}
	in := render.Input{Config: p.Site, Schema: p.Schema, Content: p.Content, Graph: p.Graph, Translations: p.Translations,
		Images: p.images.images, Bodies: p.bodies}
	if p.history != nil {
		in.Changes, in.ModTimes = p.history.changes, p.history.modTimes
	}
	return render.New(in, theme, opts), nil
}

// addLanguagesCSS adds the styles of the language switcher and of the
// notice of a missing translation to style.css for a site in several
// languages; a site in one has neither, and keeps its stylesheet's bytes.
func addLanguagesCSS(theme *render.Theme, languages int) {
	css := theme.TakeStatic("languages.css")
	if languages > 1 && len(css) > 0 {
		theme.AppendStatic("style.css", css)
	}
}

// BuildMemory renders every file of every language into memory, for the
// preview server's tests and the benchmarks.
func (p *Project) BuildMemory(ctx context.Context, baseURL string) (map[string][]byte, error) {
	p.loadHistory()
	if p.Diags.HasErrors() {
		return nil, fmt.Errorf("the content has errors; run agora check")
	}
	var mu sync.Mutex
	files := map[string][]byte{}
	err := p.eachLanguage(baseURL, func(site *render.Site, prefix string) error {
		put := func(path string, data []byte) error {
			b := bytes.Clone(data)
			mu.Lock()
			files[prefix+path] = b
			mu.Unlock()
			return nil
		}
		if _, err := renderPagesThenSearch(ctx, site, put, &p.Timings); err != nil || prefix != "" {
			return err
		}
		_, _, err := renderAll(ctx, site.FileJobs(), put)
		return err
	}, nil)
	return files, err
}

// renderPagesThenSearch renders every page, then finishes the search
// index (generator/search), to which each entry page added its entry as
// it rendered the body: each body is rendered once and no body's text
// outlives its page.
func renderPagesThenSearch(ctx context.Context, site *render.Site, put func(string, []byte) error, t *Timings) (BuildResult, error) {
	start := StartStage()
	res, writing, err := renderAll(ctx, site.Jobs(), put)
	t.since("render pages", start)
	t.add("  writing, all writers", writing)
	if err != nil {
		return res, err
	}
	start = StartStage()
	idx, err := site.SearchIndex()
	if err != nil {
		return res, err
	}
	t.since("search index", start)
	start = StartStage()
	jobs := make([]render.Job, 0, len(idx.Files))
	for _, f := range idx.Files {
		jobs = append(jobs, render.Job{Path: f.Path, Render: func(w io.Writer) error { _, err := w.Write(f.Data); return err }})
	}
	// Through renderAll, not put one by one from here: that measured
	// 44 against 64 ms (medians of 8 alternating 10k builds, 2026-12-05).
	more, _, err := renderAll(ctx, jobs, put)
	t.since("write search files", start)
	res.Files += more.Files
	res.Bytes += more.Bytes
	return res, err
}
