package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/agora-community/agora/generator/jsonschema"
	"github.com/agora-community/agora/generator/schema"
)

func runSchema(ctx context.Context, c *cli, args []string) error {
	fs, source := c.flags("schema")
	jsonDir := fs.String("jsonschema", "", "with export: write one JSON Schema per type into `folder`, as TYPE.schema.json, and TYPE.translation.schema.json for its translations")
	positional, done, err := c.parse(fs, args)
	if done {
		return err
	}
	if len(positional) != 1 || (positional[0] != "docs" && positional[0] != "export") {
		return usageError("schema needs a subcommand: agora schema docs, or agora schema export --jsonschema DIR")
	}
	if positional[0] == "docs" && *jsonDir != "" {
		return usageError("--jsonschema goes with export: agora schema export --jsonschema DIR")
	}
	if positional[0] == "export" && *jsonDir == "" {
		return usageError("export needs a format and a folder: agora schema export --jsonschema schema/json")
	}
	sch, err := loadSchema(c, *source)
	if err != nil {
		return err
	}
	if positional[0] == "docs" {
		return schema.WriteDocs(c.stdout, sch)
	}
	return exportJSONSchema(c, sch, *jsonDir)
}

// exportJSONSchema writes TYPE.schema.json for every type, for editors.
func exportJSONSchema(c *cli, sch *schema.Schema, dir string) error {
	written, err := jsonschema.Write(dir, sch)
	if err != nil {
		return err
	}
	for _, p := range written {
		fmt.Fprintln(c.stdout, "wrote", filepath.ToSlash(p))
	}
	return nil
}
