package push

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// FullyKnown reports whether v and everything inside it is known. It walks
// the framework values instead of converting v to a tftypes.Value, which
// for the typed push cost as much as the check it guards.
func FullyKnown(ctx context.Context, v attr.Value) bool {
	if v == nil || v.IsUnknown() {
		return false
	}
	if v.IsNull() {
		return true
	}
	switch x := v.(type) {
	case basetypes.ObjectValue:
		for _, e := range x.Attributes() {
			if !FullyKnown(ctx, e) {
				return false
			}
		}
		return true
	case basetypes.ListValue:
		return allKnown(ctx, x.Elements())
	case basetypes.SetValue:
		return allKnown(ctx, x.Elements())
	case basetypes.MapValue:
		for _, e := range x.Elements() {
			if !FullyKnown(ctx, e) {
				return false
			}
		}
		return true
	case basetypes.StringValuable, basetypes.BoolValuable, basetypes.Int64Valuable:
		return true // known primitives (custom string types included)
	}
	// Anything else (tuples, dynamic values, custom collection types):
	// the general, slower check.
	tv, err := v.ToTerraformValue(ctx)
	return err == nil && tv.IsFullyKnown()
}

func allKnown(ctx context.Context, l []attr.Value) bool {
	for _, e := range l {
		if !FullyKnown(ctx, e) {
			return false
		}
	}
	return true
}

// ModelFrom decodes a fully known typed push object (nil when null).
// The hand-written decoder below gives what obj.As gives at a fraction of
// the cost (the reflection of As was about a third of the provider's time
// in ValidateResourceConfig); anything it does not expect (an unknown or
// missing value, a null where the model has no pointer) falls back to
// obj.As, whose diagnostics stay the reference.
func ModelFrom(ctx context.Context, obj types.Object) (*Model, diag.Diagnostics) {
	if obj.IsNull() || obj.IsUnknown() {
		return nil, nil
	}
	d := pushDecoder{ctx: ctx}
	if m := d.push(obj.Attributes()); d.ok {
		return m, nil
	}
	var m Model
	diags := obj.As(ctx, &m, basetypes.ObjectAsOptions{})
	if diags.HasError() {
		return nil, diags
	}
	return &m, diags
}

// pushDecoder decodes the attribute values of a typed push into pushModel.
// ok turns false at the first value it cannot decode the way obj.As would.
type pushDecoder struct {
	ctx context.Context
	ok  bool
}

func (d *pushDecoder) push(a map[string]attr.Value) *Model {
	d.ok = true
	m := &Model{Platform: d.strs(a, "platform")}
	if x := d.obj(a, "audience"); x != nil {
		au := &AudienceModel{
			All: d.boolp(x, "all"), Tag: d.strs(x, "tag"), TagAnd: d.strs(x, "tag_and"), TagNot: d.strs(x, "tag_not"),
			Alias: d.strs(x, "alias"), RegistrationID: d.strs(x, "registration_id"), Segment: d.strs(x, "segment"),
			ABTest: d.strs(x, "abtest"), LiveActivityID: d.strp(x, "live_activity_id"),
		}
		if f := d.obj(x, "file"); f != nil {
			au.File = &audienceFileTF{FileID: d.str(f, "file_id")}
		}
		m.Audience = au
	}
	if x := d.obj(a, "notification"); x != nil {
		n := &NotificationModel{Alert: d.strp(x, "alert")}
		if y := d.obj(x, "android"); y != nil {
			n.Android = &androidModel{
				Alert: d.strp(y, "alert"), Title: d.strp(y, "title"), BuilderID: d.int64p(y, "builder_id"),
				ChannelID: d.strp(y, "channel_id"), Category: d.strp(y, "category"), Priority: d.int64p(y, "priority"),
				Style: d.int64p(y, "style"), AlertType: d.int64p(y, "alert_type"), BigText: d.strp(y, "big_text"),
				LargeIcon: d.strp(y, "large_icon"), IntentURL: d.strp(y, "intent_url"), URIActivity: d.strp(y, "uri_activity"),
				URIAction: d.strp(y, "uri_action"), BadgeAddNum: d.int64p(y, "badge_add_num"),
				BadgeSetNum: d.int64p(y, "badge_set_num"), BadgeClass: d.strp(y, "badge_class"), Sound: d.strp(y, "sound"),
				Extras: d.strMap(y, "extras"),
			}
		}
		if y := d.obj(x, "ios"); y != nil {
			n.IOS = &iosModel{
				Alert: d.strp(y, "alert"), Sound: d.strp(y, "sound"), Badge: d.strp(y, "badge"),
				ContentAvailable: d.boolp(y, "content_available"), MutableContent: d.boolp(y, "mutable_content"),
				Category: d.strp(y, "category"), ThreadID: d.strp(y, "thread_id"),
				InterruptionLevel: d.strp(y, "interruption_level"), Extras: d.strMap(y, "extras"),
			}
		}
		if y := d.obj(x, "hmos"); y != nil {
			n.HMOS = &hmosModel{
				Alert: d.strp(y, "alert"), Title: d.strp(y, "title"), Category: d.strp(y, "category"),
				LargeIcon: d.strp(y, "large_icon"), BadgeAddNum: d.int64p(y, "badge_add_num"),
				BadgeSetNum: d.int64p(y, "badge_set_num"), TestMessage: d.boolp(y, "test_message"),
				ReceiptID: d.strp(y, "receipt_id"), Extras: d.strMap(y, "extras"),
			}
		}
		if y := d.obj(x, "quickapp"); y != nil {
			n.QuickApp = &quickAppModel{
				Alert: d.str(y, "alert"), Title: d.str(y, "title"), Page: d.str(y, "page"),
				Extras: d.strMap(y, "extras"),
			}
		}
		m.Notification = n
	}
	if x := d.obj(a, "message"); x != nil {
		m.Message = &messageModel{
			MsgContent: d.str(x, "msg_content"), Title: d.strp(x, "title"),
			ContentType: d.strp(x, "content_type"), Extras: d.strMap(x, "extras"),
		}
	}
	if x := d.obj(a, "options"); x != nil {
		o := &optionsModel{
			SendNo: d.int64p(x, "sendno"), TimeToLive: d.int64p(x, "time_to_live"),
			OverrideMsgID: d.int64p(x, "override_msg_id"), APNSProduction: d.boolp(x, "apns_production"),
			APNSCollapseID: d.strp(x, "apns_collapse_id"), BigPushDuration: d.int64p(x, "big_push_duration"),
			Classification: d.int64p(x, "classification"), TestModel: d.boolp(x, "test_model"),
		}
		if v, ok := x["third_party_channel"].(jsontypes.Normalized); ok {
			o.ThirdPartyChannel = v
		} else {
			d.ok = false
		}
		m.Options = o
	}
	if x := d.obj(a, "callback"); x != nil {
		m.Callback = &callbackModel{URL: d.strp(x, "url"), Params: d.strMap(x, "params"), Type: d.int64p(x, "type")}
	}
	return m
}

// leaf returns the value of a[k]; nil when it is null, or when it is
// missing or unknown (then ok turns false).
func (d *pushDecoder) leaf(a map[string]attr.Value, k string) attr.Value {
	v, found := a[k]
	if !found || v == nil || v.IsUnknown() {
		d.ok = false
		return nil
	}
	if v.IsNull() {
		return nil
	}
	return v
}

func (d *pushDecoder) obj(a map[string]attr.Value, k string) map[string]attr.Value {
	switch v := d.leaf(a, k).(type) {
	case nil:
		return nil
	case basetypes.ObjectValue:
		return v.Attributes()
	}
	d.ok = false
	return nil
}

func (d *pushDecoder) strValue(v attr.Value) (string, bool) {
	if s, ok := v.(basetypes.StringValue); ok {
		return s.ValueString(), true
	}
	d.ok = false
	return "", false
}

func (d *pushDecoder) strp(a map[string]attr.Value, k string) *string {
	if v := d.leaf(a, k); v != nil {
		if s, ok := d.strValue(v); ok {
			return &s
		}
	}
	return nil
}

// str is a string the model holds by value: null is not expected.
func (d *pushDecoder) str(a map[string]attr.Value, k string) string {
	if p := d.strp(a, k); p != nil {
		return *p
	}
	d.ok = false
	return ""
}

func (d *pushDecoder) int64p(a map[string]attr.Value, k string) *int64 {
	if v := d.leaf(a, k); v != nil {
		if n, ok := v.(basetypes.Int64Value); ok {
			x := n.ValueInt64()
			return &x
		}
		d.ok = false
	}
	return nil
}

func (d *pushDecoder) boolp(a map[string]attr.Value, k string) *bool {
	if v := d.leaf(a, k); v != nil {
		if b, ok := v.(basetypes.BoolValue); ok {
			x := b.ValueBool()
			return &x
		}
		d.ok = false
	}
	return nil
}

// strs decodes a list of strings: nil when null, a non-nil slice otherwise
// (as obj.As makes it).
func (d *pushDecoder) strs(a map[string]attr.Value, k string) []string {
	v := d.leaf(a, k)
	if v == nil {
		return nil
	}
	l, ok := v.(basetypes.ListValue)
	if !ok {
		d.ok = false
		return nil
	}
	els := l.Elements()
	out := make([]string, 0, len(els))
	for _, e := range els {
		if e == nil || e.IsNull() || e.IsUnknown() {
			d.ok = false
			return nil
		}
		s, ok := d.strValue(e)
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// strMap decodes a map of strings: nil when null, a non-nil map otherwise.
func (d *pushDecoder) strMap(a map[string]attr.Value, k string) map[string]string {
	v := d.leaf(a, k)
	if v == nil {
		return nil
	}
	mv, ok := v.(basetypes.MapValue)
	if !ok {
		d.ok = false
		return nil
	}
	els := mv.Elements()
	out := make(map[string]string, len(els))
	for key, e := range els {
		if e == nil || e.IsNull() || e.IsUnknown() {
			d.ok = false
			return nil
		}
		s, ok := d.strValue(e)
		if !ok {
			return nil
		}
		out[key] = s
	}
	return out
}
