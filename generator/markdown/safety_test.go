package markdown

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"testing"
)

// nasty holds inputs beyond testdata/cases.txt for the safety property,
// mostly from the usual XSS filter-evasion lists.
var nasty = []string{
	"<script>alert(1)</script>",
	"<SCRIPT SRC=//xss.example/xss.js></SCRIPT>",
	"<scr<script>ipt>alert(1)</scr</script>ipt>",
	"<<script>script>alert(1)<</script>/script>",
	"<img src=x onerror=alert(1)>",
	"<IMG SRC=\"jav\tascript:alert('XSS');\">",
	"<img src=`javascript:alert(1)`>",
	"<img/src=x/onerror=alert(1)>",
	"<svg onload=alert(1)>",
	"<svg><script>alert(1)</script></svg>",
	"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
	"<a href=\"javascript:alert(1)\">x</a>",
	"<a href=javascript&colon;alert(1)>x</a>",
	"<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
	"<body onload=alert(1)>",
	"<details open ontoggle=alert(1)>",
	"<form action=javascript:alert(1)><button>x</button></form>",
	"<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
	"<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
	"<style>@import 'http://xss.example/x.css';</style>",
	"<!--<img src=x onerror=alert(1)>-->",
	"<![CDATA[<script>alert(1)</script>]]>",
	"<?xml version=\"1.0\"?><x onload=alert(1)>",
	"[x](javascript:alert(1))",
	"[x](JaVaScRiPt:alert(1))",
	"[x](javascript&#58;alert(1))",
	"[x](javascript&colon;alert(1))",
	"[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
	"[x](&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1))",
	"[x](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))",
	"[x](<java\tscript:alert(1)>)",
	"[x](<java\nscript:alert(1)>)",
	"[x](<\x01javascript:alert(1)>)",
	"[x](<\x00javascript:alert(1)>)",
	"[x](< javascript:alert(1)>)",
	"[x](java&#9;script:alert(1))",
	"[x](java&Tab;script:alert(1))",
	"[x](java&NewLine;script:alert(1))",
	"[x](jav\\ascript:alert(1))",
	"[x](javascript\\:alert(1))",
	"[x](vbscript:msgbox(1))",
	"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"[x](DATA:text/html,<script>alert(1)</script>)",
	"[x](file:///etc/passwd)",
	"![x](javascript:alert(1))",
	"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
	"![x\" onerror=\"alert(1)](x.png)",
	"![x](x.png \"t\\\" onerror=\\\"alert(1)\")",
	"[x](/a \"t\\\" onmouseover=\\\"alert(1)\")",
	"[x](/a\"onmouseover=alert(1))",
	"[x](https://example.org/\"><script>alert(1)</script>)",
	"[x][r]\n\n[r]: javascript:alert(1)",
	"[x][r]\n\n[r]: <java&#x09;script:alert(1)> \"t\"",
	"<javascript:alert(1)>",
	"<JAVASCRIPT:alert(1)>",
	"<data:text/html;base64,PHNjcmlwdD4=>",
	"<vbscript:msgbox(1)>",
	"javascript:alert(1) www.example.com/<script>",
	"www.example.com/\"onmouseover=alert(1)",
	"[![img](javascript:alert(1))](javascript:alert(2))",
	"```\"><script>alert(1)</script>\ncode\n```",
	"```js\n</code></pre><script>alert(1)</script>\n```",
	"`<script>alert(1)</script>`",
	"```jsonata\n\"\n```",
	"```markdown\n<script>alert(1)</script>\n```jsonata\n'\n```\n```",
	"| a |\n|---|\n| <img src=x onerror=alert(1)> |",
	"- [ ] <input onfocus=alert(1) autofocus>",
	"x[^1]\n\n[^1]: [y](javascript:alert(1)) <script>alert(1)</script>",
	"# <img src=x onerror=alert(1)>",
	"&lt;script&gt;alert(1)&lt;/script&gt;",
	"\\<script>alert(1)\\</script>",
	"<a href=\"&#1;javascript:alert(1)\">x</a>",
	"[<img src=x onerror=alert(1)>](x.md)",
	"<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
	strings.Repeat("[", 1000) + "x" + strings.Repeat("](javascript:alert(1))", 1000),
	strings.Repeat("> ", 500) + "[x](javascript:alert(1))",
}

// allowedTags are the elements the safe renderer may write.
var allowedTags = map[string]bool{
	"a": true, "blockquote": true, "br": true, "code": true, "del": true, "div": true,
	"em": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"hr": true, "img": true, "input": true, "li": true, "ol": true, "p": true, "pre": true,
	"span": true, "strong": true, "sup": true, "table": true, "tbody": true, "td": true,
	"th": true, "thead": true, "tr": true, "ul": true,
}

// allowedAttrs are the attributes the safe renderer may write.
var allowedAttrs = map[string]bool{
	"align": true, "alt": true, "checked": true, "class": true, "disabled": true, "href": true,
	"id": true, "rel": true, "role": true, "src": true, "start": true, "title": true, "type": true,
}

// checkSafe reports the first thing in out that could run script: a
// <script, a tag or attribute outside the allow lists (so no on…= event
// handler and no style), a javascript:, vbscript: or data: URL in href or
// src, or a '<' that does not start a tag. It tokenises the way a browser
// does, not with a regexp, so that a quoted title holding " onclick=" is
// not mistaken for an attribute, and "<img/src=x/onerror=…>" is.
func checkSafe(out []byte) error {
	if bytes.Contains(bytes.ToLower(out), []byte("<script")) {
		return fmt.Errorf("<script in output")
	}
	s := string(out)
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		i++
		end := i < len(s) && s[i] == '/'
		if end {
			i++
		}
		start := i
		for i < len(s) && isAlnum(s[i]) {
			i++
		}
		tag := strings.ToLower(s[start:i])
		if !allowedTags[tag] {
			return fmt.Errorf("tag <%s%s> (at %d)", map[bool]string{true: "/"}[end], s[start:min(i+10, len(s))], start)
		}
		for {
			for i < len(s) && (isSpace(s[i]) || s[i] == '/') {
				i++
			}
			if i >= len(s) {
				return fmt.Errorf("unterminated tag <%s", tag)
			}
			if s[i] == '>' {
				break
			}
			start = i
			for i < len(s) && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
				i++
			}
			name := strings.ToLower(s[start:i])
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			value := ""
			if i < len(s) && s[i] == '=' {
				i++
				for i < len(s) && isSpace(s[i]) {
					i++
				}
				if i < len(s) && (s[i] == '"' || s[i] == '\'') {
					q := s[i]
					j := strings.IndexByte(s[i+1:], q)
					if j < 0 {
						return fmt.Errorf("unterminated attribute value in <%s", tag)
					}
					value = s[i+1 : i+1+j]
					i += j + 2
				} else {
					start = i
					for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
						i++
					}
					value = s[start:i]
				}
			}
			if end {
				return fmt.Errorf("attribute %s in end tag </%s>", name, tag)
			}
			if !allowedAttrs[name] || strings.HasPrefix(name, "on") {
				return fmt.Errorf("attribute %s=%q in <%s>", name, value, tag)
			}
			if name == "href" || name == "src" {
				v := strings.ToLower(html.UnescapeString(value))
				v = strings.Map(func(r rune) rune {
					if r <= ' ' || r == 0x7f {
						return -1
					}
					return r
				}, v)
				for _, bad := range []string{"javascript:", "vbscript:", "data:"} {
					if strings.HasPrefix(v, bad) {
						return fmt.Errorf("%s=%q in <%s>", name, value, tag)
					}
				}
			}
		}
	}
	return nil
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func TestCheckSafe(t *testing.T) {
	// The checker itself must catch what it is meant to catch.
	bad := []string{
		"<script>", "<SCRIPT>", "<p onclick=x>", "<p\nonclick=x>", "<img/onerror=y>", "<img src=x/ onerror=y>",
		`<a href="javascript:x">`, `<a href=" JavaScript:x">`, `<a href="&#106;avascript:x">`,
		`<a href="java&#9;script:x">`, `<img src="data:image/png,x">`, `<a href='vbscript:x'>`,
		"<iframe>", "<p style=\"x\">", "<!-- x -->", "< p>", "<p", `<p title="x>`, "</p onclick=x>",
	}
	for _, s := range bad {
		if checkSafe([]byte(s)) == nil {
			t.Errorf("checkSafe(%q) = nil", s)
		}
	}
	good := []string{
		`<p title="a onclick=b">x</p>`, `<a href="https://x.org/javascript:">x</a>`,
		"&lt;script&gt;", `<pre class="chroma"><code><span class="k">x</span></code></pre>`,
		`<input checked="" disabled="" type="checkbox">`,
	}
	for _, s := range good {
		if err := checkSafe([]byte(s)); err != nil {
			t.Errorf("checkSafe(%q) = %v", s, err)
		}
	}
}

// TestSafety renders every case input and every nasty input with the safe
// renderer and checks the output.
func TestSafety(t *testing.T) {
	var inputs []string
	for _, c := range readCases(t) {
		inputs = append(inputs, c.Input)
	}
	inputs = append(inputs, nasty...)
	for _, in := range inputs {
		res, err := safeRenderer.Render([]byte(in))
		if err != nil {
			t.Errorf("Render(%q): %v", in, err)
			continue
		}
		if err := checkSafe(res.HTML); err != nil {
			t.Errorf("Render(%q): %v\n%s", in, err, res.HTML)
		}
	}
	t.Logf("%d inputs", len(inputs))
}

func FuzzRender(f *testing.F) {
	for _, c := range readCases(f) {
		f.Add([]byte(c.Input))
	}
	for _, in := range nasty {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := safeRenderer.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkSafe(res.HTML); err != nil {
			t.Fatalf("%v\ninput: %q\noutput:\n%s", err, src, res.HTML)
		}
		if _, err := unsafeRenderer.Render(src); err != nil {
			t.Fatal(err)
		}
	})
}
