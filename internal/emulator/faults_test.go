package emulator

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFaultStatuses(t *testing.T) {
	for _, c := range []struct {
		kind         string
		status, code int
	}{
		{"status_500", 500, 8200},
		{"status_503", 503, 8203},
		{"status_429", 429, 2002},
	} {
		t.Run(c.kind, func(t *testing.T) {
			e := newEnv(t)
			e.admin("POST", "faults", `{"rules":[{"route":"POST /v3/schedules","kind":"`+c.kind+`","count":1}]}`)
			r := e.do("POST", "/v3/schedules", validSchedule())
			if r.status != c.status || r.errCode(t) != c.code {
				t.Fatalf("%d %s", r.status, r.body)
			}
			if r.header.Get("X-Rate-Limit-Reset") == "" || r.header.Get("Date") == "" {
				t.Fatalf("headers missing: %v", r.header)
			}
			if len(e.srv.ScheduleIDs()) != 0 {
				t.Fatal("a fault before handling created a schedule")
			}
			// count=1: the second call succeeds; other routes are unaffected.
			if r := e.do("POST", "/v3/schedules", validSchedule()); r.status != 200 {
				t.Fatalf("second call: %d", r.status)
			}
			st := e.srv.Stats()
			if st.FaultsFired != 1 || st.Requests[RouteCreate] != 2 {
				t.Fatalf("stats %+v", st)
			}
		})
	}
}

func TestFaultReset(t *testing.T) {
	e := newEnv(t)
	e.srv.SetFaults([]FaultRule{{Route: "POST /v3/schedules", Kind: "reset", Count: 1}})
	if _, err := e.raw("POST", "/v3/schedules", strings.NewReader(string(mustJSON(validSchedule()))), true, nil); err == nil {
		t.Fatal("reset: expected a transport error")
	}
	if len(e.srv.ScheduleIDs()) != 0 {
		t.Fatal("reset happens before handling: nothing may be created")
	}
	if r := e.do("POST", "/v3/schedules", validSchedule()); r.status != 200 {
		t.Fatalf("after reset: %d", r.status)
	}
}

func TestFaultDropAfterCommit(t *testing.T) {
	e := newEnv(t)
	cid := e.cids(1)[0]
	e.srv.SetFaults([]FaultRule{{Route: "POST /v3/schedules/", Kind: "drop_after_commit", Count: 1}})
	body := with(func(m map[string]any) { m["cid"] = cid })
	if _, err := e.raw("POST", "/v3/schedules", strings.NewReader(string(mustJSON(body))), true, nil); err == nil {
		t.Fatal("drop_after_commit: expected a transport error")
	}
	ids := e.srv.ScheduleIDs()
	if len(ids) != 1 {
		t.Fatalf("drop_after_commit must commit: %v", ids)
	}
	// The client's retry with the same cid gets the committed schedule back.
	r := e.do("POST", "/v3/schedules", body)
	if r.status != 200 || r.json(t)["schedule_id"] != ids[0] || len(e.srv.ScheduleIDs()) != 1 {
		t.Fatalf("retry: %d %s", r.status, r.body)
	}
	if st := e.srv.Stats(); st.CIDReplays != 1 || st.FaultsFired != 1 || st.Creates != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestFaultMatchingAndProbability(t *testing.T) {
	e := newEnv(t)
	e.srv.Configure(Config{RateLimitPerMinute: ptr(0)})
	id := e.create(validSchedule())
	e.srv.SetFaults([]FaultRule{{Route: "GET /v3/schedules/{id}", Kind: "status_503"}})
	if r := e.do("GET", "/v3/schedules/"+id, nil); r.status != 503 {
		t.Fatalf("templated route: %d", r.status)
	}
	if r := e.do("GET", "/v3/schedules", nil); r.status != 200 {
		t.Fatalf("other route hit: %d", r.status)
	}
	e.srv.SetFaults([]FaultRule{{Route: "*", Kind: "status_500", Probability: 0.5}})
	fails := 0
	for i := 0; i < 200; i++ {
		if e.do("GET", "/v3/schedules", nil).status == 500 {
			fails++
		}
	}
	if fails < 60 || fails > 140 {
		t.Fatalf("probability 0.5 fired %d/200", fails)
	}
	e.admin("DELETE", "faults", "")
	if r := e.do("GET", "/v3/schedules", nil); r.status != 200 {
		t.Fatalf("after clear: %d", r.status)
	}
	for _, bad := range []string{
		`{"rules":[{"route":"*","kind":"explode"}]}`,
		`{"rules":[{"route":"GET /nowhere","kind":"reset"}]}`,
		`{"rules":[{"route":"*","kind":"reset","probability":1.5}]}`,
		`{"rules":[{"route":"*","kind":"reset","count":-1}]}`,
		`{"rule":[]}`,
	} {
		r, _ := e.raw("POST", "/_emulator/faults", strings.NewReader(bad), false, nil)
		if r.status != 400 {
			t.Fatalf("%s: %d", bad, r.status)
		}
	}
}

func TestRateLimit(t *testing.T) {
	// The window runs on the emulator's real clock (not the virtual one),
	// here a fake one: on the system clock, a loaded machine could let the
	// 1s window end between the first call and the 429 this test expects.
	clk := &fakeClock{t: baseTime}
	e := newEnvWith(t, Options{Now: clk.Now})
	e.admin("PUT", "config", `{"rate_limit_per_minute":3,"rate_limit_window":"1s"}`)
	for i := 1; i <= 3; i++ {
		r := e.do("GET", "/v3/schedules", nil)
		if r.status != 200 || r.header.Get("X-Rate-Limit-Limit") != "3" || r.header.Get("X-Rate-Limit-Remaining") != strconv.Itoa(3-i) {
			t.Fatalf("call %d: %d %v", i, r.status, r.header)
		}
		if reset, _ := strconv.Atoi(r.header.Get("X-Rate-Limit-Reset")); reset != 1 {
			t.Fatalf("reset %q", r.header.Get("X-Rate-Limit-Reset"))
		}
	}
	r := e.do("POST", "/v3/schedules", validSchedule())
	if r.status != 429 || string(r.body) != `{"error":{"code":2002,"message":"Rate limit exceeded"}}` ||
		r.header.Get("X-Rate-Limit-Remaining") != "0" || r.header.Get("X-Rate-Limit-Reset") != "1" {
		t.Fatalf("429: %d %s %v", r.status, r.body, r.header)
	}
	if len(e.srv.ScheduleIDs()) != 0 {
		t.Fatal("rate-limited create was handled")
	}
	// Admin routes are neither limited nor counted.
	e.admin("GET", "stats", "")
	st := e.srv.Stats()
	if st.RateLimited != 1 || st.Requests[RouteCreate] != 1 || st.Requests[RouteList] != 3 {
		t.Fatalf("stats %+v", st)
	}
	// Moving the virtual clock does not end the window; real time does.
	e.srv.Advance(time.Hour)
	if r := e.do("GET", "/v3/schedules", nil); r.status != 429 {
		t.Fatalf("the virtual clock ended the rate window: %d %v", r.status, r.header)
	}
	clk.mu.Lock()
	clk.t = clk.t.Add(999 * time.Millisecond)
	clk.mu.Unlock()
	if r := e.do("GET", "/v3/schedules", nil); r.status != 429 {
		t.Fatalf("the window ended early: %d %v", r.status, r.header)
	}
	clk.mu.Lock()
	clk.t = clk.t.Add(time.Millisecond)
	clk.mu.Unlock()
	if r := e.do("GET", "/v3/schedules", nil); r.status != 200 || r.header.Get("X-Rate-Limit-Remaining") != "2" {
		t.Fatalf("new window: %d %v", r.status, r.header)
	}
	// Per app key: another key's window is separate (it fails auth, but is not limited).
	r, _ = e.raw("GET", "/v3/schedules", nil, false, map[string]string{"Authorization": "Basic b3RoZXI6eA=="})
	if r.status != 401 || r.header.Get("X-Rate-Limit-Remaining") != "2" {
		t.Fatalf("other key: %d %v", r.status, r.header)
	}
	// 0 switches limiting (and its headers) off.
	e.srv.Configure(Config{RateLimitPerMinute: ptr(0)})
	for i := 0; i < 5; i++ {
		if r := e.do("GET", "/v3/schedules", nil); r.status != 200 || r.header.Get("X-Rate-Limit-Limit") != "" {
			t.Fatalf("off: %d %v", r.status, r.header)
		}
	}
}

func TestDefaultRateLimitHeaders(t *testing.T) {
	e := newEnv(t)
	r := e.do("GET", "/v3/schedules/"+newUUID(), nil)
	if r.status != 404 || r.header.Get("X-Rate-Limit-Limit") != "100" || r.header.Get("X-Rate-Limit-Remaining") != "99" || r.header.Get("X-Rate-Limit-Reset") != "60" {
		t.Fatalf("%d %v", r.status, r.header)
	}
}

func TestLatency(t *testing.T) {
	e := newEnv(t)
	e.srv.Configure(Config{Latency: ptr("150ms")})
	start := time.Now()
	if r := e.do("GET", "/v3/schedules", nil); r.status != 200 {
		t.Fatal(r.status)
	}
	if time.Since(start) < 150*time.Millisecond {
		t.Fatal("latency not applied")
	}
}

// TestLatencyCancelledRequestNotHandled: a client that gives up during the
// latency leaves nothing behind. The test waits until the emulator's
// handler has returned before it looks, so a handler that slept the latency
// out and then handled the request (2s later) would have stored the
// schedule by then and failed the test.
func TestLatencyCancelledRequestNotHandled(t *testing.T) {
	clk := &fakeClock{t: baseTime} // the virtual clock stands still: the schedule stays valid
	em := New(Options{Now: clk.Now})
	em.Configure(Config{Latency: ptr("2s")})
	handled := make(chan struct{}, 1)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		em.ServeHTTP(w, r)
		handled <- struct{}{}
	}))
	t.Cleanup(ts.Close)

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/v3/schedules", strings.NewReader(string(mustJSON(validSchedule()))))
	req.SetBasicAuth(DefaultAppKey, DefaultMasterSecret)
	if _, err := http.DefaultClient.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("expected the client's own timeout, during the latency: %v", err)
	}
	select {
	case <-handled:
	case <-time.After(30 * time.Second):
		t.Fatal("the emulator's handler did not return")
	}
	if n := em.Stats().Requests[RouteCreate]; n != 1 {
		t.Fatalf("the create reached the emulator %d times, want 1", n)
	}
	if ids := em.ScheduleIDs(); len(ids) != 0 {
		t.Fatalf("the cancelled create was handled: schedules %v", ids)
	}
	if st := em.Stats(); st.Creates != 0 {
		t.Fatalf("the cancelled create was handled: %d creates", st.Creates)
	}
}

// TestFaultAfter: a rule with after = 1 lets the first matching request
// through and fails the second; other routes do not count.
func TestFaultAfter(t *testing.T) {
	e := newEnv(t)
	e.admin("POST", "faults", `{"rules":[{"route":"GET /v3/schedules","kind":"status_500","count":1,"after":1}]}`)
	if r := e.do("POST", "/v3/schedules", validSchedule()); r.status != 200 {
		t.Fatalf("create: %d", r.status)
	}
	if r := e.do("GET", "/v3/schedules", nil); r.status != 200 {
		t.Fatalf("first list must pass: %d %s", r.status, r.body)
	}
	if r := e.do("GET", "/v3/schedules", nil); r.status != 500 || r.errCode(t) != 8200 {
		t.Fatalf("second list must fail: %d %s", r.status, r.body)
	}
	if r := e.do("GET", "/v3/schedules", nil); r.status != 200 {
		t.Fatalf("count=1: third list must pass: %d", r.status)
	}
	if st := e.srv.Stats(); st.FaultsFired != 1 {
		t.Fatalf("stats %+v", st)
	}
	if r, err := e.raw("POST", "/_emulator/faults", strings.NewReader(`{"rules":[{"route":"GET /v3/schedules","kind":"status_500","after":-1}]}`), false, nil); err != nil || r.status != 400 {
		t.Fatalf("negative after: %v %d", err, r.status)
	}
}

// TestFaultStall: the request is held unhandled (nothing committed) until
// the client gives up, and Stalls tells when it is held.
func TestFaultStall(t *testing.T) {
	e := newEnv(t)
	e.srv.SetFaults([]FaultRule{{Route: RouteCreate, Kind: "stall", Count: 1}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, "POST", e.srv.URL+"/v3/schedules", strings.NewReader(string(mustJSON(validSchedule()))))
		req.SetBasicAuth(DefaultAppKey, DefaultMasterSecret)
		res, err := e.hc.Do(req)
		if err == nil {
			res.Body.Close()
			err = errors.New("stalled request answered: " + strconv.Itoa(res.StatusCode))
		}
		done <- err
	}()
	if route := <-e.srv.Stalls(); route != RouteCreate {
		t.Fatalf("stalled route %q", route)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("client error %v, want context.Canceled", err)
	}
	if len(e.srv.ScheduleIDs()) != 0 {
		t.Fatal("a stalled request created a schedule")
	}
	if r := e.do("POST", "/v3/schedules", validSchedule()); r.status != 200 {
		t.Fatalf("count=1: next create: %d", r.status)
	}
}
