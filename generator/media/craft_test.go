package media

import (
	"archive/zip"
	"bytes"
	"testing"
)

// zipOf writes a ZIP archive of the named entries, in order; the first
// entry named "mimetype" is stored uncompressed, as OpenDocument wants.
func zipOf(t testing.TB, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(entries); i += 2 {
		h := &zip.FileHeader{Name: entries[i], Method: zip.Deflate}
		if entries[i] == "mimetype" {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(entries[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mp3Frames is n MPEG-1 layer III frames of 128 kbit/s at 44.1 kHz (417
// bytes each), silent.
func mp3Frames(n int) []byte {
	frame := make([]byte, 417)
	copy(frame, []byte{0xff, 0xfb, 0x90, 0x64})
	return bytes.Repeat(frame, n)
}

// isoBox is one ISO media box: size, type, body.
func isoBox(kind string, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	n := len(b) + 8
	return append([]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n), kind[0], kind[1], kind[2], kind[3]}, b...)
}

// mp4With is an MP4 file (brand isom) with one track per handler type.
func mp4With(handlers ...string) []byte {
	var traks [][]byte
	for _, h := range handlers {
		hdlr := isoBox("hdlr", []byte{0, 0, 0, 0, 0, 0, 0, 0}, []byte(h), make([]byte, 13))
		traks = append(traks, isoBox("trak", isoBox("mdia", hdlr)))
	}
	return bytes.Join([][]byte{isoBox("ftyp", []byte("isom\x00\x00\x02\x00isomiso2mp41")), isoBox("mdat", make([]byte, 64)), isoBox("moov", traks...)}, nil)
}

// oggPage is the first page of an Ogg stream whose first packet starts
// with head.
func oggPage(head string) []byte {
	page := append([]byte("OggS\x00\x02"), make([]byte, 20)...)
	page = append(page, 1, byte(len(head)))
	return append(page, head...)
}
