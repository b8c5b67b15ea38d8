package media

import "image"

// transposes reports whether an orientation swaps width and height.
func transposes(orientation int) bool { return orientation >= 5 && orientation <= 8 }

// orient returns m turned and flipped as EXIF orientation o tells a
// viewer to show it (1 to 8; anything else leaves m as it is). Each
// display pixel (x, y) takes the stored pixel the orientation maps to it.
func orient(m *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return m
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	dw, dh := w, h
	if transposes(o) {
		dw, dh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		row := out.Pix[y*out.Stride:]
		for x := range dw {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // turned 180°
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // mirrored along the top-left diagonal
				sx, sy = y, x
			case 6: // turned 90° clockwise
				sx, sy = y, h-1-x
			case 7: // mirrored along the other diagonal
				sx, sy = w-1-y, h-1-x
			case 8: // turned 90° counter-clockwise
				sx, sy = w-1-y, x
			}
			copy(row[x*4:x*4+4], m.Pix[sy*m.Stride+sx*4:])
		}
	}
	return out
}
