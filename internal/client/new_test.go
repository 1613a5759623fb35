package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Each invalid Config is refused for its own reason, checked in this
// order: app key, master secret, app key characters, then the endpoint.
func TestNewValidationMessages(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, "app key is required"},
		{Config{AppKey: "a"}, "master secret is required"},
		{Config{MasterSecret: "b", AppKey: ""}, "app key is required"},
		{Config{AppKey: "a:b", MasterSecret: "b"}, "app key contains an invalid character"},
		{Config{AppKey: "a\nb", MasterSecret: "b", Endpoint: "ftp://x"}, "app key contains an invalid character"},
		{Config{AppKey: "a", MasterSecret: "b", Endpoint: "http://x/%zz"}, "invalid endpoint: not a URL"},
		{Config{AppKey: "a", MasterSecret: "b", Endpoint: "ftp://u:p@x"}, "must not contain credentials"},
		{Config{AppKey: "a", MasterSecret: "b", Endpoint: "ftp://x"}, "want http(s)://host[:port]"},
		{Config{AppKey: "a", MasterSecret: "b", Endpoint: "https:///v3"}, "want http(s)://host[:port]"},
		{Config{AppKey: "a", MasterSecret: "b", Endpoint: "https://x?q=1"}, "no query or fragment allowed"},
		{Config{AppKey: "a", MasterSecret: "b", Endpoint: "https://x#f"}, "no query or fragment allowed"},
	} {
		_, err := New(tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v) = %v, want an error containing %q", tc.cfg, err, tc.want)
		}
	}
}

// A zero Config gets every documented default; MaxRetries stays as given.
func TestNewDefaults(t *testing.T) {
	c, err := New(Config{AppKey: "a", MasterSecret: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.base.String(); got != DefaultEndpoint {
		t.Errorf("endpoint %q, want %q", got, DefaultEndpoint)
	}
	if c.schedulesPath != "/v3/schedules" {
		t.Errorf("schedules path %q", c.schedulesPath)
	}
	if c.authHeader != "Basic YTpi" {
		t.Errorf("auth header %q", c.authHeader)
	}
	if c.userAgent != DefaultUserAgent || c.maxRetries != 0 || c.timeout != DefaultRequestTimeout ||
		c.hc == nil || c.cidBatch != DefaultCIDBatchSize || c.minBackoff != DefaultMinBackoff ||
		c.maxBackoff != DefaultMaxBackoff || c.sleep == nil || c.log == nil {
		t.Errorf("defaults not applied: ua=%q retries=%d timeout=%s hc=%v batch=%d backoff=%s..%s sleep=%v log=%v",
			c.userAgent, c.maxRetries, c.timeout, c.hc, c.cidBatch, c.minBackoff, c.maxBackoff, c.sleep != nil, c.log)
	}
	if c.limiter == nil || c.limiter.reserve != 2 {
		t.Errorf("rate-limit reserve: %+v, want 2", c.limiter)
	}
	if c.reads.ttl != 5*time.Second {
		t.Errorf("list cache TTL %s, want 5s", c.reads.ttl)
	}
}

// Values out of range are clamped; valid values are kept as given.
func TestNewClampsAndKeeps(t *testing.T) {
	hc := &http.Client{}
	sleep := func(context.Context, time.Duration) error { return nil }
	c, err := New(Config{
		AppKey: "a", MasterSecret: "b", Endpoint: "http://127.0.0.1:9/base/",
		UserAgent: "ua/1", MaxRetries: -3, RequestTimeout: -time.Second, HTTPClient: hc,
		CIDBatchSize: 5000, MinBackoff: time.Second, MaxBackoff: time.Millisecond,
		RateLimitReserve: -1, Sleep: sleep, ListCacheTTL: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.base.String() != "http://127.0.0.1:9/base" || c.userAgent != "ua/1" || c.maxRetries != 0 ||
		c.timeout != DefaultRequestTimeout || c.hc != hc || c.cidBatch != 1000 ||
		c.minBackoff != time.Second || c.maxBackoff != time.Second || c.limiter.reserve != 0 || c.reads.ttl != -1 {
		t.Errorf("got base=%s ua=%q retries=%d timeout=%s batch=%d backoff=%s..%s reserve=%d",
			c.base, c.userAgent, c.maxRetries, c.timeout, c.cidBatch, c.minBackoff, c.maxBackoff, c.limiter.reserve)
	}
	c, err = New(Config{
		AppKey: "a", MasterSecret: "b", Endpoint: "HTTPS://BJAPI.push.jiguang.cn", MaxRetries: 7,
		RequestTimeout: time.Minute, CIDBatchSize: 1000, MinBackoff: time.Millisecond, MaxBackoff: time.Minute,
		RateLimitReserve: 5,
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.schedulesPath != "/v3/push/schedules" || c.maxRetries != 7 || c.timeout != time.Minute ||
		c.cidBatch != 1000 || c.minBackoff != time.Millisecond || c.maxBackoff != time.Minute || c.limiter.reserve != 5 {
		t.Errorf("got path=%s retries=%d timeout=%s batch=%d backoff=%s..%s reserve=%d",
			c.schedulesPath, c.maxRetries, c.timeout, c.cidBatch, c.minBackoff, c.maxBackoff, c.limiter.reserve)
	}
	if c, _ = New(Config{AppKey: "a", MasterSecret: "b", CIDBatchSize: 1}); c.cidBatch != 1 {
		t.Errorf("batch %d, want 1", c.cidBatch)
	}
}
