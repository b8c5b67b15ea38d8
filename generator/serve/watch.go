package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce gathers a burst of events into one rebuild: the events of one
// save (an editor's write and rename, a truncate then a write) come within
// a millisecond or two. It counts in the time from a save to the page, so
// it is short; a longer burst (a git checkout) makes a few updates, each
// of them right for the files as they were.
const debounce = 10 * time.Millisecond

// watched are the sources that change the site.
var watched = []string{"content", "schema", "themes"}

// watch starts watching the sources and rebuilds on change.
func (s *Server) watch(ctx context.Context) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	// The root is watched for site.toml and for content/, schema/ or
	// themes/ appearing; editors that save by renaming over the file are
	// seen as a create in the folder.
	if err := w.Add(s.opts.Source); err != nil {
		w.Close()
		return nil, err
	}
	for _, dir := range watched {
		s.addTree(w, filepath.Join(s.opts.Source, dir))
	}
	go s.loop(ctx, w)
	return w, nil
}

func (s *Server) addTree(w *fsnotify.Watcher, root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != root {
				return filepath.SkipDir
			}
			w.Add(p)
		}
		return nil
	})
}

func (s *Server) loop(ctx context.Context, w *fsnotify.Watcher) {
	var pending []string
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			s.opts.Log.Write([]byte("watch: " + err.Error() + "\n"))
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			rel, relevant := s.relevant(ev.Name)
			if !relevant {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					s.addTree(w, ev.Name)
				}
			}
			if !slices.Contains(pending, rel) {
				pending = append(pending, rel)
			}
			timer.Reset(debounce)
		case <-timer.C:
			changed := pending
			pending = nil
			s.rebuild(ctx, changed)
		}
	}
}

// relevant keeps events on site.toml and inside the watched folders,
// ignoring editors' swap, backup and autosave files (.x.swp, x~, #x#).
func (s *Server) relevant(name string) (string, bool) {
	rel, err := filepath.Rel(s.opts.Source, name)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".tmp") {
		return "", false
	}
	if rel == "site.toml" {
		return rel, true
	}
	top, _, _ := strings.Cut(rel, "/")
	return rel, slices.Contains(watched, top)
}
