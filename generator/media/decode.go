package media

import (
	"bytes"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// decode decodes an image InspectImage accepted into RGBA pixels, in the
// orientation it is stored in. Nothing of the file but its pixels comes
// through: metadata is never read into the image, so none can be written.
func decode(k Kind, data []byte) (*image.RGBA, error) {
	r := bytes.NewReader(data)
	var m image.Image
	var err error
	switch k {
	case JPEG:
		m, err = jpeg.Decode(r)
	case PNG:
		m, err = png.Decode(r)
	case GIF:
		return decodeGIF(data)
	case WebP:
		m, err = webp.Decode(r)
		if err == nil {
			return webpToRGBA(m), nil
		}
	}
	if err != nil {
		return nil, broken(err)
	}
	return toRGBA(m), nil
}

// decodeGIF decodes a GIF's first frame and places it on the GIF's
// screen, as a viewer shows it: a frame may be smaller than the screen
// and stand anywhere on it (the rest is transparent).
func decodeGIF(data []byte) (*image.RGBA, error) {
	cfg, err := gif.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, broken(err)
	}
	frame, err := gif.Decode(bytes.NewReader(data)) // the first frame only
	if err != nil {
		return nil, broken(err)
	}
	screen := image.Rect(0, 0, cfg.Width, cfg.Height)
	if frame.Bounds() == screen {
		return toRGBA(frame), nil
	}
	out := image.NewRGBA(screen)
	draw.Draw(out, frame.Bounds(), frame, frame.Bounds().Min, draw.Src)
	return out, nil
}

func toRGBA(m image.Image) *image.RGBA {
	if rgba, ok := m.(*image.RGBA); ok && rgba.Rect.Min == (image.Point{}) {
		return rgba
	}
	b := m.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Rect, m, b.Min, draw.Src)
	return out
}

// webpToRGBA converts what golang.org/x/image/webp decodes. Its lossy
// images come as image.YCbCr, which Go converts as full-range (JFIF)
// YCbCr, but VP8 stores BT.601 limited-range values (Y from 16 to 235,
// as libwebp's own decoder converts them): converted as Go would, every
// WebP photo would lose contrast (white 255 came out 235, a red 240 came
// out 227). TestWebPColours holds both ways against libwebp's encoder.
func webpToRGBA(m image.Image) *image.RGBA {
	var ycc *image.YCbCr
	var alpha []byte
	var alphaStride int
	switch m := m.(type) {
	case *image.YCbCr:
		ycc = m
	case *image.NYCbCrA:
		ycc, alpha, alphaStride = &m.YCbCr, m.A, m.AStride
	default: // lossless: NRGBA, exact
		return toRGBA(m)
	}
	b := ycc.Rect
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := out.Pix[(y-b.Min.Y)*out.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			yy := (int32(ycc.Y[ycc.YOffset(x, y)]) - 16) * 298
			ci := ycc.COffset(x, y)
			cb, cr := int32(ycc.Cb[ci])-128, int32(ycc.Cr[ci])-128
			a := uint32(255)
			if alpha != nil {
				a = uint32(alpha[(y-b.Min.Y)*alphaStride+x-b.Min.X])
			}
			p := row[(x-b.Min.X)*4:]
			p[0] = premultiply(clamp8((yy+409*cr+128)>>8), a)
			p[1] = premultiply(clamp8((yy-100*cb-208*cr+128)>>8), a)
			p[2] = premultiply(clamp8((yy+516*cb+128)>>8), a)
			p[3] = uint8(a)
		}
	}
	return out
}

func clamp8(v int32) uint8 {
	return uint8(min(max(v, 0), 255))
}

func premultiply(c uint8, a uint32) uint8 {
	if a == 255 {
		return c
	}
	return uint8((uint32(c)*a + 127) / 255)
}
