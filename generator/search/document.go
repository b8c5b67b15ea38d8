// Package search builds Agora's static full-text index: an inverted index
// of every published entry, split into small shards by term range so that
// a browser loads only the shards of the words typed, plus small files of
// what results show. No server, no build step outside Agora.
//
// The files, under search/index/ of the site:
//
//	manifest.js    fixed name: types, topics, shard table, result folder
//	s/HASH.js      one shard: a sorted run of terms and their postings
//	d-HASH/0C.js   result file C: [title, path, snippet source] of
//	               DocsPerFile consecutive documents (8 by default)
//
// Every file is JavaScript of the form agoraSearchLoad(KEY, JSON), so the
// client loads it with a <script> element: that works over http(s) and
// from file://, needs no eval, and fits a script-src 'self' policy. Shard
// names are content hashes; result files sit in a folder named by the
// hash of all results and their number per file, so hosts may cache both
// forever.
//
// Documents are indexed as they are made (Builder, Compact), so a build
// holds their terms and results, never the text of every entry. See
// tokenize.go for the terms, shard.go for the encoding, docfiles.go for
// the result files and query.go for the ranking, which the client
// implements identically.
package search

// Weight says how much a field counts in ranking.
type Weight uint8

// Field weights: a document's title and other names rank above its other
// fields, which rank above its body.
const (
	Low    Weight = 1  // the body, and names of the entries it points at
	Medium Weight = 3  // other text fields: decisions, tasks, objectives…
	High   Weight = 10 // the title, and other names (a topic's aliases)
)

// Field is one piece of a document's text.
type Field struct {
	Text   string `json:"text"`
	Weight Weight `json:"weight"`
	// Snippet says the text may be shown under the result (prose, not
	// names of other entries).
	Snippet bool `json:"snippet,omitempty"`
}

// Document is one published entry as the index sees it. Render builds
// them from the schema: it leaves out private fields and drafts.
type Document struct {
	Path      string `json:"path"` // from the site root: "members/ana/"
	Title     string `json:"title"`
	Type      string `json:"type"`      // the type's name: "member"
	TypeLabel string `json:"typeLabel"` // the type's list heading in the site's language
	// TopicSlug is the entry's slug when it is itself a topic, to list it
	// among the topic filters.
	TopicSlug string `json:"topicSlug,omitempty"`
	// Topics lists the slugs of the topics the entry is filed under.
	Topics []string `json:"topics,omitempty"`
	Fields []Field  `json:"fields"`
	// Language is the BCP 47 tag of the entry's language (its own, else
	// the site's): its words are stemmed with that language's Snowball
	// stemmer, if there is one.
	Language string `json:"language,omitempty"`

	// analysis stands for Topics and Fields in a document made by
	// Compact.
	analysis *analysis
}
