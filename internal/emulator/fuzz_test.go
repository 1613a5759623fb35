package emulator

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"
	"time"
)

// FuzzCreateBody posts arbitrary bytes to create: no panic, always a JSON answer with a sane status.
func FuzzCreateBody(f *testing.F) {
	f.Add(mustJSON(validSchedule()))
	f.Add(mustJSON(withTrigger(periodical(baseTime, baseTime.AddDate(0, 1, 0), "08:00:00", "week", 2, []string{"MON", "sun"}))))
	f.Add(mustJSON(withTrigger(periodical(baseTime, baseTime.AddDate(0, 3, 0), "23:59:59", "month", 1, []string{"31"}))))
	f.Add([]byte(`{"name":"a","enabled":true,"trigger":{"single":{"time":"2027-02-29 00:00:00"}},"push":{"platform":["android"],"audience":{"tag":["x"]},"notification":{"android":{"alert":""}}}}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"trigger":{"periodical":{"frequency":1e400}}}`))
	f.Add([]byte(`[1,2,3]`))
	f.Add([]byte("{\"name\":\"\xff\"}"))
	clk := &fakeClock{t: baseTime}
	emu := New(Options{Now: clk.Now})
	emu.Configure(Config{RateLimitPerMinute: ptr(0), ScheduleQuota: ptr(1 << 30)})
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest("POST", "/v3/schedules", bytes.NewReader(body))
		req.SetBasicAuth(DefaultAppKey, DefaultMasterSecret)
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, req)
		if rec.Code != 200 && rec.Code != 400 {
			t.Fatalf("status %d for %q", rec.Code, body)
		}
		var m map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
			t.Fatalf("non-JSON answer %q: %v", rec.Body, err)
		}
		if rec.Code == 200 {
			if id, _ := m["schedule_id"].(string); !reUUID4.MatchString(id) {
				t.Fatalf("bad create answer %s", rec.Body)
			}
			emu.Advance(time.Duration(len(body)) * time.Minute) // exercise firing too
			emu.SetNow(baseTime)
		} else if e, _ := m["error"].(map[string]any); e == nil {
			t.Fatalf("error without envelope: %s", rec.Body)
		}
	})
}
