package site

import (
	"bytes"

	"github.com/yuin/goldmark"
)

// markdownRenderer is a stand-in until generator/markdown lands.
func markdownRenderer() func([]byte) ([]byte, string, error) {
	md := goldmark.New()
	return func(src []byte) ([]byte, string, error) {
		var buf bytes.Buffer
		err := md.Convert(src, &buf)
		return buf.Bytes(), "", err
	}
}
