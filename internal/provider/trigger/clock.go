package trigger

import (
	"sync"
	"time"
)

// Clock is JPush's "now" for the plan-time checks. It is read only
// when a check needs it, so a plan that fails a rule needing no clock asks
// nothing of JPush, and at most once per plan of a resource.
type Clock struct {
	Read func() Reading
	once sync.Once
	got  Reading
}

// Reading is a "now" and the words that say which clock it is.
type Reading struct {
	Now time.Time
	// name says whose current time it is ("JPush's current time"); how says
	// where it came from, for the end of a message.
	Name, How string
}

func (k *Clock) Get() Reading {
	k.once.Do(func() { k.got = k.Read() })
	return k.got
}

// FixedClock is a Clock that reads now as JPush's time (for tests).
func FixedClock(now time.Time) *Clock {
	return &Clock{Read: func() Reading { return Reading{Now: now, Name: JPushClockName, How: JPushClockHow} }}
}

const (
	// JPushClockName and JPushClockHow name JPush's clock in messages.
	JPushClockName = "JPush's current time"
	// JPushClockHow says where JPushClockName comes from.
	JPushClockHow = "read from the Date header of JPush's last response"
	// ClockProbeTimeout bounds the wait for JPush's time at plan; past it
	// the local clock is used, and the message says so.
	ClockProbeTimeout = 15 * time.Second
)

// LocalClock is a reading of the machine's clock, used when JPush's
// cannot be had; why says so in messages.
func LocalClock(why string) Reading {
	return Reading{
		Now:  time.Now(),
		Name: "this machine's current time",
		How:  why + "; JPush's own clock may differ",
	}
}
