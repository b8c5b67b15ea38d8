package media

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// ImageInfo is what an image's header says, read without decoding it.
type ImageInfo struct {
	Kind Kind
	// Width and Height as a viewer shows the image: its EXIF orientation
	// applied (a portrait phone photo is stored landscape, orientation 6).
	Width, Height int
	Orientation   int
	// Animated: a GIF of more than one frame or an animated PNG (APNG),
	// published as its first frame (or an APNG's default image): the
	// check warns. An animated WebP is refused.
	Animated bool
	// Lossless: a PNG, GIF or lossless WebP (drawings, logos, screenshots)
	// is published as lossless WebP or PNG unless lossy WebP is less than
	// half their size; a photo as lossy WebP or JPEG.
	Lossless bool
}

// InspectImage reads an image's header: its kind (sniffed), its size,
// orientation and animation, and refuses, before anything decodes it, an
// image over the settings' limits (a decompression bomb) or a header that
// cannot be read. The check calls it for every image of an entry folder.
func InspectImage(data []byte, s Settings) (ImageInfo, error) {
	k, err := Sniff(data)
	if err != nil {
		return ImageInfo{}, err
	}
	if k.Class() != Image {
		return ImageInfo{}, &Problem{
			Code: "not-an-image", Message: "the file is not an image",
			Found: k.String(), Allowed: "a JPEG, PNG, GIF or WebP image",
			Hint: "name it in a file field, or link to it from the text, instead",
		}
	}
	info := ImageInfo{Kind: k, Orientation: Orientation(k, data)}
	cfg, err := decodeConfig(k, data)
	if err != nil {
		return info, broken(err)
	}
	if err := s.checkSize(cfg.Width, cfg.Height); err != nil {
		return info, err
	}
	info.Width, info.Height = cfg.Width, cfg.Height
	if info.Orientation >= 5 {
		info.Width, info.Height = cfg.Height, cfg.Width
	}
	switch k {
	case PNG:
		info.Lossless = true
		info.Animated = pngAnimated(data)
	case GIF:
		info.Lossless = true
		info.Animated = gifFrames(data) > 1
	case WebP:
		flags, lossless := webpFeatures(data)
		info.Lossless = lossless
		if flags&webpAnimated != 0 {
			return info, &Problem{
				Code: "image-animated", Message: "an animated WebP cannot be published",
				Found: "an animated WebP image", Allowed: "a still image",
				Hint: "publish a still image (PNG or JPEG), or link to the animation hosted elsewhere",
			}
		}
	}
	return info, nil
}

func decodeConfig(k Kind, data []byte) (image.Config, error) {
	r := bytes.NewReader(data)
	switch k {
	case JPEG:
		return jpeg.DecodeConfig(r)
	case PNG:
		return png.DecodeConfig(r)
	case GIF:
		return gif.DecodeConfig(r)
	case WebP:
		return webp.DecodeConfig(r)
	}
	return image.Config{}, fmt.Errorf("%v is not an image", k)
}

// checkSize refuses sizes over the limits, and empty ones.
func (s Settings) checkSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return broken(fmt.Errorf("the header says %d × %d pixels", w, h))
	}
	if w > s.MaxSide || h > s.MaxSide || int64(w)*int64(h) > int64(s.MaxPixels) {
		return &Problem{
			Code:    "image-too-large",
			Message: "the image has more pixels than Agora decodes",
			Found:   fmt.Sprintf("%d × %d pixels (%.1f megapixels)", w, h, float64(w)*float64(h)/1e6),
			Allowed: fmt.Sprintf("at most %.0f megapixels and %d pixels a side", float64(s.MaxPixels)/1e6, s.MaxSide),
			Hint:    "resize it first (a phone photo has about 12 megapixels); a small file that claims this many pixels is a decompression bomb",
		}
	}
	return nil
}

// broken is the Problem of an image a decoder cannot read.
func broken(err error) *Problem {
	return &Problem{
		Code:    "image-broken",
		Message: "the image cannot be read: it is damaged or cut short",
		Found:   err.Error(),
		Allowed: "a complete JPEG, PNG, GIF or WebP image",
		Hint:    "copy or export the photo again from the phone or camera",
		Err:     err,
	}
}

// gifFrames counts the frames of a GIF by walking its blocks, without
// decoding any (0 when the structure is damaged: the decoder will say so).
func gifFrames(data []byte) int {
	if len(data) < 13 {
		return 0
	}
	i := 13
	if data[10]&0x80 != 0 { // global colour table
		i += 3 << (data[10]&7 + 1)
	}
	frames := 0
	for i < len(data) {
		switch data[i] {
		case 0x3b: // trailer
			return frames
		case 0x21: // extension: label, then sub-blocks
			i += 2
		case 0x2c: // image descriptor, local colour table, LZW minimum code size
			if i+10 > len(data) {
				return frames
			}
			flags := data[i+9]
			i += 10
			if flags&0x80 != 0 {
				i += 3 << (flags&7 + 1)
			}
			i++
			frames++
		default:
			return frames
		}
		for i < len(data) && data[i] != 0 { // sub-blocks up to the empty one
			i += int(data[i]) + 1
		}
		i++
	}
	return frames
}

// pngAnimated reports whether a PNG is an APNG: an acTL chunk before its
// image data.
func pngAnimated(data []byte) bool {
	_, found := pngChunkBeforeIDAT(data, "acTL")
	return found
}

const webpAnimated = 0x02

// webpFeatures returns a WebP's VP8X flags (0 without VP8X) and whether
// its image data is lossless (VP8L).
func webpFeatures(data []byte) (flags byte, lossless bool) {
	for i := 12; i+8 <= len(data); {
		n := int(uint32(data[i+4]) | uint32(data[i+5])<<8 | uint32(data[i+6])<<16 | uint32(data[i+7])<<24)
		switch string(data[i : i+4]) {
		case "VP8X":
			if i+9 <= len(data) {
				flags = data[i+8]
			}
		case "VP8L":
			return flags, true
		case "VP8 ":
			return flags, false
		}
		if n < 0 || n > len(data)-i-8 {
			break
		}
		i += 8 + n + n&1
	}
	return flags, false
}
