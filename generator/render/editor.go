package render

import (
	"io"

	"github.com/agora-community/agora/generator/cms"
)

// editorJobs are /admin/index.html and /admin/config.yml when site.toml
// says [cms] enabled = true (generator/cms): the config is generated
// from the schema at every build.
func (s *Site) editorJobs() []Job {
	if !s.in.Config.CMS.Enabled {
		return nil
	}
	return []Job{
		{cms.Path + "index.html", func(w io.Writer) error {
			b, err := s.editorBackend()
			if err != nil {
				return err
			}
			_, err = w.Write(cms.IndexHTML(s.in.Config.Title, s.in.Config.Language, b))
			return err
		}},
		{cms.Path + "config.yml", func(w io.Writer) error {
			data, err := cms.ConfigYAML(s.in.Config, s.in.Schema)
			if err != nil {
				return err
			}
			_, err = w.Write(data)
			return err
		}},
	}
}

func (s *Site) editorBackend() (cms.Backend, error) {
	c := s.in.Config
	return cms.BackendOf(c.RepoURL, c.RepoBranch, c.CMS.Backend)
}

// EditorLink is the editor's address from the page, when site.toml says
// [cms] enabled and link = true; otherwise no public page points to it.
func (f *Frame) EditorLink() string {
	if c := f.Config(); !c.CMS.Enabled || !c.CMS.Link {
		return ""
	}
	return f.Href(cms.Path)
}
