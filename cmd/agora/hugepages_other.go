//go:build !linux

package main

// reserveHugePages does nothing where huge pages are not asked for with
// madvise: see hugepages_linux.go.
func reserveHugePages(limit int64) {}
