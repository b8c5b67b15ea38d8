package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/agora-community/agora/generator/cores"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/render"
	"github.com/agora-community/agora/generator/validate"
	"github.com/agora-community/agora/generator/write"
)

// NoCache, as Options.CacheDir, keeps no processed image between builds.
const NoCache = "-"

// MediaError is the images a build could not publish, each placed at the
// entry's reference to it. The output is left as it was.
type MediaError struct{ Diags diag.List }

func (e *MediaError) Error() string {
	var b strings.Builder
	if len(e.Diags) == 1 {
		b.WriteString("an image could not be published; the previous output is unchanged:\n")
	} else {
		fmt.Fprintf(&b, "%d images could not be published; the previous output is unchanged:\n", len(e.Diags))
	}
	diag.Printer{Format: "text"}.Print(&b, e.Diags)
	return strings.TrimSuffix(b.String(), "\n")
}

// newProcessor is the image processor of a site: its settings, and its
// cache in dir ("" for the source's .agora-cache/images, NoCache for
// none). A cache that cannot be opened (a read-only checkout) is done
// without, with a warning. A site without images makes no cache folder.
func newProcessor(source, dir string, settings media.Settings, images bool) (*media.Processor, string) {
	p := &media.Processor{Settings: settings}
	if dir == NoCache {
		return p, ""
	}
	if dir == "" {
		dir = media.DefaultCacheDir(source)
	}
	if _, err := os.Stat(dir); err != nil && !images {
		return p, ""
	}
	cache, err := media.OpenCache(dir)
	if err != nil {
		return p, fmt.Sprintf("images are processed without a cache (every build makes every copy again): %v", err)
	}
	p.Cache = cache
	return p, ""
}

// imageRun is what processing a build's images gave: the copies of each
// image by its source path, and the cache keys the build used.
type imageRun struct {
	images map[string]*media.Processed
	keys   map[string]bool
	// cached and made count the images taken from the cache and made.
	cached, made int
}

// imageJobs are the images the published entries show (drafts too when
// built with them), once each, and whose they are.
type imageJobs struct {
	jobs   []media.Job
	owners []imageOwner
}

type imageOwner struct {
	e    *load.Entry
	name string
}

func findImages(source string, entries []*load.Entry, drafts bool) imageJobs {
	var out imageJobs
	for _, e := range entries {
		if e.Draft() && !drafts {
			continue
		}
		for name, f := range e.Published() {
			if f.Kind.Class() == media.Image {
				out.jobs = append(out.jobs, media.Job{Path: filepath.Join(source, filepath.FromSlash(e.Folder), name)})
				out.owners = append(out.owners, imageOwner{e, name})
			}
		}
	}
	return out
}

// processImages makes the copies of every image a published entry shows
// (drafts too when built with them), on every core through proc's cache.
// An image that fails is a diagnostic at the entry's reference to it.
func processImages(ctx context.Context, proc *media.Processor, jobs imageJobs) (*imageRun, diag.List) {
	run := &imageRun{images: make(map[string]*media.Processed, len(jobs.jobs)), keys: make(map[string]bool, len(jobs.jobs))}
	var diags diag.List
	for i, res := range proc.Run(ctx, jobs.jobs) {
		o := jobs.owners[i]
		if res.Err != nil {
			diags = append(diags, validate.FileProblem(o.e, o.name, media.AsProblem(res.Err)))
			continue
		}
		run.images[o.e.Folder+"/"+o.name] = res.Image
		run.keys[res.Key] = true
		if res.Cached {
			run.cached++
		} else {
			run.made++
		}
	}
	return run, diags
}

// prune drops from the cache what a whole build did not use.
func (r *imageRun) prune(proc *media.Processor) {
	if proc.Cache != nil {
		proc.Cache.Prune(r.keys)
	}
}

// writeFiles puts the files of the entry folders into the output, on
// every core: an image's cached copy as a link to it, so that a build
// whose images are all cached reads none of them; a document from its
// bytes (kept from the previous output when they are the same).
func writeFiles(ctx context.Context, dir *write.Dir, files []render.File) (BuildResult, error) {
	errs := make([]error, len(files))
	err := cores.Each(ctx, len(files), func(i int) {
		f := files[i]
		errs[i] = dir.PutLink(f.Path, f.Copy, f.Bytes)
	})
	var res BuildResult
	for i, f := range files {
		if errs[i] != nil {
			return res, errs[i]
		}
		res.Files++
		res.Bytes += f.Size
	}
	return res, err
}
