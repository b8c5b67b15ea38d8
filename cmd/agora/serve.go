package main

import (
	"context"
	"net"
	"strconv"

	"github.com/agora-community/agora/generator/serve"
)

func runServe(ctx context.Context, c *cli, args []string) error {
	fs, source := c.flags("serve")
	port := fs.Int("port", 8080, "the `port` to serve on")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 shares the preview with your network")
	drafts := fs.Bool("drafts", false, "include entries marked draft = true")
	positional, done, err := c.parse(fs, args)
	if done {
		return err
	}
	if err := noArgs("serve", positional); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return usageError("--port %d: choose a port from 1 to 65535", *port)
	}
	srv := serve.New(serve.Options{Source: *source, Addr: net.JoinHostPort(*bind, strconv.Itoa(*port)),
		Drafts: *drafts, Today: today(), Log: c.stderr})
	return srv.Run(ctx)
}
