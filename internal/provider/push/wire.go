package push

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

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
