package media

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
	plantedMake    = "PlantedMakeCorp"
	plantedSerial  = "SN-PLANTED-0042"
	plantedTime    = "2019:07:04 12:34:56"
	plantedXMP     = "PlantedXMPCreator"
	plantedIPTC    = "PlantedIPTCByline"
	plantedComment = "PlantedJPEGComment"
	plantedICC     = "PlantedICCProfile"
	plantedText    = "PlantedPNGText"
)

// plantedGPS are the numerators of the planted position, 17°13'45.678"N
// 96°43'21.987"W (Oaxaca), as a TIFF rational writes them.
var plantedGPS = []uint32{17, 13, 45678, 96, 43, 21987}

// tiffEntry is one IFD entry: a SHORT, LONG, ASCII or RATIONAL list.
type tiffEntry struct {
	tag, typ uint16
	shorts   []uint16
	longs    []uint32 // LONG values, or RATIONAL numerator/denominator pairs
	ascii    string
	sub      []tiffEntry // the IFD a pointer entry (LONG) points to
}

type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// tiff writes TIFF data (as EXIF holds it) of one IFD0 with sub-IFDs.
func tiff(order byteOrder, ifd0 []tiffEntry) []byte {
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
func writeIFD(order byteOrder, b []byte, entries []tiffEntry) []byte {
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

// plantedExif is EXIF with the orientation, a camera make, serial number,
// time and the planted GPS position.
func plantedExif(order byteOrder, orientation int) []byte {
	gps := []tiffEntry{
		{tag: 1, typ: 2, ascii: "N"},
		{tag: 2, typ: 5, longs: []uint32{plantedGPS[0], 1, plantedGPS[1], 1, plantedGPS[2], 1000}},
		{tag: 3, typ: 2, ascii: "W"},
		{tag: 4, typ: 5, longs: []uint32{plantedGPS[3], 1, plantedGPS[4], 1, plantedGPS[5], 1000}},
	}
	exifIFD := []tiffEntry{
		{tag: 0x9003, typ: 2, ascii: plantedTime},
		{tag: 0xa431, typ: 2, ascii: plantedSerial},
	}
	return tiff(order, []tiffEntry{
		{tag: 0x010f, typ: 2, ascii: plantedMake},
		{tag: 0x0112, typ: 3, shorts: []uint16{uint16(orientation)}},
		{tag: 0x0132, typ: 2, ascii: plantedTime},
		{tag: 0x8769, sub: exifIFD},
		{tag: 0x8825, sub: gps},
	})
}

// plantedNeedles are the byte strings no published copy may contain.
func plantedNeedles() [][]byte {
	n := [][]byte{}
	for _, s := range []string{plantedMake, plantedSerial, plantedTime, plantedXMP, plantedIPTC, plantedComment, plantedICC, plantedText, "Exif\x00", "http://ns.adobe.com/xap", "ICC_PROFILE", "Photoshop 3.0"} {
		n = append(n, []byte(s))
	}
	for _, v := range plantedGPS {
		if v > 255 { // small numbers are in every file; the seconds are not
			n = append(n, binary.BigEndian.AppendUint32(nil, v), binary.LittleEndian.AppendUint32(nil, v))
		}
	}
	return n
}

// quadrants is a w × h image whose stored quarters are red (top left),
// green (top right), blue (bottom left) and yellow (bottom right).
func quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := [4]color.RGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 0, 255}}[2*(2*y/h)+2*x/w]
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func jpegOf(t testing.TB, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jpegSegment is a JPEG marker segment.
func jpegSegment(marker byte, body []byte) []byte {
	n := len(body) + 2
	return append([]byte{0xff, marker, byte(n >> 8), byte(n)}, body...)
}

// plantedJPEG is a JPEG of m carrying EXIF (orientation, GPS, serial),
// XMP, IPTC, an ICC profile and a comment, as phones and editors write them.
func plantedJPEG(t testing.TB, m image.Image, orientation int) []byte {
	plain := jpegOf(t, m)
	xmp := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>` + plantedXMP + `</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`
	iptc := append([]byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x16\x1c\x02\x50\x00\x11"), plantedIPTC...)
	segments := bytes.Join([][]byte{
		jpegSegment(0xe1, append([]byte("Exif\x00\x00"), plantedExif(binary.BigEndian, orientation)...)),
		jpegSegment(0xe1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmp...)),
		jpegSegment(0xe2, append([]byte("ICC_PROFILE\x00\x01\x01"), plantedICC...)),
		jpegSegment(0xed, iptc),
		jpegSegment(0xfe, []byte(plantedComment)),
	}, nil)
	return append(append([]byte{0xff, 0xd8}, segments...), plain[2:]...)
}

// pngChunk is a PNG chunk with its CRC.
func pngChunk(kind string, body []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	b = append(append(b, kind...), body...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(kind), body...)))
}

// plantedPNG is a PNG of m with eXIf (orientation, GPS), tEXt, iTXt, zTXt,
// iCCP and tIME chunks before its image data.
func plantedPNG(t testing.TB, m image.Image, orientation int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	ihdrEnd := 8 + 25
	extra := bytes.Join([][]byte{
		pngChunk("eXIf", plantedExif(binary.LittleEndian, orientation)),
		pngChunk("tEXt", []byte("Author\x00"+plantedText)),
		pngChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00<dc:creator>"+plantedXMP+"</dc:creator>")),
		pngChunk("zTXt", append([]byte("Comment\x00\x00"), deflated(t, plantedComment)...)),
		pngChunk("iCCP", append([]byte("icc\x00\x00"), deflated(t, plantedICC)...)),
		pngChunk("tIME", []byte{0x07, 0xe3, 7, 4, 12, 34, 56}),
	}, nil)
	return bytes.Join([][]byte{plain[:ihdrEnd], extra, plain[ihdrEnd:]}, nil)
}

// plantedWebP is a lossy WebP of m in the extended format, with ICCP,
// EXIF (orientation, GPS) and XMP chunks.
func plantedWebP(t testing.TB, m image.Image, orientation int) []byte {
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
		riffChunk("VP8X", vp8x),
		riffChunk("ICCP", []byte(plantedICC)),
		simple[12:],
		riffChunk("EXIF", plantedExif(binary.LittleEndian, orientation)),
		riffChunk("XMP ", []byte("<dc:creator>"+plantedXMP+"</dc:creator>")),
	}, nil)
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(4+len(chunks)))...), append([]byte("WEBP"), chunks...)...)
}

// plantedFiles are m as a JPEG, a PNG and a WebP, each with every kind
// of metadata its format holds, stored with orientation o.
func plantedFiles(t testing.TB, m image.Image, o int) map[string][]byte {
	return map[string][]byte{"jpeg": plantedJPEG(t, m, o), "png": plantedPNG(t, m, o), "webp": plantedWebP(t, m, o)}
}

func riffChunk(kind string, body []byte) []byte {
	b := append([]byte(kind), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// deflated is s zlib-compressed, as zTXt and iCCP hold text.
func deflated(t testing.TB, s string) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
