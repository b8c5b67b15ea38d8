//go:build !unix

package media

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
