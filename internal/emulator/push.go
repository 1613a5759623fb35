package emulator

import "github.com/jpushtf/terraform-provider-jpush/internal/rules"

// Push API v3 payload validation (development/jpush-api.md §6) lives in the rules
// package, shared with the provider's plan-time checks.

// fromRule turns a rules violation into the emulator's validation error.
func fromRule(v *rules.Violation) *vErr {
	if v == nil {
		return nil
	}
	return &vErr{code: v.Code, msg: v.Msg}
}

// validatePush checks a push payload and returns the stored form (inner cid dropped).
func validatePush(v any) (map[string]any, *vErr) {
	out, err := rules.Push(v)
	return out, fromRule(err)
}

// validateAudience checks an audience (development/jpush-api.md §6.2) and reports which kinds are used.
func validateAudience(path string, v any) (*rules.AudienceKind, *vErr) {
	ak, err := rules.Audience(path, v)
	return ak, fromRule(err)
}

func validateOptions(p string, v any) *vErr { return fromRule(rules.Options(p, v)) }

func optObject(path string, m map[string]any, key string) *vErr {
	return fromRule(rules.OptionalObject(path, m, key))
}
