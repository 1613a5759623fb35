package rules

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTagCharsetAndLength(t *testing.T) {
	for s, ok := range map[string]bool{
		"vip": true, "标签": true, "a@b#c$&*+=.|￥": true, strings.Repeat("t", 40): true, strings.Repeat("标", 13): true,
		"": false, "café": false, "Жук": false, "ひらがな": false, "한국": false, "a b": false, "tag-1": false,
		strings.Repeat("t", 41): false, strings.Repeat("标", 14): false,
	} {
		if err := Tag(s); (err == nil) != ok {
			t.Errorf("Tag(%q) = %v, want ok=%v", s, err, ok)
		}
	}
}

func TestPushViolationPathsAndCodes(t *testing.T) {
	cases := []struct {
		push, path string
		code       int
	}{
		{`{"platform":"all","audience":{"tag":["ok","Жук"]},"notification":{"alert":"x"}}`, "push.audience.tag[1]", 8100},
		{`{"platform":["ios","ios"],"audience":"all","notification":{"alert":"x"}}`, "push.platform[1]", 8100},
		{`{"platform":"all","audience":{"all":true},"notification":{"alert":"x"}}`, "push.audience.all", 8100},
		{`{"platform":"all","audience":"all","notification":{"android":{"alert":""}}}`, "push.notification.android.alert", 8100},
		{`{"platform":["android"],"audience":"all","notification":{"android":{"alert":"` + strings.Repeat("x", 4000) + `"}}}`, "push.notification.android", 1005},
		{`{"platform":"all","audience":"all","notification":{"alert":"x"}}`, "", 0},
	}
	for _, c := range cases {
		dec := json.NewDecoder(strings.NewReader(c.push))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		_, verr := Push(v)
		switch {
		case c.code == 0 && verr != nil:
			t.Errorf("%.80s: %v, want accepted", c.push, verr)
		case c.code != 0 && (verr == nil || verr.Code != c.code || verr.Path != c.path):
			t.Errorf("%.80s: %+v, want code %d at %s", c.push, verr, c.code, c.path)
		}
	}
}

func TestScheduleID(t *testing.T) {
	for s, ok := range map[string]bool{
		"6f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f": true, "6F1C9A2E-3B7D-4C55-9E21-0A8B7C6D5E4F": true,
		"6f1c9a2e-3b7d-4c55-9e21": false, "6f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f0": false, "promo_weekly": false, "": false,
	} {
		if ScheduleID(s) != ok {
			t.Errorf("%q: want %v", s, ok)
		}
	}
}
