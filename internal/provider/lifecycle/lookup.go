package lifecycle

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// LookupUnlessEnded reads a schedule from the command's list snapshot. One
// missing from a complete snapshot whose trigger (the state's) has ended by
// JPush's clock has expired: the answer is (nil, nil), with no call at all,
// since a GET could only confirm it (404) or show a schedule that never
// fires again. A missing one that has not ended gets its GET, so a deletion
// outside Terraform is never taken for a firing.
func (b *Base) LookupUnlessEnded(ctx context.Context, id string, prior *trigger.Model) (*client.Schedule, error) {
	c := b.Client()
	b.NoteManaged(id)
	s, absent, err := c.LookupListed(ctx, id)
	switch {
	case !absent:
		return s, err
	case prior.HasEnded(b.Loc(), conn.ServerNow(c)):
		return nil, nil
	}
	return c.GetSchedule(ctx, id)
}

func sameWireTrigger(a, b *client.Trigger) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// ForgetExpired is the Delete of a schedule the state records as expired:
// it sends nothing. Expired means fired or ended by JPush's clock, and
// JPush refuses every change to such a schedule, so it never fires again:
// a DELETE could only answer 404 (JPush no longer returns it) or remove
// an inert record (where JPush still returns expired schedules, with their
// msg_ids). Either way it would spend the app's rate limit, which its real
// pushes share, for nothing; a destroy of a long-lived configuration,
// mostly fired schedules, would wait for windows.
func ForgetExpired(ctx context.Context, id string) {
	tflog.Info(ctx, "the JPush schedule has fired or ended; removing it from the state without a DELETE", map[string]any{"id": id})
}
