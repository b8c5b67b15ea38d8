package media

import (
	"image"

	"golang.org/x/image/draw"
)

// scaled returns m resized to w × h with Catmull-Rom, or m itself when it
// has that size already. Resizing cascades (the 960 copy from the 1600
// one, the 480 from the 960): each step shrinks by less than half, which
// Catmull-Rom does as well as from the original (PSNR 49-54 dB between
// the two) in about half the time (see the package documentation).
func scaled(m *image.RGBA, w, h int) *image.RGBA {
	if m.Rect.Dx() == w && m.Rect.Dy() == h {
		return m
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(out, out.Rect, m, m.Rect, draw.Src, nil)
	return out
}
