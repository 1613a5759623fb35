package push

import (
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

func strAttr(desc string, v ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: v}
}

func intAttr(desc string, v ...validator.Int64) schema.Int64Attribute {
	return schema.Int64Attribute{Optional: true, MarkdownDescription: desc, Validators: v}
}

func boolAttr(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{Optional: true, MarkdownDescription: desc}
}

func strList(desc string, v ...validator.List) schema.ListAttribute {
	return schema.ListAttribute{ElementType: types.StringType, Optional: true, MarkdownDescription: desc, Validators: v}
}

func extrasAttr(where string) schema.MapAttribute {
	return schema.MapAttribute{
		ElementType:         types.StringType,
		Optional:            true,
		MarkdownDescription: "Custom key/value strings delivered to the app with the " + where + " (`extras`).",
	}
}

// SchemaAttribute is the typed push, shared by jpush_schedule (push)
// and, in parts, by jpush_template_schedule (params[].audience and
// options). It is a schema declaration, one attribute per JPush field, so it
// is exempt from the function length limit.
//
//nolint:funlen // a schema declaration
func SchemaAttribute() schema.SingleNestedAttribute {
	return framework.WithObjectTypes(schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "The Push API v3 payload, typed. Names are JPush's keys with `-` written as `_`. " +
			"Set one of `push` and `push_json`; at least one of `notification` and `message`. Any " +
			"change updates the schedule in place, sending the whole push.",
		PlanModifiers: []planmodifier.Object{equivalentTypedPush()},
		Validators:    []validator.Object{pushObjectValidator{}},
		Attributes: map[string]schema.Attribute{
			"platform": strList("Target platforms: any of `android`, `ios`, `hmos`, `quickapp`. Omitted: all platforms (`\"all\"` on the wire).",
				listvalidator.SizeAtLeast(1), framework.NamedList{List: listvalidator.UniqueValues()},
				listvalidator.ValueStringsAre(framework.PlatformValidator())),
			"audience": schema.SingleNestedAttribute{
				Required: true,
				MarkdownDescription: "Who receives the push: `all = true` (broadcast; JPush allows 10 a day) or " +
					"one or more of the other keys, combined with AND.",
				Attributes: map[string]schema.Attribute{
					"all": boolAttr("`true` for a broadcast to every device (`\"all\"` on the wire). Cannot be combined with other keys."),
					"tag": strList("Devices with any of these tags (OR). At most 20, each 1..40 bytes: ASCII letters, digits, `_`, Chinese characters (汉字) and `@!#$&*+=.|￥` (so not `café` or `ひらがな`).",
						listvalidator.SizeBetween(1, 20), listvalidator.ValueStringsAre(framework.TagValidator())),
					"tag_and": strList("Devices with all of these tags (AND). At most 20, same rules as `tag`.",
						listvalidator.SizeBetween(1, 20), listvalidator.ValueStringsAre(framework.TagValidator())),
					"tag_not": strList("Devices with none of these tags. At most 20, same rules as `tag`.",
						listvalidator.SizeBetween(1, 20), listvalidator.ValueStringsAre(framework.TagValidator())),
					"alias": strList("Devices with any of these aliases (OR). At most 1000, each 1..40 bytes, same characters as tags.",
						listvalidator.SizeBetween(1, 1000), listvalidator.ValueStringsAre(framework.TagValidator())),
					"registration_id": strList("Devices with these registration ids (OR). At most 1000 (use `file` beyond that).",
						listvalidator.SizeBetween(1, 1000), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))),
					"segment": strList("A user segment id (exactly one).",
						listvalidator.SizeBetween(1, 1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))),
					"abtest": strList("An A/B test id (exactly one).",
						listvalidator.SizeBetween(1, 1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))),
					"live_activity_id": strAttr("An iOS Live Activity id. Cannot be combined with other keys.",
						stringvalidator.LengthAtLeast(1)),
					"file": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "File push: the devices listed in an uploaded file.",
						Attributes: map[string]schema.Attribute{
							"file_id": schema.StringAttribute{
								Required: true, MarkdownDescription: "Id of the file from the File API.",
								Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
							},
						},
					},
				},
			},
			"notification": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Notification shown by the system.",
				Attributes: map[string]schema.Attribute{
					"alert": strAttr("Notification text used by every platform that does not set its own `alert`."),
					"android": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "Android notification.",
						Attributes: map[string]schema.Attribute{
							"alert":         strAttr("Text; defaults to `notification.alert` when omitted (sent as `\"\"`)."),
							"title":         strAttr("Title."),
							"builder_id":    intAttr("Notification layout (builder) id, integer."),
							"channel_id":    strAttr("Android 8+ notification channel id (at most 1000 bytes).", stringvalidator.LengthBetween(1, 1000)),
							"category":      strAttr("Notification category."),
							"priority":      intAttr("Priority, -2..2 (JPush default 0).", framework.IntBetween(-2, 2)),
							"style":         intAttr("Style: 0 default, 1 big_text, 2 inbox, 3 big_pic.", framework.IntBetween(0, 3)),
							"alert_type":    intAttr("Reminder bitmask: 1 sound, 2 vibrate, 4 lights; -1 all. Range -1..7.", framework.IntBetween(-1, 7)),
							"big_text":      strAttr("Text for `style = 1`."),
							"large_icon":    strAttr("Large icon: a URL or a resource name."),
							"intent_url":    strAttr("Target of a click (`intent.url` on the wire), e.g. `intent:#Intent;component=...;end`."),
							"uri_activity":  strAttr("Activity opened by vendor channels (`uri_activity`)."),
							"uri_action":    strAttr("Action opened by vendor channels (`uri_action`)."),
							"badge_add_num": intAttr("Increase the badge by this much, 1..99.", framework.IntBetween(1, 99)),
							"badge_set_num": intAttr("Set the badge to this value, 0..99.", framework.IntBetween(0, 99)),
							"badge_class":   strAttr("Launcher activity class used for badges."),
							"sound":         strAttr("Sound file name (without extension)."),
							"extras":        extrasAttr("Android notification"),
						},
					},
					"ios": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "iOS notification (APNs). For the object form of `alert` or `sound`, use `push_json`.",
						Attributes: map[string]schema.Attribute{
							"alert":             strAttr("Text; defaults to `notification.alert`."),
							"sound":             strAttr("Sound file name, or `default`."),
							"badge":             strAttr("Badge: `N` sets, `+N`/`-N` changes (N 0..99); `0` or `\"\"` clears.", framework.BadgeValidator()),
							"content_available": boolAttr("Silent background update (`content-available`)."),
							"mutable_content":   boolAttr("Lets a notification service extension modify it (`mutable-content`)."),
							"category":          strAttr("Notification category."),
							"thread_id":         strAttr("Grouping thread (`thread-id`)."),
							"interruption_level": strAttr("`active`, `critical`, `passive` or `time-sensitive` (`interruption-level`).",
								framework.OneOf("interruption level", "active", "critical", "passive", "time-sensitive")),
							"extras": extrasAttr("iOS notification"),
						},
					},
					"hmos": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "HarmonyOS notification.",
						Attributes: map[string]schema.Attribute{
							"alert":         strAttr("Text; defaults to `notification.alert` when omitted (must end up non-empty)."),
							"title":         strAttr("Title."),
							"category":      strAttr("Notification category (HarmonyOS requires one for most apps)."),
							"large_icon":    strAttr("Large icon, an https URL."),
							"badge_add_num": intAttr("Increase the badge by this much, 1..99.", framework.IntBetween(1, 99)),
							"badge_set_num": intAttr("Set the badge to this value, 0..99.", framework.IntBetween(0, 99)),
							"test_message":  boolAttr("Send as a HarmonyOS test message."),
							"receipt_id":    strAttr("Receipt id for delivery callbacks."),
							"extras":        extrasAttr("HarmonyOS notification"),
						},
					},
					"quickapp": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "Quick app notification: `alert`, `title` and `page` are required.",
						Attributes: map[string]schema.Attribute{
							"alert":  schema.StringAttribute{Required: true, MarkdownDescription: "Text."},
							"title":  schema.StringAttribute{Required: true, MarkdownDescription: "Title."},
							"page":   schema.StringAttribute{Required: true, MarkdownDescription: "Page opened on click."},
							"extras": extrasAttr("quick app notification"),
						},
					},
				},
			},
			"message": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Custom in-app message (透传), not shown by the system.",
				Attributes: map[string]schema.Attribute{
					"msg_content": schema.StringAttribute{
						Required: true, MarkdownDescription: "Message body.",
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"title":        strAttr("Title."),
					"content_type": strAttr("Content type, free text."),
					"extras":       extrasAttr("message"),
				},
			},
			"options": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Push options. JPush's defaults (`time_to_live = 86400`, `apns_production = true`) echoed by the server are no diff.",
				Attributes: map[string]schema.Attribute{
					"sendno":            intAttr("Number echoed back by the push API, 0..2147483647; 0 means none.", framework.IntBetween(0, 1<<31-1)),
					"time_to_live":      intAttr("Offline retention in seconds (JPush default 86400; free plans at most 3 days, VIP at most 10 days = 864000); 0 = online devices only.", framework.IntBetween(0, 864000)),
					"override_msg_id":   intAttr("The msg_id (int64) of an Android message sent within the last day, which this push replaces.", int64validator.AtLeast(1)),
					"apns_production":   boolAttr("`true` (JPush default) for the APNs production environment, `false` for development."),
					"apns_collapse_id":  strAttr("APNs collapse id, at most 64 bytes.", stringvalidator.LengthBetween(1, 64)),
					"big_push_duration": intAttr("Throttled push: spread the push over this many minutes, 0..1400 (0: not throttled).", framework.IntBetween(0, 1400)),
					"classification":    intAttr("0 operations message, 1 system message.", framework.IntBetween(0, 1)),
					"test_model":        boolAttr("Push only to test devices (`test_model`)."),
					"third_party_channel": schema.StringAttribute{
						CustomType: jsontypes.NormalizedType{},
						Optional:   true,
						MarkdownDescription: "Vendor channel settings as JSON (`jsonencode({ xiaomi = { distribution = \"ospush\" } })`), " +
							"keyed by `xiaomi`, `huawei`, `honor`, `meizu`, `oppo`, `vivo`, `fcm`, `nio`, ...",
					},
				},
			},
			"callback": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Delivery callback (VIP).",
				Attributes: map[string]schema.Attribute{
					"url":    strAttr("Callback URL; overrides the console setting for this push."),
					"params": schema.MapAttribute{ElementType: types.StringType, Optional: true, MarkdownDescription: "Extra parameters sent with the callback."},
					"type":   intAttr("Bitmask: 1 delivered, 2 clicked, 4 not delivered, 8 push success (1..15).", framework.IntBetween(1, 15)),
				},
			},
		},
	})
}
