package impact

import "testing"

// BenchmarkCompute10000 computes every figure of a 10,000-member network
// (largeNetwork: 10,000 exchanges and meetings): the map is aggregated
// before its layout, so the layout's cost does not grow with the members.
func BenchmarkCompute10000(b *testing.B) {
	in := largeNetwork(10_000)
	for b.Loop() {
		Compute(in, MapOptions{})
	}
}

// BenchmarkLayout60 lays out the largest map drawn member by member.
func BenchmarkLayout60(b *testing.B) {
	in := largeNetwork(60)
	for b.Loop() {
		NetworkMap(in, MapOptions{})
	}
}
