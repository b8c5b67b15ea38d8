// Package spreadsheet brings a community's spreadsheets in and out:
// agora import turns a CSV file into entries, checked as agora check
// checks them, and agora export writes the entries of a type as CSV or
// JSON. Problems are reported at FILE:ROW:COL, row 1 being the header and
// COL the column's number, as spreadsheet programs count them.
package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/agora-community/agora/generator/diag"
)

// table is a CSV file read: the header and the rows under it, each cell
// trimmed of the spaces around it.
type table struct {
	file   string
	header []string
	rows   [][]string // rows[i] is row i+2 of the file
	comma  rune
}

var bom = []byte("\ufeff")

// readTable reads a CSV file's bytes: UTF-8 with or without a byte order
// mark, its delimiter (comma, semicolon or tab) found from the header.
func readTable(file string, src []byte) (*table, diag.List) {
	src = bytes.TrimPrefix(src, bom)
	if !utf8.Valid(src) {
		row, col := invalidPosition(src)
		return nil, diag.List{{File: file, Line: row, Col: col, Code: "bad-utf8",
			Message: "the file is not UTF-8 text", Allowed: "a CSV file saved as UTF-8",
			Hint: `save it again choosing "CSV UTF-8" (Excel) or Unicode (UTF-8) as the character set (LibreOffice, Google Sheets download it so)`}}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, diag.List{{File: file, Code: "empty-file", Message: "the file is empty",
			Allowed: "a header row naming the columns, then one row per entry", Hint: "export the sheet as CSV again"}}
	}
	t := &table{file: file, comma: delimiter(src)}
	r := csv.NewReader(bytes.NewReader(src))
	r.Comma = t.comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for row := 1; ; row++ {
		rec, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			var pe *csv.ParseError
			msg := err.Error()
			if errors.As(err, &pe) {
				msg = fmt.Sprintf("the CSV is malformed on line %d: %v", pe.Line, pe.Err)
			}
			return nil, diag.List{{File: file, Line: row, Col: 1, Code: "bad-csv", Message: msg,
				Hint: "open the file in a spreadsheet program and save it as CSV again"}}
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(strings.ReplaceAll(rec[i], "\r\n", "\n"))
		}
		if row == 1 {
			t.header = rec
			continue
		}
		t.rows = append(t.rows, rec)
	}
	return t, nil
}

// delimiter is the comma, semicolon or tab that the first line (outside
// quotes) holds most of: spreadsheets in Spanish or French save CSV with
// semicolons, since their decimal separator is the comma.
func delimiter(src []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(src) {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if !quoted && (r == '\n' || r == '\r') {
			break
		}
		if !quoted {
			counts[r]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// invalidPosition is the row (counting lines, close enough for a file
// that is not UTF-8 at all) and column of the first invalid byte.
func invalidPosition(src []byte) (row, col int) {
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	before := src[:off]
	row = bytes.Count(before, []byte("\n")) + 1
	line := before[bytes.LastIndexByte(before, '\n')+1:]
	return row, strings.Count(string(line), ",") + strings.Count(string(line), ";") + strings.Count(string(line), "\t") + 1
}

// delimiterName says which delimiter was found, for messages.
func delimiterName(c rune) string {
	switch c {
	case ';':
		return "semicolons"
	case '\t':
		return "tabs"
	}
	return "commas"
}
