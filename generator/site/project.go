// Package site runs the stages in order (load → validate → link, then
// render → search → write for a build) over one community repository.
package site

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/gitinfo"
	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/translate"
	"github.com/agora-community/agora/generator/validate"
)

// Options say what to load and how.
type Options struct {
	Source string // the repository's folder
	Drafts bool
	Today  time.Time // for overdue warnings; zero turns them off
	// History dates each entry page with its last change: the last Git
	// commit of its file when the source is a Git work tree, else its
	// updated field, else the file's time. Off, pages show only updated,
	// and the same content always builds the same output.
	History bool
	// PlaceWarningsLater leaves the positions of warnings for
	// Project.Place to find, for a caller that prints only some of them
	// (diag.Printer.PrintSummary): placing reads every file with a
	// warning again, seconds at 100,000 entries with 50,000 overdue
	// actions. Errors are always placed.
	PlaceWarningsLater bool
	// KeptBodies bounds the bytes of Markdown bodies kept in memory from
	// the load (load.Options.KeptBodies): 0 means the default, a negative
	// value none, and every body is read again when its page renders.
	KeptBodies int64
	// CacheDir keeps the copies of the images of entry folders between
	// builds: "" is .agora-cache/images under the source, NoCache none.
	CacheDir string
}

// Project is a loaded, checked and linked repository.
type Project struct {
	Source  string
	Root    *os.Root
	Site    *config.Site
	Schema  *schema.Schema
	Content *load.Content
	Graph   *link.Graph
	// Translations are the checked translations of entries (nil when
	// there are none).
	Translations *translate.Set
	// Diags holds every problem found, sorted, with positions (but for
	// the warnings of Options.PlaceWarningsLater).
	Diags diag.List
	opts  Options
	// history caches what Git said, read once per project by the first build.
	history *history
	// gitLog is what Git says, read while the content loads.
	gitLog <-chan gitinfo.History
	// images are the copies of the images the published entries show,
	// made once per project by the first build (see processImages);
	// proc made them.
	images *imageRun
	proc   *media.Processor
	// imagesWarning is a problem with the image cache, to print once.
	imagesWarning string
	// bodies carries bodies between the languages of one build (see
	// eachLanguage); sharedBodies is how many it carried in the last.
	bodies       *render.SharedBodies
	sharedBodies int
	// Timings says how long each stage took.
	Timings Timings
}

// ErrNoSource means the source folder itself cannot be used.
var ErrNoSource = errors.New("not an Agora source folder")

// Open loads, validates and links the repository at opts.Source. Content
// problems are in Project.Diags; an error means nothing could be read.
func Open(ctx context.Context, opts Options) (*Project, error) {
	root, err := os.OpenRoot(opts.Source)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoSource, err)
	}
	p := &Project{Source: opts.Source, Root: root, opts: opts}
	if opts.History {
		p.gitLog = readGitLog(ctx, opts.Source)
	}
	defer func() {
		start := StartStage()
		p.placeProblems()
		p.Diags.Sort()
		p.Timings.since("locate problems", start)
	}()
	var diags diag.List
	start := StartStage()
	p.Site, diags = config.Load(root)
	p.Diags = append(p.Diags, diags...)
	p.Schema, diags = loadSchema(root)
	p.Diags = append(p.Diags, diags...)
	p.Timings.since("config and schema", start)
	if diags.HasErrors() {
		return p, nil // content cannot be checked against a broken schema
	}
	// Each entry is checked as soon as it is read, while other files
	// are being read, rather than in a pass of its own after them all.
	vopts := validate.Options{Today: opts.Today}
	lopts := load.Options{KeptBodies: opts.KeptBodies, Check: func(e *load.Entry) diag.List { return validate.Entry(e, vopts) }}
	if p.Site != nil {
		lopts.MaxFileSize, lopts.Images = p.Site.MaxFileSize, p.Site.Images
	}
	if _, err := root.Stat("content"); errors.Is(err, fs.ErrNotExist) {
		p.Diags = append(p.Diags, diag.Diagnostic{File: "content/", Code: "missing-content",
			Message: "there is no content/ folder", Hint: "create content/ with a folder per type, e.g. content/members/"})
		p.Content = &load.Content{Root: root}
	} else {
		start = StartStage()
		p.Content, diags, err = load.Load(ctx, root, p.Schema, lopts)
		p.Timings.since("load and check", start)
		p.Diags = append(p.Diags, diags...)
		if err != nil {
			return nil, err
		}
	}
	start = StartStage()
	diags = validate.Across(p.Content.Entries, p.Schema)
	p.Timings.since("check across entries", start)
	p.Diags = append(p.Diags, diags...)
	start = StartStage()
	p.Graph, diags = link.Build(p.Content, p.Schema, link.Options{Drafts: opts.Drafts})
	p.Timings.since("link", start)
	p.Diags = append(p.Diags, diags...)
	if len(p.Content.Translations) > 0 {
		start = StartStage()
		p.Translations, diags = translate.Check(p.Content, p.Schema, p.languages())
		p.Diags = append(p.Diags, diags...)
		p.Diags = append(p.Diags, p.Translations.Stale(translate.LastChange(p.fileChanges(ctx)))...)
		p.Timings.since("check translations", start)
	}
	return p, nil
}

// fileChanges are Git's last change of every file under content/, by
// path: the history the pages show, or, for a check that reads none, Git
// asked now (translations need it to tell the stale ones).
func (p *Project) fileChanges(ctx context.Context) map[string]translate.Change {
	var changes map[string]gitinfo.Change
	if p.opts.History {
		changes = p.loadHistory().changes
	} else {
		changes = gitinfo.Read(ctx, p.Source, "content").Changes
	}
	out := make(map[string]translate.Change, len(changes))
	for file, c := range changes {
		out[file] = translate.Change{Date: c.Date, Author: c.Author}
	}
	return out
}

// languages are the site's languages, the default first.
func (p *Project) languages() []string {
	if p.Site == nil {
		return []string{"en"}
	}
	return p.Site.Languages
}

// placeProblems finds the positions of the problems Open found: of the
// errors only, with Options.PlaceWarningsLater.
func (p *Project) placeProblems() {
	if !p.opts.PlaceWarningsLater {
		load.Locate(p.Root, p.Diags)
		return
	}
	slices.SortStableFunc(p.Diags, func(a, b diag.Diagnostic) int { return cmp.Compare(a.Severity, b.Severity) })
	errs, _ := p.Diags.Count()
	load.Locate(p.Root, p.Diags[:errs])
}

// Place finds the positions of the diagnostics of l still pending, such
// as the warnings of Options.PlaceWarningsLater that are to be printed.
func (p *Project) Place(l diag.List) { load.Locate(p.Root, l) }

// Close releases the source folder.
func (p *Project) Close() error { return p.Root.Close() }

// LoadSchema reads the schema in force for the repository at source: the
// default types with the repository's own schema/ files over them. Only
// files inside source are read.
func LoadSchema(source string) (*schema.Schema, diag.List, error) {
	root, err := os.OpenRoot(source)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNoSource, err)
	}
	defer root.Close()
	sch, diags := loadSchema(root)
	return sch, diags, nil
}

func loadSchema(root *os.Root) (*schema.Schema, diag.List) {
	return schema.Load(agora.DefaultSchema, schema.Sub(root.FS(), "schema"))
}

// Published reports whether an entry is built: drafts are not, unless
// the project was opened with Drafts.
func (p *Project) Published(e *load.Entry) bool { return p.opts.Drafts || !e.Draft() }
