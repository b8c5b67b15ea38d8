package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes, as the content contract fixes them.
const (
	exitContent = 1 // the content has errors
	exitUsage   = 2 // the command line is wrong
)

// exitError carries an exit code; its message, if any, is printed once.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageError(format string, args ...any) error {
	return &exitError{exitUsage, fmt.Sprintf(format, args...)}
}

// errContent is returned after the diagnostics were printed.
var errContent = &exitError{code: exitContent}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, "agora:", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "agora:", err)
	return exitContent
}

type command struct {
	name    string
	args    string
	summary string
}

var commands = []command{
	{"build", "[--out DIR] [--base-url URL] [--drafts]", "check the content and write the site"},
	{"check", "[--format text|json|github]", "check every file against the schema and report every problem"},
	{"serve", "[--port N] [--bind ADDR] [--drafts]", "build, serve on this machine and rebuild on change"},
	{"new", "TYPE SLUG", "write a new entry with every field of its type"},
	{"import", "FILE --type TYPE [--map COLUMN=FIELD]... [--dry-run] [--date-format DD/MM/YYYY]", "turn a spreadsheet (CSV) into entries, every row checked before anything is written"},
	{"export", "--type TYPE [--format csv|json] [--private]", "print the entries of a type as a spreadsheet (CSV) or JSON"},
	{"init", "DIR [--repo URL] [--eject]", "start a new community repository, with CI for pull requests and Pages"},
	{"schema", "docs | export --jsonschema DIR", "print the reference of every type and field in force, or export it as JSON Schema for editors"},
	{"version", "", "print the version"},
}

// handlers runs each command; kept apart from commands, which the
// handlers' own help reads.
func handler(name string) func(ctx context.Context, c *cli, args []string) error {
	switch name {
	case "build":
		return runBuild
	case "check":
		return runCheck
	case "serve":
		return runServe
	case "new":
		return runNew
	case "import":
		return runImport
	case "export":
		return runExport
	case "init":
		return runInit
	case "schema":
		return runSchema
	case "version":
		return runVersion
	}
	return nil
}

// cli is what every subcommand shares.
type cli struct {
	stdout, stderr io.Writer
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := &cli{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		c.usage(stderr)
		return &exitError{code: exitUsage}
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "help" {
		if len(args) > 1 && handler(args[1]) != nil {
			return handler(args[1])(ctx, c, []string{"--help"})
		}
		c.usage(stdout)
		return nil
	}
	if h := handler(name); h != nil {
		return h(ctx, c, args[1:])
	}
	c.usage(stderr)
	return usageError("unknown command %q", name)
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintln(w, "Agora builds the knowledge base of a learning community from content/ and site.toml.")
	fmt.Fprintln(w, "\nUsage: agora COMMAND [flags]\n\nCommands:")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintln(w, "\nRun 'agora COMMAND --help' for a command's flags. Every command takes --source DIR (default: the current folder).")
}

// flags makes a subcommand's flag set with --source and a usage that
// names the command. Errors come back for the caller to turn into exit 2.
func (c *cli) flags(name string) (*flag.FlagSet, *string) {
	var cmd command
	for _, x := range commands {
		if x.name == name {
			cmd = x
		}
	}
	fs := flag.NewFlagSet("agora "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	source := fs.String("source", ".", "the community repository's `folder`")
	fs.Usage = func() {
		fmt.Fprintf(c.stdout, "Usage: %s\n\n%s.\n\nFlags:\n", strings.TrimSpace("agora "+name+" "+cmd.args), strings.ToUpper(cmd.summary[:1])+cmd.summary[1:])
		fs.SetOutput(c.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs, source
}

// parse parses flags, which may stand before, between or after the
// arguments, and returns the arguments. --help prints the command's usage
// on stdout and ends it with success; a bad flag is a usage error.
func (c *cli) parse(fs *flag.FlagSet, args []string) (positional []string, done bool, err error) {
	usage := fs.Usage
	fs.Usage = func() {} // flag would print it on every error; we print it only for --help
	defer func() { fs.Usage = usage }()
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				usage()
				return nil, true, nil
			}
			return nil, true, usageError("%v (see '%s --help')", err, fs.Name())
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, false, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), false, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// noArgs refuses arguments for commands that take none.
func noArgs(name string, positional []string) error {
	if len(positional) > 0 {
		return usageError("%s takes no arguments, found %q (see 'agora %s --help')", name, positional[0], name)
	}
	return nil
}

// isTerminal reports whether w is a terminal that wants colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
