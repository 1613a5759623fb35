package provider

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
)

// privateApp decodes the app record from a resource's private state bytes
// (the framework stores each key's value as base64 in a JSON object).
func privateApp(t *testing.T, private []byte) *conn.AppRecord {
	t.Helper()
	if len(private) == 0 {
		return nil
	}
	var keys map[string][]byte
	if err := json.Unmarshal(private, &keys); err != nil {
		t.Fatalf("private state %s: %v", private, err)
	}
	raw, ok := keys[conn.AppPrivateKey]
	if !ok {
		return nil
	}
	var rec conn.AppRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	return &rec
}

// A state written by an older provider version has no app record: the
// first read adopts the configured app (no error), and a read with a
// record of another app fails naming both, never the secret.
func TestScheduleAppRecordAdoption(t *testing.T) {
	e := newBenchEnv(t, false)
	ctx := context.Background()
	r, err := e.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: benchResource, CurrentState: e.state})
	benchDiags(t, "read", err, r.Diagnostics)
	got := privateApp(t, r.Private)
	want := conn.NewAppRecord(emulator.DefaultAppKey, e.emuURL)
	if got == nil || *got != want {
		t.Fatalf("app adopted on first read: %+v, want %+v", got, want)
	}

	other, _ := json.Marshal(map[string][]byte{conn.AppPrivateKey: []byte(`{"app_key":"jpushotherappkey00000002","endpoint":"https://api.jpush.cn"}`)})
	r, err = e.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: benchResource, CurrentState: e.state, Private: other})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Fatalf("read for another app: diagnostics %v, want one error", r.Diagnostics)
	}
	msg := r.Diagnostics[0].Detail
	for _, s := range []string{"jpushotherappkey00000002", "https://api.jpush.cn", emulator.DefaultAppKey, e.emuURL} {
		if !strings.Contains(msg, s) {
			t.Errorf("error does not name %q: %s", s, msg)
		}
	}
	if strings.Contains(msg, emulator.DefaultMasterSecret) {
		t.Errorf("error shows the master secret: %s", msg)
	}
}

func TestNewAppRecordEndpointSpelling(t *testing.T) {
	a := conn.NewAppRecord("k", "HTTPS://API.JPush.cn/")
	b := conn.NewAppRecord("k", "https://api.jpush.cn")
	if a != b {
		t.Fatalf("%v != %v: the same endpoint written two ways is the same app", a, b)
	}
}
