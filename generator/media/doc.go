// Package media publishes the files of entry folders (content model v2):
// it tells what a file is from its bytes (Sniff), refuses what is not an
// allowed kind, and makes images safe and light.
package media
