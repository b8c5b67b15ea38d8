// Package media publishes the files of entry folders (content model v2,
// issue 24): it tells what a file is from its bytes, refuses what is not
// an allowed kind, and makes images safe and light. Documents and audio
// are published byte for byte; an image is never published as itself,
// only as resized copies that carry its pixels and nothing else: no EXIF
// (GPS position, camera serial, times), XMP, IPTC, ICC profile, comment
// or PNG text, whatever the source held.
//
// # What the other stages call
//
// The package is a library; load, validate, render and write call it as
// follows once entry folders are integrated (nothing calls it yet).
//
//   - config (site.toml): an [images] table — widths (default
//     DefaultWidths, 480, 960 and 1600), quality (DefaultQuality) — makes
//     a Settings, checked by Settings.Check; max_file_mb is the limit of
//     CheckSize.
//   - load: for content/FOLDER/SLUG/index.md, every other file of the
//     folder is one of the entry's files. The loader stats each
//     (CheckSize before reading a byte), reads it and keeps its Kind
//     (Sniff) and bytes or path beside the entry; a sub-folder is an
//     error.
//   - validate: at each reference to a file (an image or file field's
//     src, a body link or image), the file must be one of the folder's
//     (else "did you mean" among them); Sniff's refusal is reported there
//     with Problem.Diagnostic(file, line, col). An image field or ![alt]
//     needs an image Kind and a non-empty alt; InspectImage refuses a
//     bomb or a broken header and says Animated (warn: only the first
//     frame of a GIF is published). PDFAuthors gives one warning per
//     field (PDFField.Problem). A file nothing refers to is a warning and
//     is not published.
//   - site (build and serve): before rendering, one Processor (Settings,
//     Cache at DefaultCacheDir(source), the same Processor kept by serve
//     across rebuilds) runs a Job per referenced image; any Result.Err
//     fails the build before the output is committed, so the previous
//     site stays as it was (write's atomic guarantee). After a whole
//     build succeeded, Cache.Prune with its Results' keys drops what the
//     site no longer uses.
//   - render: an image is <img src="{Largest().Name}" srcset="{SrcSet}"
//     sizes="…" width="{Largest().Width}" height="{Largest().Height}"
//     alt="…" decoding="async"> with loading="lazy" below the first
//     screen (the theme knows where that is); attachments are listed with
//     their title, Kind.String() (translated by Kind.Key) and HumanSize,
//     linked as PublishedName(name, kind). An image a file field or a
//     plain link names is published as its largest copy all the same,
//     never as itself (its EXIF would go with it). The search index may
//     take an image's alt text.
//   - write: each Variant at FOLDER/SLUG/Name (Variant.Bytes, which
//     checks a cached copy's hash; on ErrDamagedCopy run the Job again),
//     each document at FOLDER/SLUG/PublishedName. Names of copies are
//     content hashes, so an unchanged copy keeps its name from build to
//     build and write's reuse of unchanged files applies; linking from
//     the cache instead of reading would spare the reads.
//   - scaffold: `agora init` puts .agora-cache/ in .gitignore; the CI
//     workflows keep it between runs (actions/cache, GitLab cache:paths).
//
// # Kinds (Sniff)
//
// Images JPEG, PNG, GIF, WebP; documents PDF (starting %PDF-), OpenDocument
// (.odt, .ods, .odp: a ZIP whose "mimetype" entry names the kind),
// Office Open XML (.docx, .xlsx, .pptx: [Content_Types].xml and the main
// part), CSV and plain text (UTF-8, no NUL or control characters, no
// markup); audio MP3 (an ID3 tag and valid MPEG layer III frames), Ogg
// (Vorbis, Opus, FLAC or Speex), M4A (brand M4A, or an MP4 whose only
// tracks are sound). Refused with what the file is and what to publish
// instead: HTML and SVG (anywhere in a text: <script, <svg, <html,
// <!doctype html, <iframe, <?php; or a text starting like markup), XML,
// scripts (#!), programs (ELF, PE, Mach-O, Java, WebAssembly, JAR, APK),
// documents with macros (vbaProject.bin, macroEnabled, ODF Basic/ or
// Scripts/) or ActiveX controls, old binary Office files and RTF, other
// ZIPs and archives, videos (MP4, QuickTime, WebM, AVI, Ogg Theora),
// HEIC and AVIF, TIFF and BMP, WAV and FLAC, UTF-16 and other encodings
// than UTF-8. A document is published under its kind's extension
// (PublishedName), since static hosts choose the Content-Type by
// extension.
//
// # Images (InspectImage, Process)
//
// The header is read first: more than MaxPixels (50 megapixels) or more
// than MaxSide (30,000) pixels a side is refused before any pixel is
// allocated (a 100,000 × 100,000 PNG header, a few dozen bytes, is
// refused with under 1 MB allocated). Then the image is decoded (image/jpeg,
// image/png, image/gif's first frame placed on its screen,
// golang.org/x/image/webp: lossy WebP converted as BT.601 limited range,
// as libwebp does — x/image/webp's YCbCr taken as Go's full range loses
// a tenth of the contrast), resized in its stored orientation to each
// width below its own (and its own when not above the largest: never
// upscaled), each copy made from the next larger (cascade), turned as
// its EXIF orientation says (all eight values), and encoded as:
//
//   - a photo (JPEG or lossy WebP source): lossy WebP at Quality 75, or
//     JPEG at 80 where that is smaller or WebP cannot hold the size;
//     with transparency, lossy WebP or PNG;
//   - a drawing (PNG, GIF or lossless WebP source): the smaller of
//     lossless WebP and PNG, unless lossy WebP is under half of it (a
//     photo saved as PNG).
//
// An animated GIF is published as its first frame, an APNG as its
// default image (the check warns); an animated WebP is refused. ICC colour profiles are dropped, not
// converted: the copies are taken as sRGB, which phones' JPEGs are, and
// a wide-gamut (Display P3) photo shows slightly less saturated.
// Converting would take kovidgoyal/imaging's ICC code and its
// dependencies; the issue allows dropping.
//
// Copies are named by their content's hash and width
// ("3fa2b1c4d5e6-960w.webp"), never after the original, whose name from a
// phone holds the date and time it was taken.
//
// # Choices, measured
//
// Measured 2026-12-07 on this project's 2-core machine, shared with other
// sessions (timings noisy, ratios from one side-by-side run; byte counts
// exact), on real camera photos from Debian's mate-backgrounds (Canon,
// Sony, Konica Minolta), each resized to the copy's width:
//
// Encoder. gen2brain/webp v0.5.5 (libwebp 1.x in WebAssembly on wazero,
// no cgo) lossy q75 method 4 against image/jpeg q80, bytes at 1600 / 960
// / 480 pixels:
//
//	Storm (sky, 1920×1280)        15,946 / 7,704 / 3,318  vs 73,368 / 29,806 / 10,667 (22-31 %)
//	Blinds (1920×1200)            41,276 / 20,076 / 8,078 vs 134,912 / 54,444 / 19,323 (31-42 %)
//	Wood (2560×1920)              46,908 / 21,976 / 7,624 vs 126,393 / 54,356 / 17,690 (37-43 %)
//	Elephants (texture, 5640 wide) 313,450 / 104,888 / 27,852 vs 401,131 / 139,187 / 36,873 (75-78 %)
//
// PSNR of the WebP copies is from 0.3 dB above (Elephants) to 1.6 dB
// below JPEG q80's; JPEG q75 is 0.4-0.8 dB below q80 for 85 % of its
// bytes, so no JPEG quality comes near WebP's bytes. WebP costs time:
// 350-650 ms for a 1600-pixel copy on one core against 31-48 ms for
// JPEG (method 2 takes a third to half of that time for 3.5-8.6 % more bytes; the cache pays the time
// once, readers on 2G pay the bytes every view). HugoSmits86/nativewebp
// v0.9.3 writes lossless WebP only: a 480-pixel photo is 250 KB against
// 28 KB lossy, and on drawings it was 1.4-2.4 × libwebp's lossless size
// (Flow.png at 1600: 40,400 against 16,810 bytes; PNG 58,350), so
// libwebp serves both. Where libwebp.so is installed and agora is
// dynamically linked, gen2brain/webp calls it (through purego, still
// without cgo) instead of the WebAssembly build: copies may then differ in
// bytes from another machine's, each build staying consistent (names
// follow bytes). Decoding never goes through libwebp: x/image/webp, in
// Go, reads the sources. The first WebP encoding of a process compiles
// libwebp's WebAssembly (about 0.5 s of CPU); the agora binary grows by
// about 4.3 MB.
//
// Resizer. golang.org/x/image/draw Catmull-Rom, against
// kovidgoyal/imaging v1.9.0, 3000×1687 to 1600 on one core: draw 190 ms,
// imaging Catmull-Rom 93 ms, Lanczos 147 ms. The copies are alike: PSNR
// of draw's Catmull-Rom against imaging's Lanczos 43-54 dB, against
// imaging's Catmull-Rom 54-58 dB. Cascading (1600 from the original, 960
// from 1600, 480 from 960) took 242 ms for the three against 462 ms from
// the original each time, 49-54 dB from the direct copies
// (BenchmarkResize: 272-386 against 596-1069 ms of CPU here). x/image is
// needed for WebP decoding anyway; imaging would add go-parallel, go-shm
// and goexif and run goroutines of its own inside each of the
// Processor's one-per-core jobs, for about a tenth of an image's cold
// time (the WebP encoding is most of it).
//
// EXIF orientation. A reader of the one tag (Orientation, about 130
// lines, fuzzed) against dsoprea/go-exif/v3 v3.0.1: a program reading the
// orientation with go-exif is 6.0 MB against 2.5 MB, with 13 more
// packages of 7 modules (go-exif's own, go-logging, go-utility,
// go-errors, golang/geo's r1-r3, s1 and s2, yaml.v2, an old x/net), to
// read a value no copy keeps.
//
// Per 3000×2000 photo (BenchmarkProcess, one core, two series of three
// on the loaded machine): 1.0-1.9 s of CPU cold, most of it libwebp;
// from the cache 53-60 µs of CPU a photo without reading the copies
// (BenchmarkProcessorCached: 5.3-6.0 ms per 100 photos), 0.14-0.23 ms
// with them read and hashed. A warm build of 1,000 photos thus spends
// about 60 ms finding them; reading every copy would cost about 0.2 s,
// which linking them from the cache into the output would spare.
//
// # Cache (Cache, Processor)
//
// .agora-cache/images under the source (CacheFolder): a project-local
// folder CI can keep by path, removed with the project, shared by build
// and serve. An entry is keyed by the source's SHA-256, the settings and
// Version; written in a temporary folder and renamed, so concurrent
// builds never see half an entry; checked on lookup (manifest, names
// against hashes, sizes) and each copy's hash when read. An index of
// the sources' size, modification time and inode spares reading
// unchanged photos (a hint, racy-clean as Git's index). Prune removes
// the entries a build did not use.
package media
