package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Push is the typed Push API v3 payload of a schedule (development/jpush-api.md §6).
//
// Fields are pointers or carry omitempty so that DecodePush followed by
// EncodePush sends back what was received. Keys this package does not model
// are kept in Extra (on Push and on each nested object) and written back
// verbatim, so no field the server or the user added is ever lost.
type Push struct {
	// Platform is the target platforms; empty means "all".
	Platform     Platform      `json:"platform"`
	Audience     *Audience     `json:"audience,omitempty"`
	Notification *Notification `json:"notification,omitempty"`
	Message      *Message      `json:"message,omitempty"`
	// LiveActivity, InAppMessage, Notification3rd and SMSMessage are kept
	// verbatim.
	LiveActivity    json.RawMessage `json:"live_activity,omitempty"`
	InAppMessage    json.RawMessage `json:"inapp_message,omitempty"`
	Notification3rd json.RawMessage `json:"notification_3rd,omitempty"`
	SMSMessage      json.RawMessage `json:"sms_message,omitempty"`
	Options         *Options        `json:"options,omitempty"`
	Callback        *Callback       `json:"callback,omitempty"`

	// Extra holds unknown top-level keys, preserved both ways.
	Extra map[string]json.RawMessage `json:"-"`
}

// Platform is "all" (when empty) or a list of "android", "ios", "quickapp",
// "hmos". A list naming every platform stays a list.
type Platform []string

// PlatformAll is the wire value for every platform.
const PlatformAll = "all"

// MarshalJSON encodes an empty Platform as "all".
func (p Platform) MarshalJSON() ([]byte, error) {
	if len(p) == 0 {
		return []byte(`"all"`), nil
	}
	return json.Marshal([]string(p))
}

// UnmarshalJSON accepts "all" (any case) or an array of strings.
func (p *Platform) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if !strings.EqualFold(s, PlatformAll) {
			return fmt.Errorf("platform: want \"all\" or an array, got %q", s)
		}
		*p = nil
		return nil
	}
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return fmt.Errorf("platform: %w", err)
	}
	*p = l
	return nil
}

// IsAll reports whether p means every platform ("all").
func (p Platform) IsAll() bool { return len(p) == 0 }

// Audience is "all" (All) or an object whose keys combine with AND.
type Audience struct {
	// All is the broadcast audience, encoded as "all"; the other fields
	// are ignored when it is set.
	All            bool          `json:"-"`
	Tag            []string      `json:"tag,omitempty"`
	TagAnd         []string      `json:"tag_and,omitempty"`
	TagNot         []string      `json:"tag_not,omitempty"`
	Alias          []string      `json:"alias,omitempty"`
	RegistrationID []string      `json:"registration_id,omitempty"`
	Segment        []string      `json:"segment,omitempty"`
	ABTest         []string      `json:"abtest,omitempty"`
	LiveActivityID string        `json:"live_activity_id,omitempty"`
	File           *AudienceFile `json:"file,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// AudienceFile targets the devices listed in an uploaded file.
type AudienceFile struct {
	FileID string `json:"file_id"`
}

// MarshalJSON encodes All as "all" and anything else as an object.
func (a *Audience) MarshalJSON() ([]byte, error) {
	if a.All {
		return []byte(`"all"`), nil
	}
	type alias Audience
	return marshalObject((*alias)(a), a.Extra)
}

// UnmarshalJSON accepts "all", {"all": true} or an audience object.
func (a *Audience) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if !strings.EqualFold(s, "all") {
			return fmt.Errorf("audience: want \"all\" or an object, got %q", s)
		}
		*a = Audience{All: true}
		return nil
	}
	type alias Audience
	var v alias
	if err := unmarshalObject(b, &v, &v.Extra); err != nil {
		return fmt.Errorf("audience: %w", err)
	}
	*a = Audience(v)
	if raw, ok := a.Extra["all"]; ok && bytes.Equal(bytes.TrimSpace(raw), []byte("true")) && len(a.Extra) == 1 && a.isEmptyObject() {
		*a = Audience{All: true}
	}
	return nil
}

func (a *Audience) isEmptyObject() bool {
	return len(a.Tag)+len(a.TagAnd)+len(a.TagNot)+len(a.Alias)+len(a.RegistrationID)+
		len(a.Segment)+len(a.ABTest) == 0 && a.LiveActivityID == "" && a.File == nil
}

// Flex is a JSON value kept verbatim, for fields JPush accepts in more than
// one shape: iOS alert and sound (string or object), iOS badge (string or
// number). The zero Flex is omitted.
type Flex json.RawMessage

// FlexString returns s as a JSON string value.
func FlexString(s string) Flex {
	b, _ := json.Marshal(s)
	return Flex(b)
}

// FlexOf marshals v into a Flex.
func FlexOf(v any) (Flex, error) {
	b, err := json.Marshal(v)
	return Flex(b), err
}

// String returns the value when it is a JSON string.
func (f Flex) String() (string, bool) {
	var s string
	if len(f) == 0 || f[0] != '"' || json.Unmarshal(f, &s) != nil {
		return "", false
	}
	return s, true
}

// IsObject reports whether the value is a JSON object.
func (f Flex) IsObject() bool {
	b := bytes.TrimSpace(f)
	return len(b) > 0 && b[0] == '{'
}

// MarshalJSON writes the value verbatim (null when empty).
func (f Flex) MarshalJSON() ([]byte, error) {
	if len(f) == 0 {
		return []byte("null"), nil
	}
	return f, nil
}

// UnmarshalJSON keeps a copy of b.
func (f *Flex) UnmarshalJSON(b []byte) error {
	*f = append((*f)[:0], b...)
	return nil
}

// Notification is the notification section (development/jpush-api.md §6.3).
type Notification struct {
	Alert          *string         `json:"alert,omitempty"`
	AlternateAlert string          `json:"alternate_alert,omitempty"`
	Android        *Android        `json:"android,omitempty"`
	IOS            *IOS            `json:"ios,omitempty"`
	HMOS           *HMOS           `json:"hmos,omitempty"`
	QuickApp       *QuickApp       `json:"quickapp,omitempty"`
	VoIP           json.RawMessage `json:"voip,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// Android is notification.android.
type Android struct {
	Alert             *string         `json:"alert,omitempty"`
	Title             string          `json:"title,omitempty"`
	BuilderID         *int            `json:"builder_id,omitempty"`
	ChannelID         string          `json:"channel_id,omitempty"`
	Category          string          `json:"category,omitempty"`
	Priority          *int            `json:"priority,omitempty"`
	Style             *int            `json:"style,omitempty"`
	AlertType         *int            `json:"alert_type,omitempty"`
	BigText           string          `json:"big_text,omitempty"`
	Inbox             json.RawMessage `json:"inbox,omitempty"`
	BigPicPath        string          `json:"big_pic_path,omitempty"`
	Extras            json.RawMessage `json:"extras,omitempty"`
	LargeIcon         string          `json:"large_icon,omitempty"`
	SmallIconURI      string          `json:"small_icon_uri,omitempty"`
	IconBgColor       string          `json:"icon_bg_color,omitempty"`
	Intent            *Intent         `json:"intent,omitempty"`
	URIActivity       string          `json:"uri_activity,omitempty"`
	URIAction         string          `json:"uri_action,omitempty"`
	BadgeAddNum       *int            `json:"badge_add_num,omitempty"`
	BadgeSetNum       *int            `json:"badge_set_num,omitempty"`
	BadgeClass        string          `json:"badge_class,omitempty"`
	Sound             string          `json:"sound,omitempty"`
	ShowBeginTime     string          `json:"show_begin_time,omitempty"`
	ShowEndTime       string          `json:"show_end_time,omitempty"`
	DisplayForeground string          `json:"display_foreground,omitempty"`
	CustomButtons     json.RawMessage `json:"custom_buttons,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// Intent is an {"url": "..."} intent.
type Intent struct {
	URL string `json:"url"`
}

// IOS is notification.ios. JSON names use JPush's dashed keys.
type IOS struct {
	// Alert is a string or an object (title, subtitle, body, ...).
	Alert Flex `json:"alert,omitempty"`
	// Sound is a string or {"critical":1,"name":"...","volume":0.5}.
	Sound Flex `json:"sound,omitempty"`
	// Badge is a string ("5", "+1", "-1") or a number.
	Badge             Flex            `json:"badge,omitempty"`
	ContentAvailable  *bool           `json:"content-available,omitempty"`
	MutableContent    *bool           `json:"mutable-content,omitempty"`
	Category          string          `json:"category,omitempty"`
	Extras            json.RawMessage `json:"extras,omitempty"`
	ThreadID          string          `json:"thread-id,omitempty"`
	InterruptionLevel string          `json:"interruption-level,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// HMOS is notification.hmos (HarmonyOS).
type HMOS struct {
	Alert             *string         `json:"alert,omitempty"`
	Title             string          `json:"title,omitempty"`
	Category          string          `json:"category,omitempty"`
	LargeIcon         string          `json:"large_icon,omitempty"`
	Intent            *Intent         `json:"intent,omitempty"`
	BadgeAddNum       *int            `json:"badge_add_num,omitempty"`
	BadgeSetNum       *int            `json:"badge_set_num,omitempty"`
	TestMessage       *bool           `json:"test_message,omitempty"`
	ReceiptID         string          `json:"receipt_id,omitempty"`
	Extras            json.RawMessage `json:"extras,omitempty"`
	Style             *int            `json:"style,omitempty"`
	Inbox             json.RawMessage `json:"inbox,omitempty"`
	PushType          *int            `json:"push_type,omitempty"`
	ExtraData         string          `json:"extra_data,omitempty"`
	DisplayForeground string          `json:"display_foreground,omitempty"`
	Sound             string          `json:"sound,omitempty"`
	SoundDuration     *int            `json:"sound_duration,omitempty"`
	HMPayload         json.RawMessage `json:"hm_payload,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// QuickApp is notification.quickapp.
type QuickApp struct {
	Alert  string          `json:"alert,omitempty"`
	Title  string          `json:"title,omitempty"`
	Page   string          `json:"page,omitempty"`
	Extras json.RawMessage `json:"extras,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// Message is the custom message (透传) section.
type Message struct {
	MsgContent       string          `json:"msg_content"`
	Title            string          `json:"title,omitempty"`
	ContentType      string          `json:"content_type,omitempty"`
	AlternateTitle   string          `json:"alternate_title,omitempty"`
	AlternateContent string          `json:"alternate_content,omitempty"`
	Extras           json.RawMessage `json:"extras,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// Options is the options section (development/jpush-api.md §6.5).
type Options struct {
	SendNo          *int64 `json:"sendno,omitempty"`
	TimeToLive      *int64 `json:"time_to_live,omitempty"`
	OverrideMsgID   *int64 `json:"override_msg_id,omitempty"`
	APNSProduction  *bool  `json:"apns_production,omitempty"`
	APNSCollapseID  string `json:"apns_collapse_id,omitempty"`
	BigPushDuration *int64 `json:"big_push_duration,omitempty"`
	// ThirdPartyChannel is the vendor-channel object keyed by vendor name
	// ("xiaomi", "huawei", ...), kept verbatim.
	ThirdPartyChannel        json.RawMessage `json:"third_party_channel,omitempty"`
	Classification           *int            `json:"classification,omitempty"`
	TargetEvent              []string        `json:"target_event,omitempty"`
	TestMessage              *bool           `json:"test_message,omitempty"`
	ReceiptID                string          `json:"receipt_id,omitempty"`
	ActivePush               *bool           `json:"active_push,omitempty"`
	NeedBackup               *bool           `json:"need_backup,omitempty"`
	BusinessOperationCode    string          `json:"business_operation_code,omitempty"`
	TestModel                *bool           `json:"test_model,omitempty"`
	AlternateSet             *bool           `json:"alternate_set,omitempty"`
	Geofence                 json.RawMessage `json:"geofence,omitempty"`
	PortalExtra              json.RawMessage `json:"portal_extra,omitempty"`
	Notification3rdVer       string          `json:"notification_3rd_ver,omitempty"`
	AutoTruncation           *bool           `json:"auto_truncation,omitempty"`
	MktEnable                *bool           `json:"mkt_enable,omitempty"`
	NotificationSwitchFilter *bool           `json:"notification_switch_filter,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// Callback is the per-push delivery callback (VIP).
type Callback struct {
	URL    string          `json:"url,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
	// Type is a bitmask: 1 delivered, 2 clicked, 4 not delivered, 8 sent.
	Type *int `json:"type,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// The Marshal/Unmarshal pairs below only add Extra handling; each goes
// through a method-less alias so the struct tags do the rest.

func (p *Push) MarshalJSON() ([]byte, error) {
	type alias Push
	return marshalObject((*alias)(p), p.Extra)
}

func (p *Push) UnmarshalJSON(b []byte) error {
	type alias Push
	return unmarshalObject(b, (*alias)(p), &p.Extra)
}

func (n *Notification) MarshalJSON() ([]byte, error) {
	type alias Notification
	return marshalObject((*alias)(n), n.Extra)
}

func (n *Notification) UnmarshalJSON(b []byte) error {
	type alias Notification
	return unmarshalObject(b, (*alias)(n), &n.Extra)
}

func (a *Android) MarshalJSON() ([]byte, error) {
	type alias Android
	return marshalObject((*alias)(a), a.Extra)
}

func (a *Android) UnmarshalJSON(b []byte) error {
	type alias Android
	return unmarshalObject(b, (*alias)(a), &a.Extra)
}

func (i *IOS) MarshalJSON() ([]byte, error) {
	type alias IOS
	return marshalObject((*alias)(i), i.Extra)
}

func (i *IOS) UnmarshalJSON(b []byte) error {
	type alias IOS
	return unmarshalObject(b, (*alias)(i), &i.Extra)
}

func (h *HMOS) MarshalJSON() ([]byte, error) {
	type alias HMOS
	return marshalObject((*alias)(h), h.Extra)
}

func (h *HMOS) UnmarshalJSON(b []byte) error {
	type alias HMOS
	return unmarshalObject(b, (*alias)(h), &h.Extra)
}

func (q *QuickApp) MarshalJSON() ([]byte, error) {
	type alias QuickApp
	return marshalObject((*alias)(q), q.Extra)
}

func (q *QuickApp) UnmarshalJSON(b []byte) error {
	type alias QuickApp
	return unmarshalObject(b, (*alias)(q), &q.Extra)
}

func (m *Message) MarshalJSON() ([]byte, error) {
	type alias Message
	return marshalObject((*alias)(m), m.Extra)
}

func (m *Message) UnmarshalJSON(b []byte) error {
	type alias Message
	return unmarshalObject(b, (*alias)(m), &m.Extra)
}

func (o *Options) MarshalJSON() ([]byte, error) {
	type alias Options
	return marshalObject((*alias)(o), o.Extra)
}

// UnmarshalJSON also accepts apns_production as the string "true" or
// "false", which the JPush documentation's own example sends.
func (o *Options) UnmarshalJSON(b []byte) error {
	type alias Options
	if bytes.Contains(b, []byte(`apns_production`)) {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err == nil {
			if v, ok := m["apns_production"]; ok {
				var s string
				if json.Unmarshal(v, &s) == nil && (s == "true" || s == "false") {
					m["apns_production"] = json.RawMessage(s)
					if nb, err := json.Marshal(m); err == nil {
						b = nb
					}
				}
			}
		}
	}
	return unmarshalObject(b, (*alias)(o), &o.Extra)
}

func (c *Callback) MarshalJSON() ([]byte, error) {
	type alias Callback
	return marshalObject((*alias)(c), c.Extra)
}

func (c *Callback) UnmarshalJSON(b []byte) error {
	type alias Callback
	return unmarshalObject(b, (*alias)(c), &c.Extra)
}

// EncodePush marshals p into the wire form of a schedule's push.
func EncodePush(p *Push) (json.RawMessage, error) {
	if p == nil {
		return nil, errors.New("jpush: nil push")
	}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("jpush: encode push: %w", err)
	}
	return b, nil
}

// DecodePush parses the wire form of a push. Unknown keys land in the
// Extra maps, so EncodePush(DecodePush(raw)) is equivalent to raw.
func DecodePush(raw json.RawMessage) (*Push, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, errors.New("jpush: decode push: not a JSON object")
	}
	var p Push
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("jpush: decode push: %w", err)
	}
	return &p, nil
}

// marshalObject marshals v (a pointer to a method-less struct) and appends
// the extra keys that v's struct does not own, in sorted order.
func marshalObject(v any, extra map[string]json.RawMessage) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	known := knownKeys(reflect.TypeOf(v).Elem())
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if _, ok := known[k]; !ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return b, nil
	}
	sort.Strings(keys)
	var buf bytes.Buffer
	buf.Grow(len(b) + 32*len(keys))
	buf.Write(b[:len(b)-1]) // drop the closing brace
	first := len(b) == 2    // "{}"
	for _, k := range keys {
		val := extra[k]
		if len(val) == 0 {
			val = json.RawMessage("null")
		}
		if !json.Valid(val) {
			return nil, fmt.Errorf("extra key %q: invalid JSON value", k)
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(val)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// unmarshalObject decodes b into v (a pointer to a method-less struct) and
// collects the keys v's struct does not own into *extra.
func unmarshalObject(b []byte, v any, extra *map[string]json.RawMessage) error {
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	known := knownKeys(reflect.TypeOf(v).Elem())
	var ex map[string]json.RawMessage
	folded := false
	for k, val := range m {
		if _, ok := known[k]; !ok {
			if ex == nil {
				ex = make(map[string]json.RawMessage)
			}
			ex[k] = val
			folded = folded || foldsToKnown(k, known)
		}
	}
	if folded {
		// encoding/json matches keys case-insensitively, so "Alert" has
		// been decoded into the alert field. Redo the decode with the
		// exact keys only; the odd-cased key stays in Extra.
		exact := make(map[string]json.RawMessage, len(m))
		for k, val := range m {
			if _, ok := known[k]; ok {
				exact[k] = val
			}
		}
		eb, err := json.Marshal(exact)
		if err != nil {
			return err
		}
		reflect.ValueOf(v).Elem().SetZero()
		if err := json.Unmarshal(eb, v); err != nil {
			return err
		}
	}
	*extra = ex
	return nil
}

func foldsToKnown(k string, known map[string]struct{}) bool {
	for n := range known {
		if strings.EqualFold(k, n) {
			return true
		}
	}
	return false
}

var knownKeysCache sync.Map // reflect.Type -> map[string]struct{}

// knownKeys returns the JSON names of t's exported, tagged fields.
func knownKeys(t reflect.Type) map[string]struct{} {
	if v, ok := knownKeysCache.Load(t); ok {
		return v.(map[string]struct{})
	}
	m := make(map[string]struct{}, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		m[name] = struct{}{}
	}
	knownKeysCache.Store(t, m)
	return m
}
