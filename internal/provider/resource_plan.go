package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// The parts of ModifyPlan that jpush_schedule and jpush_template_schedule
// share: the trigger checked against the zone and JPush's clock, and the
// rule that any edit of an expired resource plans a replacement.

// plannedTrigger is a planned trigger with the zone and JPush's "now" it is
// checked against.
type plannedTrigger struct {
	tm  *triggerModel // nil when the plan has no usable trigger
	loc *time.Location
	now time.Time
}

// priorState is what ModifyPlan needs of an existing resource's state.
type priorState struct {
	id      types.String
	expired types.Bool
	trigger types.Object
}

// planStart reads the planned trigger and, for an existing resource, the
// prior id, expired flag and trigger (single attributes, not whole models).
// ok is false when ModifyPlan has nothing more to do: a destroy, an error,
// or a new resource (or the new half of a replacement), for which it plans
// expired = false and checks the trigger as a new schedule's.
func (b *providerBound) planStart(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (pt plannedTrigger, prior priorState, ok bool) {
	if req.Plan.Raw.IsNull() {
		return pt, prior, false // destroy
	}
	var trigger types.Object
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, triggerPath, &trigger)...)
	if resp.Diagnostics.HasError() {
		return pt, prior, false
	}
	pt = plannedTrigger{loc: b.loc(), now: serverNow(b.client())}
	var diags diag.Diagnostics
	pt.tm, diags = triggerModelFrom(ctx, trigger)
	resp.Diagnostics.Append(diags...)
	if req.State.Raw.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("expired"), types.BoolValue(false))...)
		if pt.tm != nil {
			resp.Diagnostics.Append(pt.tm.checkTrigger(ctx, pt.loc, pt.now, true, nil)...)
		}
		return pt, prior, false
	}
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &prior.id)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("expired"), &prior.expired)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, triggerPath, &prior.trigger)...)
	return pt, prior, !resp.Diagnostics.HasError()
}

// checkUpdate checks the planned trigger of a live resource, updated in
// place, against its prior trigger.
func (pt plannedTrigger) checkUpdate(ctx context.Context, stateTrigger types.Object, diags *diag.Diagnostics) {
	if pt.tm == nil {
		return
	}
	prior, d := triggerModelFrom(ctx, stateTrigger)
	diags.Append(d...)
	diags.Append(pt.tm.checkTrigger(ctx, pt.loc, pt.now, false, prior)...)
}

// changedAttributes lists the attributes (of paths) whose planned value
// differs from the prior one. It reads just those attribute values, each
// compared with attr.Value.Equal, rather than decoding whole models.
func changedAttributes(ctx context.Context, plan tfsdk.Plan, state tfsdk.State, paths ...path.Path) (path.Paths, diag.Diagnostics) {
	var out path.Paths
	var diags diag.Diagnostics
	for _, p := range paths {
		var planned, prior attr.Value
		diags.Append(plan.GetAttribute(ctx, p, &planned)...)
		diags.Append(state.GetAttribute(ctx, p, &prior)...)
		if diags.HasError() {
			return nil, diags
		}
		if !planned.Equal(prior) {
			out = append(out, p)
		}
	}
	return out, diags
}

// replaceExpiredOnEdit plans a replacement of an expired resource (its
// schedules have fired or ended) for any change of the attributes at paths;
// with none the plan stays empty, and the resource is never re-created by
// itself.
func replaceExpiredOnEdit(ctx context.Context, what, id string, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, paths ...path.Path) {
	changed, diags := changedAttributes(ctx, req.Plan, req.State, paths...)
	resp.Diagnostics.Append(diags...)
	if len(changed) > 0 {
		tflog.Info(ctx, what+"; planning a replacement for the edit", map[string]any{"id": id})
		resp.RequiresReplace = append(resp.RequiresReplace, changed...)
	}
}

// wireTrigger converts a planned trigger (fully known at apply time) to
// the wire, in the provider's zone; nil with an error on the trigger
// attribute when it cannot.
func (b *providerBound) wireTrigger(ctx context.Context, trigger types.Object, diags *diag.Diagnostics) *client.Trigger {
	tm, d := triggerModelFrom(ctx, trigger)
	diags.Append(d...)
	if d.HasError() {
		return nil
	}
	if tm == nil {
		diags.AddAttributeError(triggerPath, "Missing trigger", "Set trigger.single or trigger.periodical.")
		return nil
	}
	trig, err := tm.toClient(ctx, b.loc())
	if err != nil {
		diags.AddAttributeError(triggerPath, "Invalid trigger", err.Error())
		return nil
	}
	return trig
}

// wireTriggerChanged reports whether want differs on the wire from the
// state's trigger (a time rewritten as the same instant does not).
func (b *providerBound) wireTriggerChanged(ctx context.Context, stateTrigger types.Object, want *client.Trigger) bool {
	var old *client.Trigger
	if tm, _ := triggerModelFrom(ctx, stateTrigger); tm != nil {
		old, _ = tm.toClient(ctx, b.loc())
	}
	return old == nil || !sameWireTrigger(old, want)
}
