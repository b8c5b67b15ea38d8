package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
)

// Result files: what a result shows, [title, path, snippet source], for
// Options.DocsPerFile consecutive documents per file (the last file may
// hold fewer), in a folder named by the hash of them all and of the
// number per file:
//
//	d-HASH/0C.js   agoraSearchLoad("d-HASH/0C", [[title, path, snippet], …])
//
// C is the file's number in base 36: document id is at place
// id % DocsPerFile of file id / DocsPerFile (DocFile). The manifest gives
// the folder ("docs") and the number per file ("perFile").
//
// Files of several documents trade bytes for files: a query's first ten
// results load up to ten files, each bigger, and a build writes that many
// times fewer files, the slowest thing it does on some disks. Measured on
// 10,000 entries (bench/search-results.md): 8 per file loads about 2 KB
// per result instead of 450 B and writes 1,251 files instead of 10,001.

// DocFile names the file (without .js, under the manifest's docs folder)
// that holds document id's result, and id's place in it. Names are
// numbers in base 36 after a "0", so that none is a Windows device name
// (aux, con, nul, prn, com1…), which all start with a letter. The client
// (search.js) names files the same way.
func DocFile(id, perFile int) (name string, at int) {
	return "0" + strconv.FormatInt(int64(id/perFile), 36), id % perFile
}

// docFilesOut is the result files and the folder that holds them.
type docFilesOut struct {
	folder string
	files  []File
	bytes  int // uncompressed
}

// docFiles writes the result files.
func (b *Builder) docFiles() (docFilesOut, error) {
	per := b.opts.DocsPerFile
	h := sha256.New()
	h.Write([]byte(strconv.Itoa(per) + " per file\n"))
	for _, d := range b.docs {
		h.Write(d.meta)
		h.Write([]byte{'\n'})
	}
	out := docFilesOut{folder: "d-" + hex.EncodeToString(h.Sum(nil)[:4]) + "/"}
	for start := 0; start < len(b.docs); start += per {
		name, _ := DocFile(start, per)
		key := out.folder + name
		var metas [][]byte
		for _, d := range b.docs[start:min(start+per, len(b.docs))] {
			metas = append(metas, d.meta)
		}
		data, err := wrapList(key, metas)
		if err != nil {
			return docFilesOut{}, err
		}
		out.files = append(out.files, File{Dir + key + ".js", data})
		out.bytes += len(data)
	}
	return out, nil
}

// wrapList is wrap(key, values) for values that json.Marshal encoded,
// which is how wrap would encode them (compact, with < > & escaped): it
// does not read the results' text again.
func wrapList(key string, values [][]byte) ([]byte, error) {
	k, err := json.Marshal(key)
	if err != nil {
		return nil, err
	}
	size := len(loaderFunc) + len(k) + 8
	for _, v := range values {
		size += len(v) + 1
	}
	b := make([]byte, 0, size)
	b = append(append(append(b, loaderFunc+"("...), k...), ",["...)
	for i, v := range values {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, v...)
	}
	return append(b, "]);\n"...), nil
}
