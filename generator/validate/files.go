package validate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/media"
)

// files checks an entry's references to the files of its folder, each at
// the reference (an image or file field's src, a link or image of the
// body): the file must be there, an image must be an image with alt text,
// and a file must be of a kind that may be published. A file's own
// problem (its kind, its size, a bomb) and its warnings (a PDF naming its
// author) are reported once, at its first reference. A file nothing
// refers to is a warning: it is not published.
func files(e *load.Entry) diag.List {
	var c fileChecker
	c.e = e
	used := map[string]bool{}
	for _, u := range e.Uses() {
		c.use(u, used)
	}
	for _, f := range e.Files {
		if !used[f.Name] {
			c.diags = append(c.diags, diag.Diagnostic{File: e.Folder + "/" + f.Name, Severity: diag.Warning, Code: "unreferenced-file",
				Message: "nothing in " + e.File + " refers to this file, so it is not published",
				Hint:    unreferencedHint(f)})
		}
	}
	return c.diags
}

type fileChecker struct {
	e     *load.Entry
	diags diag.List
}

// at places d at the use: a field's value (its src) found later by key,
// or the body's reference by its line and column.
func (c *fileChecker) at(u load.Use, d diag.Diagnostic, sev diag.Severity) {
	d.File, d.Severity = c.e.File, sev
	if u.Ref != nil {
		d.Line, d.Col, d.Source = u.Ref.Line, u.Ref.Col, u.Ref.Source
	} else {
		d.Key, d.AtValue, d.Pending = u.Key+".src", true, true
	}
	c.diags = append(c.diags, d)
}

func (c *fileChecker) use(u load.Use, used map[string]bool) {
	e := c.e
	switch {
	case u.Ref != nil && u.Ref.Elsewhere:
		c.at(u, diag.Diagnostic{Code: "file-elsewhere", Message: "an image is published from its entry's own folder",
			Found: strconv.Quote(u.Name), Allowed: "the name of a file beside " + baseName(e),
			Hint: "copy the image into " + folderOf(e) + "/ and write its name alone: ![…](" + lastPart(u.Name) + ")"}, diag.Error)
		return
	case e.Folder == "":
		c.at(u, diag.Diagnostic{Code: "missing-file", Message: strconv.Quote(u.Name) + ": the entry is a single file, so it has no files of its own",
			Found: strconv.Quote(u.Name), Allowed: "files of an entry folder",
			Hint: "make the entry a folder: move " + e.File + " to " + folderOf(e) + "/index" + ext(e) + " and put " + u.Name + " beside it"}, diag.Error)
		return
	}
	f, ok := e.FileNamed(u.Name)
	if !ok {
		c.at(u, c.missing(u.Name), diag.Error)
		return
	}
	if u.Image && u.Ref != nil && strings.TrimSpace(u.Ref.Alt) == "" {
		c.at(u, diag.Diagnostic{Code: "image-alt", Message: "the image has no alt text",
			Found: "![](" + u.Name + ")", Allowed: "a description of the image between the brackets",
			Hint: "write what it shows for readers who cannot see it: ![Members around a table at the gathering](" + u.Name + ")"}, diag.Error)
	}
	first := !used[u.Name]
	used[u.Name] = true
	if f.Problem != nil {
		if first {
			c.at(u, f.Problem.Diagnostic("", 0, 0), severity(f.Problem))
		}
		return
	}
	if u.Image && f.Kind.Class() != media.Image {
		c.at(u, diag.Diagnostic{Code: "not-an-image", Message: strconv.Quote(u.Name) + " is not an image",
			Found: f.Kind.String(), Allowed: "a JPEG, PNG, GIF or WebP image",
			Hint: "link to it instead: [" + strings.TrimSuffix(u.Name, "."+f.Kind.Key()) + "](" + u.Name + ")"}, diag.Error)
		return
	}
	if first {
		for _, n := range f.Notes {
			c.at(u, n.Diagnostic("", 0, 0), severity(n))
		}
	}
}

// missing is the problem of a reference to a file the folder does not
// hold, with the nearest name it does.
func (c *fileChecker) missing(name string) diag.Diagnostic {
	names := make([]string, len(c.e.Files))
	for i, f := range c.e.Files {
		names[i] = f.Name
	}
	allowed := "the files of " + c.e.Folder + "/: " + strings.Join(quoted(names, 10), ", ")
	if len(names) == 0 {
		allowed = "the files of " + c.e.Folder + "/, which holds none but " + baseName(c.e)
	}
	hint := diag.DidYouMean(name, names)
	if hint == "" {
		hint = "put " + name + " into " + c.e.Folder + "/, or correct the name"
	}
	return diag.Diagnostic{Code: "missing-file", Message: strconv.Quote(name) + " is not a file of the entry's folder",
		Found: strconv.Quote(name), Allowed: allowed, Hint: hint}
}

func severity(p *media.Problem) diag.Severity {
	if p.Warning {
		return diag.Warning
	}
	return diag.Error
}

func unreferencedHint(f load.File) string {
	if f.Kind.Class() == media.Image {
		return fmt.Sprintf("show it in the text, ![what it shows](%s), or remove it", f.Name)
	}
	return fmt.Sprintf("link to it from the text, [its title](%s), or name it in a field such as attachments; or remove it", f.Name)
}

// folderOf is the folder an entry has or would have: content/FOLDER/SLUG.
func folderOf(e *load.Entry) string {
	if e.Folder != "" {
		return e.Folder
	}
	return e.File[:strings.LastIndexByte(e.File, '/')+1] + e.Slug
}

func baseName(e *load.Entry) string { return e.File[strings.LastIndexByte(e.File, '/')+1:] }

func ext(e *load.Entry) string { return e.File[strings.LastIndexByte(e.File, '.'):] }

func lastPart(p string) string { return p[strings.LastIndexAny(p, `/\`)+1:] }

// quoted quotes the first n names, and says how many more there are.
func quoted(names []string, n int) []string {
	var out []string
	for i, s := range names {
		if i == n {
			out = append(out, fmt.Sprintf("and %d more", len(names)-n))
			break
		}
		out = append(out, strconv.Quote(s))
	}
	return out
}

// FileProblem places a problem found with a file of e's folder after the
// check (an image the build could not decode, a cache it could not
// write) at the entry's first public reference to the file, as the check
// places its own; at the file itself when none names it.
func FileProblem(e *load.Entry, name string, p *media.Problem) diag.Diagnostic {
	c := fileChecker{e: e}
	for _, u := range e.Uses() {
		if u.Name == name && !u.Private {
			c.at(u, p.Diagnostic("", 0, 0), severity(p))
			return c.diags[0]
		}
	}
	return p.Diagnostic(e.Folder+"/"+name, 0, 0)
}

// TranslationFiles checks the references of a translation's body to the
// files of its entry's folder as files checks an entry's (the file is
// there, an image with alt text, a kind that may be published), and one
// more: a translation shows only files its original publishes, since a
// folder's files are published once, for the original's references. A
// file the translation does not name is no warning: the original names
// it, or files warned of it.
func TranslationFiles(t, original *load.Entry) diag.List {
	c := fileChecker{e: t}
	used := map[string]bool{}
	published := original.Published()
	for _, u := range t.Uses() {
		if t.Folder == "" && !(u.Ref != nil && u.Ref.Elsewhere) {
			c.at(u, singleTranslation(t, original, u.Name), diag.Error)
			continue
		}
		before := len(c.diags)
		c.use(u, used)
		if len(c.diags) > before {
			continue
		}
		if _, ok := t.FileNamed(u.Name); ok && published[u.Name] == nil {
			c.at(u, diag.Diagnostic{Code: "translation-file", Message: strconv.Quote(u.Name) + " is not shown by the original, so it is not published",
				Found: strconv.Quote(u.Name), Allowed: "the files " + original.File + " refers to",
				Hint: "refer to " + u.Name + " in " + original.File + " too, or leave it out of the translation"}, diag.Error)
		}
	}
	return c.diags
}

// singleTranslation is the problem of a translation written as a single
// file that refers to files: they are its entry folder's, beside it.
func singleTranslation(t, original *load.Entry, name string) diag.Diagnostic {
	d := diag.Diagnostic{Code: "missing-file", Message: strconv.Quote(name) + ": the translation is a single file, so it has no files beside it",
		Found: strconv.Quote(name), Allowed: "files of the entry's folder, from a translation in that folder"}
	inFolder := folderOf(original) + "/index." + t.Lang + ext(t)
	if original.Folder != "" {
		d.Hint = "move " + t.File + " to " + inFolder
	} else {
		d.Hint = "make the entry a folder: move " + original.File + " to " + folderOf(original) + "/index" + ext(original) +
			" and " + t.File + " to " + inFolder + ", and put " + name + " beside them"
	}
	return d
}
