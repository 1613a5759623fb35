package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// ---- provider block ----

// checkEndpoint accepts an absolute https URL, or http to a loopback host.
func checkEndpoint(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("not a URL: %w", err)
	}
	if u.Host == "" || u.Hostname() == "" {
		return errors.New("must be an absolute URL such as https://api.jpush.cn")
	}
	if u.User != nil {
		return errors.New("must not contain credentials; use app_key and master_secret")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return errors.New("must not have a query or fragment")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("plain http is only allowed to a loopback host (127.0.0.0/8, ::1, localhost), not %q; use https", u.Hostname())
	default:
		return fmt.Errorf("scheme must be https (or http to a loopback host), not %q", u.Scheme)
	}
}

func isLoopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

type endpointValidator struct{}

func (endpointValidator) Description(context.Context) string {
	return "an https URL, or http to a loopback host"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if err := checkEndpoint(req.ConfigValue.ValueString()); err != nil {
		attrError(&resp.Diagnostics, req.Path, "Invalid JPush endpoint",
			fmt.Sprintf("%q: %s.", req.ConfigValue.ValueString(), err))
	}
}

type timeZoneValidator struct{}

func (timeZoneValidator) Description(context.Context) string { return "an IANA time zone name" }
func (v timeZoneValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (timeZoneValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	s := req.ConfigValue.ValueString()
	if s == "" || strings.EqualFold(s, "local") {
		attrError(&resp.Diagnostics, req.Path, "Invalid time zone",
			fmt.Sprintf("%q is not allowed: name an IANA zone such as Asia/Shanghai or UTC.", s))
		return
	}
	if _, err := client.LoadLocation(s); err != nil {
		attrError(&resp.Diagnostics, req.Path, "Invalid time zone",
			fmt.Sprintf("%q is not an IANA time zone name (such as Asia/Shanghai): %s.", s, err))
	}
}

func parseDuration(s string, lo, hi time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a Go duration such as \"30s\" or \"2m\"", s)
	}
	if d < lo || d > hi {
		return 0, fmt.Errorf("%q is out of range: must be between %s and %s", s, lo, hi)
	}
	return d, nil
}

type durationValidator struct{ min, max time.Duration }

func (v durationValidator) Description(context.Context) string {
	return fmt.Sprintf("a Go duration between %s and %s", v.min, v.max)
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if _, err := parseDuration(req.ConfigValue.ValueString(), v.min, v.max); err != nil {
		attrError(&resp.Diagnostics, req.Path, "Invalid duration", err.Error()+".")
	}
}

// ---- schedule attributes ----

// checkScheduleName applies JPush's name rules: 1..255 bytes; Chinese
// characters, ASCII letters, digits and underscore only.
func checkScheduleName(s string) error {
	if s == "" {
		return errors.New("must not be empty")
	}
	if len(s) > 255 {
		return fmt.Errorf("is %d bytes long; JPush allows at most 255 bytes (a Chinese character takes 3)", len(s))
	}
	if !utf8.ValidString(s) {
		return errors.New("is not valid UTF-8")
	}
	for _, r := range s {
		if r == '_' || (r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')) ||
			unicode.Is(unicode.Han, r) {
			continue
		}
		return fmt.Errorf("contains %q; JPush allows only Chinese characters, ASCII letters, digits and underscore", r)
	}
	return nil
}

type scheduleNameValidator struct{}

func (scheduleNameValidator) Description(context.Context) string {
	return "1..255 bytes of Chinese characters, letters, digits and underscore"
}

func (v scheduleNameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (scheduleNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if err := checkScheduleName(req.ConfigValue.ValueString()); err != nil {
		attrError(&resp.Diagnostics, req.Path, "Invalid schedule name",
			fmt.Sprintf("The name %q %s.", req.ConfigValue.ValueString(), err))
	}
}

// timeStringValidator checks the format of a schedule time (RFC 3339 with an
// offset, or YYYY-MM-DD HH:MM:SS). The instant itself is checked at plan time
// by the resource, in the provider's zone.
type timeStringValidator struct{}

func (timeStringValidator) Description(context.Context) string {
	return "RFC 3339 with an offset, or YYYY-MM-DD HH:MM:SS"
}

func (v timeStringValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (timeStringValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if _, err := client.ParseTime(req.ConfigValue.ValueString(), time.UTC); err != nil {
		attrError(&resp.Diagnostics, req.Path, "Invalid time",
			fmt.Sprintf("%q is not a valid time: write RFC 3339 with an offset (2027-01-01T09:00:00+08:00) or "+
				"YYYY-MM-DD HH:MM:SS (2027-01-01 09:00:00, read in the provider's time_zone). %s",
				req.ConfigValue.ValueString(), err))
	}
}

type clockValidator struct{}

func (clockValidator) Description(context.Context) string { return "a time of day HH:MM:SS" }
func (v clockValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (clockValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if _, err := client.ParseClock(req.ConfigValue.ValueString()); err != nil {
		attrError(&resp.Diagnostics, req.Path, "Invalid time of day",
			fmt.Sprintf("%q is not a time of day: write HH:MM:SS, 24-hour and zero-padded, e.g. 08:30:00.",
				req.ConfigValue.ValueString()))
	}
}

// tagRE is the JPush tag/alias charset: letters, digits, _, CJK and @!#$&*+=.|￥.
var tagRE = regexp.MustCompile(`^[\p{L}\p{N}_\p{Han}@!#$&*+=.|￥]+$`)

func checkTag(s string) error {
	switch {
	case s == "":
		return errors.New("must not be empty")
	case len(s) > 40:
		return fmt.Errorf("is %d bytes long; at most 40 bytes are allowed", len(s))
	case !tagRE.MatchString(s):
		return errors.New("may only contain letters, digits, _, Chinese characters and @!#$&*+=.|￥")
	}
	return nil
}

type tagValidator struct{}

func (tagValidator) Description(context.Context) string {
	return "1..40 bytes of letters, digits, _, Chinese characters and @!#$&*+=.|￥"
}
func (v tagValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }
func (tagValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if err := checkTag(req.ConfigValue.ValueString()); err != nil {
		attrError(&resp.Diagnostics, req.Path, "Invalid tag or alias",
			fmt.Sprintf("%q %s.", req.ConfigValue.ValueString(), err))
	}
}

var badgeRE = regexp.MustCompile(`^$|^[+-]?(\d|[1-9]\d)$`)

type badgeValidator struct{}

func (badgeValidator) Description(context.Context) string { return "N, +N or -N with N in 0..99" }

func (v badgeValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (badgeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if !badgeRE.MatchString(req.ConfigValue.ValueString()) {
		attrError(&resp.Diagnostics, req.Path, "Invalid iOS badge",
			fmt.Sprintf("%q: write N to set, +N or -N to change (N 0..99), or \"0\" to clear.", req.ConfigValue.ValueString()))
	}
}

// checkPoints applies the point rules of a time_unit (case-insensitive).
// Each problem is returned with the index of the element it concerns (-1
// for the list as a whole).
func checkPoints(unit string, points []string) (int, error) {
	switch strings.ToLower(unit) {
	case "day":
		if len(points) > 0 {
			return -1, errors.New("must be omitted when time_unit is \"day\"")
		}
	case "week":
		if len(points) == 0 {
			return -1, errors.New("is required when time_unit is \"week\": one or more of MON TUE WED THU FRI SAT SUN")
		}
		seen := map[string]bool{}
		for i, p := range points {
			u := strings.ToUpper(p)
			if _, ok := weekdayOf[u]; !ok {
				return i, fmt.Errorf("%q is not a week day: use MON TUE WED THU FRI SAT SUN (any case)", p)
			}
			if seen[u] {
				return i, fmt.Errorf("%q is listed twice", p)
			}
			seen[u] = true
		}
	case "month":
		if len(points) == 0 {
			return -1, errors.New("is required when time_unit is \"month\": one or more days of the month \"01\"..\"31\"")
		}
		seen := map[string]bool{}
		for i, p := range points {
			if !monthDayRE.MatchString(p) {
				return i, fmt.Errorf("%q is not a day of the month: use two digits \"01\"..\"31\"", p)
			}
			if seen[p] {
				return i, fmt.Errorf("%q is listed twice", p)
			}
			seen[p] = true
		}
	}
	return 0, nil
}

var monthDayRE = regexp.MustCompile(`^(0[1-9]|[12]\d|3[01])$`)

var weekdayOf = map[string]time.Weekday{
	"SUN": time.Sunday, "MON": time.Monday, "TUE": time.Tuesday, "WED": time.Wednesday,
	"THU": time.Thursday, "FRI": time.Friday, "SAT": time.Saturday,
}

// ---- push_json ----

// checkPushJSON checks that s is a JSON object with the keys a push needs.
func checkPushJSON(s string) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil || m == nil {
		return errors.New("is not a JSON object; build it with jsonencode({ ... })")
	}
	for _, k := range []string{"platform", "audience"} {
		if _, ok := m[k]; !ok {
			return fmt.Errorf("has no %q key; a push needs platform, audience and a notification or message", k)
		}
	}
	_, n := m["notification"]
	_, msg := m["message"]
	if !n && !msg {
		return errors.New("has neither \"notification\" nor \"message\"; a push needs at least one")
	}
	if _, err := client.DecodePush(json.RawMessage(s)); err != nil {
		return fmt.Errorf("is not a valid push: %w", err)
	}
	return nil
}

type pushJSONValidator struct{}

func (pushJSONValidator) Description(context.Context) string {
	return "a JSON object holding a Push API v3 payload"
}

func (v pushJSONValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (pushJSONValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if err := checkPushJSON(req.ConfigValue.ValueString()); err != nil {
		attrError(&resp.Diagnostics, req.Path, "Invalid push_json", "The value "+err.Error()+".")
	}
}

// namedList runs a list validator and names the attribute path in the
// detail of each error that lacks it (listvalidator.UniqueValues says only
// "This attribute contains duplicate values", and Terraform shows just the
// resource block for a nested attribute).
type namedList struct{ validator.List }

func (v namedList) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	var inner validator.ListResponse
	v.List.ValidateList(ctx, req, &inner)
	for _, d := range inner.Diagnostics {
		if d.Severity() == diag.SeverityError && !strings.Contains(d.Detail(), req.Path.String()) {
			attrError(&resp.Diagnostics, req.Path, d.Summary(), d.Detail())
			continue
		}
		resp.Diagnostics.Append(d)
	}
}

// known reports whether v is neither null nor unknown.
func known(v interface {
	IsNull() bool
	IsUnknown() bool
},
) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// attrError adds an attribute error whose text also names the attribute,
// since Terraform only shows the resource block for nested attributes.
func attrError(diags *diag.Diagnostics, p path.Path, summary, detail string) {
	diags.AddAttributeError(p, summary, p.String()+": "+detail)
}
