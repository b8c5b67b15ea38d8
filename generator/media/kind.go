package media

// Kind is what a file is, as its bytes say (Sniff), never its name.
type Kind uint8

const (
	Unknown Kind = iota
	JPEG
	PNG
	GIF
	WebP
	PDF
	ODT  // OpenDocument text
	ODS  // OpenDocument spreadsheet
	ODP  // OpenDocument presentation
	DOCX // Office Open XML word-processing document
	XLSX // Office Open XML spreadsheet
	PPTX // Office Open XML presentation
	CSV
	Text
	MP3
	Ogg
	M4A
)

// Class groups kinds by how they are published: images as resized copies
// without metadata, documents and audio byte for byte.
type Class uint8

const (
	NoClass Class = iota
	Image
	Document
	Audio
)

type kindInfo struct {
	name  string // for people: the "kind" of an attachments list
	mime  string
	ext   string // the extension a published file gets, whatever its name said
	class Class
}

var kinds = [...]kindInfo{
	Unknown: {"unknown", "application/octet-stream", "", NoClass},
	JPEG:    {"JPEG image", "image/jpeg", ".jpg", Image},
	PNG:     {"PNG image", "image/png", ".png", Image},
	GIF:     {"GIF image", "image/gif", ".gif", Image},
	WebP:    {"WebP image", "image/webp", ".webp", Image},
	PDF:     {"PDF document", "application/pdf", ".pdf", Document},
	ODT:     {"OpenDocument text", "application/vnd.oasis.opendocument.text", ".odt", Document},
	ODS:     {"OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", ".ods", Document},
	ODP:     {"OpenDocument presentation", "application/vnd.oasis.opendocument.presentation", ".odp", Document},
	DOCX:    {"Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", Document},
	XLSX:    {"Excel spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", Document},
	PPTX:    {"PowerPoint presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", Document},
	CSV:     {"CSV table", "text/csv", ".csv", Document},
	Text:    {"plain text", "text/plain", ".txt", Document},
	MP3:     {"MP3 audio", "audio/mpeg", ".mp3", Audio},
	Ogg:     {"Ogg audio", "audio/ogg", ".ogg", Audio},
	M4A:     {"M4A audio", "audio/mp4", ".m4a", Audio},
}

func (k Kind) info() kindInfo {
	if int(k) < len(kinds) {
		return kinds[k]
	}
	return kinds[Unknown]
}

// String names the kind for people ("PDF document"): the kind column of
// an entry's attachments (the theme translates it by Key).
func (k Kind) String() string { return k.info().name }

// MIME is the media type a static host should serve the kind as.
func (k Kind) MIME() string { return k.info().mime }

// Ext is the extension a published file of this kind gets, with its dot.
// A static host picks the Content-Type by extension, so a PDF named
// report.html must not be published under that name.
func (k Kind) Ext() string { return k.info().ext }

// Class says how the kind is published.
func (k Kind) Class() Class { return k.info().class }

// Key is a stable lower-case name ("pdf", "docx"), for translation keys,
// JSON and CSS classes.
func (k Kind) Key() string {
	if k == Unknown {
		return "unknown"
	}
	return k.Ext()[1:]
}

// Allowed lists the kinds a file may be, for the "allowed" line of a
// diagnostic.
const Allowed = "JPEG, PNG, GIF or WebP images; PDF, OpenDocument (.odt, .ods, .odp), " +
	"Office Open XML (.docx, .xlsx, .pptx), CSV or plain-text documents; MP3, Ogg or M4A audio"

// ByExt is the kind whose published files have the extension ext
// (".pdf", with its dot), or Unknown: for a server that sets the
// Content-Type of what it serves by extension.
func ByExt(ext string) Kind {
	for k, info := range kinds {
		if ext != "" && info.ext == ext {
			return Kind(k)
		}
	}
	return Unknown
}
