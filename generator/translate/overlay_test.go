package translate

import (
	"reflect"
	"testing"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

func defaultSchema(t *testing.T) *schema.Schema {
	t.Helper()
	sch, diags := schema.Load(agora.DefaultSchema, nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return sch
}

// TestValues: a translated page shows the translation's non-empty
// values over the original's; an empty one (a skeleton not yet filled)
// keeps the original's, lists of tables and of strings item by item,
// and nothing but a translatable field is ever taken from the
// translation.
func TestValues(t *testing.T) {
	sch := defaultSchema(t)
	minutes, member := sch.Type("minutes"), sch.Type("member")
	original := map[string]any{
		"title": "Annual gathering", "location": "Saltillo", "rapporteur": "ana",
		"decisions": []any{"Adopt the charter", "Meet monthly"},
		"actions": []any{
			map[string]any{"task": "Translate the modules", "owner": "ana", "status": "open"},
			map[string]any{"task": "Book the hall", "owner": "bo", "status": "done"},
		},
	}
	cases := []struct {
		name       string
		typ        *schema.Type
		original   map[string]any
		translated map[string]any
		want       map[string]any
	}{
		{"a translated title", minutes, original, map[string]any{"title": "Encuentro anual"},
			with(original, "title", "Encuentro anual")},
		{"empty values keep the original's", minutes, original,
			map[string]any{"title": "", "decisions": []any{}, "actions": []any{map[string]any{"task": ""}, map[string]any{"task": ""}}},
			original},
		{"lists of tables item by item", minutes, original,
			map[string]any{"actions": []any{map[string]any{"task": ""}, map[string]any{"task": "Reservar la sala"}}},
			with(original, "actions", []any{
				map[string]any{"task": "Translate the modules", "owner": "ana", "status": "open"},
				map[string]any{"task": "Reservar la sala", "owner": "bo", "status": "done"},
			})},
		{"lists of strings item by item", minutes, original,
			map[string]any{"decisions": []any{"Adoptar la carta", ""}},
			with(original, "decisions", []any{"Adoptar la carta", "Meet monthly"})},
		{"an untranslatable value never comes from the translation", minutes, original,
			map[string]any{"rapporteur": "eve", "actions": []any{map[string]any{"owner": "eve"}, map[string]any{"status": "dropped"}}},
			original},
		{"a private field never comes from the translation", member,
			map[string]any{"name": "Ana", "phone": "+976 1111"},
			map[string]any{"name": "Ана", "phone": "+976 9999"},
			map[string]any{"name": "Ана", "phone": "+976 1111"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl := &Translation{Original: &load.Entry{Type: c.typ, Fields: c.original}, Fields: c.translated}
			got := tl.Values(c.typ.Fields)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
	if original["title"] != "Annual gathering" || original["decisions"].([]any)[0] != "Adopt the charter" {
		t.Errorf("the original's values changed: %v", original)
	}
}

func with(m map[string]any, key string, v any) map[string]any {
	out := map[string]any{}
	for k, x := range m {
		out[k] = x
	}
	out[key] = v
	return out
}
