package main

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"

	"golang.org/x/image/vector"
)

// canvas draws anti-aliased shapes on an image, in coordinates of a
// 1000-unit wide frame scaled to the image, so that one scene draws at any
// size.
type canvas struct {
	img   *image.RGBA
	scale float32
	r     *vector.Rasterizer
}

func newCanvas(w, h int) *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), scale: float32(w) / 1000, r: vector.NewRasterizer(w, h)}
}

// fill draws the path the function traces, in colour c.
func (c *canvas) fill(col color.Color, trace func(r *vector.Rasterizer, s float32)) {
	b := c.img.Bounds()
	c.r.Reset(b.Dx(), b.Dy())
	c.r.DrawOp = draw.Over
	trace(c.r, c.scale)
	c.r.Draw(c.img, b, image.NewUniform(col), image.Point{})
}

func (c *canvas) rect(col color.Color, x, y, w, h float32) {
	c.fill(col, func(r *vector.Rasterizer, s float32) {
		r.MoveTo(x*s, y*s)
		r.LineTo((x+w)*s, y*s)
		r.LineTo((x+w)*s, (y+h)*s)
		r.LineTo(x*s, (y+h)*s)
		r.ClosePath()
	})
}

func (c *canvas) poly(col color.Color, pts ...float32) {
	c.fill(col, func(r *vector.Rasterizer, s float32) {
		r.MoveTo(pts[0]*s, pts[1]*s)
		for i := 2; i+1 < len(pts); i += 2 {
			r.LineTo(pts[i]*s, pts[i+1]*s)
		}
		r.ClosePath()
	})
}

// ellipse draws an ellipse of radii rx, ry around (cx, cy), with four
// cubic curves.
func (c *canvas) ellipse(col color.Color, cx, cy, rx, ry float32) {
	const k = 0.5523 // cubic approximation of a quarter circle
	c.fill(col, func(r *vector.Rasterizer, s float32) {
		cx, cy, rx, ry := cx*s, cy*s, rx*s, ry*s
		r.MoveTo(cx+rx, cy)
		r.CubeTo(cx+rx, cy+k*ry, cx+k*rx, cy+ry, cx, cy+ry)
		r.CubeTo(cx-k*rx, cy+ry, cx-rx, cy+k*ry, cx-rx, cy)
		r.CubeTo(cx-rx, cy-k*ry, cx-k*rx, cy-ry, cx, cy-ry)
		r.CubeTo(cx+k*rx, cy-ry, cx+rx, cy-k*ry, cx+rx, cy)
		r.ClosePath()
	})
}

// gradient fills the image from top to bottom, from colour a to colour b.
func (c *canvas) gradient(a, b color.RGBA) {
	h := c.img.Bounds().Dy()
	for y := range h {
		t := float64(y) / float64(max(h-1, 1))
		col := mix(a, b, t)
		for x := range c.img.Bounds().Dx() {
			c.img.SetRGBA(x, y, col)
		}
	}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 255}
}

// grain adds a photo's noise: the sensor's, and light falling off towards
// the corners. Without it a drawing compresses as no photo does.
func (c *canvas) grain(rng *rand.Rand, amount int) {
	b := c.img.Bounds()
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	for y := range b.Dy() {
		for x := range b.Dx() {
			i := c.img.PixOffset(x, y)
			d := math.Hypot(float64(x)-cx, float64(y)-cy) / math.Hypot(cx, cy)
			shade := 1 - 0.25*d*d
			for k := range 3 {
				v := float64(c.img.Pix[i+k])*shade + float64(rng.IntN(2*amount+1)-amount)
				c.img.Pix[i+k] = uint8(min(max(v, 0), 255))
			}
		}
	}
}

// palette of clothes and skins: muted, non-realistic colours, so that
// the figures read as people without being anyone.
var (
	clothes = []color.RGBA{{176, 58, 46, 255}, {36, 113, 163, 255}, {30, 132, 73, 255}, {202, 111, 30, 255},
		{125, 60, 152, 255}, {23, 32, 42, 255}, {212, 172, 13, 255}, {160, 64, 0, 255}, {17, 122, 101, 255}}
	skins = []color.RGBA{{141, 85, 36, 255}, {198, 134, 66, 255}, {224, 172, 105, 255}, {241, 194, 125, 255}, {94, 58, 32, 255}}
)

// figure is a person made of shapes: a head and shoulders, seen from the
// front, at (x, y) (the top of the shoulders), size s units wide.
func (c *canvas) figure(rng *rand.Rand, x, y, s float32) {
	body := clothes[rng.IntN(len(clothes))]
	skin := skins[rng.IntN(len(skins))]
	c.fill(body, func(r *vector.Rasterizer, k float32) {
		r.MoveTo((x-s/2)*k, (y+s*0.8)*k)
		r.CubeTo((x-s/2)*k, (y+s*0.1)*k, (x-s*0.3)*k, y*k, x*k, y*k)
		r.CubeTo((x+s*0.3)*k, y*k, (x+s/2)*k, (y+s*0.1)*k, (x+s/2)*k, (y+s*0.8)*k)
		r.ClosePath()
	})
	c.ellipse(skin, x, y-s*0.28, s*0.2, s*0.24)
	hair := color.RGBA{uint8(20 + rng.IntN(60)), uint8(15 + rng.IntN(40)), uint8(10 + rng.IntN(30)), 255}
	c.ellipse(hair, x, y-s*0.42, s*0.21, s*0.12)
}

// gathering is members around a table in a hall with windows, a banner of
// coloured pennants and a plant: the example's group photo, and the
// benchmark's photos (a seed makes each different).
func gathering(w, h int, seed uint64) *image.RGBA {
	img := gatheringPlain(w, h, seed)
	(&canvas{img: img}).grain(newRand(seed), 6)
	return img
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 24)) }

// gatheringPlain is gathering without its grain.
func gatheringPlain(w, h int, seed uint64) *image.RGBA {
	rng := newRand(seed)
	c := newCanvas(w, h)
	H := float32(h) / c.scale // the frame's height in units
	c.gradient(color.RGBA{232, 222, 204, 255}, color.RGBA{196, 180, 156, 255})
	for i := range 4 { // windows
		x := 60 + float32(i)*240
		c.rect(color.RGBA{150, 190, 222, 255}, x, H*0.08, 140, H*0.3)
		c.rect(color.RGBA{120, 160, 196, 255}, x+68, H*0.08, 4, H*0.3)
	}
	for i := range 18 { // pennants
		x := 30 + float32(i)*53
		c.poly(clothes[i%len(clothes)], x, H*0.05, x+44, H*0.05, x+22, H*0.05+50)
	}
	c.rect(color.RGBA{139, 111, 78, 255}, 0, H*0.72, 1000, H*0.28) // floor
	n := 6 + rng.IntN(4)
	for i := range n {
		x := 1000 / float32(n+1) * float32(i+1)
		c.figure(rng, x+float32(rng.IntN(30)-15), H*0.5+float32(rng.IntN(20)), 110+float32(rng.IntN(30)))
	}
	c.rect(color.RGBA{120, 78, 42, 255}, 40, H*0.62, 920, H*0.06) // the table
	c.rect(color.RGBA{96, 60, 30, 255}, 40, H*0.68, 920, H*0.02)
	for range 2 * n { // papers and cups on the table
		x := 70 + float32(rng.IntN(840))
		c.rect(color.RGBA{250, 250, 245, 255}, x, H*0.625, 40, H*0.025)
		c.ellipse(clothes[rng.IntN(len(clothes))], x+60, H*0.625, 10, 8)
	}
	c.ellipse(color.RGBA{46, 110, 60, 255}, 940, H*0.55, 50, 90) // a plant
	c.rect(color.RGBA{150, 80, 40, 255}, 915, H*0.62, 50, H*0.1)
	return c.img
}

// flipchart is an easel with a chart of needs against offers per topic
// and sticky notes: the example's second photo.
func flipchart(w, h int) *image.RGBA {
	rng := rand.New(rand.NewPCG(7, 7))
	c := newCanvas(w, h)
	H := float32(h) / c.scale
	c.gradient(color.RGBA{214, 220, 226, 255}, color.RGBA{170, 176, 184, 255})
	c.poly(color.RGBA{90, 70, 50, 255}, 420, H*0.1, 435, H*0.1, 380, H, 360, H) // easel legs
	c.poly(color.RGBA{90, 70, 50, 255}, 565, H*0.1, 580, H*0.1, 640, H, 620, H)
	c.rect(color.RGBA{248, 248, 244, 255}, 300, H*0.08, 400, H*0.7) // the sheet
	needs := []float32{0.8, 0.55, 0.7, 0.3, 0.9}
	offers := []float32{0.35, 0.6, 0.2, 0.45, 0.15}
	for i := range needs {
		x := 340 + float32(i)*70
		base := H * 0.7
		c.rect(color.RGBA{192, 57, 43, 255}, x, base-needs[i]*H*0.5, 25, needs[i]*H*0.5)
		c.rect(color.RGBA{41, 128, 185, 255}, x+28, base-offers[i]*H*0.5, 25, offers[i]*H*0.5)
	}
	c.rect(color.RGBA{40, 40, 40, 255}, 330, H*0.7, 340, 3)
	for i := range 9 { // sticky notes
		x, y := 720+float32(i%3)*80, H*0.15+float32(i/3)*H*0.18
		c.rect([]color.RGBA{{247, 220, 111, 255}, {130, 224, 170, 255}, {245, 176, 65, 255}}[i%3], x, y, 64, 64)
	}
	c.grain(rng, 5)
	return c.img
}

// logo is a drop of water over two waves, on a transparent ground: the
// example member's logo (a water collective).
func logo(size int) *image.RGBA {
	c := newCanvas(size, size)
	c.fill(color.RGBA{31, 111, 167, 255}, func(r *vector.Rasterizer, s float32) { // the drop
		r.MoveTo(500*s, 90*s)
		r.CubeTo(560*s, 220*s, 720*s, 360*s, 720*s, 520*s)
		r.CubeTo(720*s, 650*s, 620*s, 740*s, 500*s, 740*s)
		r.CubeTo(380*s, 740*s, 280*s, 650*s, 280*s, 520*s)
		r.CubeTo(280*s, 360*s, 440*s, 220*s, 500*s, 90*s)
		r.ClosePath()
	})
	c.ellipse(color.RGBA{174, 214, 241, 255}, 430, 520, 45, 80) // its light
	for i, col := range []color.RGBA{{52, 152, 219, 255}, {21, 67, 96, 255}} {
		y := float32(800 + 80*i)
		c.fill(col, func(r *vector.Rasterizer, s float32) {
			r.MoveTo(60*s, y*s)
			for x := float32(60); x < 940; x += 220 {
				r.CubeTo((x+55)*s, (y-50)*s, (x+165)*s, (y+50)*s, (x+220)*s, y*s)
			}
			r.LineTo(940*s, (y+40)*s)
			r.LineTo(60*s, (y+40)*s)
			r.ClosePath()
		})
	}
	return c.img
}
