package schedule

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// importNotFound explains an import whose schedule JPush does not return.
// A single schedule that has fired is gone from GET once JPush stops
// returning fired schedules, but its msg_ids stay readable: then the error
// says it fired, when, and what to do, since there is nothing left to
// import (JPush no longer tells its trigger or push, and rebuilding them
// from guesses would plan a push nobody asked for).
func (r *scheduleResource) importNotFound(ctx context.Context, id string, diags *diag.Diagnostics) {
	if m, err := r.Client().GetMsgIDs(ctx, id); err == nil && m != nil && len(m.Items) > 0 {
		when := "at an unknown time"
		if last := lastRun(m.Items); !last.IsZero() {
			when = "last at " + client.FormatWireTime(last, r.Loc()) + " (" + last.UTC().Format(time.RFC3339) + ")"
		}
		diags.AddError("Cannot import a JPush schedule that has already fired",
			fmt.Sprintf("The schedule %s has already fired (JPush recorded %d message(s), %s) and JPush no longer "+
				"returns fired schedules, so its trigger and push cannot be read back and there is nothing left to "+
				"import. Remove the import (and the resource) from the configuration; its messages can still be "+
				"read with the jpush_schedule_msg_ids data source.", id, len(m.Items), when))
		return
	}
	diags.AddError("Cannot import the JPush schedule "+id,
		fmt.Sprintf("JPush does not return a schedule %s for %s. If it is a single schedule that has already "+
			"fired (or a periodical one that has ended), JPush no longer returns it, so its trigger and push cannot "+
			"be read back and there is nothing left to import: remove the import (and the resource) from the "+
			"configuration. Otherwise check the id, and that the provider is configured for the app that owns "+
			"the schedule.", id, r.AppDescription()))
}

// lastRun is the latest run time among msg_ids (zero when none says).
func lastRun(items []client.MsgID) time.Time {
	var last time.Time
	for _, it := range items {
		if it.RunAt != nil && it.RunAt.After(last) {
			last = *it.RunAt
		}
	}
	return last
}

func (r *scheduleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		r.importScheduleByIdentity(ctx, req, resp) // an import block's identity (identity.go)
		return
	}
	if !rules.ScheduleID(req.ID) {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q is not a JPush schedule id: an id is a UUID "+
			"such as 6f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f (not the schedule's name). Find it in the JPush console "+
			"or with the jpush_schedules data source.", req.ID))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
	resp.Diagnostics.Append(r.keepOrSetScheduleIdentity(ctx, resp.Identity, types.StringValue(req.ID), nil)...)
}

// importPush fills both push forms of an imported schedule: push_json with
// the whole push, and the typed push when it holds all of it.
func importPush(ctx context.Context, next *scheduleModel, canon json.RawMessage) (diags diag.Diagnostics) {
	next.PushJSON = push.NewJSONValue(string(canon))
	next.Push = types.ObjectNull(push.AttrTypes())
	if pm, whole, err := push.TypedView(canon); err == nil && whole {
		next.Push, diags = push.ObjectFrom(ctx, pm)
	}
	return diags
}
