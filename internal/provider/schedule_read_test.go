package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// ReadResource of jpush_schedule leaves the prior state as it is when JPush
// holds the same schedule (a short cut that skips re-encoding the state),
// and still reports every change made outside Terraform.

func TestScheduleReadDrift(t *testing.T) {
	str := func(s string) *string { return &s }
	no := false
	changedPush := json.RawMessage(`{"platform":["android","ios"],"audience":{"tag":["bench"]},"notification":{"alert":"changed"}}`)
	alertOf := func(push any) any {
		n, _ := push.(map[string]any)["notification"].(map[string]any)
		return n["alert"]
	}
	cases := []struct {
		name   string
		update func(st map[string]any) *client.ScheduleUpdate // nil: no change
		check  func(old, st map[string]any, json bool) error
	}{
		{name: "unchanged"},
		{
			name: "name",
			update: func(map[string]any) *client.ScheduleUpdate {
				return &client.ScheduleUpdate{Name: str("changed_elsewhere")}
			},
			check: func(_, st map[string]any, _ bool) error {
				return wantValue("name", st["name"], "changed_elsewhere")
			},
		},
		{
			name:   "enabled",
			update: func(map[string]any) *client.ScheduleUpdate { return &client.ScheduleUpdate{Enabled: &no} },
			check: func(_, st map[string]any, _ bool) error {
				return wantValue("enabled", st["enabled"], false)
			},
		},
		{
			name: "trigger",
			update: func(st map[string]any) *client.ScheduleUpdate {
				at, err := time.Parse(time.RFC3339, singleTime(st))
				if err != nil {
					panic(err)
				}
				loc := time.FixedZone("UTC+8", 8*3600)
				return &client.ScheduleUpdate{Trigger: &client.Trigger{
					Single: &client.SingleTrigger{Time: client.FormatWireTime(at.Add(time.Hour), loc)},
				}}
			},
			check: func(old, st map[string]any, _ bool) error {
				if got := singleTime(st); got == "" || got == singleTime(old) {
					return fmt.Errorf("trigger.single.time %q, want the time moved outside Terraform", got)
				}
				return nil
			},
		},
		{
			name:   "push",
			update: func(map[string]any) *client.ScheduleUpdate { return &client.ScheduleUpdate{Push: changedPush} },
			check: func(_, st map[string]any, jsonPush bool) error {
				if !jsonPush {
					return wantValue("push.notification.alert", alertOf(st["push"]), "changed")
				}
				var p any
				if err := json.Unmarshal([]byte(st["push_json"].(string)), &p); err != nil {
					return err
				}
				return wantValue("push_json notification.alert", alertOf(p), "changed")
			},
		},
	}
	for _, jsonPush := range []bool{false, true} {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s/json=%v", tc.name, jsonPush), func(t *testing.T) {
				e := newBenchEnv(t, jsonPush)
				prior := driftState(t, e, e.state)
				if tc.update != nil {
					c, err := client.New(client.Config{
						AppKey: emulator.DefaultAppKey, MasterSecret: emulator.DefaultMasterSecret, Endpoint: e.emuURL,
					})
					if err != nil {
						t.Fatal(err)
					}
					if _, err := c.UpdateSchedule(context.Background(), e.id, tc.update(benchJSON(prior).(map[string]any))); err != nil {
						t.Fatal(err)
					}
				}
				r, err := e.srv.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
					TypeName: benchResource, CurrentState: e.state,
				})
				benchDiags(t, "read", err, r.Diagnostics)
				next := driftState(t, e, r.NewState)
				if tc.update == nil {
					if !next.Equal(prior) {
						t.Fatalf("unchanged schedule: new state %s, want the prior state %s", next, prior)
					}
					return
				}
				if next.Equal(prior) {
					t.Fatal("the change outside Terraform was not detected: the state is unchanged")
				}
				if err := tc.check(benchJSON(prior).(map[string]any), benchJSON(next).(map[string]any), jsonPush); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

func driftState(t *testing.T, e *benchEnv, dv *tfprotov6.DynamicValue) tftypes.Value {
	t.Helper()
	v, err := dv.Unmarshal(e.typ)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func singleTime(st map[string]any) string {
	trig, _ := st["trigger"].(map[string]any)
	single, _ := trig["single"].(map[string]any)
	s, _ := single["time"].(string)
	return s
}

func wantValue(what string, got, want any) error {
	if got != want {
		return fmt.Errorf("%s = %v, want %v", what, got, want)
	}
	return nil
}
