package main

import (
	"encoding/json"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// convert turns the protocol's schemas into terraform-json's, as the
// Terraform CLI does for `providers schema -json`.
func convert(ps *tfprotov6.GetProviderSchemaResponse, ids *tfprotov6.GetResourceIdentitySchemasResponse) (*tfjson.ProviderSchema, error) {
	var err error
	out := &tfjson.ProviderSchema{}
	if out.ConfigSchema, err = schema(ps.Provider); err != nil {
		return nil, err
	}
	for _, m := range []struct {
		in  map[string]*tfprotov6.Schema
		out *map[string]*tfjson.Schema
	}{
		{ps.ResourceSchemas, &out.ResourceSchemas},
		{ps.DataSourceSchemas, &out.DataSourceSchemas},
		{ps.EphemeralResourceSchemas, &out.EphemeralResourceSchemas},
		{ps.ListResourceSchemas, &out.ListResourceSchemas},
	} {
		if len(m.in) == 0 {
			continue
		}
		*m.out = map[string]*tfjson.Schema{}
		for name, s := range m.in {
			if (*m.out)[name], err = schema(s); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	if len(ps.Functions) > 0 {
		out.Functions = map[string]*tfjson.FunctionSignature{}
		for name, f := range ps.Functions {
			if out.Functions[name], err = function(f); err != nil {
				return nil, fmt.Errorf("function %s: %w", name, err)
			}
		}
	}
	if len(ids.IdentitySchemas) > 0 {
		out.ResourceIdentitySchemas = map[string]*tfjson.IdentitySchema{}
		for name, s := range ids.IdentitySchemas {
			is := &tfjson.IdentitySchema{Version: uint64(s.Version), Attributes: map[string]*tfjson.IdentityAttribute{}}
			for _, a := range s.IdentityAttributes {
				t, err := ctyType(a.Type)
				if err != nil {
					return nil, fmt.Errorf("%s.%s: %w", name, a.Name, err)
				}
				is.Attributes[a.Name] = &tfjson.IdentityAttribute{
					IdentityType: t, Description: a.Description,
					RequiredForImport: a.RequiredForImport, OptionalForImport: a.OptionalForImport,
				}
			}
			out.ResourceIdentitySchemas[name] = is
		}
	}
	return out, nil
}

// function converts a function's signature, as `terraform providers
// schema -json` writes it.
func function(f *tfprotov6.Function) (*tfjson.FunctionSignature, error) {
	ret, err := ctyType(f.Return.Type)
	if err != nil {
		return nil, err
	}
	out := &tfjson.FunctionSignature{
		Description: f.Description, Summary: f.Summary, DeprecationMessage: f.DeprecationMessage, ReturnType: ret,
	}
	params := f.Parameters
	if f.VariadicParameter != nil {
		params = append(params[:len(params):len(params)], f.VariadicParameter)
	}
	for i, p := range params {
		t, err := ctyType(p.Type)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		jp := &tfjson.FunctionParameter{Name: p.Name, Description: p.Description, IsNullable: p.AllowNullValue, Type: t}
		if f.VariadicParameter != nil && i == len(params)-1 {
			out.VariadicParameter = jp
			continue
		}
		out.Parameters = append(out.Parameters, jp)
	}
	return out, nil
}

func schema(s *tfprotov6.Schema) (*tfjson.Schema, error) {
	if s == nil {
		return nil, nil
	}
	b, err := block(s.Block)
	if err != nil {
		return nil, err
	}
	return &tfjson.Schema{Version: uint64(s.Version), Block: b}, nil
}

func block(b *tfprotov6.SchemaBlock) (*tfjson.SchemaBlock, error) {
	out := &tfjson.SchemaBlock{
		Description: b.Description, DescriptionKind: descriptionKind(b.DescriptionKind), Deprecated: b.Deprecated,
	}
	if len(b.Attributes) > 0 {
		out.Attributes = map[string]*tfjson.SchemaAttribute{}
		for _, a := range b.Attributes {
			ja, err := attribute(a)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", a.Name, err)
			}
			out.Attributes[a.Name] = ja
		}
	}
	if len(b.BlockTypes) > 0 {
		out.NestedBlocks = map[string]*tfjson.SchemaBlockType{}
		for _, nb := range b.BlockTypes {
			inner, err := block(nb.Block)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", nb.TypeName, err)
			}
			out.NestedBlocks[nb.TypeName] = &tfjson.SchemaBlockType{
				NestingMode: tfjson.SchemaNestingMode(nestingName(nb.Nesting.String())),
				Block:       inner, MinItems: uint64(nb.MinItems), MaxItems: uint64(nb.MaxItems),
			}
		}
	}
	return out, nil
}

func attribute(a *tfprotov6.SchemaAttribute) (*tfjson.SchemaAttribute, error) {
	out := &tfjson.SchemaAttribute{
		Description: a.Description, DescriptionKind: descriptionKind(a.DescriptionKind),
		Deprecated: a.Deprecated, Required: a.Required, Optional: a.Optional, Computed: a.Computed,
		Sensitive: a.Sensitive, WriteOnly: a.WriteOnly,
	}
	if a.NestedType != nil {
		nt := &tfjson.SchemaNestedAttributeType{
			Attributes:  map[string]*tfjson.SchemaAttribute{},
			NestingMode: tfjson.SchemaNestingMode(nestingName(a.NestedType.Nesting.String())),
		}
		for _, na := range a.NestedType.Attributes {
			ja, err := attribute(na)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", na.Name, err)
			}
			nt.Attributes[na.Name] = ja
		}
		out.AttributeNestedType = nt
		return out, nil
	}
	t, err := ctyType(a.Type)
	if err != nil {
		return nil, err
	}
	out.AttributeType = t
	return out, nil
}

// ctyType converts through the type's JSON, which both packages share.
func ctyType(t tftypes.Type) (cty.Type, error) {
	raw, err := json.Marshal(t)
	if err != nil {
		return cty.NilType, err
	}
	var ct cty.Type
	if err := json.Unmarshal(raw, &ct); err != nil {
		return cty.NilType, err
	}
	return ct, nil
}

func descriptionKind(k tfprotov6.StringKind) tfjson.SchemaDescriptionKind {
	if k == tfprotov6.StringKindMarkdown {
		return tfjson.SchemaDescriptionKindMarkdown
	}
	return tfjson.SchemaDescriptionKindPlain
}

// nestingName maps the protocol's nesting names (NESTING_SINGLE, ...) to
// the JSON ones (single, ...).
func nestingName(s string) string {
	switch s {
	case "NESTING_SINGLE", "SINGLE":
		return "single"
	case "NESTING_GROUP", "GROUP":
		return "group"
	case "NESTING_LIST", "LIST":
		return "list"
	case "NESTING_SET", "SET":
		return "set"
	case "NESTING_MAP", "MAP":
		return "map"
	}
	return s
}
