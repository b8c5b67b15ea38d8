package load

import "sync"

// Load decodes a file's front matter into strings and values of their own
// and keeps none of its bytes, so the bytes are read into buffers used
// again: 10,000 files read into new arrays cost a page fault each few
// files and collections the size of the whole content.
var readBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxKeptBuffer bounds what the pool holds on to after one large file.
const maxKeptBuffer = 1 << 20

// withReadBuffer calls fn with a buffer to read into; fn returns the
// slice it read into, whose array is kept for the next call when small.
func withReadBuffer(fn func(into []byte) (read []byte)) {
	buf := readBuffers.Get().(*[]byte)
	if b := fn(*buf); cap(b) <= maxKeptBuffer && cap(b) > cap(*buf) {
		*buf = b[:0]
	}
	readBuffers.Put(buf)
}
