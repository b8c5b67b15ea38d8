package media

import (
	"bytes"
	"encoding/binary"
)

// sniffOgg reads the codec from the first page of an Ogg stream: audio
// codecs are published, a Theora video is not.
func sniffOgg(data []byte) (Kind, error) {
	if len(data) < 28 {
		return Unknown, refuse("a truncated Ogg file", "export the recording again")
	}
	start := 27 + int(data[26])
	if start > len(data) {
		return Unknown, refuse("a truncated Ogg file", "export the recording again")
	}
	payload := data[start:]
	for _, codec := range []string{"\x01vorbis", "OpusHead", "\x7fFLAC", "Speex   "} {
		if bytes.HasPrefix(payload, []byte(codec)) {
			return Ogg, nil
		}
	}
	if bytes.HasPrefix(payload, []byte("\x80theora")) {
		return Unknown, refuse("a video (Ogg Theora)", hintVideo)
	}
	return Unknown, refuse("an Ogg file of no audio codec Agora knows", hintAudio)
}

// sniffISO tells an M4A from the other ISO media files (MP4 video, HEIC
// and AVIF photos) by its brand, then by its tracks' handlers: audio is
// published, video is not.
func sniffISO(data []byte) (Kind, error) {
	switch brand := string(data[8:12]); brand {
	case "M4A ", "M4B ":
		return M4A, nil
	case "heic", "heix", "hevc", "mif1", "msf1":
		return Unknown, refuse("a HEIC photo (the iPhone's format)", "export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible)")
	case "avif", "avis":
		return Unknown, refuse("an AVIF image", hintImage)
	case "qt  ":
		return Unknown, refuse("a QuickTime video", hintVideo)
	}
	video, audio := false, false
	walkBoxes(data, 0, func(kind string, body []byte) {
		if kind != "hdlr" || len(body) < 12 {
			return
		}
		switch string(body[8:12]) { // version+flags, pre_defined, handler_type
		case "vide":
			video = true
		case "soun":
			audio = true
		}
	})
	switch {
	case video:
		return Unknown, refuse("a video (MP4)", hintVideo)
	case audio:
		return M4A, nil
	}
	return Unknown, refuse("an MP4 file without an audio track", "export the recording again as M4A or MP3")
}

// isoContainers are the boxes walkBoxes descends into on the way to each
// track's handler (moov/trak/mdia/hdlr).
var isoContainers = map[string]bool{"moov": true, "trak": true, "mdia": true}

// walkBoxes calls visit for every box of data, descending into the
// containers; depth bounds a hostile nesting.
func walkBoxes(data []byte, depth int, visit func(kind string, body []byte)) {
	for len(data) >= 8 && depth < 8 {
		size := uint64(binary.BigEndian.Uint32(data))
		kind := string(data[4:8])
		header := uint64(8)
		switch size {
		case 0:
			size = uint64(len(data))
		case 1:
			if len(data) < 16 {
				return
			}
			size, header = binary.BigEndian.Uint64(data[8:]), 16
		}
		if size < header || size > uint64(len(data)) {
			return
		}
		body := data[header:size]
		visit(kind, body)
		if isoContainers[kind] {
			walkBoxes(body, depth+1, visit)
		}
		data = data[size:]
	}
}

// sniffMP3 accepts an ID3 tag followed by an MPEG audio frame, or frames
// from the start; a frame must be followed by another where the file is
// long enough, so random bytes that happen to start like one are not.
func sniffMP3(data []byte) (Kind, error) {
	rest := data
	if bytes.HasPrefix(rest, []byte("ID3")) {
		if len(rest) < 10 {
			return Unknown, refuse("a truncated MP3 file", "export the recording again")
		}
		size := int(rest[6]&0x7f)<<21 | int(rest[7]&0x7f)<<14 | int(rest[8]&0x7f)<<7 | int(rest[9]&0x7f)
		if rest[5]&0x10 != 0 { // a footer follows the tag
			size += 10
		}
		if 10+size > len(rest) {
			return Unknown, refuse("a truncated MP3 file (its ID3 tag runs past the end)", "export the recording again")
		}
		rest = rest[10+size:]
		for len(rest) > 0 && rest[0] == 0 { // padding some taggers leave
			rest = rest[1:]
		}
	}
	n := mp3FrameLen(rest)
	if n == 0 {
		return Unknown, refuse("an ID3 tag without MP3 audio after it", "export the recording again as MP3")
	}
	if n+4 <= len(rest) && mp3FrameLen(rest[n:]) == 0 {
		return Unknown, refuse("data that starts like MP3 audio but is not", "export the recording again as MP3")
	}
	return MP3, nil
}

func isMP3Frame(data []byte) bool { return mp3FrameLen(data) > 0 }

// Bit rates (kbit/s) of MPEG audio layer III by index, for MPEG-1 and
// for MPEG-2 and 2.5; sample rates (Hz) by index for MPEG-1.
var (
	mp3Rates1   = [16]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}
	mp3Rates2   = [16]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}
	mp3Samples1 = [4]int{44100, 48000, 32000, 0}
)

// mp3FrameLen returns the length of the MPEG audio layer III frame data
// starts with, or 0 when it does not start with a valid frame header.
func mp3FrameLen(data []byte) int {
	if len(data) < 4 || data[0] != 0xff || data[1]&0xe0 != 0xe0 {
		return 0
	}
	version := (data[1] >> 3) & 3 // 0: MPEG-2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1
	layer := (data[1] >> 1) & 3   // 1: layer III
	rateIdx := data[2] >> 4
	sampleIdx := (data[2] >> 2) & 3
	padding := int(data[2]>>1) & 1
	if version == 1 || layer != 1 || sampleIdx == 3 || mp3Rates1[rateIdx] == 0 {
		return 0
	}
	sample := mp3Samples1[sampleIdx]
	if version == 3 {
		return 144*mp3Rates1[rateIdx]*1000/sample + padding
	}
	sample /= 2
	if version == 0 {
		sample /= 2
	}
	return 72*mp3Rates2[rateIdx]*1000/sample + padding
}
