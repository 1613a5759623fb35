package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// vErr is a validation failure: code (8100 unless stated) and a reason naming the field path.
type vErr struct {
	code int
	msg  string
}

func (v *vErr) Error() string { return v.msg }

func invalidf(format string, args ...any) *vErr {
	return &vErr{code: 8100, msg: fmt.Sprintf(format, args...)}
}

// invalid answers 400 with the schedule "invalid" envelope.
func (e *Emulator) invalid(rt route, reason string) reply {
	code := 8100
	if rt.key == RouteCreate && e.cfg.docCodes {
		code = 8400
	}
	return errReply(http.StatusBadRequest, code, "The schedule-task is invalid: "+reason)
}

func (e *Emulator) vErrReply(rt route, v *vErr) reply {
	if v.code != 8100 {
		return errReply(http.StatusBadRequest, v.code, v.msg)
	}
	return e.invalid(rt, v.msg)
}

func (e *Emulator) notFound() reply {
	code := 8104
	if e.cfg.docCodes {
		code = 8404
	}
	return errReply(http.StatusNotFound, code, "Request schedule operation doesn't exist")
}

// decodeObject parses a JSON object, keeping numbers as json.Number.
func decodeObject(body []byte) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if dec.More() {
		return nil, false
	}
	if _, err := dec.Token(); err == nil {
		return nil, false // trailing garbage
	}
	m, ok := v.(map[string]any)
	return m, ok
}

// unknownKey is the first key of m, in sorted order, that is not one of
// allowed: with two unsupported keys the answer names the same one on
// every run, whatever Go's map iteration order.
func unknownKey(m map[string]any, allowed ...string) (string, bool) {
	ks := make([]string, 0, len(m))
	for k := range m {
		if !slices.Contains(allowed, k) {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return "", false
	}
	return slices.Min(ks), true
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

func validateName(path string, v any, strict bool) (string, *vErr) {
	s, ok := v.(string)
	if !ok {
		return "", invalidf("%s must be a string", path)
	}
	if err := rules.Name(s, strict); err != nil {
		return "", invalidf("%s %s", path, err)
	}
	return s, nil
}

var (
	reDateTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$`)
	reClock    = regexp.MustCompile(`^\d{2}:\d{2}:\d{2}$`)
)

const wireLayout = "2006-01-02 15:04:05"

func (e *Emulator) parseWire(path string, v any) (time.Time, string, *vErr) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, "", invalidf("%s must be a string formatted YYYY-MM-DD HH:MM:SS", path)
	}
	if !reDateTime.MatchString(s) {
		return time.Time{}, "", invalidf("%s must be formatted YYYY-MM-DD HH:MM:SS", path)
	}
	naive, err := time.Parse(wireLayout, s)
	if err != nil {
		return time.Time{}, "", invalidf("%s is not a valid date and time", path)
	}
	at := rules.WallInstants(naive, e.loc)
	if len(at) == 0 {
		// Skipped by a daylight-saving jump: no such time in the zone.
		return time.Time{}, "", invalidf("%s is not a valid date and time (it does not exist in %s)", path, e.loc)
	}
	// A wall clock that happens twice (clocks going back) is the earlier.
	return at[0], s, nil
}

func parseClock(path string, v any) (time.Duration, string, *vErr) {
	s, ok := v.(string)
	if !ok || !reClock.MatchString(s) {
		return 0, "", invalidf("%s must be formatted HH:MM:SS", path)
	}
	h, _ := strconv.Atoi(s[0:2])
	m, _ := strconv.Atoi(s[3:5])
	sec, _ := strconv.Atoi(s[6:8])
	if h > 23 || m > 59 || sec > 59 {
		return 0, "", invalidf("%s must be a time of day 00:00:00..23:59:59", path)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second, s, nil
}

func onlyKeys(path string, m map[string]any, allowed ...string) *vErr {
	for k := range m {
		found := false
		for _, a := range allowed {
			if k == a {
				found = true
				break
			}
		}
		if !found {
			return invalidf("%s.%s is not a supported field", path, k)
		}
	}
	return nil
}

// validateTrigger parses and checks a trigger object against the virtual now.
func (e *Emulator) validateTrigger(v any, now time.Time) (*trigger, *vErr) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, invalidf("trigger must be an object")
	}
	if err := onlyKeys("trigger", m, "single", "periodical"); err != nil {
		return nil, err
	}
	single, periodical := m["single"], m["periodical"]
	switch {
	case single != nil && periodical != nil:
		return nil, invalidf("trigger must have exactly one of single and periodical, not both")
	case single == nil && periodical == nil:
		return nil, invalidf("trigger must have exactly one of single and periodical")
	case single != nil:
		return e.validateSingle(single, now)
	}
	return e.validatePeriodical(periodical, now)
}

func (e *Emulator) validateSingle(v any, now time.Time) (*trigger, *vErr) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, invalidf("trigger.single must be an object")
	}
	if err := onlyKeys("trigger.single", m, "time"); err != nil {
		return nil, err
	}
	t, s, err := e.parseWire("trigger.single.time", m["time"])
	if err != nil {
		return nil, err
	}
	if !t.After(now) {
		return nil, invalidf("trigger.single.time must be in the future (expired)")
	}
	if t.After(now.In(e.loc).AddDate(1, 0, 0)) { // a year on the wall clock in the zone
		return nil, invalidf("trigger.single.time must be at most one year in the future")
	}
	return &trigger{single: true, at: t, atStr: s}, nil
}

func (e *Emulator) validatePeriodical(v any, now time.Time) (*trigger, *vErr) {
	const p = "trigger.periodical"
	m, ok := v.(map[string]any)
	if !ok {
		return nil, invalidf("%s must be an object", p)
	}
	if err := onlyKeys(p, m, "start", "end", "time", "time_unit", "frequency", "point"); err != nil {
		return nil, err
	}
	tr := &trigger{}
	var err *vErr
	if tr.start, tr.startStr, err = e.parseWire(p+".start", m["start"]); err != nil {
		return nil, err
	}
	if tr.end, tr.endStr, err = e.parseWire(p+".end", m["end"]); err != nil {
		return nil, err
	}
	if !tr.end.After(tr.start) {
		return nil, invalidf("%s.end must be after %s.start", p, p)
	}
	if tr.end.After(tr.start.AddDate(1, 0, 0)) {
		return nil, invalidf("%s span from start to end must be at most one year", p)
	}
	if !tr.end.After(now) {
		return nil, invalidf("%s.end must be in the future (expired)", p)
	}
	if tr.tod, tr.todStr, err = parseClock(p+".time", m["time"]); err != nil {
		return nil, err
	}
	unit, ok := m["time_unit"].(string)
	if !ok {
		return nil, invalidf("%s.time_unit must be one of day, week, month", p)
	}
	tr.unitRaw, tr.unit = unit, strings.ToLower(unit)
	switch tr.unit {
	case "day", "week", "month":
	default:
		return nil, invalidf("%s.time_unit must be one of day, week, month", p)
	}
	f, ok := isInt(m["frequency"])
	if !ok {
		return nil, invalidf("%s.frequency must be an integer", p)
	}
	if err := rules.Frequency(f); err != nil {
		return nil, invalidf("%s.frequency %s", p, err)
	}
	tr.freq = int(f)
	if err := tr.parsePoints(m["point"]); err != nil {
		return nil, err
	}
	first, ok := tr.firstAtOrAfter(tr.start)
	if !ok || first.After(tr.end) {
		return nil, invalidf("%s first fire time is after end", p)
	}
	tr.next, _ = tr.firstAtOrAfter(now)
	return tr, nil
}

func (tr *trigger) parsePoints(v any) *vErr {
	const p = "trigger.periodical.point"
	var raw []any
	if v != nil {
		arr, ok := v.([]any)
		if !ok {
			return invalidf("%s must be an array of strings", p)
		}
		raw = arr
	}
	points := make([]string, len(raw))
	for i, x := range raw {
		s, ok := x.(string)
		if !ok {
			return invalidf("%s[%d] must be a string", p, i)
		}
		points[i] = s
	}
	if i, err := rules.Points(tr.unit, points); err != nil {
		if i < 0 {
			return invalidf("%s %s", p, err)
		}
		return invalidf("%s[%d] %s", p, i, err)
	}
	if tr.unit != "day" {
		tr.points = points
	}
	return nil
}
