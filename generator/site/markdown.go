package site

import (
	"github.com/agora-community/agora/generator/markdown"
	"github.com/agora-community/agora/generator/render"
)

// highlightStyle is the chroma style of fenced code; its CSS (light, and
// dark under prefers-color-scheme) is appended to the theme's style.css
// so pages make no extra request.
const highlightStyle = "github"

// markdownRenderer renders entry bodies: raw HTML escaped and unsafe URLs
// dropped unless site.toml sets unsafe_html = true. Pages show the HTML
// and the search index takes the text, appended to the buffer render
// lends; nothing uses the headings and links markdown.Render would list,
// so they are not collected.
func markdownRenderer(unsafeHTML bool) func(src, text []byte, files markdown.Files) ([]byte, []byte, error) {
	md := markdown.New(markdown.WithUnsafeHTML(unsafeHTML))
	return func(src, text []byte, files markdown.Files) ([]byte, []byte, error) {
		if files == nil {
			res, text, err := md.RenderHTMLAppendingText(src, text)
			return res.HTML, text, err
		}
		res, text, err := md.RenderWithFiles(src, text, files)
		return res.HTML, text, err
	}
}

func addHighlightCSS(theme *render.Theme) {
	theme.AppendStatic("style.css", markdown.HighlightCSS(highlightStyle))
}
