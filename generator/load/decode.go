package load

import (
	"bytes"

	"github.com/BurntSushi/toml"
)

// decodeTOML decodes a TOML document into the map BurntSushi/toml builds
// for any document. Decoding into a map[string]any would copy that map
// key by key through reflection; a toml.Unmarshaler is handed it as it is.
// The bytes go in through a Reader, which the decoder reads whole anyway,
// to spare a string copy of them beforehand.
func decodeTOML(text []byte) (map[string]any, error) {
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
