package media

import (
	"bytes"
	"encoding/binary"
)

// Orientation returns the EXIF orientation (1 to 8; 1 when there is none
// or it cannot be read) of a JPEG (APP1 "Exif"), PNG (eXIf chunk before
// the image data) or WebP (EXIF chunk). It reads one tag, 0x0112 of IFD0,
// where a full EXIF library would parse every tag of every IFD: the
// published copy keeps no other EXIF value, so no other is read (see the
// package documentation for the measurements). Every offset is checked:
// a damaged or hostile file gives 1, never a panic (FuzzOrientation).
func Orientation(k Kind, data []byte) int {
	var tiff []byte
	switch k {
	case JPEG:
		tiff = jpegExif(data)
	case PNG:
		tiff = pngExif(data)
	case WebP:
		tiff = webpExif(data)
	}
	return tiffOrientation(tiff)
}

// jpegExif returns the TIFF data of a JPEG's first APP1 Exif segment,
// looking no further than the start of the scan.
func jpegExif(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return nil
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return nil
		}
		marker := data[i+1]
		switch {
		case marker == 0xff: // fill byte
			i++
			continue
		case marker == 0x01 || 0xd0 <= marker && marker <= 0xd7: // no length
			i += 2
			continue
		case marker == 0xda || marker == 0xd9: // start of scan, end of image
			return nil
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil
		}
		body := data[i+4 : i+2+n]
		if marker == 0xe1 && bytes.HasPrefix(body, []byte("Exif\x00\x00")) {
			return body[6:]
		}
		i += 2 + n
	}
	return nil
}

// pngExif returns the body of a PNG's eXIf chunk. Browsers honour one
// only before the image data.
func pngExif(data []byte) []byte {
	body, _ := pngChunkBeforeIDAT(data, "eXIf")
	return body
}

// pngChunkBeforeIDAT returns the body of a PNG's first chunk of the
// kind, looking no further than the image data.
func pngChunkBeforeIDAT(data []byte, kind string) ([]byte, bool) {
	const sig = 8
	for i := sig; i+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		k := string(data[i+4 : i+8])
		if n < 0 || n > len(data)-i-12 || k == "IDAT" {
			return nil, false
		}
		if k == kind {
			return data[i+8 : i+8+n], true
		}
		i += 12 + n
	}
	return nil, false
}

// webpExif returns the body of a WebP's EXIF chunk (some writers put the
// JPEG "Exif\0\0" prefix before the TIFF data; it is skipped).
func webpExif(data []byte) []byte {
	if len(data) < 12 {
		return nil
	}
	for i := 12; i+8 <= len(data); {
		n := int(binary.LittleEndian.Uint32(data[i+4:]))
		if n < 0 || n > len(data)-i-8 {
			return nil
		}
		if string(data[i:i+4]) == "EXIF" {
			return bytes.TrimPrefix(data[i+8:i+8+n], []byte("Exif\x00\x00"))
		}
		i += 8 + n + n&1 // chunks are padded to an even size
	}
	return nil
}

// tiffOrientation reads tag 0x0112 (a SHORT) of the first IFD of TIFF
// data; 1 when it is missing or out of range.
func tiffOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	if order.Uint16(tiff[2:]) != 42 {
		return 1
	}
	ifd := int64(order.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > int64(len(tiff)) {
		return 1
	}
	count := int64(order.Uint16(tiff[ifd:]))
	for e := ifd + 2; e+12 <= int64(len(tiff)) && count > 0; e, count = e+12, count-1 {
		tag, typ := order.Uint16(tiff[e:]), order.Uint16(tiff[e+2:])
		if tag != 0x0112 {
			continue
		}
		if typ != 3 || order.Uint32(tiff[e+4:]) != 1 {
			return 1
		}
		if v := int(order.Uint16(tiff[e+8:])); 1 <= v && v <= 8 {
			return v
		}
		return 1
	}
	return 1
}
