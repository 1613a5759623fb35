package emulator

import (
	"strings"
	"testing"
)

// TestUnsupportedKeyDeterministic: a request with two unsupported keys is
// answered naming the same one (the first in sorted order) on every run.
func TestUnsupportedKeyDeterministic(t *testing.T) {
	e := newEnv(t)
	e.admin("POST", "templates", `{"id": "tpl1", "keys": ["title"]}`)
	e.admin("PUT", "config", `{"rate_limit_per_minute": 0}`)
	id := e.create(validSchedule())
	for _, tc := range []struct{ method, path, body, want string }{
		{"POST", "/v3/schedules", `{"zz": 1, "aa": 2, "name": "n"}`, "aa is not a supported field"},
		{"PUT", "/v3/schedules/" + id, `{"zz": 1, "aa": 2}`, "aa is not a supported field (update accepts name, enabled, trigger, push)"},
		{"POST", "/v3/push/template/schedule", `{"zz": 1, "aa": 2, "id": "tpl1"}`, "aa is not a supported key"},
	} {
		for i := 0; i < 100; i++ {
			if got := string(e.do(tc.method, tc.path, tc.body).body); !strings.Contains(got, tc.want) {
				t.Fatalf("%s %s, run %d: %q, want %q", tc.method, tc.path, i, got, tc.want)
			}
		}
	}
}
