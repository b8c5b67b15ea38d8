package media

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"testing"

	"github.com/agora-community/agora/generator/diag"
)

// pdfWith is a small PDF whose objects are the given bodies, in order.
func pdfWith(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	for i, o := range objects {
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	b.WriteString("trailer\n<< /Root 1 0 R /Info 2 0 R >>\n%%EOF\n")
	return b.Bytes()
}

func flateStream(dict, body string) string {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(body))
	zw.Close()
	return fmt.Sprintf("<< %s /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", dict, z.Len(), z.String())
}

func TestPDFAuthors(t *testing.T) {
	xmp := `<x:xmpmeta><rdf:RDF><rdf:Description><dc:creator><rdf:Seq><rdf:li>Bat Erdene</rdf:li><rdf:li xml:lang="x-default">Ana &amp; Luis</rdf:li></rdf:Seq></dc:creator><pdf:Author>Sok Dara</pdf:Author></rdf:Description></rdf:RDF></x:xmpmeta>`
	for _, c := range []struct {
		name string
		pdf  []byte
		want string
	}{
		{"literal", pdfWith("<< /Type /Catalog >>", "<< /Title (Report) /Author (Ana Ferrer) >>"), "[{Author Ana Ferrer}]"},
		{"nested parentheses and escapes", pdfWith("<< /Author (Ana \\(MX\\) (Ferrer)\\051) >>"), "[{Author Ana (MX) (Ferrer))}]"},
		{"hex UTF-16", pdfWith("<< /Author <FEFF0041006E00610020004600E9006C006900780020> >>"), "[{Author Ana Félix}]"},
		{"octal UTF-16", pdfWith("<< /Author (\\376\\377\\000B\\000a\\000t) >>"), "[{Author Bat}]"},
		{"latin-1", pdfWith("<< /Author (Jos\\351) >>"), "[{Author José}]"},
		{"xmp plain", pdfWith("<< /Type /Metadata /Subtype /XML /Length 10 >>\nstream\n" + xmp + "\nendstream"), "[{dc:creator Bat Erdene} {dc:creator Ana & Luis} {dc:creator Sok Dara}]"},
		{"xmp compressed", pdfWith(flateStream("/Type /Metadata /Subtype /XML", xmp)), "[{dc:creator Bat Erdene} {dc:creator Ana & Luis} {dc:creator Sok Dara}]"},
		{"object stream", pdfWith(flateStream("/Type /ObjStm /N 1 /First 4", "2 0 << /Author (Hidden Person) /Producer (x) >>")), "[{Author Hidden Person}]"},
		{"empty author", pdfWith("<< /Author () /Creator (Writer) >>"), "[]"},
		{"another key", pdfWith("<< /AuthorTitle (Dr) >>"), "[]"},
		{"none", pdfWith("<< /Title (Minutes) >>"), "[]"},
		{"cut short", []byte("%PDF-1.4\n<< /Author (Ana"), "[{Author Ana}]"},
	} {
		if got := fmt.Sprint(PDFAuthors(c.pdf)); got != c.want && !(got == "[]" && c.want == "[]") {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// TestPDFAuthorsInflatesWithinLimits: a compressed metadata stream that
// inflates to 4 MB is read only up to the limit.
func TestPDFAuthorsInflatesWithinLimits(t *testing.T) {
	huge := flateStream("/Type /Metadata", string(make([]byte, 4<<20))+"<dc:creator>Far Away</dc:creator>")
	var got []PDFField
	if allocated := allocatedBy(func() { got = PDFAuthors(pdfWith(huge)) }); allocated > 3<<20 {
		t.Errorf("allocated %d bytes", allocated)
	}
	if len(got) != 0 {
		t.Errorf("found %v past the limit", got)
	}
}

func TestPDFFieldWarning(t *testing.T) {
	d := PDFField{"Author", "Ana Ferrer"}.Problem().Diagnostic("content/minutes/m/index.md", 4, 15)
	if d.Severity != diag.Warning || d.Found != `Author: "Ana Ferrer"` || d.Code != "pdf-author" || d.Line != 4 {
		t.Errorf("%+v", d)
	}
}
