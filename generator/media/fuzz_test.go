package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"testing"
	"unicode/utf8"

	"github.com/agora-community/agora/generator/media/mediatest"
)

// seeds are small crafted files of every kind the decoders read.
func seeds(f *testing.F) [][]byte {
	src := mediatest.Quadrants(24, 16)
	return [][]byte{
		mediatest.PlantedJPEG(f, src, 6),
		mediatest.PlantedPNG(f, src, 8),
		mediatest.PlantedWebP(f, src, 3),
		gifOf(f, src),
		pngOf(f, src),
		mediatest.JPEG(f, noisyPhoto(24, 16)),
	}
}

// FuzzSniff: Sniff never panics; a refusal is a *Problem of an Unknown
// kind; text holding a script or SVG tag is never accepted as text.
func FuzzSniff(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	for _, s := range []string{"a,b\n1,2\n", "<svg>", "#!/bin/sh", "%PDF-1.4", "PK\x03\x04", "OggS\x00\x02", "ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x64"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := Sniff(data)
		if err != nil {
			var p *Problem
			if k != Unknown || !errors.As(err, &p) || p.Found == "" || p.Hint == "" {
				t.Fatalf("refusal %v, %#v", k, err)
			}
			return
		}
		if k == Unknown || k.Ext() == "" {
			t.Fatalf("accepted as %v", k)
		}
		if (k == Text || k == CSV) && (!utf8.Valid(data) || bytes.Contains(bytes.ToLower(data), []byte("<script")) || bytes.Contains(bytes.ToLower(data), []byte("<svg"))) {
			t.Fatalf("accepted as %v: %q", k, data)
		}
	})
}

// FuzzOrientation: any TIFF data, planted in a JPEG, a PNG and a WebP,
// gives the same orientation from each, from 1 to 8, and never a panic;
// nor does any file.
func FuzzOrientation(f *testing.F) {
	f.Add(mediatest.Exif(binary.BigEndian, 6))
	f.Add(mediatest.Exif(binary.LittleEndian, 8))
	f.Add([]byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x05"))
	f.Fuzz(func(t *testing.T, tiffData []byte) {
		want := tiffOrientation(tiffData)
		if want < 1 || want > 8 {
			t.Fatalf("orientation %d", want)
		}
		inJPEG := append(append([]byte{0xff, 0xd8}, mediatest.JPEGSegment(0xe1, append([]byte("Exif\x00\x00"), tiffData...))...), 0xff, 0xda)
		inPNG := append([]byte("\x89PNG\r\n\x1a\n"), mediatest.PNGChunk("eXIf", tiffData)...)
		inWebP := append([]byte("RIFF\x00\x00\x00\x00WEBP"), mediatest.RIFFChunk("EXIF", tiffData)...)
		if len(tiffData)+8 > 0xffff {
			inJPEG = nil // too long for a segment
		}
		for k, file := range map[Kind][]byte{JPEG: inJPEG, PNG: inPNG, WebP: inWebP} {
			if file == nil {
				continue
			}
			if got := Orientation(k, file); got != want {
				t.Fatalf("%v: %d, the TIFF data says %d", k, got, want)
			}
			for _, cut := range []int{len(file) / 2, len(file) - 1} {
				if o := Orientation(k, file[:cut]); o < 1 || o > 8 {
					t.Fatalf("cut %v: orientation %d", k, o)
				}
			}
		}
		for _, k := range []Kind{JPEG, PNG, WebP} {
			if o := Orientation(k, tiffData); o < 1 || o > 8 {
				t.Fatalf("%v: orientation %d", k, o)
			}
		}
	})
}

// FuzzDecode: the decoding path (header, limits, decode, resize, turn)
// of any bytes gives an image of the size its header said, or a
// *Problem; never a panic, never more pixels than the limits.
func FuzzDecode(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	s := testSettings(16, 64)
	s.MaxPixels = 1 << 20 // a megapixel: enough for any input the fuzzer makes, and fast
	s.MaxSide = 4096
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := InspectImage(data, s)
		if err != nil {
			assertProblem(t, err)
			return
		}
		if info.Width*info.Height > s.MaxPixels || info.Width > s.MaxSide || info.Height > s.MaxSide {
			t.Fatalf("accepted %d × %d", info.Width, info.Height)
		}
		stored, err := decode(info.Kind, data)
		if err != nil {
			assertProblem(t, err)
			return
		}
		w, h := stored.Rect.Dx(), stored.Rect.Dy()
		if transposes(info.Orientation) {
			w, h = h, w
		}
		if w != info.Width || h != info.Height {
			t.Fatalf("decoded %v; the header said %d × %d, orientation %d", stored.Rect, info.Width, info.Height, info.Orientation)
		}
		tw := min(16, info.Width)
		th := max(1, info.Height*tw/info.Width)
		sw, sh := tw, th
		if transposes(info.Orientation) {
			sw, sh = th, tw
		}
		shown := orient(scaled(stored, sw, sh), info.Orientation)
		if shown.Rect != image.Rect(0, 0, tw, th) {
			t.Fatalf("copy %v, want %d × %d", shown.Rect, tw, th)
		}
	})
}

func assertProblem(t *testing.T, err error) {
	t.Helper()
	var p *Problem
	if !errors.As(err, &p) || p.Message == "" {
		t.Fatalf("error %#v is not a *Problem", err)
	}
}

// FuzzPDFAuthors: any bytes, read as a PDF, give valid UTF-8 fields and
// never a panic.
func FuzzPDFAuthors(f *testing.F) {
	f.Add(pdfWith("<< /Author (Ana \\(MX\\)) >>"))
	f.Add(pdfWith("<< /Author <FEFF0041> >>"))
	f.Add(pdfWith(flateStream("/Type /ObjStm", "<< /Author (x) >>")))
	f.Add(pdfWith("<dc:creator><rdf:Seq><rdf:li>A</rdf:li></rdf:Seq></dc:creator>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fld := range PDFAuthors(data) {
			if fld.Value == "" || !utf8.ValidString(fld.Value) || (fld.Field != "Author" && fld.Field != "dc:creator") {
				t.Fatalf("field %+v", fld)
			}
		}
	})
}
