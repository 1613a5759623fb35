package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable "real" clock so virtual times are deterministic.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

var shanghai = func() *time.Location { l, _ := time.LoadLocation("Asia/Shanghai"); return l }()

// base real time of the fake clock: 2027-01-01 00:00:00 Asia/Shanghai.
var baseTime = time.Date(2027, 1, 1, 0, 0, 0, 0, shanghai)

type env struct {
	t   *testing.T
	srv *Server
	hc  *http.Client
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clk := &fakeClock{t: baseTime}
	return newEnvWith(t, Options{Now: clk.Now})
}

func newEnvWith(t *testing.T, opts Options) *env {
	t.Helper()
	srv, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	// No keep-alive: injected connection faults must not be retried transparently.
	return &env{t: t, srv: srv, hc: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}}
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %q is not a JSON object: %v", r.body, err)
	}
	return m
}

// errCode returns error.code of a {"error":{...}} body (0 when absent).
func (r resp) errCode(t *testing.T) int {
	t.Helper()
	m := r.json(t)
	e, _ := m["error"].(map[string]any)
	c, _ := e["code"].(float64)
	return int(c)
}

func (r resp) errMsg(t *testing.T) string {
	t.Helper()
	e, _ := r.json(t)["error"].(map[string]any)
	s, _ := e["message"].(string)
	return s
}

func (e *env) raw(method, path string, body io.Reader, auth bool, hdr map[string]string) (resp, error) {
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if auth {
		req.SetBasicAuth(DefaultAppKey, DefaultMasterSecret)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := e.hc.Do(req)
	if err != nil {
		return resp{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: b}, err
}

// do sends an authenticated request; body may be nil, a string, []byte or any JSON-marshalable value.
func (e *env) do(method, path string, body any) resp {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	r, err := e.raw(method, path, rd, true, nil)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

func (e *env) admin(method, path string, body string) resp {
	e.t.Helper()
	r, err := e.raw(method, "/_emulator/"+path, strings.NewReader(body), false, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if r.status != 200 {
		e.t.Fatalf("admin %s %s: %d %s", method, path, r.status, r.body)
	}
	return r
}

func wire(t time.Time) string { return t.In(shanghai).Format("2006-01-02 15:04:05") }

// validSchedule returns a fresh valid create body (single trigger one hour after baseTime).
func validSchedule() map[string]any {
	return map[string]any{
		"name":    "nightly_digest",
		"enabled": true,
		"trigger": map[string]any{"single": map[string]any{"time": wire(baseTime.Add(time.Hour))}},
		"push": map[string]any{
			"platform":     "all",
			"audience":     "all",
			"notification": map[string]any{"alert": "hello"},
		},
	}
}

func periodical(start, end time.Time, tod, unit string, freq any, point any) map[string]any {
	p := map[string]any{"start": wire(start), "end": wire(end), "time": tod, "time_unit": unit, "frequency": freq}
	if point != nil {
		p["point"] = point
	}
	return map[string]any{"periodical": p}
}

// create posts a schedule and returns its id, failing the test otherwise.
func (e *env) create(body map[string]any) string {
	e.t.Helper()
	r := e.do("POST", "/v3/schedules", body)
	if r.status != 200 {
		e.t.Fatalf("create: %d %s", r.status, r.body)
	}
	id, _ := r.json(e.t)["schedule_id"].(string)
	return id
}

func (e *env) cids(n int) []string {
	e.t.Helper()
	r := e.do("GET", "/v3/push/cid?type=schedule&count="+itoa(n), nil)
	if r.status != 200 {
		e.t.Fatalf("cid: %d %s", r.status, r.body)
	}
	var out struct {
		CIDList []string `json:"cidlist"`
	}
	_ = json.Unmarshal(r.body, &out)
	return out.CIDList
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func ptr[T any](v T) *T { return &v }
