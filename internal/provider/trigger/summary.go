package trigger

import (
	"context"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// PushedSummary says when a trigger has pushed by now ("pushed at ...",
// "first pushed at ..."), or "" when it has not pushed yet (or cannot be
// told).
func (t *Model) PushedSummary(ctx context.Context, loc *time.Location, now time.Time) string {
	switch t.kind() {
	case "single":
		at, ok := t.LastFiring(loc)
		if ok && !at.After(now) {
			return "pushed at " + client.FormatWireTime(at, loc) + " in " + loc.String()
		}
	case "periodical":
		first, ok := t.periodicalFirst(ctx, loc, time.Time{})
		if !ok || first.After(now) {
			return ""
		}
		s := "first pushed at " + client.FormatWireTime(first, loc) + " in " + loc.String()
		if t.HasEnded(loc, now) {
			s += " and has ended"
		} else {
			s += " and is still pushing"
		}
		return s
	}
	return ""
}

// NextPushSummary says when a new schedule of trigger t would push first.
func (t *Model) NextPushSummary(ctx context.Context, loc *time.Location, now time.Time) string {
	switch t.kind() {
	case "single":
		if at, ok := t.LastFiring(loc); ok {
			return "at " + client.FormatWireTime(at, loc) + " in " + loc.String()
		}
	case "periodical":
		if first, ok := t.periodicalFirst(ctx, loc, now); ok {
			return "from " + client.FormatWireTime(first, loc) + " in " + loc.String() + " (" + t.every() + ")"
		}
	}
	return "at the time the configuration gives at apply"
}
