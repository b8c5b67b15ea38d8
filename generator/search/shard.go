package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Shard payload: one record per term, sorted by term, each
//
//	TERM ' ' COUNT IDF GAPS IMPACTS '\n'
//
// COUNT is a number (the postings), IDF one digit (the term's rarity,
// 0–63), GAPS COUNT numbers (the first document id, then each next id
// minus the previous minus one) and IMPACTS COUNT digits (how strongly
// the term weighs in each document, 0–63). Gaps and impacts are kept in
// two runs because each compresses far better alone: the gaps of a common
// term are mostly "0".
//
// Digits are the 64 characters of digitChars. A number is written in base
// 32, most significant part first: every part but the last uses the upper
// half of the alphabet, the last the lower half, so numbers need no
// separator. All are safe in a JSON string without escaping.
const digitChars = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

var digitValue = func() (v [128]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < len(digitChars); i++ {
		v[digitChars[i]] = int8(i)
	}
	return
}()

// appendNum writes n (≥ 0).
func appendNum(b []byte, n int) []byte {
	var parts [8]byte
	i := len(parts)
	i--
	parts[i] = digitChars[n&31]
	n >>= 5
	for n > 0 {
		i--
		parts[i] = digitChars[32+(n&31)]
		n >>= 5
	}
	return append(b, parts[i:]...)
}

// numLen is the length of appendNum's n.
func numLen(n int) int {
	size := 1
	for n >>= 5; n > 0; n >>= 5 {
		size++
	}
	return size
}

// readNum reads a number at s[i:], returning it and the next index.
func readNum(s string, i int) (int, int, error) {
	n := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 128 || digitValue[c] < 0 {
			return 0, i, fmt.Errorf("bad digit %q", c)
		}
		d := int(digitValue[c])
		if d < 32 {
			return n<<5 | d, i + 1, nil
		}
		n = n<<5 | (d - 32)
		if n > 1<<30 {
			return 0, i, fmt.Errorf("number too large")
		}
	}
	return 0, i, fmt.Errorf("number cut short")
}

// Posting is one document of a term's list.
type Posting struct {
	Doc    int
	Impact int // 1–63
}

// termList is one record of a shard: a term with its postings, or a
// stem that is no term (Postings nil); either may key a stem group.
type termList struct {
	Term     string
	IDF      int
	Postings []Posting
	Stems    []string // the term's stems, but itself (groups.go)
	Group    []string // the terms whose stem Term is
	isTerm   bool
}

func encodeRecord(b []byte, t termList) []byte {
	b = append(b, t.Term...)
	b = append(b, ' ')
	b = appendNum(b, len(t.Postings))
	b = append(b, digitChars[t.IDF])
	prev := -1
	for _, p := range t.Postings {
		b = appendNum(b, p.Doc-prev-1)
		prev = p.Doc
	}
	for _, p := range t.Postings {
		b = append(b, digitChars[p.Impact])
	}
	return append(b, '\n')
}

// decodedShard is a shard's records by key, and its terms in order.
type decodedShard struct {
	records map[string]termList
	terms   []string // the keys of records with postings, sorted
}

// DecodeShard parses a shard payload into its records, by key.
func DecodeShard(payload string) (map[string]termList, error) {
	s, err := decodeShard(payload)
	return s.records, err
}

func decodeShard(payload string) (decodedShard, error) {
	out := decodedShard{records: map[string]termList{}}
	for len(payload) > 0 {
		line, rest, ok := strings.Cut(payload, "\n")
		if !ok {
			return out, fmt.Errorf("record without end")
		}
		payload = rest
		k := strings.IndexAny(line, " +")
		if k <= 0 {
			return out, fmt.Errorf("record without key")
		}
		t, err := decodeRecord(line[:k], line[k:])
		if err != nil {
			return out, err
		}
		out.records[t.Term] = t
		if t.isTerm {
			out.terms = append(out.terms, t.Term)
		}
	}
	return out, nil
}

// decodeRecord reads what follows a record's key: ' ' and postings,
// then its stem sections, if any.
func decodeRecord(term, data string) (termList, error) {
	t := termList{Term: term}
	if data[0] == ' ' {
		t.isTerm = true
		count, i, err := readNum(data, 1)
		if err != nil {
			return t, fmt.Errorf("%s: count: %w", term, err)
		}
		if i >= len(data) {
			return t, fmt.Errorf("%s: no idf", term)
		}
		if data[i] >= 128 || digitValue[data[i]] < 0 {
			return t, fmt.Errorf("%s: bad idf %q", term, data[i])
		}
		t.IDF = int(digitValue[data[i]])
		t.Postings = make([]Posting, count)
		i++
		doc := -1
		for k := range t.Postings {
			var gap int
			gap, i, err = readNum(data, i)
			if err != nil {
				return t, fmt.Errorf("%s: gap: %w", term, err)
			}
			doc += gap + 1
			t.Postings[k].Doc = doc
		}
		if len(data)-i < count {
			return t, fmt.Errorf("%s: %d impacts for %d postings", term, len(data)-i, count)
		}
		for k := range t.Postings {
			c := data[i+k]
			if c >= 128 || digitValue[c] < 0 {
				return t, fmt.Errorf("%s: bad impact %q", term, c)
			}
			t.Postings[k].Impact = int(digitValue[c])
		}
		data = data[i+count:]
	}
	if rest, ok := strings.CutPrefix(data, "^"); ok {
		stems, _, _ := strings.Cut(rest, "+")
		t.Stems = strings.Split(stems, ",")
		data = rest[len(stems):]
	}
	if rest, ok := strings.CutPrefix(data, "+"); ok {
		for _, m := range strings.Split(rest, ",") {
			if whole, ok := strings.CutPrefix(m, "="); ok {
				t.Group = append(t.Group, whole)
			} else {
				t.Group = append(t.Group, term+m)
			}
		}
		data = ""
	}
	if data != "" {
		return t, fmt.Errorf("%s: %d bytes after the record", term, len(data))
	}
	return t, nil
}

// loaderFunc is the function every index file calls.
const loaderFunc = "agoraSearchLoad"

// wrap makes an index file: agoraSearchLoad("key",JSON);
func wrap(key string, v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true) // < > & as \u003c…: safe anywhere
	b.WriteString(loaderFunc + "(")
	if err := enc.Encode(key); err != nil {
		return nil, err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteByte(',')
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.Truncate(b.Len() - 1)
	b.WriteString(");\n")
	return b.Bytes(), nil
}

// unwrap reads the key and JSON value of an index file.
func unwrap(file []byte, v any) (string, error) {
	rest, ok := bytes.CutPrefix(file, []byte(loaderFunc+"("))
	if !ok {
		return "", fmt.Errorf("not an index file")
	}
	rest, ok = bytes.CutSuffix(rest, []byte(");\n"))
	if !ok {
		return "", fmt.Errorf("index file cut short")
	}
	dec := json.NewDecoder(bytes.NewReader(rest))
	var key string
	if err := dec.Decode(&key); err != nil {
		return "", err
	}
	off := dec.InputOffset()
	if off >= int64(len(rest)) || rest[off] != ',' {
		return "", fmt.Errorf("index file: no value after the key")
	}
	return key, json.Unmarshal(rest[off+1:], v)
}
