package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// pagedServer serves `pages` list pages of one schedule each (ids
// id-1...id-N), counting the list pages in flight at once; failPage > 0
// answers that page with a 500.
//
// A page after the first is held until a second page is in flight too (or
// a minute has passed, so that a client that pages one at a time fails the
// check instead of hanging): that two pages overlap then depends on the
// client fetching them concurrently, not on a 40ms sleep outlasting the
// scheduling delays of a loaded machine.
func pagedServer(t *testing.T, pages, failPage int) (*httptest.Server, *atomic.Int32, *atomic.Int32) {
	t.Helper()
	var inflight, maxInflight, gets atomic.Int32
	together := make(chan struct{})
	var togetherOnce sync.Once
	sched := func(n int) string {
		return fmt.Sprintf(`{"schedule_id":"00000000-0000-4000-8000-%012d","name":"p%d","enabled":true,"trigger":{"single":{"time":"2030-01-01 00:00:00"}},"push":{"platform":"all"}}`, n, n)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/v3/schedules":
			n := inflight.Add(1)
			for {
				m := maxInflight.Load()
				if n <= m || maxInflight.CompareAndSwap(m, n) {
					break
				}
			}
			page, _ := strconv.Atoi(r.URL.Query().Get("page"))
			if n >= 2 {
				togetherOnce.Do(func() { close(together) })
			}
			if page > 1 && pages > 2 {
				select {
				case <-together:
				case <-time.After(time.Minute):
				case <-r.Context().Done():
				}
			}
			time.Sleep(40 * time.Millisecond)
			inflight.Add(-1)
			if page == failPage {
				writeJSON(w, 500, `{"error":{"code":8200,"message":"boom"}}`)
				return
			}
			writeJSON(w, 200, fmt.Sprintf(`{"total_count":%d,"total_pages":%d,"page":%d,"schedules":[%s]}`, pages, pages, page, sched(page)))
		case r.Method == http.MethodGet:
			gets.Add(1)
			var n int
			_, _ = fmt.Sscanf(r.URL.Path, "/v3/schedules/00000000-0000-4000-8000-%d", &n)
			writeJSON(w, 200, sched(n))
		default:
			w.WriteHeader(500)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &maxInflight, &gets
}

// The snapshot fetches the pages after the first concurrently, and finds
// every schedule on every page.
func TestLookupScheduleListsPagesConcurrently(t *testing.T) {
	const pages = 9
	srv, maxInflight, gets := pagedServer(t, pages, 0)
	c, _ := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = -1 })
	ctx := context.Background()
	var wg sync.WaitGroup
	for n := 1; n <= pages; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
			s, err := c.LookupSchedule(ctx, id)
			if err != nil || s.Name != fmt.Sprintf("p%d", n) {
				t.Errorf("lookup %s: %+v %v", id, s, err)
			}
		}()
	}
	wg.Wait()
	if g := gets.Load(); g != 0 {
		t.Fatalf("%d GETs, want 0", g)
	}
	if m := maxInflight.Load(); m < 2 || m > listConcurrency {
		t.Fatalf("at most %d list pages in flight, want 2..%d", m, listConcurrency)
	}
}

// A page that fails fails the snapshot: each lookup falls back to its GET.
func TestLookupScheduleFailedPageFallsBackToGet(t *testing.T) {
	srv, _, gets := pagedServer(t, 4, 3)
	c, _ := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = -1 })
	s, err := c.LookupSchedule(context.Background(), "00000000-0000-4000-8000-000000000004")
	if err != nil || s.Name != "p4" {
		t.Fatalf("%+v %v", s, err)
	}
	if g := gets.Load(); g != 1 {
		t.Fatalf("%d GETs, want 1", g)
	}
}
