package main

import (
	"context"

	"github.com/agora-community/agora/generator/schema"
)

func runSchema(ctx context.Context, c *cli, args []string) error {
	fs, source := c.flags("schema")
	positional, done, err := c.parse(fs, args)
	if done {
		return err
	}
	if len(positional) != 1 || positional[0] != "docs" {
		return usageError("schema needs a subcommand: agora schema docs")
	}
	sch, err := loadSchema(c, *source)
	if err != nil {
		return err
	}
	return schema.WriteDocs(c.stdout, sch)
}
