package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"time"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = ""

func runVersion(ctx context.Context, c *cli, args []string) error {
	fs, _ := c.flags("version")
	positional, done, err := c.parse(fs, args)
	if done {
		return err
	}
	if err := noArgs("version", positional); err != nil {
		return err
	}
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && v == "" {
		v = info.Main.Version
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 && (v == "" || v == "(devel)") {
				v = "devel-" + s.Value[:12]
			}
		}
	}
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	fmt.Fprintf(c.stdout, "agora %s\n", v)
	return nil
}

// today dates overdue warnings. AGORA_TODAY=YYYY-MM-DD fixes it, for
// reproducible checks in tests and CI.
func today() time.Time {
	if s := os.Getenv("AGORA_TODAY"); s != "" {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t
		}
	}
	now := time.Now()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}
