package load

import (
	"bytes"

	"github.com/BurntSushi/toml"
)

// decodeTOML decodes a TOML document into the map BurntSushi/toml builds
// for it: by decodeSimple when it can, else by the library.
func decodeTOML(text []byte) (map[string]any, error) {
	if m, ok := decodeSimple(text); ok {
		return m, nil
	}
	return decodeLibrary(text)
}

// decodeLibrary is decodeTOML through BurntSushi/toml alone. Decoding
// into a map[string]any would copy the library's map key by key through
// reflection; a toml.Unmarshaler is handed it as it is. The bytes go in
// through a Reader, which the decoder reads whole anyway, to spare a
// string copy of them beforehand.
func decodeLibrary(text []byte) (map[string]any, error) {
	var t table
	if _, err := toml.NewDecoder(bytes.NewReader(text)).Decode(&t); err != nil {
		return nil, err
	}
	return t, nil
}

// table takes the decoder's top-level table.
type table map[string]any

func (t *table) UnmarshalTOML(v any) error {
	*t, _ = v.(map[string]any) // the top level of a document is always a table
	return nil
}
