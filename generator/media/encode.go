package media

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"github.com/gen2brain/webp"
)

// webpMaxSide is the largest width or height WebP can hold.
const webpMaxSide = 16383

// webpMethod is libwebp's effort (0-6): 4, its default, gave 3-5 % fewer
// bytes than 2 for about twice the time. The cache pays the time once;
// readers on 2G pay the bytes on every view.
const webpMethod = 4

// encoded is one candidate encoding of a copy.
type encoded struct {
	kind Kind
	data []byte
}

// encode writes m in the smallest of the encodings that suit it, with no
// metadata at all: the encoders are handed bare pixels and write none
// (image/jpeg writes no APP segment, image/png no text chunk, libwebp's
// simple encoder no EXIF, XMP or ICCP chunk; TestNoMetadataSurvives
// searches every output byte for the values planted in the sources).
//
//   - a photo: lossy WebP at s.Quality, or JPEG at s.JPEGQuality where
//     that is smaller (or where WebP cannot hold the size); with
//     transparency, lossy WebP or PNG.
//   - a drawing (lossless source): the smaller of lossless WebP and PNG,
//     unless lossy WebP is less than half of it (a photo saved as PNG).
func encode(m *image.RGBA, lossless bool, s Settings) (encoded, error) {
	opaque := m.Opaque()
	fitsWebP := m.Rect.Dx() <= webpMaxSide && m.Rect.Dy() <= webpMaxSide
	var best encoded
	consider := func(c encoded, err error) error {
		if err == nil && (best.data == nil || len(c.data) < len(best.data)) {
			best = c
		}
		return err
	}
	if !lossless {
		if fitsWebP {
			if err := consider(encodeWebP(m, opaque, false, s.Quality)); err != nil {
				return best, err
			}
		}
		if opaque {
			return best, consider(encodeJPEG(m, s.JPEGQuality))
		}
		return best, consider(encodePNG(m))
	}
	if err := consider(encodePNG(m)); err != nil || !fitsWebP {
		return best, err
	}
	if err := consider(encodeWebP(m, opaque, true, 0)); err != nil {
		return best, err
	}
	lossy, err := encodeWebP(m, opaque, false, s.Quality)
	if err != nil {
		return best, err
	}
	if 2*len(lossy.data) < len(best.data) {
		best = lossy
	}
	return best, nil
}

func encodeJPEG(m *image.RGBA, quality int) (encoded, error) {
	var buf bytes.Buffer
	err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality})
	return encoded{JPEG, buf.Bytes()}, err
}

var pngEncoder = png.Encoder{CompressionLevel: png.BestCompression}

func encodePNG(m *image.RGBA) (encoded, error) {
	var buf bytes.Buffer
	err := pngEncoder.Encode(&buf, m)
	return encoded{PNG, buf.Bytes()}, err
}

// encodeWebP encodes with libwebp compiled to WebAssembly (no cgo), which
// takes straight (not premultiplied) colours.
func encodeWebP(m *image.RGBA, opaque, lossless bool, quality int) (encoded, error) {
	var src image.Image = m
	if !opaque {
		src = toNRGBA(m)
	}
	var buf bytes.Buffer
	if err := webp.Encode(&buf, src, webp.Options{Quality: quality, Lossless: lossless, Method: webpMethod}); err != nil {
		return encoded{}, fmt.Errorf("webp: %w", err)
	}
	return encoded{WebP, buf.Bytes()}, nil
}

func toNRGBA(m *image.RGBA) *image.NRGBA {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		src, dst := m.Pix[y*m.Stride:y*m.Stride+4*w], out.Pix[y*out.Stride:]
		for i := 0; i < len(src); i += 4 {
			a := uint32(src[i+3])
			dst[i+3] = uint8(a)
			if a == 0 {
				continue
			}
			for c := range 3 {
				dst[i+c] = uint8(min((uint32(src[i+c])*255+a/2)/a, 255))
			}
		}
	}
	return out
}
