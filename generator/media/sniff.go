package media

import (
	"bytes"
	"encoding/binary"
)

// Hints of the refusals, shared by the sniffers.
const (
	hintHTML   = "publish a PDF instead, or write the text into the entry's Markdown"
	hintSVG    = "an SVG drawing can carry scripts that would run on the site; export it as PNG"
	hintScript = "scripts and programs are never published; show code in a fenced code block of the entry's Markdown, or link to where the program is officially published"
	hintImage  = "export it as JPEG or PNG"
	hintVideo  = "videos are not published; upload it to a video host and link to it"
	hintAudio  = "convert it to MP3 or Ogg"
	hintOffice = "save it as PDF, OpenDocument (.odt, .ods, .odp) or Office Open XML (.docx, .xlsx, .pptx)"
)

// Sniff tells what a file is from its bytes (all of them: an office
// document is told from a ZIP by its entries, an M4A from a video by its
// tracks), whatever its name says. A file that is none of the allowed
// kinds (Allowed) gets a *Problem naming what it is and what to publish
// instead: SVG, HTML, XML, scripts and programs are refused even when
// their names say .jpg or .txt. Sniff reads no more than it needs and
// decodes no image: InspectImage does that.
func Sniff(data []byte) (Kind, error) {
	if len(data) == 0 {
		return Unknown, refuse("an empty file", "remove it, or put the file's real content in it")
	}
	if k, ok := sniffImage(data); ok {
		return k, nil
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return sniffZip(data)
	case bytes.HasPrefix(data, []byte("OggS")):
		return sniffOgg(data)
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return sniffISO(data)
	case bytes.HasPrefix(data, []byte("ID3")) || isMP3Frame(data):
		return sniffMP3(data)
	}
	if found, hint, ok := knownBinary(data); ok {
		return Unknown, refuse(found, hint)
	}
	return sniffText(data)
}

// sniffImage knows the four image kinds by their signatures. Their
// content is checked by InspectImage, which decodes the header.
func sniffImage(data []byte) (Kind, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG, true
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, true
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF, true
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP, true
	}
	return Unknown, false
}

// knownBinary names the binary formats people attach by mistake, so the
// refusal says what the file is and what to do. Signatures from each
// format's specification.
func knownBinary(data []byte) (found, hint string, ok bool) {
	has := func(sig string) bool { return bytes.HasPrefix(data, []byte(sig)) }
	riff := func(form string) bool { return len(data) >= 12 && has("RIFF") && string(data[8:12]) == form }
	switch {
	case has("\x7fELF"):
		return "a program (ELF executable)", hintScript, true
	case has("MZ") && bytes.IndexByte(data[:min(len(data), 64)], 0) >= 0:
		return "a Windows program (PE executable)", hintScript, true
	case has("\xfe\xed\xfa\xce"), has("\xfe\xed\xfa\xcf"), has("\xce\xfa\xed\xfe"), has("\xcf\xfa\xed\xfe"):
		return "a macOS program (Mach-O executable)", hintScript, true
	case has("\xca\xfe\xba\xbe"):
		return "a program (Java class or macOS universal binary)", hintScript, true
	case has("\x00asm"):
		return "a WebAssembly program", hintScript, true
	case has("#!"):
		return "a script (it starts with #!)", hintScript, true
	case has("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
		return "an old Microsoft Office file (.doc, .xls, .ppt), which can carry macros", hintOffice, true
	case has("{\\rtf"):
		return "a Rich Text (RTF) file, which can embed objects", hintOffice, true
	case has("%!"):
		return "a PostScript program", "save it as PDF", true
	case has("II*\x00"), has("MM\x00*"):
		return "a TIFF image", hintImage, true
	case has("BM") && len(data) >= 26 && binary.LittleEndian.Uint32(data[2:]) == uint32(len(data)):
		return "a BMP image", hintImage, true
	case has("\x1aE\xdf\xa3"):
		return "a video (WebM or Matroska)", hintVideo, true
	case riff("AVI "):
		return "a video (AVI)", hintVideo, true
	case riff("WAVE"):
		return "uncompressed audio (WAV)", hintAudio, true
	case has("fLaC"):
		return "FLAC audio", hintAudio, true
	case has("\x1f\x8b"), has("BZh"), has("\xfd7zXZ\x00"), has("7z\xbc\xaf\x27\x1c"), has("Rar!\x1a\x07"):
		return "a compressed archive", "publish the files it holds one by one", true
	case has("\xff\xfe"), has("\xfe\xff"):
		return "text in UTF-16", "save it as UTF-8 (in most editors: Save as… › Encoding: UTF-8)", true
	}
	return "", "", false
}
