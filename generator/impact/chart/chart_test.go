package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares a chart with testdata/NAME.svg (-update rewrites it),
// and checks that it is well-formed XML with a title and a description
// that name it, and nothing a page's policy forbids.
func golden(t *testing.T, name, svg string) {
	t.Helper()
	file := filepath.Join("testdata", name+".svg")
	if *update {
		if err := os.WriteFile(file, []byte(svg+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if svg+"\n" != string(want) {
		t.Errorf("%s differs from %s; if the change is intended, run go test ./generator/impact/chart -update and look at the file", name, file)
	}
	checkSVG(t, name, svg)
}

// allowed are the elements and attributes charts may write: no script,
// no style, no link, no foreign object, no event handler.
var allowed = map[string]map[string]bool{
	"svg":    {"class": true, "role": true, "aria-labelledby": true, "viewBox": true, "width": true, "height": true},
	"title":  {"id": true},
	"desc":   {"id": true},
	"rect":   {"class": true, "x": true, "y": true, "width": true, "height": true},
	"circle": {"class": true, "cx": true, "cy": true, "r": true},
	"line":   {"class": true, "x1": true, "y1": true, "x2": true, "y2": true},
	"path":   {"class": true, "d": true},
	"text":   {"class": true, "x": true, "y": true},
}

func checkSVG(t *testing.T, name, svg string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var first []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			attrs, ok := allowed[se.Name.Local]
			if !ok {
				t.Errorf("%s: a <%s> element", name, se.Name.Local)
			}
			for _, a := range se.Attr {
				if !attrs[a.Name.Local] {
					t.Errorf("%s: <%s %s>", name, se.Name.Local, a.Name.Local)
				}
			}
			if len(first) < 3 {
				first = append(first, se.Name.Local)
			}
		}
	}
	if strings.Join(first, " ") != "svg title desc" {
		t.Errorf("%s: starts with %v, want svg, title, desc", name, first)
	}
	if !strings.Contains(svg, `role="img"`) {
		t.Errorf("%s: no role=img", name)
	}
}

var statuses = []LegendItem{{"proposed", "Proposed"}, {"agreed", "Agreed"}, {"done", "Done"}, {"dropped", "Dropped"}}

func TestBars(t *testing.T) {
	golden(t, "bars-stacked", Bars{
		Text:   Text{ID: "timeline", Title: "Exchanges per quarter, by status", Desc: "From 2025 Q1 to 2025 Q3: 5 exchanges, 2 done."},
		Series: statuses,
		Rows: []BarRow{
			{"2025 Q1", []float64{0, 0, 1, 0}},
			{"2025 Q2", []float64{0, 1, 0, 1}},
			{"2025 Q3", []float64{0, 0, 1, 0}},
			{"No date <yet> & “quoted”", []float64{1, 0, 0, 0}},
		},
	}.SVG())
	golden(t, "bars-share", Bars{
		Text: Text{ID: "rotation", Title: "Minutes written", Desc: "Ana wrote 2 of 3."},
		Rows: []BarRow{{"Ana Ferrer, a very long name that does not fit", []float64{66.7}}, {"Ben", []float64{33.3}}},
		Max:  100, Unit: " %",
	}.SVG())
}

func TestDumbbell(t *testing.T) {
	golden(t, "dumbbell", Dumbbell{
		Text:  Text{ID: "cap-oca", Title: "OCA: first and latest", Desc: "Governance rose from 40 % to 75 %."},
		First: "First assessment", Latest: "Latest assessment",
		Rows: []DumbbellRow{
			{Label: "Governance", First: 40, Latest: 75, FirstSpread: [2]float64{32.5, 50}, LatestSpread: [2]float64{67.5, 87.5}},
			{Label: "Financial management", First: 30, Latest: 30},
			{Label: "Fell", First: 80, Latest: 60},
		},
	}.SVG())
}

func TestNetwork(t *testing.T) {
	golden(t, "network", Network{
		Text: Text{ID: "map", Title: "Network map", Desc: "4 members, 5 exchanges."},
		Nodes: []NetworkNode{
			{Label: "Alpha", X: 0, Y: 0, Size: 3}, {Label: "Beta", X: 0.2, Y: 0.1, Size: 3},
			{Label: "Gamma with a long name", X: 1, Y: 1, Size: 4}, {Label: "Delta", X: 0.5, Y: 1, Class: "isolated"},
		},
		Groups: []NetworkGroup{{"Mexico", 0.1, 0.05}, {"Mongolia", 1, 1}},
		Arrows: []NetworkArrow{{0, 2, "proposed", 0, 1}, {1, 0, "agreed", 1, 1}, {2, 0, "done", 2, 3}, {2, 1, "done", 2, 2}},
		Lines:  []NetworkLine{{0, 1, 2}, {0, 2, 1}},
		Legend: []LegendItem{{"done", "Done"}, {"agreed", "Agreed"}, {"proposed", "Proposed"}, {"meet", "Met"}, {"isolated", "Nobody heard from"}},
	}.SVG())
}

// TestArrowBetweenOverlappingNodes draws nothing where the nodes touch.
func TestArrowBetweenOverlappingNodes(t *testing.T) {
	if a := arrow(10, 10, 5, 15, 10, 5, 3, "done"); a != "" {
		t.Errorf("got %q", a)
	}
	if a := arrow(0, 0, 5, 100, 0, 5, 0, "done"); !bytes.Contains([]byte(a), []byte(`d="M5 0L93 0M86 4.2L93 0L86 -4.2"`)) {
		t.Errorf("got %q", a)
	}
}

func TestNumber(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 26: "26", 66.666: "66.7", 0.04: "0", -0.04: "-0"} {
		if got := Number(in); got != want && !(in == -0.04 && got == "0") {
			t.Errorf("Number(%v) = %q, want %q", in, got, want)
		}
	}
}
