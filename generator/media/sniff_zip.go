package media

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
)

// sniffZip tells OpenDocument and Office Open XML files from other ZIP
// archives by their entries: an OpenDocument file names its kind in a
// "mimetype" entry, an Office Open XML file has "[Content_Types].xml" and
// the main part of its kind. Documents with macros are refused: a macro
// is a program that runs when the reader opens the file.
func sniffZip(data []byte) (Kind, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return Unknown, refuse("a damaged ZIP archive ("+err.Error()+")", "export the document again from the program that made it")
	}
	names := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		names[f.Name] = f
	}
	if f := names["mimetype"]; f != nil {
		return openDocument(f, names)
	}
	if f := names["[Content_Types].xml"]; f != nil {
		return officeOpenXML(f, names)
	}
	switch {
	case names["META-INF/MANIFEST.MF"] != nil:
		return Unknown, refuse("a Java program (JAR)", hintScript)
	case names["AndroidManifest.xml"] != nil:
		return Unknown, refuse("an Android app (APK)", hintScript)
	}
	return Unknown, refuse("a ZIP archive that is not an office document", "publish the files it holds one by one, or link to where the archive is hosted")
}

// openDocument reads the kind an OpenDocument file names in its
// "mimetype" entry. Macros live under Basic/ and Scripts/.
func openDocument(mimetype *zip.File, names map[string]*zip.File) (Kind, error) {
	mt, err := readSmall(mimetype, 200)
	if err != nil {
		return Unknown, refuse("a damaged OpenDocument file ("+err.Error()+")", "export the document again from the program that made it")
	}
	var k Kind
	switch strings.TrimSpace(mt) {
	case "application/vnd.oasis.opendocument.text":
		k = ODT
	case "application/vnd.oasis.opendocument.spreadsheet":
		k = ODS
	case "application/vnd.oasis.opendocument.presentation":
		k = ODP
	case "application/epub+zip":
		return Unknown, refuse("an e-book (EPUB)", "publish it as PDF")
	default:
		return Unknown, refuse("an OpenDocument file of another kind ("+printable(mt)+")", hintOffice)
	}
	if names["content.xml"] == nil {
		return Unknown, refuse("a damaged OpenDocument file (no content.xml)", "export the document again from the program that made it")
	}
	for name := range names {
		if strings.HasPrefix(name, "Basic/") || strings.HasPrefix(name, "Scripts/") {
			return Unknown, refuse("an OpenDocument file with macros ("+printable(name)+")", "save a copy without macros, or as PDF")
		}
	}
	return k, nil
}

// officeOpenXML tells a .docx, .xlsx or .pptx by its main part; a
// macro-enabled one (.docm, .xlsm, .pptm) carries vbaProject.bin and says
// macroEnabled in its content types; ActiveX controls sit in activeX/.
func officeOpenXML(types *zip.File, names map[string]*zip.File) (Kind, error) {
	ct, err := readSmall(types, 1<<20)
	if err != nil {
		return Unknown, refuse("a damaged Office document ("+err.Error()+")", "export the document again from the program that made it")
	}
	macros := strings.Contains(strings.ToLower(ct), "macroenabled")
	activeX := false
	for name := range names {
		lower := strings.ToLower(name)
		macros = macros || strings.HasSuffix(lower, "vbaproject.bin")
		activeX = activeX || strings.Contains(lower, "/activex/")
	}
	switch {
	case macros:
		return Unknown, refuse("an Office document with macros (.docm, .xlsm or .pptm)", "save it without macros as .docx, .xlsx or .pptx, or as PDF")
	case activeX:
		return Unknown, refuse("an Office document with ActiveX controls (programs that run when it opens)", "remove the controls, or save it as PDF")
	}
	switch {
	case names["word/document.xml"] != nil:
		return DOCX, nil
	case names["xl/workbook.xml"] != nil:
		return XLSX, nil
	case names["ppt/presentation.xml"] != nil:
		return PPTX, nil
	}
	return Unknown, refuse("an Office Open XML package that is not a document, spreadsheet or presentation", hintOffice)
}

// readSmall reads an entry of at most limit bytes, uncompressed; a
// larger one is damaged or hostile (a ZIP bomb), never read whole.
func readSmall(f *zip.File, limit int64) (string, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return "", errors.New(f.Name + " is too large")
	}
	r, err := f.Open()
	if err != nil {
		return "", err
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return "", err
	}
	if int64(len(b)) > limit {
		return "", errors.New(f.Name + " is too large")
	}
	return string(b), nil
}

// printable quotes a name read from a file for a message, cut short.
func printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= 60 {
			b.WriteString("…")
			break
		}
		if r < ' ' || r == 0x7f || r == '\uFFFD' {
			r = '?'
		}
		b.WriteRune(r)
	}
	return `"` + b.String() + `"`
}
