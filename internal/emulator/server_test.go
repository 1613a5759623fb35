package emulator

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestUnroutedAnswers: GET / answers the probe body, a wrong method 405 with
// code 1001, an unknown path 404; none of them counts as a JPush request.
func TestUnroutedAnswers(t *testing.T) {
	e := newEnv(t)
	r, err := e.raw("GET", "/", nil, false, nil)
	if err != nil || r.status != 200 || string(r.body) != `{"service":"jpush-emulator"}` || r.header.Get("Date") == "" {
		t.Fatalf("GET /: %v %d %s", err, r.status, r.body)
	}
	if r := e.do("PATCH", "/v3/schedules", `{}`); r.status != 405 || r.errCode(t) != 1001 || r.errMsg(t) != "Method not allowed" {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	if r := e.do("GET", "/v3/nothing", nil); r.status != 404 || r.errCode(t) != 404 || r.errMsg(t) != "Not found: /v3/nothing" {
		t.Fatalf("unknown path: %d %s", r.status, r.body)
	}
	for k, n := range e.srv.Stats().Requests {
		if n != 0 {
			t.Fatalf("unrouted answers counted: %q %d", k, n)
		}
	}
}

// TestOversizedBody: a valid schedule padded past 1 MiB cannot be read
// whole, so it is refused as not JSON (after authentication and counting)
// and nothing is created.
func TestOversizedBody(t *testing.T) {
	e := newEnv(t)
	js, err := json.Marshal(validSchedule())
	if err != nil {
		t.Fatal(err)
	}
	body := string(js) + strings.Repeat(" ", 1<<20+1-len(js))
	r := e.do("POST", "/v3/schedules", body)
	if r.status != 400 || r.errCode(t) != 8100 || r.errMsg(t) != "The schedule-task is invalid: request data is not json" {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if st := e.srv.Stats(); st.Creates != 0 || st.Schedules != 0 || st.Requests[RouteCreate] != 1 {
		t.Fatalf("stats %+v", st)
	}
	// The same schedule without the padding is created: the size alone was refused.
	if r := e.do("POST", "/v3/schedules", js); r.status != 200 {
		t.Fatalf("unpadded: %d %s", r.status, r.body)
	}
}
