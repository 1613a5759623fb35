package rules

import (
	"encoding/json"
	"strings"
	"testing"
)

// decodePush decodes a push payload as the emulator and the provider do
// (numbers kept as json.Number).
func decodePush(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

// checkPushPaths runs Push on each payload and wants the violation at the
// given path ("" for an accepted payload).
func checkPushPaths(t *testing.T, wrap func(string) string, cases map[string]string) {
	t.Helper()
	for part, path := range cases {
		_, verr := Push(decodePush(t, wrap(part)))
		switch {
		case path == "" && verr != nil:
			t.Errorf("%s: %v, want accepted", part, verr)
		case path != "" && (verr == nil || verr.Path != path || verr.Code != 8100):
			t.Errorf("%s: %+v, want 8100 at %s", part, verr, path)
		}
	}
}

func TestAudienceKeys(t *testing.T) {
	const p = "push.audience"
	wrap := func(aud string) string {
		return `{"platform":"all","audience":` + aud + `,"notification":{"alert":"x"}}`
	}
	many := func(n int) string {
		return `["` + strings.TrimSuffix(strings.Repeat(`t",  "`, n), `",  "`) + `"]`
	}
	checkPushPaths(t, wrap, map[string]string{
		`"some"`:                                   p,
		`42`:                                       p,
		`{}`:                                       p,
		`{"tag":[]}`:                               p,
		`{"tag":[],"alias":["a"]}`:                 "",
		`{"tag":"vip"}`:                            p + ".tag",
		`{"tag":[5]}`:                              p + ".tag[0]",
		`{"tag":` + many(20) + `}`:                 "",
		`{"tag":` + many(21) + `}`:                 p + ".tag",
		`{"alias":` + many(1000) + `}`:             "",
		`{"alias":` + many(1001) + `}`:             p + ".alias",
		`{"segment":["s1","s2"]}`:                  p + ".segment",
		`{"abtest":["a1"]}`:                        "",
		`{"registration_id":["r1",""]}`:            p + ".registration_id[1]",
		`{"registration_id":["has space"]}`:        "",
		`{"tag_not":["has space"]}`:                p + ".tag_not[0]",
		`{"live_activity_id":null}`:                p,
		`{"live_activity_id":null,"tag":["t"]}`:    "",
		`{"live_activity_id":""}`:                  p + ".live_activity_id",
		`{"live_activity_id":5}`:                   p + ".live_activity_id",
		`{"live_activity_id":"la1"}`:               "",
		`{"live_activity_id":"la1","alias":["a"]}`: p + ".live_activity_id",
		`{"file":null}`:                            p,
		`{"file":null,"tag":["t"]}`:                "",
		`{"file":"f1"}`:                            p + ".file",
		`{"file":{}}`:                              p + ".file.file_id",
		`{"file":{"file_id":""}}`:                  p + ".file.file_id",
		`{"file":{"file_id":"f1"}}`:                "",
		`{"all":true}`:                             p + ".all",
		`{"country":["cn"]}`:                       p + ".country",
	})
}

func TestAudienceKindsAndDetail(t *testing.T) {
	ak, verr := Audience("a", decodePush(t, `{"tag":["x","y"],"tag_not":[],"file":{"file_id":"f"}}`))
	if verr != nil {
		t.Fatal(verr)
	}
	if len(ak.Kinds) != 2 || ak.Kinds["tag"] != 2 || ak.Kinds["file"] != 1 || ak.All {
		t.Errorf("kinds %v", ak.Kinds)
	}
	if len(ak.Detail) != 1 || strings.Join(ak.Detail["tag"], ",") != "x,y" {
		t.Errorf("detail %v", ak.Detail)
	}
	if ak, verr := Audience("a", "all"); verr != nil || !ak.All {
		t.Errorf("all: %+v %v", ak, verr)
	}
}

func TestNotificationPlatforms(t *testing.T) {
	const p = "push.notification"
	wrap := func(n string) string { return `{"platform":"all","audience":"all","notification":` + n + `}` }
	checkPushPaths(t, wrap, map[string]string{
		`"x"`:                                    p,
		`{}`:                                     p,
		`{"alert":5}`:                            p + ".alert",
		`{"voip":"x"}`:                           p + ".voip",
		`{"voip":{}}`:                            "",
		`{"android":"x"}`:                        p + ".android",
		`{"android":{}}`:                         p + ".android.alert",
		`{"android":{"alert":5}}`:                p + ".android.alert",
		`{"android":{"alert":""},"alert":"x"}`:   "",
		`{"android":{"alert":"a","priority":3}}`: p + ".android.priority",
		`{"android":{"alert":"a","channel_id":5}}`:                      p + ".android.channel_id",
		`{"android":{"alert":"a","channel_id":""}}`:                     p + ".android.channel_id",
		`{"android":{"alert":"a","channel_id":"c"}}`:                    "",
		`{"android":{"alert":"a","badge_add_num":1,"badge_set_num":1}}`: p + ".android.badge_set_num",
		`{"ios":"x"}`:                                                p + ".ios",
		`{"ios":{"alert":5}}`:                                        p + ".ios.alert",
		`{"ios":{"alert":{"title":"t"}}}`:                            "",
		`{"ios":{"badge":"+5"}}`:                                     "",
		`{"ios":{"badge":""}}`:                                       "",
		`{"ios":{"badge":"+100"}}`:                                   p + ".ios.badge",
		`{"ios":{"badge":99}}`:                                       "",
		`{"ios":{"badge":100}}`:                                      p + ".ios.badge",
		`{"ios":{"badge":1.5}}`:                                      p + ".ios.badge",
		`{"ios":{"sound":{"name":"s"}}}`:                             "",
		`{"ios":{"sound":5}}`:                                        p + ".ios.sound",
		`{"ios":{"content-available":"yes"}}`:                        p + ".ios.content-available",
		`{"ios":{"thread-id":5}}`:                                    p + ".ios.thread-id",
		`{"ios":{"interruption-level":5}}`:                           p + ".ios.interruption-level",
		`{"ios":{"interruption-level":"loud"}}`:                      p + ".ios.interruption-level",
		`{"ios":{"interruption-level":"time-sensitive"}}`:            "",
		`{"hmos":"x"}`:                                               p + ".hmos",
		`{"hmos":{}}`:                                                p + ".hmos.alert",
		`{"hmos":{"alert":5}}`:                                       p + ".hmos.alert",
		`{"hmos":{"alert":"a","push_type":3}}`:                       p + ".hmos.push_type",
		`{"hmos":{"alert":"a","push_type":"1"}}`:                     p + ".hmos.push_type",
		`{"hmos":{"alert":"a","push_type":10}}`:                      "",
		`{"hmos":{"alert":"a","title":5}}`:                           p + ".hmos.title",
		`{"hmos":{"alert":"a","sound_duration":61}}`:                 p + ".hmos.sound_duration",
		`{"hmos":{"alert":"a","badge_add_num":1,"badge_set_num":0}}`: p + ".hmos.badge_set_num",
		`{"hmos":{"alert":"a","style":1}}`:                           p + ".hmos.style",
		`{"hmos":{"alert":"a","style":2}}`:                           "",
		`{"quickapp":"x"}`:                                           p + ".quickapp",
		`{"quickapp":{"alert":5,"title":"t","page":"p"}}`:            p + ".quickapp.alert",
		`{"quickapp":{"alert":"a","title":"t"}}`:                     p + ".quickapp.page",
		`{"quickapp":{"alert":"a","title":"","page":"p"}}`:           p + ".quickapp.title",
		`{"quickapp":{"alert":"a","title":"t","page":"p"}}`:          "",
		// Platforms are checked in a fixed order: android before ios before hmos before quickapp.
		`{"android":{},"ios":{"alert":5},"hmos":{},"quickapp":{}}`: p + ".android.alert",
		`{"ios":{"alert":5},"hmos":{},"quickapp":{}}`:              p + ".ios.alert",
		`{"hmos":{},"quickapp":{},"voip":5}`:                       p + ".hmos.alert",
		`{"quickapp":{},"voip":5}`:                                 p + ".quickapp.alert",
	})
}

func TestPushContentAndBlocks(t *testing.T) {
	wrap := func(rest string) string { return `{"platform":"all","audience":"all"` + rest + `}` }
	const n = `,"notification":{"alert":"x"}`
	checkPushPaths(t, wrap, map[string]string{
		``:                                 "push",
		`,"foo":1` + n:                     "push.foo",
		`,"message":{"msg_content":"m"}`:   "",
		`,"message":{}`:                    "push.message.msg_content",
		`,"live_activity":{}`:              "",
		`,"live_activity":"x"`:             "push.live_activity",
		`,"live_activity":{}` + n:          "push.live_activity",
		`,"live_activity":{},"message":{}`: "push.live_activity",
		`,"inapp_message":{}` + n:          "",
		`,"inapp_message":"x"` + n:         "push.inapp_message",
		`,"inapp_message":{},"message":{"msg_content":"m"}`:     "push.inapp_message",
		`,"inapp_message":{},"message":{"msg_content":"m"}` + n: "push.inapp_message",
		`,"notification_3rd":{},"sms_message":{}` + n:           "",
		`,"notification_3rd":"x"` + n:                           "push.notification_3rd",
		`,"sms_message":5` + n:                                  "push.sms_message",
		`,"options":"x"` + n:                                    "push.options",
		`,"options":{"time_to_live":-1}` + n:                    "push.options.time_to_live",
		`,"callback":"x"` + n:                                   "push.callback",
		`,"callback":{"type":16}` + n:                           "push.callback.type",
		`,"callback":{"url":"u","type":3}` + n:                  "",
		// Order: content before the other blocks, notification before
		// message, inapp_message before notification_3rd, options before callback.
		`,"notification":{},"message":{}`:                         "push.notification",
		`,"inapp_message":"x","notification_3rd":"x"` + n:         "push.inapp_message",
		`,"options":"x","callback":"x"` + n:                       "push.options",
		`,"notification":{},"options":"x"`:                        "push.notification",
		`,"callback":"x","notification":{"android":{"alert":""}}`: "push.notification.android.alert",
	})
}

func TestPushDropsInnerCID(t *testing.T) {
	out, verr := Push(decodePush(t, `{"platform":"all","audience":"all","notification":{"alert":"x"},"cid":"c1","options":{"sendno":1}}`))
	if verr != nil {
		t.Fatal(verr)
	}
	if _, has := out["cid"]; has || len(out) != 4 || out["options"] == nil {
		t.Fatalf("stored form %v", out)
	}
}

func TestIOSBadgeAndPlatforms(t *testing.T) {
	for s, ok := range map[string]bool{"": true, "0": true, "5": true, "+1": true, "-99": true, "100": false, "01": false, "lots": false} {
		if IOSBadge(s) != ok {
			t.Errorf("badge %q: want ok=%v", s, ok)
		}
	}
	for s, ok := range map[string]bool{"android": true, "ios": true, "hmos": true, "quickapp": true, "all": false, "IOS": false, "": false} {
		if IsPlatform(s) != ok {
			t.Errorf("platform %q: want %v", s, ok)
		}
	}
}
