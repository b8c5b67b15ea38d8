package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

func startCPUProfile(name string) (func(), error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeHeapProfile(name string, c *cli) {
	f, err := os.Create(name)
	if err != nil {
		fmt.Fprintln(c.stderr, "agora:", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintln(c.stderr, "agora:", err)
	}
}
