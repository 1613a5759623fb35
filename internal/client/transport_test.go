package client

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func testTemplateRequest() *TemplateScheduleRequest {
	return &TemplateScheduleRequest{
		ID: "tpl", ScheduleName: "n", Trigger: Trigger{Single: &SingleTrigger{Time: "2027-01-01 09:00:00"}},
		Params: []TemplateParam{{TraceID: "t1", Audience: json.RawMessage(`{"registration_id":["r1"]}`), Keys: map[string]string{"title": "x"}}},
	}
}

// When the per-attempt timeout fires, the error says so in words and
// still wraps context.DeadlineExceeded.
func TestAttemptTimeoutIsNamed(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	c, _ := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = 0; cfg.RequestTimeout = 50 * time.Millisecond })
	_, err := c.GetSchedule(context.Background(), "slow")
	if err == nil || !strings.Contains(err.Error(), "timeout: no response within the request timeout of 50ms") ||
		!errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}

// A request that never reached the server (connection refused) is
// retried even when the call is not idempotent, and the failure does not
// claim the server may have acted.
func TestDialFailureRetriedForAnyCall(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	c, err := New(Config{
		Endpoint: "http://" + addr, AppKey: testAppKey, MasterSecret: testSecret, MaxRetries: 2,
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateTemplateSchedule(context.Background(), testTemplateRequest())
	if got := c.Stats().Requests; got != 3 {
		t.Fatalf("attempts %d, want 3 (err %v)", got, err)
	}
	var ce *CreateError
	if err == nil || errors.As(err, &ce) || !strings.Contains(err.Error(), "giving up after 3 attempts") {
		t.Fatalf("err = %v, want a plain give-up error (nothing was sent)", err)
	}
}

// A 200 whose body is cut off is an ambiguous failure: an idempotent call
// is retried, a template create is not and may have acted.
func TestCutOffBodyIsAmbiguous(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"schedule_id\":")
		_ = buf.Flush()
		_ = conn.Close()
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.GetSchedule(context.Background(), "x")
	if hits.Load() != 3 || err == nil || !strings.Contains(err.Error(), "reading response (HTTP 200)") {
		t.Fatalf("GET: hits=%d err=%v", hits.Load(), err)
	}
	hits.Store(0)
	_, err = c.CreateTemplateSchedule(context.Background(), testTemplateRequest())
	var ce *CreateError
	if hits.Load() != 1 || !errors.As(err, &ce) || !ce.MayHaveSucceeded {
		t.Fatalf("template create: hits=%d err=%v, want one attempt and a may-have-succeeded error", hits.Load(), err)
	}
}
