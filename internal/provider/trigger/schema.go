package trigger

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// timeFormatsDoc describes the accepted time formats once, for every time attribute.
const timeFormatsDoc = "Either RFC 3339 with an offset (`2027-01-01T09:00:00+08:00`, " +
	"what `timeadd()` produces) or JPush's own `YYYY-MM-DD HH:MM:SS`, read in the provider's " +
	"`time_zone` (default `Asia/Shanghai`). The same instant written either way is no diff; " +
	"the wire value is always the wall clock in `time_zone`."

// Locator is the provider's time zone as the schema's plan modifiers see
// it: answered once the provider is configured, Asia/Shanghai before.
type Locator interface{ Location() *time.Location }

// SchemaAttribute is the trigger attribute of both resources; zone
// answers the provider's time zone to its plan modifiers.
func SchemaAttribute(zone Locator) schema.SingleNestedAttribute {
	return framework.WithObjectTypes(schema.SingleNestedAttribute{
		Required: true,
		MarkdownDescription: "When the schedule fires: exactly one of `single` and `periodical`. " +
			"Changing the kind (single to periodical or back) replaces the schedule; any other " +
			"change is an in-place update that sends the whole trigger.",
		PlanModifiers: []planmodifier.Object{triggerKindRequiresReplace()},
		Validators:    []validator.Object{oneTriggerKind{}},
		Attributes: map[string]schema.Attribute{
			"single": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Fire once.",
				Attributes: map[string]schema.Attribute{
					"time": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "When to fire. " + timeFormatsDoc + " For a new or replaced " +
							"schedule it must be in the future and at most one year ahead.",
						Validators:    []validator.String{framework.TimeStringValidator()},
						PlanModifiers: []planmodifier.String{equivalentInstant(zone)},
					},
				},
			},
			"periodical": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Fire every `frequency` `time_unit`s at `time` between `start` and `end` " +
					"(at most one year apart). The first firing (the first `time` at or after `start` that " +
					"matches `point`) must not be after `end`.",
				Attributes: map[string]schema.Attribute{
					"start": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Start of the validity window. " + timeFormatsDoc,
						Validators:          []validator.String{framework.TimeStringValidator()},
						PlanModifiers:       []planmodifier.String{equivalentInstant(zone)},
					},
					"end": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "End of the validity window: after `start`, at most one year after it. " +
							timeFormatsDoc,
						Validators:    []validator.String{framework.TimeStringValidator()},
						PlanModifiers: []planmodifier.String{equivalentInstant(zone)},
					},
					"time": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "Time of day of each firing, `HH:MM:SS` (24-hour, zero-padded), " +
							"a wall-clock time in the provider's `time_zone`.",
						Validators: []validator.String{framework.ClockValidator()},
					},
					"time_unit": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "Period unit: `day`, `week` or `month`, case-insensitive (a different " +
							"case, in the configuration or echoed by JPush, is no diff).",
						Validators: []validator.String{
							framework.TimeUnitValidator(),
						},
						PlanModifiers: []planmodifier.String{framework.CaseInsensitiveString()},
					},
					"frequency": schema.Int64Attribute{
						Required: true,
						MarkdownDescription: "Fire every `frequency` units (1 = every day/week/month, 2 = every " +
							"other ...). Integer 1..100.",
						Validators: []validator.Int64{framework.IntRule("from 1 to 100", rules.Frequency)},
					},
					"point": schema.ListAttribute{
						ElementType: types.StringType,
						Optional:    true,
						MarkdownDescription: "Which days, a set (order and letter case are no diff): for `week` one or more of `MON` `TUE` `WED` `THU` `FRI` " +
							"`SAT` `SUN` (case-insensitive); for `month` day-of-month strings `01`..`31` (a day " +
							"missing from a month is skipped that month); must be omitted for `day`.",
						Validators: []validator.List{
							listvalidator.SizeAtLeast(1),
							framework.NamedList{List: listvalidator.UniqueValues()},
						},
						PlanModifiers: []planmodifier.List{framework.CaseInsensitiveList()},
					},
				},
			},
		},
	})
}
