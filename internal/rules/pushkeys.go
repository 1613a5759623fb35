package rules

import (
	"sort"
	"strconv"
	"strings"
)

// UnknownKey is a key of a nested object of a push payload that the API
// reference does not document: most likely a typo, which JPush ignores
// silently (options.time_to_life leaves the TTL at its default).
type UnknownKey struct {
	// Path is the key's JSON path from the push, e.g. "options.time_to_life"
	// or "notification.android.custom_buttons[0].nme".
	Path string
	// Suggestion is the nearest documented key of the same object when it
	// is close enough to be the intended one ("time_to_live"), else "".
	Suggestion string
}

// keys is the documented shape of an object: each documented key with the
// shape of its value when JPush documents the keys of that object too; a nil
// shape is a leaf, or an object whose keys are the user's own (extras, the
// vendor settings), which is not looked into.
type keys map[string]keys

// Reused shapes.
var (
	intentKeys = keys{"url": nil}

	androidKeys = keys{
		"alert": nil, "title": nil, "builder_id": nil, "channel_id": nil, "category": nil, "priority": nil,
		"style": nil, "alert_type": nil, "big_text": nil, "inbox": nil, "big_pic_path": nil, "extras": nil,
		"large_icon": nil, "small_icon_uri": nil, "icon_bg_color": nil, "intent": intentKeys,
		"uri_activity": nil, "uri_action": nil, "badge_add_num": nil, "badge_set_num": nil,
		"badge_class": nil, "sound": nil, "show_begin_time": nil, "show_end_time": nil,
		"display_foreground": nil,
		"custom_buttons":     {"name": nil, "action_type": nil, "action": nil, "data": nil},
	}

	iosKeys = keys{
		"alert": {
			"title": nil, "subtitle": nil, "body": nil, "launch-image": nil, "action-loc-key": nil,
			"title-loc-key": nil, "title-loc-args": nil, "subtitle-loc-key": nil, "subtitle-loc-args": nil,
			"loc-key": nil, "loc-args": nil,
		},
		"sound": {"critical": nil, "name": nil, "volume": nil},
		"badge": nil, "content-available": nil, "mutable-content": nil, "category": nil, "extras": nil,
		"thread-id": nil, "interruption-level": nil,
	}

	hmosKeys = keys{
		"alert": nil, "title": nil, "category": nil, "large_icon": nil, "intent": intentKeys,
		"badge_add_num": nil, "badge_set_num": nil, "test_message": nil, "receipt_id": nil, "extras": nil,
		"style": nil, "inbox": nil, "push_type": nil, "extra_data": nil, "display_foreground": nil,
		"sound": nil, "sound_duration": nil, "hm_payload": nil,
	}

	// vendorKeys are the vendors of options.third_party_channel. Each
	// vendor's settings are not looked into: JPush keeps adding keys there
	// (templates, badges, push types per vendor).
	vendorKeys = keys{
		"xiaomi": nil, "huawei": nil, "honor": nil, "meizu": nil, "oppo": nil, "vivo": nil, "fcm": nil,
		"nio": nil, "asus": nil, "hmos": nil,
	}
)

// pushKeys documents every nested object of a Push API v3 payload: the keys
// JPush's documentation and SDKs name (the API reference, §6, lists the ones
// the rules check). Top-level keys are not here: Push refuses an unknown one
// outright.
var pushKeys = keys{
	"audience": {
		"tag": nil, "tag_and": nil, "tag_not": nil, "alias": nil, "registration_id": nil, "segment": nil,
		"abtest": nil, "live_activity_id": nil, "file": {"file_id": nil},
	},
	"notification": {
		"alert": nil, "alternate_alert": nil, "android": androidKeys, "ios": iosKeys, "hmos": hmosKeys,
		"quickapp": {"alert": nil, "title": nil, "page": nil, "extras": nil},
		"voip":     nil,
	},
	"message": {
		"msg_content": nil, "title": nil, "content_type": nil, "alternate_title": nil,
		"alternate_content": nil, "extras": nil,
	},
	"live_activity": {"ios": {
		"event": nil, "content-state": nil, "attributes-type": nil, "attributes": nil,
		"alert":          {"title": nil, "body": nil, "sound": nil},
		"dismissal-date": nil, "stale-date": nil, "relevance-score": nil, "apns-priority": nil,
	}},
	"inapp_message": {"inapp_message": nil},
	// notification_3rd: the v1 keys and the v2 platform blocks.
	"notification_3rd": {
		"title": nil, "content": nil, "intent": intentKeys, "uri_activity": nil, "uri_action": nil,
		"badge_add_num": nil, "badge_set_num": nil, "badge_class": nil, "sound": nil, "channel_id": nil,
		"extras": nil, "android": androidKeys, "ios": iosKeys, "hmos": hmosKeys,
	},
	"sms_message": {"temp_id": nil, "signid": nil, "delay_time": nil, "active_filter": nil, "temp_para": nil},
	"options": {
		"sendno": nil, "time_to_live": nil, "override_msg_id": nil, "apns_production": nil,
		"apns_collapse_id": nil, "big_push_duration": nil, "third_party_channel": vendorKeys,
		"classification": nil, "target_event": nil, "test_message": nil, "receipt_id": nil,
		"active_push": nil, "need_backup": nil, "business_operation_code": nil, "test_model": nil,
		"alternate_set": nil, "geofence": nil, "portal_extra": {"task": nil}, "notification_3rd_ver": nil,
		"auto_truncation": nil, "mkt_enable": nil, "notification_switch_filter": nil,
	},
	"callback": {"url": nil, "params": nil, "type": nil},
}

// UnknownPushKeys lists the keys of push's nested objects that JPush does
// not document, sorted by path. JPush ignores such keys (it may add fields,
// so they are not errors), which makes a typo a setting that silently does
// nothing: the provider names them at plan, as warnings. Values of the
// wrong type are not looked into (Push reports those).
func UnknownPushKeys(push map[string]any) []UnknownKey {
	var out []UnknownKey
	for _, k := range sortedKeys(push) {
		if shape := pushKeys[k]; shape != nil {
			out = append(out, unknownKeys(k, push[k], shape)...)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// unknownKeys walks the value at path against its documented shape: an
// object's keys, or each object of an array (custom_buttons).
func unknownKeys(path string, v any, shape keys) []UnknownKey {
	var out []UnknownKey
	switch x := v.(type) {
	case []any:
		for i, el := range x {
			out = append(out, unknownKeys(path+"["+strconv.Itoa(i)+"]", el, shape)...)
		}
	case map[string]any:
		for _, k := range sortedKeys(x) {
			p := path + "." + k
			sub, documented := shape[k]
			switch {
			case !documented:
				out = append(out, UnknownKey{Path: p, Suggestion: nearestKey(k, shape)})
			case sub != nil:
				out = append(out, unknownKeys(p, x[k], sub)...)
			}
		}
	}
	return out
}

// nearestKey is the documented key of shape closest to k by edit distance
// (a transposition counts as one edit, case and '-' versus '_' are ignored),
// when it is close: at most a third of the longer key's length and at most
// 3 edits. Ties go to the key first in alphabetical order.
func nearestKey(k string, shape keys) string {
	best, bestD := "", 0
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "-", "_") }
	for _, cand := range sortedShapeKeys(shape) {
		d := editDistance(norm(k), norm(cand))
		if limit := min(3, max(len(k), len(cand))/3); d > max(limit, 1) {
			continue
		}
		if best == "" || d < bestD {
			best, bestD = cand, d
		}
	}
	return best
}

func sortedShapeKeys(shape keys) []string {
	out := make([]string, 0, len(shape))
	for k := range shape {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// bytes, each one edit.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
