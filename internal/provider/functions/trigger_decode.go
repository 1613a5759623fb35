package functions

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// A trigger argument is the trigger object of jpush_schedule and
// jpush_template_schedule, as written there or read from one of them
// (where the kind not used is null, as is an omitted point). Function
// parameters cannot have optional object attributes, so it is a dynamic
// value, decoded here strictly: a key the resources do not have, a value
// of the wrong type, or both kinds or neither, is an error naming the
// attribute.

var (
	triggerKeys    = []string{"single", "periodical"}
	singleKeys     = []string{"time"}
	periodicalKeys = []string{"start", "end", "time", "time_unit", "frequency", "point"}
)

// errUnknown reports a trigger with an unknown part: the result is unknown.
var errUnknown = errors.New("unknown")

// decodeTrigger reads a trigger argument into its wire shape, with times
// and letter case as written. It returns errUnknown when a part of it is
// unknown.
func decodeTrigger(v attr.Value) (client.Trigger, error) {
	var t client.Trigger
	m, err := fields("trigger", v, triggerKeys)
	if err != nil {
		return t, err
	}
	if s, ok := present(m, "single"); ok {
		sm, err := fields("trigger.single", s, singleKeys)
		if err != nil {
			return t, err
		}
		at, err := requiredString("trigger.single", sm, "time")
		if err != nil {
			return t, err
		}
		t.Single = &client.SingleTrigger{Time: at}
	}
	if p, ok := present(m, "periodical"); ok {
		pt, err := decodePeriodical(p)
		if err != nil {
			return t, err
		}
		t.Periodical = pt
	}
	return t, nil
}

func decodePeriodical(v attr.Value) (*client.PeriodicalTrigger, error) {
	const path = "trigger.periodical"
	m, err := fields(path, v, periodicalKeys)
	if err != nil {
		return nil, err
	}
	var p client.PeriodicalTrigger
	for _, f := range []struct {
		key string
		dst *string
	}{{"start", &p.Start}, {"end", &p.End}, {"time", &p.Time}, {"time_unit", &p.TimeUnit}} {
		if *f.dst, err = requiredString(path, m, f.key); err != nil {
			return nil, err
		}
	}
	if p.Frequency, err = requiredInt(path, m, "frequency"); err != nil {
		return nil, err
	}
	if p.Point, err = optionalStrings(path+".point", m); err != nil {
		return nil, err
	}
	return &p, nil
}

// fields reads an object (or map) value whose keys must be among keys.
func fields(path string, v attr.Value, keys []string) (map[string]attr.Value, error) {
	v = unwrap(v)
	if v.IsUnknown() {
		return nil, errUnknown
	}
	var m map[string]attr.Value
	switch x := v.(type) {
	case basetypes.ObjectValue:
		m = x.Attributes()
	case basetypes.MapValue:
		m = x.Elements()
	default:
		return nil, fmt.Errorf("%s must be an object with %s, not %s", path, strings.Join(keys, ", "), typeName(v))
	}
	for k := range m {
		if !slices.Contains(keys, k) {
			return nil, fmt.Errorf("%s has no attribute %q: it takes %s, as in jpush_schedule", path, k, strings.Join(keys, ", "))
		}
	}
	return m, nil
}

// present returns m[key] unless it is missing or null.
func present(m map[string]attr.Value, key string) (attr.Value, bool) {
	v, ok := m[key]
	if !ok {
		return nil, false
	}
	v = unwrap(v)
	return v, !v.IsNull()
}

func requiredString(path string, m map[string]attr.Value, key string) (string, error) {
	v, ok := present(m, key)
	if !ok {
		return "", fmt.Errorf("%s.%s is required", path, key)
	}
	return stringValue(path+"."+key, v)
}

func stringValue(path string, v attr.Value) (string, error) {
	if v.IsUnknown() {
		return "", errUnknown
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return "", fmt.Errorf("%s must be a string, not %s", path, typeName(v))
	}
	return s.ValueString(), nil
}

// requiredInt reads a whole number that fits an int.
func requiredInt(path string, m map[string]attr.Value, key string) (int, error) {
	v, ok := present(m, key)
	if !ok {
		return 0, fmt.Errorf("%s.%s is required", path, key)
	}
	if v.IsUnknown() {
		return 0, errUnknown
	}
	var f *big.Float
	switch x := v.(type) {
	case basetypes.NumberValue:
		f = x.ValueBigFloat()
	case basetypes.Int64Value:
		f = new(big.Float).SetInt64(x.ValueInt64())
	default:
		return 0, fmt.Errorf("%s.%s must be a number, not %s", path, key, typeName(v))
	}
	n, acc := f.Int64()
	if acc != big.Exact || n < -1<<31 || n > 1<<31-1 {
		return 0, fmt.Errorf("%s.%s is %s; it must be a whole number between 1 and 100", path, key, f.Text('g', -1))
	}
	return int(n), nil
}

// optionalStrings reads point: a list, tuple or set of strings, or null.
func optionalStrings(path string, m map[string]attr.Value) ([]string, error) {
	v, ok := present(m, "point")
	if !ok {
		return nil, nil
	}
	if v.IsUnknown() {
		return nil, errUnknown
	}
	var elems []attr.Value
	switch x := v.(type) {
	case basetypes.ListValue:
		elems = x.Elements()
	case basetypes.TupleValue:
		elems = x.Elements()
	case basetypes.SetValue:
		elems = x.Elements()
	default:
		return nil, fmt.Errorf("%s must be a list of strings, not %s", path, typeName(v))
	}
	out := make([]string, len(elems))
	for i, e := range elems {
		s, err := stringValue(fmt.Sprintf("%s[%d]", path, i), unwrap(e))
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// unwrap is the value inside a dynamic value.
func unwrap(v attr.Value) attr.Value {
	for {
		d, ok := v.(basetypes.DynamicValue)
		if !ok || d.IsNull() || d.IsUnknown() || d.UnderlyingValue() == nil {
			return v
		}
		v = d.UnderlyingValue()
	}
}

// typeName names a value's type as Terraform users know it.
func typeName(v attr.Value) string {
	switch v.(type) {
	case basetypes.StringValue:
		return "a string"
	case basetypes.NumberValue, basetypes.Int64Value, basetypes.Float64Value, basetypes.Int32Value, basetypes.Float32Value:
		return "a number"
	case basetypes.BoolValue:
		return "a bool"
	case basetypes.ListValue, basetypes.TupleValue:
		return "a list"
	case basetypes.SetValue:
		return "a set"
	case basetypes.ObjectValue, basetypes.MapValue:
		return "an object"
	}
	return "a value of another type"
}
