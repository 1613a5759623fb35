package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testAppKey = "0123456789abcdef01234567"
	testSecret = "s3cr3tmastersecret000001"
)

// newTestClient returns a client for srv whose backoff sleeps return at
// once (recording what they were asked to wait).
func newTestClient(t *testing.T, srv *httptest.Server, mod func(*Config)) (*Client, *[]time.Duration) {
	t.Helper()
	var mu sync.Mutex
	var waits []time.Duration
	cfg := Config{
		Endpoint: srv.URL, AppKey: testAppKey, MasterSecret: testSecret,
		UserAgent: "jpush-client-test/1.0", MaxRetries: 3, RequestTimeout: 5 * time.Second,
		Sleep: func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			waits = append(waits, d)
			mu.Unlock()
			return ctx.Err()
		},
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, &waits
}

func writeJSON(w http.ResponseWriter, status int, v string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, v)
}

// hangUp closes the connection without an answer.
func hangUp(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func testSchedule() *Schedule {
	return &Schedule{
		Name: "digest", Enabled: true,
		Trigger: Trigger{Single: &SingleTrigger{Time: "2027-01-01 09:00:00"}},
		Push:    json.RawMessage(`{"platform":"all","audience":"all","notification":{"alert":"hi"}}`),
	}
}

func TestNewValidation(t *testing.T) {
	for _, cfg := range []Config{
		{},
		{AppKey: "a"},
		{AppKey: "a", MasterSecret: "b", Endpoint: "ftp://x"},
		{AppKey: "a", MasterSecret: "b", Endpoint: "http://"},
		{AppKey: "a", MasterSecret: "b", Endpoint: "http://x/?q=1"},
		{AppKey: "a:b", MasterSecret: "b"},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v): want error", cfg)
		}
	}
	c, err := New(Config{AppKey: "a", MasterSecret: "b", Endpoint: "https://bjapi.push.jiguang.cn/"})
	if err != nil || c.schedulesPath != "/v3/push/schedules" {
		t.Fatalf("%v %v", c, err)
	}
}

func TestHeadersAndServerTime(t *testing.T) {
	date := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if !ok || user != testAppKey || pass != testSecret {
			writeJSON(w, 401, `{"error":{"code":8101,"message":"Basic authentication failed."}}`)
			return
		}
		if r.UserAgent() != "jpush-client-test/1.0" {
			writeJSON(w, 400, `{"error":{"code":8100,"message":"bad UA"}}`)
			return
		}
		if r.Method == http.MethodGet && r.ContentLength > 0 {
			writeJSON(w, 400, `{"error":{"code":8100,"message":"GET with body"}}`)
			return
		}
		w.Header().Set("Date", date.Format(http.TimeFormat))
		writeJSON(w, 200, `{"schedule_id":"abc","name":"n","enabled":true,"trigger":{"single":{"time":"2027-01-01 09:00:00"}},"push":{"platform":"all"}}`)
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, nil)
	if _, ok := c.ServerTime(); ok {
		t.Fatal("no server time before a response")
	}
	before := time.Now()
	s, err := c.GetSchedule(context.Background(), "abc")
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "abc" || s.Trigger.Single.Time != "2027-01-01 09:00:00" {
		t.Fatalf("%+v", s)
	}
	st, ok := c.ServerTime()
	// The Date advanced by the local time elapsed since it was seen, which
	// is at most the time since the request started (a bound that holds
	// however slow the machine, unlike a fixed one).
	if elapsed := time.Since(before); !ok || st.Sub(date) < 0 || st.Sub(date) > elapsed {
		t.Fatalf("server time %v %v (%v after %v)", st, ok, st.Sub(date), elapsed)
	}
}

func TestCreateRetriedWithSameCID(t *testing.T) {
	var posts []string
	var cidCalls atomic.Int32
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/v3/push/cid":
			cidCalls.Add(1)
			if r.URL.Query().Get("type") != "schedule" || r.URL.Query().Get("count") != "3" {
				writeJSON(w, 400, `{"error":{"code":1003,"message":"bad query"}}`)
				return
			}
			writeJSON(w, 200, `{"cidlist":["k-1","k-2","k-3"]}`)
		case r.Method == http.MethodPost && r.URL.Path == "/v3/schedules":
			var body Schedule
			b, _ := io.ReadAll(r.Body)
			_ = json.Unmarshal(b, &body)
			mu.Lock()
			posts = append(posts, body.CID)
			n := len(posts)
			mu.Unlock()
			if n == 1 {
				hangUp(w) // committed, but the answer is lost
				return
			}
			writeJSON(w, 200, `{"schedule_id":"id-`+body.CID+`","name":"digest"}`)
		}
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, func(cfg *Config) { cfg.CIDBatchSize = 3 })
	res, err := c.CreateSchedule(context.Background(), testSchedule())
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 || posts[0] != "k-1" || posts[1] != "k-1" || res.CID != "k-1" || res.ScheduleID != "id-k-1" {
		t.Fatalf("posts %v res %+v", posts, res)
	}
	// The next creates consume the next CIDs, then the pool refills.
	for _, want := range []string{"k-2", "k-3", "k-1"} {
		res, err := c.CreateSchedule(context.Background(), testSchedule())
		if err != nil || res.CID != want {
			t.Fatalf("got %+v %v, want cid %s", res, err, want)
		}
	}
	if cidCalls.Load() != 2 {
		t.Fatalf("cid calls %d", cidCalls.Load())
	}
	if st := c.Stats(); st.Retries != 1 || st.CIDsFetched != 6 {
		t.Fatalf("stats %+v", st)
	}
}

func TestCIDsExpire(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v3/push/cid" {
			i := n.Add(1)
			writeJSON(w, 200, fmt.Sprintf(`{"cidlist":["c%d-a","c%d-b"]}`, i, i))
			return
		}
		writeJSON(w, 200, `{"schedule_id":"x","name":"digest"}`)
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, func(cfg *Config) { cfg.CIDBatchSize = 2 })
	if _, err := c.CreateSchedule(context.Background(), testSchedule()); err != nil {
		t.Fatal(err)
	}
	// Age the pooled CID past CIDMaxAge.
	c.cids.mu.Lock()
	c.cids.items[0].fetched = time.Now().Add(-CIDMaxAge - time.Minute)
	c.cids.mu.Unlock()
	res, err := c.CreateSchedule(context.Background(), testSchedule())
	if err != nil || res.CID != "c2-a" {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestNoRetryOn400And401(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
		check  func(error) bool
	}{
		{400, `{"error":{"code":8100,"message":"The schedule-task is invalid: section is invalid"}}`, IsValidation},
		{401, `{"error":{"code":8101,"message":"Basic authentication failed."}}`, IsAuth},
		{404, `{"error":{"code":8104,"message":"Request schedule operation doesn't exist"}}`, IsNotFound},
	} {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			writeJSON(w, c.status, c.body)
		}))
		cl, _ := newTestClient(t, srv, nil)
		_, err := cl.UpdateSchedule(context.Background(), "id", &ScheduleUpdate{Enabled: new(bool)})
		srv.Close()
		if !c.check(err) || hits.Load() != 1 {
			t.Fatalf("HTTP %d: hits=%d err=%v", c.status, hits.Load(), err)
		}
		if !strings.Contains(err.Error(), fmt.Sprintf("PUT /v3/schedules/id: HTTP %d, code", c.status)) {
			t.Fatalf("message: %v", err)
		}
	}
}

func TestRetryableStatusesBackOff(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch hits.Add(1) {
		case 1:
			writeJSON(w, 500, `{"error":{"code":8200,"message":"Server internal error."}}`)
		case 2:
			writeJSON(w, 503, `{"error":{"code":8203,"message":"Execute action timeout"}}`)
		case 3:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			_, _ = io.WriteString(w, "<html>bad gateway</html>")
		default:
			writeJSON(w, 200, `{"total_count":0,"total_pages":0,"page":1,"schedules":[]}`)
		}
	}))
	defer srv.Close()
	c, waits := newTestClient(t, srv, func(cfg *Config) { cfg.MinBackoff = 100 * time.Millisecond; cfg.MaxBackoff = 300 * time.Millisecond })
	l, err := c.ListSchedules(context.Background(), 0)
	if err != nil || l.Page != 1 {
		t.Fatalf("%+v %v", l, err)
	}
	if len(*waits) != 3 {
		t.Fatalf("waits %v", *waits)
	}
	for _, w := range *waits {
		if w < 100*time.Millisecond || w > 300*time.Millisecond {
			t.Fatalf("backoff %v out of [min,max]", w)
		}
	}
}

func TestTimeoutPastMaxRetries(t *testing.T) {
	var hits atomic.Int32
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	c, _ := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = 2; cfg.RequestTimeout = 50 * time.Millisecond })
	_, err := c.GetSchedule(context.Background(), "slow")
	// The attempts are counted where they are sent: on a loaded machine an
	// attempt may time out before the server has even dispatched it to the
	// handler (or the handler runs after the client gave up), so the
	// server's count is only an upper bound.
	if err == nil || c.Stats().Requests != 3 || hits.Load() > 3 {
		t.Fatalf("attempts sent=%d, server hits=%d, err=%v", c.Stats().Requests, hits.Load(), err)
	}
	if !strings.Contains(err.Error(), "giving up after 3 attempts") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("unclear error: %v", err)
	}
}

// cancelOnRetry cancels a context shortly after the client logs that it
// is about to wait for a retry, so the cancellation meets the wait however
// long the first attempt took (a fixed 100ms timeout could expire during
// the first attempt on a loaded machine, and the error would lack its
// answer).
type cancelOnRetry struct {
	once   sync.Once
	cancel context.CancelFunc
}

func (l *cancelOnRetry) Log(_ context.Context, _ Level, msg string, _ map[string]any) {
	if msg == "jpush: retrying" {
		l.once.Do(func() {
			go func() {
				time.Sleep(50 * time.Millisecond) // usually well inside the wait
				l.cancel()
			}()
		})
	}
}

func (l *cancelOnRetry) Enabled(Level) bool { return true }

func TestContextCancelStopsWaits(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 503, `{"error":{"code":8203,"message":"later"}}`)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, err := New(Config{
		Endpoint: srv.URL, AppKey: testAppKey, MasterSecret: testSecret, MaxRetries: 10,
		MinBackoff: time.Hour, MaxBackoff: time.Hour, Logger: &cancelOnRetry{cancel: cancel},
	})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = c.GetMsgIDs(ctx, "x")
	// One attempt, then the hour-long backoff cut short by the context: a
	// second attempt would mean the wait ran out. The wall-clock bound only
	// has to be far below that hour.
	if !errors.Is(err, context.Canceled) || c.Stats().Requests != 1 || time.Since(start) > time.Minute {
		t.Fatalf("err=%v, %d attempts, after %v", err, c.Stats().Requests, time.Since(start))
	}
	if !strings.Contains(err.Error(), "8203") {
		t.Fatalf("the last error should be mentioned: %v", err)
	}
}

func TestHTMLErrorPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(403)
		_, _ = io.WriteString(w, "<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n<body><h1>Access denied by corporate proxy</h1></body></html>")
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, nil)
	_, err := c.GetSchedule(context.Background(), "x")
	var ae *APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 403 || !strings.Contains(err.Error(), "HTML") || !strings.Contains(ae.Body, "Access denied by corporate proxy") {
		t.Fatalf("%#v", err)
	}
}

func TestUnparseable200(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v3/schedules/trunc":
			writeJSON(w, 200, `{"schedule_id":"x","name":`)
		case "/v3/schedules/empty":
			w.WriteHeader(200)
		case "/v3/schedules/wrongtype":
			writeJSON(w, 200, `{"schedule_id":5}`)
		case "/v3/schedules/bizerr":
			writeJSON(w, 200, `{"error":{"code":8100,"message":"oops"}}`)
		default: // DELETE and PUT may answer empty
			w.WriteHeader(200)
		}
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, nil)
	ctx := context.Background()
	for _, id := range []string{"trunc", "empty", "wrongtype", "bizerr"} {
		if _, err := c.GetSchedule(ctx, id); err == nil {
			t.Errorf("GetSchedule(%s): want error", id)
		} else {
			t.Log(err)
		}
	}
	if err := c.DeleteSchedule(ctx, "ok"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateSchedule(ctx, "ok", &ScheduleUpdate{Name: new(string)}); err != nil {
		t.Fatal(err)
	}
}

func TestDeleteNotFound(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v3/schedules/gone" {
			writeJSON(w, 404, `{"error":{"code":8104,"message":"Request schedule operation doesn't exist"}}`)
			return
		}
		if hits.Add(1) == 1 {
			hangUp(w) // deleted, answer lost
			return
		}
		writeJSON(w, 404, `{"error":{"code":8404,"message":"not found"}}`)
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, nil)
	if err := c.DeleteSchedule(context.Background(), "retried"); err != nil {
		t.Fatalf("404 after a retried attempt must be success: %v", err)
	}
	if err := c.DeleteSchedule(context.Background(), "gone"); !IsNotFound(err) {
		t.Fatalf("first-attempt 404 must be not-found: %v", err)
	}
}

func TestTemplateRetryPolicy(t *testing.T) {
	var hits atomic.Int32
	var modeV atomic.Value
	modeV.Store("drop")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		switch modeV.Load().(string) {
		case "drop":
			hangUp(w)
		case "503":
			writeJSON(w, 503, `{"code":1030,"message":"timeout"}`)
		case "429":
			if n == 1 {
				w.Header().Set("X-Rate-Limit-Reset", "0")
				writeJSON(w, 429, `{"error":{"code":2002,"message":"Rate limit exceeded"}}`)
				return
			}
			writeJSON(w, 200, `{"code":0,"message":"success","data":{"schedule_list":[{"code":0,"message":"success","schedule_id":"s1","trace_id":"t1"}]}}`)
		case "err":
			writeJSON(w, 400, `{"code":1003,"message":"template not found"}`)
		}
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, nil)
	req := &TemplateScheduleRequest{
		ID: "tpl", ScheduleName: "n", Trigger: Trigger{Single: &SingleTrigger{Time: "2027-01-01 09:00:00"}},
		Params: []TemplateParam{{TraceID: "t1", Audience: json.RawMessage(`{"registration_id":["r1"]}`), Keys: map[string]string{"title": "x"}}},
	}
	for _, m := range []string{"drop", "503"} {
		modeV.Store(m)
		hits.Store(0)
		if _, err := c.CreateTemplateSchedule(context.Background(), req); err == nil || hits.Load() != 1 {
			t.Fatalf("%s: hits=%d err=%v", m, hits.Load(), err)
		}
	}
	modeV.Store("429")
	hits.Store(0)
	res, err := c.CreateTemplateSchedule(context.Background(), req)
	if err != nil || hits.Load() != 2 || len(res.Items) != 1 || res.Items[0].ScheduleID != "s1" {
		t.Fatalf("429: hits=%d res=%+v err=%v", hits.Load(), res, err)
	}
	modeV.Store("err")
	_, err = c.CreateTemplateSchedule(context.Background(), req)
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != 1003 || ae.Message != "template not found" {
		t.Fatalf("top-level error envelope: %v", err)
	}
	if _, err := c.CreateTemplateSchedule(context.Background(), &TemplateScheduleRequest{ID: "x"}); err == nil {
		t.Fatal("want client-side validation error")
	}
}

func TestRateLimit429WaitsForReset(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Rate-Limit-Limit", "100")
		w.Header().Set("X-Rate-Limit-Reset", "7")
		if hits.Add(1) == 1 {
			w.Header().Set("X-Rate-Limit-Remaining", "0")
			writeJSON(w, 429, `{"error":{"code":2002,"message":"Rate limit exceeded"}}`)
			return
		}
		w.Header().Set("X-Rate-Limit-Remaining", "99")
		writeJSON(w, 200, `{"cidlist":["a"]}`)
	}))
	defer srv.Close()
	c, waits := newTestClient(t, srv, nil)
	// The 429's reset wait goes through the sleep hook (instant here); the
	// limiter then sees a spent window, which the loop below expires.
	done := make(chan error, 1)
	go func() {
		_, err := c.GetCIDs(context.Background(), 1)
		done <- err
	}()
	// Expire the spent window as soon as the 429 is recorded.
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		st := c.RateLimit()
		if st.Known {
			c.limiter.mu.Lock()
			c.limiter.resetAt = time.Now()
			c.limiter.notifyLocked()
			c.limiter.mu.Unlock()
			break
		}
		time.Sleep(time.Millisecond)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(*waits) != 1 || (*waits)[0] < 7*time.Second || (*waits)[0] > 8*time.Second {
		t.Fatalf("waits %v", *waits)
	}
	if st := c.Stats(); st.RateLimited != 1 || st.Retries != 1 {
		t.Fatalf("%+v", st)
	}
}

func TestRateLimiterWaitsBeforeSpendingTheReserve(t *testing.T) {
	var mu sync.Mutex
	windowStart := time.Now()
	used := 0
	const limit, window = 10, 600 * time.Millisecond
	var rejected atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		now := time.Now()
		if now.Sub(windowStart) >= window {
			windowStart, used = now, 0
		}
		left := window - now.Sub(windowStart)
		w.Header().Set("X-Rate-Limit-Limit", fmt.Sprint(limit))
		w.Header().Set("X-Rate-Limit-Reset", fmt.Sprint(int((left+time.Second-1)/time.Second)))
		if used >= limit {
			mu.Unlock()
			rejected.Add(1)
			w.Header().Set("X-Rate-Limit-Remaining", "0")
			writeJSON(w, 429, `{"error":{"code":2002,"message":"Rate limit exceeded"}}`)
			return
		}
		used++
		w.Header().Set("X-Rate-Limit-Remaining", fmt.Sprint(limit-used))
		mu.Unlock()
		time.Sleep(5 * time.Millisecond)
		writeJSON(w, 200, `{"total_count":0,"total_pages":0,"page":1,"schedules":[]}`)
	}))
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, AppKey: testAppKey, MasterSecret: testSecret, RateLimitReserve: 1})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 30)
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ListSchedules(context.Background(), 1); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	st := c.Stats()
	if rejected.Load() != 0 || st.RateLimitWaits == 0 || st.RateLimitWaited <= 0 {
		t.Fatalf("rejected=%d stats=%+v", rejected.Load(), st)
	}
	if rl := c.RateLimit(); !rl.Known || rl.Limit != limit || rl.InFlight != 0 {
		t.Fatalf("%+v", rl)
	}
}

// recordingLogger keeps every entry as text.
type recordingLogger struct {
	mu      sync.Mutex
	entries []string
}

func (l *recordingLogger) Log(_ context.Context, level Level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, _ := json.Marshal(fields)
	l.entries = append(l.entries, fmt.Sprintf("%s %s %s", level, msg, b))
}

func (l *recordingLogger) Enabled(Level) bool { return true }

func TestLogsNeverContainCredentials(t *testing.T) {
	token := base64.StdEncoding.EncodeToString([]byte(testAppKey + ":" + testSecret))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A hostile server echoes the credentials in its answer.
		w.Header().Set("X-Echo-Auth", r.Header.Get("Authorization"))
		writeJSON(w, 400, fmt.Sprintf(`{"error":{"code":8100,"message":"bad secret %s token %s"}}`, testSecret, token))
	}))
	defer srv.Close()
	logger := &recordingLogger{}
	c, _ := newTestClient(t, srv, func(cfg *Config) { cfg.Logger = logger })
	s := testSchedule()
	s.Name = "name_with_" + testSecret // even a body carrying it
	s.CID = "cid"
	_, err := c.CreateSchedule(context.Background(), s)
	if err == nil {
		t.Fatal("want error")
	}
	all := strings.Join(logger.entries, "\n")
	if len(logger.entries) < 3 || !strings.Contains(all, "trace") || !strings.Contains(all, "Authorization") {
		t.Fatalf("expected trace entries with headers, got:\n%s", all)
	}
	for _, secret := range []string{testSecret, token, "Basic " + token} {
		if strings.Contains(all, secret) {
			t.Fatalf("log leaks %q:\n%s", secret, all)
		}
	}
	if !strings.Contains(all, redacted) {
		t.Fatal("expected redaction markers")
	}
}

func TestListAllSchedulesPaging(t *testing.T) {
	const total = 120
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page := 1
		_, _ = fmt.Sscan(r.URL.Query().Get("page"), &page)
		pages := (total + PageSize - 1) / PageSize
		var items []string
		for i := (page - 1) * PageSize; i < total && i < page*PageSize; i++ {
			items = append(items, fmt.Sprintf(`{"schedule_id":"id%d","name":"n%d","enabled":true,"trigger":{"single":{"time":"2027-01-01 09:00:00"}},"push":{}}`, i, i))
		}
		writeJSON(w, 200, fmt.Sprintf(`{"total_count":%d,"total_pages":%d,"page":%d,"schedules":[%s]}`, total, pages, page, strings.Join(items, ",")))
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, nil)
	all, err := c.ListAllSchedules(context.Background())
	if err != nil || len(all) != total || all[119].ID != "id119" {
		t.Fatalf("%d %v", len(all), err)
	}
}

func TestUntrustedCertificateNotRetried(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c, waits := newTestClient(t, srv, nil)
	if _, err := c.GetSchedule(context.Background(), "x"); err == nil || len(*waits) != 0 {
		t.Fatalf("err=%v waits=%v", err, *waits)
	}
}

func TestMaxRetriesZeroMeansNone(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		writeJSON(w, 503, `{"error":{"code":8203,"message":"later"}}`)
	}))
	defer srv.Close()
	for _, n := range []int{0, -1} {
		hits.Store(0)
		c, _ := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = n })
		if _, err := c.GetSchedule(context.Background(), "x"); !IsRetryable(err) || hits.Load() != 1 {
			t.Fatalf("MaxRetries=%d: hits=%d err=%v", n, hits.Load(), err)
		}
	}
}

// An endpoint with credentials is refused without quoting them, whatever
// else is wrong with it.
func TestNewNeverEchoesEndpointCredentials(t *testing.T) {
	for _, ep := range []string{
		"https://alice:Q~pw@api.jpush.cn", "ftp://alice:Q~pw@api.jpush.cn", "https://alice:Q~pw@api.jpush.cn/?q=1",
		"https://alice:Q~pw@api.jpush.cn:port", "https://alice:Q~pw@[::1", "http://alice:Q~pw@%zz",
	} {
		_, err := New(Config{Endpoint: ep, AppKey: "k", MasterSecret: "s"})
		if err == nil {
			t.Errorf("%s: accepted", ep)
			continue
		}
		if strings.Contains(err.Error(), "Q~pw") || strings.Contains(err.Error(), "alice") {
			t.Errorf("error echoes the credentials: %v", err)
		}
	}
}
