package media

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"runtime/debug"

	"golang.org/x/sync/semaphore"

	"github.com/agora-community/agora/generator/cores"
)

// Processor processes a build's images on every core, through a Cache.
type Processor struct {
	Settings Settings
	// Cache keeps processed copies between builds; nil processes every
	// image every time.
	Cache *Cache
	// MemoryBudget bounds the bytes of pixels decoded at once (about 12
	// per pixel of an image in work: decoded, RGBA, copies), so that a
	// machine of many cores given many large photos does not run out of
	// memory; an image larger than the budget runs alone. 0 means 1 GiB.
	MemoryBudget int64
}

// Job is one image of a build: its file, and its bytes when the caller
// has read them already (the check does, to sniff it).
type Job struct {
	Path string
	Data []byte
}

// Result is the outcome of one Job: the copies to publish (Image) or why
// not (Err, a *Problem). Cached says the copies came from the cache, and
// Key is their entry's (for Cache.Prune after a whole build).
type Result struct {
	Image  *Processed
	Err    error
	Cached bool
	Key    string
}

// bytesPerPixel is what Process holds per pixel of its source at most:
// the decoded image (up to 8 bytes for 16-bit PNG), its RGBA copy (4)
// and the largest resized copy and its encoding (less).
const bytesPerPixel = 12

// Run processes jobs on every core and returns their results in order.
// A cached image is neither decoded nor read: a source whose size,
// modification time and inode are those recorded when it was last hashed
// is taken to have the same bytes, as Git's index does; a source changed
// within two seconds of being hashed is not recorded, so an edit that
// keeps its size within the file system's time resolution is still seen.
// Cancelling ctx stops the jobs not yet started (their Err is ctx's).
func (p *Processor) Run(ctx context.Context, jobs []Job) []Result {
	results := make([]Result, len(jobs))
	if err := p.Settings.Check(); err != nil {
		for i := range results {
			results[i].Err = err
		}
		return results
	}
	budget := p.MemoryBudget
	if budget <= 0 {
		budget = 1 << 30
	}
	mem := semaphore.NewWeighted(budget)
	var idx *sourceIndex
	if p.Cache != nil {
		idx = p.Cache.loadIndex()
	}
	started := make([]bool, len(jobs))
	cores.Each(ctx, len(jobs), func(i int) {
		started[i] = true
		results[i] = p.run(ctx, jobs[i], idx, mem, budget)
	})
	for i := range results {
		if !started[i] {
			results[i].Err = ctx.Err()
		}
	}
	if idx != nil {
		idx.save()
	}
	return results
}

// run is one job; a panic in a decoder or encoder becomes its error, so
// one bad image fails its build with a message, not the program.
func (p *Processor) run(ctx context.Context, job Job, idx *sourceIndex, mem *semaphore.Weighted, budget int64) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Err: &Problem{
				Code: "image-failed", Message: "processing the image failed: this is a bug in Agora, please report it with the image",
				Found: fmt.Sprintf("%s: %v\n%s", job.Path, r, debug.Stack()),
			}}
		}
	}()
	data, sum, err := p.source(job, idx)
	if err != nil {
		return Result{Err: err}
	}
	var key string
	if p.Cache != nil {
		key = Key(sum, p.Settings)
		if img, ok := p.Cache.Get(key); ok {
			return Result{Image: img, Cached: true, Key: key}
		}
	}
	if data == nil { // the index knew it, the cache did not: read it, and trust its bytes only
		if data, err = os.ReadFile(job.Path); err != nil {
			return Result{Err: err}
		}
		key = Key(sha256.Sum256(data), p.Settings)
	}
	info, err := InspectImage(data, p.Settings)
	if err != nil {
		return Result{Err: err}
	}
	need := min(int64(info.Width)*int64(info.Height)*bytesPerPixel, budget)
	if err := mem.Acquire(ctx, need); err != nil {
		return Result{Err: err}
	}
	img, err := Process(data, p.Settings)
	mem.Release(need)
	if err != nil {
		return Result{Err: err}
	}
	if p.Cache != nil {
		if err := p.Cache.Put(key, img); err != nil {
			return Result{Err: err}
		}
	}
	return Result{Image: img, Key: key}
}

// source returns the job's bytes and their hash; data is nil when the
// index knew the hash of an unchanged file, which is then not read.
func (p *Processor) source(job Job, idx *sourceIndex) (data []byte, sum [32]byte, err error) {
	if job.Data != nil {
		return job.Data, sha256.Sum256(job.Data), nil
	}
	st, err := os.Stat(job.Path)
	if err != nil {
		return nil, sum, err
	}
	if sum, ok := idx.lookup(job.Path, st); ok {
		return nil, sum, nil
	}
	if data, err = os.ReadFile(job.Path); err != nil {
		return nil, sum, err
	}
	sum = sha256.Sum256(data)
	idx.record(job.Path, st, sum)
	return data, sum, nil
}
