package templateschedule

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// disableOrDelete disables the schedules just created (JPush creates them
// enabled), with the policy both resources share (lifecycle's
// DisableOrDelete: on a detached context, all deleted when one cannot be
// disabled). ok is false then (with an error); left are the ids that could
// not be deleted.
func (r *templateScheduleResource) disableOrDelete(ctx context.Context, ids []string, diags *diag.Diagnostics) (left []string, ok bool) {
	out := r.DisableOrDelete(ctx, ids)
	if out.OK() {
		return ids, true
	}
	detail := fmt.Sprintf("enabled = false, but JPush creates schedules enabled, and disabling %d of the %d schedules "+
		"just created failed:\n%s\n\n", len(out.Failed), len(ids), strings.Join(out.Failed, "\n"))
	if len(out.Left) == 0 {
		detail += fmt.Sprintf("So that no schedule the configuration says is disabled can fire, the %d schedules were "+
			"deleted. Nothing is left in JPush; apply again to create them.", len(ids))
	} else {
		detail += fmt.Sprintf("They were to be deleted so that none fires, but deleting these failed too:\n%s\n\n"+
			"They may still be enabled and fire. They are kept in the state (tainted), so the next apply deletes "+
			"them; or delete them in the JPush console now.", strings.Join(out.NotDeleted, "\n"))
	}
	diags.AddError("JPush schedules were created but could not be disabled", detail)
	return out.Left, false
}
