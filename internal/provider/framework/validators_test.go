package framework

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

func TestCheckEndpoint(t *testing.T) {
	for s, ok := range map[string]bool{
		"https://api.jpush.cn":          true,
		"https://bjapi.push.jiguang.cn": true,
		"http://127.0.0.1:8080":         true,
		"http://127.8.9.10":             true,
		"http://localhost:1234":         true,
		"http://LOCALHOST":              true,
		"http://[::1]:8080":             true,
		"http://api.jpush.cn":           false,
		"http://10.0.0.1":               false,
		"http://[::2]:80":               false,
		"ftp://127.0.0.1":               false,
		"api.jpush.cn":                  false,
		"https://":                      false,
		"https://u:p@api.jpush.cn":      false,
		"https://api.jpush.cn?x=1":      false,
		"":                              false,
	} {
		if err := CheckEndpoint(s); (err == nil) != ok {
			t.Errorf("checkEndpoint(%q) = %v, want ok=%v", s, err, ok)
		}
	}
}

// The endpoint validator never quotes credentials, however malformed the
// rest of the URL is.
func TestEndpointValidatorNeverEchoesCredentials(t *testing.T) {
	for _, s := range []string{
		"https://alice:Q~pw@api.jpush.cn", "http://alice:Q~pw@api.jpush.cn", "ftp://alice:Q~pw@127.0.0.1",
		"https://alice:Q~pw@api.jpush.cn:port", "https://alice:Q~pw@[::1", "http://alice:Q~pw@%zz", "alice:Q~pw@api.jpush.cn",
		"https://alice:Q~pw@", "https://alice@api.jpush.cn",
	} {
		d := EndpointValidator().detail(s)
		if d == "" {
			// Left to the provider's Configure, which refuses it without an
			// attribute path (Terraform would print the source line).
			err := CheckEndpoint(s)
			if !HasCredentials(s) || err == nil {
				t.Errorf("%s: accepted", s)
				continue
			}
			d = QuoteEndpoint(s) + " " + err.Error()
		}
		if strings.Contains(d, "Q~pw") || strings.Contains(d, "alice") {
			t.Errorf("%s: the error echoes the credentials: %s", s, d)
		}
	}
	if d := EndpointValidator().detail("ftp://127.0.0.1"); !strings.Contains(d, `"ftp://127.0.0.1"`) {
		t.Errorf("an endpoint without credentials is quoted: %s", d)
	}
}

func TestCheckScheduleName(t *testing.T) {
	for s, ok := range map[string]bool{
		"weekly_digest":          true,
		"周报_2027":                true,
		"A":                      true,
		strings.Repeat("a", 255): true,
		strings.Repeat("a", 256): false,
		strings.Repeat("名", 85):  true, // 255 bytes
		strings.Repeat("名", 86):  false,
		"":                       false,
		"with space":             false,
		"dash-ed":                false,
		"émoji":                  false,
		"😀":                      false,
		"ｆｕｌｌ":                   false,
	} {
		if err := checkScheduleName(s); (err == nil) != ok {
			t.Errorf("checkScheduleName(%q) = %v, want ok=%v", s, err, ok)
		}
	}
}

func TestCheckTag(t *testing.T) {
	for s, ok := range map[string]bool{
		"vip": true, "标签": true, "a@b.c|d": true, "x￥": true, "": false, "a b": false,
		strings.Repeat("t", 40): true, strings.Repeat("t", 41): false, "a/b": false,
	} {
		if err := checkTag(s); (err == nil) != ok {
			t.Errorf("checkTag(%q) = %v, want ok=%v", s, err, ok)
		}
	}
}

func TestPointsRule(t *testing.T) {
	cases := []struct {
		unit   string
		points []string
		ok     bool
	}{
		{"day", nil, true},
		{"DAY", []string{}, true},
		{"day", []string{"MON"}, false},
		{"week", nil, false},
		{"week", []string{"MON", "fri"}, true},
		{"Week", []string{"mon", "MON"}, false},
		{"week", []string{"MONDAY"}, false},
		{"month", []string{"01", "31"}, true},
		{"month", []string{"1"}, false},
		{"month", []string{"32"}, false},
		{"month", []string{"00"}, false},
		{"month", nil, false},
	}
	for _, c := range cases {
		if _, err := rules.Points(c.unit, c.points); (err == nil) != c.ok {
			t.Errorf("checkPoints(%q, %q) = %v, want ok=%v", c.unit, c.points, err, c.ok)
		}
	}
}

func TestCheckPushJSON(t *testing.T) {
	for s, ok := range map[string]bool{
		`{"platform":"all","audience":"all","notification":{"alert":"x"}}`:  true,
		`{"platform":"all","audience":"all","message":{"msg_content":"x"}}`: true,
		`{"platform":"all","audience":"all"}`:                               false,
		`{"audience":"all","notification":{"alert":"x"}}`:                   false,
		`[1]`:  false,
		`null`: false,
		`{`:    false,
	} {
		if err := checkPushJSON(s); (err == nil) != ok {
			t.Errorf("checkPushJSON(%s) = %v, want ok=%v", s, err, ok)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for s, ok := range map[string]bool{"30s": true, "1s": true, "5m": true, "5m1s": false, "999ms": false, "x": false} {
		if _, err := ParseDuration(s, time.Second, 5*time.Minute); (err == nil) != ok {
			t.Errorf("parseDuration(%q) = %v, want ok=%v", s, err, ok)
		}
	}
}

// TestBadgeValidatorIsTheRule holds the plan-time badge check to JPush's
// rule in internal/rules: it refuses exactly what the rule refuses.
func TestBadgeValidatorIsTheRule(t *testing.T) {
	for _, s := range []string{"", "0", "5", "+1", "-99", "100", "01", "lots", "+", "9 "} {
		resp := &validator.StringResponse{}
		BadgeValidator().ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("badge"), ConfigValue: types.StringValue(s),
		}, resp)
		if resp.Diagnostics.HasError() == rules.IOSBadge(s) {
			t.Errorf("badge %q: validator error %v, rule accepts %v", s, resp.Diagnostics.HasError(), rules.IOSBadge(s))
		}
	}
}
