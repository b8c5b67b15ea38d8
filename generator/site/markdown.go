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
// and the search index takes the text; nothing uses the headings and links
// markdown.Render would list, so they are not collected.
func markdownRenderer(unsafeHTML bool) func([]byte) ([]byte, string, error) {
	md := markdown.New(markdown.WithUnsafeHTML(unsafeHTML))
	return func(src []byte) ([]byte, string, error) {
		res, err := md.RenderHTMLAndText(src)
		return res.HTML, res.Text, err
	}
}

func addHighlightCSS(theme *render.Theme) {
	theme.AppendStatic("style.css", markdown.HighlightCSS(highlightStyle))
}
