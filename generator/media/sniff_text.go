package media

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"
)

// markup is what makes a text file a web page, a drawing or a program a
// browser might run, wherever it stands in the file (lower case).
var markup = []struct{ sign, found, hint string }{
	{"<!doctype html", "HTML (a web page)", hintHTML},
	{"<html", "HTML (a web page)", hintHTML},
	{"<script", "HTML with a script", hintHTML},
	{"<iframe", "HTML (a web page)", hintHTML},
	{"<svg", "an SVG drawing", hintSVG},
	{"<?php", "a PHP program", hintScript},
}

// sniffText accepts UTF-8 text without NUL or other control characters
// (tab, line breaks and form feed aside) that is not markup: CSV when
// every line has the same number (two or more) of fields, else plain text.
func sniffText(data []byte) (Kind, error) {
	text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(text) {
		return Unknown, refuse("binary data, or text in another encoding than UTF-8",
			"if it is text, save it as UTF-8 (Save as… › Encoding: UTF-8); else "+hintOffice)
	}
	for _, c := range text {
		if c < ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			return Unknown, refuse("binary data (control characters)", hintOffice)
		}
	}
	lower := bytes.ToLower(text)
	for _, m := range markup {
		if bytes.Contains(lower, []byte(m.sign)) {
			return Unknown, refuse(m.found, m.hint)
		}
	}
	if start := bytes.TrimLeft(lower, " \t\r\n\f"); len(start) > 1 && start[0] == '<' {
		if c := start[1]; c == '!' || c == '?' || 'a' <= c && c <= 'z' {
			return Unknown, refuse("markup (HTML or XML)", hintHTML)
		}
	}
	if isCSV(text) {
		return CSV, nil
	}
	return Text, nil
}

// isCSV reports whether text parses as a table of two or more rows of
// the same two or more fields, separated by commas, semicolons (as
// spreadsheets in many languages write) or tabs.
func isCSV(text []byte) bool {
	for _, sep := range []rune{',', ';', '\t'} {
		if !bytes.ContainsRune(text, sep) {
			continue
		}
		r := csv.NewReader(bytes.NewReader(text))
		r.Comma = sep
		r.ReuseRecord = true
		rows, fields := 0, 0
		for {
			rec, err := r.Read()
			if err != nil {
				if errors.Is(err, io.EOF) && rows >= 2 && fields >= 2 {
					return true
				}
				break
			}
			rows, fields = rows+1, len(rec)
		}
	}
	return false
}
