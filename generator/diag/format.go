package diag

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats accepted by agora check --format.
var Formats = []string{"text", "json", "github"}

// Printer writes diagnostics in one of the Formats.
type Printer struct {
	Format string
	Color  bool
	// ReadFile returns a file's bytes so text output can quote the line;
	// nil, or an error, leaves the quote out.
	ReadFile func(name string) ([]byte, error)
}

// Print writes the list, then (for text) a one-line summary.
func (p Printer) Print(w io.Writer, l List) error {
	switch p.Format {
	case "json":
		return printJSON(w, l)
	case "github":
		return printGitHub(w, l)
	default:
		return p.printText(w, l)
	}
}

type jsonDiag struct {
	Diagnostic
	Severity string `json:"severity"`
}

func printJSON(w io.Writer, l List) error {
	out := make([]jsonDiag, len(l))
	for i, d := range l {
		out[i] = jsonDiag{d, d.Severity.String()}
	}
	errs, warns := l.Count()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Errors      int        `json:"errors"`
		Warnings    int        `json:"warnings"`
		Diagnostics []jsonDiag `json:"diagnostics"`
	}{errs, warns, out})
}

// printGitHub writes workflow commands, which GitHub shows as annotations
// on the pull request's diff.
func printGitHub(w io.Writer, l List) error {
	bw := bufio.NewWriter(w)
	for _, d := range l {
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,title=%s::%s\n",
			d.Severity, ghProperty(d.File), max(d.Line, 1), max(d.Col, 1),
			ghProperty("agora "+d.Code), ghData(strings.Join(details(d, true), "\n")))
	}
	return bw.Flush()
}

func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// details is the message followed by its found / allowed / fix lines.
func details(d Diagnostic, withMessage bool) []string {
	var lines []string
	if withMessage {
		lines = append(lines, d.Message)
	}
	if d.Found != "" {
		lines = append(lines, "found: "+d.Found)
	}
	if d.Allowed != "" {
		lines = append(lines, "allowed: "+d.Allowed)
	}
	if d.Hint != "" {
		lines = append(lines, "fix: "+d.Hint)
	}
	return lines
}

const (
	red    = "\x1b[1;31m"
	yellow = "\x1b[1;33m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	reset  = "\x1b[0m"
)

func (p Printer) paint(code, s string) string {
	if !p.Color {
		return s
	}
	return code + s + reset
}

func (p Printer) printText(w io.Writer, l List) error {
	bw := bufio.NewWriter(w)
	cache := map[string][]string{}
	for _, d := range l {
		p.writeText(bw, cache, d)
	}
	p.writeCounts(bw, l, "")
	return bw.Flush()
}

// writeText writes a diagnostic in full: its heading line, the quoted
// source line with a caret under the column, and its details.
func (p Printer) writeText(bw *bufio.Writer, cache map[string][]string, d Diagnostic) {
	p.writeHeading(bw, d)
	if src := p.sourceLine(cache, d); src != "" {
		fmt.Fprintf(bw, "  %5d | %s\n", d.Line, src)
		fmt.Fprintf(bw, "        | %s%s\n", caretIndent(src, d.Col), p.paint(red, "^"))
	}
	for _, line := range details(d, false) {
		fmt.Fprintf(bw, "        = %s\n", line)
	}
}

// writeHeading writes "file:line:col: severity: message [code]".
func (p Printer) writeHeading(bw *bufio.Writer, d Diagnostic) {
	sev := p.paint(red, "error")
	if d.Severity == Warning {
		sev = p.paint(yellow, "warning")
	}
	fmt.Fprintf(bw, "%s: %s: %s %s\n", p.paint(bold, position(d)), sev, d.Message, p.paint(dim, "["+d.Code+"]"))
}

// writeCounts writes "N errors, M warnings" and a note, if any.
func (p Printer) writeCounts(bw *bufio.Writer, l List, note string) {
	errs, warns := l.Count()
	if errs+warns > 0 {
		fmt.Fprintf(bw, "%d %s, %d %s%s\n", errs, plural(errs, "error"), warns, plural(warns, "warning"), note)
	}
}

func position(d Diagnostic) string {
	if d.Line <= 0 {
		return d.File
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Line, max(d.Col, 1))
}

func (p Printer) sourceLine(cache map[string][]string, d Diagnostic) string {
	if d.Line <= 0 {
		return ""
	}
	if d.Source != "" {
		return quotable(d.Source)
	}
	if p.ReadFile == nil {
		return ""
	}
	lines, ok := cache[d.File]
	if !ok {
		if b, err := p.ReadFile(d.File); err == nil && len(b) < 10<<20 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
			lines = strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
		}
		cache[d.File] = lines
	}
	if d.Line > len(lines) {
		return ""
	}
	return quotable(lines[d.Line-1])
}

// quotable is a source line as the text output quotes it: valid UTF-8,
// at most 200 characters.
func quotable(line string) string {
	line = strings.ToValidUTF8(line, "\ufffd")
	if len(line) > 200 {
		line = string([]rune(line)[:min(len([]rune(line)), 200)])
	}
	return line
}

// caretIndent repeats the line's own tabs so the caret lines up under the
// column however the terminal renders tabs.
func caretIndent(line string, col int) string {
	var b strings.Builder
	for i, r := range []rune(line) {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
