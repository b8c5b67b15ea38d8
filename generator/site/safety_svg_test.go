package site

import (
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/render"
)

// TestSVGAllowList: the output check admits the charts' inline SVG and
// refuses anything else an SVG could carry: scripts, links of any kind,
// foreign objects, style, event handlers, animation.
func TestSVGAllowList(t *testing.T) {
	page := func(svg string) string {
		return `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="` + render.CSP + `"></head><body>` + svg + `</body></html>`
	}
	chart := `<svg class="chart bars" role="img" aria-labelledby="c-title c-desc" viewBox="0 0 640 100" width="640" height="100"><title id="c-title">T</title><desc id="c-desc">D</desc>` +
		`<rect class="done" x="1" y="2" width="3" height="4"/><circle class="node" cx="1" cy="2" r="3"/><line class="meet w1" x1="0" y1="0" x2="1" y2="1"/>` +
		`<path class="arrow done w1" d="M0 0L1 1"/><text class="label" x="1" y="2">a &lt; b</text></svg>`
	if got := problemsOf(page(chart)); len(got) > 0 {
		t.Errorf("a chart is refused: %v", got)
	}
	for _, bad := range []string{
		`<svg><script>alert(1)</script></svg>`,
		`<svg><a href="https://evil.example/"><text>x</text></a></svg>`,
		`<svg><a href="javascript:alert(1)"><text>x</text></a></svg>`,
		`<svg><use href="#x"/></svg>`,
		`<svg><image href="https://evil.example/x.png"/></svg>`,
		`<svg><foreignObject><p>x</p></foreignObject></svg>`,
		`<svg><style>*{}</style></svg>`,
		`<svg><rect style="fill:red"/></svg>`,
		`<svg><rect onclick="alert(1)"/></svg>`,
		`<svg onload="alert(1)"></svg>`,
		`<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>`,
		`<svg><rect fill="url(https://evil.example/#p)"/></svg>`,
		`<svg><text xlink:href="#x">x</text></svg>`,
		`<math><mi>x</mi></math>`,
	} {
		if got := problemsOf(page(bad)); len(got) == 0 {
			t.Errorf("%s passes the check", bad)
		}
	}
}

func problemsOf(html string) []string {
	var out []string
	checkHTML([]byte(html), func(format string, args ...any) {
		out = append(out, strings.TrimSpace(format))
	})
	return out
}
