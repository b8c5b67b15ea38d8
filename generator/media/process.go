package media

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"strconv"
)

// Processed is a processed image: what its header said, and the copies to
// publish, by width ascending. The original's bytes are never among them.
type Processed struct {
	Info     ImageInfo
	Variants []Variant
}

// Variant is one published copy of an image.
type Variant struct {
	Width, Height int
	Kind          Kind // WebP, JPEG or PNG
	// Name is the file name the copy is published under, beside its
	// entry's page: its content's hash and its width, "3fa2b1c4d5e6-960w.webp".
	// The original's name is not in it: phones name photos by the date
	// and time they were taken (IMG_20240312_143055.jpg), which is the
	// metadata the copy is made to drop.
	Name string
	Size int64
	// Sum is the SHA-256 of the copy's bytes.
	Sum [32]byte
	// Data holds the bytes when the copy was just made; a copy found in
	// the cache has Path instead (read it with Bytes).
	Data []byte
	Path string
}

// Largest returns the widest copy, the one a page's src attribute names
// (srcset lets a browser choose a smaller one).
func (m *Processed) Largest() Variant { return m.Variants[len(m.Variants)-1] }

// SrcSet writes a srcset attribute's value, with url giving each copy's
// address relative to the page ("photo-480w.webp 480w, ...").
func (m *Processed) SrcSet(url func(Variant) string) string {
	var b []byte
	for i, v := range m.Variants {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, url(v)...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(v.Width), 10)
		b = append(b, 'w')
	}
	return string(b)
}

// Process makes the published copies of an image in memory: it checks the
// header (InspectImage: refuses a bomb before decoding), decodes, resizes
// to the settings' widths in the stored orientation, turns each copy as a
// viewer shows the original, and encodes each without metadata. It is the
// whole of the work a cache hit saves; Processor runs it on every core.
func Process(data []byte, s Settings) (*Processed, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	info, err := InspectImage(data, s)
	if err != nil {
		return nil, err
	}
	stored, err := decode(info.Kind, data)
	if err != nil {
		return nil, err
	}
	widths := s.targetWidths(info.Width)
	out := &Processed{Info: info, Variants: make([]Variant, len(widths))}
	current := stored
	for i := len(widths) - 1; i >= 0; i-- { // largest first: each copy is made from the one before
		w := widths[i]
		h := max(1, (info.Height*w+info.Width/2)/info.Width)
		sw, sh := w, h
		if transposes(info.Orientation) {
			sw, sh = h, w
		}
		current = scaled(current, sw, sh)
		v, err := variant(orient(current, info.Orientation), info.Lossless, s)
		if err != nil {
			return nil, fmt.Errorf("encoding the %d-pixel copy: %w", w, err)
		}
		out.Variants[i] = v
	}
	return out, nil
}

func variant(m *image.RGBA, lossless bool, s Settings) (Variant, error) {
	enc, err := encode(m, lossless, s)
	if err != nil {
		return Variant{}, err
	}
	v := Variant{Width: m.Rect.Dx(), Height: m.Rect.Dy(), Kind: enc.kind, Data: enc.data, Size: int64(len(enc.data)), Sum: sha256.Sum256(enc.data)}
	v.Name = variantName(v.Sum, v.Width, v.Kind)
	return v, nil
}

func variantName(sum [32]byte, width int, k Kind) string {
	return hex.EncodeToString(sum[:6]) + "-" + strconv.Itoa(width) + "w" + k.Ext()
}
