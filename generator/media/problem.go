package media

import (
	"errors"
	"fmt"

	"github.com/agora-community/agora/generator/diag"
)

// Problem is why a file of an entry folder cannot be published, in the
// words of a diagnostic: the check turns it into one at the reference to
// the file (Diagnostic), so every refusal names what was found, what is
// allowed and what to do.
type Problem struct {
	Code    string // diag code: "file-kind", "file-too-large", "image-too-large", "image-broken"
	Message string // "the file is HTML, whatever its name says"
	Found   string
	Allowed string
	Hint    string
	// Warning marks a problem that does not stop the build (a PDF that
	// names its author).
	Warning bool
	// Err is the decoder's own error, when there was one.
	Err error
}

func (p *Problem) Error() string {
	s := p.Message
	if p.Found != "" {
		s += " (found: " + p.Found + ")"
	}
	if p.Hint != "" {
		s += "; " + p.Hint
	}
	return s
}

func (p *Problem) Unwrap() error { return p.Err }

// Diagnostic places the problem at file:line:col, as the check reports it.
func (p *Problem) Diagnostic(file string, line, col int) diag.Diagnostic {
	d := diag.Diagnostic{
		File: file, Line: line, Col: col, Severity: diag.Error,
		Code: p.Code, Message: p.Message, Found: p.Found, Allowed: p.Allowed, Hint: p.Hint,
	}
	if p.Warning {
		d.Severity = diag.Warning
	}
	return d
}

// AsProblem returns err's Problem, or wraps any other error (a cache that
// cannot be written, say) as one, so a caller reports every failure alike.
func AsProblem(err error) *Problem {
	if err == nil {
		return nil
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return &Problem{Code: "media", Message: err.Error(), Err: err}
}

// refuse is a Problem of a file's kind: the file is not one Agora publishes.
func refuse(found, hint string) *Problem {
	return &Problem{
		Code:    "file-kind",
		Message: "the file's content is not a kind Agora publishes, whatever its name says",
		Found:   found,
		Allowed: Allowed,
		Hint:    hint,
	}
}

// CheckSize refuses a file of size bytes over limit bytes (site.toml
// max_file_mb), before anything reads it.
func CheckSize(size, limit int64) error {
	if limit <= 0 || size <= limit {
		return nil
	}
	return &Problem{
		Code:    "file-too-large",
		Message: "the file is larger than the site allows",
		Found:   fmt.Sprintf("%s (%d bytes)", HumanSize(size), size),
		Allowed: "at most " + HumanSize(limit) + " (max_file_mb in site.toml)",
		Hint:    "make it smaller (a PDF exported for screen, a photo straight from the phone is fine: Agora resizes it), or raise max_file_mb",
	}
}

// HumanSize writes a byte count as people read it: "820 bytes", "1.4 MB".
// Sizes use powers of 1000, as phones and file browsers show them.
func HumanSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 999_500: // rounds to 999 kB at most
		return fmt.Sprintf("%.0f kB", float64(n)/1000)
	case n < 9_950_000: // rounds to 9.9 MB at most
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	default:
		return fmt.Sprintf("%.0f MB", float64(n)/1e6)
	}
}
