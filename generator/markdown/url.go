package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// filterURLs removes every link, autolink and image in links whose URL is
// not allowed (see allowedURL): a link is replaced by its content, an
// image by its alt text, an autolink by its label. It also marks external
// links rel="noopener noreferrer".
//
// Doing this on the AST, before rendering, means goldmark's own renderers
// draw the links that remain, and Result.Links sees the same links as the
// HTML does.
func filterURLs(links []ast.Node, src []byte) {
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Link:
			dest := resolveURL(n.Destination)
			if !allowedURL(dest) {
				unwrap(n)
			} else if isExternal(dest) {
				n.SetAttribute([]byte("rel"), relExternal)
			}
		case *ast.Image:
			if !allowedURL(resolveURL(n.Destination)) {
				alt := ast.NewString([]byte(plainText(n, src)))
				alt.SetRaw(true) // plain text: escape it, resolve nothing
				n.Parent().ReplaceChild(n.Parent(), n, alt)
			}
		case *ast.AutoLink:
			url := autoLinkURL(n, src)
			if !allowedURL(url) {
				label := ast.NewString(n.Label(src))
				label.SetRaw(true)
				n.Parent().ReplaceChild(n.Parent(), n, label)
			} else if isExternal(url) {
				n.SetAttribute([]byte("rel"), relExternal)
			}
		}
	}
}

var relExternal = []byte("noopener noreferrer")

// unwrap replaces n by its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c) // moves c out of n
		c = next
	}
	parent.RemoveChild(parent, n)
}

// resolveURL resolves backslash escapes and character references in a
// link destination, as goldmark does before writing it into href or src.
func resolveURL(dest []byte) []byte {
	return unescape(dest)
}

// autoLinkURL returns the URL an autolink points to, as goldmark writes it
// into href: with "http://" added to www. links and "mailto:" to e-mail
// addresses.
func autoLinkURL(n *ast.AutoLink, src []byte) []byte {
	url := n.URL(src)
	if n.AutoLinkType == ast.AutoLinkEmail && !hasPrefixFold(url, "mailto:") {
		url = append([]byte("mailto:"), url...)
	}
	return url
}

// allowedURL reports whether url, already unescaped by goldmark, may
// appear in href or src: an http, https or mailto URL, a relative path
// (with optional query and fragment), or a fragment alone.
func allowedURL(url []byte) bool {
	scheme, clean := splitScheme(url)
	switch scheme {
	case "http", "https", "mailto":
		return true
	case "":
		// Refuse network-path references ("//host/…"; browsers read a
		// backslash as a slash): they are not relative paths.
		return len(clean) < 2 || (clean[0] != '/' && clean[0] != '\\') || (clean[1] != '/' && clean[1] != '\\')
	}
	return false
}

// isExternal reports whether url is http or https.
func isExternal(url []byte) bool {
	scheme, _ := splitScheme(url)
	return scheme == "http" || scheme == "https"
}

// splitScheme returns the lowercased scheme of url ("" if none) and url
// cleaned of ASCII whitespace and control characters.
//
// The scheme is judged as a browser would find it, only more strictly:
// browsers drop tabs and newlines anywhere and controls and spaces at the
// ends; this drops them anywhere. Any colon before the first '/', '?', '#'
// or backslash ends a scheme, whether or not a browser would agree, so that
// "java&#9;script:", "&#x20;javascript:" and "jav%61script:" all have one
// and are refused.
func splitScheme(url []byte) (scheme string, clean []byte) {
	clean = make([]byte, 0, len(url))
	for _, c := range url {
		if c <= ' ' || c == 0x7f {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		clean = append(clean, c)
	}
	if i := bytes.IndexAny(clean, ":/?#\\"); i >= 0 && clean[i] == ':' {
		if i == 0 {
			return ":", clean
		}
		return string(clean[:i]), clean
	}
	return "", clean
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}
