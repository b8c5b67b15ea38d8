package link

import "strconv"

// keyNames makes the key paths of references ("actions.1.owner") and
// keeps one copy of each, and one refPath per key path for the edges:
// across a large build the same few paths recur in every entry of a
// type, so sharing them saves allocations per edge. A nil *keyNames
// makes a new string each time. It is not safe for concurrent use: each of Build's workers has
// its own, and so keeps its own copy of a path, which is harmless since
// paths are only ever compared by value.
type keyNames struct {
	known map[string]string
	paths map[string]*refPath // by key path
	buf   []byte
}

func newKeyNames() *keyNames {
	return &keyNames{known: map[string]string{}, paths: map[string]*refPath{}}
}

// path returns the kept refPath of key and field, keeping one first if
// need be; field follows from key, so key alone finds it.
func (n *keyNames) path(key, field string) *refPath {
	if n == nil {
		return &refPath{key: key, field: field}
	}
	p, ok := n.paths[key]
	if !ok {
		p = &refPath{key: key, field: field}
		n.paths[key] = p
	}
	return p
}

// join is prefix + "." + name, or name alone when prefix is empty.
func (n *keyNames) join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	if n == nil {
		return prefix + "." + name
	}
	n.buf = append(append(append(n.buf[:0], prefix...), '.'), name...)
	return n.intern()
}

// index is prefix + "." + i in decimal.
func (n *keyNames) index(prefix string, i int) string {
	if n == nil {
		return prefix + "." + strconv.Itoa(i)
	}
	n.writeIndex(prefix, i)
	return n.intern()
}

// writeIndex puts prefix + "." + i in decimal into buf.
func (n *keyNames) writeIndex(prefix string, i int) {
	n.buf = strconv.AppendInt(append(append(n.buf[:0], prefix...), '.'), int64(i), 10)
}

// itemPath is path(index(prefix, i), field), with one lookup: most
// references are items of lists (attendees, topics).
func (n *keyNames) itemPath(prefix string, i int, field string) *refPath {
	if n == nil {
		return &refPath{key: n.index(prefix, i), field: field}
	}
	n.writeIndex(prefix, i)
	if p, ok := n.paths[string(n.buf)]; ok {
		return p
	}
	p := &refPath{key: n.intern(), field: field}
	n.paths[p.key] = p
	return p
}

// intern returns the kept copy of buf's text, keeping one first if need be.
func (n *keyNames) intern() string {
	if s, ok := n.known[string(n.buf)]; ok {
		return s
	}
	s := string(n.buf)
	n.known[s] = s
	return s
}
