// Package rules holds JPush's validation rules for schedules and pushes
// (development/jpush-api.md §3, §4, §6): one implementation that both
// the provider's plan-time checks and the emulator's request validation
// call, so that `terraform plan` rejects exactly what JPush rejects. It
// depends on the standard library only: neither the provider nor the
// client nor Terraform. The differential test
// (internal/provider/rules_differential_test.go) keeps the two sides equal.
//
// Choices where the docs are silent or loose, followed by both sides:
//   - Tag and alias charset ("letters, digits, _, CJK, @!#$&*+=.|￥"): letters
//     are the ASCII letters and CJK means Han ideographs (as in the name
//     rule's "CJK ideographs"). So café, Жук and ひらがな are refused.
//   - Name charset: Han ideographs, ASCII letters, digits and _ (the
//     emulator can relax it; the provider follows the strict rule).
//   - An Android notification needs text: android.alert may be "" only when
//     notification.alert is not empty.
//   - At most one of badge_add_num and badge_set_num (android, hmos).
//   - options: sendno 0..2^31-1, override_msg_id >= 1, big_push_duration
//     0..1400 (0: not throttled), apns_collapse_id 1..64 bytes;
//     android.channel_id 1..1000 bytes.
//   - Payload sizes (error 1005) are measured on the compact JSON encoding
//     with HTML escaping off, as JPush receives it.
package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Violation is a broken rule: the JPush error code (8100 unless stated), the
// JSON path of the offending field (e.g. "push.audience.tag[3]") and a
// message that starts with that path.
type Violation struct {
	Code int
	Path string
	Msg  string
}

func (v *Violation) Error() string { return v.Msg }

// Reason is the message without its leading path.
func (v *Violation) Reason() string {
	return strings.TrimSpace(strings.TrimPrefix(v.Msg, v.Path))
}

// invalidf builds an 8100 violation; the path is the message's first word.
func invalidf(format string, args ...any) *Violation {
	msg := fmt.Sprintf(format, args...)
	p, _, _ := strings.Cut(msg, " ")
	return &Violation{Code: 8100, Path: p, Msg: msg}
}

// tooLarge is a payload size violation (development/jpush-api.md §6.6) (error 1005).
func tooLarge(path, what string) *Violation {
	return &Violation{Code: 1005, Path: path, Msg: "Message body too large: " + what}
}

// jsonSize is the byte size of v's compact JSON encoding.
func jsonSize(v any) int {
	if v == nil {
		return 0
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return 0
	}
	return buf.Len() - 1 // Encode appends a newline
}

// isInt reports whether v is a JSON integer literal and returns it.
func isInt(v any) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok || strings.ContainsAny(string(n), ".eE") {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	return i, err == nil
}

func intIn(path string, v any, lo, hi int64) *Violation {
	i, ok := isInt(v)
	if !ok {
		return invalidf("%s must be an integer", path)
	}
	if i < lo || i > hi {
		return invalidf("%s must be %d..%d", path, lo, hi)
	}
	return nil
}

// sortedKeys are m's keys in order: a check that stops at the first bad key
// of an object must report the same key on every run, whatever Go's map
// iteration order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
