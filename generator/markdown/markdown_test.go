package markdown

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the expected outputs in testdata/cases.txt")

const (
	casesFile  = "testdata/cases.txt"
	separator  = "//- - - - - - - - -//"
	terminator = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

// A testCase is one case of testdata/cases.txt:
//
//	N: title
//	options: {"unsafe": true, "escape": true}     (optional line)
//	Markdown input
//	//- - - - - - - - -//
//	expected HTML
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
//
// The input is given a final newline. With "escape", \t, \n, \r, \xHH,
// \uHHHH and \\ in the input are Go-style escapes, for inputs with control
// characters. With "unsafe", the case renders WithUnsafeHTML(true).
type testCase struct {
	No       int
	Title    string
	Options  caseOptions
	optLine  string // the options line as written, kept by -update
	RawInput string // as written in the file
	Input    string // after escapes
	Expected string
	Line     int
}

type caseOptions struct {
	Unsafe bool `json:"unsafe"`
	Escape bool `json:"escape"`
}

var (
	headerRE  = regexp.MustCompile(`^(\d+):\s*(.*)$`)
	optionsRE = regexp.MustCompile(`^options:\s*(\{.*\})\s*$`)
)

func readCases(t testing.TB) []testCase {
	t.Helper()
	data, err := os.ReadFile(casesFile)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := parseCases(data)
	if err != nil {
		t.Fatalf("%s: %v", casesFile, err)
	}
	return cases
}

func parseCases(data []byte) ([]testCase, error) {
	var cases []testCase
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return sc.Text(), true
	}
	seen := map[int]bool{}
	for {
		text, ok := next()
		if !ok {
			break
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		m := headerRE.FindStringSubmatch(text)
		if m == nil {
			return nil, fmt.Errorf("line %d: want \"N: title\", got %q", line, text)
		}
		c := testCase{Title: m[2], Line: line}
		c.No, _ = strconv.Atoi(m[1])
		if seen[c.No] {
			return nil, fmt.Errorf("line %d: case %d repeated", line, c.No)
		}
		seen[c.No] = true
		var in, out []string
		text, ok = next()
		if ok {
			if om := optionsRE.FindStringSubmatch(text); om != nil {
				if err := json.Unmarshal([]byte(om[1]), &c.Options); err != nil {
					return nil, fmt.Errorf("line %d: options: %v", line, err)
				}
				c.optLine = text
				text, ok = next()
			}
		}
		for ; ok && text != separator; text, ok = next() {
			in = append(in, text)
		}
		if !ok {
			return nil, fmt.Errorf("case %d: no %s", c.No, separator)
		}
		for text, ok = next(); ok && text != terminator; text, ok = next() {
			out = append(out, text)
		}
		if !ok {
			return nil, fmt.Errorf("case %d: no %s", c.No, terminator)
		}
		c.RawInput = strings.Join(in, "\n")
		c.Input = c.RawInput + "\n"
		if c.Options.Escape {
			s, err := unescapeInput(c.Input)
			if err != nil {
				return nil, fmt.Errorf("case %d: %v", c.No, err)
			}
			c.Input = s
		}
		if len(out) > 0 {
			c.Expected = strings.Join(out, "\n") + "\n"
		}
		cases = append(cases, c)
	}
	return cases, sc.Err()
}

// unescapeInput resolves \t, \n, \r, \xHH, \uHHHH and \\.
func unescapeInput(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '\\':
			b.WriteByte('\\')
		case 'x', 'u':
			n := 2
			if s[i] == 'u' {
				n = 4
			}
			if i+n >= len(s) {
				return "", fmt.Errorf("short escape %q", s[i-1:])
			}
			v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil {
				return "", err
			}
			if n == 2 {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
			i += n
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String(), nil
}

func writeCases(t *testing.T, cases []testCase, outputs []string) {
	t.Helper()
	var b strings.Builder
	for i, c := range cases {
		fmt.Fprintf(&b, "%d: %s\n", c.No, c.Title)
		if c.optLine != "" {
			b.WriteString(c.optLine + "\n")
		}
		b.WriteString(c.RawInput + "\n")
		b.WriteString(separator + "\n")
		b.WriteString(outputs[i])
		b.WriteString(terminator + "\n\n\n")
	}
	if err := os.WriteFile(casesFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	safeRenderer   = New()
	unsafeRenderer = New(WithUnsafeHTML(true))
)

func (c testCase) renderer() *Renderer {
	if c.Options.Unsafe {
		return unsafeRenderer
	}
	return safeRenderer
}

func TestCases(t *testing.T) {
	cases := readCases(t)
	outputs := make([]string, len(cases))
	for i, c := range cases {
		res, err := c.renderer().Render([]byte(c.Input))
		if err != nil {
			t.Fatalf("case %d: %v", c.No, err)
		}
		outputs[i] = string(res.HTML)
		if *update {
			continue
		}
		if outputs[i] != c.Expected {
			t.Errorf("case %d (%s, line %d): %s\ninput:\n%s\nwant:\n%s\ngot:\n%s",
				c.No, casesFile, c.Line, c.Title, c.Input, c.Expected, outputs[i])
		}
	}
	if *update {
		writeCases(t, cases, outputs)
		t.Logf("rewrote %d cases in %s", len(cases), casesFile)
	}
	t.Logf("%d cases", len(cases))
}

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"markup stripped", "# Title\n\nSome *emphasis*, **strong** and `code`.\n", "Title Some emphasis, strong and code."},
		{"blocks separated", "one\n\ntwo\nthree\n\n- four\n- five\n\n> six\n", "one two three four five six"},
		{"entities and escapes", "AT&amp;T \\*not emphasis\\* &copy; &#x41;\n", "AT&T *not emphasis* © A"},
		{"link text not URL", "See [the guide](guide.md) and <https://example.org>.\n", "See the guide and https://example.org."},
		{"image alt", "![a map of the town](map.png)\n", "a map of the town"},
		{"code block text only", "```go\nfmt.Println(\"hi\")\n```\n\n    indented code\n", "fmt.Println(\"hi\") indented code"},
		{"table cells", "| a | b |\n|---|---|\n| c | d |\n", "a b c d"},
		{"task list boxes left out", "- [x] done\n- [ ] todo\n", "done todo"},
		{"footnote text included, marker left out", "Claim[^1].\n\n[^1]: Source: the *archive*.\n", "Claim. Source: the archive."},
		{"raw HTML left out", "a <b>bold</b> move\n\n<div>\nblock\n</div>\n", "a bold move"},
		{"dropped link keeps text", "[click](javascript:alert(1))\n", "click"},
		{"non-Latin", "# ភាសាខ្មែរ\n\nМонгол хэл\n", "ភាសាខ្មែរ Монгол хэл"},
		{"hard break", "line one  \nline two\n", "line one line two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New().Render([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != tt.want {
				t.Errorf("Text = %q, want %q", res.Text, tt.want)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Heading
	}{
		{"levels and markup", "# Getting *started*\n\n### Step `one`\n\nSetext\n------\n", []Heading{
			{1, "Getting started", "getting-started"},
			{3, "Step one", "step-one"},
			{2, "Setext", "setext"},
		}},
		{"duplicates", "# FAQ\n## FAQ\n## FAQ\n## FAQ 1\n", []Heading{
			{1, "FAQ", "faq"},
			{2, "FAQ", "faq-1"},
			{2, "FAQ", "faq-2"},
			{2, "FAQ 1", "faq-1-1"},
		}},
		{"khmer", "# ការណែនាំ\n## ការណែនាំ\n## ភាសាខ្មែរ ២០២៤\n", []Heading{
			{1, "ការណែនាំ", "ការណែនាំ"},
			{2, "ការណែនាំ", "ការណែនាំ-1"},
			{2, "ភាសាខ្មែរ ២០២៤", "ភាសាខ្មែរ-២០២៤"},
		}},
		{"mongolian cyrillic", "# Монгол Хэл\n## Өгөгдөл, Үр дүн!\n", []Heading{
			{1, "Монгол Хэл", "монгол-хэл"},
			{2, "Өгөгдөл, Үр дүн!", "өгөгдөл-үр-дүн"},
		}},
		{"spanish", "# Introducción Rápida\n## ¿Qué es Ñandú?\n", []Heading{
			{1, "Introducción Rápida", "introducción-rápida"},
			{2, "¿Qué es Ñandú?", "qué-es-ñandú"},
		}},
		{"NFD normalised to NFC", "# Cafe\u0301\n", []Heading{{1, "Cafe\u0301", "caf\u00e9"}}},
		{"link in heading uses its text", "## See [the guide](guide.md)\n", []Heading{{2, "See the guide", "see-the-guide"}}},
		{"punctuation only", "# ???\n# !!!\n", []Heading{{1, "???", "heading"}, {1, "!!!", "heading-1"}}},
		{"nested in blockquote and list", "> # Quoted\n\n- ## Listed\n", []Heading{{1, "Quoted", "quoted"}, {2, "Listed", "listed"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New().Render([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(res.Headings) != fmt.Sprint(tt.want) {
				t.Errorf("Headings =\n%+v\nwant\n%+v", res.Headings, tt.want)
			}
			for _, h := range tt.want {
				if !bytes.Contains(res.HTML, []byte(` id="`+h.ID+`"`)) {
					t.Errorf("HTML has no id=%q:\n%s", h.ID, res.HTML)
				}
			}
		})
	}
}

func TestLinks(t *testing.T) {
	in := `[a](guide.md) [b](../x/ "title") [c](/abs/) [d](#frag) [e](https://example.org/?q=1)
![img](img/map.png) <https://auto.example> <me@example.org> www.example.com
[bad](javascript:alert(1)) ![bad](data:image/png;base64,AAAA) <vbscript:x> [net](//evil.example)
[ref] [esc](a\_b.md) [ent](caf&eacute;.md)

[ref]: ref.md

Note[^1].

[^1]: See [f](footnote.md).
`
	want := []string{
		"guide.md", "../x/", "/abs/", "#frag", "https://example.org/?q=1",
		"img/map.png", "https://auto.example", "mailto:me@example.org", "http://www.example.com",
		"ref.md", "a_b.md", "café.md",
		"footnote.md",
	}
	res, err := New().Render([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.Links) != fmt.Sprint(want) {
		t.Errorf("Links =\n%q\nwant\n%q", res.Links, want)
	}
}

func TestAllowedURL(t *testing.T) {
	allowed := []string{
		"http://example.org", "HTTPS://example.org/a?b#c", "mailto:a@b.org", "x.md", "../x/",
		"/x/", "#frag", "?q=1", "", "dir/file.md#sec", "javascript%3Aalert(1)", "a/b:c",
	}
	refused := []string{
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\x01javascript:x",
		"java\tscript:x", "java\nscript:x", "javascript\x00:x", "vbscript:x", "VBScript:x",
		"data:text/html;base64,PHNjcmlwdD4=", "data:image/png;base64,AAAA", "file:///etc/passwd",
		"ftp://example.org", "//evil.example", "\\\\evil.example", "/\\evil.example", "\t//evil.example",
		":x", "tel:123", "x:y/z",
	}
	for _, u := range allowed {
		if !allowedURL([]byte(u)) {
			t.Errorf("allowedURL(%q) = false", u)
		}
	}
	for _, u := range refused {
		if allowedURL([]byte(u)) {
			t.Errorf("allowedURL(%q) = true", u)
		}
	}
}

func TestHighlightCSS(t *testing.T) {
	for _, style := range []string{"", "github", "monokai", "no-such-style"} {
		css := string(HighlightCSS(style))
		if !strings.Contains(css, ".chroma {") || !strings.Contains(css, ".chroma .k {") {
			t.Errorf("HighlightCSS(%q): no .chroma rules:\n%s", style, css)
		}
		media := strings.Index(css, "@media (prefers-color-scheme: dark) {")
		if media < 0 || !strings.Contains(css[media:], ".chroma .k {") {
			t.Errorf("HighlightCSS(%q): no dark variant:\n%s", style, css)
		}
		if strings.Count(css, "{") != strings.Count(css, "}") {
			t.Errorf("HighlightCSS(%q): unbalanced braces", style)
		}
		if strings.Contains(css, ".bg ") {
			t.Errorf("HighlightCSS(%q): has the .bg rule", style)
		}
	}
	if css := string(HighlightCSS("github")); !strings.Contains(css, "chroma style github-dark") {
		t.Errorf("github's dark variant is not github-dark:\n%s", css)
	}
}

// TestConcurrent renders from several goroutines at once; run it with
// -race. Highlighted code is left out of the comparison: under heavy load
// chroma's own 250 ms regexp timeouts, and the highlighting budget, can
// change it.
func TestConcurrent(t *testing.T) {
	r := New()
	src := []byte(benchDoc)
	want, err := r.Render(src)
	if err != nil {
		t.Fatal(err)
	}
	wantHTML := dropCode(want.HTML)
	done := make(chan error)
	for range 8 {
		go func() {
			for range 20 {
				got, err := r.Render(src)
				if err == nil && !bytes.Equal(dropCode(got.HTML), wantHTML) {
					err = fmt.Errorf("HTML differs:\n%s", firstDiff(dropCode(got.HTML), wantHTML))
				}
				if err == nil && (got.Text != want.Text || fmt.Sprint(got.Headings, got.Links) != fmt.Sprint(want.Headings, want.Links)) {
					err = fmt.Errorf("Text, Headings or Links differ")
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// dropCode cuts <pre>…</pre> out of html.
func dropCode(html []byte) []byte {
	var out []byte
	for {
		i := bytes.Index(html, []byte("<pre"))
		j := bytes.Index(html, []byte("</pre>"))
		if i < 0 || j < i {
			return append(out, html...)
		}
		out = append(out, html[:i]...)
		html = html[j+len("</pre>"):]
	}
}

func TestHighlightLimits(t *testing.T) {
	render := func(src string) string {
		t.Helper()
		done := make(chan Result, 1)
		go func() {
			res, err := New().Render([]byte(src))
			if err != nil {
				t.Error(err)
			}
			done <- res
		}()
		select {
		case res := <-done:
			return string(res.HTML)
		case <-time.After(20 * time.Second):
			t.Fatalf("Render did not return:\n%s", src)
			return ""
		}
	}
	t.Run("too large for highlighting", func(t *testing.T) {
		code := strings.Repeat("x := 1\n", maxHighlight/7+1)
		out := render("```go\n" + code + "```\n")
		if !strings.HasPrefix(out, `<pre><code class="language-go">x := 1`) {
			t.Errorf("want plain code, got %.80s", out)
		}
	})
	t.Run("budget spent", func(t *testing.T) {
		defer func(b time.Duration) { highlightBudget = b }(highlightBudget)
		highlightBudget = 0
		out := render("```go\nx := 1\n```\n")
		if out != "<pre><code class=\"language-go\">x := 1\n</code></pre>\n" {
			t.Errorf("want plain code, got %s", out)
		}
	})
	t.Run("budget bounds a hostile document", func(t *testing.T) {
		defer func(b time.Duration) { highlightBudget = b }(highlightBudget)
		highlightBudget = 100 * time.Millisecond
		// Each block costs chroma's ABAP lexer about a second.
		block := "```abap\n" + strings.Repeat("<", 16000) + "\n```\n\n"
		start := time.Now()
		out := render(strings.Repeat(block, 10))
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v", d)
		}
		if strings.Count(out, "<pre><code") != 10 {
			t.Errorf("want 10 plain blocks")
		}
	})
	t.Run("lexer stuck on an empty match", func(t *testing.T) {
		// chroma's JSONata lexer loops forever on a lone quote.
		for _, q := range []string{`"`, `'`, "`", "^", "|", "~", "\\"} {
			out := render("```jsonata\n" + q + "\n```\n")
			if !strings.Contains(out, "<pre") {
				t.Errorf("%q: no code block in %s", q, out)
			}
		}
	})
}

// firstDiff shows where a and b start to differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(i-40, 0)
	return fmt.Sprintf("got  %q\nwant %q", a[from:min(i+80, len(a))], b[from:min(i+80, len(b))])
}

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " ", "a  b", "\u00a0x\u2003y\n", "\xffa \xfe", "ភ្នំ  ពេញ\t",
		// Long enough for the eight bytes at a time of wordsEnd.
		" The quick brown fox jumps over  the lazy dog.\nA mediación\u00a0comunitaria, \x01x y\x7fz a b c d e f g h i j ",
		"abcdefgh abcdefg  abcdefgh\tabcdefgh \u2028abcdefghij\xc2 \xe2\x80abcdefgh "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(collapseSpace([]byte(s))), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
