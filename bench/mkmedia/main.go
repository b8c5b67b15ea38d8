// Command mkmedia draws the photos, the logo and the documents of the
// example community (content/), and the photos the 1,000-photo benchmark
// adds to a corpus (bench/photos.sh). Every picture is made of shapes
// drawn here, with a photo's grain: no real person or place. The output
// is the same on every run.
//
//	go run ./bench/mkmedia example
//	go run ./bench/mkmedia photos CORPUS N
//
// example writes the files of the example's entry folders, from the
// repository's root. The radio spot (an Ogg Opus recording) is spoken by
// espeak-ng and encoded by opusenc (Debian 12: apt-get install espeak-ng
// opus-tools); without them the committed recording is kept.
//
// photos turns the first N minutes of a corpus written by
// ../shared/bench/mkcorpus.py into entry folders, each with a 3000×2000
// JPEG of about a phone's size shown in its body.
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

func main() {
	var err error
	switch {
	case len(os.Args) == 2 && os.Args[1] == "example":
		err = example()
	case len(os.Args) == 4 && os.Args[1] == "photos":
		n, cerr := strconv.Atoi(os.Args[3])
		if cerr != nil {
			err = cerr
			break
		}
		err = photos(os.Args[2], n)
	default:
		err = fmt.Errorf("usage: mkmedia example | mkmedia photos CORPUS N")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkmedia:", err)
		os.Exit(1)
	}
}

func example() error {
	gathering := "content/minutes/2025-06-12-annual-gathering-2025/"
	module := "content/curriculum/learning-circles-101/"
	files := map[string][]byte{
		gathering + "plenary.jpg":                          jpegOf(gatheringScene(1600, 1067, 2025), 80),
		gathering + "flipchart.jpg":                        jpegOf(flipchart(1200, 900), 80),
		gathering + "report.pdf":                           reportPDF(),
		"content/members/colectivo-agua-coahuila/logo.png": pngOf(logo(320)),
		module + "slides.pdf":                              slidesPDF(),
	}
	for name, data := range files {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return err
		}
	}
	return radioSpot(module + "radio-spot.ogg")
}

// radioSpot records a short spot of a community radio, spoken by
// espeak-ng, as Ogg Opus at 12 kbit/s: a few kilobytes a second.
func radioSpot(name string) error {
	const text = "This is Radio Stepp, the community radio of the Agora Learning Network. " +
		"Today: your first learning circle. One: bring one question your organization faces. " +
		"Two: listen to what other members tried. Three: write down what you will try next, and who will help."
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		fmt.Fprintln(os.Stderr, "mkmedia: espeak-ng is not installed; keeping", name)
		return nil
	}
	wav, err := exec.Command("espeak-ng", "-v", "en", "-s", "150", "--stdout", text).Output()
	if err != nil {
		return fmt.Errorf("espeak-ng: %w", err)
	}
	cmd := exec.Command("opusenc", "--quiet", "--bitrate", "12", "--speech", "--discard-comments", "--serial", "24", "-", name)
	cmd.Stdin, cmd.Stderr = bytes.NewReader(wav), os.Stderr
	return cmd.Run()
}

func gatheringScene(w, h int, seed uint64) image.Image { return gathering(w, h, seed) }

func jpegOf(m image.Image, quality int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: quality}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func pngOf(m image.Image) []byte {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, m); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// photos turns the first n minutes of the corpus at dir into entry
// folders with a photo each: content/minutes/X.md becomes
// content/minutes/X/index.md, with photo.jpg beside it and shown in its
// body. A few scenes are drawn once; each photo is one of them with
// grain of its own, so that no two photos have the same bytes.
func photos(dir string, n int) error {
	minutes, err := filepath.Glob(filepath.Join(dir, "content", "minutes", "*.md"))
	if err != nil {
		return err
	}
	slices.Sort(minutes)
	if len(minutes) < n {
		return fmt.Errorf("%s has %d minutes, fewer than %d", dir, len(minutes), n)
	}
	const scenes = 8
	bases := make([]*image.RGBA, scenes)
	for i := range bases {
		bases[i] = gatheringPlain(3000, 2000, uint64(i))
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				errs[i] = addPhoto(minutes[i], bases[i%scenes], uint64(i))
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func addPhoto(file string, base *image.RGBA, seed uint64) error {
	folder := strings.TrimSuffix(file, ".md")
	if err := os.Mkdir(folder, 0o755); err != nil {
		return err
	}
	text, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	text = append(text, "\n![Members around the table at the meeting](photo.jpg)\n"...)
	if err := os.WriteFile(filepath.Join(folder, "index.md"), text, 0o644); err != nil {
		return err
	}
	photo := &image.RGBA{Pix: slices.Clone(base.Pix), Stride: base.Stride, Rect: base.Rect}
	c := &canvas{img: photo}
	c.grain(newRand(seed), 7)
	if err := os.WriteFile(filepath.Join(folder, "photo.jpg"), jpegOf(photo, 90), 0o644); err != nil {
		return err
	}
	return os.Remove(file)
}
