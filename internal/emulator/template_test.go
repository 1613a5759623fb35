package emulator

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

type tplResult struct {
	Code    json.RawMessage `json:"code"`
	Message string          `json:"message"`
	Data    struct {
		ScheduleList []struct {
			Code       json.RawMessage `json:"code"`
			Message    string          `json:"message"`
			ScheduleID string          `json:"schedule_id"`
			TraceID    string          `json:"trace_id"`
		} `json:"schedule_list"`
	} `json:"data"`
}

func tplBody(params ...map[string]any) map[string]any {
	return map[string]any{
		"id":            "tpl1",
		"schedule_name": "order_notice",
		"trigger":       map[string]any{"single": map[string]any{"time": wire(baseTime.Add(time.Hour))}},
		"params":        params,
	}
}

func param(trace string, aud any) map[string]any {
	return map[string]any{"keys": map[string]any{"title": "Hi " + trace, "content": "shipped"}, "audience": aud, "trace_id": trace}
}

func TestTemplateSchedule(t *testing.T) {
	e := newEnv(t)
	e.admin("POST", "templates", `{"id":"tpl1","keys":["title","content"]}`)

	// Success: one schedule per param, integer codes.
	p1 := param("req-001", map[string]any{"registration_id": []string{"1a0018970a1b2c3d4e5"}})
	p1["options"] = map[string]any{"test_model": true}
	r := e.do("POST", "/v3/push/template/schedule", tplBody(p1, param("req-002", map[string]any{"registration_id": []string{"1a0018970a1b2c3d4e6"}})))
	var res tplResult
	if err := json.Unmarshal(r.body, &res); err != nil || r.status != 200 || string(res.Code) != "0" || res.Message != "success" || len(res.Data.ScheduleList) != 2 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	for i, it := range res.Data.ScheduleList {
		if string(it.Code) != "0" || !reUUID4.MatchString(it.ScheduleID) || it.TraceID != []string{"req-001", "req-002"}[i] {
			t.Fatalf("item %d: %+v", i, it)
		}
	}
	g := e.do("GET", "/v3/schedules/"+res.Data.ScheduleList[0].ScheduleID, nil).json(t)
	push := g["push"].(map[string]any)
	if g["name"] != "order_notice" || push["notification"].(map[string]any)["alert"] != "Hi req-001 shipped" || push["options"] == nil {
		t.Fatalf("template schedule %v", g)
	}
	if st := e.srv.Stats(); st.Creates != 2 || st.Requests[RouteTemplate] != 1 {
		t.Fatalf("stats %+v", st)
	}

	// Per-param failures: HTTP 200, non-zero item codes, the valid param still created.
	missingKey := map[string]any{"keys": map[string]any{"title": "x"}, "audience": map[string]any{"alias": []string{"a"}}, "trace_id": "bad-keys"}
	extraKey := map[string]any{"keys": map[string]any{"title": "x", "content": "y", "extra": "z"}, "audience": map[string]any{"alias": []string{"b"}}, "trace_id": "extra"}
	badAud := param("bad-aud", map[string]any{"alias": []string{"has space"}})
	badOpt := param("bad-opt", map[string]any{"alias": []string{"c"}})
	badOpt["options"] = map[string]any{"time_to_live": -5}
	r = e.do("POST", "/v3/push/template/schedule", tplBody(param("ok", map[string]any{"alias": []string{"d"}}), missingKey, extraKey, badAud, badOpt))
	res = tplResult{}
	_ = json.Unmarshal(r.body, &res)
	if r.status != 200 || len(res.Data.ScheduleList) != 5 {
		t.Fatalf("partial: %d %s", r.status, r.body)
	}
	for i, it := range res.Data.ScheduleList {
		ok := string(it.Code) == "0" && it.ScheduleID != ""
		if (i == 0) != ok || (i > 0 && (string(it.Code) == "0" || it.Message == "")) {
			t.Fatalf("item %d: %+v", i, it)
		}
	}
	if !strings.Contains(res.Data.ScheduleList[1].Message, "keys.content is required") || !strings.Contains(res.Data.ScheduleList[2].Message, "keys.extra") {
		t.Fatalf("messages: %+v", res.Data.ScheduleList)
	}

	// Whole-request errors: HTTP 400 with a top-level integer code.
	for _, c := range []struct {
		name string
		body any
		msg  string
	}{
		{"not json", "{", "not json"},
		{"unknown template", with2(tplBody(param("a", "all")), "id", "nope"), "template nope does not exist"},
		{"missing id", with2(tplBody(param("a", "all")), "id", ""), "id is required"},
		{"empty params", tplBody(), "params must be a non-empty array"},
		{"bad schedule_name", with2(tplBody(param("a", "all")), "schedule_name", "a b"), "schedule_name contains"},
		{"past trigger", with2(tplBody(param("a", "all")), "trigger", map[string]any{"single": map[string]any{"time": "2026-01-01 00:00:00"}}), "in the future"},
		{"mixed audience across params", tplBody(param("a", map[string]any{"alias": []string{"a"}}), param("b", map[string]any{"registration_id": []string{"r"}})), "mix audience types"},
		{"mixed audience in a param", tplBody(param("a", map[string]any{"alias": []string{"a"}, "registration_id": []string{"r"}})), "mixes audience types"},
		{"broadcast with two params", tplBody(param("a", "all"), param("b", "all")), "exactly one param"},
		{"tag with two params", tplBody(param("a", map[string]any{"tag": []string{"x"}}), param("b", map[string]any{"tag_and": []string{"y"}})), "exactly one param"},
		{"registration ids over 1000", tplBody(param("a", map[string]any{"registration_id": manyStrings(600)}), param("b", map[string]any{"registration_id": manyStrings(600)})), "exceed 1000"},
	} {
		r := e.do("POST", "/v3/push/template/schedule", c.body)
		m := r.json(t)
		code, isNum := m["code"].(float64)
		if r.status != 400 || !isNum || code == 0 || !strings.Contains(m["message"].(string), c.msg) {
			t.Fatalf("%s: %d %s", c.name, r.status, r.body)
		}
	}
	// tag + tag_and + tag_not combine in one param.
	r = e.do("POST", "/v3/push/template/schedule", tplBody(param("t", map[string]any{"tag": []string{"x"}, "tag_not": []string{"y"}})))
	if r.status != 200 || !strings.Contains(string(r.body), `"code":0,"message":"success","schedule_id"`) {
		t.Fatalf("tag group: %d %s", r.status, r.body)
	}
	// Quota is reported per param.
	e.srv.Configure(Config{ScheduleQuota: ptr(e.srv.Stats().Schedules + 1)})
	r = e.do("POST", "/v3/push/template/schedule", tplBody(param("q1", map[string]any{"alias": []string{"a"}}), param("q2", map[string]any{"alias": []string{"b"}})))
	res = tplResult{}
	_ = json.Unmarshal(r.body, &res)
	if r.status != 200 || string(res.Data.ScheduleList[0].Code) != "0" || string(res.Data.ScheduleList[1].Code) != "8100" {
		t.Fatalf("quota: %s", r.body)
	}
}

func with2(m map[string]any, k string, v any) map[string]any { m[k] = v; return m }

func TestTemplateWithoutKeys(t *testing.T) {
	e := newEnv(t)
	e.srv.DefineTemplate("plain", nil)
	b := tplBody(map[string]any{"audience": "all"})
	b["id"] = "plain"
	r := e.do("POST", "/v3/push/template/schedule", b)
	if r.status != 200 || !strings.Contains(string(r.body), `"code":0`) {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

// TestTemplateRequestCodes pins the exact top-level code of each
// whole-request error, including those TestTemplateSchedule does not reach,
// and checks that none of them creates a schedule.
func TestTemplateRequestCodes(t *testing.T) {
	e := newEnv(t)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	without := func(k string) map[string]any { b := tplBody(param("a", "all")); delete(b, k); return b }
	for _, c := range []struct {
		name string
		body any
		code float64
		msg  string
	}{
		{"not json", "{", 1003, "request data is not json"},
		{"unsupported key", with2(tplBody(param("a", "all")), "cid", "c"), 1009, "cid is not a supported key"},
		{"missing id", without("id"), 1002, "id is required"},
		{"unknown template", with2(tplBody(param("a", "all")), "id", "nope"), 1003, "template nope does not exist"},
		{"missing schedule_name", without("schedule_name"), 1002, "schedule_name is required"},
		{"bad schedule_name", with2(tplBody(param("a", "all")), "schedule_name", "a b"), 1003, "schedule_name contains"},
		{"missing trigger", without("trigger"), 1002, "trigger is required"},
		{"bad trigger", with2(tplBody(param("a", "all")), "trigger", "soon"), 1003, "trigger must be an object"},
		{"params not an array", with2(tplBody(), "params", map[string]any{}), 1002, "params must be a non-empty array"},
		{"mixed audience in a param", tplBody(param("a", map[string]any{"alias": []string{"a"}, "registration_id": []string{"r"}})), 1003, "params[0].audience mixes audience types"},
		{"mixed audience across params", tplBody(param("a", map[string]any{"alias": []string{"a"}}), param("b", map[string]any{"registration_id": []string{"r"}})), 1003, "params mix audience types (alias and registration_id)"},
		{"segment with two params", tplBody(param("a", map[string]any{"segment": []string{"s"}}), param("b", map[string]any{"segment": []string{"s"}})), 1003, "audience segment allows exactly one param"},
		{"aliases over 1000", tplBody(param("a", map[string]any{"alias": manyStrings(600)}), param("b", map[string]any{"alias": manyStrings(401)})), 1003, "alias values over all params exceed 1000"},
	} {
		r := e.do("POST", "/v3/push/template/schedule", c.body)
		m := r.json(t)
		if r.status != 400 || m["code"] != c.code || !strings.HasPrefix(m["message"].(string), c.msg) {
			t.Errorf("%s: %d %s, want 400 code %v %q", c.name, r.status, r.body, c.code, c.msg)
		}
	}
	if st := e.srv.Stats(); st.Schedules != 0 || st.Creates != 0 {
		t.Fatalf("failed requests created schedules: %+v", st)
	}
	// Exactly 1000 aliases over all params is allowed.
	r := e.do("POST", "/v3/push/template/schedule", tplBody(param("a", map[string]any{"alias": manyStrings(600)}), param("b", map[string]any{"alias": manyStrings(400)})))
	if r.status != 200 || e.srv.Stats().Creates != 2 {
		t.Fatalf("1000 aliases: %d %s", r.status, r.body)
	}
}

// TestTemplateParamsAllFail: when no param passes, the answer is still 200
// with one failed item per param (a param that is not an object included),
// and nothing is created.
func TestTemplateParamsAllFail(t *testing.T) {
	e := newEnv(t)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	bad := param("bad-aud", map[string]any{"alias": []string{"has space"}})
	r := e.do("POST", "/v3/push/template/schedule", with2(tplBody(), "params", []any{"nope", bad}))
	var res tplResult
	if err := json.Unmarshal(r.body, &res); err != nil || r.status != 200 || string(res.Code) != "0" || len(res.Data.ScheduleList) != 2 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	it0, it1 := res.Data.ScheduleList[0], res.Data.ScheduleList[1]
	if string(it0.Code) != "1003" || it0.Message != "params[0] must be an object" || it0.ScheduleID != "" || it0.TraceID != "" {
		t.Errorf("item 0: %+v", it0)
	}
	if string(it1.Code) != "1003" || !strings.HasPrefix(it1.Message, "params[1].audience.alias[0]") || it1.ScheduleID != "" || it1.TraceID != "bad-aud" {
		t.Errorf("item 1: %+v", it1)
	}
	if st := e.srv.Stats(); st.Schedules != 0 || st.Creates != 0 {
		t.Fatalf("stats %+v", st)
	}
}
