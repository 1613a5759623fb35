package provider

import (
	"context"
	"fmt"
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

// plannedTrigger is a planned trigger with the zone and JPush's clock it is
// checked against.
type plannedTrigger struct {
	obj   types.Object  // the planned trigger attribute
	tm    *triggerModel // nil when the plan has no usable trigger
	loc   *time.Location
	clock *planClock
}

// priorState is what ModifyPlan needs of an existing resource's state.
type priorState struct {
	id      types.String
	expired types.Bool
	enabled types.Bool
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
	pt = plannedTrigger{obj: trigger, loc: b.loc(), clock: b.planClock(ctx)}
	var diags diag.Diagnostics
	pt.tm, diags = triggerModelFrom(ctx, trigger)
	resp.Diagnostics.Append(diags...)
	if req.State.Raw.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("expired"), types.BoolValue(false))...)
		pt.check(ctx, true, nil, &resp.Diagnostics)
		if !resp.Diagnostics.HasError() {
			// A create is the plan's gap: no refresh read checked the
			// credentials (see checkCredentials).
			b.checkCredentials(ctx, &resp.Diagnostics)
		}
		return pt, prior, false
	}
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &prior.id)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("expired"), &prior.expired)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("enabled"), &prior.enabled)...)
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
	pt.check(ctx, false, prior, diags)
}

// check checks the planned trigger (see checkTrigger). A problem that
// comes from JPush's clock alone (a time no longer in the future, more
// than a year ahead) is reported as a warning, not an error, because
// Terraform plans the configuration before every destroy (its pre-destroy
// refresh is a normal plan) and stops the destroy on any error there: a
// schedule that fired and was then edited could never be destroyed.
// checkAtApply turns those problems into errors when the schedule is about
// to be created or moved; a problem of the configuration itself (end
// before start, a periodical that never fires) stays an error.
func (pt plannedTrigger) check(ctx context.Context, isNew bool, prior *triggerModel, diags *diag.Diagnostics) {
	if pt.tm == nil {
		return
	}
	found := pt.tm.checkTrigger(ctx, pt.loc, pt.clock, isNew, prior)
	if !found.HasError() {
		diags.Append(found...)
		return
	}
	// The same check at an instant at which every clock rule holds (just
	// before the last firing) tells the clock's problems from the others.
	var static diag.Diagnostics
	if last, ok := pt.tm.lastFiring(pt.loc); ok {
		static = pt.tm.checkTrigger(ctx, pt.loc, fixedClock(last.Add(-time.Second)), isNew, prior)
	} else {
		static = found
	}
	for _, d := range found {
		if d.Severity() != diag.SeverityError || static.Contains(d) {
			diags.Append(d)
			continue
		}
		detail := d.Detail() + "\n\nApplying this configuration fails (the provider or JPush refuses such a time), and " +
			"no schedule is created or moved. This is a warning, not an error, so that it never stops terraform " +
			"destroy or the removal of the resource."
		if wp, ok := d.(diag.DiagnosticWithPath); ok {
			diags.AddAttributeWarning(wp.Path(), d.Summary(), detail)
		} else {
			diags.AddWarning(d.Summary(), detail)
		}
	}
}

// checkAtApply is the check of check, at apply time, with every problem
// an error: a create (isNew) or an update that moves the trigger is
// refused before JPush is called, judged by JPush's clock. For an update
// the client asks JPush's time when no answer has told it yet (JPush's
// rule for a moved time is not documented); for a create it relies on
// JPush, which refuses a new schedule in the past itself, and adds no call.
func (b *providerBound) checkAtApply(ctx context.Context, trigger, stateTrigger types.Object, isNew bool, diags *diag.Diagnostics) {
	tm, d := triggerModelFrom(ctx, trigger)
	diags.Append(d...)
	if tm == nil {
		return
	}
	var prior *triggerModel
	if !isNew {
		prior, d = triggerModelFrom(ctx, stateTrigger)
		diags.Append(d...)
		if tm.equal(prior) {
			return
		}
	}
	c := b.client()
	if _, ok := c.ServerTime(); !ok && !isNew {
		knownServerNow(ctx, c)
	}
	now, ok := c.ServerTime()
	if !ok {
		return
	}
	diags.Append(tm.checkTrigger(ctx, b.loc(), fixedClock(now), isNew, prior)...)
}

// firedMeanwhile explains a failed update of a schedule (id) that has
// fired or ended by JPush's clock since the plan, so that JPush no longer
// updates it, and reports whether it did: nothing was changed, and the
// next plan replaces it, which pushes again. Shared by both resources.
func (b *providerBound) firedMeanwhile(ctx context.Context, id string, stateTrigger, planTrigger types.Object, err error, diags *diag.Diagnostics) bool {
	loc, now := b.loc(), serverNow(b.client())
	old, _ := triggerModelFrom(ctx, stateTrigger)
	if old == nil || !old.hasEnded(loc, now) {
		return false
	}
	next := "again at the time the configuration gives"
	if tm, _ := triggerModelFrom(ctx, planTrigger); tm != nil {
		next = "again " + tm.nextPushSummary(ctx, loc, now)
	}
	diags.AddAttributeError(triggerPath, "The JPush schedule fired before it could be updated",
		fmt.Sprintf("The schedule %s %s, after the plan was made and before this apply reached it (JPush's time is now %s), "+
			"so JPush no longer updates it: %s\n\nNothing was changed. The next plan shows it as expired and plans a "+
			"replacement, which creates a new schedule that pushes %s; apply that plan only if another push is wanted.",
			id, old.pushedSummary(ctx, loc, now), client.FormatWireTime(now, loc), err, next))
	return true
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

// warnReplacement runs when ModifyPlan is done, for a resource that
// exists. When the plan replaces it, Terraform plans the new object in a
// second call (from a null prior state) and shows only that call's errors,
// not its warnings; so the warnings about the new schedule are given here:
// the checks of a new schedule (check), and, when the schedule being
// replaced has already pushed, that applying pushes again.
func (pt plannedTrigger) warnReplacement(ctx context.Context, prior priorState, resp *resource.ModifyPlanResponse) {
	// RequiresReplace holds only what ModifyPlan decided; the trigger
	// kind's replacement is decided by its attribute plan modifier.
	byKind, _ := kindReplaces(prior.trigger, pt.obj)
	if (len(resp.RequiresReplace) == 0 && !byKind) || resp.Diagnostics.HasError() {
		return
	}
	pt.check(ctx, true, nil, &resp.Diagnostics)
	if prior.enabled.Equal(types.BoolValue(false)) {
		return // disabled: it sent nothing at its times
	}
	old, diags := triggerModelFrom(ctx, prior.trigger)
	resp.Diagnostics.Append(diags...)
	now := pt.clock.get().now
	pushed := old.pushedSummary(ctx, pt.loc, now)
	if pushed == "" {
		return
	}
	resp.Diagnostics.AddAttributeWarning(triggerPath, "Replacing a schedule that has already pushed",
		fmt.Sprintf("The JPush schedule of this resource (id %s) %s (JPush's time is now %s). Applying this plan "+
			"deletes it and creates a new schedule, which pushes again %s. If that push is not wanted, revert the edit, or remove the "+
			"resource from the configuration (or run terraform state rm) to stop managing the spent schedule.",
			prior.id.ValueString(), pushed, client.FormatWireTime(now, pt.loc), pt.tm.nextPushSummary(ctx, pt.loc, now)))
}

// pushedSummary says when a trigger has pushed by now ("pushed at ...",
// "first pushed at ..."), or "" when it has not pushed yet (or cannot be
// told).
func (t *triggerModel) pushedSummary(ctx context.Context, loc *time.Location, now time.Time) string {
	switch t.kind() {
	case "single":
		at, ok := t.lastFiring(loc)
		if ok && !at.After(now) {
			return "pushed at " + client.FormatWireTime(at, loc) + " in " + loc.String()
		}
	case "periodical":
		first, ok := t.periodicalFirst(ctx, loc, time.Time{})
		if !ok || first.After(now) {
			return ""
		}
		s := "first pushed at " + client.FormatWireTime(first, loc) + " in " + loc.String()
		if t.hasEnded(loc, now) {
			s += " and has ended"
		} else {
			s += " and is still pushing"
		}
		return s
	}
	return ""
}

// nextPushSummary says when a new schedule of trigger t would push first.
func (t *triggerModel) nextPushSummary(ctx context.Context, loc *time.Location, now time.Time) string {
	switch t.kind() {
	case "single":
		if at, ok := t.lastFiring(loc); ok {
			return "at " + client.FormatWireTime(at, loc) + " in " + loc.String()
		}
	case "periodical":
		if first, ok := t.periodicalFirst(ctx, loc, now); ok {
			return "from " + client.FormatWireTime(first, loc) + " in " + loc.String() + " (" + t.every() + ")"
		}
	}
	return "at the time the configuration gives at apply"
}
