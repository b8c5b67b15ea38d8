package site

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/png"
	"testing"

	"github.com/agora-community/agora/generator/media/mediatest"
)

// craftImage is a w×h image of the kind the check tests name (see the
// image directive of check_test.go).
func craftImage(t testing.TB, kind string, w, h int) []byte {
	t.Helper()
	switch kind {
	case "jpeg":
		return mediatest.JPEG(t, mediatest.Quadrants(w, h))
	case "planted-jpeg":
		return mediatest.PlantedJPEG(t, mediatest.Quadrants(w, h), 6)
	case "png":
		var b bytes.Buffer
		if err := png.Encode(&b, mediatest.Quadrants(w, h)); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	case "animated-gif":
		var b bytes.Buffer
		anim := &gif.GIF{}
		for _, c := range []color.Color{color.Black, color.White} {
			frame := image.NewPaletted(image.Rect(0, 0, w, h), palette.Plan9)
			frame.Set(0, 0, c)
			anim.Image, anim.Delay = append(anim.Image, frame), append(anim.Delay, 50)
		}
		if err := gif.EncodeAll(&b, anim); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	case "bomb":
		ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, uint32(w)), uint32(h))
		ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
		return bytes.Join([][]byte{[]byte("\x89PNG\r\n\x1a\n"), mediatest.PNGChunk("IHDR", ihdr),
			mediatest.PNGChunk("IDAT", mediatest.Deflated(t, "\x00")), mediatest.PNGChunk("IEND", nil)}, nil)
	}
	t.Fatalf("no image kind %q", kind)
	return nil
}

// CraftImage is craftImage, for the check tests (package site_test).
var CraftImage = craftImage
