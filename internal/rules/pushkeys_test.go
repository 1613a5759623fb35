package rules

import (
	"reflect"
	"testing"
)

func TestUnknownPushKeys(t *testing.T) {
	for _, tc := range []struct {
		name, payload string
		want          []UnknownKey
	}{
		{"documented keys only", `{"platform":"all","audience":{"tag":["a"],"file":{"file_id":"f"}},
			"notification":{"alert":"x","android":{"alert":"","title":"t","intent":{"url":"u"},"extras":{"anything":{"goes":1}}},
			"ios":{"alert":{"title":"t","body":"b","loc-args":["a"]},"sound":{"name":"n","critical":1},"thread-id":"x"},
			"voip":{"free":"form"}},
			"options":{"time_to_live":60,"third_party_channel":{"xiaomi":{"distribution":"ospush","new_vendor_key":1}},"portal_extra":{"task":"t"}},
			"callback":{"url":"u","params":{"mine":1},"type":1}}`, nil},
		{
			"nested typos with suggestions", `{"options":{"time_to_life":60},"notification":{"android":{"titel":"t","alert":""}}}`,
			[]UnknownKey{{"notification.android.titel", "title"}, {"options.time_to_life", "time_to_live"}},
		},
		{
			"no close key", `{"options":{"zzzzzz":1},"message":{"msg_content":"m","qqq":1}}`,
			[]UnknownKey{{"message.qqq", ""}, {"options.zzzzzz", ""}},
		},
		{
			"case and dash", `{"notification":{"ios":{"Thread_ID":"x","Badge":1}}}`,
			[]UnknownKey{{"notification.ios.Badge", "badge"}, {"notification.ios.Thread_ID", "thread-id"}},
		},
		{
			"arrays of objects", `{"notification":{"android":{"custom_buttons":[{"name":"a"},{"nme":"b","action_type":1}]}}}`,
			[]UnknownKey{{"notification.android.custom_buttons[1].nme", "name"}},
		},
		{
			"vendor names", `{"options":{"third_party_channel":{"xiaomii":{},"huawei":{"anything":1}}}}`,
			[]UnknownKey{{"options.third_party_channel.xiaomii", "xiaomi"}},
		},
		{
			"notification_3rd v1 and v2", `{"notification_3rd":{"contnet":"c","hmos":{"alert":"a","titel":"t"}}}`,
			[]UnknownKey{{"notification_3rd.contnet", "content"}, {"notification_3rd.hmos.titel", "title"}},
		},
		{
			"live activity and sms", `{"live_activity":{"ios":{"event":"start","alert":{"titel":"t"}}},"sms_message":{"temp_id":1,"delaytime":0}}`,
			[]UnknownKey{{"live_activity.ios.alert.titel", "title"}, {"sms_message.delaytime", "delay_time"}},
		},
		{"audience key", `{"audience":{"tags":["a"]}}`, []UnknownKey{{"audience.tags", "tag"}}},
		{"top level and wrong types are Push's", `{"optionz":{"x":1},"options":"ttl","notification":{"android":"x"}}`, nil},
		{
			"sorted by path", `{"options":{"b":1,"a":1},"callback":{"urll":"u"},"audience":{"zz":["x"]}}`,
			[]UnknownKey{{"audience.zz", ""}, {"callback.urll", "url"}, {"options.a", ""}, {"options.b", ""}},
		},
	} {
		m, _ := decodePush(t, tc.payload).(map[string]any)
		for i := 0; i < 20; i++ { // map order must not matter
			if got := UnknownPushKeys(m); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("%s: got %+v, want %+v", tc.name, got, tc.want)
			}
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"title", "titel", 1},
		{"time_to_life", "time_to_live", 1},
		{"kitten", "sitting", 3},
		{"ab", "ba", 1},
		{"ca", "abc", 3},
	} {
		if d := editDistance(tc.a, tc.b); d != tc.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, d, tc.d)
		}
	}
}
