package media

import (
	"fmt"
	"slices"
)

// Settings are how images are processed; a cached copy is reused only
// under the same settings (Fingerprint).
type Settings struct {
	// Widths of the published copies, in pixels. An image gets each width
	// below its own, then its own width when that is not above the
	// largest: never an upscaled copy.
	Widths []int
	// Quality of lossy WebP copies (1-100).
	Quality int
	// JPEGQuality of the JPEG fallback, used where JPEG is smaller than
	// WebP at Quality (about the same look: measured in the package doc).
	JPEGQuality int
	// MaxPixels and MaxSide refuse an image, from its header and before
	// decoding it, whose width × height or either side is larger: a few
	// bytes can claim billions of pixels (a decompression bomb).
	MaxPixels int
	MaxSide   int
}

// Defaults: widths for phones (480), tablets and narrow windows (960)
// and wide screens (1600); quality where WebP matched image/jpeg at 80 in
// PSNR on real photos with 22-78 % of its bytes; 50 megapixels, more than
// any phone's photo.
const (
	DefaultQuality     = 75
	DefaultJPEGQuality = 80
	DefaultMaxPixels   = 50_000_000
	DefaultMaxSide     = 30_000
)

// DefaultWidths are the widths of Settings.Widths when site.toml sets none.
var DefaultWidths = []int{480, 960, 1600}

// DefaultSettings returns the settings of a site.toml that sets none.
func DefaultSettings() Settings {
	return Settings{
		Widths:      slices.Clone(DefaultWidths),
		Quality:     DefaultQuality,
		JPEGQuality: DefaultJPEGQuality,
		MaxPixels:   DefaultMaxPixels,
		MaxSide:     DefaultMaxSide,
	}
}

// Check reports settings no image can be processed under, for site.toml's
// check.
func (s Settings) Check() error {
	if len(s.Widths) == 0 {
		return fmt.Errorf("no image widths: give at least one, such as %v", DefaultWidths)
	}
	for _, w := range s.Widths {
		if w < 16 || w > 8192 {
			return fmt.Errorf("image width %d: widths go from 16 to 8192 pixels", w)
		}
	}
	if s.Quality < 1 || s.Quality > 100 || s.JPEGQuality < 1 || s.JPEGQuality > 100 {
		return fmt.Errorf("image quality %d/%d: quality goes from 1 to 100", s.Quality, s.JPEGQuality)
	}
	if s.MaxPixels < 1 || s.MaxSide < 1 {
		return fmt.Errorf("image limits %d pixels, %d a side: both must be positive", s.MaxPixels, s.MaxSide)
	}
	return nil
}

// targetWidths returns the widths of an image width pixels wide, ascending.
func (s Settings) targetWidths(width int) []int {
	ws := slices.Clone(s.Widths)
	slices.Sort(ws)
	ws = slices.Compact(ws)
	var out []int
	for _, w := range ws {
		if w < width {
			out = append(out, w)
		}
	}
	if len(ws) > 0 && width <= ws[len(ws)-1] {
		out = append(out, width)
	}
	return out
}

// Fingerprint names everything that changes a processed copy: the
// settings, and Version for the code. It is part of every cache key.
func (s Settings) Fingerprint() string {
	ws := slices.Clone(s.Widths)
	slices.Sort(ws)
	return fmt.Sprintf("v%d w%v q%d j%d", Version, slices.Compact(ws), s.Quality, s.JPEGQuality)
}

// Version changes whenever the processing changes the bytes it writes
// (decoder, resizer, encoder, their settings or upgrades), so that the
// cache of an older agora is not reused.
const Version = 1
