package lifecycle

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// The parts of ModifyPlan that jpush_schedule and jpush_template_schedule
// share: the trigger checked against the zone and JPush's clock, and the
// rule that any edit of an expired resource plans a replacement.

// PlannedTrigger is a planned trigger with the zone and JPush's clock it is
// checked against.
type PlannedTrigger struct {
	obj   types.Object   // the planned trigger attribute
	Tm    *trigger.Model // nil when the plan has no usable trigger
	Loc   *time.Location
	Clock *trigger.Clock
	// New is true for the plan of a new resource (or the new half of a
	// replacement), whose create is checked and needs no prior state.
	New bool
}

// PriorState is what ModifyPlan needs of an existing resource's state.
type PriorState struct {
	ID      types.String
	Expired types.Bool
	enabled types.Bool
	Trigger types.Object
}

// PlanStart reads the planned trigger and, for an existing resource, the
// prior id, expired flag and trigger (single attributes, not whole models).
// ok is false when ModifyPlan has nothing more to do: a destroy, an error,
// or a new resource (or the new half of a replacement), for which it plans
// expired = false and checks the trigger as a new schedule's.
func (b *Base) PlanStart(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (pt PlannedTrigger, prior PriorState, ok bool) {
	if req.Plan.Raw.IsNull() {
		return pt, prior, false // destroy
	}
	var trig types.Object
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, trigger.Path, &trig)...)
	if resp.Diagnostics.HasError() {
		return pt, prior, false
	}
	pt = PlannedTrigger{obj: trig, Loc: b.Loc(), Clock: b.PlanClock(ctx)}
	var diags diag.Diagnostics
	pt.Tm, diags = trigger.ModelFrom(ctx, trig)
	resp.Diagnostics.Append(diags...)
	if req.State.Raw.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("expired"), types.BoolValue(false))...)
		pt.check(ctx, true, nil, &resp.Diagnostics)
		pt.New = !resp.Diagnostics.HasError()
		if !resp.Diagnostics.HasError() {
			// A create is the plan's gap: no refresh read checked the
			// credentials (see conn.Bound.CheckCredentials).
			b.CheckCredentials(ctx, &resp.Diagnostics)
		}
		return pt, prior, false
	}
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &prior.ID)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("expired"), &prior.Expired)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("enabled"), &prior.enabled)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, trigger.Path, &prior.Trigger)...)
	return pt, prior, !resp.Diagnostics.HasError()
}

// PlanAround runs the steps every ModifyPlan of a schedule resource takes
// around its own: PlanStart first; then, for an existing resource, body;
// last, the warnings of a replacement (WarnReplacement) and of a create that
// would duplicate a schedule JPush already holds (twins, given the ids
// being replaced, or none for a new resource).
func (b *Base) PlanAround(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
	twins func(replacing []string), body func(pt PlannedTrigger, prior PriorState),
) {
	pt, prior, ok := b.PlanStart(ctx, req, resp)
	if !ok {
		if pt.New {
			twins(nil)
		}
		return
	}
	body(pt, prior)
	pt.WarnReplacement(ctx, prior, resp)
	if pt.Replaces(prior, resp) {
		twins(strings.Split(prior.ID.ValueString(), ","))
	}
}

// CheckUpdate checks the planned trigger of a live resource, updated in
// place, against its prior trigger.
func (pt PlannedTrigger) CheckUpdate(ctx context.Context, stateTrigger types.Object, diags *diag.Diagnostics) {
	if pt.Tm == nil {
		return
	}
	prior, d := trigger.ModelFrom(ctx, stateTrigger)
	diags.Append(d...)
	pt.check(ctx, false, prior, diags)
}

// check checks the planned trigger (see trigger.Model.Check). A problem that
// comes from JPush's clock alone (a time no longer in the future, more
// than a year ahead) is reported as a warning, not an error, because
// Terraform plans the configuration before every destroy (its pre-destroy
// refresh is a normal plan) and stops the destroy on any error there: a
// schedule that fired and was then edited could never be destroyed.
// checkAtApply turns those problems into errors when the schedule is about
// to be created or moved; a problem of the configuration itself (end
// before start, a periodical that never fires) stays an error.
func (pt PlannedTrigger) check(ctx context.Context, isNew bool, prior *trigger.Model, diags *diag.Diagnostics) {
	if pt.Tm == nil {
		return
	}
	found := pt.Tm.Check(ctx, pt.Loc, pt.Clock, isNew, prior)
	if !found.HasError() {
		diags.Append(found...)
		return
	}
	// The same check at an instant at which every clock rule holds (just
	// before the last firing) tells the clock's problems from the others.
	var static diag.Diagnostics
	if last, ok := pt.Tm.LastFiring(pt.Loc); ok {
		static = pt.Tm.Check(ctx, pt.Loc, trigger.FixedClock(last.Add(-time.Second)), isNew, prior)
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

// CheckAtApply is the check of check, at apply time, with every problem
// an error: a create (isNew) or an update that moves the trigger is
// refused before JPush is called, judged by JPush's clock. For an update
// the client asks JPush's time when no answer has told it yet (JPush's
// rule for a moved time is not documented); for a create it relies on
// JPush, which refuses a new schedule in the past itself, and adds no call.
func (b *Base) CheckAtApply(ctx context.Context, trig, stateTrigger types.Object, isNew bool, diags *diag.Diagnostics) {
	tm, d := trigger.ModelFrom(ctx, trig)
	diags.Append(d...)
	if tm == nil {
		return
	}
	var prior *trigger.Model
	if !isNew {
		prior, d = trigger.ModelFrom(ctx, stateTrigger)
		diags.Append(d...)
		if tm.Equal(prior) {
			return
		}
	}
	c := b.Client()
	if _, ok := c.ServerTime(); !ok && !isNew {
		KnownServerNow(ctx, c)
	}
	now, ok := c.ServerTime()
	if !ok {
		return
	}
	diags.Append(tm.Check(ctx, b.Loc(), trigger.FixedClock(now), isNew, prior)...)
}

// FiredMeanwhile explains a failed update of a schedule (id) that has
// fired or ended by JPush's clock since the plan, so that JPush no longer
// updates it, and reports whether it did: nothing was changed, and the
// next plan replaces it, which pushes again. Shared by both resources.
func (b *Base) FiredMeanwhile(ctx context.Context, id string, stateTrigger, planTrigger types.Object, err error, diags *diag.Diagnostics) bool {
	loc, now := b.Loc(), conn.ServerNow(b.Client())
	old, _ := trigger.ModelFrom(ctx, stateTrigger)
	if old == nil || !old.HasEnded(loc, now) {
		return false
	}
	next := "again at the time the configuration gives"
	if tm, _ := trigger.ModelFrom(ctx, planTrigger); tm != nil {
		next = "again " + tm.NextPushSummary(ctx, loc, now)
	}
	diags.AddAttributeError(trigger.Path, "The JPush schedule fired before it could be updated",
		fmt.Sprintf("The schedule %s %s, after the plan was made and before this apply reached it (JPush's time is now %s), "+
			"so JPush no longer updates it: %s\n\nNothing was changed. The next plan shows it as expired and plans a "+
			"replacement, which creates a new schedule that pushes %s; apply that plan only if another push is wanted.",
			id, old.PushedSummary(ctx, loc, now), client.FormatWireTime(now, loc), err, next))
	return true
}

// ChangedAttributes lists the attributes (of paths) whose planned value
// differs from the prior one. It reads just those attribute values, each
// compared with attr.Value.Equal, rather than decoding whole models.
func ChangedAttributes(ctx context.Context, plan tfsdk.Plan, state tfsdk.State, paths ...path.Path) (path.Paths, diag.Diagnostics) {
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

// ReplaceExpiredOnEdit plans a replacement of an expired resource (its
// schedules have fired or ended) for any change of the attributes at paths;
// with none the plan stays empty, and the resource is never re-created by
// itself. An edit whose new schedule JPush would refuse (a time that has
// passed, as when only the text of a fired single schedule is edited) is
// not a replacement: the replacement's destroy would drop the record before
// its create failed. It is planned in place with a warning, and the apply
// refuses it (RefuseSpentEdit) and keeps the record.
func (pt PlannedTrigger) ReplaceExpiredOnEdit(ctx context.Context, prior PriorState, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, paths ...path.Path) {
	changed, diags := ChangedAttributes(ctx, req.Plan, req.State, paths...)
	resp.Diagnostics.Append(diags...)
	if len(changed) == 0 {
		return
	}
	if refused := pt.createRefused(ctx); refused != "" {
		pt.check(ctx, true, nil, &resp.Diagnostics)
		resp.Diagnostics.AddAttributeWarning(trigger.Path, "This edit of a spent schedule cannot be applied",
			fmt.Sprintf("The JPush schedule of this resource (id %s) has fired or ended (JPush's time is now %s), so "+
				"JPush no longer changes it, and a new schedule with this trigger would be refused: %s\n\n"+
				"Applying this plan fails and changes nothing; the resource stays in the state, expired. To push "+
				"again, give the trigger a time in the future (that plans a replacement, which creates a new "+
				"schedule); otherwise revert the edit, or remove the resource from the configuration (or run "+
				"terraform state rm) to stop managing the spent schedule.",
				prior.ID.ValueString(), client.FormatWireTime(pt.Clock.Get().Now, pt.Loc), refused))
		return
	}
	tflog.Info(ctx, "the schedule has fired or ended; planning a replacement for the edit", map[string]any{"id": prior.ID.ValueString()})
	resp.RequiresReplace = append(resp.RequiresReplace, changed...)
}

// createRefused says why JPush (or the provider at apply) would refuse to
// create a schedule with the planned trigger now, by JPush's clock; "" when
// it would not.
func (pt PlannedTrigger) createRefused(ctx context.Context) string {
	if pt.Tm == nil {
		return ""
	}
	for _, d := range pt.Tm.Check(ctx, pt.Loc, pt.Clock, true, nil) {
		if d.Severity() == diag.SeverityError {
			return d.Summary() + ": " + d.Detail()
		}
	}
	return ""
}

// RefuseSpentEdit is the apply of an edit planned in place for an expired
// resource (see ReplaceExpiredOnEdit): it fails with the reason a new
// schedule would be refused (by JPush's clock) and an error saying that
// nothing changed, and the state keeps its record. It reports whether it
// refused.
func (b *Base) RefuseSpentEdit(ctx context.Context, expired types.Bool, id string, trig types.Object, diags *diag.Diagnostics) bool {
	if !expired.ValueBool() {
		return false
	}
	b.CheckAtApply(ctx, trig, types.ObjectNull(trigger.AttrTypes()), true, diags)
	diags.AddAttributeError(trigger.Path, "This edit of a spent schedule cannot be applied",
		fmt.Sprintf("The JPush schedule of this resource (id %s) has fired or ended, so JPush no longer changes it, and "+
			"the planned trigger cannot make a new one. Nothing was changed, and the resource stays in the state. "+
			"Give the trigger a time in the future to push again, revert the edit, or remove the resource from the "+
			"configuration (or run terraform state rm).", id))
	return true
}

// Replaces reports whether the plan replaces the resource: by ModifyPlan's
// decision, or by the trigger kind's attribute plan modifier.
func (pt PlannedTrigger) Replaces(prior PriorState, resp *resource.ModifyPlanResponse) bool {
	byKind, _ := trigger.KindReplaces(prior.Trigger, pt.obj)
	return len(resp.RequiresReplace) > 0 || byKind
}

// WireTrigger converts a planned trigger (fully known at apply time) to
// the wire, in the provider's zone; nil with an error on the trigger
// attribute when it cannot.
func (b *Base) WireTrigger(ctx context.Context, trig types.Object, diags *diag.Diagnostics) *client.Trigger {
	tm, d := trigger.ModelFrom(ctx, trig)
	diags.Append(d...)
	if d.HasError() {
		return nil
	}
	if tm == nil {
		diags.AddAttributeError(trigger.Path, "Missing trigger", "Set trigger.single or trigger.periodical.")
		return nil
	}
	wire, err := tm.ToClient(ctx, b.Loc())
	if err != nil {
		diags.AddAttributeError(trigger.Path, "Invalid trigger", err.Error())
		return nil
	}
	return wire
}

// WireTriggerChanged reports whether want differs on the wire from the
// state's trigger (a time rewritten as the same instant does not).
func (b *Base) WireTriggerChanged(ctx context.Context, stateTrigger types.Object, want *client.Trigger) bool {
	var old *client.Trigger
	if tm, _ := trigger.ModelFrom(ctx, stateTrigger); tm != nil {
		old, _ = tm.ToClient(ctx, b.Loc())
	}
	return old == nil || !sameWireTrigger(old, want)
}

// WarnReplacement runs when ModifyPlan is done, for a resource that
// exists. When the plan replaces it, Terraform plans the new object in a
// second call (from a null prior state) and shows only that call's errors,
// not its warnings; so the warnings about the new schedule are given here:
// the checks of a new schedule (check), and, when the schedule being
// replaced has already pushed, that applying pushes again.
func (pt PlannedTrigger) WarnReplacement(ctx context.Context, prior PriorState, resp *resource.ModifyPlanResponse) {
	// RequiresReplace holds only what ModifyPlan decided; the trigger
	// kind's replacement is decided by its attribute plan modifier.
	if !pt.Replaces(prior, resp) || resp.Diagnostics.HasError() {
		return
	}
	pt.check(ctx, true, nil, &resp.Diagnostics)
	if prior.enabled.Equal(types.BoolValue(false)) {
		return // disabled: it sent nothing at its times
	}
	old, diags := trigger.ModelFrom(ctx, prior.Trigger)
	resp.Diagnostics.Append(diags...)
	now := pt.Clock.Get().Now
	pushed := old.PushedSummary(ctx, pt.Loc, now)
	if pushed == "" {
		return
	}
	again := "which pushes again " + pt.Tm.NextPushSummary(ctx, pt.Loc, now)
	if pt.createRefused(ctx) != "" {
		again = "which is refused: its time has passed (see the warning on trigger), so applying this plan fails " +
			"after the delete and nothing pushes again"
	}
	// An expired schedule's destroy only forgets it (JPush will not fire
	// it again); a live one's is a DELETE.
	gone := "deletes it"
	if prior.Expired.ValueBool() {
		gone = "removes it from the state (its destroy sends nothing to JPush, which will not fire it again)"
	}
	resp.Diagnostics.AddAttributeWarning(trigger.Path, "Replacing a schedule that has already pushed",
		fmt.Sprintf("The JPush schedule of this resource (id %s) %s (JPush's time is now %s). Applying this plan "+
			"%s and creates a new schedule, %s. If that push is not wanted, revert the edit, or remove the "+
			"resource from the configuration (or run terraform state rm) to stop managing the spent schedule.",
			prior.ID.ValueString(), pushed, client.FormatWireTime(now, pt.Loc), gone, again))
}

// KnownServerNow is JPush's "now". When no response has told the server's
// time yet, it asks JPush for a page of the list first (the local clock is
// only the fallback).
func KnownServerNow(ctx context.Context, c *client.Client) time.Time {
	if t, ok := c.ServerTime(); ok {
		return t
	}
	_, _ = c.ListSchedules(ctx, 1)
	return conn.ServerNow(c)
}
