package client

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
)

// primeServer lists `pages` pages of one schedule each and records the
// pages asked for; with a wrong secret it answers 401/8101.
func primeServer(t *testing.T, pages int) (*httptest.Server, func() []int) {
	t.Helper()
	var mu sync.Mutex
	var asked []int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, secret, _ := r.BasicAuth(); secret != testSecret {
			writeJSON(w, 401, `{"error":{"code":8101,"message":"Basic authentication failed."}}`)
			return
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		mu.Lock()
		asked = append(asked, page)
		mu.Unlock()
		writeJSON(w, 200, fmt.Sprintf(`{"total_count":%d,"total_pages":%d,"page":%d,"schedules":[{"schedule_id":%q,"name":"p%d","enabled":true,"trigger":{"single":{"time":"2030-01-01 00:00:00"}},"push":{"platform":"all"}}]}`,
			pages, pages, page, primeID(page), page))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []int {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(asked)
	}
}

func primeID(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

// PrimeScheduleList's page 1 is the listing's page 1: a one-page list is a
// whole snapshot, a longer one is completed with the other pages only;
// a write or an invalidation after it makes the next listing start over.
func TestPrimeScheduleList_reusedByTheNextListing(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		pages   int
		between func(*Client)
		want    []int
	}{
		{"one page is the snapshot", 1, nil, []int{1}},
		{"page 1 of two is kept", 2, nil, []int{1, 2}},
		{"a write drops it", 2, func(c *Client) { c.noteWrite(primeID(9)) }, []int{1, 1, 2}},
		{"an invalidation drops it", 2, (*Client).InvalidateScheduleCache, []int{1, 1, 2}},
		{"an invalidation drops a one-page snapshot", 1, (*Client).InvalidateScheduleCache, []int{1, 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv, asked := primeServer(t, c.pages)
			cl, _ := newTestClient(t, srv, nil)
			if err := cl.PrimeScheduleList(ctx); err != nil {
				t.Fatal(err)
			}
			if _, ok := cl.ServerTime(); !ok {
				t.Error("the check's answer did not tell the server's time")
			}
			if c.between != nil {
				c.between(cl)
			}
			for p := 1; p <= c.pages; p++ {
				s, err := cl.LookupSchedule(ctx, primeID(p))
				if err != nil || s.ID != primeID(p) {
					t.Fatalf("lookup of page %d's schedule: %v, %v", p, s, err)
				}
			}
			if got := asked(); !slices.Equal(got, c.want) {
				t.Errorf("pages asked for: %v, want %v", got, c.want)
			}
		})
	}
}

func TestPrimeScheduleList_errors(t *testing.T) {
	ctx := context.Background()
	srv, _ := primeServer(t, 1)
	cl, _ := newTestClient(t, srv, func(c *Config) { c.MasterSecret = "wrong-secret-0000000000" })
	if err := cl.PrimeScheduleList(ctx); !IsAuth(err) || IsUnreachable(err) {
		t.Errorf("wrong secret: %v, want an auth error", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close() // nothing listens there now
	cl, _ = newTestClient(t, srv, func(c *Config) { c.Endpoint, c.MaxRetries = url, 0 })
	if err := cl.PrimeScheduleList(ctx); !IsUnreachable(err) || IsAuth(err) {
		t.Errorf("nothing listening: %v, want IsUnreachable", err)
	}
}
