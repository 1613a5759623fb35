package push

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// TestTypedPushFieldsRoundTrip is the test that catches a push field added
// in some places but not all (CONTRIBUTING.md, "Adding a push field"). It
// walks the schema of the typed push, gives every attribute a value of its
// own, and sends the push the way the provider does: pushModelFrom (the
// hand-written decoder), toClient, the wire JSON (client.Push),
// client.DecodePush, pushModelFromClient and pushObjectFrom. Every
// attribute must come back unchanged, and its value must be on the wire
// under JPush's key. A field missing from the model, the decoder, either
// conversion or the client's types fails here, naming the attribute.
func TestTypedPushFieldsRoundTrip(t *testing.T) {
	var leaves []pushLeaf
	in := samplePush(AttrTypes(), nil, &leaves)

	out, raw := roundTripPush(t, in)
	compareAttrs(t, "push", in.Attributes(), out.Attributes())

	var wire map[string]any
	if err := json.Unmarshal(raw, &wire); err != nil {
		t.Fatal(err)
	}
	for _, l := range leaves {
		got, where, found := wireValue(wire, l.path)
		if !found {
			t.Errorf("push.%s: not on the wire under JPush's key %s", strings.Join(l.path, "."), where)
			continue
		}
		if !reflect.DeepEqual(got, l.wire) {
			t.Errorf("push.%s: on the wire at %s as %#v, want %#v", strings.Join(l.path, "."), where, got, l.wire)
		}
	}
	if len(leaves) < 50 {
		t.Fatalf("the walk found only %d attributes: it no longer reads the schema", len(leaves))
	}
}

// TestTypedPushBroadcastRoundTrip: audience.all, the one attribute the
// walk above leaves null (a broadcast drops every other audience key), is
// "all" on the wire and comes back as all = true.
func TestTypedPushBroadcastRoundTrip(t *testing.T) {
	m := &Model{Audience: &AudienceModel{All: func() *bool { b := true; return &b }()}, Message: &messageModel{MsgContent: "x"}}
	in, diags := ObjectFrom(t.Context(), m)
	if diags.HasError() {
		t.Fatal(diags)
	}
	out, raw := roundTripPush(t, in)
	compareAttrs(t, "push", in.Attributes(), out.Attributes())
	var wire map[string]any
	if err := json.Unmarshal(raw, &wire); err != nil || wire["audience"] != "all" {
		t.Fatalf("audience on the wire: %s (%v), want \"all\"", raw, err)
	}
}

// roundTripPush sends a typed push object through the provider's
// conversions and the wire form, and returns what comes back and the wire
// JSON.
func roundTripPush(t *testing.T, in types.Object) (types.Object, json.RawMessage) {
	t.Helper()
	ctx := t.Context()
	m, diags := ModelFrom(ctx, in)
	if diags.HasError() {
		t.Fatal(diags)
	}
	raw, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	p, err := client.DecodePush(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(extraKeys(p)) > 0 {
		t.Errorf("keys the client's types do not model (Extra): %v", extraKeys(p))
	}
	out, diags := ObjectFrom(ctx, ModelFromClient(p))
	if diags.HasError() {
		t.Fatal(diags)
	}
	return out, raw
}

// pushLeaf is one attribute of the typed push and the JSON value it must
// have on the wire.
type pushLeaf struct {
	path []string
	wire any
}

// samplePush builds an object of type ot with every attribute set to a
// value naming its path (integers are numbered), except audience.all.
func samplePush(ot map[string]attr.Type, path []string, leaves *[]pushLeaf) types.Object {
	names := make([]string, 0, len(ot))
	for n := range ot {
		names = append(names, n)
	}
	sort.Strings(names)
	vals := make(map[string]attr.Value, len(ot))
	for _, n := range names {
		p := append(append([]string(nil), path...), n)
		if strings.Join(p, ".") == "audience.all" {
			vals[n] = types.BoolNull()
			continue
		}
		vals[n] = sampleValue(ot[n], p, leaves)
	}
	return types.ObjectValueMust(ot, vals)
}

func sampleValue(typ attr.Type, path []string, leaves *[]pushLeaf) attr.Value {
	s := "v-" + strings.Join(path, ".")
	leaf := func(v attr.Value, wire any) attr.Value {
		*leaves = append(*leaves, pushLeaf{path: path, wire: wire})
		return v
	}
	switch t := typ.(type) {
	case basetypes.ObjectType:
		return samplePush(t.AttrTypes, path, leaves)
	case jsontypes.NormalizedType:
		return leaf(jsontypes.NewNormalizedValue(`{"xiaomi":{"distribution":"`+s+`"}}`),
			map[string]any{"xiaomi": map[string]any{"distribution": s}})
	case basetypes.StringType:
		return leaf(types.StringValue(s), s)
	case basetypes.BoolType:
		return leaf(types.BoolValue(true), true)
	case basetypes.Int64Type:
		n := int64(len(*leaves) + 1) // distinct, small enough for every *int
		return leaf(types.Int64Value(n), float64(n))
	case basetypes.ListType:
		return leaf(types.ListValueMust(types.StringType, []attr.Value{types.StringValue(s)}), []any{s})
	case basetypes.MapType:
		return leaf(types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue(s)}), map[string]any{"k": s})
	}
	panic(fmt.Sprintf("push.%s: no sample for attribute type %T; teach sampleValue", strings.Join(path, "."), typ))
}

// compareAttrs reports every attribute whose value did not come back.
func compareAttrs(t *testing.T, at string, want, got map[string]attr.Value) {
	t.Helper()
	for n, w := range want {
		g := got[n]
		wo, wok := w.(basetypes.ObjectValue)
		gobj, gok := g.(basetypes.ObjectValue)
		switch {
		case wok && gok && !wo.IsNull() && !gobj.IsNull():
			compareAttrs(t, at+"."+n, wo.Attributes(), gobj.Attributes())
		case g == nil || !w.Equal(g):
			t.Errorf("%s.%s: sent %v, came back %v", at, n, w, g)
		}
	}
}

// wireValue finds a schema path in the wire JSON and returns the wire path
// it looked at. The wire key is the schema's name, except that JPush's iOS
// keys are written with "-" (content-available, thread-id, ...) and
// android.intent_url is intent.url.
func wireValue(wire map[string]any, path []string) (any, string, bool) {
	keys := append([]string(nil), path...)
	switch {
	case strings.Join(path, ".") == "notification.android.intent_url":
		keys = []string{"notification", "android", "intent", "url"}
	case len(path) == 3 && path[0] == "notification" && path[1] == "ios":
		keys[2] = strings.ReplaceAll(path[2], "_", "-")
	}
	where := strings.Join(keys, ".")
	var cur any = wire
	for _, k := range keys {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, where, false
		}
		if cur, ok = m[k]; !ok {
			return nil, where, false
		}
	}
	return cur, where, true
}

// extraKeys lists the keys DecodePush kept in the Extra maps of the
// sections the typed schema covers: keys the client's types lack.
func extraKeys(p *client.Push) []string {
	var out []string
	add := func(where string, m map[string]json.RawMessage) {
		for k := range m {
			out = append(out, where+k)
		}
	}
	add("", p.Extra)
	if a := p.Audience; a != nil {
		add("audience.", a.Extra)
	}
	if n := p.Notification; n != nil {
		add("notification.", n.Extra)
		if n.Android != nil {
			add("notification.android.", n.Android.Extra)
		}
		if n.IOS != nil {
			add("notification.ios.", n.IOS.Extra)
		}
		if n.HMOS != nil {
			add("notification.hmos.", n.HMOS.Extra)
		}
		if n.QuickApp != nil {
			add("notification.quickapp.", n.QuickApp.Extra)
		}
	}
	if p.Message != nil {
		add("message.", p.Message.Extra)
	}
	if p.Options != nil {
		add("options.", p.Options.Extra)
	}
	if p.Callback != nil {
		add("callback.", p.Callback.Extra)
	}
	sort.Strings(out)
	return out
}
