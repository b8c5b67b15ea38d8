package cms

import (
	"html"
	"strings"
)

// Path is where the editor is published, under the site's root.
const Path = "admin/"

// Policy is /admin/'s own Content-Security-Policy. It is wider than the
// site's (render.CSP) in what the editor needs and nothing else: the one
// pinned script; inline styles, which the CMS's components set; the
// repository host's API; its fonts; images and previews it makes from
// files in the browser (blob:, data:). The site's pages keep their own
// policy: this one is served for /admin/ only.
func Policy(b Backend) string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' " + ScriptURL,
		"style-src 'self' 'unsafe-inline'",
		"font-src 'self' https://cdn.jsdelivr.net/fontsource/",
		"img-src 'self' data: blob: https:",
		"media-src 'self' blob:",
		// The CMS asks unpkg for its latest version, to tell the user,
		// and github.com's or gitlab.com's status page whether the host
		// is down (blocked, the browser test saw a policy violation).
		"connect-src 'self' data: blob: " + b.API() + " https://unpkg.com/@sveltia/cms/package.json" + b.statusAPI(),
		"frame-src 'self' blob:",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
	}, "; ")
}

// IndexHTML is /admin/index.html: the page the CMS's documentation
// describes (the script in the body, config.yml beside it), with the
// exact version's SRI hash, its own policy, and no robots.
func IndexHTML(title, lang string, b Backend) []byte {
	var s strings.Builder
	s.WriteString("<!doctype html>\n<html lang=\"" + html.EscapeString(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	s.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	s.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"" + html.EscapeString(Policy(b)) + "\">\n")
	s.WriteString("<meta name=\"referrer\" content=\"same-origin\">\n")
	s.WriteString("<meta name=\"robots\" content=\"noindex\">\n")
	s.WriteString("<title>Editor · " + html.EscapeString(title) + "</title>\n</head>\n<body>\n")
	s.WriteString("<noscript><p>The editor needs JavaScript. Without it, edit the files of the repository on its host.</p></noscript>\n")
	s.WriteString("<script src=\"" + ScriptURL + "\" integrity=\"" + Integrity + "\" crossorigin=\"anonymous\"></script>\n")
	s.WriteString("</body>\n</html>\n")
	return []byte(s.String())
}

// Headers is the _headers rule of /admin/: its own policy in place of
// the site's ("! NAME" detaches a header a broader rule attached, as
// Cloudflare Pages documents), and no framing.
func Headers(b Backend) string {
	return "/" + Path + "*\n  ! Content-Security-Policy\n  Content-Security-Policy: " + Policy(b) + "; frame-ancestors 'none'\n  X-Robots-Tag: noindex\n"
}

// statusAPI is the status page the CMS asks about github.com or
// gitlab.com (its dist/sveltia-cms.js names them), with a leading space;
// none for a self-hosted host.
func (b Backend) statusAPI() string {
	switch {
	case b.Origin != "":
		return ""
	case b.Name == "github":
		return " https://www.githubstatus.com/api/v2/status.json"
	case b.Name == "gitlab":
		return " https://status-api.hostedstatus.com/1.0/status/5b36dc6502d06804c08349f7"
	}
	return ""
}
