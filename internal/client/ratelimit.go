package client

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// rateLimiter keeps the client under JPush's per-app-key call quota using
// the X-Rate-Limit-Limit/-Remaining/-Reset headers of every response.
//
// Each request reserves a slot before it is sent (remaining is decremented
// locally and the request counted in flight); each response resyncs the
// estimate from its headers. When the estimate reaches the reserve,
// callers wait until the window resets instead of running into a 429.
//
// Until the first response is seen only one request is in flight, so that
// a burst of concurrent callers learns the quota before spending it. A
// server that sends no rate headers is not limited.
type rateLimiter struct {
	mu       sync.Mutex
	reserve  int
	mode     limiterMode
	limit    int
	remain   int       // estimate of calls left, in-flight ones deducted
	resetAt  time.Time // end of the current window; zero when unknown
	inflight int
	changed  chan struct{} // closed and replaced on every state change
}

type limiterMode int

const (
	modeProbing   limiterMode = iota // no response seen yet
	modeUnlimited                    // the server sends no rate headers
	modeKnown                        // headers seen
)

// resetMargin is added to the reset time before waiters wake up.
const resetMargin = 50 * time.Millisecond

// pollInterval bounds a wait whose end is not known.
const pollInterval = time.Second

func newRateLimiter(reserve int) *rateLimiter {
	return &rateLimiter{reserve: reserve, changed: make(chan struct{})}
}

// notifyLocked wakes every waiter.
func (l *rateLimiter) notifyLocked() {
	close(l.changed)
	l.changed = make(chan struct{})
}

// acquire reserves a slot for one request, waiting while the window is
// spent. It returns how long it waited.
func (l *rateLimiter) acquire(ctx context.Context) (time.Duration, error) {
	var start time.Time
	for {
		l.mu.Lock()
		now := time.Now()
		if l.mode == modeKnown && !l.resetAt.IsZero() && !now.Before(l.resetAt) {
			// The window is over: assume a fresh one until a response
			// tells otherwise.
			l.remain = l.limit - l.inflight
			l.resetAt = time.Time{}
		}
		ok := false
		var wakeAt time.Time
		switch l.mode {
		case modeUnlimited:
			ok = true
		case modeProbing:
			ok = l.inflight == 0
		case modeKnown:
			reserve := l.reserve
			if reserve >= l.limit {
				reserve = l.limit - 1
			}
			switch {
			case l.remain-reserve > 0:
				ok = true
			case l.inflight == 0 && l.resetAt.IsZero():
				// Nothing will tell us more: send one to resync.
				ok = true
			case !l.resetAt.IsZero():
				wakeAt = l.resetAt.Add(resetMargin)
			}
		}
		if ok {
			l.inflight++
			if l.mode == modeKnown {
				l.remain--
			}
			l.mu.Unlock()
			if start.IsZero() {
				return 0, nil
			}
			return time.Since(start), nil
		}
		ch := l.changed
		l.mu.Unlock()

		if start.IsZero() {
			start = now
		}
		d := pollInterval
		if !wakeAt.IsZero() {
			d = time.Until(wakeAt)
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return time.Since(start), ctx.Err()
		case <-ch:
		case <-t.C:
		}
		t.Stop()
	}
}

// release returns the slot of a finished request and resyncs from its
// response headers (h is nil when no response arrived).
func (l *rateLimiter) release(h http.Header, status int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	defer l.notifyLocked()
	l.inflight--
	if h == nil {
		// No response: the server may or may not have counted the call;
		// keep the slot spent, which errs on the safe side.
		return
	}
	limit, okL := headerInt(h, "X-Rate-Limit-Limit")
	if !okL {
		limit, okL = headerInt(h, "X-Rate-Limit-Quota")
	}
	remaining, okR := headerInt(h, "X-Rate-Limit-Remaining")
	reset, okS := headerInt(h, "X-Rate-Limit-Reset")
	if !okL || !okR || limit <= 0 {
		if l.mode == modeProbing {
			l.mode = modeUnlimited
		}
		return
	}
	now := time.Now()
	newReset := time.Time{}
	if okS && reset >= 0 {
		newReset = now.Add(time.Duration(reset) * time.Second)
	}
	if status == http.StatusTooManyRequests {
		remaining = 0
		if newReset.IsZero() {
			newReset = now.Add(time.Second)
		}
	}
	candidate := remaining - l.inflight
	l.limit = limit
	switch {
	case l.mode != modeKnown, l.resetAt.IsZero(), !now.Before(l.resetAt),
		!newReset.IsZero() && newReset.After(l.resetAt.Add(time.Second)):
		// First sight, or a new window.
		l.mode = modeKnown
		l.remain = candidate
		l.resetAt = newReset
	default:
		if candidate < l.remain {
			l.remain = candidate
		}
		if newReset.After(l.resetAt) {
			l.resetAt = newReset
		}
	}
	if status == http.StatusTooManyRequests {
		l.remain = 0 - l.inflight
	}
}

func (l *rateLimiter) state() RateLimitState {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := RateLimitState{
		Known:     l.mode == modeKnown,
		Limit:     l.limit,
		Remaining: l.remain,
		Reset:     l.resetAt,
		InFlight:  l.inflight,
	}
	if st.Remaining < 0 {
		st.Remaining = 0
	}
	return st
}

func headerInt(h http.Header, name string) (int, bool) {
	v := h.Get(name)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, false
	}
	return n, true
}
