package push

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// pushObjectValidator checks the rules of the typed push that involve more
// than one attribute: audience shape, notification or message present,
// required alerts. It runs only on fully known values.
type pushObjectValidator struct{}

func (pushObjectValidator) Description(context.Context) string {
	return "a complete Push API v3 payload"
}

func (v pushObjectValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (pushObjectValidator) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if !framework.Known(req.ConfigValue) || !FullyKnown(ctx, req.ConfigValue) {
		return
	}
	m, diags := ModelFrom(ctx, req.ConfigValue)
	if diags.HasError() || m == nil {
		return
	}
	problems := m.Problems()
	for _, p := range problems {
		framework.AttrError(&resp.Diagnostics, AtNames(req.Path, p.Path...), p.Summary, p.Detail)
	}
	if len(problems) == 0 {
		sharedPushRules(m, req.Path, &resp.Diagnostics)
	}
}

// sharedPushRules runs JPush's push rules (rules.Push, the emulator's own)
// on the wire form the typed push is sent as, so that the typed push and
// push_json get the same checks, payload sizes included. A violation on an
// attribute that has validators of its own is left to them: they run only
// once this object validator passes, and their messages speak the typed
// schema's language (e.g. "omit platform" rather than "all").
func sharedPushRules(m *Model, at path.Path, diags *diag.Diagnostics) {
	raw, err := m.Encode()
	if err != nil {
		return // reported by the apply, which encodes it the same way
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return
	}
	_, verr := rules.Push(v)
	if verr == nil {
		return
	}
	p, attr, whole := typedPathOf(at, verr.Path)
	if whole && hasOwnValidators(attr) {
		return
	}
	detail := verr.Msg
	if whole {
		detail = verr.Reason()
	}
	summary := "Invalid push"
	if verr.Code == 1005 {
		summary = "Message body too large"
		detail += " (JPush error 1005); shorten the text or extras"
	}
	framework.AttrError(diags, p, summary, detail+".")
}

// hasOwnValidators reports whether a typed push attribute validates its
// own value.
func hasOwnValidators(a schema.Attribute) bool {
	switch a := a.(type) {
	case schema.StringAttribute:
		return len(a.Validators) > 0
	case schema.ListAttribute:
		return len(a.Validators) > 0
	case schema.Int64Attribute:
		return len(a.Validators) > 0
	}
	return false
}

// typedPathOf maps a JSON path of the wire push ("push.audience.tag[3]")
// to the typed push attribute under at, and returns that attribute. whole
// is false when the path goes deeper than the typed schema (the path then
// names the nearest attribute).
func typedPathOf(at path.Path, jsonPath string) (path.Path, schema.Attribute, bool) {
	attrs := SchemaAttribute().Attributes
	rest := strings.TrimPrefix(strings.TrimPrefix(jsonPath, "push"), ".")
	var last schema.Attribute
	if rest == "" {
		return at, nil, true
	}
	for _, seg := range strings.Split(rest, ".") {
		name, idx := splitIndex(seg)
		name = strings.ReplaceAll(name, "-", "_")
		a, ok := attrs[name]
		if !ok {
			return at, last, false
		}
		at, last, attrs = at.AtName(name), a, nil
		switch a := a.(type) {
		case schema.SingleNestedAttribute:
			attrs = a.Attributes
		case schema.ListAttribute:
			if idx >= 0 {
				at = at.AtListIndex(idx)
			}
		}
	}
	return at, last, true
}

// splitIndex splits "tag[3]" into "tag" and 3 (-1 without an index).
func splitIndex(seg string) (string, int) {
	name, idx, ok := strings.Cut(seg, "[")
	if !ok {
		return seg, -1
	}
	i, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
	if err != nil {
		return name, -1
	}
	return name, i
}

// Problem is one cross-field problem of a typed push, at its path.
type Problem struct {
	Path            []string
	Summary, Detail string
}

// AtNames extends p with nested attribute names.
func AtNames(p path.Path, names ...string) path.Path {
	for _, n := range names {
		p = p.AtName(n)
	}
	return p
}

// Problems lists the cross-attribute rule violations of a push.
func (m *Model) Problems() []Problem {
	var out []Problem
	add := func(summary, detail string, p ...string) {
		out = append(out, Problem{Path: p, Summary: summary, Detail: detail})
	}
	if a := m.Audience; a != nil {
		keys := a.setKeys()
		all := a.All != nil && *a.All
		switch {
		case all && len(keys) > 0:
			add("Invalid audience", fmt.Sprintf("all = true is a broadcast and cannot be combined with %s.", strings.Join(keys, ", ")), "audience", "all")
		case !all && len(keys) == 0:
			add("Empty audience", "Set all = true for a broadcast, or at least one of tag, tag_and, tag_not, alias, registration_id, segment, abtest, live_activity_id, file.", "audience")
		case a.LiveActivityID != nil && len(keys) > 1:
			add("Invalid audience", "live_activity_id cannot be combined with other audience keys ("+strings.Join(keys, ", ")+").", "audience", "live_activity_id")
		}
	}
	if m.Notification == nil && m.Message == nil {
		add("Push has no content", "Set notification, message, or both: JPush needs at least one.", "notification")
	}
	if n := m.Notification; n != nil {
		if n.Alert == nil && n.Android == nil && n.IOS == nil && n.HMOS == nil && n.QuickApp == nil {
			add("Empty notification", "Set notification.alert or at least one platform section (android, ios, hmos, quickapp).", "notification", "alert")
		}
		if h := n.HMOS; h != nil {
			alert := h.Alert
			if alert == nil {
				alert = n.Alert
			}
			if alert == nil || *alert == "" {
				add("HarmonyOS notification without text", "HarmonyOS requires a non-empty alert: set notification.hmos.alert or notification.alert.", "notification", "hmos", "alert")
			}
		}
		if a := n.Android; a != nil && (a.Alert == nil || *a.Alert == "") && (n.Alert == nil || *n.Alert == "") {
			add("Android notification without text", "Set notification.android.alert or notification.alert.", "notification", "android", "alert")
		}
		if a := n.Android; a != nil && a.BadgeAddNum != nil && a.BadgeSetNum != nil {
			add("Conflicting badge settings", "Set at most one of badge_add_num and badge_set_num.", "notification", "android", "badge_set_num")
		}
		if h := n.HMOS; h != nil && h.BadgeAddNum != nil && h.BadgeSetNum != nil {
			add("Conflicting badge settings", "Set at most one of badge_add_num and badge_set_num.", "notification", "hmos", "badge_set_num")
		}
		if q := n.QuickApp; q != nil {
			for k, v := range map[string]string{"alert": q.Alert, "title": q.Title, "page": q.Page} {
				if v == "" {
					add("Incomplete quick app notification", "notification.quickapp."+k+" must not be empty.", "notification", "quickapp", k)
				}
			}
		}
	}
	if o := m.Options; o != nil && framework.Known(o.ThirdPartyChannel) {
		s := strings.TrimSpace(o.ThirdPartyChannel.ValueString())
		if !strings.HasPrefix(s, "{") {
			add("Invalid third_party_channel", "third_party_channel must be a JSON object keyed by vendor (xiaomi, huawei, ...).", "options", "third_party_channel")
		}
	}
	return out
}

func (a *AudienceModel) setKeys() []string {
	var keys []string
	for _, kv := range []struct {
		k   string
		set bool
	}{
		{"tag", a.Tag != nil},
		{"tag_and", a.TagAnd != nil},
		{"tag_not", a.TagNot != nil},
		{"alias", a.Alias != nil},
		{"registration_id", a.RegistrationID != nil},
		{"segment", a.Segment != nil},
		{"abtest", a.ABTest != nil},
		{"live_activity_id", a.LiveActivityID != nil},
		{"file", a.File != nil},
	} {
		if kv.set {
			keys = append(keys, kv.k)
		}
	}
	return keys
}
