package client

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"
)

// Level is the verbosity of a log entry.
type Level int

// Levels, from least to most verbose.
const (
	LevelError Level = iota
	LevelWarn
	LevelInfo
	LevelDebug
	// LevelTrace adds request and response headers (redacted) and bodies.
	LevelTrace
)

func (l Level) String() string {
	switch l {
	case LevelError:
		return "error"
	case LevelWarn:
		return "warn"
	case LevelInfo:
		return "info"
	case LevelDebug:
		return "debug"
	case LevelTrace:
		return "trace"
	}
	return fmt.Sprintf("level(%d)", int(l))
}

// Logger receives the client's log entries. Implementations must be safe
// for concurrent use.
type Logger interface {
	Log(ctx context.Context, level Level, msg string, fields map[string]any)
}

// LevelEnabler may be implemented by a Logger to skip building entries it
// would drop (trace entries carry whole bodies).
type LevelEnabler interface {
	Enabled(level Level) bool
}

// LoggerFunc adapts a function to Logger.
type LoggerFunc func(ctx context.Context, level Level, msg string, fields map[string]any)

// Log calls f.
func (f LoggerFunc) Log(ctx context.Context, level Level, msg string, fields map[string]any) {
	f(ctx, level, msg, fields)
}

const redacted = "[REDACTED]"

// redactingLogger scrubs the credentials from every string before it
// reaches the user's Logger: the Authorization header is redacted at the
// source, and as defence in depth the master secret, the Basic token and
// the header value are replaced wherever they appear.
type redactingLogger struct {
	next     Logger
	replacer *strings.Replacer
}

func newRedactingLogger(next Logger, secret, token string) *redactingLogger {
	var pairs []string
	// Longest first, so "Basic <token>" wins over its parts.
	for _, s := range []string{"Basic " + token, token, secret} {
		if s != "" {
			pairs = append(pairs, s, redacted)
		}
	}
	return &redactingLogger{next: next, replacer: strings.NewReplacer(pairs...)}
}

func (l *redactingLogger) enabled(level Level) bool {
	if l == nil || l.next == nil {
		return false
	}
	if e, ok := l.next.(LevelEnabler); ok {
		return e.Enabled(level)
	}
	return true
}

func (l *redactingLogger) log(ctx context.Context, level Level, msg string, fields map[string]any) {
	if !l.enabled(level) {
		return
	}
	clean := make(map[string]any, len(fields))
	for k, v := range fields {
		clean[l.scrub(k)] = l.scrubValue(v)
	}
	l.next.Log(ctx, level, l.scrub(msg), clean)
}

func (l *redactingLogger) scrub(s string) string { return l.replacer.Replace(s) }

func (l *redactingLogger) scrubValue(v any) any {
	switch v := v.(type) {
	case string:
		return l.scrub(v)
	case []byte:
		return l.scrub(string(v))
	case error:
		return l.scrub(v.Error())
	case map[string]string:
		out := make(map[string]string, len(v))
		for k, s := range v {
			out[l.scrub(k)] = l.scrub(s)
		}
		return out
	case fmt.Stringer:
		return l.scrub(v.String())
	case int, int64, bool, float64:
		return v
	default:
		return l.scrub(fmt.Sprint(v))
	}
}

// redactHeaders flattens h for logging, with credentials redacted.
func redactHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, vs := range h {
		switch http.CanonicalHeaderKey(k) {
		case "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie":
			out[k] = redacted
		default:
			out[k] = strings.Join(vs, ", ")
		}
	}
	return out
}

// RateLimitWaitMessage is the message of the entry logged (at LevelInfo)
// each time the rate limiter held a request back until the rate window
// had room. Its fields are "wait" (a Go duration string) and "wait_ms"
// (the wait in milliseconds, a float64 rounded to the microsecond).
// tools/bench sums the wait_ms of these entries from provider logs.
const RateLimitWaitMessage = "jpush: waited for the rate-limit window"

// logRateLimitWait logs one rate-limit wait.
func (c *Client) logRateLimitWait(ctx context.Context, waited time.Duration) {
	// Rounded to 0.001 ms so that no value is printed in exponent form
	// (%v of a float64 below 1e-4 is "1e-05"), which a [0-9.]+ pattern
	// would misread.
	ms := math.Round(float64(waited)/float64(time.Microsecond)) / 1000
	c.log.log(ctx, LevelInfo, RateLimitWaitMessage, map[string]any{
		"wait":    waited.String(),
		"wait_ms": ms,
	})
}
