package main

import (
	"bytes"
	"fmt"
	"strings"
)

// pdf writes a PDF of pages of text in Helvetica (ASCII only), each page
// a title and lines, with a title in its metadata and no author: the
// check warns about a PDF that names a person.
func pdf(title string, pages [][]string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	// 1 catalog, 2 pages, 3 font, 4 info, then a page and its content each.
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	obj(fmt.Sprintf("<< /Title (%s) /Producer (Agora bench/mkmedia) >>", escapePDF(title)))
	for i, lines := range pages {
		var text strings.Builder
		fmt.Fprintf(&text, "BT /F1 20 Tf 24 TL 56 770 Td (%s) Tj /F1 12 Tf 18 TL T* T*", escapePDF(lines[0]))
		for _, l := range lines[1:] {
			fmt.Fprintf(&text, " (%s) '", escapePDF(l))
		}
		text.WriteString(" ET")
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 6+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", text.Len(), text.String()))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

func escapePDF(s string) string {
	return strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
}

func reportPDF() []byte {
	return pdf("Annual gathering 2025: report", [][]string{{
		"Annual gathering 2025: report",
		"Ulaanbaatar, Mongolia, and online, 12-14 June 2025.",
		"",
		"Twelve members met: eight in person, four online, in four languages.",
		"",
		"Decisions",
		"1. The charter is revised (version 1.1): the partnership marketplace",
		"   and the seven-day rule for minutes.",
		"2. The rule 'Minutes within seven days' is adopted.",
		"3. The 2026 gathering will take place in Siem Reap.",
		"",
		"Needs and offers",
		"The needs survey found data protection and NGO registration the largest",
		"unmet needs; the marketplace page lists who offers what.",
	}})
}

func slidesPDF() []byte {
	return pdf("Learning circles 101: slides", [][]string{
		{"Learning circles 101", "A learning circle is members teaching members.", "", "- Bring one question your organization faces.", "- Listen to what other members tried.", "- Write down what you will try next, and who will help."},
		{"Needs and offers", "Write your needs and offers as topics of the network:", "the directory then shows who can help with what."},
	})
}
