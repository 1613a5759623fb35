package templateschedule

import (
	"strings"
	"testing"
)

func TestTemplateScheduleImportID(t *testing.T) {
	for _, c := range []struct {
		in             string
		traces, ids    []string
		given, wantErr bool
	}{
		{in: "a,b", traces: []string{"a", "b"}, ids: []string{"a", "b"}},
		{in: " x=a , y=b ", traces: []string{"x", "y"}, ids: []string{"a", "b"}, given: true},
		{in: "a,,b", wantErr: true},
		{in: "a,a", wantErr: true},
		{in: "x=a,b", wantErr: true},
		{in: "x=a,x=b", wantErr: true},
		{in: "", wantErr: true},
	} {
		traces, ids, given, err := parseTemplateImportID(c.in)
		if (err != nil) != c.wantErr {
			t.Errorf("%q: err %v", c.in, err)
			continue
		}
		if err == nil && (strings.Join(traces, "|") != strings.Join(c.traces, "|") || strings.Join(ids, "|") != strings.Join(c.ids, "|") || given != c.given) {
			t.Errorf("%q: got %v %v %v", c.in, traces, ids, given)
		}
	}
}
