package site

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/agora-community/agora/generator/internal/exampletest"
	"github.com/agora-community/agora/generator/schema"
)

// readVectors reads testdata/xss/vectors.txt.
func readVectors(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "xss", "vectors.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if q, ok := strings.CutPrefix(line, "q:"); ok {
			s, err := strconv.Unquote(q)
			if err != nil {
				t.Fatalf("vectors.txt:%d: %v", n, err)
			}
			line = s
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 80 {
		t.Fatalf("only %d vectors", len(out))
	}
	return out
}

// tomlString writes s as a TOML basic string, every control character escaped.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlList(items ...string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = tomlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// markdownBody reports whether v can be a Markdown body as it is: a file
// may not hold NULs (it is refused as binary), and other control
// characters are left to field values.
func markdownBody(v string) bool {
	for _, r := range v {
		if r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return false
		}
	}
	return true
}

var urlField = &schema.Field{Name: "website", Kind: schema.URL}
var emailField = &schema.Field{Name: "email", Kind: schema.Email}

// firstValid returns the first candidate the field accepts, or "".
func firstValid(f *schema.Field, candidates ...string) string {
	for _, c := range candidates {
		if _, p := f.Check(c); p == nil {
			return c
		}
	}
	return ""
}

// eventSchema is a community-added type, its every text also planted
// with a vector: a schema is edited by pull request like content.
func eventSchema(v []string) string {
	at := func(i int) string { return tomlString(v[i%len(v)]) }
	return `name = "event"
folder = "events"
title = "title"
label = ` + at(0) + `
description = ` + at(1) + `

[fields.title]
type = "string"
required = true
description = ` + at(2) + `

[fields.notes]
type = "text"
label = ` + at(3) + `
description = ` + at(4) + `

[fields.tags]
type = "list"
of = "string"

[fields.level]
type = "enum"
values = [` + at(5) + `, ` + at(6) + `]

[fields.home]
type = "url"

[fields.contact]
type = "email"

[fields.host]
type = "ref"
ref = "member"

[fields.topics]
type = "list"
of = "topic"

[fields.contact_phone]
type = "string"
private = true

[fields.sessions]
type = "list"
of = "object"
description = ` + at(7) + `
[fields.sessions.fields.title]
type = "string"
required = true
description = ` + at(8) + `
[fields.sessions.fields.room]
type = "text"
[fields.sessions.fields.door_code]
type = "string"
private = true
`
}

// xssSite writes a copy of the example with every vector planted in
// every kind of published text: as Markdown bodies and as field values
// of every type, the site's title and a community type's schema.
func xssSite(t *testing.T, vectors []string) string {
	t.Helper()
	src := exampletest.Copy(t, nil)
	files := map[string]string{
		"site.toml": "title = " + tomlString("Agora "+vectors[0]) + "\ndescription = " + tomlString(vectors[1]) +
			"\nbase_url = \"https://example.org/network/\"\nlanguage = \"en\"\nlanguages = [\"en\", \"es\", \"km\", \"mn\"]\n[repo]\nurl = \"https://github.com/example-network/knowledge-base\"\n",
		"schema/event.toml": eventSchema(vectors),
	}
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, v := range vectors {
		id := fmt.Sprintf("xss-%03d", i)
		body := ""
		if markdownBody(v) {
			body = "\n" + v + "\n\n- " + v + "\n\n> " + v + "\n"
		}
		date := day.AddDate(0, 0, i).Format(time.DateOnly)
		web := firstValid(urlField, v, "https://example.org/"+v, "https://example.org/?q="+v)
		mail := firstValid(emailField, v, v+"@example.org")
		optional := ""
		if web != "" {
			optional += "website = " + tomlString(web) + "\n"
		}
		if mail != "" {
			optional += "email = " + tomlString(mail) + "\n"
		}
		material := web
		if material == "" {
			material = "https://example.org/material"
		}
		files["content/pages/"+id+".md"] = "+++\ntitle = " + tomlString(v) + "\n+++\n" + body
		files["content/topics/"+id+".toml"] = "name = " + tomlString(v) + "\ndefinition = " + tomlString(v) +
			"\naliases = " + tomlList(fmt.Sprintf("%s x%03d", v, i)) + "\n"
		files["content/members/"+id+".md"] = "+++\nname = " + tomlString(v) + "\nkind = \"individual\"\nregion = " + tomlString(v) +
			"\nsectors = " + tomlList(v, "plain") + "\noffers = [\"" + id + "\"]\nneeds = [\"" + id + "\"]\n" + optional + "+++\n" + body
		files["content/minutes/"+id+".md"] = "+++\ntitle = " + tomlString(v) + "\ndate = " + date + "\nlocation = " + tomlString(v) +
			"\nformat = \"hybrid\"\nrapporteur = \"" + id + "\"\nattendees = [\"" + id + "\"]\ntopics = [\"" + id + "\"]\ndecisions = " + tomlList(v, "second") +
			"\n[[actions]]\ntask = " + tomlString(v) + "\nowner = \"" + id + "\"\ndue = 2025-01-01\n+++\n" + body
		// Translations show their own values and bodies in the other
		// languages' pages, lists, feeds, calendars and indexes.
		files["content/pages/"+id+".es.md"] = "+++\ntitle = " + tomlString(v+" es") + "\n+++\n" + body
		files["content/minutes/"+id+".km.md"] = "+++\ntitle = " + tomlString(v+" km") + "\nlocation = " + tomlString(v) +
			"\ndecisions = " + tomlList(v, "km") + "\n[[actions]]\ntask = " + tomlString(v+" km") + "\n+++\n" + body
		files["content/curriculum/"+id+".md"] = "+++\ntitle = " + tomlString(v) + "\nsummary = " + tomlString(v) +
			"\nlevel = \"introductory\"\nlanguage = \"en\"\nlicense = " + tomlString(v) + "\ntopics = [\"" + id + "\"]\nauthors = [\"" + id + "\"]\nobjectives = " + tomlList(v) +
			"\n[[materials]]\ntitle = " + tomlString(v) + "\nurl = " + tomlString(material) + "\n+++\n" + body
		files["content/charters/"+id+".md"] = "+++\ntitle = " + tomlString(v) + "\nadopted = " + date + "\nmission = " + tomlString(v) +
			"\nvision = " + tomlString(v) + "\nmembers = [\"" + id + "\"]\n[[goals]]\nhorizon = \"short\"\ntext = " + tomlString(v) + "\n+++\n" + body
		files["content/governance/"+id+".md"] = "+++\ntitle = " + tomlString(v) + "\ncategory = \"other\"\n[[terms]]\nrole = " + tomlString(v) +
			"\nmember = \"" + id + "\"\nfrom = " + date + "\n+++\n" + body
		eventOptional := ""
		if web != "" {
			eventOptional += "home = " + tomlString(web) + "\n"
		}
		if mail != "" {
			eventOptional += "contact = " + tomlString(mail) + "\n"
		}
		files["content/events/"+id+".md"] = "+++\ntitle = " + tomlString(v) + "\nnotes = " + tomlString(v) + "\ntags = " + tomlList(v, "x") +
			"\nlevel = " + tomlString(vectors[5+i%2]) + "\nhost = \"" + id + "\"\ntopics = [\"" + id + "\"]\ncontact_phone = \"555\"\n" + eventOptional +
			"[[sessions]]\ntitle = " + tomlString(v) + "\nroom = " + tomlString(v) + "\ndoor_code = \"0000\"\n+++\n" + body
	}
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// TestXSSVectors plants the XSS filter-evasion vectors of
// testdata/xss/vectors.txt as Markdown bodies and as field values of
// every published kind, builds, and reads every output file as a browser,
// a feed reader and a calendar would: no live script, event handler,
// dangerous URL, frame, base, object, style or refresh anywhere; JSON-LD
// and search files that cannot end their script; well-formed Atom;
// folded and escaped iCalendar.
func TestXSSVectors(t *testing.T) {
	t.Parallel()
	vectors := readVectors(t)
	src := xssSite(t, vectors)
	out := buildPlanted(t, src, false)
	problems := outputProblems(t, out)
	for i, pr := range problems {
		if i == 50 {
			t.Errorf("… and %d more", len(problems)-50)
			break
		}
		t.Error(pr)
	}

	// The vectors did reach the pages, as text: each page's heading reads
	// exactly as its title was written (a browser's parser turns CR LF
	// into LF and NUL into U+FFFD).
	shown := 0
	for i, v := range vectors {
		page := filepath.Join(out, fmt.Sprintf("xss-%03d", i), "index.html")
		doc, err := html.Parse(strings.NewReader(read(t, page)))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "\ufffd").Replace(v)
		if got := text(find(doc, atom.H1)); got != want {
			t.Errorf("xss-%03d: the heading reads %q, want %q", i, got, want)
			continue
		}
		shown++
	}
	if shown != len(vectors) {
		t.Errorf("%d of %d vectors shown as written", shown, len(vectors))
	}
}

// TestURLFieldsRefuseDangerousSchemes: a url field accepts only http and
// https URLs with a host, however the scheme is disguised.
func TestURLFieldsRefuseDangerousSchemes(t *testing.T) {
	t.Parallel()
	bad := []string{
		"javascript:alert(1)", "JAVASCRIPT:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
		"java\tscript:alert(1)", "java\nscript:alert(1)", "\x01javascript:alert(1)", "javascript\x00:alert(1)",
		"jav&#x09;ascript:alert(1)", "&#106;avascript:alert(1)", "javascript://example.org/%0Aalert(1)",
		"vbscript:msgbox(1)", "livescript:x", "data:text/html,<script>alert(1)</script>",
		"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "DATA:image/svg+xml,<svg onload=alert(1)>",
		"file:///etc/passwd", "ftp://example.org/", "//evil.example/x", "/relative", "example.org",
		"https:javascript:alert(1)", "https:/evil", "https://", "http:///x", "mailto:a@example.org",
		"ｊavascript:alert(1)", "javascript%3Aalert(1)",
	}
	for _, v := range append(bad, readVectors(t)...) {
		checked, p := urlField.Check(v)
		if p != nil {
			continue
		}
		s, _ := checked.(string)
		if sc := scheme(s); sc != "http" && sc != "https" {
			t.Errorf("the url field accepts %q (scheme %q)", v, sc)
		}
		for _, b := range bad {
			if v == b {
				t.Errorf("the url field accepts %q", v)
			}
		}
	}
	for _, good := range []string{"https://example.org/", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG"} {
		if _, p := urlField.Check(good); p != nil {
			t.Errorf("the url field refuses %q: %s", good, p.Message)
		}
	}
}

func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}
