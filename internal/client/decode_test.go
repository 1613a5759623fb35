package client

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestDecodeMsgIDs(t *testing.T) {
	raw := `{"count": 5, "msgids": [
		"12345567",
		"{\"msg_id\":\"18100512345678901\",\"error\":{\"code\":0,\"message\":\"\"},\"needRetry\":false,\"ts\":1772328600000}",
		"{\"msg_id\":\"2\",\"error\":{\"code\":1011,\"message\":\"cannot find user\"},\"needRetry\":true}",
		"{\"msg_id\":3,\"ts\":1772328600}",
		{"msg_id":"4","ts":"1772328600000"}
	]}`
	m, err := DecodeMsgIDs([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if m.Count != 5 || len(m.Items) != 5 {
		t.Fatalf("%+v", m)
	}
	want := time.UnixMilli(1772328600000).UTC()
	if it := m.Items[0]; !it.Legacy || it.MsgID != "12345567" || it.RunAt != nil {
		t.Fatalf("legacy: %+v", it)
	}
	if it := m.Items[1]; it.Legacy || it.MsgID != "18100512345678901" || it.RunAt == nil || !it.RunAt.Equal(want) || it.ErrorCode != 0 {
		t.Fatalf("new: %+v", it)
	}
	if it := m.Items[2]; it.ErrorCode != 1011 || it.ErrorMessage != "cannot find user" || !it.NeedRetry || it.RunAt != nil {
		t.Fatalf("failed run: %+v", it)
	}
	if it := m.Items[3]; it.MsgID != "3" || it.RunAt == nil || !it.RunAt.Equal(want) {
		t.Fatalf("seconds ts: %+v", it)
	}
	if it := m.Items[4]; it.MsgID != "4" || it.RunAt == nil || !it.RunAt.Equal(want) {
		t.Fatalf("object element: %+v", it)
	}

	for _, raw := range []string{`{"count": null, "msgids": ["1","2"]}`, `{"msgids": ["1","2"]}`} {
		m, err := DecodeMsgIDs([]byte(raw))
		if err != nil || m.Count != 2 {
			t.Fatalf("%s: %+v %v", raw, m, err)
		}
	}
	m, err = DecodeMsgIDs([]byte(`{"count":0,"msgids":null}`))
	if err != nil || m.Count != 0 || len(m.Items) != 0 {
		t.Fatalf("%+v %v", m, err)
	}
	for _, bad := range []string{``, `[]`, `{"msgids": "x"}`, `{"msgids": [true]}`} {
		if _, err := DecodeMsgIDs([]byte(bad)); err == nil {
			t.Errorf("DecodeMsgIDs(%q): want error", bad)
		}
	}
}

func TestDecodeError(t *testing.T) {
	cases := []struct {
		status      int
		ct, body    string
		code        int
		msgContains string
		bodyExcerpt bool
	}{
		{400, "application/json", `{"error":{"code":8100,"message":"The schedule-task is invalid: section is invalid"}}`, 8100, "section is invalid", false},
		{400, "application/json", `{"code":1003,"message":"template id invalid"}`, 1003, "template id invalid", false},
		{502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>", 0, "HTML", true},
		{500, "", "", 0, "empty", false},
		{503, "application/json", `{"error":{"code":82`, 0, "not JSON", true},
		{400, "application/json", `{"foo":1}`, 0, "no error code", true},
		{400, "application/json", `{"error":{"code":"8100","message":"x"}}`, 8100, "x", false},
	}
	for _, c := range cases {
		e := decodeError("POST", "/v3/schedules", c.status, c.ct, []byte(c.body))
		if e.Code != c.code || !strings.Contains(e.Error(), c.msgContains) || (e.Body != "") != c.bodyExcerpt {
			t.Errorf("%s: got %+v (%s)", c.body, e, e.Error())
		}
	}
	e := decodeError("POST", "/v3/schedules", 400, "", []byte(`{"error":{"code":8100,"message":"The schedule-task is invalid: x"}}`))
	if got := e.Error(); got != "jpush: POST /v3/schedules: HTTP 400, code 8100: The schedule-task is invalid: x" {
		t.Fatalf("Error() = %q", got)
	}
	long := decodeError("GET", "/x", 502, "text/plain", []byte(strings.Repeat("é\x00\n", 1000)))
	if len([]rune(long.Body)) > excerptLen+1 || strings.ContainsAny(long.Body, "\x00\n") {
		t.Fatalf("excerpt not sanitized: %q", long.Body)
	}
}

func TestErrorHelpers(t *testing.T) {
	mk := func(status, code int) error {
		return fmt.Errorf("wrapped: %w", &APIError{HTTPStatus: status, Code: code})
	}
	checks := []struct {
		name string
		fn   func(error) bool
		yes  []error
		no   []error
	}{
		{"IsNotFound", IsNotFound, []error{mk(404, 8104), mk(404, 0), mk(400, 8404)}, []error{mk(400, 8100), fmt.Errorf("x")}},
		{"IsRateLimited", IsRateLimited, []error{mk(429, 2002), mk(403, 2002)}, []error{mk(503, 8203)}},
		{"IsRetryable", IsRetryable, []error{mk(429, 0), mk(500, 8200), mk(503, 8203), mk(502, 0), mk(504, 0), mk(500, 1000), mk(503, 1030)}, []error{mk(400, 8100), mk(401, 8101), mk(404, 8104)}},
		{"IsAuth", IsAuth, []error{mk(401, 8101), mk(401, 1004), mk(403, 8101)}, []error{mk(403, 2003)}},
		{"IsValidation", IsValidation, []error{mk(400, 8100)}, []error{mk(404, 8104)}},
	}
	for _, c := range checks {
		for _, e := range c.yes {
			if !c.fn(e) {
				t.Errorf("%s(%v) = false", c.name, e)
			}
		}
		for _, e := range c.no {
			if c.fn(e) {
				t.Errorf("%s(%v) = true", c.name, e)
			}
		}
	}
}

func TestDecodeTemplateResult(t *testing.T) {
	r, err := decodeTemplateResult([]byte(`{"code":0,"message":"success","data":{"schedule_list":[{"code":0,"message":"success","schedule_id":"s1","trace_id":"a"},{"code":1003,"message":"bad","trace_id":"b"}]}}`))
	if err != nil || len(r.Items) != 2 || r.Items[0].ScheduleID != "s1" || r.Items[1].Code != 1003 {
		t.Fatalf("%+v %v", r, err)
	}
}

// listPage builds a list page of n schedules.
func listPage(n int) []byte {
	var sb strings.Builder
	fmt.Fprintf(&sb, `{"total_count":%d,"total_pages":1,"page":1,"schedules":[`, n)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"schedule_id":"0eac1b80-c2ac-4b69-948b-c65b34b9%04d","name":"digest_%d","enabled":true,`+
			`"trigger":{"periodical":{"start":"2027-01-01 00:00:00","end":"2027-06-30 23:59:59","time":"08:30:00","time_unit":"WEEK","frequency":1,"point":["MON","FRI"]}},`+
			`"push":{"platform":["android","ios"],"audience":{"tag":["vip"]},"notification":{"alert":"Your digest is ready","android":{"title":"Digest","extras":{"screen":"home"}},"ios":{"badge":"+1","sound":"default"}},"options":{"time_to_live":3600,"apns_production":false}}}`, i, i)
	}
	sb.WriteString("]}")
	return []byte(sb.String())
}

func TestDecodeScheduleList(t *testing.T) {
	l, err := DecodeScheduleList(listPage(50))
	if err != nil || len(l.Schedules) != 50 || l.Schedules[49].Trigger.Periodical.Point[1] != "FRI" {
		t.Fatalf("%v", err)
	}
	s, err := DecodeSchedule([]byte(`{"schedule_id":"x","name":"n","enabled":false,"trigger":{"single":{"time":"2027-01-01 09:00:00"}},"push":{"platform":"all"}}`))
	if err != nil || s.ID != "x" || s.Trigger.Single.Time != "2027-01-01 09:00:00" || string(s.Push) != `{"platform":"all"}` {
		t.Fatalf("%+v %v", s, err)
	}
}

func BenchmarkDecodeScheduleListPage(b *testing.B) {
	raw := listPage(50)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeScheduleList(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzDecodeSchedule(f *testing.F) {
	f.Add([]byte(`{"schedule_id":"x","name":"n","enabled":true,"trigger":{"single":{"time":"2027-01-01 09:00:00"}},"push":{"platform":"all","audience":"all","notification":{"alert":"a"}}}`))
	f.Add([]byte(`{"trigger":{"periodical":{"start":"2027-01-01 00:00:00","end":"2027-06-30 23:59:59","time":"08:30:00","time_unit":"week","frequency":1,"point":null}},"push":null}`))
	f.Add([]byte(`{"push":{"platform":["android"],"audience":{"all":true,"tag":[]},"options":{"apns_production":"false"}}}`))
	f.Add(listPage(2))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"schedule_id":5}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if s, err := DecodeSchedule(b); err == nil && len(s.Push) > 0 {
			if p, err := DecodePush(s.Push); err == nil {
				if _, err := EncodePush(p); err != nil {
					t.Fatalf("re-encode of a decoded push failed: %v", err)
				}
			}
			_, _ = CanonicalPush(s.Push)
		}
		_, _ = DecodeScheduleList(b)
		_, _ = DecodePush(b)
		_, _ = CanonicalPush(b)
	})
}

func FuzzDecodeMsgIDs(f *testing.F) {
	f.Add([]byte(`{"count":1,"msgids":["123"]}`))
	f.Add([]byte(`{"count":null,"msgids":["{\"msg_id\":\"1\",\"error\":{\"code\":0,\"message\":\"\"},\"needRetry\":false,\"ts\":1772328600000}"]}`))
	f.Add([]byte(`{"msgids":[{"msg_id":1,"ts":"99999999999999999999"}]}`))
	f.Add([]byte(`{"count":"2","msgids":["{bad}", 17]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeMsgIDs(b)
		if err == nil && m == nil {
			t.Fatal("nil result without error")
		}
	})
}

func FuzzDecodeError(f *testing.F) {
	f.Add(400, "application/json", []byte(`{"error":{"code":8100,"message":"x"}}`))
	f.Add(403, "application/json", []byte(`{"code":2003,"message":"black"}`))
	f.Add(502, "text/html", []byte(`<html><body>bad gateway</body></html>`))
	f.Add(500, "", []byte{0xff, 0xfe, '<', 0})
	f.Add(200, "application/json", []byte(`{"error":{"code":1e400}}`))
	f.Fuzz(func(t *testing.T, status int, ct string, body []byte) {
		e := decodeError("GET", "/v3/schedules", status, ct, body)
		if e == nil {
			t.Fatal("nil error")
		}
		msg := e.Error()
		if len(e.Body) > 4*excerptLen+4 || strings.ContainsAny(e.Body, "\n\r\x00") {
			t.Fatalf("unsanitized excerpt %q", e.Body)
		}
		_ = msg
		_ = json.Valid(body)
	})
}
