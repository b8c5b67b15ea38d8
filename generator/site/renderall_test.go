package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/render"
)

// pages makes n jobs, the i-th writing its path then i bytes; one page is
// larger than a whole batch.
func pages(n int) ([]render.Job, map[string]string) {
	want := map[string]string{}
	var jobs []render.Job
	for i := range n {
		path := fmt.Sprintf("p%04d/index.html", i)
		size := i
		if i == n/2 {
			size = 3 * batchBytes
		}
		text := path + strings.Repeat("x", size)
		want[path] = text
		jobs = append(jobs, render.Job{Path: path, Render: func(w io.Writer) error {
			_, err := io.WriteString(w, text)
			return err
		}})
	}
	return jobs, want
}

// TestRenderAllPutsEveryFileOnce: every job's file is put once, with its
// bytes, and counted.
func TestRenderAllPutsEveryFileOnce(t *testing.T) {
	jobs, want := pages(1000)
	got := map[string]string{}
	var mu sync.Mutex
	res, _, err := renderAll(context.Background(), jobs, func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := got[path]; ok {
			t.Errorf("%s put twice", path)
		}
		got[path] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var bytes int64
	for path, text := range want {
		bytes += int64(len(text))
		if got[path] != text {
			t.Errorf("%s: %d bytes put, want %d", path, len(got[path]), len(text))
		}
	}
	if res.Files != len(want) || res.Bytes != bytes {
		t.Errorf("counted %d files, %d bytes; want %d, %d", res.Files, res.Bytes, len(want), bytes)
	}
	if res, _, err := renderAll(context.Background(), nil, nil); err != nil || res.Files != 0 {
		t.Errorf("no jobs: %+v, %v", res, err)
	}
}

// TestRenderAllStopsOnError: a page that fails to render, a file that
// cannot be put or a cancelled build ends renderAll with the error.
func TestRenderAllStopsOnError(t *testing.T) {
	jobs, _ := pages(500)
	broken := errors.New("template broke")
	failing := append([]render.Job(nil), jobs...)
	failing[321].Render = func(io.Writer) error { return broken }
	discard := func(string, []byte) error { return nil }
	if _, _, err := renderAll(context.Background(), failing, discard); !errors.Is(err, broken) || !strings.Contains(err.Error(), jobs[321].Path) {
		t.Errorf("render error: %v", err)
	}
	full := errors.New("disk full")
	var n atomic.Int64
	_, _, err := renderAll(context.Background(), jobs, func(string, []byte) error {
		if n.Add(1) == 100 {
			return full
		}
		return nil
	})
	// Renderers helping the writer may put a batch each after the error.
	if !errors.Is(err, full) || n.Load() > 100+int64(runtime.GOMAXPROCS(0))*batchFiles {
		t.Errorf("put error: %v after %d puts", err, n.Load())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := renderAll(ctx, jobs, discard); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestRenderersWriteWhenTheWriterIsBehind: while the writer is stuck in a
// put, the renderers write their batches themselves rather than wait for
// it. The first put returns only once another has been made.
func TestRenderersWriteWhenTheWriterIsBehind(t *testing.T) {
	jobs, want := pages(2000)
	var first sync.Once
	another := make(chan struct{})
	var n atomic.Int64
	var mu sync.Mutex
	got := map[string]bool{}
	res, _, err := renderAll(context.Background(), jobs, func(path string, data []byte) error {
		mu.Lock()
		got[path] = true
		mu.Unlock()
		if n.Add(1) == 1 {
			select {
			case <-another:
			case <-time.After(10 * time.Second):
				return errors.New("no other put while the first one waited")
			}
			return nil
		}
		first.Do(func() { close(another) })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != len(want) || len(got) != len(want) {
		t.Errorf("%d files counted, %d put; want %d", res.Files, len(got), len(want))
	}
}
