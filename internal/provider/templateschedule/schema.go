package templateschedule

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// templateOptionKeys are the push options offered in params[].options; their
// schema (description, validators) is taken from jpush_schedule's push.options.
var templateOptionKeys = []string{"time_to_live", "apns_production", "apns_collapse_id", "big_push_duration", "classification", "test_model"}

// templateParamsAttribute is the params list. The audience object is the one
// of jpush_schedule's push.audience; options are a subset of push.options.
func templateParamsAttribute() schema.ListNestedAttribute {
	pushed := push.SchemaAttribute()
	audience := pushed.Attributes["audience"].(schema.SingleNestedAttribute)
	audience.MarkdownDescription = "Who receives this param's push; the same object as `jpush_schedule`'s " +
		"`push.audience`. JPush's template rules are checked at plan time: all params use the same audience " +
		"kind (`tag`, `tag_and` and `tag_not` may be combined); a broadcast (`all = true`), a `tag` audience " +
		"or a `segment` allows exactly one param; a `segment` names exactly one id; `registration_id` and " +
		"`alias` values add up to at most 1000 over all params."
	pushOpts := pushed.Attributes["options"].(schema.SingleNestedAttribute)
	opts := map[string]schema.Attribute{}
	for _, k := range templateOptionKeys {
		opts[k] = pushOpts.Attributes[k]
	}
	return schema.ListNestedAttribute{
		Required: true,
		MarkdownDescription: "The pushes: each element becomes one JPush schedule (same name and trigger). " +
			"At least one. Any change to `params` replaces every underlying schedule.",
		Validators: []validator.List{listvalidator.SizeAtLeast(1)},
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"trace_id": schema.StringAttribute{
					Required: true,
					MarkdownDescription: "Your identifier of this param, unique within the resource; JPush echoes it " +
						"back and `schedule_ids` is keyed by it.",
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				},
				"keys": schema.MapAttribute{
					ElementType: types.StringType,
					Optional:    true,
					MarkdownDescription: "Values of the template's variables, by variable name (strings). Required " +
						"when the template defines variables; JPush rejects unknown or missing ones.",
				},
				"audience": audience,
				"options": schema.SingleNestedAttribute{
					Optional: true,
					MarkdownDescription: "Push options for this param (a subset of `jpush_schedule`'s `push.options`). " +
						"Omitted: JPush's defaults.",
					Attributes: opts,
				},
			},
		},
	}
}

// ResourceSchema is jpush_template_schedule's schema; zone answers the
// provider's time zone to the plan modifiers.
func ResourceSchema(zone *conn.Zone) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Scheduled pushes from a JPush console template (`POST /v3/push/template/schedule`, " +
			"a VIP feature). Each element of `params` becomes one JPush schedule sharing `schedule_name`, " +
			"`enabled` and `trigger`; `schedule_ids` maps each param's `trace_id` to its schedule.\n\n" +
			"`schedule_name`, `enabled` and a same-kind `trigger` change are applied in place to every " +
			"underlying schedule (one `PUT` each); changing `template_id` or `params`, or the trigger kind, " +
			"replaces all of them. A create that JPush accepts only for some params fails with one error per " +
			"failed param (trace id, code, message), yet keeps the schedules it did create in state (the " +
			"resource is tainted), so the next apply or a destroy removes them and none is orphaned. Destroy " +
			"deletes every underlying schedule. A create whose answer is lost is never sent twice: the " +
			"provider finds the schedules it made in JPush's list and adopts them (see the guide). An update that " +
			"reaches only some schedules leaves them disagreeing, and every plan updates them until they agree. " +
			"Fired or ended schedules behave as in `jpush_schedule`: " +
			"`expired` becomes `true` (only once none of the schedules can fire any more), the plan stays empty, " +
			"and the resource is never re-created by itself. " +
			"A schedule deleted outside Terraform while still live makes the next plan replace the resource.\n\n" +
			"**Import** with the comma-separated schedule ids, in the order of the configuration's `params` " +
			"(`terraform import jpush_template_schedule.x \"id1,id2,id3\"`), or with `trace_id=schedule_id` " +
			"pairs (`\"req-001=id1,req-002=id2\"`) so that `schedule_ids` is keyed by your trace ids at once. " +
			"JPush returns the name, enabled flag, trigger, audience and options of each schedule, but not the " +
			"template id nor the template `keys`; import therefore records `template_id = \"\"` and null `keys`. " +
			"On the next plan, a configuration whose `params` match the imported schedules (same number, same " +
			"order, same audiences and options, and the same trace ids when they were given) plans no change: " +
			"the imported values are kept until the next in-place update (e.g. a `schedule_name` change), " +
			"which adopts the configuration's `template_id`, `params` and trace ids without replacing anything. " +
			"A configuration that does not match plans a replacement.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The underlying schedule ids, comma-separated, in the order of `params` " +
					"(the import id).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), lifecycle.AppPlanCheck(zone, "jpush_template_schedule")},
			},
			"template_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The template id JPush generated when the template was created in the " +
					"console; non-empty, no spaces. Changing it replaces every underlying schedule.",
				Validators: []validator.String{
					stringvalidator.RegexMatches(templateIDRegexp, "must be a non-empty template id without spaces"),
				},
			},
			"schedule_name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of every underlying schedule: 1..255 bytes of UTF-8, only Chinese " +
					"characters (汉字), ASCII letters, digits and underscore. Updated in place (one `PUT` per schedule).",
				Validators: []validator.String{framework.ScheduleNameValidator()},
			},
			"enabled": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Whether the schedules are active. Default `true`. JPush only creates enabled " +
					"schedules, so `false` creates them and then disables each with a `PUT`; if a disable fails or the " +
					"run is interrupted, the schedules just created are deleted and the apply fails, so none is left " +
					"enabled. Updated in place.",
			},
			"trigger": trigger.SchemaAttribute(zone),
			"params":  templateParamsAttribute(),
			"schedule_ids": schema.MapAttribute{
				ElementType: types.StringType,
				Computed:    true,
				MarkdownDescription: "The JPush `schedule_id` (a UUID) of each param, keyed by `trace_id`. After a " +
					"plain-id import, keyed by schedule id until the next update (see Import).",
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"expired": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "`true` once every schedule has fired (single) or ended (periodical), each by its own trigger, judged " +
					"by JPush's clock (the `Date` header of its responses). Expired schedules stay in state and " +
					"are never re-created by themselves; editing the resource plans a replacement.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
		},
	}
}
