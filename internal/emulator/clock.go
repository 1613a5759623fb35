package emulator

import (
	"fmt"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// trigger is a validated trigger. Wall-clock strings are kept as sent for the echo.
type trigger struct {
	single bool
	at     time.Time
	atStr  string

	start, end       time.Time
	startStr, endStr string
	tod              time.Duration
	todStr           string
	unit, unitRaw    string // unit lower-case; unitRaw as sent
	freq             int
	points           []string // as sent
	weekdays         map[time.Weekday]bool
	monthDays        map[int]bool
	next             time.Time // next periodical slot not yet fired; zero = none
}

// civilDays counts calendar days since the epoch for the wall-clock date of t.
func civilDays(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func mondayDays(t time.Time) int {
	wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
	return civilDays(t) - wd
}

func (tr *trigger) dayMatches(day time.Time) bool {
	switch tr.unit {
	case "day":
		return (civilDays(day)-civilDays(tr.start))%tr.freq == 0
	case "week":
		return tr.weekdays[day.Weekday()] && ((mondayDays(day)-mondayDays(tr.start))/7)%tr.freq == 0
	case "month":
		months := (day.Year()*12 + int(day.Month())) - (tr.start.Year()*12 + int(tr.start.Month()))
		return tr.monthDays[day.Day()] && months%tr.freq == 0
	}
	return false
}

// firstAtOrAfter returns the first slot of a periodical trigger at or after t
// (and at or after start) that is not after end.
func (tr *trigger) firstAtOrAfter(t time.Time) (time.Time, bool) {
	if t.Before(tr.start) {
		t = tr.start
	}
	loc := tr.start.Location()
	t = t.In(loc)
	// Days are walked at noon: midnight can fall in a daylight-saving gap
	// (Havana, Santiago), where time.Date moves it to the day before, and
	// the walk would never end.
	for day := noon(t, 0); ; day = noon(day, 1) {
		if wallDate(day).After(wallDate(tr.end)) {
			return time.Time{}, false
		}
		if !tr.dayMatches(day) {
			continue
		}
		slot := slotOn(day, tr.tod, loc)
		if slot.Before(t) {
			continue
		}
		if slot.After(tr.end) {
			return time.Time{}, false
		}
		return slot, true
	}
}

// noon is noon, in t's location, n days after t's date.
func noon(t time.Time, n int) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day()+n, 12, 0, 0, 0, t.Location())
}

// wallDate is the calendar date of t (in its location) as midnight UTC.
func wallDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// slotOn is the instant of the time of day tod on day's date in loc. A
// decision where JPush documents none: a time that daylight saving repeats
// is the earlier instant, and one that it skips runs as far past the jump
// as it was past the last wall clock before it (02:30 in a gap from 02:00
// to 03:00 runs at 03:30), once.
func slotOn(day time.Time, tod time.Duration, loc *time.Location) time.Time {
	naive := wallDate(day).Add(tod)
	if at := rules.WallInstants(naive, loc); len(at) > 0 {
		return at[0]
	}
	// In a gap: read naive with the offset in force before the jump, the
	// smaller one (clocks jump forward into a larger offset).
	offs := rules.NearbyOffsets(naive, loc)
	return naive.Add(-time.Duration(offs[len(offs)-1]) * time.Second).In(loc)
}

// fireDueLocked runs every schedule slot up to the virtual now and expires finished schedules.
func (e *Emulator) fireDueLocked() {
	now := e.nowLocked()
	for _, s := range e.schedules {
		if s.expired {
			continue
		}
		tr := s.trig
		if tr.single {
			if !now.Before(tr.at) {
				if s.enabled {
					e.appendRunLocked(s, tr.at)
				}
				s.expired = true
			}
			continue
		}
		for !tr.next.IsZero() && !tr.next.After(now) {
			if s.enabled {
				e.appendRunLocked(s, tr.next)
			}
			tr.next, _ = tr.firstAtOrAfter(tr.next.Add(time.Second))
		}
		if now.After(tr.end) {
			s.expired = true
		}
	}
}

type msgIDEntry struct {
	MsgID     string       `json:"msg_id"`
	Error     msgIDErrWire `json:"error"`
	NeedRetry bool         `json:"needRetry"`
	TS        int64        `json:"ts"`
}

type msgIDErrWire struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *Emulator) appendRunLocked(s *schedule, at time.Time) {
	e.msgSeq++
	entry := msgIDEntry{MsgID: fmt.Sprintf("%017d", int64(18100000000000000)+e.msgSeq), TS: at.UnixMilli()}
	s.msgIDs = append(s.msgIDs, string(mustJSON(entry)))
}
