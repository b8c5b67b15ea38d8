package media

import (
	"bytes"
	"compress/zlib"
	"html"
	"io"
	"strings"
	"unicode/utf16"
)

// PDFField is a field of a PDF's metadata that names a person.
type PDFField struct {
	Field string // "Author" (the Info dictionary) or "dc:creator" (XMP)
	Value string
}

// Problem is the check's warning about the field: the PDF is published
// as it is, so whoever downloads it can read the name.
func (f PDFField) Problem() *Problem {
	return &Problem{
		Code:    "pdf-author",
		Message: "the PDF's metadata names a person, and the PDF is published as it is",
		Found:   f.Field + ": " + printable(f.Value),
		Hint:    "if the name should not be public, remove it in the program that made the PDF (File › Properties) and export it again",
		Warning: true,
	}
}

// Limits of what PDFAuthors inflates: object streams can hold the Info
// dictionary and metadata streams the XMP; neither is large in a real
// file, and a compressed stream is never inflated past them.
const (
	pdfStreamLimit = 1 << 20
	pdfTotalLimit  = 8 << 20
)

// PDFAuthors returns the fields of a PDF's metadata that name a person:
// /Author of the Info dictionary and dc:creator (or pdf:Author) of its
// XMP metadata, in plain or Flate-compressed objects. The check warns
// about each, naming the field: the file is published as it is (Agora
// never rewrites a document), so the author's name is public.
func PDFAuthors(data []byte) []PDFField {
	var found []PDFField
	seen := map[PDFField]bool{}
	add := func(f PDFField) {
		f.Value = strings.TrimSpace(strings.ToValidUTF8(f.Value, "\uFFFD"))
		if f.Value != "" && !seen[f] {
			seen[f] = true
			found = append(found, f)
		}
	}
	scan := func(b []byte) {
		for _, v := range infoAuthors(b) {
			add(PDFField{"Author", v})
		}
		for _, v := range xmpCreators(b) {
			add(PDFField{"dc:creator", v})
		}
	}
	scan(data)
	budget := pdfTotalLimit
	for _, s := range flateStreams(data) {
		if budget <= 0 {
			break
		}
		inflated := inflate(s, min(pdfStreamLimit, budget))
		budget -= len(inflated)
		scan(inflated)
	}
	return found
}

// infoAuthors returns the values of every /Author key in b.
func infoAuthors(b []byte) []string {
	var out []string
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("/Author"))
		if j < 0 {
			return out
		}
		i += j + len("/Author")
		if i < len(b) && isPDFNameChar(b[i]) { // /AuthorTitle is another key
			continue
		}
		rest := bytes.TrimLeft(b[i:], " \t\r\n\f\x00")
		if len(rest) > 0 {
			switch rest[0] {
			case '(':
				out = append(out, pdfText(literalString(rest[1:])))
			case '<':
				out = append(out, pdfText(hexString(rest[1:])))
			}
		}
	}
}

func isPDFNameChar(c byte) bool {
	return c > ' ' && c < 0x7f && !strings.ContainsRune("()<>[]{}/%", rune(c))
}

// literalString decodes a PDF literal string whose "(" came before b: its
// escapes, octal codes and balanced parentheses.
func literalString(b []byte) []byte {
	var out []byte
	depth := 0
	for i := 0; i < len(b) && len(out) < 4096; i++ {
		c := b[i]
		switch {
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return out
			}
			depth--
		case c == '\\' && i+1 < len(b):
			i++
			switch e := b[i]; e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n': // a line continued
				if e == '\r' && i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
				continue
			default:
				if '0' <= e && e <= '7' {
					v := 0
					for k := 0; k < 3 && i < len(b) && '0' <= b[i] && b[i] <= '7'; k++ {
						v = v*8 + int(b[i]-'0')
						i++
					}
					i--
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// hexString decodes a PDF hex string whose "<" came before b.
func hexString(b []byte) []byte {
	var out []byte
	var hi, n int
	for _, c := range b {
		var v int
		switch {
		case c == '>':
			if n == 1 {
				out = append(out, byte(hi<<4))
			}
			return out
		case '0' <= c && c <= '9':
			v = int(c - '0')
		case 'a' <= c && c <= 'f':
			v = int(c-'a') + 10
		case 'A' <= c && c <= 'F':
			v = int(c-'A') + 10
		default:
			continue // white space
		}
		if n == 0 {
			hi, n = v, 1
		} else {
			out, n = append(out, byte(hi<<4|v)), 0
		}
		if len(out) >= 4096 {
			return out
		}
	}
	return out
}

// pdfText turns a PDF text string into UTF-8: UTF-16BE after its byte
// order mark, UTF-8 after its mark (PDF 2.0), else PDFDocEncoding, read
// here as Latin-1 (they differ only in rare punctuation).
func pdfText(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		b = b[2:]
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u))
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		return strings.ToValidUTF8(string(b[3:]), "\uFFFD")
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// xmpCreators returns the people XMP metadata names: each rdf:li of
// dc:creator, and pdf:Author.
func xmpCreators(b []byte) []string {
	var out []string
	for _, tag := range []string{"dc:creator", "pdf:Author"} {
		open, end := []byte("<"+tag+">"), []byte("</"+tag+">")
		for rest := b; ; {
			i := bytes.Index(rest, open)
			if i < 0 {
				break
			}
			rest = rest[i+len(open):]
			j := bytes.Index(rest, end)
			if j < 0 {
				break
			}
			body := rest[:j]
			rest = rest[j:]
			items := listItems(body)
			if len(items) == 0 {
				items = []string{string(body)}
			}
			for _, it := range items {
				out = append(out, html.UnescapeString(it))
			}
		}
	}
	return out
}

// listItems returns the text of each <rdf:li …>…</rdf:li> of body.
func listItems(body []byte) []string {
	var out []string
	for {
		i := bytes.Index(body, []byte("<rdf:li"))
		if i < 0 {
			return out
		}
		body = body[i:]
		gt := bytes.IndexByte(body, '>')
		end := bytes.Index(body, []byte("</rdf:li>"))
		if gt < 0 || end < gt {
			return out
		}
		out = append(out, string(body[gt+1:end]))
		body = body[end:]
	}
}

// flateStreams returns the data of the Flate-compressed streams of a PDF
// that may hold metadata: object streams (/ObjStm, where the Info
// dictionary can be) and metadata streams (/Metadata).
func flateStreams(data []byte) [][]byte {
	var out [][]byte
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("stream"))
		if j < 0 {
			return out
		}
		start := i + j
		i = start + len("stream")
		if start >= 3 && string(data[start-3:start]) == "end" {
			continue
		}
		dict := data[max(0, start-512):start]
		if k := bytes.LastIndex(dict, []byte("<<")); k >= 0 {
			dict = dict[k:]
		}
		if !bytes.Contains(dict, []byte("/FlateDecode")) || !bytes.Contains(dict, []byte("/ObjStm")) && !bytes.Contains(dict, []byte("/Metadata")) {
			continue
		}
		body := data[i:]
		body = bytes.TrimPrefix(body, []byte("\r"))
		body = bytes.TrimPrefix(body, []byte("\n"))
		if e := bytes.Index(body, []byte("endstream")); e >= 0 {
			body = body[:e]
		}
		out = append(out, body)
	}
}

// inflate returns up to limit bytes of zlib data, as many as it can of
// damaged data.
func inflate(b []byte, limit int) []byte {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	out, _ := io.ReadAll(io.LimitReader(zr, int64(limit)))
	return out
}
