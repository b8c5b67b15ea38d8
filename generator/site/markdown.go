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
// markdown.Render would list, so they are not collected. The text is
// written into a buffer render lends and takes back once it has indexed
// the text (render.LendText), not copied into a string per body.
func markdownRenderer(unsafeHTML bool) func([]byte) ([]byte, string, error) {
	md := markdown.New(markdown.WithUnsafeHTML(unsafeHTML))
	return func(src []byte) ([]byte, string, error) {
		var res markdown.Result
		var err error
		text := render.LendText(func(buf []byte) []byte {
			var text []byte
			res, text, err = md.RenderHTMLAppendingText(src, buf)
			return text
		})
		return res.HTML, text, err
	}
}

func addHighlightCSS(theme *render.Theme) {
	theme.AppendStatic("style.css", markdown.HighlightCSS(highlightStyle))
}
