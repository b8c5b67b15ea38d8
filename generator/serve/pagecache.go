package serve

import "container/list"

// pageCacheBytes bounds the pages a build keeps. A page renders in about
// a millisecond, so keeping one only saves the next view of it that
// much; without a bound, a visitor or a link checker walking a site of
// 10,000 entries in three languages would keep some 40,000 pages (about
// 450 MB), every language's copy of every entry.
const pageCacheBytes = 64 << 20

// pageCache holds rendered pages up to a number of bytes, dropping the
// least recently served first. It is not safe for concurrent use: the
// build holds it under its lock.
type pageCache struct {
	limit  int
	size   int
	order  *list.List // of *cachedPage, the most recently served first
	byName map[string]*list.Element
}

type cachedPage struct {
	name string
	data []byte
}

func newPageCache(limit int) *pageCache {
	return &pageCache{limit: limit, order: list.New(), byName: map[string]*list.Element{}}
}

// get returns the page at name and marks it served.
func (c *pageCache) get(name string) ([]byte, bool) {
	e, ok := c.byName[name]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cachedPage).data, true
}

// has reports whether the page at name is kept, without marking it.
func (c *pageCache) has(name string) bool {
	_, ok := c.byName[name]
	return ok
}

// put keeps data as the page at name, the most recently served, and
// drops the least recently served pages until the cache is within its
// limit. A page larger than the whole limit is not kept.
func (c *pageCache) put(name string, data []byte) {
	if e, ok := c.byName[name]; ok {
		c.size -= len(e.Value.(*cachedPage).data)
		c.order.Remove(e)
		delete(c.byName, name)
	}
	if len(data) > c.limit {
		return
	}
	c.byName[name] = c.order.PushFront(&cachedPage{name, data})
	c.size += len(data)
	for c.size > c.limit {
		last := c.order.Back()
		p := last.Value.(*cachedPage)
		c.order.Remove(last)
		delete(c.byName, p.name)
		c.size -= len(p.data)
	}
}

// eachOldestFirst calls keep with every page, the least recently served
// first, so that putting them into another cache in that order keeps
// their order.
func (c *pageCache) eachOldestFirst(keep func(name string, data []byte)) {
	for e := c.order.Back(); e != nil; e = e.Prev() {
		p := e.Value.(*cachedPage)
		keep(p.name, p.data)
	}
}
