package emulator

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestMsgIDsVisibility: development/jpush-api.md §10, msg_ids of a fired schedule. A fired single schedule
// answers GET with 404/8104 by default while its msg_ids stay readable; each
// of the two has its own switch (expired_visible, msg_ids_visible).
func TestMsgIDsVisibility(t *testing.T) {
	for _, c := range []struct {
		config            string // PUT /_emulator/config body; "" keeps the defaults
		getOK, msgIDsOK   bool
		wantCfgSubstrings []string
	}{
		{"", false, true, []string{`"expired_visible":false`, `"msg_ids_visible":true`}},
		{`{"msg_ids_visible":false}`, false, false, []string{`"msg_ids_visible":false`}},
		{`{"expired_visible":true}`, true, true, []string{`"expired_visible":true`, `"msg_ids_visible":true`}},
		{`{"expired_visible":true,"msg_ids_visible":false}`, true, false, []string{`"expired_visible":true`, `"msg_ids_visible":false`}},
	} {
		t.Run(fmt.Sprintf("config=%s", c.config), func(t *testing.T) {
			e := newEnv(t)
			if c.config != "" {
				e.admin("PUT", "config", c.config)
			}
			cfg := string(e.admin("GET", "config", "").body)
			for _, s := range c.wantCfgSubstrings {
				if !strings.Contains(cfg, s) {
					t.Fatalf("config %s lacks %s", cfg, s)
				}
			}
			id := e.create(validSchedule()) // fires at 01:00
			e.srv.Advance(2 * time.Hour)
			if len(e.srv.ScheduleIDs()) != 0 {
				t.Fatal("the single schedule did not expire after firing")
			}
			g := e.do("GET", "/v3/schedules/"+id, nil)
			if ok := g.status == 200; ok != c.getOK || (!ok && (g.status != 404 || g.errCode(t) != 8104)) {
				t.Fatalf("GET of the fired schedule: %d %s, want visible=%v", g.status, g.body, c.getOK)
			}
			m := e.do("GET", "/v3/schedules/"+id+"/msg_ids", nil)
			if !c.msgIDsOK {
				if m.status != 404 || m.errCode(t) != 8104 {
					t.Fatalf("hidden msg_ids: %d %s", m.status, m.body)
				}
				return
			}
			if runs := e.runs(id); len(runs) != 1 || !runs[0].Equal(baseTime.Add(time.Hour)) {
				t.Fatalf("msg_ids of the fired schedule: runs %v", runs)
			}
		})
	}
}

// TestMsgIDsVisibilityDeleted: the switch is about fired and ended
// schedules; a deleted one is gone from every route.
func TestMsgIDsVisibilityDeleted(t *testing.T) {
	e := newEnv(t)
	id := e.create(validSchedule())
	e.srv.Advance(2 * time.Hour)
	if r := e.do("DELETE", "/v3/schedules/"+id, nil); r.status != 404 {
		t.Fatalf("DELETE of a fired, hidden schedule: %d %s", r.status, r.body)
	}
	e.admin("PUT", "config", `{"expired_visible":true}`)
	if r := e.do("DELETE", "/v3/schedules/"+id, nil); r.status != 200 {
		t.Fatalf("DELETE of a fired, visible schedule: %d %s", r.status, r.body)
	}
	if r := e.do("GET", "/v3/schedules/"+id+"/msg_ids", nil); r.status != 404 || r.errCode(t) != 8104 {
		t.Fatalf("msg_ids after delete: %d %s", r.status, r.body)
	}
}

func TestMsgIDsVisibleFlagValidation(t *testing.T) {
	e := newEnv(t)
	r, _ := e.raw("PUT", "/_emulator/config", strings.NewReader(`{"msg_ids_visible":"yes"}`), false, nil)
	if r.status != 400 {
		t.Fatalf("msg_ids_visible as a string: %d %s", r.status, r.body)
	}
	e.admin("PUT", "config", `{"msg_ids_visible":false}`)
	e.admin("POST", "reset", "")
	if !strings.Contains(string(e.admin("GET", "config", "").body), `"msg_ids_visible":true`) {
		t.Fatal("reset did not restore msg_ids_visible=true")
	}
}
