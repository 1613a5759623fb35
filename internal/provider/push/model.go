package push

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// The typed push. Only decoded from fully known values, so plain Go
// pointers, slices and maps are enough (nil = null).
type Model struct {
	Platform     []string           `tfsdk:"platform"`
	Audience     *AudienceModel     `tfsdk:"audience"`
	Notification *NotificationModel `tfsdk:"notification"`
	Message      *messageModel      `tfsdk:"message"`
	Options      *optionsModel      `tfsdk:"options"`
	Callback     *callbackModel     `tfsdk:"callback"`
}

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

// ObjectFrom encodes a typed push model (null object when nil).
func ObjectFrom(ctx context.Context, m *Model) (types.Object, diag.Diagnostics) {
	if m == nil {
		return types.ObjectNull(AttrTypes()), nil
	}
	return types.ObjectValueFrom(ctx, AttrTypes(), m)
}

// StringOrEmpty is *p, or "" for nil (the client omits empty strings).
func StringOrEmpty(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// ToIntPtr converts a model integer to the client's *int (nil stays nil).
func ToIntPtr(p *int64) *int {
	if p == nil {
		return nil
	}
	v := int(*p)
	return &v
}

func extrasJSON(m map[string]string) (json.RawMessage, error) {
	if m == nil {
		return nil, nil
	}
	return json.Marshal(m)
}

// toClient expands the typed push into the client's wire model, part by
// part; each part's method below owns its fields.
func (m *Model) toClient() (*client.Push, error) {
	p := &client.Push{Platform: client.Platform(append([]string(nil), m.Platform...))}
	p.Audience = m.Audience.ToClient()
	var err error
	if p.Notification, err = m.Notification.toClient(); err != nil {
		return nil, err
	}
	if p.Message, err = m.Message.toClient(); err != nil {
		return nil, err
	}
	p.Options = m.Options.toClient()
	if p.Callback, err = m.Callback.toClient(); err != nil {
		return nil, err
	}
	return p, nil
}

// ToClient is the wire audience; nil for no audience block.
func (a *AudienceModel) ToClient() *client.Audience {
	if a == nil {
		return nil
	}
	if a.All != nil && *a.All {
		return &client.Audience{All: true}
	}
	ca := &client.Audience{
		Tag: a.Tag, TagAnd: a.TagAnd, TagNot: a.TagNot, Alias: a.Alias,
		RegistrationID: a.RegistrationID, Segment: a.Segment, ABTest: a.ABTest,
		LiveActivityID: StringOrEmpty(a.LiveActivityID),
	}
	if a.File != nil {
		ca.File = &client.AudienceFile{FileID: a.File.FileID}
	}
	return ca
}

// toClient is the wire notification with each platform's part.
func (n *NotificationModel) toClient() (*client.Notification, error) {
	if n == nil {
		return nil, nil
	}
	cn := &client.Notification{Alert: n.Alert}
	var err error
	if cn.Android, err = n.Android.toClient(); err != nil {
		return nil, err
	}
	if cn.IOS, err = n.IOS.toClient(); err != nil {
		return nil, err
	}
	if cn.HMOS, err = n.HMOS.toClient(n.Alert); err != nil {
		return nil, err
	}
	if cn.QuickApp, err = n.QuickApp.toClient(); err != nil {
		return nil, err
	}
	return cn, nil
}

func (a *androidModel) toClient() (*client.Android, error) {
	if a == nil {
		return nil, nil
	}
	ca := &client.Android{
		Alert: a.Alert, Title: StringOrEmpty(a.Title), BuilderID: ToIntPtr(a.BuilderID), ChannelID: StringOrEmpty(a.ChannelID),
		Category: StringOrEmpty(a.Category), Priority: ToIntPtr(a.Priority), Style: ToIntPtr(a.Style),
		AlertType: ToIntPtr(a.AlertType), BigText: StringOrEmpty(a.BigText), LargeIcon: StringOrEmpty(a.LargeIcon),
		URIActivity: StringOrEmpty(a.URIActivity), URIAction: StringOrEmpty(a.URIAction),
		BadgeAddNum: ToIntPtr(a.BadgeAddNum), BadgeSetNum: ToIntPtr(a.BadgeSetNum),
		BadgeClass: StringOrEmpty(a.BadgeClass), Sound: StringOrEmpty(a.Sound),
	}
	if ca.Alert == nil {
		// JPush requires android.alert; "" means "use notification.alert".
		empty := ""
		ca.Alert = &empty
	}
	if a.IntentURL != nil {
		ca.Intent = &client.Intent{URL: *a.IntentURL}
	}
	var err error
	ca.Extras, err = extrasJSON(a.Extras)
	return ca, err
}

func (i *iosModel) toClient() (*client.IOS, error) {
	if i == nil {
		return nil, nil
	}
	ci := &client.IOS{
		ContentAvailable: i.ContentAvailable, MutableContent: i.MutableContent,
		Category: StringOrEmpty(i.Category), ThreadID: StringOrEmpty(i.ThreadID), InterruptionLevel: StringOrEmpty(i.InterruptionLevel),
	}
	if i.Alert != nil {
		ci.Alert = client.FlexString(*i.Alert)
	}
	if i.Sound != nil {
		ci.Sound = client.FlexString(*i.Sound)
	}
	if i.Badge != nil {
		ci.Badge = client.FlexString(*i.Badge)
	}
	var err error
	ci.Extras, err = extrasJSON(i.Extras)
	return ci, err
}

// toClient is the wire hmos part; an omitted hmos alert takes the
// notification's alert (notificationAlert), which HarmonyOS requires.
func (h *hmosModel) toClient(notificationAlert *string) (*client.HMOS, error) {
	if h == nil {
		return nil, nil
	}
	ch := &client.HMOS{
		Alert: h.Alert, Title: StringOrEmpty(h.Title), Category: StringOrEmpty(h.Category), LargeIcon: StringOrEmpty(h.LargeIcon),
		BadgeAddNum: ToIntPtr(h.BadgeAddNum), BadgeSetNum: ToIntPtr(h.BadgeSetNum), TestMessage: h.TestMessage,
		ReceiptID: StringOrEmpty(h.ReceiptID),
	}
	if ch.Alert == nil && notificationAlert != nil {
		ch.Alert = notificationAlert
	}
	var err error
	ch.Extras, err = extrasJSON(h.Extras)
	return ch, err
}

func (q *quickAppModel) toClient() (*client.QuickApp, error) {
	if q == nil {
		return nil, nil
	}
	cq := &client.QuickApp{Alert: q.Alert, Title: q.Title, Page: q.Page}
	var err error
	cq.Extras, err = extrasJSON(q.Extras)
	return cq, err
}

func (msg *messageModel) toClient() (*client.Message, error) {
	if msg == nil {
		return nil, nil
	}
	cm := &client.Message{MsgContent: msg.MsgContent, Title: StringOrEmpty(msg.Title), ContentType: StringOrEmpty(msg.ContentType)}
	var err error
	cm.Extras, err = extrasJSON(msg.Extras)
	return cm, err
}

func (o *optionsModel) toClient() *client.Options {
	if o == nil {
		return nil
	}
	co := &client.Options{
		SendNo: o.SendNo, TimeToLive: o.TimeToLive, OverrideMsgID: o.OverrideMsgID,
		APNSProduction: o.APNSProduction, APNSCollapseID: StringOrEmpty(o.APNSCollapseID),
		BigPushDuration: o.BigPushDuration, Classification: ToIntPtr(o.Classification), TestModel: o.TestModel,
	}
	if framework.Known(o.ThirdPartyChannel) {
		co.ThirdPartyChannel = json.RawMessage(o.ThirdPartyChannel.ValueString())
	}
	return co
}

func (c *callbackModel) toClient() (*client.Callback, error) {
	if c == nil {
		return nil, nil
	}
	cc := &client.Callback{URL: StringOrEmpty(c.URL), Type: ToIntPtr(c.Type)}
	if c.Params != nil {
		var err error
		if cc.Params, err = json.Marshal(c.Params); err != nil {
			return nil, err
		}
	}
	return cc, nil
}

// Encode returns the wire form of the typed push.
func (m *Model) Encode() (json.RawMessage, error) {
	p, err := m.toClient()
	if err != nil {
		return nil, err
	}
	return client.EncodePush(p)
}

// nilIfEmpty is the model's *string for a client string: nil for "".
func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// toInt64Ptr converts a client *int to the model's *int64 (nil stays nil).
func toInt64Ptr(v *int) *int64 {
	if v == nil {
		return nil
	}
	x := int64(*v)
	return &x
}

func nonEmpty(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return l
}

// extrasMap turns a JSON object into a map of strings; non-string values
// keep their JSON text.
func extrasMap(raw json.RawMessage) map[string]string {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = s
		} else {
			out[k] = string(v)
		}
	}
	return out
}

func flexString(f client.Flex) *string {
	if len(f) == 0 || string(f) == "null" {
		return nil
	}
	if s, ok := f.String(); ok {
		return &s
	}
	s := string(f) // a number (badge) or an object (not modelled: use push_json)
	if n, err := strconv.Atoi(s); err == nil {
		s = strconv.Itoa(n)
	}
	return &s
}

// ModelFromClient flattens a push read from JPush into the typed model,
// part by part. Fields the typed schema does not model are dropped (use
// push_json for them).
func ModelFromClient(p *client.Push) *Model {
	m := &Model{
		Audience:     audienceFromClient(p.Audience),
		Notification: notificationFromClient(p.Notification),
		Message:      messageFromClient(p.Message),
		Options:      optionsFromClient(p.Options),
	}
	if !p.Platform.IsAll() {
		m.Platform = append([]string(nil), p.Platform...)
	}
	if c := p.Callback; c != nil {
		m.Callback = &callbackModel{URL: nilIfEmpty(c.URL), Params: extrasMap(c.Params), Type: toInt64Ptr(c.Type)}
	}
	return m
}

func audienceFromClient(a *client.Audience) *AudienceModel {
	if a == nil {
		return nil
	}
	if a.All {
		t := true
		return &AudienceModel{All: &t}
	}
	am := &AudienceModel{
		Tag: nonEmpty(a.Tag), TagAnd: nonEmpty(a.TagAnd), TagNot: nonEmpty(a.TagNot), Alias: nonEmpty(a.Alias),
		RegistrationID: nonEmpty(a.RegistrationID), Segment: nonEmpty(a.Segment), ABTest: nonEmpty(a.ABTest),
		LiveActivityID: nilIfEmpty(a.LiveActivityID),
	}
	if a.File != nil {
		am.File = &audienceFileTF{FileID: a.File.FileID}
	}
	return am
}

func notificationFromClient(n *client.Notification) *NotificationModel {
	if n == nil {
		return nil
	}
	nm := &NotificationModel{Alert: n.Alert, Android: androidFromClient(n.Android), HMOS: hmosFromClient(n.HMOS, n.Alert)}
	if i := n.IOS; i != nil {
		nm.IOS = &iosModel{
			Alert: flexString(i.Alert), Sound: flexString(i.Sound), Badge: flexString(i.Badge),
			ContentAvailable: i.ContentAvailable, MutableContent: i.MutableContent, Category: nilIfEmpty(i.Category),
			ThreadID: nilIfEmpty(i.ThreadID), InterruptionLevel: nilIfEmpty(i.InterruptionLevel), Extras: extrasMap(i.Extras),
		}
	}
	if q := n.QuickApp; q != nil {
		nm.QuickApp = &quickAppModel{Alert: q.Alert, Title: q.Title, Page: q.Page, Extras: extrasMap(q.Extras)}
	}
	return nm
}

func androidFromClient(a *client.Android) *androidModel {
	if a == nil {
		return nil
	}
	am := &androidModel{
		Alert: a.Alert, Title: nilIfEmpty(a.Title), BuilderID: toInt64Ptr(a.BuilderID), ChannelID: nilIfEmpty(a.ChannelID),
		Category: nilIfEmpty(a.Category), Priority: toInt64Ptr(a.Priority), Style: toInt64Ptr(a.Style), AlertType: toInt64Ptr(a.AlertType),
		BigText: nilIfEmpty(a.BigText), LargeIcon: nilIfEmpty(a.LargeIcon), URIActivity: nilIfEmpty(a.URIActivity),
		URIAction: nilIfEmpty(a.URIAction), BadgeAddNum: toInt64Ptr(a.BadgeAddNum), BadgeSetNum: toInt64Ptr(a.BadgeSetNum),
		BadgeClass: nilIfEmpty(a.BadgeClass), Sound: nilIfEmpty(a.Sound), Extras: extrasMap(a.Extras),
	}
	if am.Alert != nil && *am.Alert == "" {
		am.Alert = nil // the provider sends "" for an omitted android alert
	}
	if a.Intent != nil {
		am.IntentURL = nilIfEmpty(a.Intent.URL)
	}
	return am
}

// hmosFromClient reads the hmos part; an alert equal to the notification's
// alert (notificationAlert) is read as omitted, because that is what the
// provider sends for an omitted hmos alert.
func hmosFromClient(h *client.HMOS, notificationAlert *string) *hmosModel {
	if h == nil {
		return nil
	}
	hm := &hmosModel{
		Alert: h.Alert, Title: nilIfEmpty(h.Title), Category: nilIfEmpty(h.Category), LargeIcon: nilIfEmpty(h.LargeIcon),
		BadgeAddNum: toInt64Ptr(h.BadgeAddNum), BadgeSetNum: toInt64Ptr(h.BadgeSetNum), TestMessage: h.TestMessage,
		ReceiptID: nilIfEmpty(h.ReceiptID), Extras: extrasMap(h.Extras),
	}
	if hm.Alert != nil && notificationAlert != nil && *hm.Alert == *notificationAlert {
		hm.Alert = nil
	}
	return hm
}

func messageFromClient(msg *client.Message) *messageModel {
	if msg == nil {
		return nil
	}
	return &messageModel{
		MsgContent: msg.MsgContent, Title: nilIfEmpty(msg.Title), ContentType: nilIfEmpty(msg.ContentType),
		Extras: extrasMap(msg.Extras),
	}
}

// optionsFromClient reads the options; options that hold nothing the typed
// push models read as no options block.
func optionsFromClient(o *client.Options) *optionsModel {
	if o == nil {
		return nil
	}
	om := &optionsModel{
		SendNo: o.SendNo, TimeToLive: o.TimeToLive, OverrideMsgID: o.OverrideMsgID,
		APNSProduction: o.APNSProduction, APNSCollapseID: nilIfEmpty(o.APNSCollapseID),
		BigPushDuration: o.BigPushDuration, Classification: toInt64Ptr(o.Classification), TestModel: o.TestModel,
		ThirdPartyChannel: jsontypes.NewNormalizedNull(),
	}
	if len(o.ThirdPartyChannel) > 0 && string(o.ThirdPartyChannel) != "null" {
		om.ThirdPartyChannel = jsontypes.NewNormalizedValue(string(o.ThirdPartyChannel))
	}
	if *om == (optionsModel{ThirdPartyChannel: om.ThirdPartyChannel}) && om.ThirdPartyChannel.IsNull() {
		return nil
	}
	return om
}

// Equivalent reports whether two wire pushes are the same push for
// JPush (client.EquivalentPush); a push that does not parse equals none.
func Equivalent(a, b json.RawMessage) bool {
	eq, err := client.EquivalentPush(a, b)
	return err == nil && eq
}

// HasCanonicalForm reports whether the canonical form of the wire push raw
// is canon (a canonical form already computed, compared without computing
// it again).
func HasCanonicalForm(raw, canon json.RawMessage) bool {
	c, err := client.CanonicalPush(raw)
	return err == nil && bytes.Equal(c, canon)
}
