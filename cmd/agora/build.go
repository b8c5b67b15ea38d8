package main

import (
	"context"
)

func runBuild(ctx context.Context, c *cli, args []string) error {
	return usageError("build: not yet implemented")
}
