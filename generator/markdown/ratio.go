package markdown

import "sync/atomic"

// outputRatio learns how many bytes of output a byte of input makes, so
// that an output buffer can be made big enough at once but not much
// bigger: every body's HTML buffer is handed over to its page, so what
// it has to spare is allocated for nothing, and one grown by doubling
// is allocated about twice. It is safe for concurrent use.
type outputRatio struct {
	in, out atomic.Int64
}

// estimate is the output of n bytes of input, with some to spare: an
// eighth more than the ratio so far, or half as much again as the input
// before anything was learnt. Nothing comes of nothing: an empty
// document's HTML stays nil, as it was before any ratio was learnt.
func (r *outputRatio) estimate(n int) int {
	in, out := r.in.Load(), r.out.Load()
	if n == 0 {
		return 0
	}
	if in == 0 {
		return n + n/2
	}
	return int(min(int64(n)*out/in*9/8+64, 1<<30))
}

// learn records that in bytes of input made out bytes of output.
func (r *outputRatio) learn(in, out int) {
	r.in.Add(int64(in))
	r.out.Add(int64(out))
}
