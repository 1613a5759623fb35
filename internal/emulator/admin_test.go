package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAdminConfig(t *testing.T) {
	e := newEnv(t)
	r := e.admin("PUT", "config", `{"expired_visible":true,"msg_ids_visible":false,"normalize":true,"rate_limit_per_minute":5,"rate_limit_window":"2s","schedule_quota":7,"latency":"0s","error_code_variant":"doc","strict_name_charset":false,"delete_body":"json","update_echo":"submitted"}`)
	want := `{"delete_body":"json","error_code_variant":"doc","expired_visible":true,"latency":"0s","msg_ids_visible":false,"normalize":true,"rate_limit_per_minute":5,"rate_limit_window":"2s","schedule_quota":7,"strict_name_charset":false,"update_echo":"submitted"}`
	if string(r.body) != want {
		t.Fatalf("config view %s", r.body)
	}
	// strict_name_charset=false accepts spaces (the Python SDK's own example does that).
	if r := e.do("POST", "/v3/schedules", with(func(m map[string]any) { m["name"] = "daily digest" })); r.status != 200 {
		t.Fatalf("lenient name: %d %s", r.status, r.body)
	}
	for _, bad := range []string{`{"latency":"soon"}`, `{"rate_limit_window":"0s"}`, `{"error_code_variant":"x"}`, `{"delete_body":"x"}`, `{"update_echo":"x"}`, `{"schedule_quota":-1}`, `{"unknown":1}`, `nope`} {
		r, _ := e.raw("PUT", "/_emulator/config", strings.NewReader(bad), false, nil)
		if r.status != 400 {
			t.Fatalf("%s: %d", bad, r.status)
		}
	}
	// Configure ignores invalid fields but applies valid ones.
	e.srv.Configure(Config{Latency: ptr("soon"), ScheduleQuota: ptr(9)})
	if !strings.Contains(string(e.admin("GET", "config", "").body), `"schedule_quota":9`) {
		t.Fatal("valid field not applied")
	}
	e.admin("POST", "reset", "")
	if !strings.Contains(string(e.admin("GET", "config", "").body), `"schedule_quota":100`) {
		t.Fatal("reset did not restore the defaults")
	}
}

func TestAdminStatsShape(t *testing.T) {
	e := newEnv(t)
	e.create(validSchedule())
	r := e.admin("GET", "stats", "")
	var m map[string]json.RawMessage
	_ = json.Unmarshal(r.body, &m)
	for _, k := range []string{"requests", "schedules", "faults_fired", "rate_limited", "cid_replays", "creates"} {
		if _, ok := m[k]; !ok {
			t.Fatalf("stats lacks %s: %s", k, r.body)
		}
	}
	var req map[string]int
	_ = json.Unmarshal(m["requests"], &req)
	if len(req) != 8 || req["POST /v3/schedules"] != 1 || string(m["schedules"]) != "1" {
		t.Fatalf("stats %s", r.body)
	}
}

func TestAdminMisc(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ method, path, body string }{
		{"POST", "templates", `{"keys":["a"]}`},
		{"POST", "templates", `{"id":"x","keys":"a"}`},
		{"POST", "schedules/x/legacy_msg_ids", `{"msgids":[1]}`},
	} {
		r, _ := e.raw(c.method, "/_emulator/"+c.path, strings.NewReader(c.body), false, nil)
		if r.status != 400 {
			t.Fatalf("%s %s: %d", c.method, c.path, r.status)
		}
	}
	if r, _ := e.raw("POST", "/_emulator/schedules/"+newUUID()+"/legacy_msg_ids", strings.NewReader(`{"msgids":["1"]}`), false, nil); r.status != 404 {
		t.Fatalf("legacy unknown: %d", r.status)
	}
	if r, _ := e.raw("GET", "/_emulator/nothing", nil, false, nil); r.status != 404 {
		t.Fatalf("unknown admin route: %d", r.status)
	}
	if st := e.srv.Stats(); st.Requests[RouteCreate] != 0 {
		t.Fatal("admin counted")
	}
}

// TestHandlerWithoutServer uses the emulator as a plain http.Handler.
func TestHandlerWithoutServer(t *testing.T) {
	clk := &fakeClock{t: baseTime}
	emu := New(Options{AppKey: "k", MasterSecret: "s", Now: clk.Now, Location: time.UTC})
	req := httptest.NewRequest("POST", "/v3/schedules", bytes.NewReader(mustJSON(with(func(m map[string]any) {
		m["trigger"] = map[string]any{"single": map[string]any{"time": "2026-12-31 17:00:00"}} // 01:00 in Shanghai = 17:00 UTC
	}))))
	req.SetBasicAuth("k", "s")
	rec := httptest.NewRecorder()
	emu.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	emu.Advance(time.Hour + time.Second)
	if len(emu.ScheduleIDs()) != 0 {
		t.Fatal("UTC wall clock not honoured")
	}
}

func TestConcurrentUse(t *testing.T) {
	e := newEnv(t)
	e.srv.Configure(Config{RateLimitPerMinute: ptr(0), ScheduleQuota: ptr(1000)})
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	var wg sync.WaitGroup
	client := &http.Client{}
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				req, _ := http.NewRequest("POST", e.srv.URL+"/v3/schedules", bytes.NewReader(mustJSON(validSchedule())))
				req.SetBasicAuth(DefaultAppKey, DefaultMasterSecret)
				if res, err := client.Do(req); err == nil {
					res.Body.Close()
				}
				req, _ = http.NewRequest("GET", e.srv.URL+"/v3/schedules?page=1", nil)
				req.SetBasicAuth(DefaultAppKey, DefaultMasterSecret)
				if res, err := client.Do(req); err == nil {
					res.Body.Close()
				}
				e.srv.Advance(time.Second)
				_ = e.srv.Stats()
			}
		}()
	}
	wg.Wait()
	if st := e.srv.Stats(); st.Creates != 120 || st.Requests[RouteList] != 120 {
		t.Fatalf("stats %+v", st)
	}
}

// TestAdminRoutesServed: every documented route answers 200 to its example
// body, a known path under another method answers 405, and the table has
// no duplicate.
func TestAdminRoutesServed(t *testing.T) {
	e := newEnv(t)
	seen := map[string]bool{}
	for _, r := range AdminRoutes() {
		key := r.Method + " " + r.Path
		if seen[key] || !strings.HasPrefix(r.Path, "/_emulator/") || r.Summary == "" {
			t.Fatalf("bad or duplicate route %+v", r)
		}
		seen[key] = true
		path := r.Path
		if strings.Contains(path, "{id}") {
			e.srv.SetNow(baseTime) // earlier routes moved the clock
			path = strings.ReplaceAll(path, "{id}", e.create(validSchedule()))
		}
		res, err := e.raw(r.Method, path, strings.NewReader(r.Body), false, nil)
		if err != nil || res.status != 200 {
			t.Fatalf("%s with %s: %d %s %v", key, r.Body, res.status, res.body, err)
		}
	}
	if len(seen) != 10 {
		t.Fatalf("%d admin routes, want 10: update the guide and this count together", len(seen))
	}
	if r, _ := e.raw("PATCH", "/_emulator/clock", nil, false, nil); r.status != 405 {
		t.Fatalf("PATCH clock: %d %s", r.status, r.body)
	}
	if r, _ := e.raw("GET", "/_emulator/schedules/x/legacy_msg_ids", nil, false, nil); r.status != 405 {
		t.Fatalf("GET legacy_msg_ids: %d %s", r.status, r.body)
	}
	if r, _ := e.raw("POST", "/_emulator/config", strings.NewReader(`{}`), false, nil); r.status != 405 {
		t.Fatalf("POST config: %d %s", r.status, r.body)
	}
}
