package render

import (
	"html/template"
	"strings"
	"time"
)

// Change says when an entry was last changed and, when Git knows, by whom.
type Change struct {
	Date time.Time
	// Author, Hash and Subject come from the last commit that touched the
	// entry's file; empty for the other sources.
	Author  string
	Hash    string
	Subject string
	// Source is where the date comes from: "git" (the last commit),
	// "updated" (the entry's own field) or "file" (the file's time).
	Source string
}

// ShortHash is the commit's abbreviated hash.
func (c *Change) ShortHash() string {
	if len(c.Hash) > 7 {
		return c.Hash[:7]
	}
	return c.Hash
}

// LastChange is when the page's entry was last changed: its last commit
// when the source is a Git work tree, else its updated field, else its
// file's modification time; nil when none is known.
func (p *Page) LastChange() *Change {
	if p.Entry == nil {
		return nil
	}
	return p.s.lastChange(p.Entry)
}

func (s *Site) lastChange(v *Entry) *Change {
	file := v.File()
	if c, ok := s.in.Changes[file]; ok && !c.Date.IsZero() {
		return &Change{Date: c.Date, Author: c.Author, Hash: c.Hash, Subject: c.Subject, Source: "git"}
	}
	if d := v.Time("updated"); !d.IsZero() {
		return &Change{Date: d, Source: "updated"}
	}
	if d, ok := s.in.ModTimes[file]; ok && !d.IsZero() {
		return &Change{Date: d, Source: "file"}
	}
	return nil
}

// CommitURL links to the commit of the entry's last change, when site.toml
// has [repo] and the change comes from Git.
func (p *Page) CommitURL() string {
	c := p.LastChange()
	if c == nil || c.Hash == "" {
		return ""
	}
	return p.s.commitURL(c.Hash)
}

// commitURL is a commit's page on GitHub, GitLab or Gitea/Forgejo.
func (s *Site) commitURL(hash string) string { return s.repo().Commit(hash) }

// LastChangeLine is the sentence of the page's meta line in the site's
// language: "Last changed on 3 March 2025 by Ana", the date in a <time>
// element whose title names the commit.
func (p *Page) LastChangeLine() template.HTML {
	c := p.LastChange()
	if c == nil {
		return ""
	}
	strs := p.s.theme.Strings
	datetime := c.Date.Format(time.DateOnly)
	if c.Source == "git" || c.Source == "file" {
		datetime = c.Date.Format(time.RFC3339)
	}
	date := `<time datetime="` + template.HTMLEscapeString(datetime) + `">` + template.HTMLEscapeString(strs.Date(c.Date)) + `</time>`
	if c.Hash != "" {
		// The commit, on hover; not a link, so that printing the page
		// (which hides the meta line's links) keeps the date.
		date = `<time datetime="` + template.HTMLEscapeString(datetime) + `" title="` +
			template.HTMLEscapeString(strings.TrimSpace(c.ShortHash()+" "+c.Subject)) + `">` + template.HTMLEscapeString(strs.Date(c.Date)) + `</time>`
	}
	key := "last_changed"
	if c.Author != "" {
		key = "last_changed_by"
	}
	// The sentence is escaped first; only the placeholders become markup.
	line := template.HTMLEscapeString(strs.T(key))
	return template.HTML(fillPlaceholders(line, date, template.HTMLEscapeString(c.Author)))
}

// fillPlaceholders puts date for "{0}" and author for "{1}", as
// strings.NewReplacer("{0}", date, "{1}", author) would: a Replacer built
// for every page was a fifth of the time of an entry page's markup.
func fillPlaceholders(line, date, author string) string {
	var b strings.Builder
	b.Grow(len(line) + len(date) + len(author))
	for {
		i := strings.IndexByte(line, '{')
		if i < 0 {
			b.WriteString(line)
			return b.String()
		}
		b.WriteString(line[:i])
		switch rest := line[i:]; {
		case strings.HasPrefix(rest, "{0}"):
			b.WriteString(date)
			line = rest[3:]
		case strings.HasPrefix(rest, "{1}"):
			b.WriteString(author)
			line = rest[3:]
		default:
			b.WriteByte('{')
			line = rest[1:]
		}
	}
}
