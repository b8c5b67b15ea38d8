package site

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/agora-community/agora/generator/render"
)

// renderAll renders jobs on every core and hands the files to put, in
// batches, to one writer goroutine. Renderers take jobs by a shared
// counter, not from a feeder goroutine, and the writer is woken once per
// batch, not once per page. One writer fed in batches took less CPU than
// each renderer writing its own files (5.6 s against 5.9 s of user+sys
// time for the 10,000-entry corpus, medians of ten alternating builds on
// the benchmark machine, 2026-11-23). But entry pages are small and each
// costs the writer a folder and a file: there it falls behind, and
// renderers that waited for it left a core idle (0.5-0.66 s of waiting in
// a 1.2 s stage at 10k, 2026-12-05). A renderer that finds the writer's
// queue full writes its batch itself, so put must be safe to call from
// several goroutines.
func renderAll(ctx context.Context, jobs []render.Job, put func(path string, data []byte) error) (BuildResult, time.Duration, error) {
	w := &writer{put: put}
	batches := make(chan []renderedFile, runtime.GOMAXPROCS(0))
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for batch := range batches {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := w.putAll(batch); err != nil {
				return err
			}
		}
		return nil
	})
	var next atomic.Int64
	var renderers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		renderers.Add(1)
		g.Go(func() error {
			defer renderers.Done()
			return renderBatches(ctx, jobs, &next, batches, w)
		})
	}
	g.Go(func() error {
		renderers.Wait()
		close(batches)
		return nil
	})
	err := g.Wait()
	return w.res, w.busy, err
}

// A batch goes to the writer once it holds this many files or bytes: few
// hand-offs, and little memory held by a big page (a listing of every
// entry) waiting in a batch.
const (
	batchFiles = 32
	batchBytes = 1 << 20
)

type renderedFile struct {
	path string
	buf  *bytes.Buffer
}

// renderBatches renders the jobs it takes from next until there are none
// left, sending what it rendered in batches, or writing a batch itself
// when the writer has a full queue.
func renderBatches(ctx context.Context, jobs []render.Job, next *atomic.Int64, batches chan<- []renderedFile, w *writer) error {
	var batch []renderedFile
	size := 0
	send := func() error {
		if len(batch) == 0 {
			return nil
		}
		select {
		case batches <- batch:
			batch, size = nil, 0
			return nil
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		err := w.putAll(batch)
		batch, size = batch[:0], 0
		return err
	}
	for {
		i := next.Add(1) - 1
		if i >= int64(len(jobs)) {
			return send()
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		job := jobs[i]
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		if err := job.Render(buf); err != nil {
			return fmt.Errorf("%s: %w", job.Path, err)
		}
		batch = append(batch, renderedFile{job.Path, buf})
		if size += buf.Len(); len(batch) == batchFiles || size >= batchBytes {
			if err := send(); err != nil {
				return err
			}
		}
	}
}

// writer puts batches of files, from the writer goroutine and from
// renderers helping it, counting what it wrote and the time it took.
type writer struct {
	put  func(path string, data []byte) error
	mu   sync.Mutex
	res  BuildResult
	busy time.Duration
}

// putAll puts the files of a batch and gives their buffers back.
func (w *writer) putAll(batch []renderedFile) error {
	start := time.Now()
	var err error
	files, size := 0, int64(0)
	for _, f := range batch {
		if err == nil {
			err = w.put(f.path, f.buf.Bytes())
			files++
			size += int64(f.buf.Len())
		}
		if f.buf.Cap() <= maxPooledPage {
			bufPool.Put(f.buf)
		}
	}
	w.mu.Lock()
	w.res.Files += files
	w.res.Bytes += size
	w.busy += time.Since(start)
	w.mu.Unlock()
	return err
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledPage is the largest buffer given back to bufPool. A listing of
// every entry takes tens of megabytes at 100,000 entries (/actions/ 40 MB);
// pooled, such a buffer went on to hold one small page after another, and
// was live until the pool was emptied two collections later.
const maxPooledPage = 1 << 20
