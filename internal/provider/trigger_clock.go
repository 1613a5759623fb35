package provider

import (
	"context"
	"sync"
	"time"
)

// planClock is JPush's "now" for the plan-time checks. It is read only
// when a check needs it, so a plan that fails a rule needing no clock asks
// nothing of JPush, and at most once per plan of a resource.
type planClock struct {
	read func() clockReading
	once sync.Once
	got  clockReading
}

// clockReading is a "now" and the words that say which clock it is.
type clockReading struct {
	now time.Time
	// name says whose current time it is ("JPush's current time"); how says
	// where it came from, for the end of a message.
	name, how string
}

func (k *planClock) get() clockReading {
	k.once.Do(func() { k.got = k.read() })
	return k.got
}

// fixedClock is a planClock that reads now as JPush's time (for tests).
func fixedClock(now time.Time) *planClock {
	return &planClock{read: func() clockReading { return clockReading{now: now, name: jpushClockName, how: jpushClockHow} }}
}

const (
	jpushClockName = "JPush's current time"
	jpushClockHow  = "read from the Date header of JPush's last response"
	// clockProbeTimeout bounds the wait for JPush's time at plan; past it
	// the local clock is used, and the message says so.
	clockProbeTimeout = 15 * time.Second
)

// planClock returns JPush's clock for one plan. Before any response has
// told JPush's time (a plan that only creates makes no other call), it
// asks JPush for the first page of the schedule list, a read, and takes the
// Date header of the answer; only when JPush cannot be reached is the
// machine's clock used, and the message names it.
func (b *providerBound) planClock(ctx context.Context) *planClock {
	return &planClock{read: func() clockReading {
		c := b.client()
		if c == nil {
			return localClock("the provider is not configured")
		}
		if t, ok := c.ServerTime(); ok {
			return clockReading{now: t, name: jpushClockName, how: jpushClockHow}
		}
		// One probe at a time per provider: concurrent plans of many
		// resources then share one answer instead of each asking.
		b.data.clockProbe.Lock()
		defer b.data.clockProbe.Unlock()
		if _, ok := c.ServerTime(); !ok {
			// The probe is the credentials check (checkCredentials),
			// whose answer the refresh and the create's plan reuse.
			pctx, cancel := context.WithTimeout(ctx, clockProbeTimeout)
			b.runCheck(pctx)
			cancel()
		}
		// Any answer tells JPush's time, even a refusal (its Date header).
		if t, ok := c.ServerTime(); ok {
			return clockReading{now: t, name: jpushClockName, how: jpushClockHow}
		}
		why := "no answer"
		if errs := b.data.verifyDiags.Errors(); len(errs) > 0 {
			why = errs[0].Summary()
		}
		return localClock("JPush could not be asked for its time: " + why)
	}}
}

func localClock(why string) clockReading {
	return clockReading{
		now:  time.Now(),
		name: "this machine's current time",
		how:  why + "; JPush's own clock may differ",
	}
}
