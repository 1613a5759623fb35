package templateschedule

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The underlying schedules of a jpush_template_schedule share one name,
// enabled flag and trigger in the state, but in JPush they can disagree: an
// update that reached only some of them, or a change made outside
// Terraform to one. No single value in the state can tell that truth, and
// whichever one it shows, a configuration equal to it would plan nothing
// while another schedule still differs (and fires at another time). So:
//
//   - Read (and an Update that failed for some schedules) records each
//     schedule's values in private state under templateDivergentKey while
//     they disagree, and removes the key once they agree;
//   - ModifyPlan, finding the key, plans an update even when the
//     configuration equals the state, with a warning naming each
//     schedule's values;
//   - Update then sends the name, enabled flag and trigger of the
//     configuration to every schedule, not only the attributes that differ
//     from the state.
const templateDivergentKey = "template_divergent"

// templateDivergence is the value of templateDivergentKey.
type templateDivergence struct {
	// Schedules describes each schedule's values, one line each.
	Schedules []string `json:"schedules"`
}

// privateSetter is the private state of a response.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// privateGetter is the private state of a request.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// divergence describes the live schedules when they disagree on name,
// enabled or trigger; nil when they agree.
func divergence(fetched []scheduleFetch) []string {
	var first *scheduleFetch
	differ := false
	var lines []string
	for i := range fetched {
		f := &fetched[i]
		if f.s == nil {
			continue
		}
		trig, _ := json.Marshal(f.s.Trigger)
		lines = append(lines, fmt.Sprintf("%s (trace_id %q): name %q, enabled %v, trigger %s", f.id, f.param.TraceID, f.s.Name, f.s.Enabled, trig))
		if first == nil {
			first = f
			continue
		}
		if f.s.Name != first.s.Name || f.s.Enabled != first.s.Enabled || !f.tm.Equal(first.tm) {
			differ = true
		}
	}
	if !differ {
		return nil
	}
	return lines
}

// setDivergence records (lines non-empty) or clears the divergence.
func setDivergence(ctx context.Context, p privateSetter, lines []string) diag.Diagnostics {
	if len(lines) == 0 {
		return p.SetKey(ctx, templateDivergentKey, nil)
	}
	b, _ := json.Marshal(templateDivergence{Schedules: lines})
	return p.SetKey(ctx, templateDivergentKey, b)
}

// getDivergence returns the recorded divergence, nil when none.
func getDivergence(ctx context.Context, p privateGetter) ([]string, diag.Diagnostics) {
	raw, diags := p.GetKey(ctx, templateDivergentKey)
	if len(raw) == 0 {
		return nil, diags
	}
	var d templateDivergence
	if json.Unmarshal(raw, &d) != nil || len(d.Schedules) == 0 {
		return []string{"(the schedules' values were not recorded)"}, diags
	}
	return d.Schedules, diags
}

// planDivergence plans an update of a resource whose schedules disagree:
// schedule_ids becomes unknown (it stays the same after the apply), which
// makes Terraform call Update even when no configured attribute changed.
func planDivergence(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	lines, diags := getDivergence(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if len(lines) == 0 {
		return
	}
	var planned, prior types.Map
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("schedule_ids"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("schedule_ids"), &prior)...)
	if planned.Equal(prior) { // otherwise an update is planned already (an import adopting trace ids)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("schedule_ids"), types.MapUnknown(types.StringType))...)
	}
	resp.Diagnostics.AddWarning("The JPush schedules of this resource disagree",
		"Its underlying schedules do not share one name, enabled flag and trigger in JPush (an earlier update "+
			"reached only some of them, or one was changed outside Terraform):\n  "+strings.Join(lines, "\n  ")+
			"\n\nThe plan updates them in place: the apply sends the configuration's schedule_name, enabled and "+
			"trigger to every one of them.")
}
