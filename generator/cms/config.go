package cms

import (
	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/schema"
	"strings"
)

// ConfigYAML is /admin/config.yml for the site and the schema in force:
// the backend from [repo], one folder collection per type, each field
// as the widget that writes what agora check accepts, translations as
// SLUG.LANG.md, and the editorial workflow, so that every change becomes
// a pull request that CI checks.
func ConfigYAML(site *config.Site, sch *schema.Schema) ([]byte, error) {
	b, err := BackendOf(site.RepoURL, site.RepoBranch, site.CMS.Backend)
	if err != nil {
		return nil, err
	}
	var doc mapping
	doc.set("backend", backendConfig(b))
	// Every change goes through a pull request. Sveltia CMS offers it on
	// GitHub and GitLab; on Gitea and Forgejo it saves to the branch, so
	// protect the branch there (see the README).
	doc.set("publish_mode", "editorial_workflow")
	doc.set("site_url", site.BaseURL.String())
	// Uploads go beside their entry (each collection's media_folder);
	// the CMS wants a global folder too, which no collection uses.
	doc.setEmpty("media_folder")
	doc.setEmpty("public_folder")
	// Slugs as the content model allows them: lowercase ASCII letters,
	// digits and hyphens.
	doc.set("slug", mapping{{"encoding", "ascii"}, {"clean_accents", true}, {"sanitize_replacement", "-"}})
	// An optional field left empty is left out of the file: the CMS
	// otherwise writes website = "" or updated = "", which agora check
	// rejects (not a web address, not a date), as the browser test found.
	doc.set("output", mapping{{"omit_empty_optional_fields", true}})
	// multi is the default language of a site in several, "" otherwise.
	multi := ""
	if len(site.Languages) > 1 {
		multi = site.Language
	}
	if multi != "" {
		doc.set("i18n", mapping{
			{"structure", "multiple_files"},
			{"locales", anyList(site.Languages)},
			{"default_locale", site.Language},
			{"omit_default_locale_from_file_path", true},
			// A new entry starts in the site's language alone; a
			// translation is added when someone writes it (otherwise
			// the CMS saves an empty SLUG.LANG.md per language).
			{"initial_locales", []any{site.Language}},
		})
	}
	var collections []any
	for _, t := range sch.Types {
		collections = append(collections, collection(t, sch, form{multi: multi}))
		if hasFiles(t) {
			collections = append(collections, collection(t, sch, form{multi: multi, uploads: true}))
		}
	}
	doc.set("collections", collections)
	return writeYAML(doc), nil
}

func backendConfig(b Backend) mapping {
	m := mapping{{"name", b.Name}, {"repo", b.Repo}, {"branch", b.Branch}}
	m.set("api_root", b.apiRoot())
	if b.Origin != "" && b.Name != "github" {
		m.set("base_url", b.Origin)
	}
	return m
}

// slugTemplate names a new entry's file from its title field. A title
// that is not translated names a kind shared by many entries (an
// assessment's instrument: "OCA" for every member, every round), so the
// entry's required refs and its date come with it, as the example's
// files are named (altai-craft-women-oca-2025): otherwise a second round
// would collide with the first.
func slugTemplate(t *schema.Type) string {
	title := t.Lookup(t.TitleField)
	if title == nil || title.Translatable || title.Unique {
		return "{{" + t.TitleField + "}}"
	}
	var refs, dates []string
	for _, f := range t.Fields {
		switch {
		case !f.Required || f.Private:
		case f.Kind == schema.Ref:
			refs = append(refs, "{{"+f.Name+"}}")
		case f.Kind == schema.Date && len(dates) == 0:
			dates = append(dates, "{{"+f.Name+"}}")
		}
	}
	parts := append(append(refs, "{{"+t.TitleField+"}}"), dates...)
	return strings.Join(parts, "-")
}

// collection is one type's folder collection. A folder collection lists
// the entry files of one layout: the type's single-file entries
// (FOLDER/SLUG.md), and, for a type with image or file fields, a second
// collection of its entry folders (FOLDER/SLUG/index.md, fm.uploads),
// whose uploads go into the entry's own folder. One collection of both
// layouts is not possible: with path {{slug}}/index the CMS listed only
// the folders (the browser test could no longer find a member).
func collection(t *schema.Type, sch *schema.Schema, fm form) mapping {
	name, label, description := t.Name, t.Label, t.Description
	if fm.uploads {
		name, label = t.Name+"-folders", t.Label+" with photos and files"
		description = "Each entry here is a folder, content/" + t.Folder + "/SLUG/index.md, with the photos and documents uploaded into it beside it. " + description
	}
	c := mapping{{"name", name}, {"label", label}}
	c.set("label_singular", t.Name)
	c.set("description", description)
	c.set("folder", "content/"+t.Folder)
	if fm.uploads {
		c.set("path", "{{slug}}/index")
		c.setEmpty("media_folder")
		c.setEmpty("public_folder")
	}
	c.set("extension", "md")
	c.set("format", "toml-frontmatter")
	c.set("frontmatter_delimiter", "+++")
	c.set("identifier_field", t.TitleField)
	c.set("slug", slugTemplate(t))
	c.set("create", true)
	if fm.multi != "" {
		c.set("i18n", true)
	}
	fields := make([]any, 0, len(t.Fields)+1)
	for _, f := range t.Fields {
		fields = append(fields, widget(f, sch, fm))
	}
	body := mapping{{"name", "body"}, {"label", "Text"}, {"widget", "markdown"}, {"required", false}}
	if fm.multi != "" {
		body.set("i18n", true)
	}
	c.set("fields", append(fields, body))
	return c
}

// hasFiles reports whether a type has an image or file field, at its
// top level or in its tables: its entries may be folders with files.
func hasFiles(t *schema.Type) bool {
	var in func(fields []*schema.Field) bool
	in = func(fields []*schema.Field) bool {
		for _, f := range fields {
			if k := f.Elem().Kind; k.NamesFile() || k == schema.Object && in(f.Fields) {
				return true
			}
		}
		return false
	}
	return in(t.Fields)
}

func anyList(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}
