package client

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// startEmulator runs the emulator on loopback with the rate limit off
// (tests that exercise it turn it on) and returns a client for it.
func startEmulator(t *testing.T, mod func(*Config)) (*emulator.Server, *Client) {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	off := 0
	srv.Configure(emulator.Config{RateLimitPerMinute: &off})
	cfg := Config{
		Endpoint: srv.URL, AppKey: emulator.DefaultAppKey, MasterSecret: emulator.DefaultMasterSecret,
		UserAgent: "jpush-client-test/1.0", MaxRetries: 5, RequestTimeout: 5 * time.Second,
		MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

var shanghai, _ = LoadLocation("Asia/Shanghai")

func emuSingle(e *emulator.Server, name string, in time.Duration) *Schedule {
	return &Schedule{
		Name: name, Enabled: true,
		Trigger: Trigger{Single: &SingleTrigger{Time: FormatWireTime(e.Now().Add(in), shanghai)}},
		Push:    json.RawMessage(`{"platform":"all","audience":"all","notification":{"alert":"hi"}}`),
	}
}

func TestEmulatorEndpoints(t *testing.T) {
	e, c := startEmulator(t, nil)
	ctx := context.Background()

	// create
	push := &Push{
		Platform: Platform{"android", "ios"},
		Audience: &Audience{Tag: []string{"vip"}},
		Notification: &Notification{
			Alert:   ptr("Your digest is ready"),
			Android: &Android{Alert: ptr(""), Title: "Digest", Extras: json.RawMessage(`{"screen":"home"}`)},
			IOS:     &IOS{Badge: FlexString("+1"), Sound: FlexString("default")},
		},
		Options: &Options{TimeToLive: ptr(int64(3600)), APNSProduction: ptr(false)},
	}
	raw, err := EncodePush(push)
	if err != nil {
		t.Fatal(err)
	}
	start := e.Now().Add(24 * time.Hour)
	s := &Schedule{Name: "weekly_digest", Enabled: true, Push: raw, Trigger: Trigger{Periodical: &PeriodicalTrigger{
		Start: FormatWireTime(start, shanghai), End: FormatWireTime(start.Add(90*24*time.Hour), shanghai),
		Time: "08:30:00", TimeUnit: "week", Frequency: 1, Point: []string{"MON", "FRI"},
	}}}
	res, err := c.CreateSchedule(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if res.ScheduleID == "" || res.Name != "weekly_digest" || !strings.HasPrefix(res.CID, emulator.DefaultAppKey+"-") {
		t.Fatalf("%+v", res)
	}
	if s.CID != "" {
		t.Fatal("CreateSchedule must not modify its argument")
	}

	// get
	got, err := c.GetSchedule(ctx, res.ScheduleID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != res.ScheduleID || got.Name != s.Name || !got.Enabled || got.Trigger.Periodical == nil ||
		got.Trigger.Periodical.Start != s.Trigger.Periodical.Start || got.Trigger.Periodical.Frequency != 1 {
		t.Fatalf("%+v", got)
	}
	if eq, err := EquivalentPush(got.Push, raw); err != nil || !eq {
		t.Fatalf("push changed: %s vs %s (%v)", got.Push, raw, err)
	}
	if _, err := DecodePush(got.Push); err != nil {
		t.Fatal(err)
	}

	// update
	newName, disabled := "weekly_digest_v2", false
	up, err := c.UpdateSchedule(ctx, res.ScheduleID, &ScheduleUpdate{Name: &newName, Enabled: &disabled})
	if err != nil {
		t.Fatal(err)
	}
	if up.ID != res.ScheduleID || up.Name != newName || up.Enabled {
		t.Fatalf("%+v", up)
	}
	if _, err := c.UpdateSchedule(ctx, res.ScheduleID, &ScheduleUpdate{Trigger: &Trigger{Single: &SingleTrigger{Time: FormatWireTime(e.Now().Add(time.Hour), shanghai)}}}); !IsValidation(err) {
		t.Fatalf("switching trigger kind must be rejected: %v", err)
	}

	// list
	l, err := c.ListSchedules(ctx, 1)
	if err != nil || l.TotalCount != 1 || len(l.Schedules) != 1 || l.Schedules[0].ID != res.ScheduleID {
		t.Fatalf("%+v %v", l, err)
	}

	// msg_ids: new format after firing, legacy via the admin hook
	single, err := c.CreateSchedule(ctx, emuSingle(e, "fires_soon", time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	e.Configure(emulator.Config{ExpiredVisible: ptr(true)})
	e.Advance(2 * time.Hour)
	m, err := c.GetMsgIDs(ctx, single.ScheduleID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Count != 1 || len(m.Items) != 1 || m.Items[0].Legacy || m.Items[0].MsgID == "" || m.Items[0].RunAt == nil {
		t.Fatalf("%+v", m)
	}
	if d := m.Items[0].RunAt.Sub(e.Now().Add(-time.Hour)); d < -2*time.Second || d > 2*time.Second {
		t.Fatalf("run at %v, want about %v", m.Items[0].RunAt, e.Now().Add(-time.Hour))
	}
	if st, ok := c.ServerTime(); !ok || st.Sub(e.Now()).Abs() > 2*time.Second {
		t.Fatalf("server time %v (%v), emulator %v", st, ok, e.Now())
	}
	if err := e.SetLegacyMsgIDs(single.ScheduleID, []string{"111", "222"}); err != nil {
		t.Fatal(err)
	}
	m, err = c.GetMsgIDs(ctx, single.ScheduleID)
	if err != nil || m.Count != 2 || !m.Items[0].Legacy || m.Items[1].MsgID != "222" {
		t.Fatalf("%+v %v", m, err)
	}

	// delete
	if err := c.DeleteSchedule(ctx, res.ScheduleID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetSchedule(ctx, res.ScheduleID); !IsNotFound(err) {
		t.Fatalf("want not found, got %v", err)
	}
	if err := c.DeleteSchedule(ctx, res.ScheduleID); !IsNotFound(err) {
		t.Fatalf("want not found, got %v", err)
	}

	// CID pool
	cids, err := c.GetCIDs(ctx, 3)
	if err != nil || len(cids) != 3 {
		t.Fatalf("%v %v", cids, err)
	}

	// template schedule
	e.DefineTemplate("tpl1", []string{"title"})
	tres, err := c.CreateTemplateSchedule(ctx, &TemplateScheduleRequest{
		ID: "tpl1", ScheduleName: "order_notice",
		Trigger: Trigger{Single: &SingleTrigger{Time: FormatWireTime(e.Now().Add(time.Hour), shanghai)}},
		Params: []TemplateParam{
			{TraceID: "a", Keys: map[string]string{"title": "A"}, Audience: json.RawMessage(`{"registration_id":["1a0018970a1b2c3d4e5"]}`)},
			{TraceID: "b", Keys: map[string]string{"title": "B"}, Audience: json.RawMessage(`{"registration_id":["1a0018970a1b2c3d4e6"]}`)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tres.Items) != 2 || tres.Items[0].Code != 0 || tres.Items[0].ScheduleID == "" || tres.Items[1].TraceID != "b" {
		t.Fatalf("%+v", tres)
	}
	if _, err := c.GetSchedule(ctx, tres.Items[1].ScheduleID); err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateTemplateSchedule(ctx, &TemplateScheduleRequest{
		ID: "nope", ScheduleName: "x",
		Trigger: Trigger{Single: &SingleTrigger{Time: FormatWireTime(e.Now().Add(time.Hour), shanghai)}},
		Params:  []TemplateParam{{Audience: json.RawMessage(`"all"`)}},
	})
	if err == nil {
		t.Fatal("unknown template must fail")
	}
	t.Log(err)

	// auth
	bad, _ := New(Config{Endpoint: e.URL, AppKey: emulator.DefaultAppKey, MasterSecret: "wrongwrongwrongwrongwron"})
	if _, err := bad.ListSchedules(ctx, 1); !IsAuth(err) {
		t.Fatalf("want auth error, got %v", err)
	}
	if got := e.Stats().Requests["GET /v3/schedules"]; got < 2 {
		t.Fatalf("stats %v", e.Stats().Requests)
	}
}

func TestEmulatorValidationError(t *testing.T) {
	e, c := startEmulator(t, nil)
	s := emuSingle(e, "past", -time.Hour)
	_, err := c.CreateSchedule(context.Background(), s)
	if !IsValidation(err) || !strings.Contains(err.Error(), "POST /v3/schedules: HTTP 400, code 8100") {
		t.Fatalf("%v", err)
	}
	if n := e.Stats().Requests["POST /v3/schedules"]; n != 1 {
		t.Fatalf("a 400 must not be retried: %d posts", n)
	}
}

func TestEmulatorListAllPages(t *testing.T) {
	for _, n := range []int{0, 1, 50, 51, 120} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			e, c := startEmulator(t, nil)
			e.Configure(emulator.Config{ScheduleQuota: ptr(200)})
			ctx := context.Background()
			want := map[string]bool{}
			for i := 0; i < n; i++ {
				res, err := c.CreateSchedule(ctx, emuSingle(e, fmt.Sprintf("s_%d", i), time.Duration(i+1)*time.Hour))
				if err != nil {
					t.Fatal(err)
				}
				want[res.ScheduleID] = true
			}
			all, err := c.ListAllSchedules(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(all) != n {
				t.Fatalf("got %d schedules, want %d", len(all), n)
			}
			for _, s := range all {
				if !want[s.ID] {
					t.Fatalf("unexpected id %s", s.ID)
				}
			}
			pages := (n + PageSize - 1) / PageSize
			if pages == 0 {
				pages = 1
			}
			if got := e.Stats().Requests["GET /v3/schedules"]; got != pages {
				t.Fatalf("%d list calls, want %d", got, pages)
			}
		})
	}
}

func TestEmulatorDropAfterCommitNoDuplicates(t *testing.T) {
	e, c := startEmulator(t, func(cfg *Config) { cfg.MaxRetries = 10 })
	e.Configure(emulator.Config{ScheduleQuota: ptr(200)})
	e.SetFaults([]emulator.FaultRule{{Route: "POST /v3/schedules", Kind: "drop_after_commit", Probability: 0.3}})
	ctx := context.Background()
	for i := 0; i < 100; i++ {
		if _, err := c.CreateSchedule(ctx, emuSingle(e, fmt.Sprintf("d_%d", i), time.Duration(i+1)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	st := e.Stats()
	if st.Schedules != 100 || st.Creates != 100 {
		t.Fatalf("schedules=%d creates=%d, want 100", st.Schedules, st.Creates)
	}
	if st.CIDReplays == 0 || st.FaultsFired == 0 {
		t.Fatalf("faults did not fire: %+v", st)
	}
	if cs := c.Stats(); cs.Retries != int64(st.CIDReplays) {
		t.Logf("client retries %d, cid replays %d", cs.Retries, st.CIDReplays)
	}
}

func TestEmulatorRateLimitNo429(t *testing.T) {
	e, c := startEmulator(t, nil)
	e.Configure(emulator.Config{RateLimitPerMinute: ptr(100), RateLimitWindow: ptr("2s")})
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 150)
	sem := make(chan struct{}, 16)
	for i := 0; i < 150; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if _, err := c.ListSchedules(ctx, 1); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("a call failed: %v", err)
	}
	st, cs := e.Stats(), c.Stats()
	t.Logf("emulator rate_limited=%d; client %+v", st.RateLimited, cs)
	if st.RateLimited != 0 {
		t.Fatalf("emulator sent %d 429s", st.RateLimited)
	}
	if cs.RateLimitWaits == 0 {
		t.Fatal("expected the limiter to wait")
	}
}

func TestEmulatorRetriesFaults(t *testing.T) {
	e, c := startEmulator(t, nil)
	ctx := context.Background()
	res, err := c.CreateSchedule(ctx, emuSingle(e, "f", time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	e.SetFaults([]emulator.FaultRule{
		{Route: "GET /v3/schedules/{id}", Kind: "status_503", Count: 1},
		{Route: "GET /v3/schedules/{id}", Kind: "status_500", Count: 1},
		{Route: "GET /v3/schedules/{id}", Kind: "reset", Count: 1},
		{Route: "DELETE /v3/schedules/{id}", Kind: "drop_after_commit", Count: 1},
	})
	if _, err := c.GetSchedule(ctx, res.ScheduleID); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteSchedule(ctx, res.ScheduleID); err != nil {
		t.Fatalf("a delete whose answer was lost must succeed on retry: %v", err)
	}
	if n := e.Stats().Schedules; n != 0 {
		t.Fatalf("%d schedules left", n)
	}
}

func ptr[T any](v T) *T { return &v }
