package push

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// TestPushModelFrom_matchesAs: the hand-written decoder of pushModelFrom
// gives exactly what the framework's reflection (obj.As) gives.
func TestPushModelFrom_matchesAs(t *testing.T) {
	ctx := context.Background()
	s := func(v string) *string { return &v }
	i := func(v int64) *int64 { return &v }
	b := func(v bool) *bool { return &v }
	full := &Model{
		Platform: []string{"android", "ios", "hmos", "quickapp"},
		Audience: &AudienceModel{
			All: b(false), Tag: []string{"a", "b"}, TagAnd: []string{"c"}, TagNot: []string{},
			Alias: []string{"x"}, RegistrationID: []string{"r"}, Segment: []string{"s"}, ABTest: []string{"t"},
			LiveActivityID: s("live"), File: &audienceFileTF{FileID: "f"},
		},
		Notification: &NotificationModel{
			Alert: s("hi"),
			Android: &androidModel{
				Alert: s(""), Title: s("t"), BuilderID: i(1), ChannelID: s("c"), Category: s("cat"),
				Priority: i(-2), Style: i(3), AlertType: i(-1), BigText: s("bt"), LargeIcon: s("li"), IntentURL: s("iu"),
				URIActivity: s("ua"), URIAction: s("uac"), BadgeAddNum: i(1), BadgeSetNum: i(0), BadgeClass: s("bc"),
				Sound: s("so"), Extras: map[string]string{"k": "v", "e": ""},
			},
			IOS: &iosModel{
				Alert: s("a"), Sound: s("default"), Badge: s("+1"), ContentAvailable: b(true),
				MutableContent: b(false), Category: s("c"), ThreadID: s("th"), InterruptionLevel: s("active"),
				Extras: map[string]string{},
			},
			HMOS: &hmosModel{
				Alert: s("h"), Title: s("t"), Category: s("c"), LargeIcon: s("l"), BadgeAddNum: i(2),
				BadgeSetNum: i(3), TestMessage: b(true), ReceiptID: s("r"), Extras: map[string]string{"a": "b"},
			},
			QuickApp: &quickAppModel{Alert: "q", Title: "", Page: "p", Extras: map[string]string{"x": "y"}},
		},
		Message: &messageModel{MsgContent: "m", Title: s(""), ContentType: s("ct"), Extras: map[string]string{"m": "n"}},
		Options: &optionsModel{
			SendNo: i(0), TimeToLive: i(86400), OverrideMsgID: i(9223372036854775807),
			APNSProduction: b(true), APNSCollapseID: s("id"), BigPushDuration: i(1400), Classification: i(1),
			TestModel: b(false), ThirdPartyChannel: jsontypes.NewNormalizedValue(`{"xiaomi":{"distribution":"ospush"}}`),
		},
		Callback: &callbackModel{URL: s("https://x"), Params: map[string]string{"p": "q"}, Type: i(15)},
	}
	models := map[string]*Model{
		"full":    full,
		"bench":   {Platform: []string{"android", "ios"}, Audience: &AudienceModel{Tag: []string{"bench"}}, Notification: &NotificationModel{Alert: s("bench 0")}},
		"empty":   {},
		"options": {Audience: &AudienceModel{All: b(true)}, Message: &messageModel{MsgContent: "x"}, Options: &optionsModel{ThirdPartyChannel: jsontypes.NewNormalizedNull()}},
		"lists":   {Platform: []string{}, Audience: &AudienceModel{Tag: []string{}}, Callback: &callbackModel{Params: map[string]string{}}},
	}
	for name, m := range models {
		t.Run(name, func(t *testing.T) {
			obj, diags := types.ObjectValueFrom(ctx, AttrTypes(), m)
			if diags.HasError() {
				t.Fatal(diags)
			}
			d := pushDecoder{ctx: ctx}
			got := d.push(obj.Attributes())
			if !d.ok {
				t.Fatal("the decoder fell back to obj.As")
			}
			var want Model
			if diags := obj.As(ctx, &want, basetypes.ObjectAsOptions{}); diags.HasError() {
				t.Fatal(diags)
			}
			if !reflect.DeepEqual(got, &want) {
				t.Errorf("decoder:\n%#v\nobj.As:\n%#v", got, &want)
			}
			if m2, diags := ModelFrom(ctx, obj); diags.HasError() || !reflect.DeepEqual(m2, &want) {
				t.Errorf("pushModelFrom = %#v, %v", m2, diags)
			}
		})
	}

	// An unknown leaf is left to obj.As and its error.
	obj, _ := types.ObjectValueFrom(ctx, AttrTypes(), models["bench"])
	attrs := obj.Attributes()
	n := attrs["notification"].(basetypes.ObjectValue).Attributes()
	n["alert"] = types.StringUnknown()
	attrs["notification"] = types.ObjectValueMust(AttrTypes()["notification"].(basetypes.ObjectType).AttrTypes, n)
	unk := types.ObjectValueMust(AttrTypes(), attrs)
	d := pushDecoder{ctx: ctx}
	d.push(unk.Attributes())
	if d.ok {
		t.Error("the decoder accepted an unknown value")
	}
	if m, diags := ModelFrom(ctx, unk); !diags.HasError() || m != nil {
		t.Errorf("unknown alert: pushModelFrom = %#v, %v; want obj.As's error", m, diags)
	}
}
