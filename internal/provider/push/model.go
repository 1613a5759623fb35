package push

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Model is the typed push. It is only decoded from fully known values, so plain Go
// pointers, slices and maps are enough (nil = null).
type Model struct {
	Platform     []string           `tfsdk:"platform"`
	Audience     *AudienceModel     `tfsdk:"audience"`
	Notification *NotificationModel `tfsdk:"notification"`
	Message      *messageModel      `tfsdk:"message"`
	Options      *optionsModel      `tfsdk:"options"`
	Callback     *callbackModel     `tfsdk:"callback"`
}

// AudienceModel is push.audience.
type AudienceModel struct {
	All            *bool           `tfsdk:"all"`
	Tag            []string        `tfsdk:"tag"`
	TagAnd         []string        `tfsdk:"tag_and"`
	TagNot         []string        `tfsdk:"tag_not"`
	Alias          []string        `tfsdk:"alias"`
	RegistrationID []string        `tfsdk:"registration_id"`
	Segment        []string        `tfsdk:"segment"`
	ABTest         []string        `tfsdk:"abtest"`
	LiveActivityID *string         `tfsdk:"live_activity_id"`
	File           *audienceFileTF `tfsdk:"file"`
}

type audienceFileTF struct {
	FileID string `tfsdk:"file_id"`
}

// NotificationModel is push.notification.
type NotificationModel struct {
	Alert    *string        `tfsdk:"alert"`
	Android  *androidModel  `tfsdk:"android"`
	IOS      *iosModel      `tfsdk:"ios"`
	HMOS     *hmosModel     `tfsdk:"hmos"`
	QuickApp *quickAppModel `tfsdk:"quickapp"`
}

type androidModel struct {
	Alert       *string           `tfsdk:"alert"`
	Title       *string           `tfsdk:"title"`
	BuilderID   *int64            `tfsdk:"builder_id"`
	ChannelID   *string           `tfsdk:"channel_id"`
	Category    *string           `tfsdk:"category"`
	Priority    *int64            `tfsdk:"priority"`
	Style       *int64            `tfsdk:"style"`
	AlertType   *int64            `tfsdk:"alert_type"`
	BigText     *string           `tfsdk:"big_text"`
	LargeIcon   *string           `tfsdk:"large_icon"`
	IntentURL   *string           `tfsdk:"intent_url"`
	URIActivity *string           `tfsdk:"uri_activity"`
	URIAction   *string           `tfsdk:"uri_action"`
	BadgeAddNum *int64            `tfsdk:"badge_add_num"`
	BadgeSetNum *int64            `tfsdk:"badge_set_num"`
	BadgeClass  *string           `tfsdk:"badge_class"`
	Sound       *string           `tfsdk:"sound"`
	Extras      map[string]string `tfsdk:"extras"`
}

type iosModel struct {
	Alert             *string           `tfsdk:"alert"`
	Sound             *string           `tfsdk:"sound"`
	Badge             *string           `tfsdk:"badge"`
	ContentAvailable  *bool             `tfsdk:"content_available"`
	MutableContent    *bool             `tfsdk:"mutable_content"`
	Category          *string           `tfsdk:"category"`
	ThreadID          *string           `tfsdk:"thread_id"`
	InterruptionLevel *string           `tfsdk:"interruption_level"`
	Extras            map[string]string `tfsdk:"extras"`
}

type hmosModel struct {
	Alert       *string           `tfsdk:"alert"`
	Title       *string           `tfsdk:"title"`
	Category    *string           `tfsdk:"category"`
	LargeIcon   *string           `tfsdk:"large_icon"`
	BadgeAddNum *int64            `tfsdk:"badge_add_num"`
	BadgeSetNum *int64            `tfsdk:"badge_set_num"`
	TestMessage *bool             `tfsdk:"test_message"`
	ReceiptID   *string           `tfsdk:"receipt_id"`
	Extras      map[string]string `tfsdk:"extras"`
}

type quickAppModel struct {
	Alert  string            `tfsdk:"alert"`
	Title  string            `tfsdk:"title"`
	Page   string            `tfsdk:"page"`
	Extras map[string]string `tfsdk:"extras"`
}

type messageModel struct {
	MsgContent  string            `tfsdk:"msg_content"`
	Title       *string           `tfsdk:"title"`
	ContentType *string           `tfsdk:"content_type"`
	Extras      map[string]string `tfsdk:"extras"`
}

type optionsModel struct {
	SendNo            *int64               `tfsdk:"sendno"`
	TimeToLive        *int64               `tfsdk:"time_to_live"`
	OverrideMsgID     *int64               `tfsdk:"override_msg_id"`
	APNSProduction    *bool                `tfsdk:"apns_production"`
	APNSCollapseID    *string              `tfsdk:"apns_collapse_id"`
	BigPushDuration   *int64               `tfsdk:"big_push_duration"`
	Classification    *int64               `tfsdk:"classification"`
	TestModel         *bool                `tfsdk:"test_model"`
	ThirdPartyChannel jsontypes.Normalized `tfsdk:"third_party_channel"`
}

type callbackModel struct {
	URL    *string           `tfsdk:"url"`
	Params map[string]string `tfsdk:"params"`
	Type   *int64            `tfsdk:"type"`
}

// AttrTypes is the object type of the typed push, read off the schema
// (built once: the schema is the same every time; callers must not modify
// the map).
func AttrTypes() map[string]attr.Type { return pushAttrTypesOnce() }

var pushAttrTypesOnce = sync.OnceValue(func() map[string]attr.Type {
	return SchemaAttribute().GetType().(basetypes.ObjectType).AttrTypes
})

// ObjectFrom encodes a typed push model (null object when nil).
func ObjectFrom(ctx context.Context, m *Model) (types.Object, diag.Diagnostics) {
	if m == nil {
		return types.ObjectNull(AttrTypes()), nil
	}
	return types.ObjectValueFrom(ctx, AttrTypes(), m)
}
