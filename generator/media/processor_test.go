package media

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/media/mediatest"
)

// sourceFiles writes the named files into a temporary folder, dated an
// hour ago (older than the index's racy window), and returns the jobs.
func sourceFiles(t *testing.T, files map[string][]byte) (dir string, jobs []Job) {
	t.Helper()
	dir = t.TempDir()
	for _, name := range []string{"photo.jpg", "logo.png", "broken.jpg", "portrait.jpg"} {
		data, ok := files[name]
		if !ok {
			continue
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-time.Hour)
		os.Chtimes(path, old, old)
		jobs = append(jobs, Job{Path: path})
	}
	return dir, jobs
}

func testFiles(t *testing.T) map[string][]byte {
	return map[string][]byte{
		"photo.jpg":    mediatest.JPEG(t, noisyPhoto(200, 150)),
		"logo.png":     pngOf(t, mediatest.Quadrants(60, 40)),
		"broken.jpg":   mediatest.JPEG(t, noisyPhoto(200, 150))[:300],
		"portrait.jpg": mediatest.PlantedJPEG(t, mediatest.Quadrants(90, 60), 6),
	}
}

func runOK(t *testing.T, p *Processor, jobs []Job, wantCached bool) []Result {
	t.Helper()
	res := p.Run(context.Background(), jobs)
	for i, r := range res {
		if strings.HasSuffix(jobs[i].Path, "broken.jpg") {
			var pr *Problem
			if !errors.As(r.Err, &pr) || pr.Code != "image-broken" {
				t.Errorf("broken.jpg: %v, want image-broken", r.Err)
			}
			continue
		}
		if r.Err != nil {
			t.Fatalf("%s: %v", jobs[i].Path, r.Err)
		}
		if r.Cached != wantCached {
			t.Errorf("%s: cached %v, want %v", jobs[i].Path, r.Cached, wantCached)
		}
	}
	return res
}

// TestProcessorCaches: a second run takes every copy from the cache,
// under the same names with the same bytes, without reading the sources.
func TestProcessorCaches(t *testing.T) {
	_, jobs := sourceFiles(t, testFiles(t))
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := &Processor{Settings: testSettings(32, 64), Cache: cache}
	first := runOK(t, p, jobs, false)

	// Same size, time and inode, other bytes: only a read would tell.
	for i, j := range jobs {
		if first[i].Image == nil {
			continue
		}
		st, _ := os.Stat(j.Path)
		f, _ := os.OpenFile(j.Path, os.O_WRONLY, 0)
		f.Write(bytes.Repeat([]byte{'x'}, int(st.Size())))
		f.Close()
		os.Chtimes(j.Path, st.ModTime(), st.ModTime())
	}
	second := runOK(t, p, jobs, true)
	for i := range jobs {
		if first[i].Image == nil {
			continue
		}
		a, b := first[i].Image.Variants, second[i].Image.Variants
		if len(a) != len(b) {
			t.Fatalf("%s: %d copies, then %d", jobs[i].Path, len(a), len(b))
		}
		for k := range a {
			got, err := b[k].Bytes()
			if err != nil || a[k].Name != b[k].Name || !bytes.Equal(got, a[k].Data) || b[k].Data != nil {
				t.Errorf("%s: copy %s came back as %s (%v), or with its data in memory", jobs[i].Path, a[k].Name, b[k].Name, err)
			}
		}
		if first[i].Image.Info != second[i].Image.Info {
			t.Errorf("info %+v, then %+v", first[i].Image.Info, second[i].Image.Info)
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(cache.Dir(), "*", ".tmp-*")); len(leftovers) > 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

// TestProcessorSeesChanges: a changed source, or other settings, is
// processed again.
func TestProcessorSeesChanges(t *testing.T) {
	_, jobs := sourceFiles(t, testFiles(t))
	cache, _ := OpenCache(t.TempDir())
	p := &Processor{Settings: testSettings(32, 64), Cache: cache}
	runOK(t, p, jobs, false)
	runOK(t, &Processor{Settings: testSettings(32, 48), Cache: cache}, jobs, false)
	if err := os.WriteFile(jobs[0].Path, mediatest.JPEG(t, noisyPhoto(210, 150)), 0o644); err != nil {
		t.Fatal(err)
	}
	res := p.Run(context.Background(), jobs[:1])
	if res[0].Err != nil || res[0].Cached || res[0].Image.Info.Width != 210 {
		t.Errorf("a changed photo: %+v", res[0])
	}
}

// TestCacheDistrustsDamage: a cut copy, a damaged manifest or a copy of
// the right size with other bytes is never published.
func TestCacheDistrustsDamage(t *testing.T) {
	_, jobs := sourceFiles(t, testFiles(t))
	jobs = jobs[:1]
	cache, _ := OpenCache(t.TempDir())
	p := &Processor{Settings: testSettings(32, 64), Cache: cache}
	want := runOK(t, p, jobs, false)[0].Image.Variants
	damage := map[string]func(path string){
		"cut copy":         func(path string) { os.Truncate(path, 100) },
		"damaged manifest": func(path string) { os.WriteFile(filepath.Join(filepath.Dir(path), manifestName), []byte("{"), 0o644) },
		"missing copy":     func(path string) { os.Remove(path) },
	}
	for name, f := range damage {
		cached := runOK(t, p, jobs, true)[0].Image.Variants
		f(cached[1].Path)
		again := runOK(t, p, jobs, false)[0].Image.Variants
		if again[1].Name != want[1].Name || !bytes.Equal(again[1].Data, want[1].Data) {
			t.Errorf("%s: processed again as %s", name, again[1].Name)
		}
	}
	// Same size, other bytes: caught when read, and the entry removed so
	// the next run processes it again.
	cached := runOK(t, p, jobs, true)[0].Image.Variants
	b, _ := os.ReadFile(cached[1].Path)
	b[len(b)-10] ^= 0xff
	os.WriteFile(cached[1].Path, b, 0o644)
	if _, err := runOK(t, p, jobs, true)[0].Image.Variants[1].Bytes(); !errors.Is(err, ErrDamagedCopy) {
		t.Errorf("Bytes of a damaged copy: %v", err)
	}
	runOK(t, p, jobs, false)
}

// TestConcurrentBuildsShareTheCache: two builds processing the same images
// into one cache at once both succeed with the same copies.
func TestConcurrentBuildsShareTheCache(t *testing.T) {
	_, jobs := sourceFiles(t, testFiles(t))
	dir := t.TempDir()
	var wg sync.WaitGroup
	results := make([][]Result, 4)
	for i := range results {
		wg.Go(func() {
			cache, _ := OpenCache(dir)
			results[i] = (&Processor{Settings: testSettings(32, 64), Cache: cache}).Run(context.Background(), jobs)
		})
	}
	wg.Wait()
	for i := range results {
		for j, r := range results[i] {
			if (r.Err == nil) != (results[0][j].Err == nil) {
				t.Fatalf("build %d, %s: %v against %v", i, jobs[j].Path, r.Err, results[0][j].Err)
			}
			if r.Err != nil {
				continue
			}
			for k, v := range r.Image.Variants {
				got, err := v.Bytes()
				want, _ := results[0][j].Image.Variants[k].Bytes()
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("build %d, %s: copy %s differs (%v)", i, jobs[j].Path, v.Name, err)
				}
			}
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "*", ".tmp-*")); len(leftovers) > 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

// TestProcessorCancelled: jobs not started when the context ends carry
// its error.
func TestProcessorCancelled(t *testing.T) {
	_, jobs := sourceFiles(t, testFiles(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, r := range (&Processor{Settings: testSettings(32)}).Run(ctx, jobs) {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("%+v, want cancelled", r)
		}
	}
}

// TestProcessorWithoutCache processes data handed over, with no cache.
func TestProcessorWithoutCache(t *testing.T) {
	res := (&Processor{Settings: testSettings(32)}).Run(context.Background(), []Job{{Path: "photo.jpg", Data: mediatest.JPEG(t, noisyPhoto(100, 50))}})
	if res[0].Err != nil || res[0].Cached || res[0].Image.Largest().Width != 32 || res[0].Image.Largest().Data == nil {
		t.Errorf("%+v", res[0])
	}
}

// TestCachePrune: after a build, the entries it did not use (a photo
// replaced, other settings) are removed and those it used are kept.
func TestCachePrune(t *testing.T) {
	_, jobs := sourceFiles(t, testFiles(t))
	cache, _ := OpenCache(t.TempDir())
	(&Processor{Settings: testSettings(32, 48), Cache: cache}).Run(context.Background(), jobs)
	res := runOK(t, &Processor{Settings: testSettings(32, 64), Cache: cache}, jobs, false)
	keep := map[string]bool{}
	for _, r := range res {
		if r.Err == nil {
			keep[r.Key] = true
		}
	}
	removed, err := cache.Prune(keep)
	if err != nil || removed != len(keep) {
		t.Errorf("Prune removed %d (%v), want the %d entries of the other settings", removed, err, len(keep))
	}
	runOK(t, &Processor{Settings: testSettings(32, 64), Cache: cache}, jobs, true)
}
