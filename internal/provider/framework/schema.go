package framework

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// WithObjectTypes sets the CustomType of a and of every single nested
// attribute inside it to the plain object type (types.ObjectType) that
// SingleNestedAttribute.GetType would build: the same type, computed once
// here instead of from the whole subtree on every call. The framework asks
// for it for every attribute value of every resource on every plan, read
// and apply (path conversions, defaults, plan modification), and for the
// deep typed push that rebuilding dominated the provider's CPU time.
// Behaviour is unchanged: a basetypes.ObjectType custom type makes the same
// values, and the schema sent to Terraform has no custom types.
func WithObjectTypes(a schema.SingleNestedAttribute) schema.SingleNestedAttribute {
	attrs := make(map[string]schema.Attribute, len(a.Attributes))
	for name, at := range a.Attributes {
		if n, ok := at.(schema.SingleNestedAttribute); ok && n.CustomType == nil {
			at = WithObjectTypes(n)
		}
		attrs[name] = at
	}
	a.Attributes = attrs
	if a.CustomType == nil {
		a.CustomType = a.GetType().(basetypes.ObjectType)
	}
	return a
}
