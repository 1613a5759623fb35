package framework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// HasCredentials reports whether an endpoint URL carries user info
// (user:password@ before the host).
func HasCredentials(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.User != nil
}

// CheckEndpoint accepts an absolute https URL, or http to a loopback host.
// Its errors never quote the URL (see quoteEndpoint).
func CheckEndpoint(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		// url.Parse's error quotes the URL whole, credentials included.
		return errors.New("is not a URL; write it like https://api.jpush.cn")
	}
	if u.User != nil {
		return errors.New("must not contain credentials (user:password@ before the host); " +
			"remove them, and give the app's credentials as app_key and master_secret")
	}
	if u.Host == "" || u.Hostname() == "" {
		return errors.New("must be an absolute URL such as https://api.jpush.cn")
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

// QuoteEndpoint quotes an endpoint for an error message, or says only
// "The endpoint" when it may hold credentials (anything before an @), which
// must never reach an error, a log or the state.
func QuoteEndpoint(s string) string {
	if u, err := url.Parse(s); err != nil || u.User != nil || strings.Contains(s, "@") {
		return "The endpoint"
	}
	return fmt.Sprintf("%q", s)
}

func isLoopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// StringRule is a string validator made of one rule: detail says why a value
// breaks it, or returns "" for a value that keeps it. Every custom string
// rule of the provider's schemas is one of these; the error names the
// attribute.
type StringRule struct {
	desc    string // what a valid value is
	summary string // the diagnostic's summary
	detail  func(string) string
}

func (r StringRule) Description(context.Context) string { return r.desc }

func (r StringRule) MarkdownDescription(context.Context) string { return r.desc }

func (r StringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !Known(req.ConfigValue) {
		return
	}
	if d := r.detail(req.ConfigValue.ValueString()); d != "" {
		AttrError(&resp.Diagnostics, req.Path, r.summary, d)
	}
}

// EndpointValidator checks the provider's endpoint (CheckEndpoint). An
// endpoint with credentials in it is left to the provider's Configure,
// which refuses it without an attribute path: Terraform prints the source
// line of an attribute's error, and with it the password.
func EndpointValidator() StringRule {
	return StringRule{"an https URL, or http to a loopback host", "Invalid JPush endpoint", func(s string) string {
		if HasCredentials(s) {
			return ""
		}
		if err := CheckEndpoint(s); err != nil {
			return fmt.Sprintf("%s %s.", QuoteEndpoint(s), err)
		}
		return ""
	}}
}

// TimeZoneValidator checks an IANA time zone name.
func TimeZoneValidator() StringRule {
	return StringRule{"an IANA time zone name", "Invalid time zone", client.TimeZoneProblem}
}

// ParseDuration parses a Go duration string within [lo, hi].
func ParseDuration(s string, lo, hi time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a Go duration such as \"30s\" or \"2m\"", s)
	}
	if d < lo || d > hi {
		return 0, fmt.Errorf("%q is out of range: must be between %s and %s", s, lo, hi)
	}
	return d, nil
}

// DurationValidator checks a Go duration string within [lo, hi].
func DurationValidator(lo, hi time.Duration) StringRule {
	return StringRule{fmt.Sprintf("a Go duration between %s and %s", lo, hi), "Invalid duration", func(s string) string {
		if _, err := ParseDuration(s, lo, hi); err != nil {
			return err.Error() + "."
		}
		return ""
	}}
}

// checkScheduleName applies JPush's name rules (rules.Name, strict).
func checkScheduleName(s string) error { return rules.Name(s, true) }

// ScheduleNameValidator checks a schedule name with JPush's rule (rules.Name).
func ScheduleNameValidator() StringRule {
	return StringRule{"1..255 bytes of Chinese characters, letters, digits and underscore", "Invalid schedule name", func(s string) string {
		if err := checkScheduleName(s); err != nil {
			return fmt.Sprintf("The name %q %s.", s, err)
		}
		return ""
	}}
}

// TimeStringValidator checks the format of a schedule time (RFC 3339 with an
// offset, or YYYY-MM-DD HH:MM:SS, in whole seconds). The instant itself is
// checked at plan time by the resource, in the provider's zone.
func TimeStringValidator() StringRule {
	return StringRule{"RFC 3339 with an offset, or YYYY-MM-DD HH:MM:SS", "Invalid time", client.TimeFormatProblem}
}

// ClockValidator checks a time of day, HH:MM:SS.
func ClockValidator() StringRule {
	return StringRule{"a time of day HH:MM:SS", "Invalid time of day", client.ClockFormatProblem}
}

// checkTag applies JPush's tag and alias rules (rules.Tag).
func checkTag(s string) error { return rules.Tag(s) }

// TagValidator checks a tag or alias with JPush's rule (rules.Tag).
func TagValidator() StringRule {
	return StringRule{"1..40 bytes of " + rules.TagChars, "Invalid tag or alias", func(s string) string {
		if err := checkTag(s); err != nil {
			return fmt.Sprintf("%q %s.", s, err)
		}
		return ""
	}}
}

// PlatformValidator accepts one platform name; "all" is JPush's spelling
// of every platform, which the typed push writes by omitting platform.
func PlatformValidator() StringRule {
	return StringRule{"one of " + strings.Join(rules.Platforms, ", "), "Invalid platform", func(s string) string {
		if strings.EqualFold(s, "all") {
			return `"all" is not a platform name: omit platform to push to every platform.`
		}
		if rules.IsPlatform(s) {
			return ""
		}
		return fmt.Sprintf("%q is not a platform: use %s, or omit platform for all of them.", s, strings.Join(rules.Platforms, ", "))
	}}
}

// BadgeValidator checks the string form of notification.ios.badge with
// JPush's rule (rules.IOSBadge).
func BadgeValidator() StringRule {
	return StringRule{"N, +N or -N with N in 0..99", "Invalid iOS badge", func(s string) string {
		if !rules.IOSBadge(s) {
			return fmt.Sprintf("%q: write N to set, +N or -N to change (N 0..99), or \"0\" to clear.", s)
		}
		return ""
	}}
}

// checkPushJSON checks that s is a push JPush accepts: the shared push
// rules (rules.Push) on its decoded form, the same rules the typed push
// gets. The error starts with the JSON path inside push_json.
func checkPushJSON(s string) error {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return errors.New("not a JSON object; build it with jsonencode({ ... })")
	}
	if _, ok := v.(map[string]any); !ok {
		return errors.New("not a JSON object; build it with jsonencode({ ... })")
	}
	if _, verr := rules.Push(v); verr != nil {
		return errors.New(jsonPathReason(verr))
	}
	if _, err := client.DecodePush(json.RawMessage(s)); err != nil {
		return fmt.Errorf("not a valid push: %w", err)
	}
	return nil
}

// jsonPathReason writes a violation as "<path inside the push>: <reason>".
func jsonPathReason(v *rules.Violation) string {
	reason := v.Reason()
	if v.Code == 1005 {
		reason = v.Msg + " (JPush error 1005); shorten the text or extras"
	}
	p := strings.TrimPrefix(strings.TrimPrefix(v.Path, "push"), ".")
	if p == "" {
		return reason
	}
	return p + ": " + reason
}

// PushJSONValidator checks push_json with JPush's rules for the payload
// (rules.Push), naming the JSON path of the first problem.
func PushJSONValidator() StringRule {
	return StringRule{"a JSON object holding a Push API v3 payload", "Invalid push_json", func(s string) string {
		if err := checkPushJSON(s); err != nil {
			return err.Error() + "."
		}
		return ""
	}}
}

// NamedList runs a list validator and names the attribute path in the
// detail of each error that lacks it (listvalidator.UniqueValues says only
// "This attribute contains duplicate values", and Terraform shows just the
// resource block for a nested attribute).
type NamedList struct{ validator.List }

func (v NamedList) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	var inner validator.ListResponse
	v.List.ValidateList(ctx, req, &inner)
	for _, d := range inner.Diagnostics {
		if d.Severity() == diag.SeverityError && !strings.Contains(d.Detail(), req.Path.String()) {
			AttrError(&resp.Diagnostics, req.Path, d.Summary(), d.Detail())
			continue
		}
		resp.Diagnostics.Append(d)
	}
}

// PushJSONKeysValidator warns about each key inside push_json that JPush's
// documents do not list for its object (rules.UnknownPushKeys), with the
// nearest documented key when there is one. A warning, not an error: JPush
// may add fields before the provider knows them. Keys at the top level are
// PushJSONValidator's (JPush refuses those).
func PushJSONKeysValidator() validator.String { return pushJSONKeys{} }

type pushJSONKeys struct{}

func (pushJSONKeys) Description(context.Context) string {
	return "warns about keys JPush does not document inside the payload"
}

func (v pushJSONKeys) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (pushJSONKeys) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !Known(req.ConfigValue) {
		return
	}
	var m map[string]any
	if json.Unmarshal([]byte(req.ConfigValue.ValueString()), &m) != nil {
		return // PushJSONValidator says what is wrong
	}
	unknown := rules.UnknownPushKeys(m)
	if len(unknown) == 0 {
		return
	}
	var lines []string
	for _, k := range unknown {
		line := "  " + k.Path
		if k.Suggestion != "" {
			line += fmt.Sprintf(": did you mean %s?", k.Suggestion)
		}
		lines = append(lines, line)
	}
	resp.Diagnostics.AddAttributeWarning(req.Path, "Unknown keys in push_json",
		"push_json holds keys JPush does not document where they are:\n\n"+strings.Join(lines, "\n")+
			"\n\nJPush ignores keys it does not know, so these values would not take effect. This is a warning, "+
			"not an error, because JPush may add keys before this provider knows them.")
}

// TimeUnitValidator checks a periodical trigger's time_unit, in the words
// of client.TimeUnitProblem (which the functions use too).
func TimeUnitValidator() StringRule {
	return StringRule{"day, week or month (any case)", "Invalid time unit", client.TimeUnitProblem}
}

// OneOf accepts one of values, case-sensitive; what names such a value in
// the message ("trigger kind").
func OneOf(what string, values ...string) StringRule {
	list := strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
	return StringRule{"one of " + list, "Invalid " + what, func(s string) string {
		if slices.Contains(values, s) {
			return ""
		}
		return fmt.Sprintf("%q is not a %s: use %s.", s, what, list)
	}}
}

// IntRule checks an integer with check, whose error ("is 0; it must be
// between 1 and 100") follows the attribute's path in the message, as the
// functions word the same rules.
func IntRule(desc string, check func(int64) error) validator.Int64 {
	return intRule{desc: desc, check: check}
}

// IntBetween accepts an integer from lo to hi.
func IntBetween(lo, hi int64) validator.Int64 {
	return IntRule(fmt.Sprintf("from %d to %d", lo, hi), func(v int64) error {
		if v < lo || v > hi {
			return fmt.Errorf("is %d; it must be between %d and %d", v, lo, hi)
		}
		return nil
	})
}

type intRule struct {
	desc  string
	check func(int64) error
}

func (r intRule) Description(context.Context) string { return r.desc }

func (r intRule) MarkdownDescription(ctx context.Context) string { return r.Description(ctx) }

func (r intRule) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if !Known(req.ConfigValue) {
		return
	}
	if err := r.check(req.ConfigValue.ValueInt64()); err != nil {
		AttrError(&resp.Diagnostics, req.Path, "Value out of range", err.Error()+".")
	}
}
