package emulator

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

var reMsgID = regexp.MustCompile(`^\d{17}$`)

type msgIDs struct {
	Count  json.RawMessage `json:"count"`
	MsgIDs []string        `json:"msgids"`
}

// runs decodes msg_ids and returns the ts of each new-format entry.
func (e *env) runs(id string) []time.Time {
	e.t.Helper()
	r := e.do("GET", "/v3/schedules/"+id+"/msg_ids", nil)
	if r.status != 200 {
		e.t.Fatalf("msg_ids: %d %s", r.status, r.body)
	}
	var m msgIDs
	if err := json.Unmarshal(r.body, &m); err != nil {
		e.t.Fatal(err)
	}
	if string(m.Count) != itoa(len(m.MsgIDs)) {
		e.t.Fatalf("count %s is not the bare integer %d", m.Count, len(m.MsgIDs))
	}
	var out []time.Time
	for _, s := range m.MsgIDs {
		var entry struct {
			MsgID string `json:"msg_id"`
			Error *struct {
				Code    *int    `json:"code"`
				Message *string `json:"message"`
			} `json:"error"`
			NeedRetry *bool  `json:"needRetry"`
			TS        *int64 `json:"ts"`
		}
		if err := json.Unmarshal([]byte(s), &entry); err != nil {
			e.t.Fatalf("entry %q is not a JSON object string: %v", s, err)
		}
		if !reMsgID.MatchString(entry.MsgID) || entry.Error == nil || *entry.Error.Code != 0 || *entry.Error.Message != "" || entry.NeedRetry == nil || *entry.NeedRetry || entry.TS == nil {
			e.t.Fatalf("entry %s", s)
		}
		out = append(out, time.UnixMilli(*entry.TS).In(shanghai))
	}
	return out
}

func TestSingleFiresAndExpires(t *testing.T) {
	for _, visible := range []bool{false, true} {
		t.Run(map[bool]string{false: "hidden", true: "visible"}[visible], func(t *testing.T) {
			e := newEnv(t)
			e.srv.Configure(Config{ExpiredVisible: ptr(visible)})
			id := e.create(validSchedule()) // fires at 01:00
			if got := e.runs(id); len(got) != 0 {
				t.Fatalf("runs before firing: %v", got)
			}
			e.srv.Advance(59 * time.Minute)
			if len(e.srv.ScheduleIDs()) != 1 {
				t.Fatal("expired too early")
			}
			e.admin("POST", "clock", `{"advance":"2m"}`)
			if len(e.srv.ScheduleIDs()) != 0 || e.srv.Stats().Schedules != 0 {
				t.Fatal("single schedule did not expire after firing")
			}
			if l := e.do("GET", "/v3/schedules", nil).json(t); l["total_count"] != float64(0) {
				t.Fatalf("expired schedule still listed: %v", l)
			}
			g := e.do("GET", "/v3/schedules/"+id, nil)
			put := e.do("PUT", "/v3/schedules/"+id, `{"name":"x"}`)
			if !visible {
				for _, r := range []resp{g, put, e.do("DELETE", "/v3/schedules/"+id, nil)} {
					if r.status != 404 || r.errCode(t) != 8104 {
						t.Fatalf("hidden expired: %d %s", r.status, r.body)
					}
				}
				// msg_ids have their own switch, on by default (msgids_visibility_test.go).
				if runs := e.runs(id); len(runs) != 1 {
					t.Fatalf("msg_ids of a hidden fired schedule: %v", runs)
				}
				raw, ok := e.srv.Schedule(id)
				if !ok || raw == nil {
					t.Fatal("Schedule() must still expose expired schedules")
				}
				return
			}
			if g.status != 200 || g.json(t)["schedule_id"] != id {
				t.Fatalf("visible GET: %d %s", g.status, g.body)
			}
			if put.status != 400 || put.errCode(t) != 8100 || !contains(put.errMsg(t), "has been at term") {
				t.Fatalf("PUT expired: %d %s", put.status, put.body)
			}
			runs := e.runs(id)
			if len(runs) != 1 || !runs[0].Equal(baseTime.Add(time.Hour)) {
				t.Fatalf("runs %v", runs)
			}
			if r := e.do("DELETE", "/v3/schedules/"+id, nil); r.status != 200 {
				t.Fatalf("DELETE visible expired: %d", r.status)
			}
		})
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && (s == sub || indexOf(s, sub) >= 0))
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestDisabledDoesNotFire(t *testing.T) {
	e := newEnv(t)
	e.srv.Configure(Config{ExpiredVisible: ptr(true)})
	id := e.create(withTrigger(periodical(baseTime, baseTime.AddDate(0, 0, 10), "08:00:00", "day", 1, nil)))
	e.do("PUT", "/v3/schedules/"+id, `{"enabled":false}`)
	e.srv.Advance(3 * 24 * time.Hour)
	if runs := e.runs(id); len(runs) != 0 {
		t.Fatalf("disabled schedule fired: %v", runs)
	}
	e.do("PUT", "/v3/schedules/"+id, `{"enabled":true}`)
	e.srv.Advance(24 * time.Hour)
	if runs := e.runs(id); len(runs) != 1 || !runs[0].Equal(time.Date(2027, 1, 4, 8, 0, 0, 0, shanghai)) {
		t.Fatalf("re-enabled runs %v", runs)
	}
}

func TestPeriodicalFiring(t *testing.T) {
	d := func(m time.Month, day, h int) time.Time { return time.Date(2027, m, day, h, 0, 0, 0, shanghai) }
	cases := []struct {
		name       string
		trigger    map[string]any
		advanceTo  time.Time
		want       []time.Time
		wantExpire bool
	}{
		{
			"daily", periodical(baseTime, d(1, 5, 0), "08:00:00", "day", 1, nil), d(1, 10, 0),
			[]time.Time{d(1, 1, 8), d(1, 2, 8), d(1, 3, 8), d(1, 4, 8)},
			true,
		},
		{
			"every other day", periodical(baseTime, d(1, 8, 0), "08:00:00", "DAY", 2, nil), d(1, 8, 0),
			[]time.Time{d(1, 1, 8), d(1, 3, 8), d(1, 5, 8), d(1, 7, 8)},
			false,
		},
		// 2027-01-01 is a Friday; frequency 2 fires in the start week, skips the next.
		{
			"biweekly mon fri", periodical(baseTime, d(1, 31, 0), "08:00:00", "week", 2, []string{"MON", "fri"}), d(2, 1, 0),
			[]time.Time{d(1, 1, 8), d(1, 11, 8), d(1, 15, 8), d(1, 25, 8), d(1, 29, 8)},
			true,
		},
		// Day 31 does not exist in February or April.
		{
			"monthly 31st", periodical(baseTime, d(6, 1, 0), "08:00:00", "month", 1, []string{"31"}), d(6, 2, 0),
			[]time.Time{d(1, 31, 8), d(3, 31, 8), d(5, 31, 8)},
			true,
		},
		{
			"every 2 months 15th", periodical(baseTime, d(7, 1, 0), "08:00:00", "Month", 2, []string{"15"}), d(7, 2, 0),
			[]time.Time{d(1, 15, 8), d(3, 15, 8), d(5, 15, 8)},
			true,
		},
		{
			"not yet ended", periodical(baseTime, d(3, 1, 0), "08:00:00", "day", 10, nil), d(1, 25, 0),
			[]time.Time{d(1, 1, 8), d(1, 11, 8), d(1, 21, 8)},
			false,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.srv.Configure(Config{ExpiredVisible: ptr(true)})
			id := e.create(withTrigger(c.trigger))
			e.srv.SetNow(c.advanceTo)
			runs := e.runs(id)
			if len(runs) != len(c.want) {
				t.Fatalf("runs %v, want %v", runs, c.want)
			}
			for i := range runs {
				if !runs[i].Equal(c.want[i]) {
					t.Fatalf("run %d at %v, want %v", i, runs[i], c.want[i])
				}
			}
			if expired := len(e.srv.ScheduleIDs()) == 0; expired != c.wantExpire {
				t.Fatalf("expired=%v, want %v", expired, c.wantExpire)
			}
		})
	}
}

func TestPeriodicalSlotsBeforeCreationDoNotFire(t *testing.T) {
	e := newEnv(t)
	e.srv.Configure(Config{ExpiredVisible: ptr(true)})
	// start ten days ago: only slots from now on fire.
	id := e.create(withTrigger(periodical(baseTime.AddDate(0, 0, -10), baseTime.AddDate(0, 0, 2), "08:00:00", "day", 1, nil)))
	e.srv.Advance(72 * time.Hour)
	if runs := e.runs(id); len(runs) != 2 {
		t.Fatalf("runs %v", runs)
	}
	if r := e.do("GET", "/v3/schedules/"+id+"/msg_ids", nil); r.status != 200 {
		t.Fatalf("msg_ids of an expired visible schedule: %d", r.status)
	}
	e.srv.Configure(Config{MsgIDsVisible: ptr(false)})
	if r := e.do("GET", "/v3/schedules/"+id+"/msg_ids", nil); r.status != 404 || r.errCode(t) != 8104 {
		t.Fatalf("msg_ids hidden: %d %s", r.status, r.body)
	}
}

func TestLazyFiringWithRealClock(t *testing.T) {
	clk := &fakeClock{t: baseTime}
	e := newEnvWith(t, Options{Now: clk.Now})
	e.srv.Configure(Config{ExpiredVisible: ptr(true)})
	id := e.create(with(func(m map[string]any) {
		m["trigger"] = map[string]any{"single": map[string]any{"time": wire(baseTime.Add(2 * time.Second))}}
	}))
	clk.mu.Lock()
	clk.t = clk.t.Add(3 * time.Second) // the real clock moves; no Advance call
	clk.mu.Unlock()
	if runs := e.runs(id); len(runs) != 1 {
		t.Fatalf("schedule due at real time did not fire: %v", runs)
	}
}

func TestLegacyMsgIDs(t *testing.T) {
	e := newEnv(t)
	id := e.create(validSchedule())
	if err := e.srv.SetLegacyMsgIDs("nope", []string{"1"}); err == nil {
		t.Fatal("unknown id accepted")
	}
	e.admin("POST", "schedules/"+id+"/legacy_msg_ids", `{"msgids":["12345567","2234567"]}`)
	r := e.do("GET", "/v3/schedules/"+id+"/msg_ids", nil)
	if string(r.body) != `{"count":2,"msgids":["12345567","2234567"]}` {
		t.Fatalf("legacy: %s", r.body)
	}
}

func TestClockAPI(t *testing.T) {
	e := newEnv(t)
	if got := e.srv.Now(); !got.Equal(baseTime) {
		t.Fatalf("Now %v", got)
	}
	var c struct{ Now string }
	_ = json.Unmarshal(e.admin("POST", "clock", `{"now":"2027-03-01T12:00:00Z"}`).body, &c)
	if c.Now != "2027-03-01T20:00:00+08:00" || !e.srv.Now().Equal(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("clock %s", c.Now)
	}
	e.admin("POST", "reset", "")
	if !e.srv.Now().Equal(baseTime) {
		t.Fatal("reset did not return the clock to real time")
	}
	for _, bad := range []string{`{}`, `{"advance":"x"}`, `{"now":"yesterday"}`, `{"advance":"1h","now":"2027-01-01T00:00:00Z"}`, `{"foo":1}`} {
		r, _ := e.raw("POST", "/_emulator/clock", stringsReader(bad), false, nil)
		if r.status != 400 {
			t.Fatalf("%s: %d", bad, r.status)
		}
	}
}

func TestFirstAtOrAfter(t *testing.T) {
	e := New(Options{})
	mk := func(unit string, freq int, points ...string) *trigger {
		tr := &trigger{start: baseTime, end: baseTime.AddDate(1, 0, 0), tod: 8 * time.Hour, unit: unit, freq: freq}
		var raw []any
		for _, p := range points {
			raw = append(raw, p)
		}
		if err := tr.parsePoints(raw); err != nil {
			t.Fatal(err)
		}
		return tr
	}
	_ = e
	cases := []struct {
		tr   *trigger
		from time.Time
		want time.Time
	}{
		{mk("day", 1), baseTime.Add(9 * time.Hour), time.Date(2027, 1, 2, 8, 0, 0, 0, shanghai)},
		{mk("day", 3), baseTime.Add(9 * time.Hour), time.Date(2027, 1, 4, 8, 0, 0, 0, shanghai)},
		{mk("week", 1, "SUN"), baseTime, time.Date(2027, 1, 3, 8, 0, 0, 0, shanghai)},
		{mk("week", 3, "MON"), baseTime, time.Date(2027, 1, 18, 8, 0, 0, 0, shanghai)},
		{mk("month", 1, "29"), time.Date(2027, 2, 1, 0, 0, 0, 0, shanghai), time.Date(2027, 3, 29, 8, 0, 0, 0, shanghai)},
		{mk("month", 1, "01"), baseTime.Add(9 * time.Hour), time.Date(2027, 2, 1, 8, 0, 0, 0, shanghai)},
	}
	for i, c := range cases {
		got, ok := c.tr.firstAtOrAfter(c.from)
		if !ok || !got.Equal(c.want) {
			t.Fatalf("case %d: %v %v, want %v", i, got, ok, c.want)
		}
	}
	if _, ok := mk("month", 12, "02").firstAtOrAfter(baseTime.AddDate(0, 0, 5)); ok {
		t.Fatal("slot after end returned")
	}
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
