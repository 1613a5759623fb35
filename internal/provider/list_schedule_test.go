package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// The jpush_schedule list resource at the plugin-protocol level: Terraform
// 1.14 (`terraform query`) cannot be built here, so these tests play
// Terraform's part, calling the provider server's RPCs in process (as the
// CLI would over gRPC) against the in-process emulator.

// listServer is a provider server with the list resource RPCs.
type listServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
}

// listHarness is a configured provider server.
type listHarness struct {
	t      *testing.T
	e      *accEnv
	srv    listServer
	schema *tfprotov6.GetProviderSchemaResponse
}

// newListHarness serves and configures a provider for e with the given
// credentials (the emulator's when empty).
func newListHarness(t *testing.T, e *accEnv, appKey, secret string) *listHarness {
	t.Helper()
	if appKey == "" {
		appKey, secret = emulator.DefaultAppKey, emulator.DefaultMasterSecret
	}
	s, err := e.factories()["jpush"]() // with e's client adjustments (e.g. fastRetries)
	if err != nil {
		t.Fatal(err)
	}
	ls, ok := s.(listServer)
	if !ok {
		t.Fatalf("the provider server (%T) serves no list resources", s)
	}
	h := &listHarness{t: t, e: e, srv: ls}
	ctx := context.Background()
	h.schema, err = ls.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasErrorDiag(h.schema.Diagnostics) {
		t.Fatalf("GetProviderSchema: %v %v", err, diagText(h.schema.Diagnostics))
	}
	cfg := h.dynamic(h.schema.Provider, map[string]tftypes.Value{
		"app_key":       tftypes.NewValue(tftypes.String, appKey),
		"master_secret": tftypes.NewValue(tftypes.String, secret),
		"endpoint":      tftypes.NewValue(tftypes.String, e.srv.URL),
		"max_retries":   tftypes.NewValue(tftypes.Number, 1),
	})
	resp, err := ls.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: cfg})
	if err != nil || hasErrorDiag(resp.Diagnostics) {
		t.Fatalf("ConfigureProvider: %v %v", err, diagText(resp.Diagnostics))
	}
	return h
}

// dynamic encodes an object of schema s with the given attributes (the
// others null), so that the harness keeps working when attributes are added.
func (h *listHarness) dynamic(s *tfprotov6.Schema, vals map[string]tftypes.Value) *tfprotov6.DynamicValue {
	h.t.Helper()
	typ := s.ValueType().(tftypes.Object)
	all := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		if v, ok := vals[name]; ok {
			all[name] = v
		} else {
			all[name] = tftypes.NewValue(at, nil)
		}
	}
	for name := range vals {
		if _, ok := typ.AttributeTypes[name]; !ok {
			h.t.Fatalf("no attribute %q in the schema", name)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, all))
	if err != nil {
		h.t.Fatal(err)
	}
	return &dv
}

// listFilters is the list block's configuration.
type listFilters map[string]tftypes.Value

// listed is one streamed result, decoded.
type listed struct {
	DisplayName string
	ID, AppKey  string
	Resource    *tftypes.Value // nil without include_resource
	Diags       []*tfprotov6.Diagnostic
}

// list calls ListResource and drains the stream.
func (h *listHarness) list(f listFilters, include bool, limit int64) []listed {
	h.t.Helper()
	ctx := context.Background()
	stream, err := h.srv.ListResource(ctx, &tfprotov6.ListResourceRequest{
		TypeName: "jpush_schedule", Config: h.dynamic(h.schema.ListResourceSchemas["jpush_schedule"], f),
		IncludeResource: include, Limit: limit,
	})
	if err != nil {
		h.t.Fatalf("ListResource: %v", err)
	}
	var out []listed
	for r := range stream.Results {
		out = append(out, h.decode(r))
	}
	return out
}

func (h *listHarness) decode(r tfprotov6.ListResourceResult) listed {
	h.t.Helper()
	l := listed{DisplayName: r.DisplayName, Diags: r.Diagnostics}
	if r.Identity != nil {
		idv := h.identityValue(r.Identity.IdentityData)
		l.ID, l.AppKey = idv["id"], idv["app_key"]
	}
	if r.Resource != nil {
		v, err := r.Resource.Unmarshal(h.schema.ResourceSchemas["jpush_schedule"].ValueType())
		if err != nil {
			h.t.Fatalf("decode resource: %v", err)
		}
		l.Resource = &v
	}
	return l
}

// identityValue decodes a jpush_schedule identity into its strings.
func (h *listHarness) identityValue(dv *tfprotov6.DynamicValue) map[string]string {
	h.t.Helper()
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String, "app_key": tftypes.String}}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		h.t.Fatalf("decode identity: %v", err)
	}
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		h.t.Fatal(err)
	}
	out := map[string]string{}
	for k, av := range m {
		var s *string
		_ = av.As(&s)
		if s != nil {
			out[k] = *s
		}
	}
	return out
}

func hasErrorDiag(ds []*tfprotov6.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func diagText(ds []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "[%s] %s: %s\n", d.Severity, d.Summary, d.Detail)
	}
	return b.String()
}

// ids returns the identities' ids, failing on any diagnostic.
func (h *listHarness) ids(rs []listed) []string {
	h.t.Helper()
	var out []string
	for _, r := range rs {
		if len(r.Diags) > 0 {
			h.t.Fatalf("unexpected diagnostics: %s", diagText(r.Diags))
		}
		if r.AppKey != emulator.DefaultAppKey {
			h.t.Fatalf("identity app_key = %q, want %q", r.AppKey, emulator.DefaultAppKey)
		}
		out = append(out, r.ID)
	}
	return out
}

func sameIDs(got, want []string) error {
	if strings.Join(got, ",") != strings.Join(want, ",") {
		return fmt.Errorf("listed %d schedules %v, want %d %v", len(got), got, len(want), want)
	}
	return nil
}

// TestListSchedule_pages lists 0, 1, 50, 51 and 120 schedules: every one
// in JPush's order, each page read once (one list request per 50, one for
// an empty app).
func TestListSchedule_pages(t *testing.T) {
	e := newAccEnv(t, nil)
	quota := 200
	e.srv.Configure(emulator.Config{ScheduleQuota: &quota})
	m := newDSMaker(t, e)
	h := newListHarness(t, e, "", "")
	for _, step := range []struct{ add, total, pages int }{{0, 0, 1}, {1, 1, 1}, {49, 50, 1}, {1, 51, 2}, {69, 120, 3}} {
		m.singles(step.add)()
		c := e.counter()
		got := h.list(nil, false, 0)
		if err := sameIDs(h.ids(got), e.srv.ScheduleIDs()); err != nil {
			t.Fatalf("%d schedules: %v", step.total, err)
		}
		if len(got) != step.total {
			t.Fatalf("listed %d, want %d", len(got), step.total)
		}
		d := c.delta()
		if d[emulator.RouteList] != step.pages || d[emulator.RouteGet] != 0 {
			t.Fatalf("%d schedules: %d list and %d get requests, want %d list and none", step.total, d[emulator.RouteList], d[emulator.RouteGet], step.pages)
		}
		for i, r := range got {
			if r.Resource != nil {
				t.Fatalf("result %d has a resource object without include_resource", i)
			}
			if want := e.stored(r.ID)["name"]; r.DisplayName != want {
				t.Fatalf("display name %q, want the schedule name %q", r.DisplayName, want)
			}
		}
	}
	// A limit stops the stream, and the paging: 10 of 120 read one page.
	c := e.counter()
	got := h.list(nil, false, 10)
	if err := sameIDs(h.ids(got), e.srv.ScheduleIDs()[:10]); err != nil {
		t.Fatal(err)
	}
	if d := c.delta(); d[emulator.RouteList] != 1 {
		t.Fatalf("a limit of 10 read %d pages, want 1", d[emulator.RouteList])
	}
}

// TestListSchedule_filters checks each filter and a combination against
// the emulator's schedules.
func TestListSchedule_filters(t *testing.T) {
	e := newAccEnv(t, nil)
	m := newDSMaker(t, e)
	a := m.single("team_a_1")
	b := m.periodical("team_a_2")
	c := m.single("team_b_1")
	d := m.periodical("other")
	m.disable(b)
	m.disable(c)
	h := newListHarness(t, e, "", "")
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	boolean := func(v bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, v) }
	for _, tc := range []struct {
		name string
		f    listFilters
		want []string
	}{
		{"none", nil, []string{a, b, c, d}},
		{"name", listFilters{"name": str("team_a_2")}, []string{b}},
		{"name, no match", listFilters{"name": str("team_a")}, nil},
		{"name_prefix", listFilters{"name_prefix": str("team_")}, []string{a, b, c}},
		{"enabled", listFilters{"enabled": boolean(true)}, []string{a, d}},
		{"disabled", listFilters{"enabled": boolean(false)}, []string{b, c}},
		{"single", listFilters{"trigger_kind": str("single")}, []string{a, c}},
		{"periodical", listFilters{"trigger_kind": str("periodical")}, []string{b, d}},
		{"all of them", listFilters{"name_prefix": str("team_a"), "enabled": boolean(false), "trigger_kind": str("periodical")}, []string{b}},
	} {
		if err := sameIDs(h.ids(h.list(tc.f, false, 0)), tc.want); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// TestListSchedule_validate: the list block's filters are checked like the
// data source's, before anything is listed.
func TestListSchedule_validate(t *testing.T) {
	e := newAccEnv(t, nil)
	h := newListHarness(t, e, "", "")
	for _, tc := range []struct {
		f    listFilters
		want string
	}{
		{listFilters{"trigger_kind": tftypes.NewValue(tftypes.String, "weekly")}, "single"},
		{listFilters{"name_prefix": tftypes.NewValue(tftypes.String, "")}, "at least 1"},
		{listFilters{"trigger_kind": tftypes.NewValue(tftypes.String, "single")}, ""},
	} {
		resp, err := h.srv.ValidateListResourceConfig(context.Background(), &tfprotov6.ValidateListResourceConfigRequest{
			TypeName: "jpush_schedule", Config: h.dynamic(h.schema.ListResourceSchemas["jpush_schedule"], tc.f),
		})
		if err != nil {
			t.Fatal(err)
		}
		got := diagText(resp.Diagnostics)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%v: diagnostics %q, want %q", tc.f, got, tc.want)
		}
	}
	if n := e.requests(); n != 0 {
		t.Fatalf("validation made %d requests", n)
	}
}

// TestListSchedule_errors: bad credentials, a failing first page, and a
// page failing after others were streamed. Each ends the stream with one
// error result that says what went wrong; no secret appears in it.
func TestListSchedule_errors(t *testing.T) {
	e := newAccEnv(t, nil)
	e.fastRetries(false)
	m := newDSMaker(t, e)
	m.singles(60)()

	bad := newListHarness(t, e, emulator.DefaultAppKey, "not-the-secret-00000000")
	got := bad.list(nil, false, 0)
	if len(got) != 1 || !hasErrorDiag(got[0].Diags) || !strings.Contains(diagText(got[0].Diags), "check app_key and master_secret") {
		t.Fatalf("bad credentials: %d results, diagnostics %s", len(got), listDiags(got))
	}
	if strings.Contains(listDiags(got), "not-the-secret") {
		t.Fatal("the master secret appears in the diagnostics")
	}

	h := newListHarness(t, e, "", "")
	e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteList, Kind: "status_503", Probability: 1, Count: 100}})
	got = h.list(nil, false, 0)
	if len(got) != 1 || !strings.Contains(diagText(got[0].Diags), "503") {
		t.Fatalf("5xx: %d results, diagnostics %s", len(got), listDiags(got))
	}

	// Page 2 fails: the 50 of page 1 were streamed, then the error.
	e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteList, Kind: "status_500", Probability: 1, Count: 100, After: 1}})
	got = h.list(nil, false, 0)
	if len(got) != 51 || !hasErrorDiag(got[50].Diags) || !strings.Contains(got[50].Diags[0].Summary, "page 2") {
		t.Fatalf("page 2 failing: %d results, diagnostics %s", len(got), listDiags(got))
	}
	if err := sameIDs(h.ids(got[:50]), e.srv.ScheduleIDs()[:50]); err != nil {
		t.Fatal(err)
	}
}

func listDiags(rs []listed) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(diagText(r.Diags))
	}
	return b.String()
}

// listedMixed makes schedules of every shape an import reads: typed
// pushes, a push with a field the typed schema lacks (push_json), single
// and periodical triggers, enabled and not. It returns their ids.
func listedMixed(t *testing.T, e *accEnv) []string {
	m := newDSMaker(t, e)
	ids := []string{m.single("typed_single"), m.periodical("typed_periodical"), m.create(&client.Schedule{
		Name: "rich", Enabled: true,
		Trigger: client.Trigger{Single: &client.SingleTrigger{Time: e.wire(e.now().Add(48 * 3600e9))}},
		Push: json.RawMessage(`{"platform":["android","ios"],"audience":{"tag":["vip","beta"]},` +
			`"notification":{"android":{"alert":"hi","title":"T","extras":{"k":"v"}},"ios":{"alert":"hi","badge":"+1"}},` +
			`"options":{"time_to_live":600},"message":{"msg_content":"m","title":"x"}}`),
	}), m.single("to_disable")}
	m.disable(ids[3])
	return ids
}

// TestListSchedule_resourceIsImportRead: with include_resource, each
// result's resource is exactly what an import of its identity reads
// (ImportResourceState then ReadResource, as Terraform does), and the
// identity Read returns is the listed one.
func TestListSchedule_resourceIsImportRead(t *testing.T) {
	e := newAccEnv(t, nil)
	ids := listedMixed(t, e)
	h := newListHarness(t, e, "", "")
	got := h.list(nil, true, 0)
	if err := sameIDs(h.ids(got), ids); err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		if r.Resource == nil {
			t.Fatalf("%s: no resource object with include_resource", r.ID)
		}
		state, ident := h.importByIdentity(r.ID)
		if !r.Resource.Equal(state) {
			t.Errorf("%s: listed resource\n%v\ndiffers from the imported state\n%v", r.ID, r.Resource, state)
		}
		if ident["id"] != r.ID || ident["app_key"] != r.AppKey {
			t.Errorf("%s: identity after import %v, listed %s/%s", r.ID, ident, r.ID, r.AppKey)
		}
	}
}

// importByIdentity imports a jpush_schedule by identity and reads it, as
// Terraform does for an import block, returning the state and identity.
func (h *listHarness) importByIdentity(id string) (tftypes.Value, map[string]string) {
	h.t.Helper()
	ctx := context.Background()
	identType := h.identityType()
	idv, err := tfprotov6.NewDynamicValue(identType, tftypes.NewValue(identType, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, id), "app_key": tftypes.NewValue(tftypes.String, nil),
	}))
	if err != nil {
		h.t.Fatal(err)
	}
	imp, err := h.srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
		TypeName: "jpush_schedule", Identity: &tfprotov6.ResourceIdentityData{IdentityData: &idv},
	})
	if err != nil || hasErrorDiag(imp.Diagnostics) || len(imp.ImportedResources) != 1 {
		h.t.Fatalf("import %s: %v %s", id, err, diagText(imp.Diagnostics))
	}
	ir := imp.ImportedResources[0]
	read, err := h.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
		TypeName: "jpush_schedule", CurrentState: ir.State, Private: ir.Private, CurrentIdentity: ir.Identity,
	})
	if err != nil || hasErrorDiag(read.Diagnostics) {
		h.t.Fatalf("read %s: %v %s", id, err, diagText(read.Diagnostics))
	}
	v, err := read.NewState.Unmarshal(h.schema.ResourceSchemas["jpush_schedule"].ValueType())
	if err != nil {
		h.t.Fatal(err)
	}
	return v, h.identityValue(read.NewIdentity.IdentityData)
}

func (h *listHarness) identityType() tftypes.Type {
	h.t.Helper()
	resp, err := h.srv.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || hasErrorDiag(resp.Diagnostics) {
		h.t.Fatalf("GetResourceIdentitySchemas: %v %s", err, diagText(resp.Diagnostics))
	}
	return resp.IdentitySchemas["jpush_schedule"].ValueType()
}
