package push

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// JSONType is the type of push_json: a string holding a Push API v3
// payload whose semantic equality is client.CanonicalPush equivalence.
type JSONType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = JSONType{}
	_ basetypes.StringValuableWithSemanticEquals = JSONValue{}
)

func (t JSONType) String() string { return "provider.PushJSONType" }

func (t JSONType) Equal(o attr.Type) bool {
	_, ok := o.(JSONType)
	return ok
}

func (t JSONType) ValueType(context.Context) attr.Value { return JSONValue{} }

func (t JSONType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return JSONValue{StringValue: in}, nil
}

func (t JSONType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	sv, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return JSONValue{StringValue: sv}, nil
}

// JSONValue is a push_json value.
type JSONValue struct {
	basetypes.StringValue
}

// NewJSONNull returns a null push_json.
func NewJSONNull() JSONValue { return JSONValue{StringValue: basetypes.NewStringNull()} }

// NewJSONValue returns a known push_json.
func NewJSONValue(s string) JSONValue {
	return JSONValue{StringValue: basetypes.NewStringValue(s)}
}

func (v JSONValue) Type(context.Context) attr.Type { return JSONType{} }

func (v JSONValue) Equal(o attr.Value) bool {
	other, ok := o.(JSONValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals treats two pushes JPush considers the same as equal.
func (v JSONValue) StringSemanticEquals(_ context.Context, nv basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := nv.(JSONValue)
	if !ok || !framework.Known(v) || !framework.Known(other) {
		return false, nil
	}
	return Equivalent(json.RawMessage(v.ValueString()), json.RawMessage(other.ValueString())), nil
}
