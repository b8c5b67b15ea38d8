package spreadsheet

import (
	"testing"
	"time"
)

func TestSlugify(t *testing.T) {
	for _, c := range []struct{ title, slug, script string }{
		{"Red de Mujeres del Desierto Sonorense A.C.", "red-de-mujeres-del-desierto-sonorense-a-c", ""},
		{"Иргэний Оролцоо Төв", "irgenii-oroltsoo-tov", ""},
		{"Өргөө Үйлс", "orgoo-uils", ""},
		{"Щука и ёж", "shchuka-i-ezh", ""},
		{"Çà et là — l'œuvre", "ca-et-la-loeuvre", ""},
		{"Straße Ærø", "strasse-aero", ""},
		{"Sarangerel Батсүх 2", "sarangerel-batsukh-2", ""},
		{"សមាគមយុវជនខ្មែរ", "", "Khmer"},
		{"中文", "", "Han"},
		{"¡!", "", ""},
	} {
		slug, script := Slugify(c.title)
		if slug != c.slug || script != c.script {
			t.Errorf("Slugify(%q) = %q, %q; want %q, %q", c.title, slug, script, c.slug, c.script)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in    string
		order DateOrder
		want  string // "" when it is refused
	}{
		{"2025-03-14", "", "2025-03-14"},
		{"2025/3/4", "", "2025-03-04"},
		{"14/03/2025", "", "2025-03-14"},
		{"03/14/2025", "", "2025-03-14"},
		{"05.05.2025", "", "2025-05-05"},
		{"03/04/2025", "", ""}, // either way round: ask for --date-format
		{"03/04/2025", DayFirst, "2025-04-03"},
		{"03/04/2025", MonthFirst, "2025-03-04"},
		{"2025-03-04", DayFirst, "2025-03-04"},
		{"14/03/2025", MonthFirst, ""},
		{"03/04/2025", YearFirst, ""},
		{"3/2/2025 10:22:01", DayFirst, "2025-02-03"},
		{"2/30/2025", "", ""},
		{"03/04/25", DayFirst, ""},
		{"March 3", "", ""},
	} {
		d, p := parseDate(c.in, c.order)
		got := ""
		if p == nil {
			got = d.Format(time.DateOnly)
		}
		if got != c.want {
			t.Errorf("parseDate(%q, %q) = %q (%v), want %q", c.in, c.order, got, p, c.want)
		}
	}
}

func TestDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"name,kind\nA;B,C\n":       ',',
		"name;kind;\"a,b,c\"\n":    ';',
		"name\tkind\tx,y\n":        '\t',
		"\"a;b;c\",d\n":            ',',
		"name\n":                   ',',
		"name;kind\r\nA,B,C,D,E\n": ';',
	} {
		if got := delimiter([]byte(in)); got != want {
			t.Errorf("delimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldName(t *testing.T) {
	for in, want := range map[string]string{
		"E-mail:":             "e mail",
		"  Joined *":          "joined",
		"end_date":            "end date",
		"Facilitación":        "facilitacion",
		"actions.1.task":      "actions.1.task",
		"¿Qué necesitan?":     "que necesitan",
		"Red  de   Mujeres":   "red de mujeres",
		"Mediación Avanzada ": "mediacion avanzada",
	} {
		if got := foldName(in); got != want {
			t.Errorf("foldName(%q) = %q, want %q", in, got, want)
		}
	}
}
