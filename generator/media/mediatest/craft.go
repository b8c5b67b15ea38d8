// Package mediatest crafts the images the tests of entry folders feed
// Agora: photos whose metadata holds planted values (EXIF GPS, a camera
// serial, XMP, IPTC, ICC, PNG text), in every format, so that a test can
// show no published byte holds any of them.
package mediatest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"sort"
	"testing"

	"github.com/gen2brain/webp"
)

// Values planted in the metadata of crafted photos; no published byte
// may hold any of them.
const (
	Make    = "PlantedMakeCorp"
	Serial  = "SN-PLANTED-0042"
	Time    = "2019:07:04 12:34:56"
	XMP     = "PlantedXMPCreator"
	IPTC    = "PlantedIPTCByline"
	Comment = "PlantedJPEGComment"
	ICC     = "PlantedICCProfile"
	Text    = "PlantedPNGText"
)

// GPS are the numerators of the planted position, 17°13'45.678"N
// 96°43'21.987"W (Oaxaca), as a TIFF rational writes them.
var GPS = []uint32{17, 13, 45678, 96, 43, 21987}

// tiffEntry is one IFD entry: a SHORT, LONG, ASCII or RATIONAL list.
type tiffEntry struct {
	tag, typ uint16
	shorts   []uint16
	longs    []uint32 // LONG values, or RATIONAL numerator/denominator pairs
	ascii    string
	sub      []tiffEntry // the IFD a pointer entry (LONG) points to
}

// ByteOrder is the byte order TIFF data is written in.
type ByteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// tiff writes TIFF data (as EXIF holds it) of one IFD0 with sub-IFDs.
func tiff(order ByteOrder, ifd0 []tiffEntry) []byte {
	var b []byte
	if order == binary.BigEndian {
		b = []byte("MM\x00\x2a\x00\x00\x00\x08")
	} else {
		b = []byte("II\x2a\x00\x08\x00\x00\x00")
	}
	return writeIFD(order, b, ifd0)
}

// writeIFD appends an IFD at the end of b, then the values that do not
// fit in an entry, then the sub-IFDs, and fixes up the offsets.
func writeIFD(order ByteOrder, b []byte, entries []tiffEntry) []byte {
	sort.Slice(entries, func(i, j int) bool { return entries[i].tag < entries[j].tag })
	start := len(b)
	b = order.AppendUint16(b, uint16(len(entries)))
	b = append(b, make([]byte, 12*len(entries)+4)...)
	for i, e := range entries {
		at := start + 2 + 12*i
		var value []byte
		var count int
		switch {
		case e.sub != nil:
			e.typ, count = 4, 1
		case e.typ == 3:
			count = len(e.shorts)
			for _, s := range e.shorts {
				value = order.AppendUint16(value, s)
			}
		case e.typ == 2:
			value, count = append([]byte(e.ascii), 0), len(e.ascii)+1
		case e.typ == 5:
			count = len(e.longs) / 2
			for _, l := range e.longs {
				value = order.AppendUint32(value, l)
			}
		}
		order.PutUint16(b[at:], e.tag)
		order.PutUint16(b[at+2:], e.typ)
		order.PutUint32(b[at+4:], uint32(count))
		switch {
		case e.sub != nil:
			order.PutUint32(b[at+8:], uint32(len(b)))
			b = writeIFD(order, b, e.sub)
		case len(value) <= 4:
			copy(b[at+8:], value)
		default:
			order.PutUint32(b[at+8:], uint32(len(b)))
			b = append(b, value...)
			if len(b)%2 == 1 {
				b = append(b, 0)
			}
		}
	}
	return b
}

// Exif is EXIF with the orientation, a camera make, serial number,
// time and the planted GPS position.
func Exif(order ByteOrder, orientation int) []byte {
	gps := []tiffEntry{
		{tag: 1, typ: 2, ascii: "N"},
		{tag: 2, typ: 5, longs: []uint32{GPS[0], 1, GPS[1], 1, GPS[2], 1000}},
		{tag: 3, typ: 2, ascii: "W"},
		{tag: 4, typ: 5, longs: []uint32{GPS[3], 1, GPS[4], 1, GPS[5], 1000}},
	}
	exifIFD := []tiffEntry{
		{tag: 0x9003, typ: 2, ascii: Time},
		{tag: 0xa431, typ: 2, ascii: Serial},
	}
	return tiff(order, []tiffEntry{
		{tag: 0x010f, typ: 2, ascii: Make},
		{tag: 0x0112, typ: 3, shorts: []uint16{uint16(orientation)}},
		{tag: 0x0132, typ: 2, ascii: Time},
		{tag: 0x8769, sub: exifIFD},
		{tag: 0x8825, sub: gps},
	})
}

// Needles are the byte strings no published copy may contain.
func Needles() [][]byte {
	n := [][]byte{}
	for _, s := range []string{Make, Serial, Time, XMP, IPTC, Comment, ICC, Text, "Exif\x00", "http://ns.adobe.com/xap", "ICC_PROFILE", "Photoshop 3.0"} {
		n = append(n, []byte(s))
	}
	for _, v := range GPS {
		if v > 255 { // small numbers are in every file; the seconds are not
			n = append(n, binary.BigEndian.AppendUint32(nil, v), binary.LittleEndian.AppendUint32(nil, v))
		}
	}
	return n
}

// Quadrants is a w × h image whose stored quarters are red (top left),
// green (top right), blue (bottom left) and yellow (bottom right).
func Quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := [4]color.RGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 0, 255}}[2*(2*y/h)+2*x/w]
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func JPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// JPEGSegment is a JPEG marker segment.
func JPEGSegment(marker byte, body []byte) []byte {
	n := len(body) + 2
	return append([]byte{0xff, marker, byte(n >> 8), byte(n)}, body...)
}

// PlantedJPEG is a JPEG of m carrying EXIF (orientation, GPS, serial),
// XMP, IPTC, an ICC profile and a comment, as phones and editors write them.
func PlantedJPEG(t testing.TB, m image.Image, orientation int) []byte {
	plain := JPEG(t, m)
	xmp := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>` + XMP + `</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`
	iptc := append([]byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x16\x1c\x02\x50\x00\x11"), IPTC...)
	segments := bytes.Join([][]byte{
		JPEGSegment(0xe1, append([]byte("Exif\x00\x00"), Exif(binary.BigEndian, orientation)...)),
		JPEGSegment(0xe1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmp...)),
		JPEGSegment(0xe2, append([]byte("ICC_PROFILE\x00\x01\x01"), ICC...)),
		JPEGSegment(0xed, iptc),
		JPEGSegment(0xfe, []byte(Comment)),
	}, nil)
	return append(append([]byte{0xff, 0xd8}, segments...), plain[2:]...)
}

// PNGChunk is a PNG chunk with its CRC.
func PNGChunk(kind string, body []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	b = append(append(b, kind...), body...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(kind), body...)))
}

// PlantedPNG is a PNG of m with eXIf (orientation, GPS), tEXt, iTXt, zTXt,
// iCCP and tIME chunks before its image data.
func PlantedPNG(t testing.TB, m image.Image, orientation int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	ihdrEnd := 8 + 25
	extra := bytes.Join([][]byte{
		PNGChunk("eXIf", Exif(binary.LittleEndian, orientation)),
		PNGChunk("tEXt", []byte("Author\x00"+Text)),
		PNGChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00<dc:creator>"+XMP+"</dc:creator>")),
		PNGChunk("zTXt", append([]byte("Comment\x00\x00"), Deflated(t, Comment)...)),
		PNGChunk("iCCP", append([]byte("icc\x00\x00"), Deflated(t, ICC)...)),
		PNGChunk("tIME", []byte{0x07, 0xe3, 7, 4, 12, 34, 56}),
	}, nil)
	return bytes.Join([][]byte{plain[:ihdrEnd], extra, plain[ihdrEnd:]}, nil)
}

// PlantedWebP is a lossy WebP of m in the extended format, with ICCP,
// EXIF (orientation, GPS) and XMP chunks.
func PlantedWebP(t testing.TB, m image.Image, orientation int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := webp.Encode(&buf, m, webp.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	simple := buf.Bytes()
	if string(simple[12:16]) != "VP8 " {
		t.Fatalf("libwebp wrote %q, not a simple lossy WebP", simple[12:16])
	}
	w, h := m.Bounds().Dx()-1, m.Bounds().Dy()-1
	vp8x := []byte{0x2c, 0, 0, 0, byte(w), byte(w >> 8), byte(w >> 16), byte(h), byte(h >> 8), byte(h >> 16)} // ICC, EXIF, XMP
	chunks := bytes.Join([][]byte{
		RIFFChunk("VP8X", vp8x),
		RIFFChunk("ICCP", []byte(ICC)),
		simple[12:],
		RIFFChunk("EXIF", Exif(binary.LittleEndian, orientation)),
		RIFFChunk("XMP ", []byte("<dc:creator>"+XMP+"</dc:creator>")),
	}, nil)
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(4+len(chunks)))...), append([]byte("WEBP"), chunks...)...)
}

// PlantedFiles are m as a JPEG, a PNG and a WebP, each with every kind
// of metadata its format holds, stored with orientation o.
func PlantedFiles(t testing.TB, m image.Image, o int) map[string][]byte {
	return map[string][]byte{"jpeg": PlantedJPEG(t, m, o), "png": PlantedPNG(t, m, o), "webp": PlantedWebP(t, m, o)}
}

// RIFFChunk is a RIFF chunk, as WebP holds them, padded to an even length.
func RIFFChunk(kind string, body []byte) []byte {
	b := append([]byte(kind), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// Deflated is s zlib-compressed, as zTXt and iCCP hold text.
func Deflated(t testing.TB, s string) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
