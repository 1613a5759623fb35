package lifecycle

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// cleanupTimeout bounds the work that must outlive the cancellation of the
// operation (Ctrl-C): finding a lost create's schedules, deleting schedules
// that could not be disabled.
const cleanupTimeout = 2 * time.Minute

// Detached is ctx without its cancellation (its values, such as loggers,
// stay), bounded by cleanupTimeout.
func Detached(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
}

// Disabled is what DisableOrDelete did with the schedules it was given.
type Disabled struct {
	// Failed holds "id: error" for each schedule whose disable failed;
	// empty when all were disabled.
	Failed []string
	// FirstErr is the first disable error, nil when all were disabled.
	FirstErr error
	// Left are the ids that could be neither disabled nor deleted, with
	// "id: error" of each delete in NotDeleted and the first in DeleteErr.
	Left       []string
	NotDeleted []string
	DeleteErr  error
}

// OK reports whether every schedule was disabled.
func (d Disabled) OK() bool { return len(d.Failed) == 0 }

// DisableOrDelete disables the schedules just created for a configuration
// with enabled = false (JPush creates only enabled schedules). The disables
// run on the operation's context, so that an interrupt (Ctrl-C) stops them
// at once; when any disable fails, or is interrupted, a schedule the
// configuration says is disabled must not stay live: it deletes all of them
// on a context that survives the cancellation (one already gone counts as
// deleted), and Left names those it could not.
func (b *Base) DisableOrDelete(ctx context.Context, ids []string) Disabled {
	c := b.Client()
	var out Disabled
	f := false
	for _, id := range ids {
		if _, err := c.UpdateSchedule(ctx, id, &client.ScheduleUpdate{Enabled: &f}); err != nil {
			out.Failed = append(out.Failed, fmt.Sprintf("%s: %s", id, err))
			if out.FirstErr == nil {
				out.FirstErr = err
			}
		}
	}
	if out.OK() {
		return out
	}
	dctx, cancel := Detached(ctx)
	defer cancel()
	for _, id := range ids {
		if err := c.DeleteSchedule(dctx, id); err != nil && !client.IsNotFound(err) {
			out.Left, out.NotDeleted = append(out.Left, id), append(out.NotDeleted, fmt.Sprintf("%s: %s", id, err))
			if out.DeleteErr == nil {
				out.DeleteErr = err
			}
		}
	}
	tflog.Warn(ctx, "could not disable the created schedules; deleted them so that none can fire",
		map[string]any{"created": len(ids), "not_deleted": len(out.Left)})
	return out
}
