package emulator

import (
	"strings"
	"testing"
	"time"
)

func with(f func(m map[string]any)) map[string]any {
	m := validSchedule()
	f(m)
	return m
}

func withTrigger(tr map[string]any) map[string]any {
	return with(func(m map[string]any) { m["trigger"] = tr })
}

func withPush(f func(p map[string]any)) map[string]any {
	return with(func(m map[string]any) { f(m["push"].(map[string]any)) })
}

type vcase struct {
	name   string
	body   any
	status int    // 0 = 400
	code   int    // 0 = 8100 (when status is 400)
	msg    string // substring of the error message
}

func runCreateCases(t *testing.T, cases []vcase) {
	t.Helper()
	e := newEnv(t)
	e.srv.Configure(Config{ScheduleQuota: ptr(10000), RateLimitPerMinute: ptr(0)})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			r := e.do("POST", "/v3/schedules", c.body)
			want := c.status
			if want == 0 {
				want = 400
			}
			if r.status != want {
				t.Fatalf("status %d, want %d: %s", r.status, want, r.body)
			}
			if want == 200 {
				m := r.json(t)
				if len(m) != 2 || m["schedule_id"] == "" || m["name"] == nil {
					t.Fatalf("create response %s", r.body)
				}
				return
			}
			code := c.code
			if code == 0 {
				code = 8100
			}
			if got := r.errCode(t); got != code {
				t.Fatalf("code %d, want %d: %s", got, code, r.body)
			}
			if msg := r.errMsg(t); !strings.Contains(msg, c.msg) {
				t.Fatalf("message %q does not contain %q", msg, c.msg)
			}
			if code == 8100 && !strings.HasPrefix(r.errMsg(t), "The schedule-task is invalid: ") {
				t.Fatalf("message %q lacks the 8100 prefix", r.errMsg(t))
			}
		})
	}
}

func TestCreateScheduleRules(t *testing.T) {
	now := baseTime
	day := func(n int) time.Time { return now.AddDate(0, 0, n) }
	runCreateCases(t, []vcase{
		{name: "valid single", body: validSchedule(), status: 200},
		{name: "not json", body: "{", msg: "request data is not json"},
		{name: "json array", body: "[]", msg: "request data is not json"},
		{name: "json null", body: "null", msg: "request data is not json"},
		{name: "trailing garbage", body: `{"name":"a"} x`, msg: "request data is not json"},
		{name: "unknown top-level key", body: with(func(m map[string]any) { m["expired"] = false }), msg: "expired is not a supported field"},
		// name
		{name: "name missing", body: with(func(m map[string]any) { delete(m, "name") }), msg: "name is required"},
		{name: "name empty", body: with(func(m map[string]any) { m["name"] = "" }), msg: "name must not be empty"},
		{name: "name 255 bytes", body: with(func(m map[string]any) { m["name"] = strings.Repeat("a", 255) }), status: 200},
		{name: "name 256 bytes", body: with(func(m map[string]any) { m["name"] = strings.Repeat("a", 256) }), msg: "name is 256 bytes long"},
		{name: "name 85 CJK = 255 bytes", body: with(func(m map[string]any) { m["name"] = strings.Repeat("推", 85) }), status: 200},
		{name: "name 86 CJK = 258 bytes", body: with(func(m map[string]any) { m["name"] = strings.Repeat("推", 86) }), msg: "name is 258 bytes long"},
		{name: "name CJK letters digits underscore", body: with(func(m map[string]any) { m["name"] = "每日_Digest_01" }), status: 200},
		{name: "name with space", body: with(func(m map[string]any) { m["name"] = "daily digest" }), msg: "name contains"},
		{name: "name with dash", body: with(func(m map[string]any) { m["name"] = "daily-digest" }), msg: "name contains"},
		{name: "name not a string", body: with(func(m map[string]any) { m["name"] = 5 }), msg: "name must be a string"},
		// enabled
		{name: "enabled missing", body: with(func(m map[string]any) { delete(m, "enabled") }), msg: "enabled is required"},
		{name: "enabled false", body: with(func(m map[string]any) { m["enabled"] = false }), msg: "enabled must be true on create"},
		{name: "enabled string", body: with(func(m map[string]any) { m["enabled"] = "true" }), msg: "enabled must be a boolean"},
		// trigger shape
		{name: "trigger missing", body: with(func(m map[string]any) { delete(m, "trigger") }), msg: "trigger is required"},
		{name: "trigger not object", body: withTrigger(nil), msg: "trigger is required"},
		{name: "trigger empty", body: withTrigger(map[string]any{}), msg: "exactly one of single and periodical"},
		{name: "trigger both", body: withTrigger(map[string]any{
			"single":     map[string]any{"time": wire(now.Add(time.Hour))},
			"periodical": periodical(now, day(10), "08:00:00", "day", 1, nil)["periodical"],
		}), msg: "not both"},
		{name: "trigger unknown kind", body: withTrigger(map[string]any{"cron": "* * *"}), msg: "trigger.cron is not a supported field"},
		// single
		{name: "single zero padded missing", body: withTrigger(map[string]any{"single": map[string]any{"time": "2027-1-01 01:00:00"}}), msg: "trigger.single.time must be formatted"},
		{name: "single without seconds", body: withTrigger(map[string]any{"single": map[string]any{"time": "2027-01-01 01:00"}}), msg: "trigger.single.time must be formatted"},
		{name: "single RFC3339", body: withTrigger(map[string]any{"single": map[string]any{"time": "2027-01-01T01:00:00+08:00"}}), msg: "trigger.single.time must be formatted"},
		{name: "single Feb 30", body: withTrigger(map[string]any{"single": map[string]any{"time": "2027-02-30 01:00:00"}}), msg: "not a valid date"},
		{name: "single hour 24", body: withTrigger(map[string]any{"single": map[string]any{"time": "2027-01-02 24:00:00"}}), msg: "not a valid date"},
		{name: "single number", body: withTrigger(map[string]any{"single": map[string]any{"time": 1798732800}}), msg: "trigger.single.time must be a string"},
		{name: "single in past", body: withTrigger(map[string]any{"single": map[string]any{"time": "2026-12-31 23:59:59"}}), msg: "in the future"},
		{name: "single equal now", body: withTrigger(map[string]any{"single": map[string]any{"time": "2027-01-01 00:00:00"}}), msg: "in the future"},
		{name: "single one second ahead", body: withTrigger(map[string]any{"single": map[string]any{"time": "2027-01-01 00:00:01"}}), status: 200},
		{name: "single exactly one year", body: withTrigger(map[string]any{"single": map[string]any{"time": "2028-01-01 00:00:00"}}), status: 200},
		{name: "single beyond one year", body: withTrigger(map[string]any{"single": map[string]any{"time": "2028-01-01 00:00:01"}}), msg: "at most one year"},
		{name: "single unknown key", body: withTrigger(map[string]any{"single": map[string]any{"time": wire(now.Add(time.Hour)), "zone": "UTC"}}), msg: "trigger.single.zone"},
		// periodical
		{name: "periodical valid day", body: withTrigger(periodical(now, day(30), "08:00:00", "day", 1, nil)), status: 200},
		{name: "periodical start in past ok", body: withTrigger(periodical(day(-10), day(30), "08:00:00", "day", 1, nil)), status: 200},
		{name: "periodical bad start", body: withTrigger(map[string]any{"periodical": map[string]any{"start": "2027-01-01", "end": wire(day(3)), "time": "08:00:00", "time_unit": "day", "frequency": 1}}), msg: "trigger.periodical.start must be formatted"},
		{name: "periodical bad end", body: withTrigger(map[string]any{"periodical": map[string]any{"start": wire(now), "end": "2027-13-01 00:00:00", "time": "08:00:00", "time_unit": "day", "frequency": 1}}), msg: "trigger.periodical.end is not a valid"},
		{name: "periodical end before start", body: withTrigger(periodical(day(5), day(4), "08:00:00", "day", 1, nil)), msg: "trigger.periodical.end must be after"},
		{name: "periodical end equals start", body: withTrigger(periodical(day(5), day(5), "08:00:00", "day", 1, nil)), msg: "trigger.periodical.end must be after"},
		{name: "periodical span exactly one year", body: withTrigger(periodical(now, now.AddDate(1, 0, 0), "08:00:00", "day", 1, nil)), status: 200},
		{name: "periodical span over one year", body: withTrigger(periodical(now, now.AddDate(1, 0, 0).Add(time.Second), "08:00:00", "day", 1, nil)), msg: "at most one year"},
		{name: "periodical ended", body: withTrigger(periodical(day(-30), day(-1), "08:00:00", "day", 1, nil)), msg: "end must be in the future"},
		{name: "periodical time not padded", body: withTrigger(periodical(now, day(3), "8:00:00", "day", 1, nil)), msg: "trigger.periodical.time must be formatted HH:MM:SS"},
		{name: "periodical time 24h", body: withTrigger(periodical(now, day(3), "24:00:00", "day", 1, nil)), msg: "trigger.periodical.time must be a time of day"},
		{name: "periodical time missing seconds", body: withTrigger(periodical(now, day(3), "08:00", "day", 1, nil)), msg: "trigger.periodical.time must be formatted"},
		{name: "time_unit HOUR", body: withTrigger(periodical(now, day(3), "08:00:00", "HOUR", 1, nil)), msg: "trigger.periodical.time_unit must be one of day, week, month"},
		{name: "time_unit mixed case", body: withTrigger(periodical(now, day(3), "08:00:00", "DAy", 1, nil)), status: 200},
		{name: "time_unit missing", body: withTrigger(map[string]any{"periodical": map[string]any{"start": wire(now), "end": wire(day(3)), "time": "08:00:00", "frequency": 1}}), msg: "time_unit must be one of"},
		{name: "frequency 0", body: withTrigger(periodical(now, day(3), "08:00:00", "day", 0, nil)), msg: "trigger.periodical.frequency is "},
		{name: "frequency 101", body: withTrigger(periodical(now, day(300), "08:00:00", "day", 101, nil)), msg: "trigger.periodical.frequency is "},
		{name: "frequency 100", body: withTrigger(periodical(now, day(300), "08:00:00", "day", 100, nil)), status: 200},
		{name: "frequency string", body: withTrigger(periodical(now, day(3), "08:00:00", "day", "2", nil)), msg: "trigger.periodical.frequency must be an integer"},
		{name: "frequency float", body: withTrigger(periodical(now, day(3), "08:00:00", "day", 1.5, nil)), msg: "trigger.periodical.frequency must be an integer"},
		{name: "frequency missing", body: withTrigger(map[string]any{"periodical": map[string]any{"start": wire(now), "end": wire(day(3)), "time": "08:00:00", "time_unit": "day"}}), msg: "frequency must be an integer"},
		{name: "day point null", body: withTrigger(map[string]any{"periodical": map[string]any{"start": wire(now), "end": wire(day(3)), "time": "08:00:00", "time_unit": "day", "frequency": 1, "point": nil}}), status: 200},
		{name: "day point empty", body: withTrigger(periodical(now, day(3), "08:00:00", "day", 1, []string{})), status: 200},
		{name: "day point set", body: withTrigger(periodical(now, day(3), "08:00:00", "day", 1, []string{"MON"})), msg: "trigger.periodical.point must be omitted"},
		{name: "week points mixed case", body: withTrigger(periodical(now, day(30), "08:00:00", "week", 1, []string{"mon", "Fri"})), status: 200},
		{name: "week point missing", body: withTrigger(periodical(now, day(30), "08:00:00", "week", 1, nil)), msg: "trigger.periodical.point is required"},
		{name: "week point empty", body: withTrigger(periodical(now, day(30), "08:00:00", "WEEK", 1, []string{})), msg: "trigger.periodical.point is required"},
		{name: "week point bad token", body: withTrigger(periodical(now, day(30), "08:00:00", "week", 1, []string{"MONDAY"})), msg: "is not a week day"},
		{name: "week point duplicate", body: withTrigger(periodical(now, day(30), "08:00:00", "week", 1, []string{"MON", "mon"})), msg: "trigger.periodical.point[1] \"mon\" is listed twice"},
		{name: "week point not string", body: withTrigger(periodical(now, day(30), "08:00:00", "week", 1, []any{1})), msg: "trigger.periodical.point[0] must be a string"},
		{name: "point not array", body: withTrigger(periodical(now, day(30), "08:00:00", "week", 1, "MON")), msg: "trigger.periodical.point must be an array"},
		{name: "month point valid", body: withTrigger(periodical(now, day(90), "08:00:00", "month", 1, []string{"01", "15", "31"})), status: 200},
		{name: "month point one digit", body: withTrigger(periodical(now, day(90), "08:00:00", "month", 1, []string{"1"})), msg: "is not a day of the month"},
		{name: "month point 32", body: withTrigger(periodical(now, day(90), "08:00:00", "month", 1, []string{"32"})), msg: "is not a day of the month"},
		{name: "month point 00", body: withTrigger(periodical(now, day(90), "08:00:00", "month", 1, []string{"00"})), msg: "is not a day of the month"},
		{name: "month point missing", body: withTrigger(periodical(now, day(90), "08:00:00", "month", 1, nil)), msg: "point is required"},
		{name: "first fire after end (day)", body: withTrigger(periodical(now, now.Add(5*time.Hour), "08:00:00", "day", 1, nil)), msg: "first fire time is after end"},
		{name: "first fire at end (day)", body: withTrigger(periodical(now, now.Add(8*time.Hour), "08:00:00", "day", 1, nil)), status: 200},
		// 2027-01-01 is a Friday: a MON point needs the window to reach Monday 2027-01-04.
		{name: "first fire after end (week)", body: withTrigger(periodical(now, day(3), "08:00:00", "week", 1, []string{"MON"})), msg: "first fire time is after end"},
		{name: "first fire within (week)", body: withTrigger(periodical(now, day(4), "08:00:00", "week", 1, []string{"MON"})), status: 200},
		// February has no 30th: start 2027-02-01, end 2027-02-28, point 30 never fires.
		{name: "first fire after end (month skips missing day)", body: withTrigger(periodical(time.Date(2027, 2, 1, 0, 0, 0, 0, shanghai), time.Date(2027, 2, 28, 23, 0, 0, 0, shanghai), "08:00:00", "month", 1, []string{"30"})), msg: "first fire time is after end"},
		{name: "periodical unknown key", body: withTrigger(map[string]any{"periodical": map[string]any{"start": wire(now), "end": wire(day(3)), "time": "08:00:00", "time_unit": "day", "frequency": 1, "zone_type": 1}}), msg: "trigger.periodical.zone_type"},
		// push presence
		{name: "push missing", body: with(func(m map[string]any) { delete(m, "push") }), msg: "push is required"},
		{name: "push not object", body: with(func(m map[string]any) { m["push"] = "all" }), msg: "push must be an object"},
	})
}

func TestCreatePushRules(t *testing.T) {
	long := strings.Repeat("x", 4001)
	runCreateCases(t, []vcase{
		{name: "platform array", body: withPush(func(p map[string]any) {
			p["platform"] = []string{"android", "ios", "hmos", "quickapp"}
			p["notification"] = map[string]any{"alert": "a", "hmos": map[string]any{"alert": "h", "push_type": 0}, "quickapp": map[string]any{"alert": "a", "title": "t", "page": "/p"}}
		}), status: 200},
		{name: "platform missing", body: withPush(func(p map[string]any) { delete(p, "platform") }), msg: "push.platform must be"},
		{name: "platform empty array", body: withPush(func(p map[string]any) { p["platform"] = []string{} }), msg: "push.platform must be"},
		{name: "platform unknown", body: withPush(func(p map[string]any) { p["platform"] = []string{"winphone"} }), msg: "push.platform[0] must be one of"},
		{name: "platform upper case", body: withPush(func(p map[string]any) { p["platform"] = []string{"ANDROID"} }), msg: "push.platform[0]"},
		{name: "platform duplicate", body: withPush(func(p map[string]any) { p["platform"] = []string{"ios", "ios"} }), msg: "push.platform[1] duplicates"},
		{name: "platform other string", body: withPush(func(p map[string]any) { p["platform"] = "android" }), msg: "push.platform must be"},
		{name: "push unknown key", body: withPush(func(p map[string]any) { p["foo"] = 1 }), msg: "push.foo is not a supported key"},
		{name: "push cid ignored", body: withPush(func(p map[string]any) { p["cid"] = "whatever" }), status: 200},
		// audience
		{name: "audience missing", body: withPush(func(p map[string]any) { delete(p, "audience") }), msg: "push.audience must be"},
		{name: "audience tag", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"tag": []string{"vip", "北京", "a@b.c"}} }), status: 200},
		{name: "audience empty object", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{} }), msg: "at least one non-empty audience key"},
		{name: "audience only empty arrays", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"tag": []string{}, "alias": []string{}} }), msg: "at least one non-empty"},
		{name: "audience unknown key", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"all": true} }), msg: "push.audience.all is not an audience key"},
		{name: "audience 21 tags", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"tag": manyStrings(21)} }), msg: "push.audience.tag may contain at most 20"},
		{name: "audience 20 tag_and", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"tag_and": manyStrings(20)} }), status: 200},
		{name: "audience 21 tag_not", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"tag_not": manyStrings(21)} }), msg: "push.audience.tag_not may contain at most 20"},
		{name: "audience tag 41 bytes", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"tag": []string{strings.Repeat("a", 41)}} }), msg: "push.audience.tag[0] is 41 bytes long"},
		{name: "audience tag bad char", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"tag": []string{"a b"}} }), msg: "push.audience.tag[0]"},
		{name: "audience tag empty string", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"tag": []string{""}} }), msg: "push.audience.tag[0]"},
		{name: "audience alias 1000", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"alias": manyStrings(1000)} }), status: 200},
		{name: "audience alias 1001", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"alias": manyStrings(1001)} }), msg: "push.audience.alias may contain at most 1000"},
		{name: "audience registration_id 1001", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"registration_id": manyStrings(1001)} }), msg: "registration_id may contain at most 1000"},
		{name: "audience segment two", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"segment": []string{"a", "b"}} }), msg: "push.audience.segment must contain exactly one"},
		{name: "audience abtest one", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"abtest": []string{"a"}} }), status: 200},
		{name: "audience live_activity_id alone", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"live_activity_id": "la1"} }), status: 200},
		{name: "audience live_activity_id combined", body: withPush(func(p map[string]any) {
			p["audience"] = map[string]any{"live_activity_id": "la1", "tag": []string{"a"}}
		}), msg: "live_activity_id cannot be combined"},
		{name: "audience file", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"file": map[string]any{"file_id": "f1"}} }), status: 200},
		{name: "audience file empty id", body: withPush(func(p map[string]any) { p["audience"] = map[string]any{"file": map[string]any{"file_id": ""}} }), msg: "push.audience.file.file_id"},
		// notification / message / live_activity
		{name: "neither notification nor message", body: withPush(func(p map[string]any) { delete(p, "notification") }), msg: "push must contain notification or message"},
		{name: "message only", body: withPush(func(p map[string]any) { delete(p, "notification"); p["message"] = map[string]any{"msg_content": "hi"} }), status: 200},
		{name: "message without content", body: withPush(func(p map[string]any) { p["message"] = map[string]any{"title": "t"} }), msg: "push.message.msg_content is required"},
		{name: "live_activity alone", body: withPush(func(p map[string]any) {
			delete(p, "notification")
			p["live_activity"] = map[string]any{"ios": map[string]any{"event": "end"}}
		}), status: 200},
		{name: "live_activity with notification", body: withPush(func(p map[string]any) { p["live_activity"] = map[string]any{"ios": map[string]any{}} }), msg: "live_activity cannot be combined"},
		{name: "notification empty", body: withPush(func(p map[string]any) { p["notification"] = map[string]any{} }), msg: "push.notification must not be empty"},
		{name: "android alert empty with notification.alert ok", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"alert": "common", "android": map[string]any{"alert": "", "title": "t"}}
		}), status: 200},
		// Shared rule (internal/rules): an Android notification needs text.
		{name: "android alert empty without notification.alert", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"android": map[string]any{"alert": "", "title": "t"}}
		}), msg: "push.notification.android.alert must not be empty"},
		{name: "android alert missing", body: withPush(func(p map[string]any) { p["notification"] = map[string]any{"android": map[string]any{"title": "t"}} }), msg: "push.notification.android.alert is required"},
		{name: "android priority 3", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"android": map[string]any{"alert": "a", "priority": 3}}
		}), msg: "push.notification.android.priority must be -2..2"},
		{name: "android priority -2", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"android": map[string]any{"alert": "a", "priority": -2}}
		}), status: 200},
		{name: "android style 4", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"android": map[string]any{"alert": "a", "style": 4}}
		}), msg: "push.notification.android.style must be 0..3"},
		{name: "android alert_type 8", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"android": map[string]any{"alert": "a", "alert_type": 8}}
		}), msg: "alert_type must be -1..7"},
		{name: "android badge_add_num 0", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"android": map[string]any{"alert": "a", "badge_add_num": 0}}
		}), msg: "badge_add_num must be 1..99"},
		{name: "android badge_set_num 100", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"android": map[string]any{"alert": "a", "badge_set_num": 100}}
		}), msg: "badge_set_num must be 0..99"},
		{name: "ios alert null tolerated", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"alert": "a", "ios": map[string]any{"alert": nil, "badge": "+1", "sound": "default"}}
		}), status: 200},
		{name: "ios alert object", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"ios": map[string]any{"alert": map[string]any{"title": "t", "body": "b"}}}
		}), status: 200},
		{name: "ios badge bad", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"ios": map[string]any{"alert": "a", "badge": "+100"}}
		}), msg: "push.notification.ios.badge"},
		{name: "ios interruption-level bad", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"ios": map[string]any{"alert": "a", "interruption-level": "urgent"}}
		}), msg: "interruption-level must be one of"},
		{name: "ios interruption-level ok", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"ios": map[string]any{"alert": "a", "interruption-level": "time-sensitive"}}
		}), status: 200},
		{name: "hmos alert empty", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"hmos": map[string]any{"alert": "", "push_type": 0}}
		}), msg: "push.notification.hmos.alert is required"},
		{name: "hmos push_type 6", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"hmos": map[string]any{"alert": "a", "push_type": 6}}
		}), msg: "push_type must be one of"},
		{name: "quickapp page missing", body: withPush(func(p map[string]any) {
			p["notification"] = map[string]any{"quickapp": map[string]any{"alert": "a", "title": "t"}}
		}), msg: "push.notification.quickapp.page is required"},
		// options / callback
		{name: "options ok", body: withPush(func(p map[string]any) {
			p["options"] = map[string]any{"time_to_live": 864000, "apns_production": false, "big_push_duration": 1400, "classification": 1, "notification_3rd_ver": "v2", "apns_collapse_id": strings.Repeat("c", 64)}
		}), status: 200},
		{name: "options ttl negative", body: withPush(func(p map[string]any) { p["options"] = map[string]any{"time_to_live": -1} }), msg: "push.options.time_to_live must be 0..864000"},
		{name: "options ttl over 10 days", body: withPush(func(p map[string]any) { p["options"] = map[string]any{"time_to_live": 864001} }), msg: "push.options.time_to_live must be 0..864000"},
		{name: "options big_push_duration 1401", body: withPush(func(p map[string]any) { p["options"] = map[string]any{"big_push_duration": 1401} }), msg: "big_push_duration must be 0..1400"},
		{name: "options apns_collapse_id 65", body: withPush(func(p map[string]any) { p["options"] = map[string]any{"apns_collapse_id": strings.Repeat("c", 65)} }), msg: "apns_collapse_id must be 1..64 bytes"},
		{name: "options classification 2", body: withPush(func(p map[string]any) { p["options"] = map[string]any{"classification": 2} }), msg: "classification must be 0..1"},
		{name: "options notification_3rd_ver v3", body: withPush(func(p map[string]any) { p["options"] = map[string]any{"notification_3rd_ver": "v3"} }), msg: "notification_3rd_ver must be"},
		{name: "callback type 16", body: withPush(func(p map[string]any) { p["callback"] = map[string]any{"url": "https://x", "type": 16} }), msg: "push.callback.type must be 1..15"},
		{name: "callback type 15", body: withPush(func(p map[string]any) { p["callback"] = map[string]any{"url": "https://x", "type": 15} }), status: 200},
		// payload size (1005)
		{name: "android payload too large", body: withPush(func(p map[string]any) { p["notification"] = map[string]any{"android": map[string]any{"alert": long}} }), code: 1005, msg: "too large"},
		{name: "ios payload too large", body: withPush(func(p map[string]any) {
			p["platform"] = []string{"ios"}
			p["notification"] = map[string]any{"ios": map[string]any{"alert": strings.Repeat("i", 2001)}}
		}), code: 1005, msg: "too large"},
		{name: "ios payload ignored for android only", body: withPush(func(p map[string]any) {
			p["platform"] = []string{"android"}
			p["notification"] = map[string]any{"alert": "a", "ios": map[string]any{"alert": strings.Repeat("i", 2001)}}
		}), status: 200},
	})
}

func manyStrings(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "t" + itoa(i)
	}
	return out
}
