package provider

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// What `terraform query -generate-config-out` does with a list result's
// resource object, played here: the configurable attributes (required or
// optional, computed-only ones left out) written as HCL, null ones omitted.

// generatedConfig renders a jpush_schedule resource object as the body of
// its resource block.
func (h *listHarness) generatedConfig(v tftypes.Value) string {
	h.t.Helper()
	var b strings.Builder
	h.writeAttrs(&b, h.schema.ResourceSchemas["jpush_schedule"].Block.Attributes, v, "  ")
	return b.String()
}

func (h *listHarness) writeAttrs(b *strings.Builder, attrs []*tfprotov6.SchemaAttribute, v tftypes.Value, indent string) {
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		h.t.Fatal(err)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].Name < attrs[j].Name })
	for _, a := range attrs {
		av := m[a.Name]
		if (a.Computed && !a.Optional && !a.Required) || av.IsNull() {
			continue
		}
		fmt.Fprintf(b, "%s%s = %s\n", indent, a.Name, h.hclValue(a.NestedType, av, indent))
	}
}

// hclValue renders a value; nested (the attribute's nested object, or nil)
// tells which of an object's attributes are configurable.
func (h *listHarness) hclValue(nested *tfprotov6.SchemaObject, v tftypes.Value, indent string) string {
	typ := v.Type()
	switch {
	case nested != nil && nested.Nesting == tfprotov6.SchemaObjectNestingModeSingle:
		var b strings.Builder
		b.WriteString("{\n")
		h.writeAttrs(&b, nested.Attributes, v, indent+"  ")
		return b.String() + indent + "}"
	case typ.Is(tftypes.String):
		var s string
		_ = v.As(&s)
		j, _ := json.Marshal(s)
		// HCL reads ${ and %{ in quoted strings as templates.
		return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(string(j))
	case typ.Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return f.Text('f', -1)
	case typ.Is(tftypes.Bool):
		var x bool
		_ = v.As(&x)
		return fmt.Sprint(x)
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}), typ.Is(tftypes.Tuple{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		parts := make([]string, len(elems))
		for i, e := range elems {
			parts[i] = h.hclValue(nil, e, indent+"  ")
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case typ.Is(tftypes.Map{}), typ.Is(tftypes.Object{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString("{\n")
		for _, k := range keys {
			if !m[k].IsNull() {
				fmt.Fprintf(&b, "%s  %q = %s\n", indent, k, h.hclValue(nil, m[k], indent+"  "))
			}
		}
		return b.String() + indent + "}"
	}
	h.t.Fatalf("cannot render %s as HCL", typ)
	return ""
}

// TestAccListSchedule_generatedConfigPlansNothing: the configuration
// generated from each listed resource object, imported with an import block
// by the listed id (Terraform 1.5+), plans no change, for every shape of
// schedule an import reads (typed push, push_json, single, periodical,
// disabled).
func TestAccListSchedule_generatedConfigPlansNothing(t *testing.T) {
	e := newAccEnv(t, nil)
	ids := listedMixed(t, e)
	h := newListHarness(t, e, "", "")
	got := h.list(nil, true, 0)
	if err := sameIDs(h.ids(got), ids); err != nil {
		t.Fatal(err)
	}
	c := e.counter()
	for i, r := range got {
		cfg := e.providerConfig() + fmt.Sprintf("resource \"jpush_schedule\" \"s%d\" {\n%s}\n", i, h.generatedConfig(*r.Resource))
		t.Run(r.DisplayName, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6Factories,
				// import blocks
				TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
				Steps: []resource.TestStep{{
					Config:          cfg,
					ResourceName:    fmt.Sprintf("jpush_schedule.s%d", i),
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
					ImportStateId:   r.ID,
				}},
			})
		})
	}
	if d := c.delta(); d[emulator.RouteCreate]+d[emulator.RouteUpdate]+d[emulator.RouteDelete] != 0 {
		t.Fatalf("importing changed JPush: %v", d)
	}
}
