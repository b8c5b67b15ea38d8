package media

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	odt := func(mimetype string, more ...string) []byte {
		return zipOf(t, append([]string{"mimetype", mimetype, "content.xml", "<office:document-content/>", "META-INF/manifest.xml", "<manifest/>"}, more...)...)
	}
	ooxml := func(main string, more ...string) []byte {
		return zipOf(t, append([]string{"[Content_Types].xml", `<Types><Override ContentType="application/vnd.openxmlformats-officedocument.main+xml"/></Types>`, "_rels/.rels", "<Relationships/>", main, "<x/>"}, more...)...)
	}
	id3 := append([]byte("ID3\x04\x00\x00\x00\x00\x00\x0a"), make([]byte, 10)...)
	for _, c := range []struct {
		name string
		data []byte
		want Kind
		// found is a part of the refusal's Found, when the file is refused.
		found string
	}{
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), JPEG, ""},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), PNG, ""},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), GIF, ""},
		{"webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), WebP, ""},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), PDF, ""},
		{"odt", odt("application/vnd.oasis.opendocument.text"), ODT, ""},
		{"ods", odt("application/vnd.oasis.opendocument.spreadsheet"), ODS, ""},
		{"odp", odt("application/vnd.oasis.opendocument.presentation"), ODP, ""},
		{"docx", ooxml("word/document.xml"), DOCX, ""},
		{"xlsx", ooxml("xl/workbook.xml"), XLSX, ""},
		{"pptx", ooxml("ppt/presentation.xml"), PPTX, ""},
		{"csv comma", []byte("name,country\nAna,MX\nBat,MN\n"), CSV, ""},
		{"csv semicolon with BOM", []byte("\xef\xbb\xbfnombre;país\nAna;MX\nLuis;MX\n"), CSV, ""},
		{"text", []byte("Minutes of the 3 March gathering.\nWe agreed, after a long talk, to meet again.\n"), Text, ""},
		{"text khmer", []byte("កិច្ចប្រជុំ\n"), Text, ""},
		{"text with a stray comma is not csv", []byte("one, two\nthree\n"), Text, ""},
		{"text mentioning a tag", []byte("Write a < b when a is less.\n"), Text, ""},
		{"mp3 frames", mp3Frames(3), MP3, ""},
		{"mp3 with id3", append(id3, mp3Frames(2)...), MP3, ""},
		{"ogg vorbis", oggPage("\x01vorbis\x00\x00\x00\x00"), Ogg, ""},
		{"ogg opus", oggPage("OpusHead\x01\x02"), Ogg, ""},
		{"m4a brand", isoBox("ftyp", []byte("M4A \x00\x00\x00\x00M4A mp42isom")), M4A, ""},
		{"mp4 audio only", mp4With("soun"), M4A, ""},

		{"html named .jpg", []byte("<!DOCTYPE html><html><body><script>alert(1)</script>"), Unknown, "HTML"},
		{"html after whitespace", []byte("\n\n  <HTML><body>hi"), Unknown, "HTML"},
		{"svg with script", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), Unknown, "HTML with a script"},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`), Unknown, "SVG"},
		{"xml", []byte(`<?xml version="1.0"?><data/>`), Unknown, "markup"},
		{"script in csv", []byte("a,b\n1,<script>x</script>\n"), Unknown, "script"},
		{"shell script", []byte("#!/bin/sh\nrm -rf ~\n"), Unknown, "script"},
		{"php", []byte("hello <?php system($_GET['c']); ?>"), Unknown, "PHP"},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00"), Unknown, "ELF"},
		{"pe", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 60)...), Unknown, "PE executable"},
		{"mach-o", []byte("\xcf\xfa\xed\xfe\x07\x00\x00\x01"), Unknown, "Mach-O"},
		{"wasm", []byte("\x00asm\x01\x00\x00\x00"), Unknown, "WebAssembly"},
		{"plain zip", zipOf(t, "notes.txt", "hello", "photo.jpg", "\xff\xd8\xff"), Unknown, "ZIP archive that is not an office document"},
		{"jar", zipOf(t, "META-INF/MANIFEST.MF", "Main-Class: X", "X.class", "\xca\xfe\xba\xbe"), Unknown, "Java"},
		{"docm", ooxml("word/document.xml", "word/vbaProject.bin", "\xd0\xcf\x11\xe0"), Unknown, "macros"},
		{"xlsm by content type", zipOf(t, "[Content_Types].xml", `<Types><Override ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>`, "xl/workbook.xml", "<x/>"), Unknown, "macros"},
		{"docx with activex", ooxml("word/document.xml", "word/activeX/activeX1.xml", "<ax/>"), Unknown, "ActiveX"},
		{"odt with macros", odt("application/vnd.oasis.opendocument.text", "Basic/Standard/Module1.xml", "<x/>"), Unknown, "macros"},
		{"odf drawing", odt("application/vnd.oasis.opendocument.graphics"), Unknown, "another kind"},
		{"epub", zipOf(t, "mimetype", "application/epub+zip", "content.opf", "<x/>"), Unknown, "EPUB"},
		{"ooxml without main part", zipOf(t, "[Content_Types].xml", "<Types/>", "other.xml", "<x/>"), Unknown, "not a document"},
		{"damaged zip", []byte("PK\x03\x04garbage"), Unknown, "damaged ZIP"},
		{"old office", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), Unknown, "old Microsoft Office"},
		{"heic", isoBox("ftyp", []byte("heic\x00\x00\x00\x00mif1heic")), Unknown, "HEIC"},
		{"mp4 video", mp4With("vide", "soun"), Unknown, "video"},
		{"ogg theora", oggPage("\x80theora\x03\x02"), Unknown, "Theora"},
		{"webm", []byte("\x1aE\xdf\xa3\x9f\x42\x86\x81\x01"), Unknown, "WebM"},
		{"wav", []byte("RIFF\x24\x00\x00\x00WAVEfmt "), Unknown, "WAV"},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00"), Unknown, "archive"},
		{"utf-16", []byte("\xff\xfeh\x00i\x00"), Unknown, "UTF-16"},
		{"latin-1", []byte("caf\xe9 con leche\n"), Unknown, "UTF-8"},
		{"nul", []byte("abc\x00def"), Unknown, "control"},
		{"mp3 sync without a next frame", append([]byte{0xff, 0xfb, 0x90, 0x64}, bytes.Repeat([]byte{'x'}, 500)...), Unknown, "starts like MP3"},
		{"id3 alone", id3, Unknown, "ID3 tag without"},
		{"empty", nil, Unknown, "empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Sniff(c.data)
			if got != c.want {
				t.Fatalf("Sniff = %v, %v; want %v", got, err, c.want)
			}
			if c.found == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("error %v is not a *Problem", err)
			}
			if !strings.Contains(p.Found, c.found) || p.Code != "file-kind" || p.Hint == "" || p.Allowed != Allowed {
				t.Errorf("refusal %+v; want found containing %q, a hint and the allowed kinds", p, c.found)
			}
		})
	}
}

// TestSniffDoesNotReadAZipBomb: a [Content_Types].xml that claims to
// inflate past the limit is refused without inflating it.
func TestSniffDoesNotReadAZipBomb(t *testing.T) {
	bomb := zipOf(t, "[Content_Types].xml", strings.Repeat("a", 2<<20), "word/document.xml", "<x/>")
	if k, err := Sniff(bomb); k != Unknown || err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("Sniff = %v, %v; want a damaged Office document, too large", k, err)
	}
}
