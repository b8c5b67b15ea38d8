package link

import (
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// BuildOn is Build resolving entries on up to workers goroutines.
func BuildOn(c *load.Content, sch *schema.Schema, opts Options, workers int) (*Graph, diag.List) {
	return build(c, sch, opts, workers)
}
