package schedule

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
)

// JPush creates only enabled schedules, so jpush_schedule with enabled =
// false is a create followed by a disabling PUT. Between the two the
// schedule is live; whatever happens there (the PUT fails, the run is
// interrupted, the create's answer is lost), a schedule the configuration
// says is disabled must not stay enabled in JPush. These are Create's
// steps for that.

// resolveDisabledCreate follows a create for enabled = false whose
// outcome is unknown (its answer lost, or the run interrupted while it was
// sent): JPush may hold it, enabled, and it would fire before the next
// apply resolves the pending create. So it sends the same create with the
// same CID again at once, on a detached context: JPush answers with the
// schedule it made (or makes it now), which the caller then disables.
// When that fails too, it returns the first error (the pending create is
// saved as usual).
func (r *scheduleResource) resolveDisabledCreate(ctx context.Context, s *client.Schedule, err error) (*client.CreateResult, error) {
	cid, maybe := client.CreateMayHaveSucceeded(err)
	if !maybe || cid == "" {
		return nil, err
	}
	cctx, cancel := lifecycle.Detached(ctx)
	defer cancel()
	again := *s
	again.CID = cid
	res, err2 := r.Client().CreateSchedule(cctx, &again)
	if err2 != nil {
		tflog.Warn(ctx, "cannot resolve the create of a disabled schedule at once", map[string]any{"cid": cid, "error": err2.Error()})
		return nil, err
	}
	tflog.Info(ctx, "resolved the create of a disabled schedule by its CID", map[string]any{"id": res.ScheduleID, "cid": cid})
	return res, nil
}

// disableCreated disables a schedule just created for a configuration with
// enabled = false (JPush creates only enabled schedules), with the policy
// both resources share (lifecycle's DisableOrDelete). When the disable
// fails or is interrupted, the schedule is deleted rather than left live
// (on a context that survives the interrupt): plan.ID becomes null, with
// an error.
// When even the delete fails, the schedule is recorded as it is in JPush
// (enabled) with an error, so that Terraform taints it and the next apply
// deletes it.
func (r *scheduleResource) disableCreated(ctx context.Context, plan *scheduleModel, diags *diag.Diagnostics) {
	id := plan.ID.ValueString()
	out := r.DisableOrDelete(ctx, []string{id})
	switch {
	case out.OK():
		return
	case len(out.Left) == 0:
		plan.ID = types.StringNull()
		conn.AddAPIError(diags, "Cannot create the JPush schedule disabled", fmt.Errorf(
			"%w\n\nJPush creates only enabled schedules, and the schedule %s it created could not be disabled "+
				"afterwards. It was deleted, so that it cannot fire; nothing was recorded in the state. Apply again to "+
				"create it", out.FirstErr, id))
	default:
		plan.Enabled = types.BoolValue(true)
		conn.AddAPIError(diags, fmt.Sprintf("The JPush schedule %s is ENABLED although the configuration says enabled = false", id),
			fmt.Errorf("disabling it failed: %w\n\ndeleting it failed too: %v\n\nThe schedule will fire at its time unless it is "+
				"disabled or deleted first. It is recorded in the state as tainted, and the next apply deletes it and creates it "+
				"again; run that apply as soon as JPush answers, or delete the schedule in the JPush console", out.FirstErr, out.DeleteErr))
	}
}
