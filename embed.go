// Package agora holds what the binary embeds: the default schema and the
// default theme, which a community's own files override file by file.
package agora

import (
	"embed"
	"io/fs"
)

//go:embed schema/*.toml
//go:embed all:themes/default
var embedded embed.FS

// DefaultSchema is the schema/ folder of this repository.
var DefaultSchema = mustSub(embedded, "schema")

// DefaultTheme is the themes/default/ folder of this repository.
var DefaultTheme = mustSub(embedded, "themes/default")

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
