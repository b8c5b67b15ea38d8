package site

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/agora-community/agora/generator/cms"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/render"
)

// This file checks a built output tree the way a browser, a feed reader
// and a calendar would read it, for anything that could run a script or
// break out of its context. It is shared by TestXSSVectors (hostile
// content) and TestCSPHolds (the example site).

// outputProblems walks every file of the output and returns what is
// wrong, each as "file: problem".
func outputProblems(t *testing.T, out string) []string {
	t.Helper()
	var problems []string
	counts := map[string]int{}
	// The folders of the site's other languages, each with its
	// translations page.
	languageFolders := map[string]bool{}
	if dirs, err := os.ReadDir(out); err == nil {
		for _, d := range dirs {
			if _, err := os.Stat(filepath.Join(out, d.Name(), "translations", "index.html")); err == nil && d.IsDir() {
				languageFolders[d.Name()] = true
			}
		}
	}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		report := func(format string, args ...any) {
			problems = append(problems, rel+": "+fmt.Sprintf(format, args...))
		}
		ext := path.Ext(rel)
		counts[ext]++
		if media.ByExt(ext) != media.Unknown {
			checkFolderFile(data, ext, report)
			return nil
		}
		if !utf8.Valid(data) {
			report("not valid UTF-8")
		}
		if first, rest, ok := strings.Cut(rel, "/"); ok && languageFolders[first] {
			rel = rest // a page of another language: checked as the default's
		}
		switch {
		case strings.HasPrefix(rel, cms.Path):
			// The editor, the one explicit exception to the site's
			// policy, published only with [cms] enabled.
			checkEditor(rel, data, report)
		case ext == ".html":
			checkHTML(data, report)
		case rel == "sitemap.xml" || rel == "feed.xml":
			checkXML(data, report)
		case rel == "calendar.ics":
			checkICS(data, report)
		case strings.HasPrefix(rel, "search/index/") && ext == ".js":
			checkIndexFile(data, report)
		case path.Base(rel) == "members.json" && strings.Contains(rel, "/by."):
			checkMembersFile(data, report)
		case strings.HasPrefix(rel, "assets/") && (ext == ".js" || ext == ".css"):
			// The theme's own code.
		case strings.HasPrefix(rel, "assets/") && ext == ".svg":
			checkSVG(data, report)
		case rel == "_headers":
			checkHeaders(data, report)
		case rel == ".agora-output":
		default:
			report("a file of an unexpected kind")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if counts[".html"] < 50 || counts[".js"] < 5 {
		t.Fatalf("only %v files checked", counts)
	}
	return problems
}

// allowedElements are every element the theme and the Markdown renderer
// write; anything else in a page came from content.
var allowedElements = map[atom.Atom]bool{}

func init() {
	for _, a := range []atom.Atom{
		atom.Html, atom.Head, atom.Body, atom.Meta, atom.Title, atom.Link, atom.Script, atom.Noscript,
		atom.Header, atom.Footer, atom.Main, atom.Nav, atom.Section, atom.Article, atom.Div, atom.Span, atom.P,
		atom.A, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Time, atom.Form, atom.Label, atom.Input, atom.Button, atom.Select, atom.Option, atom.Fieldset, atom.Legend,
		atom.Table, atom.Caption, atom.Colgroup, atom.Col, atom.Thead, atom.Tbody, atom.Tr, atom.Th, atom.Td,
		atom.Pre, atom.Code, atom.Em, atom.Strong, atom.Del, atom.Sup, atom.Blockquote, atom.Hr, atom.Br, atom.Img,
		atom.Mark, atom.Small, atom.Figure,
	} {
		allowedElements[a] = true
	}
}

// urlAttributes hold URLs a browser may load or navigate to.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "background": true,
	"lowsrc": true, "dynsrc": true, "poster": true, "data": true, "codebase": true, "cite": true,
	"longdesc": true, "usemap": true, "srcset": true, "icon": true, "manifest": true, "ping": true, "data-index": true, "data-root": true, "data-src": true,
}

// scheme returns the lowercased scheme of a URL the way the most lenient
// browser would find it: with every ASCII whitespace and control
// character removed (entities are already decoded by the parser).
func scheme(u string) string {
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f || r == '\u00a0' || r == '\ufeff' {
			return -1
		}
		return r
	}, strings.ToLower(u))
	if i := strings.IndexAny(clean, ":/?#\\"); i >= 0 && clean[i] == ':' {
		return clean[:i]
	}
	return ""
}

var themeScript = regexp.MustCompile(`^(\.\./)*assets/(agora|search|directory)\.[0-9a-f]{8}\.js$|^/.*assets/(agora|search|directory)\.[0-9a-f]{8}\.js$`)

// themeIcon is the site icon's hashed name, relative (or from the root
// on the 404 page): never the host's /favicon.ico, never another site.
var themeIcon = regexp.MustCompile(`^(\.\./)*assets/favicon\.[0-9a-f]{8}\.svg$|^/.*assets/favicon\.[0-9a-f]{8}\.svg$`)

// checkHTML parses a page as a browser does and reports any element,
// attribute or URL that could run a script, load a foreign frame or
// style, or break the Content-Security-Policy.
func checkHTML(data []byte, report func(string, ...any)) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		report("does not parse: %v", err)
		return
	}
	csp := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.CommentNode:
			report("a comment <!--%s--> (the theme writes none)", clip(n.Data))
		case html.ElementNode:
			checkElement(n, report, &csp)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if csp != 1 {
		report("%d Content-Security-Policy meta tags, want 1", csp)
	}
	// Every "<script" in the bytes is one of the parsed script elements:
	// none hides in a place the parser and a browser might read apart.
	if n := bytes.Count(bytes.ToLower(data), []byte("<script")); n != countElements(doc, atom.Script) {
		report("%d <script in the bytes, but %d script elements", n, countElements(doc, atom.Script))
	}
}

func countElements(n *html.Node, a atom.Atom) int {
	c := 0
	if n.Type == html.ElementNode && n.DataAtom == a && n.Namespace == "" {
		c++
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c += countElements(ch, a)
	}
	return c
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, name) {
			return a.Val, true
		}
	}
	return "", false
}

// chartElements are the elements and attributes of the charts the theme
// draws (generator/impact/chart): shapes and text with classes, and
// the image's title and description. No script, foreignObject, link
// (a, use, image: no href of any kind), animation, style or event
// handler can pass.
var chartElements = map[string]map[string]bool{
	"svg":    {"class": true, "role": true, "aria-labelledby": true, "viewbox": true, "width": true, "height": true},
	"title":  {"id": true},
	"desc":   {"id": true},
	"rect":   {"class": true, "x": true, "y": true, "width": true, "height": true},
	"circle": {"class": true, "cx": true, "cy": true, "r": true},
	"line":   {"class": true, "x1": true, "y1": true, "x2": true, "y2": true},
	"path":   {"class": true, "d": true},
	"text":   {"class": true, "x": true, "y": true},
}

// checkChart reports an element of an inline SVG that is not one of a
// chart's, or an attribute a chart does not write.
func checkChart(n *html.Node, report func(string, ...any)) {
	attrs, ok := chartElements[n.Data]
	if n.Namespace != "svg" || !ok {
		report("a foreign <%s:%s> element, not one of a chart's", n.Namespace, n.Data)
		return
	}
	if n.Data == "svg" && (n.Parent == nil || n.Parent.Namespace != "") {
		report("an <svg> inside another SVG")
	}
	for _, a := range n.Attr {
		name := strings.ToLower(a.Key)
		if a.Namespace != "" || !attrs[name] {
			report("<svg:%s %s=%q>: an attribute charts do not write", n.Data, name, clip(a.Val))
		}
	}
}

func checkElement(n *html.Node, report func(string, ...any), csp *int) {
	tag := n.Data
	if n.Namespace != "" {
		checkChart(n, report)
		return
	}
	if !allowedElements[n.DataAtom] {
		report("a <%s> element, which neither the theme nor Markdown writes", tag)
	}
	for _, a := range n.Attr {
		name := strings.ToLower(a.Key)
		if a.Namespace != "" {
			name = a.Namespace + ":" + name
		}
		switch {
		case strings.HasPrefix(name, "on"):
			report("<%s %s=%q>: an event handler", tag, name, clip(a.Val))
		case name == "style":
			report("<%s style=%q>: a style attribute (the CSP forbids inline styles)", tag, clip(a.Val))
		case name == "srcdoc" || name == "formaction" || name == "xmlns" || strings.HasPrefix(name, "xlink:"):
			report("<%s %s=%q>", tag, name, clip(a.Val))
		case urlAttributes[name]:
			switch s := scheme(a.Val); s {
			case "", "http", "https":
			case "mailto":
				if name != "href" {
					report("<%s %s=%q>: mailto outside href", tag, name, clip(a.Val))
				}
			default:
				report("<%s %s=%q>: a %s: URL", tag, name, clip(a.Val), s)
			}
		}
	}
	switch n.DataAtom {
	case atom.Script:
		src, hasSrc := attr(n, "src")
		typ, _ := attr(n, "type")
		text := ""
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text += c.Data
		}
		switch {
		case hasSrc:
			if !themeScript.MatchString(src) || strings.TrimSpace(text) != "" {
				report("<script src=%q>%s: not a theme script", src, clip(text))
			}
		case strings.EqualFold(typ, "application/ld+json"):
			lower := strings.ToLower(text)
			if strings.Contains(lower, "<!--") || strings.Contains(lower, "<script") || strings.Contains(lower, "</script") || strings.Contains(lower, "<") {
				report("JSON-LD holds markup: %s", clip(text))
			}
			if !json.Valid([]byte(text)) {
				report("JSON-LD is not valid JSON: %s", clip(text))
			}
		default:
			report("an inline <script>%s</script> (the CSP forbids it)", clip(text))
		}
	case atom.Meta:
		if eq, ok := attr(n, "http-equiv"); ok {
			content, _ := attr(n, "content")
			if !strings.EqualFold(eq, "Content-Security-Policy") {
				report("<meta http-equiv=%q content=%q>", eq, clip(content))
			} else {
				*csp++
				if content != render.CSP {
					report("the CSP meta tag says %q, want %q", content, render.CSP)
				}
			}
		}
	case atom.Link:
		rel, _ := attr(n, "rel")
		href, _ := attr(n, "href")
		switch {
		case rel == "expect":
			// Holds the first paint until an element of the page itself is parsed.
			if !strings.HasPrefix(href, "#") {
				report("<link rel=expect href=%q>: not an element of the page", href)
			}
		case rel == "prev" || rel == "next":
			// The pages of a paged list, which are pages of the site.
			if scheme(href) != "" || strings.HasPrefix(href, "/") {
				report("<link rel=%q href=%q>: not a page of the site", rel, href)
			}
		case rel == "icon":
			if typ, _ := attr(n, "type"); !themeIcon.MatchString(href) || typ != "image/svg+xml" {
				report("<link rel=icon href=%q type=%q>: not the theme's SVG icon", href, typ)
			}
		case rel != "stylesheet" && rel != "canonical" && rel != "alternate":
			report("<link rel=%q>", rel)
		}
	case atom.Form:
		if action, _ := attr(n, "action"); scheme(action) != "" {
			report("<form action=%q>: not a page of the site", action)
		}
	case atom.Input:
		if typ, _ := attr(n, "type"); strings.EqualFold(typ, "image") {
			report("<input type=image>")
		}
	}
}

// svgElements are the drawing elements a site icon may use: shapes and
// groups, nothing that runs, styles, links, loads or embeds.
var svgElements = map[string]bool{"svg": true, "g": true, "title": true, "desc": true, "path": true, "rect": true,
	"circle": true, "ellipse": true, "line": true, "polyline": true, "polygon": true}

// checkSVG reads an SVG asset (the site icon), which a browser runs as a
// document when it is opened on its own: one small, well-formed drawing,
// with no script, handler, style, link, entity or foreign content.
func checkSVG(data []byte, report func(string, ...any)) {
	if len(data) > 2048 {
		report("%d bytes: a site icon is a small drawing (at most 2 KB)", len(data))
	}
	root := true
	xmlTokens(data, report, func(tok xml.Token) {
		switch tok := tok.(type) {
		case xml.StartElement:
			if root && (tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg") {
				report("the root is <%s> in %q, not an SVG drawing", tok.Name.Local, tok.Name.Space)
			}
			root = false
			if !svgElements[tok.Name.Local] || tok.Name.Space != "http://www.w3.org/2000/svg" {
				report("an SVG <%s> element in %q", tok.Name.Local, tok.Name.Space)
			}
			for _, a := range tok.Attr {
				name := strings.ToLower(a.Name.Local)
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && name == "xmlns") {
					continue
				}
				if a.Name.Space != "" || strings.HasPrefix(name, "on") || name == "href" || name == "style" || strings.Contains(a.Value, "url(") {
					report("<%s %s=%q>", tok.Name.Local, name, clip(a.Value))
				}
			}
		case xml.ProcInst:
			if tok.Target != "xml" {
				report("a processing instruction <?%s", tok.Target)
			}
		case xml.Directive:
			report("a directive <!%s> (a DOCTYPE may declare entities)", clip(string(tok)))
		}
	})
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// checkXML decodes a feed or sitemap strictly: it must be well-formed,
// and its only URLs are http(s).
func checkXML(data []byte, report func(string, ...any)) {
	depth := 0
	var content *strings.Builder // a feed's <content>, while in one
	ok := xmlTokens(data, report, func(tok xml.Token) {
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if content != nil {
				report("an element <%s> in a feed's content (HTML there is escaped text)", tok.Name.Local)
			}
			switch tok.Name.Local {
			case "urlset", "url", "loc", "lastmod", "feed", "title", "id", "link", "updated", "author", "name", "entry", "summary":
			case "image":
				if tok.Name.Space != "http://www.google.com/schemas/sitemap-image/1.1" {
					report("an <image> element outside the sitemap image namespace")
				}
			case "content":
				if !slices.Contains(tok.Attr, xml.Attr{Name: xml.Name{Local: "type"}, Value: "html"}) {
					report("a feed's content not of type html: %v", tok.Attr)
				}
				content = &strings.Builder{}
			default:
				report("an unexpected <%s> element", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "href" {
					if s := scheme(a.Value); s != "http" && s != "https" {
						report("link href=%q", a.Value)
					}
				}
			}
		case xml.CharData:
			if content != nil {
				content.Write(tok)
			}
		case xml.EndElement:
			depth--
			if content != nil && tok.Name.Local == "content" {
				checkFeedHTML(content.String(), report)
				content = nil
			}
		case xml.Directive, xml.ProcInst:
			if pi, ok := tok.(xml.ProcInst); !ok || pi.Target != "xml" {
				report("an XML directive or processing instruction")
			}
		}
	})
	if ok && depth != 0 {
		report("unbalanced XML")
	}
}

// checkFeedHTML checks the HTML of a feed entry's content: paragraphs
// and images only, each image from an http(s) URL with its alt text.
func checkFeedHTML(text string, report func(string, ...any)) {
	nodes, err := html.ParseFragment(strings.NewReader(text), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		report("a feed's content is not HTML: %v", err)
		return
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data != "p" && n.Data != "img" {
				report("a feed's content holds <%s>", n.Data)
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "src":
					if s := scheme(a.Val); s != "http" && s != "https" {
						report("a feed's image src=%q", a.Val)
					}
				case a.Key != "alt" && a.Key != "width" && a.Key != "height":
					report("a feed's content has the attribute %s", a.Key)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}

// checkFolderFile checks a file of an entry folder: its bytes are the kind
// its extension says (a static host serves it by that), and an image
// holds no metadata.
func checkFolderFile(data []byte, ext string, report func(string, ...any)) {
	k, err := media.Sniff(data)
	if err != nil {
		report("not a file Agora publishes: %v", err)
		return
	}
	if k.Ext() != ext {
		report("a %s published as %s", k, ext)
	}
	if k.Class() == media.Image {
		for _, marker := range []string{"Exif\x00", "<x:xmpmeta", "http://ns.adobe.com/xap", "ICC_PROFILE", "Photoshop 3.0", "eXIf", "tEXt", "iTXt", "zTXt", "iCCP"} {
			if bytes.Contains(data, []byte(marker)) {
				report("an image holding metadata (%q)", marker)
			}
		}
	}
}

// xmlTokens decodes data strictly, handing each token to visit; it
// reports a document that is not well-formed, and then returns false.
func xmlTokens(data []byte, report func(string, ...any), visit func(xml.Token)) bool {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			report("not well-formed XML: %v", err)
			return false
		}
		visit(tok)
	}
}

// icsText are the properties whose values are TEXT (RFC 5545 3.3.11).
var icsText = map[string]bool{"SUMMARY": true, "LOCATION": true, "DESCRIPTION": true, "X-WR-CALNAME": true}

var icsLine = regexp.MustCompile(`^([A-Z][A-Z0-9-]*)(;[^:]*)?:(.*)$`)

// icsLanguage is the one parameter text properties may have: the
// language of their text, on the calendars of a site in several languages.
var icsLanguage = regexp.MustCompile(`^;LANGUAGE=[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// checkICS checks an iCalendar file: CRLF lines of at most 75 octets,
// folded between characters; every unfolded line a property; TEXT values
// escaped; components balanced.
func checkICS(data []byte, report func(string, ...any)) {
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		report("does not end with CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var lines []string
	for i, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			report("line %d holds a bare CR or LF: %q", i+1, clip(l))
		}
		if len(l) > 75 {
			report("line %d is %d octets, over 75", i+1, len(l))
		}
		if !utf8.ValidString(l) {
			report("line %d is folded inside a UTF-8 sequence", i+1)
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
		} else {
			lines = append(lines, l)
		}
	}
	stack := []string{}
	for _, l := range lines {
		m := icsLine.FindStringSubmatch(l)
		if m == nil {
			report("not a content line: %q", clip(l))
			continue
		}
		name, value := m[1], m[3]
		switch name {
		case "BEGIN":
			if value != "VCALENDAR" && value != "VEVENT" {
				report("BEGIN:%s", value)
			}
			stack = append(stack, value)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				report("END:%s does not close %v", value, stack)
			} else {
				stack = stack[:len(stack)-1]
			}
		}
		if m[2] != "" && icsText[name] && !icsLanguage.MatchString(m[2]) {
			report("%s has parameters %q", name, m[2])
		}
		if icsText[name] {
			for i := 0; i < len(value); i++ {
				switch value[i] {
				case '\\':
					if i+1 >= len(value) || !strings.ContainsRune(`\;,nN`, rune(value[i+1])) {
						report("%s: a bad escape in %q", name, clip(value))
					}
					i++
				case ';', ',':
					report("%s: an unescaped %q in %q", name, value[i], clip(value))
				}
			}
		}
		for _, r := range value {
			if r < ' ' && r != '\t' || r == 0x7f {
				report("%s: a control character in %q", name, clip(value))
				break
			}
		}
	}
	if len(stack) != 0 {
		report("unclosed %v", stack)
	}
}

// checkIndexFile checks a search index file: a call of the loader with a
// JSON key and value, and never anything an HTML parser would stop at.
func checkIndexFile(data []byte, report func(string, ...any)) {
	s := string(data)
	lower := strings.ToLower(s)
	for _, bad := range []string{"</script", "<!--", "<script", "<", ">", "\u2028", "\u2029"} {
		if strings.Contains(lower, bad) {
			report("holds %q", bad)
		}
	}
	inner, ok := strings.CutPrefix(s, "agoraSearchLoad(")
	if ok {
		inner, ok = strings.CutSuffix(inner, ");\n")
	}
	if !ok || !json.Valid([]byte("["+inner+"]")) {
		report("not agoraSearchLoad(JSON, JSON);")
	}
}

// checkMembersFile checks a directory facet's member list: JSON rows
// whose first item is a site path the filter links to, and nothing an
// HTML parser would stop at.
func checkMembersFile(data []byte, report func(string, ...any)) {
	if bytes.ContainsAny(data, "<>") {
		report("holds < or >")
	}
	var list struct{ Members [][]any }
	if err := json.Unmarshal(data, &list); err != nil {
		report("not a members list: %v", err)
		return
	}
	for _, row := range list.Members {
		p, _ := row[0].(string)
		if len(row) != 8 || scheme(p) != "" || strings.HasPrefix(p, "/") {
			report("a row that is not [site path, …]: %v", row)
		}
	}
}

func checkHeaders(data []byte, report func(string, ...any)) {
	found := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	rule := ""
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, " ") {
			rule = line
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "Content-Security-Policy: "); ok {
			found = true
			if rule == "/"+cms.Path+"*" {
				if !strings.HasPrefix(v, cms.Policy(editorBackend)) {
					report("the editor's CSP header %q is not its page's %q", v, cms.Policy(editorBackend))
				}
				continue
			}
			if rule != "/*" || !strings.HasPrefix(v, render.CSP) {
				report("the CSP header %q is not the pages' %q", v, render.CSP)
			}
		}
	}
	if !found {
		report("no Content-Security-Policy")
	}
}

// TestCSPHolds builds the example site, with and without drafts, and
// checks that every page satisfies its own policy: no inline script but
// the JSON-LD data block, no style attribute or element, no event
// handler; and that the policy has no 'unsafe-inline'.
func TestCSPHolds(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "unsafe-hashes", "*", "data:"} {
		if strings.Contains(render.CSP, bad) {
			t.Errorf("the CSP allows %s: %s", bad, render.CSP)
		}
	}
	for _, need := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'"} {
		if !strings.Contains(render.CSP, need) {
			t.Errorf("the CSP lacks %s: %s", need, render.CSP)
		}
	}
	out, _ := exampleSite(t)
	for _, p := range outputProblems(t, out) {
		t.Error(p)
	}
	headers := read(t, filepath.Join(out, "_headers"))
	if !strings.Contains(headers, "frame-ancestors 'none'") || !strings.Contains(headers, "X-Content-Type-Options: nosniff") {
		t.Errorf("_headers:\n%s", headers)
	}
}

// TestOutputCheckerCatches makes sure the checks above see what they are
// meant to see.
func TestOutputCheckerCatches(t *testing.T) {
	page := func(body string) []byte {
		return []byte(`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="` + render.CSP + `"></head><body>` + body + `</body></html>`)
	}
	for _, body := range []string{
		`<script>alert(1)</script>`, `<p onclick="x">`, `<p style="color:red">`, `<a href="java&#9;script:x">`,
		`<a href=" JAVASCRIPT:x">`, `<img src="data:image/png,x">`, `<iframe src="https://x.org/">`, `<base href="/">`,
		`<meta http-equiv="refresh" content="0;url=https://x.org/">`, `<object data="x">`, `<embed src="x">`,
		`<svg><a href="x"></a></svg>`, `<style>p{}</style>`, `<!-- x -->`, `<form action="javascript:x">`,
		`<script type="application/ld+json">{"a":"<!--"}</script>`, `<script type="application/ld+json">{</script>`,
		`<script src="https://evil.example/x.js"></script>`, `<a href="vbscript:x">`, `<button formaction="x">`,
		`<a href="&#x1;javascript:x">`, `<link rel="import" href="x">`,
		`<link rel="icon" href="https://evil.example/favicon.svg" type="image/svg+xml">`, `<link rel="icon" href="/favicon.ico">`,
		`<link rel="icon" href="../assets/favicon.0123abcd.svg">`, `<link rel="icon" href="../assets/agora.0123abcd.js" type="image/svg+xml">`,
	} {
		var got []string
		checkHTML(page(body), func(f string, a ...any) { got = append(got, fmt.Sprintf(f, a...)) })
		if len(got) == 0 {
			t.Errorf("checkHTML missed %s", body)
		}
	}
	var got []string
	checkHTML(page(`<a href="../x/">x</a><a href="https://x.org/">y</a><a href="mailto:a@b.org">z</a><script src="../../assets/agora.0123abcd.js" defer></script><script type="application/ld+json">{"a":"\u003c"}</script>`+
		`<link rel="icon" href="../assets/favicon.0123abcd.svg" type="image/svg+xml"><link rel="icon" href="/network/assets/favicon.0123abcd.svg" type="image/svg+xml">`),
		func(f string, a ...any) { got = append(got, fmt.Sprintf(f, a...)) })
	if len(got) > 0 {
		t.Errorf("checkHTML refused a good page: %v", got)
	}
	for _, ics := range []string{
		"BEGIN:VCALENDAR\r\nSUMMARY:a,b\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nSUMMARY:a\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nSUMMARY:" + strings.Repeat("x", 80) + "\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nSUMMARY:a\\x\r\nEND:VCALENDAR\r\n",
	} {
		var got []string
		checkICS([]byte(ics), func(f string, a ...any) { got = append(got, fmt.Sprintf(f, a...)) })
		if len(got) == 0 {
			t.Errorf("checkICS missed %q", ics)
		}
	}
	for _, x := range []string{"<feed><title>a</feed>", "<feed><script/></feed>", "<feed><link href=\"javascript:x\"/></feed>"} {
		var got []string
		checkXML([]byte(x), func(f string, a ...any) { got = append(got, fmt.Sprintf(f, a...)) })
		if len(got) == 0 {
			t.Errorf("checkXML missed %q", x)
		}
	}
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">`
	for _, x := range []string{
		svg + `<script>alert(1)</script></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
		svg + `<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>`,
		svg + `<a href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>`,
		svg + `<image href="https://evil.example/x.png"/></svg>`, svg + `<use xlink:href="#x" xmlns:xlink="http://www.w3.org/1999/xlink"/></svg>`,
		svg + `<style>rect{fill:url(https://evil.example/)}</style></svg>`, svg + `<rect fill="url(https://evil.example/#x)"/></svg>`,
		svg + `<rect style="fill:red"/></svg>`, `<!DOCTYPE svg [<!ENTITY x "y">]>` + svg + `</svg>`,
		`<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`, `<svg><rect/></svg>`,
		svg + `<rect>`, svg + strings.Repeat(`<rect width="1" height="1"/>`, 100) + `</svg>`,
	} {
		var got []string
		checkSVG([]byte(x), func(f string, a ...any) { got = append(got, fmt.Sprintf(f, a...)) })
		if len(got) == 0 {
			t.Errorf("checkSVG missed %q", x)
		}
	}
	for _, js := range []string{"agoraSearchLoad(\"k\",[\"</script>\"]);\n", "agoraSearchLoad(\"k\",[1);\n", "x(\"k\",1);\n"} {
		var got []string
		checkIndexFile([]byte(js), func(f string, a ...any) { got = append(got, fmt.Sprintf(f, a...)) })
		if len(got) == 0 {
			t.Errorf("checkIndexFile missed %q", js)
		}
	}
}
