package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"runtime"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/media/mediatest"
)

// testSettings make small copies, so the tests run fast.
func testSettings(widths ...int) Settings {
	s := DefaultSettings()
	s.Widths = widths
	return s
}

// published decodes a copy as a browser would.
func published(t *testing.T, v Variant) *image.RGBA {
	t.Helper()
	k, err := Sniff(v.Data)
	if err != nil || k != v.Kind {
		t.Fatalf("%s: sniffed %v, %v; want %v", v.Name, k, err, v.Kind)
	}
	m, err := decode(k, v.Data)
	if err != nil {
		t.Fatalf("%s: %v", v.Name, err)
	}
	if m.Rect.Dx() != v.Width || m.Rect.Dy() != v.Height {
		t.Fatalf("%s: %v, but the variant says %d × %d", v.Name, m.Rect, v.Width, v.Height)
	}
	return m
}

// near reports whether c is within 48 of want in every channel (lossy
// copies blur the mediatest.Quadrants' colours a little).
func near(c, want color.RGBA) bool {
	d := func(a, b uint8) bool { return int(a)-int(b) < 48 && int(b)-int(a) < 48 }
	return d(c.R, want.R) && d(c.G, want.G) && d(c.B, want.B)
}

var (
	red    = color.RGBA{255, 0, 0, 255}
	green  = color.RGBA{0, 255, 0, 255}
	blue   = color.RGBA{0, 0, 255, 255}
	yellow = color.RGBA{255, 255, 0, 255}
)

// shownCorners are the colours a viewer shows at the top-left, top-right,
// bottom-left and bottom-right corners of mediatest.Quadrants() stored with each
// EXIF orientation (the EXIF 2.32 figures of the 0th row and column).
var shownCorners = map[int][4]color.RGBA{
	1: {red, green, blue, yellow},
	2: {green, red, yellow, blue}, // mirrored
	3: {yellow, blue, green, red}, // turned 180°
	4: {blue, yellow, red, green}, // mirrored upside down
	5: {red, blue, green, yellow}, // mirrored along the main diagonal
	6: {blue, red, yellow, green}, // turned 90° clockwise
	7: {yellow, green, blue, red}, // mirrored along the other diagonal
	8: {green, yellow, red, blue}, // turned 90° counter-clockwise
}

func checkCorners(t *testing.T, m *image.RGBA, want [4]color.RGBA) {
	t.Helper()
	w, h := m.Rect.Dx(), m.Rect.Dy()
	at := [4]image.Point{{w / 5, h / 5}, {w - 1 - w/5, h / 5}, {w / 5, h - 1 - h/5}, {w - 1 - w/5, h - 1 - h/5}}
	for i, p := range at {
		if c := m.RGBAAt(p.X, p.Y); !near(c, want[i]) {
			t.Errorf("corner %d at %v is %v, want %v", i, p, c, want[i])
		}
	}
}

// TestOrientationShownAsViewersShow: every orientation, through JPEG,
// PNG and WebP; each copy has the shown width and height and the corners
// where a viewer shows them.
func TestOrientationShownAsViewersShow(t *testing.T) {
	for o := 1; o <= 8; o++ {
		for name, data := range mediatest.PlantedFiles(t, mediatest.Quadrants(120, 80), o) {
			t.Run(fmt.Sprintf("%s/%d", name, o), func(t *testing.T) {
				if got := Orientation(mustSniff(t, data), data); got != o {
					t.Fatalf("Orientation = %d, want %d", got, o)
				}
				p, err := Process(data, testSettings(40, 400))
				if err != nil {
					t.Fatal(err)
				}
				wantW, wantH := 120, 80
				if o >= 5 {
					wantW, wantH = 80, 120
				}
				if p.Info.Width != wantW || p.Info.Height != wantH {
					t.Errorf("info %d × %d, want %d × %d", p.Info.Width, p.Info.Height, wantW, wantH)
				}
				if len(p.Variants) != 2 || p.Variants[0].Width != 40 || p.Largest().Width != wantW || p.Largest().Height != wantH {
					t.Fatalf("variants %+v; want 40 wide and the original %d × %d", sizes(p), wantW, wantH)
				}
				for _, v := range p.Variants {
					checkCorners(t, published(t, v), shownCorners[o])
				}
			})
		}
	}
}

func mustSniff(t *testing.T, data []byte) Kind {
	t.Helper()
	k, err := Sniff(data)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func sizes(p *Processed) []string {
	var s []string
	for _, v := range p.Variants {
		s = append(s, fmt.Sprintf("%s %dx%d", v.Kind, v.Width, v.Height))
	}
	return s
}

// TestNoMetadataSurvives: a JPEG with EXIF GPS, serial and time, XMP,
// IPTC, ICC and a comment; a PNG with eXIf, tEXt, iTXt, zTXt, iCCP and
// tIME; a WebP with ICCP, EXIF and XMP. No byte of any published copy
// holds a planted value, and each copy's structure holds no metadata
// segment or chunk at all.
func TestNoMetadataSurvives(t *testing.T) {
	for name, data := range mediatest.PlantedFiles(t, mediatest.Quadrants(300, 200), 6) {
		t.Run(name, func(t *testing.T) {
			for _, planted := range []string{mediatest.Make, mediatest.Serial, mediatest.Time, mediatest.XMP} {
				if !bytes.Contains(data, []byte(planted)) {
					t.Fatalf("the source lacks %q: the test would prove nothing", planted)
				}
			}
			if gps := mediatest.GPS[2]; !bytes.Contains(data, binary.BigEndian.AppendUint32(nil, gps)) && !bytes.Contains(data, binary.LittleEndian.AppendUint32(nil, gps)) {
				t.Fatal("the source lacks the planted GPS seconds")
			}
			p, err := Process(data, testSettings(100, 200, 400))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range p.Variants {
				for _, needle := range mediatest.Needles() {
					if bytes.Contains(v.Data, needle) {
						t.Errorf("%s holds planted %q", v.Name, needle)
					}
				}
				if parts := metadataParts(v); len(parts) > 0 {
					t.Errorf("%s holds metadata: %v", v.Name, parts)
				}
				if bytes.Contains(v.Data, []byte(mediatest.Exif(binary.LittleEndian, 6)[:16])) {
					t.Errorf("%s holds the EXIF header", v.Name)
				}
			}
		})
	}
}

// metadataParts lists the segments or chunks of a copy that are not
// image data: APPn and COM segments of a JPEG, chunks of a PNG or WebP
// other than those that hold pixels.
func metadataParts(v Variant) []string {
	var parts []string
	d := v.Data
	switch v.Kind {
	case JPEG:
		for i := 2; i+4 <= len(d) && d[i] == 0xff && d[i+1] != 0xda; i += 2 + int(binary.BigEndian.Uint16(d[i+2:])) {
			if m := d[i+1]; m >= 0xe0 && m <= 0xef || m == 0xfe {
				parts = append(parts, fmt.Sprintf("marker %#x", m))
			}
		}
	case PNG:
		for i := 8; i+8 <= len(d); i += 12 + int(binary.BigEndian.Uint32(d[i:])) {
			if k := string(d[i+4 : i+8]); !strings.Contains("IHDR PLTE tRNS IDAT IEND", k) {
				parts = append(parts, k)
			}
		}
	case WebP:
		for i := 12; i+8 <= len(d); i += 8 + int(binary.LittleEndian.Uint32(d[i+4:])+1)&^1 {
			if k := string(d[i : i+4]); !strings.Contains("VP8 |VP8L|VP8X|ALPH", k) {
				parts = append(parts, k)
			}
		}
	}
	return parts
}

// TestNeverUpscaled: an image narrower than the largest width keeps its
// own width as its largest copy; one narrower than every width has only
// that copy. The default widths, then the same at a tenth through Process.
func TestNeverUpscaled(t *testing.T) {
	for _, c := range []struct {
		width int
		want  []int
	}{
		{1200, []int{480, 960, 1200}},
		{1600, []int{480, 960, 1600}},
		{2000, []int{480, 960, 1600}},
		{300, []int{300}},
		{480, []int{480}},
	} {
		if got := DefaultSettings().targetWidths(c.width); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%d wide: widths %v, want %v", c.width, got, c.want)
		}
		p, err := Process(mediatest.JPEG(t, mediatest.Quadrants(c.width/10, c.width/20)), testSettings(48, 96, 160))
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, v := range p.Variants {
			got = append(got, v.Width*10)
			if w, h := c.width/10, c.width/20; v.Height != max(1, (h*v.Width+w/2)/w) {
				t.Errorf("%d wide: the %d copy is %d high", w, v.Width, v.Height)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%d wide: copies %v (×10), want %v", c.width/10, got, c.want)
		}
	}
}

// TestEncodingChoice: a photo becomes lossy WebP (smaller than JPEG), a
// drawing lossless WebP or PNG, transparency stays transparent.
func TestEncodingChoice(t *testing.T) {
	photo := noisyPhoto(400, 300)
	p, err := Process(mediatest.JPEG(t, photo), testSettings(400))
	if err != nil {
		t.Fatal(err)
	}
	if v := p.Largest(); v.Kind != WebP {
		t.Errorf("a photo became %v", v.Kind)
	}
	jpegSize := len(mediatest.JPEG(t, photo))
	if v := p.Largest(); v.Size >= int64(jpegSize) {
		t.Errorf("the WebP copy (%d bytes) is not smaller than the source at JPEG quality 95 (%d)", v.Size, jpegSize)
	}

	logo := image.NewNRGBA(image.Rect(0, 0, 200, 100))
	for y := range 100 {
		for x := range 200 {
			if (x/20+y/20)%2 == 0 {
				logo.Set(x, y, color.NRGBA{200, 30, 60, 255})
			} // else transparent
		}
	}
	p, err = Process(pngOf(t, logo), testSettings(100))
	if err != nil {
		t.Fatal(err)
	}
	v := p.Largest()
	if v.Kind != WebP && v.Kind != PNG {
		t.Fatalf("a drawing became %v", v.Kind)
	}
	m := published(t, v)
	if a := m.RGBAAt(15, 5).A; a != 0 {
		t.Errorf("a transparent pixel has alpha %d", a)
	}
	if c := m.RGBAAt(5, 5); c.A != 255 || !near(c, color.RGBA{200, 30, 60, 255}) {
		t.Errorf("an opaque pixel is %v", c)
	}
}

// noisyPhoto has the detail of a photo: smooth shading with grain.
func noisyPhoto(w, h int) *image.RGBA {
	return grainy(w, h, 32, func(x, y int) color.RGBA {
		return color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255}
	})
}

// grainy is the picture scene draws with grain of the given amplitude,
// from a fixed pseudo-random sequence.
func grainy(w, h int, amplitude uint32, scene func(x, y int) color.RGBA) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			n := int32(seed%amplitude) - int32(amplitude/2)
			c := scene(x, y)
			m.SetRGBA(x, y, color.RGBA{clamp8(int32(c.R) + n), clamp8(int32(c.G) + n), clamp8(int32(c.B) + n), 255})
		}
	}
	return m
}

func pngOf(t testing.TB, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (&pngEncoder).Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestAnimatedGIF: the first frame is published, and InspectImage says
// it was animated (the check warns); so is an APNG.
func TestAnimatedGIF(t *testing.T) {
	pal := color.Palette{red, green}
	frame := func(c uint8) *image.Paletted {
		f := image.NewPaletted(image.Rect(0, 0, 20, 10), pal)
		for i := range f.Pix {
			f.Pix[i] = c
		}
		return f
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{frame(0), frame(1)}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	p, err := Process(buf.Bytes(), testSettings(400))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Info.Animated || !p.Info.Lossless {
		t.Errorf("info %+v: want animated, lossless", p.Info)
	}
	if c := published(t, p.Largest()).RGBAAt(5, 5); !near(c, red) {
		t.Errorf("published %v, want the first frame's red", c)
	}
	apng := pngOf(t, mediatest.Quadrants(8, 8))
	apng = bytes.Join([][]byte{apng[:33], mediatest.PNGChunk("acTL", []byte{0, 0, 0, 2, 0, 0, 0, 0}), apng[33:]}, nil)
	if info, err := InspectImage(apng, DefaultSettings()); err != nil || !info.Animated {
		t.Errorf("an APNG: %+v, %v", info, err)
	}
	buf.Reset()
	gif.Encode(&buf, frame(1), nil)
	if info, err := InspectImage(buf.Bytes(), DefaultSettings()); err != nil || info.Animated {
		t.Errorf("a still GIF: %+v, %v", info, err)
	}
}

// TestBombRefusedBeforeDecoding: headers that claim more pixels than the
// limits are refused from the header, allocating almost nothing.
func TestBombRefusedBeforeDecoding(t *testing.T) {
	ihdr := mediatest.PNGChunk("IHDR", []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 6, 0, 0, 0}) // 100000 × 100000 RGBA
	pngBomb := bytes.Join([][]byte{[]byte("\x89PNG\r\n\x1a\n"), ihdr, mediatest.PNGChunk("IDAT", mediatest.Deflated(t, strings.Repeat("\x00", 1000))), mediatest.PNGChunk("IEND", nil)}, nil)
	sof := []byte{0xff, 0xc0, 0, 11, 8, 0xea, 0x60, 0xea, 0x60, 1, 1, 0x11, 0} // 60000 × 60000 grey
	sos := []byte{0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0}
	jpegBomb := bytes.Join([][]byte{{0xff, 0xd8}, sof, sos, bytes.Repeat([]byte{0}, 100), {0xff, 0xd9}}, nil)
	gifBomb := []byte("GIF89a\xff\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\xff\xff\xff\xff\x00\x02\x02D\x01\x00;")
	vp8x := []byte{0, 0, 0, 0, 0xfe, 0x3f, 0, 0xfe, 0x3f, 0} // 16383 × 16383
	webpBomb := append([]byte("RIFF\x16\x00\x00\x00WEBP"), mediatest.RIFFChunk("VP8X", vp8x)...)
	wide := mediatest.PNGChunk("IHDR", []byte{0, 0, 0x9c, 0x40, 0, 0, 0, 1, 8, 2, 0, 0, 0}) // 40000 × 1: few pixels, an absurd side
	wideBomb := bytes.Join([][]byte{[]byte("\x89PNG\r\n\x1a\n"), wide, mediatest.PNGChunk("IEND", nil)}, nil)
	for name, data := range map[string][]byte{"png": pngBomb, "jpeg": jpegBomb, "gif": gifBomb, "webp": webpBomb, "png 40000 wide": wideBomb} {
		t.Run(name, func(t *testing.T) {
			var err error
			allocated := allocatedBy(func() { _, err = Process(data, DefaultSettings()) })
			var p *Problem
			if !errors.As(err, &p) || p.Code != "image-too-large" {
				t.Fatalf("Process = %v; want image-too-large", err)
			}
			if allocated > 1<<20 {
				t.Errorf("refusing allocated %d bytes", allocated)
			}
		})
	}
}

func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBrokenImages: a cut-short or damaged image is a clear error, never
// a panic; cut inside its image data, never a success.
func TestBrokenImages(t *testing.T) {
	src := noisyPhoto(64, 48)
	files := mediatest.PlantedFiles(t, src, 6)
	files["gif"] = gifOf(t, src)
	for name, data := range files {
		end := pixelsEnd(name, data)
		for cut := 1; cut < len(data); cut += max(1, len(data)/40) {
			_, err := Process(data[:cut], testSettings(32))
			if err == nil && cut < end {
				t.Errorf("%s cut at %d of %d: no error", name, cut, len(data))
			}
			var p *Problem
			if err != nil && !errors.As(err, &p) {
				t.Errorf("%s cut at %d: %v is not a *Problem", name, cut, err)
			}
		}
		for i := 0; i < len(data); i += max(1, len(data)/60) {
			damaged := bytes.Clone(data)
			damaged[i] ^= 0x5a
			Process(damaged, testSettings(32)) // must not panic
		}
	}
}

// pixelsEnd is where the image data of a crafted file ends: metadata
// may follow it (EXIF and XMP after a WebP's VP8 chunk, PNG's IEND, a
// GIF's trailer), which a cut may lose without losing a pixel.
func pixelsEnd(name string, data []byte) int {
	switch name {
	case "webp":
		for i := 12; i+8 <= len(data); i += 8 + int(binary.LittleEndian.Uint32(data[i+4:])+1)&^1 {
			if string(data[i:i+4]) == "VP8 " {
				return i + 8 + int(binary.LittleEndian.Uint32(data[i+4:]))
			}
		}
	case "png":
		return len(data) - 12
	case "gif":
		return len(data) - 1
	}
	return len(data) - 2 // a JPEG's EOI
}

func gifOf(t testing.TB, m image.Image) []byte {
	var buf bytes.Buffer
	if err := gif.Encode(&buf, m, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGIFFrameOnItsScreen: a first frame smaller than the GIF's screen is
// shown where it stands on it, the rest transparent, as viewers show it.
func TestGIFFrameOnItsScreen(t *testing.T) {
	frame := image.NewPaletted(image.Rect(10, 20, 20, 30), color.Palette{red, green})
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{frame}, Delay: []int{0}, Config: image.Config{Width: 40, Height: 40, ColorModel: frame.Palette}}); err != nil {
		t.Fatal(err)
	}
	p, err := Process(buf.Bytes(), testSettings(400))
	if err != nil {
		t.Fatal(err)
	}
	m := published(t, p.Largest())
	if m.Rect.Dx() != 40 || m.Rect.Dy() != 40 || !near(m.RGBAAt(15, 25), red) || m.RGBAAt(5, 5).A != 0 {
		t.Errorf("%v: frame pixel %v, outside %v", m.Rect, m.RGBAAt(15, 25), m.RGBAAt(5, 5))
	}
}
