package media

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/media/mediatest"
)

// benchPhoto is a 3000 × 2000 JPEG (quality 90, as phones save) with a
// photo's mix of smooth shading, edges and grain.
var benchPhoto = sync.OnceValue(func() []byte {
	const w, h = 3000, 2000
	m := grainy(w, h, 16, func(x, y int) color.RGBA {
		if y < h/2+int(200*sinApprox(x)) { // sky over a hill line
			return color.RGBA{uint8(90 + y*80/h), uint8(140 + y*60/h), 230, 255}
		}
		return color.RGBA{uint8(60 + (x/7)%40), uint8(110 + (y/5)%50), uint8(40 + (x*y/97)%30), 255}
	})
	enc, err := encodeJPEG(m, 90)
	if err != nil {
		panic(err)
	}
	return enc.data
})

// sinApprox is a hill line between -1 and 1 over x.
func sinApprox(x int) float64 {
	t := float64(x%1200)/600 - 1
	return 1 - 2*t*t
}

// reportCPU starts counting CPU time; the function it returns reports it
// per operation (b.Loop runs the benchmark's function once).
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}

// BenchmarkProcess is the cold cost of one 3000 × 2000 photo: decode,
// three copies (480, 960, 1600), each encoded as WebP and JPEG to keep
// the smaller, on one core.
func BenchmarkProcess(b *testing.B) {
	data := benchPhoto()
	Process(mediatest.JPEG(b, mediatest.Quadrants(64, 64)), DefaultSettings()) // libwebp's WebAssembly compiled once, outside the timing
	b.SetBytes(int64(len(data)))
	var out int64
	defer reportCPU(b)()
	for b.Loop() {
		p, err := Process(data, DefaultSettings())
		if err != nil {
			b.Fatal(err)
		}
		out = 0
		for _, v := range p.Variants {
			out += v.Size
		}
	}
	b.ReportMetric(float64(out), "published-B")
	b.ReportMetric(float64(len(data)), "source-B")
}

// BenchmarkProcessorCached is the warm cost of a build's photos, per
// photo (100 in a run, each a link to the same 3000 × 2000 JPEG): the
// source's index entry, the cache entry's manifest and the copies'
// headers; then the same with the copies read to be written (Bytes,
// hashed).
func BenchmarkProcessorCached(b *testing.B) {
	const photos = 100
	dir := b.TempDir()
	first := filepath.Join(dir, "photo-0.jpg")
	if err := os.WriteFile(first, benchPhoto(), 0o644); err != nil {
		b.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(first, old, old)
	jobs := []Job{{Path: first}}
	for i := 1; i < photos; i++ {
		path := filepath.Join(dir, fmt.Sprintf("photo-%d.jpg", i))
		if err := os.Link(first, path); err != nil {
			b.Fatal(err)
		}
		jobs = append(jobs, Job{Path: path})
	}
	cache, err := OpenCache(filepath.Join(dir, "cache"))
	if err != nil {
		b.Fatal(err)
	}
	p := &Processor{Settings: DefaultSettings(), Cache: cache}
	p.Run(context.Background(), jobs)
	for _, read := range []bool{false, true} {
		name := "lookup"
		if read {
			name = "lookup+read"
		}
		b.Run(name, func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				for _, r := range p.Run(context.Background(), jobs) {
					if r.Err != nil || !r.Cached {
						b.Fatalf("%+v", r)
					}
					for _, v := range r.Image.Variants {
						if !read {
							break
						}
						if _, err := v.Bytes(); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
		})
	}
}

// BenchmarkEncode compares the encoders on the 1600-pixel copy of the
// photo: the package's choice is measured here.
func BenchmarkEncode(b *testing.B) {
	m, err := decode(JPEG, benchPhoto())
	if err != nil {
		b.Fatal(err)
	}
	m = scaled(m, 1600, 1067)
	s := DefaultSettings()
	encodeWebP(m, true, false, s.Quality) // compile libwebp's WebAssembly outside the timing
	for name, enc := range map[string]func() (encoded, error){
		"webp-q75":      func() (encoded, error) { return encodeWebP(m, true, false, s.Quality) },
		"jpeg-q80":      func() (encoded, error) { return encodeJPEG(m, s.JPEGQuality) },
		"webp-lossless": func() (encoded, error) { return encodeWebP(m, true, true, 0) },
		"png":           func() (encoded, error) { return encodePNG(m) },
	} {
		b.Run(name, func(b *testing.B) {
			var n int
			defer reportCPU(b)()
			for b.Loop() {
				e, err := enc()
				if err != nil {
					b.Fatal(err)
				}
				n = len(e.data)
			}
			b.ReportMetric(float64(n), "out-B")
		})
	}
}

// BenchmarkResize compares resizing the decoded photo to its three widths
// from the original each time with the cascade Process uses.
func BenchmarkResize(b *testing.B) {
	m, err := decode(JPEG, benchPhoto())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("direct", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			scaled(m, 1600, 1067)
			scaled(m, 960, 640)
			scaled(m, 480, 320)
		}
	})
	b.Run("cascade", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			scaled(scaled(scaled(m, 1600, 1067), 960, 640), 480, 320)
		}
	})
}
