package media

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// CacheFolder is where a site keeps its processed images, under its
// source folder: ".agora-cache/images". A project-local folder, not the
// user's cache directory, so that CI can keep it between runs by one
// path (actions/cache, GitLab's cache:paths), removing the project
// removes it, and build and serve share it; `agora init` writes it into
// .gitignore.
const CacheFolder = ".agora-cache/images"

// DefaultCacheDir is the cache folder of the site whose source is source.
func DefaultCacheDir(source string) string {
	return filepath.Join(source, filepath.FromSlash(CacheFolder))
}

// Cache keeps processed images between builds, keyed by the source's
// bytes and the settings (Key). An entry is a folder of the copies and a
// manifest, written under a temporary name and renamed into place, so a
// reader sees a whole entry or none, and two builds writing the same
// entry at once both end with one whole entry.
type Cache struct {
	dir string
}

// OpenCache opens (creating) the cache in dir.
func OpenCache(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("image cache: %w", err)
	}
	return &Cache{dir: dir}, nil
}

// Dir is the cache's folder.
func (c *Cache) Dir() string { return c.dir }

// Key names the processed copies of a source whose bytes hash to sum,
// under settings s (and this code's Version).
func Key(sum [32]byte, s Settings) string {
	h := sha256.New()
	h.Write([]byte(s.Fingerprint()))
	h.Write([]byte{0})
	h.Write(sum[:])
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) entry(key string) string { return filepath.Join(c.dir, key[:2], key) }

// manifest is an entry's description of itself.
type manifest struct {
	Key      string         `json:"key"`
	Info     ImageInfo      `json:"info"`
	Variants []manifestCopy `json:"variants"`
}

type manifestCopy struct {
	Name   string `json:"name"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Kind   Kind   `json:"kind"`
	Size   int64  `json:"size"`
	Sum    string `json:"sha256"`
}

const manifestName = "manifest.json"

// Get returns the entry of key, with each copy's Path and no Data, when
// it is whole: a manifest of this key whose copies' names match their
// hashes, and every copy there at the size it names. A damaged entry (a
// crash, a full disk, a hand edit) is removed and reported as a miss, so
// the image is processed again. Variant.Bytes checks each copy's hash
// when it reads it.
func (c *Cache) Get(key string) (*Processed, bool) {
	dir := c.entry(key)
	raw, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, false
	}
	p, err := c.verify(dir, key, raw)
	if err != nil {
		os.RemoveAll(dir)
		return nil, false
	}
	return p, true
}

func (c *Cache) verify(dir, key string, raw []byte) (*Processed, error) {
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	if m.Key != key || len(m.Variants) == 0 {
		return nil, errors.New("manifest of another entry")
	}
	p := &Processed{Info: m.Info, Variants: make([]Variant, len(m.Variants))}
	for i, mc := range m.Variants {
		v := Variant{Width: mc.Width, Height: mc.Height, Kind: mc.Kind, Name: mc.Name, Size: mc.Size, Path: filepath.Join(dir, mc.Name)}
		sum, err := hex.DecodeString(mc.Sum)
		if err != nil || len(sum) != 32 || filepath.Base(mc.Name) != mc.Name || variantName([32]byte(sum), v.Width, v.Kind) != mc.Name {
			return nil, errors.New("a copy's name does not match its hash")
		}
		v.Sum = [32]byte(sum)
		if err := checkCopySize(v); err != nil {
			return nil, err
		}
		p.Variants[i] = v
	}
	return p, nil
}

// checkCopySize checks that a cached copy is there, whole: a crash or a
// full disk leaves a file cut short or missing. One stat, not a read: a
// warm build looks up every image (its bytes are hashed when Bytes reads
// them, to be written).
func checkCopySize(v Variant) error {
	st, err := os.Stat(v.Path)
	if err != nil {
		return err
	}
	if st.Size() != v.Size {
		return errors.New("a copy of another size")
	}
	return nil
}

// Put stores p's copies (which must have Data) under key, and sets each
// copy's Path. Should another build have stored the entry first, its
// entry is kept and p points at it.
func (c *Cache) Put(key string, p *Processed) error {
	final := c.entry(key)
	tmp, err := c.tempDir(key)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone once renamed
	m := manifest{Key: key, Info: p.Info}
	for _, v := range p.Variants {
		if v.Data == nil {
			return fmt.Errorf("image cache: the %d-pixel copy has no data", v.Width)
		}
		if err := os.WriteFile(filepath.Join(tmp, v.Name), v.Data, 0o644); err != nil {
			return fmt.Errorf("image cache: %w", err)
		}
		m.Variants = append(m.Variants, manifestCopy{v.Name, v.Width, v.Height, v.Kind, v.Size, hex.EncodeToString(v.Sum[:])})
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, manifestName), raw, 0o644); err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		// Another build stored it first: use its copies (the same, unless
		// its libwebp was another: see the package documentation).
		theirs, ok := c.Get(key)
		if !ok {
			return fmt.Errorf("image cache: %w", err)
		}
		p.Variants = theirs.Variants
		return nil
	}
	for i := range p.Variants {
		p.Variants[i].Path = filepath.Join(final, p.Variants[i].Name)
	}
	return nil
}

// Prune removes the entries whose keys are not in keep (the keys of a
// whole build's Results), so that the cache holds what the site uses,
// not every photo it ever had under every setting. Temporary folders of
// builds that may still run (younger than an hour) are left alone.
func (c *Cache) Prune(keep map[string]bool) (removed int, err error) {
	shards, err := os.ReadDir(c.dir)
	if err != nil {
		return 0, err
	}
	for _, shard := range shards {
		if !shard.IsDir() || len(shard.Name()) != 2 {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(c.dir, shard.Name()))
		if err != nil {
			return removed, err
		}
		for _, e := range entries {
			name := e.Name()
			if keep[name] || strings.HasPrefix(name, ".tmp-") && !stale(e) {
				continue
			}
			if err := os.RemoveAll(filepath.Join(c.dir, shard.Name(), name)); err != nil {
				return removed, err
			}
			removed++
		}
	}
	return removed, nil
}

func stale(e os.DirEntry) bool {
	info, err := e.Info()
	return err == nil && time.Since(info.ModTime()) > time.Hour
}

// tempDir makes a folder beside the entry's, on the same file system so
// the rename is atomic, named so that no two builds share it.
func (c *Cache) tempDir(key string) (string, error) {
	var r [8]byte
	rand.Read(r[:])
	parent := filepath.Join(c.dir, key[:2])
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("image cache: %w", err)
	}
	tmp := filepath.Join(parent, ".tmp-"+key[:16]+"-"+hex.EncodeToString(r[:]))
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return "", fmt.Errorf("image cache: %w", err)
	}
	return tmp, nil
}

// ErrDamagedCopy is returned by Bytes for a cached copy whose bytes no
// longer hash to its name. Its entry is removed, so running the image's
// Job again processes it anew.
var ErrDamagedCopy = errors.New("a cached image copy is damaged (its entry was removed: build again)")

// Bytes returns the copy's bytes: Data, or the cached file checked
// against its hash.
func (v Variant) Bytes() ([]byte, error) {
	if v.Data != nil {
		return v.Data, nil
	}
	b, err := os.ReadFile(v.Path)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(b); sum != v.Sum {
		os.RemoveAll(filepath.Dir(v.Path))
		return nil, fmt.Errorf("%s: %w", v.Path, ErrDamagedCopy)
	}
	return b, nil
}
