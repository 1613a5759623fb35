package schedule

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// ResourceSchema is jpush_schedule's schema; zone answers the provider's
// time zone to the plan modifiers.
func ResourceSchema(zone *conn.Zone) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "One JPush scheduled push (`POST/GET/PUT/DELETE /v3/schedules`): a one-off " +
			"(`trigger.single`) or recurring (`trigger.periodical`) push.\n\n" +
			"**Retries and lost answers:** a create carries a CID from JPush's pool and re-sends it on every " +
			"retry, so a lost answer never makes a second schedule. If no attempt gets a definite answer, the " +
			"apply fails and the resource is saved as tainted, its CID in place of an id; the next apply sends the same CID " +
			"again to find (and delete) any schedule JPush made, then creates it afresh, without a duplicate.\n\n" +
			"Once a schedule " +
			"has fired (single) or ended (periodical), JPush may stop returning it: the resource then stays " +
			"in state with `expired = true` and the plan stays empty; it is never re-created by itself. " +
			"Only an edit plans a replacement, and then the new times must be valid. A schedule deleted " +
			"outside Terraform while still live is removed from state with a warning, so the next apply " +
			"re-creates it.\n\n" +
			"Import with the schedule id (`terraform import jpush_schedule.x <schedule_id>` or an `import` " +
			"block). Import fills `push_json` with the whole payload and, when it can hold all of it, the typed " +
			"`push` too, so that a configuration written in either form plans no change and nothing JPush holds " +
			"is lost. A single schedule that has already fired can be imported while JPush still returns it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The JPush `schedule_id` (a UUID).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), lifecycle.AppPlanCheck(zone, "jpush_schedule")},
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Schedule name: 1..255 bytes of UTF-8, only Chinese characters (汉字), " +
					"ASCII letters, digits and underscore. Updated in place.",
				Validators: []validator.String{framework.ScheduleNameValidator()},
			},
			"enabled": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Whether the schedule is active. Default `true`. JPush only creates enabled " +
					"schedules, so `false` creates the schedule and then disables it with a second call.",
			},
			"trigger": trigger.SchemaAttribute(zone),
			"push":    schedulePushAttribute(),
			"push_json": schema.StringAttribute{
				CustomType: push.JSONType{},
				Optional:   true,
				Computed:   true,
				MarkdownDescription: "The complete Push API v3 payload as JSON (use `jsonencode({...})`), for " +
					"fields the typed `push` lacks. Set one of `push` and `push_json`. A JSON object with at least " +
					"`platform`, `audience` and `notification` or `message`. JSON that JPush " +
					"considers the same (key order, whitespace, server-added option defaults " +
					"`time_to_live = 86400` and `apns_production = true`, the spellings of \"all\") is no diff. " +
					"With a typed `push`, the state holds JPush's whole payload here when it has fields the typed " +
					"`push` cannot hold (e.g. an `sms_message` added in the console): the plan then shows those " +
					"fields leaving it, and the apply puts the configured push back.",
				Validators:    []validator.String{framework.PushJSONValidator(), framework.PushJSONKeysValidator()},
				PlanModifiers: []planmodifier.String{push.EquivalentJSON(), push.FormFollows()},
			},
			"expired": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "`true` once the schedule has fired (single) or ended (periodical), judged " +
					"by JPush's clock (the `Date` header of its responses). An expired schedule stays in state " +
					"and is never re-created by itself; editing it plans a replacement.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// schedulePushAttribute is jpush_schedule's typed push: Optional and
// Computed, so that the state can hold it beside push_json (push_forms.go).
func schedulePushAttribute() schema.SingleNestedAttribute {
	a := push.SchemaAttribute()
	a.Computed = true
	a.MarkdownDescription += " With `push_json` in the configuration, the state keeps the typed form of " +
		"an imported payload that the typed `push` can hold whole, so that either form plans no change after " +
		"an import; otherwise it is null."
	a.PlanModifiers = append(a.PlanModifiers, push.FormFollows())
	return a
}
