package templateschedule

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// templateImportKey is the private-state key marking a resource whose
// template_id and params come from an import and have not been adopted from
// the configuration yet. Its value is templateImportInfo as JSON.
const templateImportKey = "template_import"

type templateImportInfo struct {
	// Traces is true when the import id named the trace ids.
	Traces bool `json:"traces"`
}

func (r *templateScheduleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID := req.ID
	if importID == "" { // an import block's identity (identity.go)
		if importID = r.templateImportIDFromIdentity(ctx, req.Identity, &resp.Diagnostics); importID == "" {
			return
		}
	}
	traces, ids, given, err := parseTemplateImportID(importID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("%q: %s. Import with the schedule ids, comma-separated, in the order of params "+
				"(\"id1,id2\"), or with trace_id=schedule_id pairs (\"req-001=id1,req-002=id2\").", importID, err))
		return
	}
	resp.Diagnostics.Append(r.setTemplateIdentity(ctx, resp.Identity, strings.Join(ids, ","), nil)...)
	params := make([]templateParamModel, len(ids))
	for i := range ids {
		params[i] = templateParamModel{TraceID: traces[i]}
	}
	list, diags := templateParamsList(ctx, params)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, a := range []struct {
		p path.Path
		v attr.Value
	}{
		{path.Root("id"), types.StringValue(strings.Join(ids, ","))},
		{templateIDPath, types.StringValue("")},
		{paramsPath, list},
		{path.Root("schedule_ids"), scheduleIDsMap(traces, ids)},
		{path.Root("expired"), types.BoolValue(false)},
	} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, a.p, a.v)...)
	}
	info, _ := json.Marshal(templateImportInfo{Traces: given})
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, templateImportKey, info)...)
}

// parseTemplateImportID parses "id1,id2" or "trace1=id1,trace2=id2".
// tracesGiven tells which form was used (mixing is an error).
func parseTemplateImportID(s string) (traces, ids []string, tracesGiven bool, err error) {
	parts := strings.Split(s, ",")
	seenID, seenTrace := map[string]bool{}, map[string]bool{}
	for i, part := range parts {
		part = strings.TrimSpace(part)
		trace, id, hasTrace := strings.Cut(part, "=")
		if !hasTrace {
			id, trace = part, part
		}
		trace, id = strings.TrimSpace(trace), strings.TrimSpace(id)
		if i == 0 {
			tracesGiven = hasTrace
		} else if hasTrace != tracesGiven {
			return nil, nil, false, fmt.Errorf("write either only schedule ids or only trace_id=schedule_id pairs, not both")
		}
		switch {
		case id == "" || trace == "":
			return nil, nil, false, fmt.Errorf("element %d (%q) is empty", i+1, part)
		case seenID[id]:
			return nil, nil, false, fmt.Errorf("schedule id %q is listed twice", id)
		case seenTrace[trace]:
			return nil, nil, false, fmt.Errorf("trace id %q is listed twice", trace)
		}
		seenID[id], seenTrace[trace] = true, true
		traces, ids = append(traces, trace), append(ids, id)
	}
	return traces, ids, tracesGiven, nil
}
