package load

import (
	"bytes"
	"math"
	"os"
	"path"
	"runtime"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/tomlpos"
)

// Locate fills in the line and column of diagnostics that name a key path
// but no position. Positions are found only for files with problems, by
// reading them again, so a clean build keeps no positions in memory.
func Locate(root *os.Root, diags diag.List) {
	byFile := map[string][]int{}
	for i, d := range diags {
		if d.Pending {
			byFile[d.File] = append(byFile[d.File], i)
		}
	}
	// Each file's diagnostics are its own slots of diags, so files can be
	// read again on every core; each folder is opened once, not once per
	// file as the root would.
	var folders bodyFolders
	defer folders.close()
	var wg sync.WaitGroup
	limit := make(chan struct{}, runtime.GOMAXPROCS(0))
	for file, idx := range byFile {
		wg.Add(1)
		limit <- struct{}{}
		go func() {
			defer func() { <-limit; wg.Done() }()
			place(index(root, folders.get(root, path.Dir(file)), file), diags, idx)
		}()
	}
	wg.Wait()
}

func place(ix *tomlpos.Index, diags diag.List, idx []int) {
	for _, i := range idx {
		d := &diags[i]
		d.Pending = false
		if ix == nil {
			d.Line, d.Col = 1, 1
			continue
		}
		pos := ix.Key(d.Key)
		if d.AtValue {
			pos = ix.Value(d.Key)
		}
		d.Line, d.Col = pos.Line, pos.Col
		d.Source, _ = ix.LineText(d.Line)
	}
}

func index(root *os.Root, dir *folder, file string) *tomlpos.Index {
	src, _, problem := readSourceInto(root, dir, file, math.MaxInt64, nil)
	if problem != nil {
		return nil
	}
	src = bytes.TrimPrefix(src, bom)
	text, lineBase := src, 0
	if path.Ext(file) == ".md" {
		fm, serr := splitFrontMatter(src)
		if serr != nil {
			return nil
		}
		text, lineBase = fm.toml, fm.tomlLine
	}
	if keys, ok := decodeSimpleKeys(text); ok {
		return tomlpos.New(text, keys, lineBase)
	}
	var m map[string]any
	md, err := toml.Decode(string(text), &m)
	if err != nil {
		return nil
	}
	return tomlpos.New(text, &md, lineBase)
}
