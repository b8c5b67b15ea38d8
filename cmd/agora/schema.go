package main

import (
	"context"

	"github.com/agora-community/agora/generator/schema"
)

func runSchema(ctx context.Context, c *cli, args []string) error {
	fs, source := c.flags("schema")
	if done, err := c.parse(fs, args); done {
		return err
	}
	if fs.NArg() != 1 || fs.Arg(0) != "docs" {
		return usageError("schema needs a subcommand: agora schema docs")
	}
	sch, err := loadSchema(c, *source)
	if err != nil {
		return err
	}
	return schema.WriteDocs(c.stdout, sch)
}
