package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// Export writes the entries of type t (drafts too) as a spreadsheet or as
// JSON: one column per field in the schema's order after the slug, the
// body last; a table's fields as FIELD.N.SUB columns; lists joined with
// "; " (with line breaks when an item holds a semicolon); refs and topics
// as the slugs they resolve to. Private fields only with private. What
// import reads back is what export wrote.
func Export(w io.Writer, c *load.Content, t *schema.Type, format string, private bool) error {
	var entries []*load.Entry
	for _, e := range c.Entries {
		if e.Type == t {
			entries = append(entries, e)
		}
	}
	cols := exportColumns(c, t, entries, private)
	if format == "json" {
		return exportJSON(w, c, entries, cols, private)
	}
	cw := csv.NewWriter(w)
	header := make([]string, len(cols))
	for i, col := range cols {
		header[i] = col.key()
	}
	cw.Write(header)
	for _, e := range entries {
		rec := make([]string, len(cols))
		for i, col := range cols {
			v, err := valueAt(c, e, col)
			if err != nil {
				return err
			}
			rec[i] = cellText(v)
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// exportColumns are the columns of the export: the slug, each field some
// entry sets (every field of the schema but the built-in ones: draft,
// updated and language only when used), the body when some entry has one.
func exportColumns(c *load.Content, t *schema.Type, entries []*load.Entry, private bool) []target {
	cols := []target{{slug: true}}
	for _, f := range t.Fields {
		if f.Private && !private || f.Builtin && !anySet(entries, f) {
			continue
		}
		switch {
		case f.Elem().Kind != schema.Object:
			cols = append(cols, target{field: f})
		case f.Kind != schema.List:
			for _, sub := range f.Fields {
				cols = append(cols, target{field: f, sub: sub})
			}
		default:
			most := 0
			for _, e := range entries {
				most = max(most, len(schema.Items(e.Fields[f.Name])))
			}
			for n := 1; n <= most; n++ {
				for _, sub := range f.Fields {
					if !sub.Private || private {
						cols = append(cols, target{field: f, item: n, sub: sub})
					}
				}
			}
		}
	}
	for _, e := range entries {
		if b, err := c.Body(e); err == nil && len(bytes.TrimSpace(b)) > 0 {
			return append(cols, target{body: true})
		}
	}
	return cols
}

func anySet(entries []*load.Entry, f *schema.Field) bool {
	for _, e := range entries {
		if _, ok := e.Fields[f.Name]; ok {
			return true
		}
	}
	return false
}

// valueAt is an entry's value in a column: nil when it has none.
func valueAt(c *load.Content, e *load.Entry, col target) (any, error) {
	switch {
	case col.slug:
		return e.Slug, nil
	case col.body:
		b, err := c.Body(e)
		if err != nil {
			return nil, err
		}
		return strings.TrimSpace(string(b)), nil
	case col.sub == nil:
		return e.Fields[col.field.Name], nil
	}
	items := schema.Items(e.Fields[col.field.Name])
	n := max(col.item, 1)
	if n > len(items) {
		return nil, nil
	}
	m, _ := items[n-1].(map[string]any)
	return m[col.sub.Name], nil
}

// cellText writes a value as a cell.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case time.Time:
		return schema.FormatDate(v)
	case schema.FileRef:
		// an image or a file: its file's name, which stays in the entry's
		// folder (agora import leaves such a column to be filled by hand)
		return v.Src
	case []any:
		items := make([]string, len(v))
		sep := "; "
		for i, x := range v {
			items[i] = cellText(x)
			if strings.ContainsAny(items[i], ";\n") {
				sep = "\n"
			}
		}
		return strings.Join(items, sep)
	}
	return fmt.Sprint(v)
}

// exportJSON writes an array of objects, keys in the columns' order, a
// table's items as a list of objects.
func exportJSON(w io.Writer, c *load.Content, entries []*load.Entry, cols []target, private bool) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, e := range entries {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		first := true
		for _, col := range cols {
			if col.sub != nil && (col.item > 1 || col.sub != col.field.Fields[0]) {
				continue // the table is written whole at its first column
			}
			v, err := jsonValue(c, e, col, private)
			if err != nil {
				return err
			}
			if v == nil {
				continue
			}
			name := col.key()
			if col.sub != nil {
				name = col.field.Name
			}
			k, _ := json.Marshal(name)
			val, err := json.Marshal(v)
			if err != nil {
				return err
			}
			if !first {
				b.WriteString(",")
			}
			first = false
			fmt.Fprintf(&b, "\n    %s: %s", k, val)
		}
		b.WriteString("\n  }")
	}
	b.WriteString("\n]\n")
	_, err := w.Write(b.Bytes())
	return err
}

// jsonValue is a column's value as JSON takes it: dates as
// "YYYY-MM-DD", a table as its items with only the exported fields.
func jsonValue(c *load.Content, e *load.Entry, col target, private bool) (any, error) {
	if col.sub != nil {
		return jsonable(col.field, e.Fields[col.field.Name], private), nil
	}
	v, err := valueAt(c, e, col)
	if s, ok := v.(string); ok && s == "" && col.body {
		return nil, err
	}
	if col.field != nil {
		v = jsonable(col.field, v, private)
	}
	return v, err
}

func jsonable(f *schema.Field, v any, private bool) any {
	switch v := v.(type) {
	case time.Time:
		return schema.FormatDate(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = jsonable(f.Elem(), x, private)
		}
		return out
	case schema.FileRef:
		out := map[string]any{"src": v.Src}
		if v.Alt != "" {
			out["alt"] = v.Alt
		}
		if v.Title != "" {
			out["title"] = v.Title
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for _, sub := range f.Fields {
			if x, ok := v[sub.Name]; ok && (!sub.Private || private) {
				out[sub.Name] = jsonable(sub, x, private)
			}
		}
		return out
	}
	return v
}
