package emulator

import (
	"fmt"
	"time"
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
	y, m, d := t.Date()
	h, mi, s := int(tr.tod/time.Hour), int(tr.tod/time.Minute%60), int(tr.tod/time.Second%60)
	for day := time.Date(y, m, d, 0, 0, 0, 0, loc); !day.After(tr.end); day = time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, loc) {
		if !tr.dayMatches(day) {
			continue
		}
		slot := time.Date(day.Year(), day.Month(), day.Day(), h, mi, s, 0, loc)
		if slot.Before(t) {
			continue
		}
		if slot.After(tr.end) {
			return time.Time{}, false
		}
		return slot, true
	}
	return time.Time{}, false
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
