package framework

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// The modifiers below keep the prior state's spelling when the configuration
// means the same thing, so that equivalent spellings plan no change.
// Terraform accepts a planned value equal to the prior state in place of a
// different but equivalent configuration value.

// CaseInsensitiveString plans no diff for a value that differs from the
// state only in case.
func CaseInsensitiveString() planmodifier.String { return caseStringModifier{} }

type caseStringModifier struct{}

func (caseStringModifier) Description(context.Context) string {
	return "A value differing only in letter case is no change."
}

func (m caseStringModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (caseStringModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !Known(req.StateValue) || !Known(req.ConfigValue) || req.PlanValue.IsUnknown() {
		return
	}
	if strings.EqualFold(req.StateValue.ValueString(), req.ConfigValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// CaseInsensitiveList plans no diff for a list that matches the state
// ignoring case and order (point is a set: a list of strings holding the).
// state's elements in another order or another letter case is no diff
// (JPush reads the points as a set of days, case-insensitively).
func CaseInsensitiveList() planmodifier.List { return caseListModifier{} }

type caseListModifier struct{}

func (caseListModifier) Description(context.Context) string {
	return "The same elements in another order or letter case are no change."
}

func (m caseListModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (caseListModifier) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if !Known(req.StateValue) || !Known(req.ConfigValue) || req.PlanValue.IsUnknown() {
		return
	}
	st, ok1 := ListStrings(ctx, req.StateValue)
	cf, ok2 := ListStrings(ctx, req.ConfigValue)
	if ok1 && ok2 && SamePointSet(st, cf) {
		resp.PlanValue = req.StateValue
	}
}
