package rules

import (
	"regexp"
	"slices"
)

// Push API v3 payload validation (development/jpush-api.md §6).

var pushTopKeys = map[string]bool{
	"platform": true, "audience": true, "notification": true, "message": true,
	"live_activity": true, "inapp_message": true, "notification_3rd": true, "sms_message": true,
	"options": true, "callback": true, "cid": true,
}

// Platforms are the names push.platform accepts, in the order of JPush's
// documents (development/jpush-api.md §3); "all" stands for every one.
var Platforms = []string{"android", "ios", "hmos", "quickapp"}

// IsPlatform reports whether s is one of Platforms.
func IsPlatform(s string) bool { return slices.Contains(Platforms, s) }

// IOSBadge reports whether s is a valid string form of
// notification.ios.badge: N to set, +N or -N to change, N in 0..99 ("" is
// no badge change).
func IOSBadge(s string) bool { return reIOSBadge.MatchString(s) }

// Push checks a push payload (decoded with json.Decoder.UseNumber) and
// returns the stored form (inner cid dropped). The checks run in a fixed
// order (keys, platform, audience, content, the other blocks, sizes), so a
// payload with several mistakes always reports the same one.
func Push(v any) (map[string]any, *Violation) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, invalidf("push must be an object")
	}
	for _, k := range sortedKeys(m) {
		if !pushTopKeys[k] {
			return nil, invalidf("push.%s is not a supported key", k)
		}
	}
	plats, err := validatePlatform(m["platform"])
	if err != nil {
		return nil, err
	}
	if _, err := Audience("push.audience", m["audience"]); err != nil {
		return nil, err
	}
	if err := validateContent(m); err != nil {
		return nil, err
	}
	if err := validateExtraBlocks(m); err != nil {
		return nil, err
	}
	if err := checkSizes(m, plats); err != nil {
		return nil, err
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != "cid" {
			out[k] = v
		}
	}
	return out, nil
}

// validateContent checks what the push delivers: a notification and/or a
// message, or else a live activity alone; an in-app message rides only on a
// notification without a message.
func validateContent(m map[string]any) *Violation {
	_, hasNotif := m["notification"]
	_, hasMsg := m["message"]
	_, hasLive := m["live_activity"]
	switch {
	case hasLive && (hasNotif || hasMsg):
		return invalidf("push.live_activity cannot be combined with notification or message")
	case !hasLive && !hasNotif && !hasMsg:
		return invalidf("push must contain notification or message")
	}
	if hasNotif {
		if err := validateNotification(m["notification"]); err != nil {
			return err
		}
	}
	if hasMsg {
		if err := validateMessage(m["message"]); err != nil {
			return err
		}
	}
	if hasLive {
		if _, ok := m["live_activity"].(map[string]any); !ok {
			return invalidf("push.live_activity must be an object")
		}
	}
	if v, ok := m["inapp_message"]; ok {
		if _, ok := v.(map[string]any); !ok {
			return invalidf("push.inapp_message must be an object")
		}
		if !hasNotif || hasMsg {
			return invalidf("push.inapp_message needs notification and cannot be combined with message")
		}
	}
	return nil
}

// validateExtraBlocks checks the optional blocks beside the content:
// notification_3rd and sms_message (objects, not looked into), options and
// callback.
func validateExtraBlocks(m map[string]any) *Violation {
	for _, k := range []string{"notification_3rd", "sms_message"} {
		if v, ok := m[k]; ok {
			if _, ok := v.(map[string]any); !ok {
				return invalidf("push.%s must be an object", k)
			}
		}
	}
	if v, ok := m["options"]; ok {
		if err := validateOptions("push.options", v); err != nil {
			return err
		}
	}
	if v, ok := m["callback"]; ok {
		return validateCallback(v)
	}
	return nil
}

func validatePlatform(v any) (map[string]bool, *Violation) {
	if s, ok := v.(string); ok {
		if s == "all" {
			all := map[string]bool{}
			for _, p := range Platforms {
				all[p] = true
			}
			return all, nil
		}
		return nil, invalidf(`push.platform must be "all" or an array of android, ios, quickapp, hmos`)
	}
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return nil, invalidf(`push.platform must be "all" or a non-empty array of android, ios, quickapp, hmos`)
	}
	seen := map[string]bool{}
	for i, x := range arr {
		s, _ := x.(string)
		if s == "all" {
			return nil, invalidf(`push.platform[%d] is "all", which is not a platform name: write platform = "all" alone, or list platforms`, i)
		}
		if !IsPlatform(s) {
			return nil, invalidf("push.platform[%d] must be one of android, ios, quickapp, hmos", i)
		}
		if seen[s] {
			return nil, invalidf("push.platform[%d] duplicates %q", i, s)
		}
		seen[s] = true
	}
	return seen, nil
}

func stringList(path string, v any) ([]string, *Violation) {
	if v == nil {
		return nil, nil
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, invalidf("%s must be an array of strings", path)
	}
	out := make([]string, 0, len(arr))
	for i, x := range arr {
		s, ok := x.(string)
		if !ok {
			return nil, invalidf("%s[%d] must be a string", path, i)
		}
		out = append(out, s)
	}
	return out, nil
}

// AudienceKind summarises an audience for the template homogeneity rules.
type AudienceKind struct {
	All    bool
	Kinds  map[string]int // key -> number of values
	Detail map[string][]string
}

// Audience checks the audience rules (development/jpush-api.md §6.2) and reports which kinds are used.
func Audience(path string, v any) (*AudienceKind, *Violation) {
	if s, ok := v.(string); ok {
		if s == "all" {
			return &AudienceKind{All: true}, nil
		}
		return nil, invalidf(`%s must be "all" or an object`, path)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, invalidf(`%s must be "all" or an object`, path)
	}
	ak := &AudienceKind{Kinds: map[string]int{}, Detail: map[string][]string{}}
	for _, k := range sortedKeys(m) {
		if err := ak.add(path+"."+k, k, m[k]); err != nil {
			return nil, err
		}
	}
	if len(ak.Kinds) == 0 {
		return nil, invalidf("%s must contain at least one non-empty audience key", path)
	}
	if _, ok := ak.Kinds["live_activity_id"]; ok && len(ak.Kinds) > 1 {
		return nil, invalidf("%s.live_activity_id cannot be combined with other audience keys", path)
	}
	return ak, nil
}

// add checks the audience key k (at path p) with value x and records it in
// ak. An empty list or a null value leaves ak unchanged: JPush treats such a
// key as absent.
func (ak *AudienceKind) add(p, k string, x any) *Violation {
	switch k {
	case "tag", "tag_and", "tag_not", "alias", "registration_id", "segment", "abtest":
		list, err := audienceList(p, k, x)
		if err != nil || len(list) == 0 {
			return err
		}
		ak.Kinds[k] = len(list)
		ak.Detail[k] = list
	case "live_activity_id":
		if x == nil {
			return nil
		}
		s, ok := x.(string)
		if !ok || s == "" {
			return invalidf("%s must be a non-empty string", p)
		}
		ak.Kinds[k] = 1
	case "file":
		if x == nil {
			return nil
		}
		if err := audienceFile(p, x); err != nil {
			return err
		}
		ak.Kinds[k] = 1
	case "all":
		return invalidf(`%s is not an audience key: write audience = "all" for a broadcast`, p)
	default:
		return invalidf("%s is not a supported audience key", p)
	}
	return nil
}

// audienceListLimit is how many values a list-valued audience key may hold.
func audienceListLimit(k string) int {
	switch k {
	case "alias", "registration_id":
		return 1000
	case "segment", "abtest":
		return 1
	}
	return 20
}

// audienceList checks a list-valued audience key: strings only, within the
// key's limit; tags and aliases follow the Tag charset, ids must not be empty.
func audienceList(p, k string, x any) ([]string, *Violation) {
	list, err := stringList(p, x)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	if limit := audienceListLimit(k); len(list) > limit {
		if limit == 1 {
			return nil, invalidf("%s must contain exactly one id", p)
		}
		return nil, invalidf("%s may contain at most %d values", p, limit)
	}
	for i, s := range list {
		switch k {
		case "tag", "tag_and", "tag_not", "alias":
			if err := Tag(s); err != nil {
				return nil, invalidf("%s[%d] %s", p, i, err)
			}
		default:
			if s == "" {
				return nil, invalidf("%s[%d] must not be empty", p, i)
			}
		}
	}
	return list, nil
}

// audienceFile checks audience.file: an object naming an uploaded file.
func audienceFile(p string, x any) *Violation {
	f, ok := x.(map[string]any)
	if !ok {
		return invalidf("%s must be an object", p)
	}
	if id, _ := f["file_id"].(string); id == "" {
		return invalidf("%s.file_id must be a non-empty string", p)
	}
	return nil
}

func object(path string, v any) (map[string]any, *Violation) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, invalidf("%s must be an object", path)
	}
	return m, nil
}

func optString(path string, m map[string]any, key string) (string, bool, *Violation) {
	v, ok := m[key]
	if !ok {
		return "", false, nil
	}
	s, isStr := v.(string)
	if !isStr {
		return "", true, invalidf("%s.%s must be a string", path, key)
	}
	return s, true, nil
}

func optInt(path string, m map[string]any, key string, lo, hi int64) *Violation {
	if v, ok := m[key]; ok {
		return intIn(path+"."+key, v, lo, hi)
	}
	return nil
}

func optBool(path string, m map[string]any, key string) *Violation {
	if v, ok := m[key]; ok {
		if _, isBool := v.(bool); !isBool {
			return invalidf("%s.%s must be a boolean", path, key)
		}
	}
	return nil
}

func optObject(path string, m map[string]any, key string) *Violation {
	if v, ok := m[key]; ok && v != nil {
		if _, isObj := v.(map[string]any); !isObj {
			return invalidf("%s.%s must be an object", path, key)
		}
	}
	return nil
}

func firstErr(errs ...*Violation) *Violation {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

var reIOSBadge = regexp.MustCompile(`^$|^[+-]?([0-9]|[1-9][0-9])$`)

// validateNotification checks push.notification: the common alert, then
// each platform's block in a fixed order (android, ios, hmos, quickapp), so
// that a payload with several mistakes always reports the same one first.
func validateNotification(v any) *Violation {
	const p = "push.notification"
	m, err := object(p, v)
	if err != nil {
		return err
	}
	if len(m) == 0 {
		return invalidf("%s must not be empty", p)
	}
	commonAlert, _, err := optString(p, m, "alert")
	if err != nil {
		return err
	}
	if x, ok := m["android"]; ok {
		if err := validateAndroidNotification(p+".android", x, commonAlert); err != nil {
			return err
		}
	}
	if x, ok := m["ios"]; ok {
		if err := validateIOSNotification(p+".ios", x); err != nil {
			return err
		}
	}
	if x, ok := m["hmos"]; ok {
		if err := validateHmosNotification(p+".hmos", x); err != nil {
			return err
		}
	}
	if x, ok := m["quickapp"]; ok {
		if err := validateQuickappNotification(p+".quickapp", x); err != nil {
			return err
		}
	}
	return optObject(p, m, "voip")
}

// validateAndroidNotification checks notification.android. Its alert is
// required, and may be "" only when commonAlert (notification.alert) has
// text: an Android notification without text is refused.
func validateAndroidNotification(ap string, x any, commonAlert string) *Violation {
	a, err := object(ap, x)
	if err != nil {
		return err
	}
	if _, present, err := optString(ap, a, "alert"); err != nil {
		return err
	} else if !present {
		return invalidf("%s.alert is required: set it, or set it to \"\" to use notification.alert", ap)
	} else if s, _ := a["alert"].(string); s == "" && commonAlert == "" {
		return invalidf("%s.alert must not be empty when notification.alert is empty or absent: an Android notification needs text", ap)
	}
	if err := firstErr(optString2(ap, a, "title"), optInt(ap, a, "builder_id", 0, 1<<31-1),
		optInt(ap, a, "priority", -2, 2), optInt(ap, a, "style", 0, 3), optInt(ap, a, "alert_type", -1, 7),
		optInt(ap, a, "badge_add_num", 1, 99), optInt(ap, a, "badge_set_num", 0, 99),
		optObject(ap, a, "extras"), optObject(ap, a, "intent"), optObject(ap, a, "inbox")); err != nil {
		return err
	}
	if s, _, err := optString(ap, a, "channel_id"); err != nil {
		return err
	} else if _, present := a["channel_id"]; present && (s == "" || len(s) > 1000) {
		return invalidf("%s.channel_id must be 1..1000 bytes", ap)
	}
	return oneBadge(ap, a)
}

// validateIOSNotification checks notification.ios: the loosely typed alert,
// badge and sound fields, the plain typed ones, and interruption-level.
func validateIOSNotification(ip string, x any) *Violation {
	i, err := object(ip, x)
	if err != nil {
		return err
	}
	switch i["alert"].(type) {
	case nil, string, map[string]any:
	default:
		return invalidf("%s.alert must be a string or an object", ip)
	}
	if err := validateIOSBadge(ip, i); err != nil {
		return err
	}
	if s, ok := i["sound"]; ok {
		switch s.(type) {
		case string, map[string]any:
		default:
			return invalidf("%s.sound must be a string or an object", ip)
		}
	}
	if err := firstErr(optBool(ip, i, "content-available"), optBool(ip, i, "mutable-content"),
		optObject(ip, i, "extras"), optString2(ip, i, "category"), optString2(ip, i, "thread-id")); err != nil {
		return err
	}
	if lvl, present, err := optString(ip, i, "interruption-level"); err != nil {
		return err
	} else if present {
		switch lvl {
		case "active", "critical", "passive", "time-sensitive":
		default:
			return invalidf("%s.interruption-level must be one of active, critical, passive, time-sensitive", ip)
		}
	}
	return nil
}

// validateIOSBadge checks ios.badge, which JPush takes either as an integer
// 0..99 or as a string "N", "+N" or "-N" (set, add, subtract) or "".
func validateIOSBadge(ip string, i map[string]any) *Violation {
	b, ok := i["badge"]
	if !ok {
		return nil
	}
	switch bv := b.(type) {
	case string:
		if !IOSBadge(bv) {
			return invalidf("%s.badge must be N, +N or -N with N in 0..99", ip)
		}
	default:
		if err := intIn(ip+".badge", b, 0, 99); err != nil {
			return invalidf("%s.badge must be N, +N or -N with N in 0..99", ip)
		}
	}
	return nil
}

// validateHmosNotification checks notification.hmos: a non-empty alert, the
// enumerated push_type and style, and at most one badge field.
func validateHmosNotification(hp string, x any) *Violation {
	h, err := object(hp, x)
	if err != nil {
		return err
	}
	if s, _, err := optString(hp, h, "alert"); err != nil {
		return err
	} else if s == "" {
		return invalidf("%s.alert is required and must not be empty", hp)
	}
	if pt, ok := h["push_type"]; ok {
		n, isInt := isInt(pt)
		if !isInt || (n != 0 && n != 1 && n != 2 && n != 7 && n != 10) {
			return invalidf("%s.push_type must be one of 0, 1, 2, 7, 10", hp)
		}
	}
	if err := firstErr(optString2(hp, h, "title"), optString2(hp, h, "category"), optObject(hp, h, "extras"),
		optObject(hp, h, "intent"), optInt(hp, h, "badge_add_num", 1, 99), optInt(hp, h, "badge_set_num", 0, 99),
		optInt(hp, h, "sound_duration", 1, 60), optBool(hp, h, "test_message")); err != nil {
		return err
	}
	if err := oneBadge(hp, h); err != nil {
		return err
	}
	if st, ok := h["style"]; ok {
		n, isInt := isInt(st)
		if !isInt || (n != 0 && n != 2) {
			return invalidf("%s.style must be 0 or 2", hp)
		}
	}
	return nil
}

// validateQuickappNotification checks notification.quickapp, whose alert,
// title and page are all required and non-empty.
func validateQuickappNotification(qp string, x any) *Violation {
	q, err := object(qp, x)
	if err != nil {
		return err
	}
	for _, k := range []string{"alert", "title", "page"} {
		if s, _, err := optString(qp, q, k); err != nil {
			return err
		} else if s == "" {
			return invalidf("%s.%s is required", qp, k)
		}
	}
	return nil
}

// optString2 is optString reduced to its error.
func optString2(path string, m map[string]any, key string) *Violation {
	_, _, err := optString(path, m, key)
	return err
}

func validateMessage(v any) *Violation {
	const p = "push.message"
	m, err := object(p, v)
	if err != nil {
		return err
	}
	if s, _, err := optString(p, m, "msg_content"); err != nil {
		return err
	} else if s == "" {
		return invalidf("%s.msg_content is required", p)
	}
	return firstErr(optString2(p, m, "title"), optString2(p, m, "content_type"), optObject(p, m, "extras"))
}

func validateOptions(p string, v any) *Violation {
	m, err := object(p, v)
	if err != nil {
		return err
	}
	if err := firstErr(optInt(p, m, "time_to_live", 0, 10*86400), optInt(p, m, "big_push_duration", 0, 1400),
		optInt(p, m, "classification", 0, 1), optInt(p, m, "sendno", 0, 1<<31-1),
		optInt(p, m, "override_msg_id", 1, 1<<63-1), optObject(p, m, "third_party_channel"),
		optBool(p, m, "test_model")); err != nil {
		return err
	}
	if ap, ok := m["apns_production"]; ok {
		switch x := ap.(type) {
		case bool:
		case string: // the docs' own example sends "false"
			if x != "true" && x != "false" {
				return invalidf("%s.apns_production must be a boolean", p)
			}
		default:
			return invalidf("%s.apns_production must be a boolean", p)
		}
	}
	if s, _, err := optString(p, m, "apns_collapse_id"); err != nil {
		return err
	} else if _, present := m["apns_collapse_id"]; present && (s == "" || len(s) > 64) {
		return invalidf("%s.apns_collapse_id must be 1..64 bytes", p)
	}
	if s, present, err := optString(p, m, "notification_3rd_ver"); err != nil {
		return err
	} else if present && s != "v1" && s != "v2" {
		return invalidf(`%s.notification_3rd_ver must be "v1" or "v2"`, p)
	}
	return nil
}

func validateCallback(v any) *Violation {
	const p = "push.callback"
	m, err := object(p, v)
	if err != nil {
		return err
	}
	return firstErr(optString2(p, m, "url"), optObject(p, m, "params"), optInt(p, m, "type", 1, 15))
}

// checkSizes applies the payload size limits (development/jpush-api.md §6.6, error 1005).
func checkSizes(m map[string]any, plats map[string]bool) *Violation {
	size := func(v any) int {
		if v == nil {
			return 0
		}
		return jsonSize(v)
	}
	notif, _ := m["notification"].(map[string]any)
	msg := size(m["message"])
	if plats["android"] {
		var a any
		if notif != nil {
			a = notif["android"]
			if a == nil {
				a = notif["alert"]
			}
		}
		if size(a)+msg > 4000 {
			return tooLarge("push.notification.android", "android notification + message exceed 4000 bytes")
		}
	}
	if plats["ios"] {
		if notif != nil && size(notif["ios"]) > 2000 {
			return tooLarge("push.notification.ios", "ios notification exceeds 2000 bytes")
		}
		if msg > 4000 {
			return tooLarge("push.message", "ios message exceeds 4000 bytes")
		}
	}
	return nil
}

// Options checks a push's options object (development/jpush-api.md §6.5).
func Options(path string, v any) *Violation { return validateOptions(path, v) }

// OptionalObject checks that m[key], when present and not null, is an object.
func OptionalObject(path string, m map[string]any, key string) *Violation {
	return optObject(path, m, key)
}

// oneBadge: a notification sets the badge or changes it, not both.
func oneBadge(path string, m map[string]any) *Violation {
	_, add := m["badge_add_num"]
	_, set := m["badge_set_num"]
	if add && set {
		return invalidf("%s.badge_set_num cannot be combined with badge_add_num: set at most one", path)
	}
	return nil
}
