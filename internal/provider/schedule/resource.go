package schedule

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

var (
	_ resource.ResourceWithConfigure        = (*scheduleResource)(nil)
	_ resource.ResourceWithImportState      = (*scheduleResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*scheduleResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*scheduleResource)(nil)
	_ resource.ResourceWithConfigValidators = (*scheduleResource)(nil)
)

// scheduleResource is jpush_schedule.
type scheduleResource struct {
	lifecycle.Base
}

// NewResource returns jpush_schedule; zone answers the provider's time zone
// to the plan modifiers before the provider is configured.
func NewResource(zone *conn.Zone) resource.Resource {
	return &scheduleResource{lifecycle.NewBase(zone, "jpush_schedule")}
}

func (r *scheduleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_schedule"
}

func (r *scheduleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ResourceSchema(r.Zone)
}

// wireSchedule converts a fully known planned model into a JPush schedule.
func (r *scheduleResource) wireSchedule(ctx context.Context, m *scheduleModel) (*client.Schedule, diag.Diagnostics) {
	var diags diag.Diagnostics
	trig := r.WireTrigger(ctx, m.Trigger, &diags)
	if trig == nil {
		return nil, diags
	}
	raw, err := statePushRaw(ctx, m)
	if err != nil || raw == nil {
		if err == nil {
			err = errors.New("set push or push_json")
		}
		diags.AddAttributeError(path.Root("push"), "Invalid push", err.Error())
		return nil, diags
	}
	return &client.Schedule{Name: m.Name.ValueString(), Enabled: m.Enabled.ValueBool(), Trigger: *trig, Push: raw}, diags
}

func (r *scheduleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	r.RecordApp(ctx, resp.Private, &resp.Diagnostics) // lifecycle/app.go
	var plan scheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, diags := r.wireSchedule(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	r.CheckAtApply(ctx, plan.Trigger, types.ObjectNull(trigger.AttrTypes()), true, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	wantEnabled := s.Enabled
	s.Enabled = true // JPush only creates enabled schedules
	res, err := r.Client().CreateSchedule(ctx, s)
	if err != nil && !wantEnabled {
		res, err = r.resolveDisabledCreate(ctx, s, err)
	}
	if err != nil {
		if _, maybe := client.CreateMayHaveSucceeded(err); maybe {
			savePendingCreate(ctx, &plan, err, resp) // see pending.go
			if !wantEnabled {
				resp.Diagnostics.AddWarning("The schedule JPush may hold is enabled",
					"JPush creates only enabled schedules, so the schedule this create may have made is enabled, "+
						"although the configuration says enabled = false, and it fires at its time unless the next apply "+
						"resolves the create first. Apply again as soon as JPush answers.")
			}
			return
		}
		conn.AddAPIError(&resp.Diagnostics, "Cannot create the JPush schedule", err)
		return
	}
	plan.ID = types.StringValue(res.ScheduleID)
	plan.Expired = types.BoolValue(false)
	r.NoteManaged(res.ScheduleID)
	resp.Diagnostics.Append(r.keepOrSetScheduleIdentity(ctx, resp.Identity, plan.ID, resp.Private)...)
	tflog.Info(ctx, "created JPush schedule", map[string]any{"id": res.ScheduleID, "cid": res.CID})
	if !wantEnabled {
		r.disableCreated(ctx, &plan, &resp.Diagnostics)
		if plan.ID.IsNull() {
			return // deleted: nothing to record
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read refreshes a schedule from JPush: a pending create stays as it is, a
// schedule JPush no longer returns is settled by readMissing, and one it
// returns is compared with the state by refreshed.
func (r *scheduleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	var state scheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(r.keepOrSetScheduleIdentity(ctx, resp.Identity, state.ID, req.Private)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pendingCreateOf(state.ID) != nil {
		// An ambiguous create, not resolved yet: JPush has no id to read it
		// by, and Delete resolves it. Keep it as it is.
		return
	}
	id := state.ID.ValueString()
	if !r.SameApp(ctx, req.Private, id, &resp.Diagnostics) || !r.CheckCredentials(ctx, &resp.Diagnostics) {
		return
	}
	prior, diags := trigger.ModelFrom(ctx, state.Trigger)
	resp.Diagnostics.Append(diags...)

	s, err := r.LookupUnlessEnded(ctx, id, prior)
	if err != nil && !client.IsNotFound(err) {
		conn.AddAPIError(&resp.Diagnostics, "Cannot read the JPush schedule "+id, err)
		return
	}
	if err != nil || s == nil {
		r.readMissing(ctx, &state, prior, resp)
		return
	}

	r.AdoptApp(ctx, resp.Private, &resp.Diagnostics)
	next, changed, diags := r.refreshed(ctx, &state, prior, s)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !changed {
		// Short cut when nothing changed: resp.State already holds the
		// prior state (the framework fills it in). Setting next would only
		// encode the same values again, the whole typed push included
		// (about a quarter of the refresh). Any difference, drift included,
		// takes the full Set below.
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

// readMissing settles a schedule JPush no longer returns: one whose trigger
// has fired or ended (by JPush's clock) stays in the state as expired, an
// import of a missing id fails, and any other was deleted outside
// Terraform, so it leaves the state with a warning.
func (r *scheduleResource) readMissing(ctx context.Context, state *scheduleModel, prior *trigger.Model, resp *resource.ReadResponse) {
	id, loc, now := state.ID.ValueString(), r.Loc(), conn.ServerNow(r.Client())
	if prior.HasEnded(loc, now) {
		// Fired or ended: JPush forgets such schedules. Keep it as it is
		// (resp.State already holds the prior state, expired or not).
		if !state.Expired.ValueBool() {
			tflog.Info(ctx, "JPush no longer returns the schedule because it has fired or ended; keeping it in state as expired",
				map[string]any{"id": id, "server_time": now.Format(time.RFC3339)})
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("expired"), true)...)
		}
		return
	}
	if prior == nil {
		r.importNotFound(ctx, id, &resp.Diagnostics) // only an import has no trigger yet
		return
	}
	resp.Diagnostics.AddWarning("JPush schedule deleted outside Terraform",
		fmt.Sprintf("The schedule %s (%s) no longer exists in JPush although it has not fired or ended yet "+
			"(JPush time %s). It was removed from the state; it will be re-created on the next apply.",
			id, state.Name.ValueString(), client.FormatWireTime(now, loc)))
	resp.State.RemoveResource(ctx)
}

// refreshed is the state for the schedule s that JPush returned, keeping
// the state's own values wherever JPush means the same; changed tells
// whether it differs from state at all.
func (r *scheduleResource) refreshed(ctx context.Context, state *scheduleModel, prior *trigger.Model, s *client.Schedule) (next scheduleModel, changed bool, diags diag.Diagnostics) {
	loc, now := r.Loc(), conn.ServerNow(r.Client())
	next = *state
	next.Name = types.StringValue(s.Name)
	next.Enabled = types.BoolValue(s.Enabled)
	tm := trigger.ModelFromClient(ctx, s.Trigger, prior, loc)
	if tm == nil {
		diags.AddError("Unexpected JPush schedule", "The schedule "+state.ID.ValueString()+" has neither a single nor a periodical trigger.")
		return next, false, diags
	}
	// triggerModelFromClient keeps the prior value of everything that means
	// the same, so a trigger equal to the prior one is the state's own
	// value: no need to encode it again.
	triggerChanged := !tm.Equal(prior)
	if triggerChanged {
		var d diag.Diagnostics
		next.Trigger, d = trigger.ObjectFrom(ctx, tm)
		diags.Append(d...)
	}
	next.Expired = types.BoolValue(tm.HasEnded(loc, now))
	pushChanged := false
	if !next.Expired.ValueBool() || prior == nil {
		// A payload changed outside Terraform is drift only while the
		// schedule can still send it: after it fired (or ended), any diff
		// would plan a replacement, a push nobody asked for. An import
		// (no prior trigger) reads it all the same.
		var d diag.Diagnostics
		pushChanged, d = r.readPush(ctx, state, &next, s.Push)
		diags.Append(d...)
	}
	changed = triggerChanged || pushChanged || !next.Name.Equal(state.Name) ||
		!next.Enabled.Equal(state.Enabled) || !next.Expired.Equal(state.Expired)
	return next, changed, diags
}

// readPush sets next's push forms from the server's push, keeping the
// state's values when JPush reads them as the same push; changed tells
// whether it set one. See push_forms.go for why the state may hold both.
func (r *scheduleResource) readPush(ctx context.Context, state, next *scheduleModel, server json.RawMessage) (changed bool, diags diag.Diagnostics) {
	canon := push.CanonicalOrRaw(server)
	if state.Push.IsNull() && state.PushJSON.IsNull() {
		return true, importPush(ctx, next, canon)
	}
	if framework.Known(state.PushJSON) && !push.HasCanonicalForm(json.RawMessage(state.PushJSON.ValueString()), canon) {
		next.PushJSON = push.NewJSONValue(string(canon))
		changed = true
	}
	if state.Push.IsNull() {
		return changed, diags // a push_json configuration
	}
	if prev, err := push.TypedPushRaw(ctx, state.Push); err == nil && prev != nil && push.HasCanonicalForm(prev, canon) {
		return changed, diags
	}
	pm, whole, err := push.TypedView(canon)
	if err != nil {
		diags.AddError("Unexpected push from JPush", err.Error())
		return false, diags
	}
	if !whole && !framework.Known(next.PushJSON) {
		// JPush holds fields the typed push cannot (added outside
		// Terraform): record the whole push, so the plan shows them going.
		next.PushJSON = push.NewJSONValue(string(canon))
	}
	next.Push, diags = push.ObjectFrom(ctx, pm)
	return true, diags
}

func (r *scheduleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	var plan, state scheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.SameApp(ctx, req.Private, state.ID.ValueString(), &resp.Diagnostics) ||
		r.RefuseSpentEdit(ctx, state.Expired, state.ID.ValueString(), plan.Trigger, &resp.Diagnostics) {
		return
	}
	want, diags := r.wireSchedule(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	r.CheckAtApply(ctx, plan.Trigger, state.Trigger, false, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	u := &client.ScheduleUpdate{}
	send := false
	if !plan.Name.Equal(state.Name) {
		u.Name, send = &want.Name, true
	}
	if !plan.Enabled.Equal(state.Enabled) {
		u.Enabled, send = &want.Enabled, true
	}
	if !plan.Trigger.Equal(state.Trigger) {
		if r.WireTriggerChanged(ctx, state.Trigger, &want.Trigger) {
			u.Trigger, send = &want.Trigger, true
		}
	}
	if old, err := statePushRaw(ctx, &state); err != nil || old == nil || !push.Equivalent(old, want.Push) {
		u.Push, send = want.Push, true
	}
	id := state.ID.ValueString()
	if send {
		if _, err := r.Client().UpdateSchedule(ctx, id, u); err != nil {
			if !r.FiredMeanwhile(ctx, id, state.Trigger, plan.Trigger, err, &resp.Diagnostics) {
				conn.AddAPIError(&resp.Diagnostics, "Cannot update the JPush schedule "+id, err)
			}
			return
		}
	}
	plan.ID = types.StringValue(id)
	plan.Expired = types.BoolValue(false)
	resp.Diagnostics.Append(r.keepOrSetScheduleIdentity(ctx, resp.Identity, plan.ID, req.Private)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *scheduleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	var state scheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.SameApp(ctx, req.Private, state.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	if pending := pendingCreateOf(state.ID); pending != nil {
		r.deletePendingCreate(ctx, &state, pending, &resp.Diagnostics)
		return
	}
	id := state.ID.ValueString()
	if state.Expired.ValueBool() {
		lifecycle.ForgetExpired(ctx, id)
		return
	}
	err := r.Client().DeleteSchedule(ctx, id)
	switch {
	case err == nil, client.IsNotFound(err):
	default:
		conn.AddAPIError(&resp.Diagnostics, "Cannot delete the JPush schedule "+id, err)
	}
}
