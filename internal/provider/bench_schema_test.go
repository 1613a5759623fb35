package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/schedule"
)

// The cost of the typed push schema for a configuration that uses
// push_json (issue 13): what would another design save? Three resources
// take the same push_json schedule through the same plugin-protocol calls
// in process:
//
//   - real: jpush_schedule as it is;
//   - stub: a resource with jpush_schedule's schema exactly (typed push,
//     validators and plan modifiers included) and no code of its own (no
//     Read, no ModifyPlan, no config validators): what the framework spends
//     on the schema alone;
//   - stub without push: the same schema less the typed push, i.e. a
//     push_json-only resource type.
//
// real − stub is the provider's own code, the most that serving push_json
// configurations without walking the typed push could save while keeping
// the schema; stub − stub without push is what only a change of the
// user-facing schema (a separate resource type) could save in the
// provider process. Terraform core's share of the schema weight is not in
// these numbers (see the CLI measurement in BENCHMARKS.md).

// stubSchedule is a resource with a given schema and no code.
type stubSchedule struct{ schema schema.Schema }

func (s stubSchedule) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = benchResource
}

func (s stubSchedule) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = s.schema
}

func (stubSchedule) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}

func (stubSchedule) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (stubSchedule) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}

func (stubSchedule) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// stubProvider serves one stubSchedule.
type stubProvider struct{ res stubSchedule }

func (stubProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "jpush"
}

func (stubProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (stubProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p stubProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return p.res }}
}

func (stubProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// stubEnv is a benchEnv whose server is a stub of the given schema, with
// the json schedule's configuration and state (less push when the schema
// has none).
func stubEnv(b *testing.B, withPush bool) *benchEnv {
	realEnv := newBenchEnv(b, true)
	sch := schedule.ResourceSchema(&conn.Zone{})
	if !withPush {
		attrs := make(map[string]schema.Attribute, len(sch.Attributes))
		for k, a := range sch.Attributes {
			if k != "push" {
				attrs[k] = a
			}
		}
		sch.Attributes = attrs
	}
	srv, err := providerserver.NewProtocol6WithError(stubProvider{stubSchedule{sch}})()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	sr, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(sr.Diagnostics) > 0 {
		b.Fatalf("schema: %v %v", err, sr.Diagnostics)
	}
	cr, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: benchNull(b, sr.Provider.ValueType())})
	benchDiags(b, "configure", err, cr.Diagnostics)
	e := *realEnv
	e.srv, e.typ = srv, sr.ResourceSchemas[benchResource].ValueType()
	e.config, e.state = retype(b, realEnv.typ, e.typ, realEnv.config), retype(b, realEnv.typ, e.typ, realEnv.state)
	return &e
}

// retype re-encodes dv (of type from) as type to, dropping the attributes
// to lacks.
func retype(b *testing.B, from, to tftypes.Type, dv *tfprotov6.DynamicValue) *tfprotov6.DynamicValue {
	v, err := dv.Unmarshal(from)
	if err != nil {
		b.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		b.Fatal(err)
	}
	want := to.(tftypes.Object).AttributeTypes
	for k := range attrs {
		if _, ok := want[k]; !ok {
			delete(attrs, k)
		}
	}
	out, err := tfprotov6.NewDynamicValue(to, tftypes.NewValue(to, attrs))
	if err != nil {
		b.Fatal(err)
	}
	return &out
}

// benchSchemaWeight runs f for the three resources of the comparison.
func benchSchemaWeight(b *testing.B, f func(b *testing.B, e *benchEnv)) {
	for _, c := range []struct {
		name string
		env  func(*testing.B) *benchEnv
	}{
		{"real", func(b *testing.B) *benchEnv { return newBenchEnv(b, true) }},
		{"stub", func(b *testing.B) *benchEnv { return stubEnv(b, true) }},
		{"stubnopush", func(b *testing.B) *benchEnv { return stubEnv(b, false) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			e := c.env(b)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				f(b, e)
			}
		})
	}
}

func BenchmarkSchemaWeightValidate(b *testing.B) {
	benchSchemaWeight(b, func(b *testing.B, e *benchEnv) {
		r, err := e.srv.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
			TypeName: benchResource, Config: e.config,
		})
		benchDiags(b, "validate", err, r.Diagnostics)
	})
}

func BenchmarkSchemaWeightRead(b *testing.B) {
	benchSchemaWeight(b, func(b *testing.B, e *benchEnv) {
		r, err := e.srv.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
			TypeName: benchResource, CurrentState: e.state,
		})
		benchDiags(b, "read", err, r.Diagnostics)
	})
}

func BenchmarkSchemaWeightPlanNoChange(b *testing.B) {
	benchSchemaWeight(b, func(b *testing.B, e *benchEnv) {
		e.plan(b, e.state, e.state, e.config)
	})
}
