package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// PushJSONType is the type of push_json: a string holding a Push API v3
// payload whose semantic equality is client.CanonicalPush equivalence.
type PushJSONType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = PushJSONType{}
	_ basetypes.StringValuableWithSemanticEquals = PushJSONValue{}
)

func (t PushJSONType) String() string { return "provider.PushJSONType" }

func (t PushJSONType) Equal(o attr.Type) bool {
	_, ok := o.(PushJSONType)
	return ok
}

func (t PushJSONType) ValueType(context.Context) attr.Value { return PushJSONValue{} }

func (t PushJSONType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return PushJSONValue{StringValue: in}, nil
}

func (t PushJSONType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	sv, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return PushJSONValue{StringValue: sv}, nil
}

// PushJSONValue is a push_json value.
type PushJSONValue struct {
	basetypes.StringValue
}

// NewPushJSONNull returns a null push_json.
func NewPushJSONNull() PushJSONValue { return PushJSONValue{StringValue: basetypes.NewStringNull()} }

// NewPushJSONValue returns a known push_json.
func NewPushJSONValue(s string) PushJSONValue {
	return PushJSONValue{StringValue: basetypes.NewStringValue(s)}
}

func (v PushJSONValue) Type(context.Context) attr.Type { return PushJSONType{} }

func (v PushJSONValue) Equal(o attr.Value) bool {
	other, ok := o.(PushJSONValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals treats two pushes JPush considers the same as equal.
func (v PushJSONValue) StringSemanticEquals(_ context.Context, nv basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := nv.(PushJSONValue)
	if !ok || !known(v) || !known(other) {
		return false, nil
	}
	return equivalentPushes(json.RawMessage(v.ValueString()), json.RawMessage(other.ValueString())), nil
}
