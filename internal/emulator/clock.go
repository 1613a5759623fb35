package emulator

import (
	"encoding/json"
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
	points           []string  // as sent; nil for "day"
	next             time.Time // next periodical slot not yet fired; zero = none
}

// period is the calendar of a periodical trigger: its days and slots,
// computed by rules.Period as the provider predicts them.
func (tr *trigger) period() rules.Period {
	return rules.Period{
		Start: tr.start, End: tr.end, Clock: tr.tod, Unit: tr.unit, Frequency: tr.freq,
		Points: tr.points, Location: tr.start.Location(),
	}
}

// firstAtOrAfter returns the first slot of a periodical trigger at or after t
// (and at or after start) that is not after end.
func (tr *trigger) firstAtOrAfter(t time.Time) (time.Time, bool) {
	return tr.period().FirstAtOrAfter(t)
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
	e.pushed = append(e.pushed, Pushed{ScheduleID: s.id, Name: s.name, At: at, Push: mustJSON(s.push)})
}

// Pushed is one push a schedule sent: what would reach phones.
type Pushed struct {
	ScheduleID string
	Name       string
	At         time.Time
	Push       json.RawMessage
}

// Pushes lists every push sent so far (up to the virtual now), in the
// order sent, including those of schedules deleted since: the record a
// test holds "no push the configuration does not say" against.
func (e *Emulator) Pushes() []Pushed {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fireDueLocked()
	return append([]Pushed(nil), e.pushed...)
}
