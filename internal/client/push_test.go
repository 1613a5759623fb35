package client

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

const fullPush = `{
  "platform": ["android", "ios", "hmos", "quickapp"],
  "audience": {"tag": ["vip", "深圳"], "tag_not": ["churned"], "file": {"file_id": "f1"}, "future_key": 7},
  "notification": {
    "alert": "",
    "android": {"alert": "Hi", "title": "Digest", "builder_id": 0, "priority": 0, "extras": {"screen": "home", "n": 12345678901234567890}, "intent": {"url": "intent:#Intent;end"}, "badge_add_num": 1, "vendor_x": true},
    "ios": {"alert": {"title": "T", "body": "B", "launch-image": "x.png"}, "sound": {"critical": 1, "name": "a.caf", "volume": 0.5}, "badge": "+1", "content-available": true, "mutable-content": false, "thread-id": "t1", "interruption-level": "time-sensitive", "extras": {"k": "v"}},
    "hmos": {"alert": "h", "category": "IM", "push_type": 0, "intent": {"url": "scheme://x"}},
    "quickapp": {"alert": "q", "title": "qt", "page": "/p"},
    "voip": {"key": "value"}
  },
  "message": {"msg_content": "m", "title": "mt", "extras": {"a": 1}},
  "options": {"sendno": 0, "time_to_live": 0, "apns_production": false, "apns_collapse_id": "c",
              "third_party_channel": {"xiaomi": {"distribution": "ospush", "channel_id": "1"}},
              "classification": 1, "target_event": ["jg_app_show"], "test_model": true, "notification_3rd_ver": "v2", "new_option": {"x": 1}},
  "callback": {"url": "https://cb.example", "params": {"p": "q"}, "type": 3},
  "sms_message": {"temp_id": 1, "delay_time": 0},
  "some_new_top_level": [1, 2, 3]
}`

func TestPushRoundTrip(t *testing.T) {
	p, err := DecodePush(json.RawMessage(fullPush))
	if err != nil {
		t.Fatal(err)
	}
	if p.Platform.IsAll() || len(p.Platform) != 4 {
		t.Fatalf("platform = %v", p.Platform)
	}
	if p.Audience.Extra["future_key"] == nil || p.Extra["some_new_top_level"] == nil || p.Options.Extra["new_option"] == nil {
		t.Fatalf("unknown keys lost: %+v %+v", p.Audience.Extra, p.Extra)
	}
	if s, ok := p.Notification.IOS.Badge.String(); !ok || s != "+1" {
		t.Fatalf("badge = %q %v", s, ok)
	}
	if !p.Notification.IOS.Alert.IsObject() {
		t.Fatal("ios alert should be an object")
	}
	if p.Notification.Alert == nil || *p.Notification.Alert != "" {
		t.Fatal("empty alert must survive")
	}
	if p.Options.TimeToLive == nil || *p.Options.TimeToLive != 0 || p.Options.APNSProduction == nil || *p.Options.APNSProduction {
		t.Fatal("zero-valued options must survive")
	}
	out, err := EncodePush(p)
	if err != nil {
		t.Fatal(err)
	}
	assertSameJSON(t, fullPush, string(out))
	// The big extras number must survive byte-exact.
	if !bytes.Contains(out, []byte("12345678901234567890")) {
		t.Fatalf("number precision lost: %s", out)
	}
}

func TestPushAllForms(t *testing.T) {
	for _, in := range []string{
		`{"platform":"all","audience":"all","notification":{"alert":"x"}}`,
		`{"platform":"ALL","audience":{"all":true},"notification":{"alert":"x"}}`,
	} {
		p, err := DecodePush(json.RawMessage(in))
		if err != nil {
			t.Fatal(err)
		}
		if !p.Platform.IsAll() || !p.Audience.All {
			t.Fatalf("%s: not all: %+v", in, p)
		}
		out, _ := EncodePush(p)
		if string(out) != `{"platform":"all","audience":"all","notification":{"alert":"x"}}` {
			t.Fatalf("encoded %s", out)
		}
	}
	p := &Push{Audience: &Audience{Tag: []string{"a"}}, Message: &Message{MsgContent: "m"}}
	out, _ := EncodePush(p)
	if string(out) != `{"platform":"all","audience":{"tag":["a"]},"message":{"msg_content":"m"}}` {
		t.Fatalf("encoded %s", out)
	}
}

func TestPushCaseFoldedUnknownKeyPreserved(t *testing.T) {
	in := `{"platform":"all","audience":"all","notification":{"alert":"a","Alert":"b"}}`
	p, err := DecodePush(json.RawMessage(in))
	if err != nil {
		t.Fatal(err)
	}
	if *p.Notification.Alert != "a" || string(p.Notification.Extra["Alert"]) != `"b"` {
		t.Fatalf("alert=%q extra=%s", *p.Notification.Alert, p.Notification.Extra["Alert"])
	}
	out, _ := EncodePush(p)
	assertSameJSON(t, in, string(out))
}

func TestDecodePushErrors(t *testing.T) {
	for _, in := range []string{``, `null`, `[]`, `"all"`, `{"platform": 5}`, `{"audience": "some"}`, `{"platform":"android"}`, `{`} {
		if _, err := DecodePush(json.RawMessage(in)); err == nil {
			t.Errorf("DecodePush(%q): want error", in)
		}
	}
	if _, err := EncodePush(nil); err == nil {
		t.Error("EncodePush(nil): want error")
	}
}

func TestOptionsAPNSProductionString(t *testing.T) {
	p, err := DecodePush(json.RawMessage(`{"platform":"all","audience":"all","notification":{"alert":"x"},"options":{"apns_production":"false"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Options.APNSProduction == nil || *p.Options.APNSProduction {
		t.Fatalf("apns_production = %v", p.Options.APNSProduction)
	}
}

func TestCanonicalPushEquivalent(t *testing.T) {
	cases := []struct{ name, a, b string }{
		{"key order and space", `{"platform":"all","audience":"all","notification":{"alert":"x"}}`, `{ "notification": {"alert": "x"}, "audience": "all", "platform": "all" }`},
		{"server default ttl", `{"platform":"all","audience":"all","notification":{"alert":"x"}}`, `{"platform":"all","audience":"all","notification":{"alert":"x"},"options":{"time_to_live":86400}}`},
		{"server default apns", `{"platform":"all","audience":"all","notification":{"alert":"x"},"options":{"sendno":1}}`, `{"platform":"all","audience":"all","notification":{"alert":"x"},"options":{"sendno":1,"apns_production":true,"time_to_live":86400}}`},
		{"apns string true", `{"platform":"all","audience":"all","message":{"msg_content":"m"}}`, `{"platform":"all","audience":"all","message":{"msg_content":"m"},"options":{"apns_production":"true"}}`},
		{"apns string false", `{"platform":"all","audience":"all","message":{"msg_content":"m"},"options":{"apns_production":false}}`, `{"platform":"all","audience":"all","message":{"msg_content":"m"},"options":{"apns_production":"false"}}`},
		{"platform order and case", `{"platform":["ios","android"],"audience":"all"}`, `{"platform":["Android","IOS"],"audience":"all"}`},
		{"platform all case", `{"platform":"all","audience":"all"}`, `{"platform":"ALL","audience":"all"}`},
		{"audience all object", `{"platform":"all","audience":"all"}`, `{"platform":"all","audience":{"all":true}}`},
		{"audience empty lists", `{"platform":"all","audience":{"tag":["a"]}}`, `{"platform":"all","audience":{"tag":["a"],"alias":[]}}`},
		{"number forms", `{"platform":"all","audience":"all","options":{"time_to_live":3600}}`, `{"platform":"all","audience":"all","options":{"time_to_live":3600.0}}`},
		{"ttl float default", `{"platform":"all","audience":"all"}`, `{"platform":"all","audience":"all","options":{"time_to_live":8.64e4}}`},
		{"null is absent", `{"platform":"all","audience":"all","notification":{"ios":{"badge":"+1"}}}`, `{"platform":"all","audience":"all","notification":{"ios":{"alert":null,"badge":"+1"}}}`},
		{"empty options", `{"platform":"all","audience":"all"}`, `{"platform":"all","audience":"all","options":{}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eq, err := EquivalentPush(json.RawMessage(c.a), json.RawMessage(c.b))
			if err != nil {
				t.Fatal(err)
			}
			if !eq {
				ca, _ := CanonicalPush(json.RawMessage(c.a))
				cb, _ := CanonicalPush(json.RawMessage(c.b))
				t.Fatalf("not equivalent:\n%s\n%s", ca, cb)
			}
		})
	}
}

func TestCanonicalPushNotEquivalent(t *testing.T) {
	cases := []struct{ name, a, b string }{
		{"full platform set is not all", `{"platform":"all","audience":"all"}`, `{"platform":["android","ios","quickapp","hmos"],"audience":"all"}`},
		{"ttl non default", `{"platform":"all","audience":"all"}`, `{"platform":"all","audience":"all","options":{"time_to_live":3600}}`},
		{"ttl zero", `{"platform":"all","audience":"all"}`, `{"platform":"all","audience":"all","options":{"time_to_live":0}}`},
		{"apns false", `{"platform":"all","audience":"all"}`, `{"platform":"all","audience":"all","options":{"apns_production":false}}`},
		{"alert text", `{"platform":"all","audience":"all","notification":{"alert":"x"}}`, `{"platform":"all","audience":"all","notification":{"alert":"X"}}`},
		{"tag order matters? no: tag values differ", `{"platform":"all","audience":{"tag":["a"]}}`, `{"platform":"all","audience":{"tag":["b"]}}`},
		{"audience all vs tag", `{"platform":"all","audience":"all"}`, `{"platform":"all","audience":{"tag":["a"]}}`},
		{"audience all false", `{"platform":"all","audience":"all"}`, `{"platform":"all","audience":{"all":false}}`},
		{"platform subset", `{"platform":["android"],"audience":"all"}`, `{"platform":["android","ios"],"audience":"all"}`},
		{"extra key", `{"platform":"all","audience":"all"}`, `{"platform":"all","audience":"all","callback":{"url":"u"}}`},
		{"string vs number", `{"platform":"all","audience":"all","notification":{"ios":{"badge":"1"}}}`, `{"platform":"all","audience":"all","notification":{"ios":{"badge":1}}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eq, err := EquivalentPush(json.RawMessage(c.a), json.RawMessage(c.b))
			if err != nil {
				t.Fatal(err)
			}
			if eq {
				t.Fatal("unexpectedly equivalent")
			}
		})
	}
}

func TestCanonicalPushShape(t *testing.T) {
	got, err := CanonicalPush(json.RawMessage(`{"platform":["IOS","android","ios"],"audience":{"all":true},"notification":{"alert":"<b>&"},"options":{"time_to_live":86400,"apns_production":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"audience":"all","notification":{"alert":"<b>&"},"platform":["android","ios"]}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	for _, bad := range []string{``, `[]`, `"x"`, `{} {}`, `{"a":}`} {
		if _, err := CanonicalPush(json.RawMessage(bad)); err == nil {
			t.Errorf("CanonicalPush(%q): want error", bad)
		}
	}
}

func TestCanonicalOfEncodedTypedPush(t *testing.T) {
	// The typed push and its decoded-and-re-encoded form are equivalent.
	p, err := DecodePush(json.RawMessage(fullPush))
	if err != nil {
		t.Fatal(err)
	}
	enc, _ := EncodePush(p)
	eq, err := EquivalentPush(json.RawMessage(fullPush), enc)
	if err != nil || !eq {
		t.Fatalf("eq=%v err=%v", eq, err)
	}
}

func assertSameJSON(t *testing.T, want, got string) {
	t.Helper()
	var a, b any
	dec := json.NewDecoder(strings.NewReader(want))
	dec.UseNumber()
	if err := dec.Decode(&a); err != nil {
		t.Fatal(err)
	}
	dec = json.NewDecoder(strings.NewReader(got))
	dec.UseNumber()
	if err := dec.Decode(&b); err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Fatalf("JSON differs:\nwant %s\ngot  %s", ja, jb)
	}
}

func BenchmarkEncodePush(b *testing.B) {
	p, err := DecodePush(json.RawMessage(fullPush))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EncodePush(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodePush(b *testing.B) {
	raw := json.RawMessage(fullPush)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodePush(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCanonicalPush(b *testing.B) {
	raw := json.RawMessage(fullPush)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CanonicalPush(raw); err != nil {
			b.Fatal(err)
		}
	}
}
