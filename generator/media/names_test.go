package media

import "testing"

func TestPublishedName(t *testing.T) {
	for _, c := range []struct {
		name string
		kind Kind
		want string
	}{
		{"Informe Final 2024.PDF", PDF, "informe-final-2024.pdf"},
		{"report.html", PDF, "report.pdf"},
		{"notes.txt.exe", Text, "notes.txt.txt"},
		{"datos;(v2).csv", CSV, "datos-v2.csv"},
		{"ការប្រជុំ.odt", ODT, "ការប្រជុំ.odt"},
		{"Хурал – тэмдэглэл.docx", DOCX, "хурал-тэмдэглэл.docx"},
		{"../../etc/passwd", Text, "passwd.txt"},
		{"...", Text, "file.txt"},
		{"radio show.M4A", M4A, "radio-show.m4a"},
		{"a..b", Text, "a.txt"},
	} {
		if got := PublishedName(c.name, c.kind); got != c.want {
			t.Errorf("PublishedName(%q, %v) = %q, want %q", c.name, c.kind, got, c.want)
		}
	}
}

func TestHumanSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 999: "999 bytes", 1000: "1 kB", 1400: "1 kB", 999_499: "999 kB", 999_500: "1.0 MB", 1_450_000: "1.4 MB", 9_960_000: "10 MB", 12_300_000: "12 MB"} {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
	}
}
