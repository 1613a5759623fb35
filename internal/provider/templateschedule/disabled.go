package templateschedule

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
)

// disableOrDelete disables the schedules just created (JPush creates them
// enabled). When any disable fails, or the run is interrupted, a schedule
// the configuration says is disabled must not stay enabled, so it deletes
// all of them, on a context that survives the cancellation. ok is false
// then (with an error); left are the ids that could not be deleted.
func (r *templateScheduleResource) disableOrDelete(ctx context.Context, ids []string, diags *diag.Diagnostics) (left []string, ok bool) {
	c := r.Client()
	f := false
	var notDisabled []string
	for _, id := range ids {
		if _, err := c.UpdateSchedule(ctx, id, &client.ScheduleUpdate{Enabled: &f}); err != nil {
			notDisabled = append(notDisabled, fmt.Sprintf("%s: %s", id, err))
		}
	}
	if len(notDisabled) == 0 {
		return ids, true
	}
	dctx, cancel := lifecycle.Detached(ctx)
	defer cancel()
	var notDeleted []string
	for _, id := range ids {
		if err := c.DeleteSchedule(dctx, id); err != nil && !client.IsNotFound(err) {
			left, notDeleted = append(left, id), append(notDeleted, fmt.Sprintf("%s: %s", id, err))
		}
	}
	tflog.Warn(ctx, "could not disable the created template schedules; deleted them", map[string]any{"not_deleted": len(left)})
	detail := fmt.Sprintf("enabled = false, but JPush creates schedules enabled, and disabling %d of the %d schedules "+
		"just created failed:\n%s\n\n", len(notDisabled), len(ids), strings.Join(notDisabled, "\n"))
	if len(left) == 0 {
		detail += fmt.Sprintf("So that no schedule the configuration says is disabled can fire, the %d schedules were "+
			"deleted. Nothing is left in JPush; apply again to create them.", len(ids))
	} else {
		detail += fmt.Sprintf("They were to be deleted so that none fires, but deleting these failed too:\n%s\n\n"+
			"They may still be enabled and fire. They are kept in the state (tainted), so the next apply deletes "+
			"them; or delete them in the JPush console now.", strings.Join(notDeleted, "\n"))
	}
	diags.AddError("JPush schedules were created but could not be disabled", detail)
	return left, false
}
