package templateschedule

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// ModifyPlan checks the trigger against JPush's clock, decides between
// in-place update and replacement, and adopts the configuration after an
// import.
//
// Like jpush_schedule's, it reads only the attributes it needs; the whole
// plan and state are decoded only for an imported resource.
func (r *templateScheduleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	twins := func(replacing []string) { r.warnTwins(ctx, req, resp, replacing) }
	r.PlanAround(ctx, req, resp, twins, func(pt lifecycle.PlannedTrigger, prior lifecycle.PriorState) {
		raw, d := req.Private.GetKey(ctx, templateImportKey)
		resp.Diagnostics.Append(d...)
		if prior.Expired.ValueBool() {
			paths := []path.Path{templateIDPath, path.Root("schedule_name"), path.Root("enabled"), trigger.Path, paramsPath}
			if raw != nil && r.keepImportGap(ctx, raw, req, resp) {
				paths = paths[1:4]
			}
			pt.ReplaceExpiredOnEdit(ctx, prior, req, resp, paths...)
			return
		}
		if raw != nil {
			r.planImported(ctx, raw, req, resp)
		} else {
			// template_id or params changed: replace.
			changed, d := lifecycle.ChangedAttributes(ctx, req.Plan, req.State, templateIDPath, paramsPath)
			resp.Diagnostics.Append(d...)
			if resp.Diagnostics.HasError() {
				return
			}
			resp.RequiresReplace = append(resp.RequiresReplace, changed...)
		}
		if len(resp.RequiresReplace) == 0 {
			pt.CheckUpdate(ctx, prior.Trigger, &resp.Diagnostics)
			planDivergence(ctx, req, resp)
		} else if pt.Tm != nil {
			// The replacement creates every schedule anew: check the trigger
			// as a new one now, rather than fail at apply after the delete.
			resp.Diagnostics.Append(pt.Tm.Check(ctx, pt.Loc, pt.Clock, true, nil)...)
		}
	})
}

// importedPlan is the plan and state of an imported resource whose
// template_id and keys the configuration has not given yet.
type importedPlan struct {
	plan, state templateScheduleModel
	cfg, st     []templateParamModel
	// match is true when the configured params target what the imported
	// schedules do (audiences, options, and trace ids if the import named
	// them).
	match bool
}

// readImported decodes an imported resource's plan and state.
func readImported(ctx context.Context, raw []byte, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (*importedPlan, bool) {
	var info templateImportInfo
	_ = json.Unmarshal(raw, &info)
	var ip importedPlan
	resp.Diagnostics.Append(req.Plan.Get(ctx, &ip.plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &ip.state)...)
	if resp.Diagnostics.HasError() {
		return nil, false
	}
	cfg, ok1, d1 := templateParamsFrom(ctx, ip.plan.Params)
	st, ok2, d2 := templateParamsFrom(ctx, ip.state.Params)
	resp.Diagnostics.Append(d1...)
	resp.Diagnostics.Append(d2...)
	ip.cfg, ip.st = cfg, st
	ip.match = ok1 && ok2 && len(cfg) == len(st)
	for i := 0; ip.match && i < len(cfg); i++ {
		ip.match = sameImportedParam(&cfg[i], &st[i], info.Traces)
	}
	return &ip, true
}

// keepImportGap serves an imported resource whose schedules have fired
// before the configuration's template_id and keys were recorded: when the
// params target what the schedules did, the plan keeps the imported values,
// so that what JPush never returned is no edit (an expired resource plans
// nothing). It reports whether it kept them.
func (r *templateScheduleResource) keepImportGap(ctx context.Context, raw []byte, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	ip, ok := readImported(ctx, raw, req, resp)
	if !ok || !ip.match {
		return false
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, templateIDPath, ip.state.TemplateID)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, paramsPath, ip.state.Params)...)
	return true
}

// planImported plans an imported resource, whose state holds what JPush
// returned (audiences, options) but neither the template id nor the keys.
// A configuration that matches the live schedules is recorded in place:
// its template_id, keys and trace ids are planned, with a warning that
// they come from the configuration, and the apply stores them without
// sending anything to JPush (unless other attributes change too). From
// then on an edit of them plans a replacement, as for a created resource.
// A configuration that does not match plans a replacement.
func (r *templateScheduleResource) planImported(ctx context.Context, raw []byte, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	ip, ok := readImported(ctx, raw, req, resp)
	if !ok {
		return
	}
	if !ip.match {
		tflog.Info(ctx, "the configured params do not match the imported schedules; planning a replacement", map[string]any{"id": ip.state.ID.ValueString()})
		resp.RequiresReplace = append(resp.RequiresReplace, paramsPath)
		return
	}
	ids, ok := orderedScheduleIDs(ip.st, ip.state.ScheduleIDs)
	if !ok {
		return
	}
	if missing := r.keysNotPushed(ctx, ip.cfg, ids); missing != "" {
		resp.Diagnostics.AddAttributeWarning(paramsPath, "Imported template schedules replaced to push the configured keys",
			fmt.Sprintf("jpush_template_schedule %s was imported, and JPush does not return a schedule's keys. What "+
				"JPush holds to push does not show the configuration's %s, so the schedules may push other text than "+
				"the configuration says. This plan replaces them: the new schedules push what the configuration says, "+
				"and the old ones are deleted before they fire.", ip.state.ID.ValueString(), missing))
		resp.RequiresReplace = append(resp.RequiresReplace, paramsPath)
		return
	}
	traces := make([]string, len(ip.cfg))
	for i := range ip.cfg {
		traces[i] = ip.cfg[i].TraceID
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("schedule_ids"), scheduleIDsMap(traces, ids))...)
	resp.Diagnostics.AddWarning("template_id and keys taken from the configuration",
		fmt.Sprintf("jpush_template_schedule %s was imported, and JPush does not return a schedule's template_id or "+
			"its params' keys. This plan records them from the configuration (template_id = %q and the keys of each "+
			"param, whose values appear in what JPush holds to push); the apply stores them in the state and sends "+
			"nothing to JPush for them. From then on, an edit of template_id or keys plans a replacement, as for a "+
			"schedule Terraform created.",
			ip.state.ID.ValueString(), ip.plan.TemplateID.ValueString()))
}

// sameImportedParam compares a configured param with an imported one: the
// audience and options JPush returned, and the trace id when the import
// named it.
func sameImportedParam(cfg, imported *templateParamModel, traces bool) bool {
	if traces && cfg.TraceID != imported.TraceID {
		return false
	}
	aud, err := wireAudience(imported.Audience)
	if err != nil {
		return false
	}
	opts, err := wireOptions(imported.Options)
	if err != nil {
		return false
	}
	return sameParamTarget(cfg, syntheticPush(aud, opts))
}

// warnTwins warns when JPush already holds, outside what this run manages,
// schedules like those this plan creates: the schedule name and trigger,
// and a param's audience and options (the keys cannot be compared: JPush
// returns the text it rendered). replacing are the ids being replaced.
func (r *templateScheduleResource) warnTwins(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, replacing []string) {
	if resp.Diagnostics.HasError() {
		return
	}
	var m templateScheduleModel
	if d := req.Plan.Get(ctx, &m); d.HasError() || m.ScheduleName.IsUnknown() || !push.FullyKnown(ctx, m.Trigger) {
		return
	}
	params, ok, _ := templateParamsFrom(ctx, m.Params)
	want, _ := trigger.ModelFrom(ctx, m.Trigger)
	if !ok || want == nil {
		return
	}
	loc, name := r.Loc(), m.ScheduleName.ValueString()
	twins := r.Twins(ctx, replacing, func(s *client.Schedule) bool {
		return s.Name == name && trigger.ModelFromClient(ctx, s.Trigger, want, loc).Equal(want)
	})
	var ids, pairs []string
	used := map[string]bool{}
	for i := range params {
		for _, s := range twins {
			if !used[s.ID] && sameParamTarget(&params[i], s.Push) {
				used[s.ID] = true
				ids, pairs = append(ids, s.ID), append(pairs, params[i].TraceID+"="+s.ID)
				break
			}
		}
	}
	r.WarnTwins(&resp.Diagnostics, name, ids, strings.Join(pairs, ","))
}

// keysNotPushed checks an imported resource's configured keys against what
// JPush holds to push: JPush returns no keys, but a schedule's push carries
// the text the template rendered with them. It names the first key whose
// value appears in no text of its schedule's push ("" when every one does).
// A schedule that cannot be read counts as not showing its keys: the
// caller then replaces, which never pushes what the configuration does not
// say.
func (r *templateScheduleResource) keysNotPushed(ctx context.Context, cfg []templateParamModel, ids []string) string {
	for i := range cfg {
		if i >= len(ids) {
			return "params"
		}
		s, err := r.Client().LookupSchedule(ctx, ids[i])
		if err != nil || s == nil {
			return fmt.Sprintf("params[%d] (schedule %s could not be read)", i, ids[i])
		}
		texts := pushTexts(s.Push)
		for _, k := range slices.Sorted(maps.Keys(cfg[i].Keys)) {
			v := cfg[i].Keys[k]
			if v != "" && !slices.ContainsFunc(texts, func(t string) bool { return strings.Contains(t, v) }) {
				return fmt.Sprintf("params[%d].keys.%s", i, k)
			}
		}
	}
	return ""
}

// pushTexts lists every string of a push payload.
func pushTexts(raw json.RawMessage) []string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(x any) {
		switch x := x.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}
