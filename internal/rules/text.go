package rules

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// TagChars describes the tag and alias charset for messages.
const TagChars = "ASCII letters, digits, _, Chinese characters and @!#$&*+=.|￥"

const tagExtra = "@!#$&*+=.|￥"

func asciiAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// Tag checks a tag or alias (development/jpush-api.md §6.2): 1..40 bytes of TagChars.
func Tag(s string) error {
	switch {
	case s == "":
		return errors.New("must not be empty")
	case len(s) > 40:
		return fmt.Errorf("is %d bytes long; at most 40 bytes are allowed (a Chinese character takes 3)", len(s))
	case !utf8.ValidString(s):
		return errors.New("is not valid UTF-8")
	}
	for _, r := range s {
		if r == '_' || asciiAlnum(r) || unicode.Is(unicode.Han, r) || strings.ContainsRune(tagExtra, r) {
			continue
		}
		return fmt.Errorf("contains %q; JPush allows only %s", r, TagChars)
	}
	return nil
}

// Name checks a schedule name (development/jpush-api.md §3): 1..255 bytes; with strict, only Han
// ideographs, ASCII letters, digits and underscore.
func Name(s string, strict bool) error {
	if s == "" {
		return errors.New("must not be empty")
	}
	if len(s) > 255 {
		return fmt.Errorf("is %d bytes long; JPush allows at most 255 bytes (a Chinese character takes 3)", len(s))
	}
	if !utf8.ValidString(s) {
		return errors.New("is not valid UTF-8")
	}
	if !strict {
		return nil
	}
	for _, r := range s {
		if r == '_' || asciiAlnum(r) || unicode.Is(unicode.Han, r) {
			continue
		}
		return fmt.Errorf("contains %q; JPush allows only Chinese characters, ASCII letters, digits and underscore", r)
	}
	return nil
}

// Frequency checks a periodical frequency (development/jpush-api.md §4.3): 1..100.
func Frequency(f int64) error {
	if f < 1 || f > 100 {
		return fmt.Errorf("is %d; it must be between 1 and 100", f)
	}
	return nil
}

// Weekdays maps the week point tokens (upper case) to week days.
var Weekdays = map[string]time.Weekday{
	"SUN": time.Sunday, "MON": time.Monday, "TUE": time.Tuesday, "WED": time.Wednesday,
	"THU": time.Thursday, "FRI": time.Friday, "SAT": time.Saturday,
}

var monthDayRE = regexp.MustCompile(`^(0[1-9]|[12]\d|3[01])$`)

// Points applies the point rules of a time_unit (case-insensitive, development/jpush-api.md §4.3).
// It returns the index of the offending point, or -1 for the list as a
// whole. Week days are compared case-insensitively (MON and mon are the
// same day, so listing both is a duplicate).
func Points(unit string, points []string) (int, error) {
	switch strings.ToLower(unit) {
	case "day":
		if len(points) > 0 {
			return -1, errors.New("must be omitted when time_unit is \"day\"")
		}
	case "week":
		if len(points) == 0 {
			return -1, errors.New("is required when time_unit is \"week\": one or more of MON TUE WED THU FRI SAT SUN")
		}
		seen := map[string]bool{}
		for i, p := range points {
			u := strings.ToUpper(p)
			if _, ok := Weekdays[u]; !ok {
				return i, fmt.Errorf("%q is not a week day: use MON TUE WED THU FRI SAT SUN (any case)", p)
			}
			if seen[u] {
				return i, fmt.Errorf("%q is listed twice", p)
			}
			seen[u] = true
		}
	case "month":
		if len(points) == 0 {
			return -1, errors.New("is required when time_unit is \"month\": one or more days of the month \"01\"..\"31\"")
		}
		seen := map[string]bool{}
		for i, p := range points {
			if !monthDayRE.MatchString(p) {
				return i, fmt.Errorf("%q is not a day of the month: use two digits \"01\"..\"31\"", p)
			}
			if seen[p] {
				return i, fmt.Errorf("%q is listed twice", p)
			}
			seen[p] = true
		}
	}
	return 0, nil
}

// reScheduleID is the shape of a schedule_id JPush assigns: a UUID
// (development/jpush-api.md §3).
var reScheduleID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// ScheduleID reports whether s has the shape of a JPush schedule_id.
func ScheduleID(s string) bool { return reScheduleID.MatchString(s) }
