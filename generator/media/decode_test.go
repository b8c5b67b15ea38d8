package media

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"github.com/gen2brain/webp"
	xwebp "golang.org/x/image/webp"
)

// TestWebPColours: a WebP photo decodes to the colours libwebp encoded,
// within the loss of quality 95; converted as full-range YCbCr (as
// image.YCbCr's own conversion does) it would lose a tenth of its contrast.
func TestWebPColours(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 64 {
			src.Set(x, y, color.NRGBA{uint8(x * 4), uint8(y * 4), 100, 255})
		}
	}
	var buf bytes.Buffer
	if err := webp.Encode(&buf, src, webp.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	got, err := decode(WebP, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	plain, err := xwebp.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if ours, full := meanError(src, got), meanError(src, toRGBA(plain)); ours > 2.5 || full < 5 {
		t.Errorf("mean error per channel: %.2f decoded here, %.2f as full range; want under 2.5 and over 5", ours, full)
	}
}

func meanError(want *image.NRGBA, got *image.RGBA) float64 {
	var sum, n float64
	for y := range 64 {
		for x := range 64 {
			a, b := want.NRGBAAt(x, y), got.RGBAAt(x, y)
			for _, d := range []int{int(a.R) - int(b.R), int(a.G) - int(b.G), int(a.B) - int(b.B)} {
				sum += float64(max(d, -d))
				n++
			}
		}
	}
	return sum / n
}

// TestTransparentWebPKeepsItsColours: a half-transparent lossless WebP
// decodes to the same premultiplied colours, and published again keeps
// its straight colours.
func TestTransparentWebPKeepsItsColours(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 32, 32))
	for i := range src.Pix {
		src.Pix[i] = []uint8{200, 100, 50, 128}[i%4]
	}
	var buf bytes.Buffer
	if err := webp.Encode(&buf, src, webp.Options{Lossless: true}); err != nil {
		t.Fatal(err)
	}
	p, err := Process(buf.Bytes(), testSettings(32))
	if err != nil {
		t.Fatal(err)
	}
	m := published(t, p.Largest())
	if c := color.NRGBAModel.Convert(m.RGBAAt(5, 5)).(color.NRGBA); c.A != 128 || absDiff(c.R, 200) > 3 || absDiff(c.G, 100) > 3 || absDiff(c.B, 50) > 3 {
		t.Errorf("published %v, want {200 100 50 128}", c)
	}
}

func absDiff(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
