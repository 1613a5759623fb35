package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Route keys of the emulator's request counters.
const (
	rList   = emulator.RouteList
	rGet    = emulator.RouteGet
	rCreate = emulator.RouteCreate
	rCID    = emulator.RouteCID
)

// counter snapshots the emulator's request counters; delta returns what
// was sent since.
type counter struct {
	e      *emulator.Server
	before map[string]int
}

func count(e *emulator.Server) *counter {
	return &counter{e: e, before: e.Stats().Requests}
}

func (c *counter) delta() map[string]int {
	out := map[string]int{}
	for k, v := range c.e.Stats().Requests {
		if d := v - c.before[k]; d != 0 {
			out[k] = d
		}
	}
	return out
}

func (c *counter) expect(t *testing.T, want map[string]int) {
	t.Helper()
	got := c.delta()
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("requests %v, want %s = %d (want %v)", got, k, v, want)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Fatalf("requests %v: unexpected %s = %d (want %v)", got, k, v, want)
		}
	}
}

// fakeClock is a settable local clock for the snapshot TTL.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeClock) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeClock) add(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

// useFakeClock makes c's snapshot TTL run on a fake clock. Every test that
// expects a snapshot (or a recent list failure) to still be fresh at a later
// lookup uses it: on the real clock, a loaded machine could let the 5s TTL
// run out in between and turn a snapshot hit into a list call.
func useFakeClock(c *Client) *fakeClock {
	f := &fakeClock{t: time.Now()}
	c.reads.mu.Lock()
	c.reads.now = f.now
	c.reads.mu.Unlock()
	return f
}

// seed creates n single schedules and returns their ids and names.
func seed(t testing.TB, e *emulator.Server, c *Client, n int) ([]string, map[string]string) {
	t.Helper()
	e.Configure(emulator.Config{ScheduleQuota: ptr(1000)})
	ids := make([]string, 0, n)
	names := map[string]string{}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("lookup_%d", i)
		res, err := c.CreateSchedule(context.Background(), emuSingle(e, name, time.Duration(i+1)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.ScheduleID)
		names[res.ScheduleID] = name
	}
	return ids, names
}

func TestLookupScheduleSingleFlight(t *testing.T) {
	e, c := startEmulator(t, nil)
	useFakeClock(c)
	ids, names := seed(t, e, c, 120)
	// A slow server, so that every lookup finds the list in flight.
	e.Configure(emulator.Config{Latency: ptr("30ms")})
	cnt := count(e)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	start := make(chan struct{})
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			s, err := c.LookupSchedule(ctx, id)
			switch {
			case err != nil:
				errs <- err
			case s.ID != id || s.Name != names[id] || s.Trigger.Single == nil || len(s.Push) == 0:
				errs <- fmt.Errorf("lookup %s: got %+v", id, s)
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	cnt.expect(t, map[string]int{rList: 3})

	// Results are copies: mutating one does not touch the snapshot.
	s, err := c.LookupSchedule(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	s.Name = "mutated"
	s.Trigger.Single.Time = "2000-01-01 00:00:00"
	s.Push[0] = 'X'
	again, err := c.LookupSchedule(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if again.Name != names[ids[0]] || again.Trigger.Single.Time == "2000-01-01 00:00:00" || again.Push[0] != '{' {
		t.Fatalf("the snapshot was changed through a returned schedule: %+v", again)
	}
	cnt.expect(t, map[string]int{rList: 3})
}

func TestLookupScheduleSeesOutOfBandChanges(t *testing.T) {
	e, c := startEmulator(t, nil)
	useFakeClock(c)
	other := newEmulatorClient(t, e)
	ids, _ := seed(t, e, c, 3)
	ctx := context.Background()

	// Changed out of band before any snapshot: the snapshot shows it.
	if _, err := other.UpdateSchedule(ctx, ids[0], &ScheduleUpdate{Name: ptr("renamed_before")}); err != nil {
		t.Fatal(err)
	}
	cnt := count(e)
	s, err := c.LookupSchedule(ctx, ids[0])
	if err != nil || s.Name != "renamed_before" {
		t.Fatalf("%+v %v", s, err)
	}
	cnt.expect(t, map[string]int{rList: 1})

	// Changed out of band after the snapshot: within the TTL the snapshot
	// answers (the documented staleness), InvalidateScheduleCache refetches.
	if _, err := other.UpdateSchedule(ctx, ids[0], &ScheduleUpdate{Name: ptr("renamed_after")}); err != nil {
		t.Fatal(err)
	}
	if err := other.DeleteSchedule(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	cnt = count(e)
	if s, err := c.LookupSchedule(ctx, ids[0]); err != nil || s.Name != "renamed_before" {
		t.Fatalf("%+v %v", s, err)
	}
	cnt.expect(t, map[string]int{})
	c.InvalidateScheduleCache()
	if s, err := c.LookupSchedule(ctx, ids[0]); err != nil || s.Name != "renamed_after" {
		t.Fatalf("%+v %v", s, err)
	}
	// Deleted out of band: not in the new list, so one GET gives the 404.
	if _, err := c.LookupSchedule(ctx, ids[1]); !IsNotFound(err) {
		t.Fatalf("want not found, got %v", err)
	}
	cnt.expect(t, map[string]int{rList: 1, rGet: 1})
}

// newEmulatorClient returns a second, independent client of e.
func newEmulatorClient(t *testing.T, e *emulator.Server) *Client {
	t.Helper()
	c, err := New(Config{
		Endpoint: e.URL, AppKey: emulator.DefaultAppKey, MasterSecret: emulator.DefaultMasterSecret,
		MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLookupScheduleTTL(t *testing.T) {
	e, c := startEmulator(t, nil)
	other := newEmulatorClient(t, e)
	clk := useFakeClock(c)
	ids, _ := seed(t, e, c, 2)
	ctx := context.Background()
	cnt := count(e)
	if _, err := c.LookupSchedule(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if err := other.DeleteSchedule(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	clk.add(DefaultListCacheTTL - time.Millisecond)
	if _, err := c.LookupSchedule(ctx, ids[0]); err != nil {
		t.Fatalf("within the TTL the snapshot answers: %v", err)
	}
	cnt.expect(t, map[string]int{rList: 1, emulator.RouteDelete: 1})
	clk.add(time.Millisecond)
	if _, err := c.LookupSchedule(ctx, ids[0]); !IsNotFound(err) {
		t.Fatalf("after the TTL a deletion must show: %v", err)
	}
	if s, err := c.LookupSchedule(ctx, ids[1]); err != nil || s.ID != ids[1] {
		t.Fatalf("%+v %v", s, err)
	}
	cnt.expect(t, map[string]int{rList: 2, rGet: 1, emulator.RouteDelete: 1})
}

func TestLookupScheduleDisabled(t *testing.T) {
	e, c := startEmulator(t, func(cfg *Config) { cfg.ListCacheTTL = -1 })
	ids, _ := seed(t, e, c, 3)
	cnt := count(e)
	for _, id := range ids {
		if s, err := c.LookupSchedule(context.Background(), id); err != nil || s.ID != id {
			t.Fatalf("%+v %v", s, err)
		}
	}
	cnt.expect(t, map[string]int{rGet: 3})
}

func TestLookupScheduleExpiredFallsBackToGet(t *testing.T) {
	for _, visible := range []bool{false, true} {
		t.Run(fmt.Sprintf("expired_visible=%v", visible), func(t *testing.T) {
			e, c := startEmulator(t, nil)
			useFakeClock(c)
			e.Configure(emulator.Config{ExpiredVisible: ptr(visible)})
			ctx := t.Context()
			soon, err := c.CreateSchedule(ctx, emuSingle(e, "fires_soon", time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			later, err := c.CreateSchedule(ctx, emuSingle(e, "fires_later", 48*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			e.Advance(2 * time.Hour)
			cnt := count(e)
			if _, err := c.LookupSchedule(ctx, later.ScheduleID); err != nil {
				t.Fatal(err)
			}
			s, err := c.LookupSchedule(ctx, soon.ScheduleID)
			if visible {
				if err != nil || s.ID != soon.ScheduleID || s.Name != "fires_soon" {
					t.Fatalf("%+v %v", s, err)
				}
			} else {
				var apiErr *APIError
				if !IsNotFound(err) || !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound || apiErr.Code != CodeScheduleNotFound {
					t.Fatalf("want 404/8104, got %v", err)
				}
			}
			cnt.expect(t, map[string]int{rList: 1, rGet: 1})
		})
	}
}

func TestLookupScheduleAfterOwnWrites(t *testing.T) {
	e, c := startEmulator(t, nil)
	useFakeClock(c)
	ids, _ := seed(t, e, c, 3)
	ctx := context.Background()
	cnt := count(e)
	if _, err := c.LookupSchedule(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	cnt.expect(t, map[string]int{rList: 1})

	// Created after the snapshot: found with one GET.
	cnt = count(e)
	res, err := c.CreateSchedule(ctx, emuSingle(e, "fresh", 5*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if s, err := c.LookupSchedule(ctx, res.ScheduleID); err != nil || s.Name != "fresh" {
		t.Fatalf("%+v %v", s, err)
	}
	cnt.expect(t, map[string]int{rCreate: 1, rGet: 1})

	// Updated: the snapshot takes the echoed schedule, no call needed.
	cnt = count(e)
	if _, err := c.UpdateSchedule(ctx, ids[0], &ScheduleUpdate{Name: ptr("renamed"), Enabled: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	s, err := c.LookupSchedule(ctx, ids[0])
	if err != nil || s.Name != "renamed" || s.Enabled || s.ID != ids[0] || s.Trigger.Single == nil || len(s.Push) == 0 {
		t.Fatalf("%+v %v", s, err)
	}
	cnt.expect(t, map[string]int{emulator.RouteUpdate: 1})

	// A failed update drops the entry: the next lookup asks.
	cnt = count(e)
	if _, err := c.UpdateSchedule(ctx, ids[2], &ScheduleUpdate{Name: ptr("bad name!")}); !IsValidation(err) {
		t.Fatalf("want validation error, got %v", err)
	}
	if s, err := c.LookupSchedule(ctx, ids[2]); err != nil || s.ID != ids[2] {
		t.Fatalf("%+v %v", s, err)
	}
	cnt.expect(t, map[string]int{emulator.RouteUpdate: 1, rGet: 1})

	// Deleted: never served from the snapshot.
	cnt = count(e)
	if err := c.DeleteSchedule(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.LookupSchedule(ctx, ids[1]); !IsNotFound(err) {
		t.Fatalf("want not found, got %v", err)
	}
	cnt.expect(t, map[string]int{emulator.RouteDelete: 1, rGet: 1})
}

// waitFor polls cond (every millisecond) until it holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// listWaiters is how many lookups wait on the list in flight (-1: none).
func listWaiters(c *Client) int {
	c.reads.mu.Lock()
	defer c.reads.mu.Unlock()
	if c.reads.inflight == nil {
		return -1
	}
	return c.reads.inflight.waiters
}

// One waiter gives up; the other still gets its answer from the same list.
// The list is held by the server until both have joined it and the first
// has given up, so the order of events does not depend on timing.
func TestLookupScheduleWaiterCancel(t *testing.T) {
	sched := func(n int) string {
		return fmt.Sprintf(`{"schedule_id":"00000000-0000-4000-8000-%012d","name":"w%d","enabled":true,"trigger":{"single":{"time":"2030-01-01 00:00:00"}},"push":{"platform":"all"}}`, n, n)
	}
	ids := []string{"00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"}
	release := make(chan struct{})
	var lists, others atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/v3/schedules" {
			others.Add(1)
			w.WriteHeader(500)
			return
		}
		lists.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		writeJSON(w, 200, `{"total_count":2,"total_pages":1,"page":1,"schedules":[`+sched(1)+`,`+sched(2)+`]}`)
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, nil)
	useFakeClock(c)

	ctxA, cancelA := context.WithCancel(context.Background())
	defer cancelA()
	errA := make(chan error, 1)
	go func() { _, err := c.LookupSchedule(ctxA, ids[0]); errA <- err }()
	waitFor(t, "the first lookup to start the list", func() bool { return listWaiters(c) == 1 })
	type result struct {
		s   *Schedule
		err error
	}
	resB := make(chan result, 1)
	go func() {
		s, err := c.LookupSchedule(context.Background(), ids[1])
		resB <- result{s, err}
	}()
	waitFor(t, "the second lookup to join the list", func() bool { return listWaiters(c) == 2 })

	cancelA() // the waiter that started the list gives up
	if err := <-errA; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled waiter: %v", err)
	}
	if n := listWaiters(c); n != 1 {
		t.Fatalf("after the first waiter gave up: %d waiters on the list, want 1 (the list must go on)", n)
	}
	close(release)
	b := <-resB
	if b.err != nil || b.s == nil || b.s.ID != ids[1] || b.s.Name != "w2" {
		t.Fatalf("%+v %v", b.s, b.err)
	}
	if n, o := lists.Load(), others.Load(); n != 1 || o != 0 {
		t.Fatalf("%d list calls and %d other calls, want exactly one list", n, o)
	}
}

func TestLookupScheduleAllWaitersGone(t *testing.T) {
	e, c := startEmulator(t, nil)
	ids, _ := seed(t, e, c, 1)
	e.Configure(emulator.Config{Latency: ptr("200ms")})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.LookupSchedule(ctx, ids[0]); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v", err)
	}
	c.reads.mu.Lock()
	inflight := c.reads.inflight
	c.reads.mu.Unlock()
	if inflight != nil {
		t.Fatal("an abandoned list must not be joined by new lookups")
	}
	// A new lookup starts a new list and succeeds; the abandoned one did
	// not mark the list as failing.
	e.Configure(emulator.Config{Latency: ptr("0s")})
	if s, err := c.LookupSchedule(context.Background(), ids[0]); err != nil || s.ID != ids[0] {
		t.Fatalf("%+v %v", s, err)
	}
	c.reads.mu.Lock()
	failed := !c.reads.failedAt.IsZero()
	c.reads.mu.Unlock()
	if failed {
		t.Fatal("an abandoned list is not a failed list")
	}
}

func TestLookupScheduleListFailureFallsBackToGet(t *testing.T) {
	e, c := startEmulator(t, func(cfg *Config) { cfg.MaxRetries = 2 })
	useFakeClock(c)
	ids, _ := seed(t, e, c, 5)
	e.SetFaults([]emulator.FaultRule{{Route: rList, Kind: "status_500"}})
	cnt := count(e)
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := c.LookupSchedule(context.Background(), id)
			switch {
			case err != nil:
				errs <- err
			case s.ID != id:
				errs <- fmt.Errorf("lookup %s returned schedule %s", id, s.ID)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	// One list (3 attempts), then one GET per id; and while the failure is
	// recent, lookups do not try the list again.
	if _, err := c.LookupSchedule(context.Background(), ids[0]); err != nil {
		t.Fatal(err)
	}
	cnt.expect(t, map[string]int{rList: 3, rGet: 6})
}

// TestLookupScheduleWriteDuringList: a write that completes while a list is
// in flight must not be masked by the list's older page.
func TestLookupScheduleWriteDuringList(t *testing.T) {
	const id = "0f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f"
	sched := func(name string) string {
		return fmt.Sprintf(`{"schedule_id":%q,"name":%q,"enabled":true,"trigger":{"single":{"time":"2030-01-01 00:00:00"}},"push":{"platform":"all"}}`, id, name)
	}
	listing := make(chan struct{})
	release := make(chan struct{})
	var gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/v3/schedules":
			close(listing)
			<-release
			writeJSON(w, 200, `{"total_count":1,"total_pages":1,"page":1,"schedules":[`+sched("old")+`]}`)
		case r.Method == http.MethodPut:
			writeJSON(w, 200, `{"name":"new","enabled":true,"trigger":{"single":{"time":"2030-01-01 00:00:00"}},"push":{"platform":"all"}}`)
		case r.Method == http.MethodGet:
			gets.Add(1)
			writeJSON(w, 200, sched("new"))
		default:
			w.WriteHeader(500)
		}
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, nil)
	useFakeClock(c)
	ctx := context.Background()
	// Learn that the server sends no rate headers, so that the limiter
	// lets the update run beside the list.
	if _, err := c.GetSchedule(ctx, id); err != nil {
		t.Fatal(err)
	}
	done := make(chan *Schedule)
	go func() {
		s, err := c.LookupSchedule(ctx, id)
		if err != nil {
			t.Error(err)
		}
		done <- s
	}()
	<-listing
	if _, err := c.UpdateSchedule(ctx, id, &ScheduleUpdate{Name: ptr("new")}); err != nil {
		t.Fatal(err)
	}
	close(release)
	if s := <-done; s == nil || s.Name != "new" {
		t.Fatalf("lookup saw %+v", s)
	}
	if s, err := c.LookupSchedule(ctx, id); err != nil || s.Name != "new" {
		t.Fatalf("%+v %v", s, err)
	}
	if gets.Load() != 3 {
		t.Fatalf("%d GETs, want 3 (warm-up, then the id is dirty in that list)", gets.Load())
	}
}

// TestLookupSchedulePartialUpdateEcho: an update answered with only some
// sections must not overwrite the snapshot entry with a half schedule.
func TestLookupSchedulePartialUpdateEcho(t *testing.T) {
	const id = "0f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f"
	var gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		full := fmt.Sprintf(`{"schedule_id":%q,"name":"n","enabled":false,"trigger":{"single":{"time":"2030-01-01 00:00:00"}},"push":{"platform":"all"}}`, id)
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/v3/schedules":
			writeJSON(w, 200, `{"total_count":1,"total_pages":1,"page":1,"schedules":[`+strings.Replace(full, `"enabled":false`, `"enabled":true`, 1)+`]}`)
		case r.Method == http.MethodPut:
			writeJSON(w, 200, `{"enabled":false}`)
		default:
			gets.Add(1)
			writeJSON(w, 200, full)
		}
	}))
	defer srv.Close()
	c, _ := newTestClient(t, srv, nil)
	useFakeClock(c)
	ctx := context.Background()
	if s, err := c.LookupSchedule(ctx, id); err != nil || !s.Enabled {
		t.Fatalf("%+v %v", s, err)
	}
	if _, err := c.UpdateSchedule(ctx, id, &ScheduleUpdate{Enabled: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	s, err := c.LookupSchedule(ctx, id)
	if err != nil || s.Enabled || s.Name != "n" || s.Trigger.Single == nil || gets.Load() != 1 {
		t.Fatalf("%+v %v (gets %d)", s, err, gets.Load())
	}
}

func TestConcurrentCreatesShareOneCIDCall(t *testing.T) {
	for _, tc := range []struct{ creates, cidCalls int }{{100, 1}, {150, 2}} {
		t.Run(fmt.Sprint(tc.creates), func(t *testing.T) {
			e, c := startEmulator(t, nil)
			e.Configure(emulator.Config{ScheduleQuota: ptr(1000)})
			cnt := count(e)
			var wg sync.WaitGroup
			errs := make(chan error, tc.creates)
			start := make(chan struct{})
			for i := 0; i < tc.creates; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					if _, err := c.CreateSchedule(context.Background(), emuSingle(e, fmt.Sprintf("cc_%d", i), time.Duration(i+1)*time.Hour)); err != nil {
						errs <- err
					}
				}()
			}
			close(start)
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			cnt.expect(t, map[string]int{rCID: tc.cidCalls, rCreate: tc.creates})
			if st := e.Stats(); st.Creates != tc.creates || st.CIDReplays != 0 {
				t.Fatalf("%+v", st)
			}
		})
	}
}

// benchWaitRE is tools/bench's pattern for rate-limit waits in provider logs.
var benchWaitRE = regexp.MustCompile(`rate[- ]limit[^\n]*?wait_ms[=:"\s]+([0-9.]+)`)

func TestRateLimitWaitIsLogged(t *testing.T) {
	logger := &fieldLogger{}
	// With a reserve of limit-1, the first answer (3 left) already leaves
	// nothing to spend, so the second call, issued right after it returns,
	// waits for the window. (With the default reserve, the third call
	// waited only if the first three round trips fit in the 1s window.)
	e, c := startEmulator(t, func(cfg *Config) { cfg.Logger = logger; cfg.RateLimitReserve = 3 })
	e.Configure(emulator.Config{RateLimitPerMinute: ptr(4), RateLimitWindow: ptr("1s")})
	for i := 0; i < 2; i++ {
		if _, err := c.ListSchedules(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
	}
	if c.Stats().RateLimitWaits == 0 {
		t.Fatal("expected a rate-limit wait")
	}
	entries := logger.find(RateLimitWaitMessage)
	if len(entries) == 0 {
		t.Fatal("no rate-limit wait logged")
	}
	for _, en := range entries {
		ms, ok := en.fields["wait_ms"].(float64)
		if en.level != LevelInfo || !ok || ms <= 0 || ms > 5000 {
			t.Fatalf("entry %+v", en)
		}
		// The forms the entry takes in Terraform's logs: hclog text
		// (message, then key=value with %v values) and hclog JSON.
		text := fmt.Sprintf("2026-01-02T03:04:05.000Z [INFO]  provider.terraform-provider-jpush: %s: @module=provider wait=%s wait_ms=%v tf_rpc=ApplyResourceChange", en.msg, en.fields["wait"], ms)
		js, _ := json.Marshal(map[string]any{"@level": "info", "@message": en.msg, "wait": en.fields["wait"], "wait_ms": ms})
		for _, line := range []string{text, string(js)} {
			m := benchWaitRE.FindStringSubmatch(line)
			if len(m) != 2 || m[1] != fmt.Sprint(ms) {
				t.Fatalf("bench pattern does not read %v from %s (%q)", ms, line, m)
			}
		}
	}
}

type logEntry struct {
	level  Level
	msg    string
	fields map[string]any
}

type fieldLogger struct {
	mu      sync.Mutex
	entries []logEntry
}

func (l *fieldLogger) Log(_ context.Context, level Level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, logEntry{level, msg, fields})
}

func (l *fieldLogger) find(msg string) []logEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []logEntry
	for _, en := range l.entries {
		if en.msg == msg {
			out = append(out, en)
		}
	}
	return out
}

// BenchmarkLookupSchedule measures the snapshot hit path: a map lookup and
// a deep copy, no HTTP.
func BenchmarkLookupSchedule(b *testing.B) {
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	srv.Configure(emulator.Config{RateLimitPerMinute: ptr(0)})
	c, err := New(Config{
		Endpoint: srv.URL, AppKey: emulator.DefaultAppKey, MasterSecret: emulator.DefaultMasterSecret,
		ListCacheTTL: time.Hour,
	})
	if err != nil {
		b.Fatal(err)
	}
	ids, _ := seed(b, srv, c, 120)
	ctx := context.Background()
	if _, err := c.LookupSchedule(ctx, ids[0]); err != nil {
		b.Fatal(err)
	}
	before := srv.Stats().Requests
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := c.LookupSchedule(ctx, ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.StopTimer()
	after := srv.Stats().Requests
	if after[rList] != before[rList] || after[rGet] != before[rGet] {
		b.Fatalf("the hit path made calls: %v -> %v", before, after)
	}
}

// LookupListed reports an id missing from a complete snapshot as absent
// with no GET (fired or deleted: the caller tells which), in both
// visibility modes; it GETs ids this client created or wrote, and every id
// when there is no complete snapshot.
func TestLookupListed(t *testing.T) {
	for _, visible := range []bool{false, true} {
		t.Run(fmt.Sprintf("expired_visible=%v", visible), func(t *testing.T) {
			e, c := startEmulator(t, nil)
			useFakeClock(c)
			e.Configure(emulator.Config{ExpiredVisible: ptr(visible)})
			other := newEmulatorClient(t, e)
			ctx := t.Context()
			mk := func(cl *Client, name string, in time.Duration) string {
				t.Helper()
				res, err := cl.CreateSchedule(ctx, emuSingle(e, name, in))
				if err != nil {
					t.Fatal(err)
				}
				return res.ScheduleID
			}
			fired, live, gone := mk(other, "fires", time.Hour), mk(other, "live", 48*time.Hour), mk(other, "gone", 48*time.Hour)
			own := mk(c, "own_fires", time.Hour)
			e.Advance(2 * time.Hour)
			if err := other.DeleteSchedule(ctx, gone); err != nil {
				t.Fatal(err)
			}
			cnt := count(e)
			if s, absent, err := c.LookupListed(ctx, live); err != nil || absent || s.ID != live {
				t.Fatalf("live: %+v %v %v", s, absent, err)
			}
			for _, id := range []string{fired, gone} {
				if s, absent, err := c.LookupListed(ctx, id); err != nil || !absent || s != nil {
					t.Fatalf("%s: %+v absent=%v %v, want absent", id, s, absent, err)
				}
			}
			cnt.expect(t, map[string]int{rList: 1})
			// Created by this client: never reported absent.
			s, absent, err := c.LookupListed(ctx, own)
			if absent || (visible && (err != nil || s.ID != own)) || (!visible && !IsNotFound(err)) {
				t.Fatalf("own: %+v absent=%v %v", s, absent, err)
			}
			cnt.expect(t, map[string]int{rList: 1, rGet: 1})
		})
	}
}

func TestLookupListedWithoutSnapshot(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mod    func(*Config)
		faults []emulator.FaultRule
		want   map[string]int
	}{
		{"cache disabled", func(cfg *Config) { cfg.ListCacheTTL = -1 }, nil, map[string]int{rGet: 1}},
		{"list failed", func(cfg *Config) { cfg.MaxRetries = 1 }, []emulator.FaultRule{{Route: rList, Kind: "status_500"}}, map[string]int{rList: 2, rGet: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, c := startEmulator(t, tc.mod)
			useFakeClock(c)
			other := newEmulatorClient(t, e)
			ctx := t.Context()
			res, err := other.CreateSchedule(ctx, emuSingle(e, "fires", time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			e.Advance(2 * time.Hour)
			e.SetFaults(tc.faults)
			cnt := count(e)
			if _, absent, err := c.LookupListed(ctx, res.ScheduleID); absent || !IsNotFound(err) {
				t.Fatalf("absent=%v %v, want the GET's 404", absent, err)
			}
			cnt.expect(t, tc.want)
		})
	}
}
