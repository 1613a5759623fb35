package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var reUUID4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestCreateGetRoundTrip(t *testing.T) {
	e := newEnv(t)
	body := validSchedule()
	body["push"].(map[string]any)["options"] = map[string]any{"time_to_live": 3600, "override_msg_id": 123456789012345678}
	r := e.do("POST", "/v3/schedules", body)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json; charset=utf-8") {
		t.Fatalf("content type %q", r.header.Get("Content-Type"))
	}
	var cr map[string]string
	_ = json.Unmarshal(r.body, &cr)
	if len(cr) != 2 || !reUUID4.MatchString(cr["schedule_id"]) || cr["name"] != "nightly_digest" {
		t.Fatalf("create response %s", r.body)
	}
	g := e.do("GET", "/v3/schedules/"+cr["schedule_id"], nil)
	want := fmt.Sprintf(`{"schedule_id":%q,"name":"nightly_digest","enabled":true,"trigger":{"single":{"time":"2027-01-01 01:00:00"}},"push":{"audience":"all","notification":{"alert":"hello"},"options":{"override_msg_id":123456789012345678,"time_to_live":3600},"platform":"all"}}`, cr["schedule_id"])
	if g.status != 200 || string(g.body) != want {
		t.Fatalf("GET: %d\n got %s\nwant %s", g.status, g.body, want)
	}
	raw, ok := e.srv.Schedule(cr["schedule_id"])
	if !ok || string(raw) != want {
		t.Fatalf("Schedule(): %s", raw)
	}
	if ids := e.srv.ScheduleIDs(); len(ids) != 1 || ids[0] != cr["schedule_id"] {
		t.Fatalf("ScheduleIDs %v", ids)
	}
}

func TestPagination(t *testing.T) {
	for _, n := range []int{0, 1, 50, 51, 120} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			e := newEnv(t)
			e.srv.Configure(Config{ScheduleQuota: ptr(200), RateLimitPerMinute: ptr(0)})
			var ids []string
			for i := 0; i < n; i++ {
				ids = append(ids, e.create(with(func(m map[string]any) { m["name"] = fmt.Sprintf("s_%03d", i) })))
			}
			pages := (n + 49) / 50
			var seen []string
			for page := 1; page <= pages+1; page++ {
				r := e.do("GET", fmt.Sprintf("/v3/schedules?page=%d", page), nil)
				var l struct {
					TotalCount int                          `json:"total_count"`
					TotalPages int                          `json:"total_pages"`
					Page       int                          `json:"page"`
					Schedules  []map[string]json.RawMessage `json:"schedules"`
				}
				if err := json.Unmarshal(r.body, &l); err != nil || r.status != 200 {
					t.Fatalf("page %d: %d %s", page, r.status, r.body)
				}
				if len(r.json(t)) != 4 {
					t.Fatalf("list must have exactly 4 keys: %s", r.body)
				}
				if l.TotalCount != n || l.TotalPages != pages || l.Page != page {
					t.Fatalf("page %d: header %+v", page, l)
				}
				wantLen := min(50, max(0, n-(page-1)*50))
				if len(l.Schedules) != wantLen {
					t.Fatalf("page %d: %d schedules, want %d", page, len(l.Schedules), wantLen)
				}
				for _, s := range l.Schedules {
					var id string
					_ = json.Unmarshal(s["schedule_id"], &id)
					seen = append(seen, id)
				}
			}
			if strings.Join(seen, ",") != strings.Join(ids, ",") {
				t.Fatalf("listing order differs from creation order")
			}
		})
	}
}

func TestListPageParam(t *testing.T) {
	e := newEnv(t)
	e.create(validSchedule())
	for _, q := range []string{"", "?page=0", "?page=-3", "?page=abc", "?page", "?foo=1&page=1", "?page=1&foo=1"} {
		r := e.do("GET", "/v3/schedules"+q, nil)
		m := r.json(t)
		if r.status != 200 || m["page"] != float64(1) || len(m["schedules"].([]any)) != 1 {
			t.Fatalf("%q: %d %s", q, r.status, r.body)
		}
	}
	r := e.do("GET", "/v3/schedules?page=7", nil)
	if m := r.json(t); m["page"] != float64(7) || len(m["schedules"].([]any)) != 0 || m["total_pages"] != float64(1) {
		t.Fatalf("past end: %s", r.body)
	}
}

func TestCIDPool(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		q      string
		status int
		n      int
	}{
		{"", 200, 1},
		{"?type=schedule", 200, 1},
		{"?count=3&type=schedule", 200, 3},
		{"?type=schedule&count=1000", 200, 1000},
		{"?count=1001", 400, 0},
		{"?count=0", 400, 0},
		{"?count=-1", 400, 0},
		{"?count=x", 400, 0},
		{"?type=bogus", 400, 0},
	} {
		r := e.do("GET", "/v3/push/cid"+c.q, nil)
		if r.status != c.status {
			t.Fatalf("%q: %d %s", c.q, r.status, r.body)
		}
		if c.status != 200 {
			if r.errCode(t) != 1003 {
				t.Fatalf("%q: %s", c.q, r.body)
			}
			continue
		}
		list := r.json(t)["cidlist"].([]any)
		if len(list) != c.n {
			t.Fatalf("%q: %d cids", c.q, len(list))
		}
		cid := list[0].(string)
		if !strings.HasPrefix(cid, DefaultAppKey+"-") || !reUUID4.MatchString(strings.TrimPrefix(cid, DefaultAppKey+"-")) {
			t.Fatalf("cid format %q", cid)
		}
	}
}

func TestCIDDedup(t *testing.T) {
	e := newEnv(t)
	cid := e.cids(1)[0]
	body := validSchedule()
	body["cid"] = cid
	r1 := e.do("POST", "/v3/schedules", body)
	// A different body with the same cid returns the first result and creates nothing.
	other := with(func(m map[string]any) { m["name"] = "other_name"; m["cid"] = cid })
	r2 := e.do("POST", "/v3/schedules", other)
	if r1.status != 200 || r2.status != 200 || !bytes.Equal(r1.body, r2.body) {
		t.Fatalf("replay differs: %s vs %s", r1.body, r2.body)
	}
	st := e.srv.Stats()
	if st.CIDReplays != 1 || st.Creates != 1 || st.Schedules != 1 || st.Requests[RouteCreate] != 2 {
		t.Fatalf("stats %+v", st)
	}
	// A failed create does not burn the cid.
	cid2 := e.cids(1)[0]
	bad := with(func(m map[string]any) { m["cid"] = cid2; m["name"] = "bad name" })
	if r := e.do("POST", "/v3/schedules", bad); r.status != 400 {
		t.Fatalf("bad: %d", r.status)
	}
	good := with(func(m map[string]any) { m["cid"] = cid2; m["name"] = "second" })
	if r := e.do("POST", "/v3/schedules", good); r.status != 200 || r.json(t)["name"] != "second" {
		t.Fatalf("retry after failure: %d %s", r.status, r.body)
	}

	for _, c := range []struct{ name, cid, msg string }{
		{"unknown", DefaultAppKey + "-" + newUUID(), "cid was not issued"},
		{"foreign app", "otherappkey0000000000000-" + newUUID(), "cid was not issued"},
		{"push type", pushCID(e), "cid was not issued"},
	} {
		r := e.do("POST", "/v3/schedules", with(func(m map[string]any) { m["cid"] = c.cid }))
		if r.status != 400 || r.errCode(t) != 8100 || !strings.Contains(r.errMsg(t), c.msg) {
			t.Fatalf("%s: %d %s", c.name, r.status, r.body)
		}
	}
	if r := e.do("POST", "/v3/schedules", with(func(m map[string]any) { m["cid"] = 5 })); r.status != 400 {
		t.Fatalf("non-string cid accepted")
	}
	// Expired cid (issued more than 24 h ago in virtual time).
	old := e.cids(1)[0]
	e.srv.Advance(24*time.Hour + time.Second)
	r := e.do("POST", "/v3/schedules", with(func(m map[string]any) {
		m["cid"] = old
		m["trigger"] = map[string]any{"single": map[string]any{"time": wire(e.srv.Now().Add(time.Hour))}}
	}))
	if r.status != 400 || !strings.Contains(r.errMsg(t), "cid has expired") {
		t.Fatalf("expired cid: %d %s", r.status, r.body)
	}
}

func pushCID(e *env) string {
	r := e.do("GET", "/v3/push/cid?type=push", nil)
	return r.json(e.t)["cidlist"].([]any)[0].(string)
}

func TestQuota(t *testing.T) {
	e := newEnv(t)
	e.srv.Configure(Config{ScheduleQuota: ptr(3)})
	var ids []string
	for i := 0; i < 3; i++ {
		ids = append(ids, e.create(validSchedule()))
	}
	r := e.do("POST", "/v3/schedules", validSchedule())
	if r.status != 400 || r.errCode(t) != 8100 || !strings.Contains(r.errMsg(t), "quota") {
		t.Fatalf("over quota: %d %s", r.status, r.body)
	}
	// Deleting frees a slot.
	if d := e.do("DELETE", "/v3/schedules/"+ids[0], nil); d.status != 200 {
		t.Fatalf("delete %d", d.status)
	}
	e.create(validSchedule())
	// Expired schedules do not count.
	e.srv.Advance(2 * time.Hour)
	e.create(with(func(m map[string]any) {
		m["trigger"] = map[string]any{"single": map[string]any{"time": wire(e.srv.Now().Add(time.Hour))}}
	}))
	if st := e.srv.Stats(); st.Schedules != 1 || st.DuplicateNames != 3 {
		t.Fatalf("stats %+v", st)
	}
}

func TestDefaultQuota(t *testing.T) {
	e := newEnv(t)
	e.srv.Configure(Config{RateLimitPerMinute: ptr(0)})
	for i := 0; i < 100; i++ {
		e.create(validSchedule())
	}
	if r := e.do("POST", "/v3/schedules", validSchedule()); r.status != 400 || !strings.Contains(r.errMsg(t), "quota") {
		t.Fatalf("101st: %d %s", r.status, r.body)
	}
}

func TestUpdate(t *testing.T) {
	e := newEnv(t)
	id := e.create(validSchedule())
	path := "/v3/schedules/" + id
	newTime := wire(baseTime.Add(3 * time.Hour))
	cases := []struct {
		name   string
		body   any
		status int
		code   int
		msg    string
	}{
		{"disable", `{"enabled":false}`, 200, 0, ""},
		{"rename", `{"name":"renamed"}`, 200, 0, ""},
		{"new single time", `{"trigger":{"single":{"time":"` + newTime + `"}}}`, 200, 0, ""},
		{"re-enable and push", `{"enabled":true,"push":{"platform":["ios"],"audience":{"alias":["bob"]},"notification":{"alert":"x"}}}`, 200, 0, ""},
		{"empty object", `{}`, 400, 8100, "at least one of name, enabled, trigger, push"},
		{"not json", `nope`, 400, 8100, "request data is not json"},
		{"unknown section", `{"cid":"x"}`, 400, 8100, "cid is not a supported field"},
		{"partial trigger", `{"trigger":{"end":"2027-03-01 00:00:00"}}`, 400, 8100, "trigger.end is not a supported field"},
		{"switch to periodical", `{"trigger":{"periodical":{"start":"2027-01-02 00:00:00","end":"2027-02-01 00:00:00","time":"08:00:00","time_unit":"day","frequency":1}}}`, 400, 8100, "cannot change between single and periodical"},
		{"past time", `{"trigger":{"single":{"time":"2026-01-01 00:00:00"}}}`, 400, 8100, "in the future"},
		{"enabled string", `{"enabled":"false"}`, 400, 8100, "enabled must be a boolean"},
		{"bad name", `{"name":"a b"}`, 400, 8100, "name contains"},
		{"invalid push", `{"push":{"platform":"all","audience":"all"}}`, 400, 8100, "push must contain notification or message"},
	}
	for _, c := range cases {
		r := e.do("PUT", path, c.body)
		if r.status != c.status {
			t.Fatalf("%s: %d %s", c.name, r.status, r.body)
		}
		if c.status != 200 {
			if r.errCode(t) != c.code || !strings.Contains(r.errMsg(t), c.msg) {
				t.Fatalf("%s: %s", c.name, r.body)
			}
			continue
		}
		m := r.json(t)
		if _, has := m["schedule_id"]; has || len(m) != 4 {
			t.Fatalf("%s: PUT response must be the full schedule without schedule_id: %s", c.name, r.body)
		}
	}
	g := e.do("GET", path, nil).json(t)
	if g["name"] != "renamed" || g["enabled"] != true || g["trigger"].(map[string]any)["single"].(map[string]any)["time"] != newTime {
		t.Fatalf("after updates: %v", g)
	}
	if p := g["push"].(map[string]any); p["audience"].(map[string]any)["alias"] == nil {
		t.Fatalf("push not replaced wholesale: %v", p)
	}
	// Any Content-Type on PUT.
	r, err := e.raw("PUT", path, strings.NewReader(`{"name":"form_encoded"}`), true, map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if err != nil || r.status != 200 {
		t.Fatalf("form content type: %v %d %s", err, r.status, r.body)
	}
	// Unknown and non-UUID ids.
	for _, bad := range []string{newUUID(), "test-not-exist"} {
		if r := e.do("PUT", "/v3/schedules/"+bad, `{"name":"x"}`); r.status != 404 || r.errCode(t) != 8104 {
			t.Fatalf("PUT %s: %d %s", bad, r.status, r.body)
		}
	}
}

func TestUpdatePeriodical(t *testing.T) {
	e := newEnv(t)
	id := e.create(withTrigger(periodical(baseTime, baseTime.AddDate(0, 1, 0), "08:00:00", "week", 1, []string{"MON"})))
	body := map[string]any{"trigger": periodical(baseTime, baseTime.AddDate(0, 2, 0), "09:30:00", "month", 2, []string{"15"})}
	r := e.do("PUT", "/v3/schedules/"+id, body)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	p := r.json(t)["trigger"].(map[string]any)["periodical"].(map[string]any)
	if p["time_unit"] != "month" || p["frequency"] != float64(2) || p["time"] != "09:30:00" {
		t.Fatalf("periodical not replaced: %v", p)
	}
	if r := e.do("PUT", "/v3/schedules/"+id, `{"trigger":{"single":{"time":"2027-01-02 00:00:00"}}}`); r.status != 400 || !strings.Contains(r.errMsg(t), "cannot change") {
		t.Fatalf("switch: %d %s", r.status, r.body)
	}
}

func TestUpdateEchoSubmitted(t *testing.T) {
	e := newEnv(t)
	mode := "submitted"
	e.srv.Configure(Config{UpdateEcho: &mode})
	id := e.create(validSchedule())
	r := e.do("PUT", "/v3/schedules/"+id, `{"name":"renamed","enabled":false}`)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if m := r.json(t); len(m) != 2 || m["name"] != "renamed" || m["enabled"] != false {
		t.Fatalf("submitted echo must carry only the sections sent: %s", r.body)
	}
	// The stored schedule is whole all the same.
	if g := e.do("GET", "/v3/schedules/"+id, nil).json(t); g["name"] != "renamed" || g["push"] == nil || g["trigger"] == nil {
		t.Fatalf("stored schedule: %v", g)
	}
}

func TestDelete(t *testing.T) {
	e := newEnv(t)
	id := e.create(validSchedule())
	r := e.do("DELETE", "/v3/schedules/"+id, "null") // S1 quirk: null body
	if r.status != 200 || len(r.body) != 0 || r.header.Get("Content-Length") != "0" {
		t.Fatalf("delete: %d %q", r.status, r.body)
	}
	for _, m := range []string{"GET", "DELETE"} {
		if r := e.do(m, "/v3/schedules/"+id, nil); r.status != 404 || r.errCode(t) != 8104 {
			t.Fatalf("%s after delete: %d %s", m, r.status, r.body)
		}
	}
	if r := e.do("GET", "/v3/schedules/"+id+"/msg_ids", nil); r.status != 404 || r.errCode(t) != 8104 {
		t.Fatalf("msg_ids after delete: %d %s", r.status, r.body)
	}
	e.srv.Configure(Config{DeleteBody: ptr("json")})
	id = e.create(validSchedule())
	if r := e.do("DELETE", "/v3/schedules/"+id, nil); r.status != 200 || string(r.body) != "{}" {
		t.Fatalf("delete_body json: %d %q", r.status, r.body)
	}
}

func TestErrorCodeVariantDoc(t *testing.T) {
	e := newEnv(t)
	e.srv.Configure(Config{ErrorCodeVariant: ptr("doc")})
	if r := e.do("POST", "/v3/schedules", with(func(m map[string]any) { m["enabled"] = false })); r.status != 400 || r.errCode(t) != 8400 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	if r := e.do("DELETE", "/v3/schedules/"+newUUID(), nil); r.status != 404 || r.errCode(t) != 8404 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	id := e.create(validSchedule())
	if r := e.do("PUT", "/v3/schedules/"+id, `{}`); r.status != 400 || r.errCode(t) != 8100 {
		t.Fatalf("update validation keeps 8100: %d %s", r.status, r.body)
	}
}

func TestNormalizeEcho(t *testing.T) {
	e := newEnv(t)
	id := e.create(with(func(m map[string]any) {
		m["trigger"] = periodical(baseTime, baseTime.AddDate(0, 1, 0), "08:00:00", "week", 1, []string{"mon", "Fri"})
		m["push"].(map[string]any)["options"] = map[string]any{"time_to_live": 60}
	}))
	plain := e.do("GET", "/v3/schedules/"+id, nil).json(t)
	p := plain["trigger"].(map[string]any)["periodical"].(map[string]any)
	if p["time_unit"] != "week" || fmt.Sprint(p["point"]) != "[mon Fri]" {
		t.Fatalf("plain echo changed the case: %v", p)
	}
	if o := plain["push"].(map[string]any)["options"].(map[string]any); len(o) != 1 {
		t.Fatalf("plain echo added options: %v", o)
	}
	e.srv.Configure(Config{Normalize: ptr(true)})
	for _, path := range []string{"/v3/schedules/" + id, "/v3/schedules"} {
		r := e.do("GET", path, nil)
		m := r.json(t)
		if path == "/v3/schedules" {
			m = m["schedules"].([]any)[0].(map[string]any)
		}
		p := m["trigger"].(map[string]any)["periodical"].(map[string]any)
		if p["time_unit"] != "WEEK" || fmt.Sprint(p["point"]) != "[MON FRI]" {
			t.Fatalf("%s: normalized trigger %v", path, p)
		}
		o := m["push"].(map[string]any)["options"].(map[string]any)
		if o["time_to_live"] != float64(60) || o["apns_production"] != true || len(o) != 2 {
			t.Fatalf("%s: normalized options %v", path, o)
		}
	}
	// Options are added when absent; PUT echoes normalized too.
	r := e.do("PUT", "/v3/schedules/"+id, `{"push":{"platform":"all","audience":"all","notification":{"alert":"x"}}}`)
	o := r.json(t)["push"].(map[string]any)["options"].(map[string]any)
	if o["time_to_live"] != float64(86400) || o["apns_production"] != true {
		t.Fatalf("PUT normalized options %v", o)
	}
	// Month points are not upper-cased (digits) and day has no point.
	id2 := e.create(withTrigger(periodical(baseTime, baseTime.AddDate(0, 1, 0), "08:00:00", "day", 1, []string{})))
	p2 := e.do("GET", "/v3/schedules/"+id2, nil).json(t)["trigger"].(map[string]any)["periodical"].(map[string]any)
	if p2["time_unit"] != "DAY" || p2["point"] != nil {
		t.Fatalf("day echo %v", p2)
	}
}

func TestAuth(t *testing.T) {
	e := newEnv(t)
	id := e.create(validSchedule())
	for _, c := range []struct {
		method, path string
		code         int
		topLevel     bool
	}{
		{"POST", "/v3/schedules", 8101, false},
		{"GET", "/v3/schedules", 8101, false},
		{"GET", "/v3/schedules/" + id, 8101, false},
		{"GET", "/v3/schedules/" + id + "/msg_ids", 8101, false},
		{"PUT", "/v3/schedules/" + id, 8101, false},
		{"DELETE", "/v3/schedules/" + id, 8101, false},
		{"GET", "/v3/push/schedules", 8101, false},
		{"GET", "/v3/push/cid", 1004, false},
		{"POST", "/v3/push/template/schedule", 1004, true},
	} {
		for _, hdr := range []map[string]string{nil, {"Authorization": "Basic " + "Zm9vOmJhcg=="}, {"Authorization": "Bearer x"}} {
			r, err := e.raw(c.method, c.path, strings.NewReader(`{}`), false, hdr)
			if err != nil || r.status != 401 {
				t.Fatalf("%s %s: %v %d", c.method, c.path, err, r.status)
			}
			code := r.errCode(t)
			if c.topLevel {
				code = int(r.json(t)["code"].(float64))
			}
			if code != c.code || r.header.Get("X-Rate-Limit-Limit") == "" {
				t.Fatalf("%s %s: %s %v", c.method, c.path, r.body, r.header)
			}
		}
	}
	if _, ok := e.srv.Schedule(id); !ok {
		t.Fatal("unauthenticated DELETE removed the schedule")
	}
}

func TestQuirks(t *testing.T) {
	e := newEnv(t)
	// Trailing slash and Beijing prefix on create / list / get.
	r := e.do("POST", "/v3/schedules/", validSchedule())
	if r.status != 200 {
		t.Fatalf("POST trailing slash: %d %s", r.status, r.body)
	}
	id := r.json(t)["schedule_id"].(string)
	if r := e.do("POST", "/v3/push/schedules/", validSchedule()); r.status != 200 {
		t.Fatalf("POST Beijing: %d %s", r.status, r.body)
	}
	for _, p := range []string{"/v3/schedules/", "/v3/push/schedules", "/v3/push/schedules/?page=1"} {
		if r := e.do("GET", p, "null"); r.status != 200 || r.json(t)["total_count"] != float64(2) {
			t.Fatalf("GET %s: %d %s", p, r.status, r.body)
		}
	}
	for _, p := range []string{"/v3/schedules/" + id + "/", "/v3/push/schedules/" + id, "/v3/push/schedules/" + id + "/msg_ids/"} {
		if r := e.do("GET", p, "null"); r.status != 200 {
			t.Fatalf("GET %s: %d %s", p, r.status, r.body)
		}
	}
	if r := e.do("GET", "/v3/push/cid/?count=2&type=schedule", nil); r.status != 200 {
		t.Fatalf("cid trailing slash: %d", r.status)
	}
	st := e.srv.Stats()
	if st.Requests[RouteCreate] != 2 || st.Requests[RouteList] != 3 || st.Requests[RouteGet] != 2 || st.Requests[RouteMsgIDs] != 1 || st.Requests[RouteCID] != 1 {
		t.Fatalf("route keys: %v", st.Requests)
	}
	// HEAD / without auth (the SDK's DetectProto probe).
	r, err := e.raw("HEAD", "/", nil, false, nil)
	if err != nil || r.status != 200 || r.header.Get("X-Rate-Limit-Limit") != "100" || r.header.Get("Date") == "" {
		t.Fatalf("HEAD /: %v %d %v", err, r.status, r.header)
	}
	// Wrong method and unknown path.
	if r := e.do("PATCH", "/v3/schedules/"+id, `{}`); r.status != 405 {
		t.Fatalf("PATCH: %d", r.status)
	}
	if r := e.do("GET", "/v3/nothing", nil); r.status != 404 || r.header.Get("X-Rate-Limit-Remaining") == "" {
		t.Fatalf("unknown path: %d %v", r.status, r.header)
	}
}

func TestDateHeaderIsVirtual(t *testing.T) {
	e := newEnv(t)
	e.srv.Advance(36 * time.Hour)
	want := baseTime.Add(36 * time.Hour).UTC().Format(http.TimeFormat)
	for _, r := range []resp{
		e.do("GET", "/v3/schedules", nil),
		e.do("GET", "/v3/schedules/"+newUUID(), nil), // error responses too
		e.admin("GET", "clock", ""),
	} {
		if got := r.header.Get("Date"); got != want {
			t.Fatalf("Date %q, want %q", got, want)
		}
	}
}
