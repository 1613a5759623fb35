package templateschedule

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// fetchAll looks up every underlying schedule of the state.
func (r *templateScheduleResource) fetchAll(ctx context.Context, state *templateScheduleModel, prior *trigger.Model, diags *diag.Diagnostics) ([]scheduleFetch, bool) {
	params, ok, d := templateParamsFrom(ctx, state.Params)
	diags.Append(d...)
	ids, ok2 := orderedScheduleIDs(params, state.ScheduleIDs)
	if !ok || !ok2 {
		diags.AddError("Unexpected jpush_template_schedule state",
			"params and schedule_ids do not match; re-import the resource with its schedule ids.")
		return nil, false
	}
	loc, now := r.Loc(), time.Time{}
	fetched := make([]scheduleFetch, len(ids))
	for i, id := range ids {
		fetched[i] = scheduleFetch{param: params[i], id: id}
		s, err := r.LookupUnlessEnded(ctx, id, prior)
		if err != nil || s == nil {
			if err != nil && !client.IsNotFound(err) {
				conn.AddAPIError(diags, "Cannot read the JPush schedule "+id, err)
				return nil, false
			}
			continue // gone: fired, or deleted (readGone tells which)
		}
		if now.IsZero() {
			now = conn.ServerNow(r.Client())
		}
		tm := trigger.ModelFromClient(ctx, s.Trigger, prior, loc)
		if tm == nil {
			diags.AddError("Unexpected JPush schedule", "The schedule "+id+" has neither a single nor a periodical trigger.")
			return nil, false
		}
		fetched[i].s, fetched[i].tm, fetched[i].ended = s, tm, tm.HasEnded(loc, now)
	}
	return fetched, true
}

// readGone handles the schedules JPush no longer returns. It returns false
// when Read is done. Gone schedules whose trigger (the state's) has ended
// have fired; the resource is expired only when no schedule JPush still
// returns can fire any more: a live schedule (one an update did not reach,
// say) is never hidden behind expired = true.
func (r *templateScheduleResource) readGone(ctx context.Context, state *templateScheduleModel, prior *trigger.Model, gone []string, liveRuns bool, now time.Time, resp *resource.ReadResponse) bool {
	loc := r.Loc()
	fired := prior.HasEnded(loc, now)
	switch {
	case fired && !liveRuns:
		if !state.Expired.ValueBool() {
			tflog.Info(ctx, "JPush no longer returns the template schedules because they have fired or ended; keeping them in state as expired",
				map[string]any{"id": state.ID.ValueString(), "server_time": now.Format(time.RFC3339)})
		}
		state.Expired = types.BoolValue(true)
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		return false
	case fired:
		resp.Diagnostics.AddWarning("Some JPush template schedules have fired while others are still live",
			fmt.Sprintf("The schedules %s have fired or ended (JPush time %s), but others of this resource are still live "+
				"with another trigger (an earlier update did not reach them, or they were changed outside Terraform); "+
				"they are shown in the state as they are in JPush. The fired ones were removed from the state, so the "+
				"next apply replaces the resource: it deletes the live schedules and creates every param again, which "+
				"pushes again to the params that have fired. To avoid that, remove the fired params from the "+
				"configuration, or destroy the resource.", strings.Join(gone, ", "), client.FormatWireTime(now, loc)))
		return true
	case len(gone) == len(state.ScheduleIDs.Elements()):
		if prior != nil {
			resp.Diagnostics.AddWarning("JPush template schedules deleted outside Terraform",
				fmt.Sprintf("None of the schedules %s exists in JPush any more although they have not fired or ended "+
					"(JPush time %s). The resource was removed from the state; it will be re-created on the next apply.",
					strings.Join(gone, ", "), client.FormatWireTime(now, loc)))
		}
		resp.State.RemoveResource(ctx)
		return false
	}
	resp.Diagnostics.AddWarning("Some JPush template schedules were deleted outside Terraform",
		fmt.Sprintf("The schedules %s no longer exist in JPush although they have not fired or ended (JPush time %s). "+
			"Their params were removed from the state, so the next apply replaces the resource (deleting the "+
			"remaining schedules and creating all of them again).", strings.Join(gone, ", "), client.FormatWireTime(now, loc)))
	return true
}

// readLive records the schedules JPush returns.
func (r *templateScheduleResource) readLive(ctx context.Context, state *templateScheduleModel, prior *trigger.Model, fetched []scheduleFetch, resp *resource.ReadResponse) {
	next := *state
	var keptParams []templateParamModel
	var keptTraces, keptIDs []string
	var trigObj types.Object
	expired := true
	for _, f := range fetched {
		if f.s == nil {
			continue
		}
		s := f.s
		// The first schedule that differs from the state sets the value, so
		// any divergence (out-of-band change, partly failed update) shows
		// as a diff that the next apply sends to every schedule.
		if next.ScheduleName.Equal(state.ScheduleName) && (!framework.Known(state.ScheduleName) || s.Name != state.ScheduleName.ValueString()) {
			next.ScheduleName = types.StringValue(s.Name)
		}
		if next.Enabled.Equal(state.Enabled) && (!framework.Known(state.Enabled) || s.Enabled != state.Enabled.ValueBool()) {
			next.Enabled = types.BoolValue(s.Enabled)
		}
		// A trigger equal to the prior one is the state's own value: no
		// need to encode it again (see scheduleResource.Read).
		obj := state.Trigger
		if !f.tm.Equal(prior) {
			var d diag.Diagnostics
			obj, d = trigger.ObjectFrom(ctx, f.tm)
			resp.Diagnostics.Append(d...)
		}
		if trigObj.IsNull() || trigObj.Equal(state.Trigger) {
			trigObj = obj
		}
		// Expired only when every schedule has ended by its own trigger.
		expired = expired && f.ended
		p, err := readParam(f.param, s.Push)
		if err != nil {
			resp.Diagnostics.AddError("Unexpected push from JPush", fmt.Sprintf("schedule %s: %s", f.id, err))
			return
		}
		keptParams = append(keptParams, p)
		keptTraces = append(keptTraces, p.TraceID)
		keptIDs = append(keptIDs, f.id)
	}
	next.Trigger = trigObj
	list, d := templateParamsList(ctx, keptParams)
	resp.Diagnostics.Append(d...)
	next.Params = list
	next.ScheduleIDs = scheduleIDsMap(keptTraces, keptIDs)
	next.ID = types.StringValue(strings.Join(keptIDs, ","))
	if next.TemplateID.IsNull() {
		next.TemplateID = types.StringValue("")
	}
	next.Expired = types.BoolValue(expired)
	resp.Diagnostics.Append(setDivergence(ctx, resp.Private, divergence(fetched))...)
	if resp.Diagnostics.HasError() {
		return
	}
	if next.equal(state) {
		// Short cut: nothing changed, and resp.State already holds the
		// prior state (the framework fills it in); setting next would only
		// encode the same values again.
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

// readParam is a state param as JPush holds it: imported (nothing known
// yet) or changed outside Terraform, it takes JPush's audience and options
// (a change plans a replacement).
func readParam(p templateParamModel, push json.RawMessage) (templateParamModel, error) {
	if p.Audience != nil && sameAudience(&p, push) {
		return p, nil
	}
	rp, err := paramFromServer(p.TraceID, push)
	if err != nil {
		return p, err
	}
	if p.Audience == nil {
		p.Options = rp.Options
	}
	p.Audience = rp.Audience
	return p, nil
}
