package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Resource identity needs Terraform or OpenTofu 1.12+ (identity in state and
// in import blocks). Terraform 1.12+ cannot be built here, so these run
// under OpenTofu 1.12.6 (make test-opentofu, make test-matrix, CI); older
// CLIs skip them, and the rest of the suite proves that everything still
// works without identities there.
var identityCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(version.Must(version.NewVersion("1.12.0")))}

// stateIDEquals is a knownvalue check against a value only known once a step
// has run (e.g. the id a create got).
type stateIDEquals struct{ want *string }

func (c stateIDEquals) CheckValue(v any) error {
	s, ok := v.(string)
	if !ok || s != *c.want {
		return fmt.Errorf("identity value %v, want %q", v, *c.want)
	}
	return nil
}

func (c stateIDEquals) String() string { return *c.want }

// TestAccScheduleIdentity: the identity is set at create, stays the same
// across updates, and an import block naming it (ImportBlockWithResourceIdentity)
// imports the schedule with an empty plan; a schedule made in the console
// imports by an identity written by hand, and an identity naming another
// app is refused.
func TestAccScheduleIdentity(t *testing.T) {
	e := newAccEnv(t, nil)
	at := rfc(e.now().Add(6 * time.Hour))
	var id string
	remember := func(s *terraform.State) (err error) { id, err = idOf(s, res); return err }
	identity := statecheck.ExpectIdentity(res, map[string]knownvalue.Check{
		"id":      stateIDEquals{&id},
		"app_key": knownvalue.StringExact(emulator.DefaultAppKey),
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   identityCLI,
		Steps: []resource.TestStep{
			{
				Config:            e.providerConfig() + singleConfig("identity", at, "true", typedPush),
				Check:             remember,
				ConfigStateChecks: []statecheck.StateCheck{identity, statecheck.ExpectIdentityValueMatchesState(res, tfjsonpath.New("id"))},
			},
			{ // an update keeps it
				Config:            e.providerConfig() + singleConfig("identity_renamed", at, "false", typedPush),
				ConfigStateChecks: []statecheck.StateCheck{identity},
				Check: func(*terraform.State) error {
					if got := e.stored(id)["name"]; got != "identity_renamed" {
						return fmt.Errorf("JPush holds name %v", got)
					}
					return nil
				},
			},
			{ // import { to = ..., identity = { id = ..., app_key = ... } }
				Config:          e.providerConfig() + singleConfig("identity_renamed", at, "false", typedPush),
				ResourceName:    res,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// TestAccScheduleIdentity_importConsoleSchedule imports a schedule made
// outside Terraform with an identity written by hand (app_key left out),
// then checks the identity recorded, and that JPush was not changed; an
// identity naming another app fails before any request.
func TestAccScheduleIdentity_importConsoleSchedule(t *testing.T) {
	e := newAccEnv(t, nil)
	at := e.now().Add(5 * time.Hour)
	id := newDSMaker(t, e).create(&client.Schedule{
		Name: "console", Enabled: true,
		Trigger: client.Trigger{Single: &client.SingleTrigger{Time: e.wire(at)}},
		Push:    json.RawMessage(`{"platform":"all","audience":"all","notification":{"alert":"hi"}}`),
	})
	body := singleConfig("console", rfc(at), "true", `
  push = {
    audience     = { all = true }
    notification = { alert = "hi" }
  }
`)
	importBlock := func(identity string) string {
		return fmt.Sprintf("\nimport {\n  to       = %s\n  identity = %s\n}\n", res, identity)
	}
	c := e.counter()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   identityCLI,
		Steps: []resource.TestStep{
			{
				Config:      e.providerConfig() + body + importBlock(fmt.Sprintf(`{ id = %q, app_key = "anotherappkey0000000000x" }`, id)),
				ExpectError: regexp.MustCompile(`another JPush app`),
			},
			{
				Config: e.providerConfig() + body + importBlock(fmt.Sprintf(`{ id = %q }`, id)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(res, map[string]knownvalue.Check{
						"id": knownvalue.StringExact(id), "app_key": knownvalue.StringExact(emulator.DefaultAppKey),
					}),
				},
				Check: func(*terraform.State) error {
					d := c.delta()
					if n := d[emulator.RouteCreate] + d[emulator.RouteUpdate] + d[emulator.RouteDelete]; n != 0 {
						return fmt.Errorf("the import changed JPush: %v", d)
					}
					return nil
				},
			},
			{Config: e.providerConfig() + body, PlanOnly: true},
		},
	})
}

// TestAccTemplateScheduleIdentity: a jpush_template_schedule's identity
// names all of its schedules (in the order of params) and the app; it is
// kept across an update, and an import block with it imports them all.
func TestAccTemplateScheduleIdentity(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(30 * time.Hour))
	var ids []string
	identity := statecheck.ExpectIdentity(tplRes, map[string]knownvalue.Check{
		"schedule_ids": idListCheck{&ids},
		"app_key":      knownvalue.StringExact(emulator.DefaultAppKey),
	})
	cfg := func(name string) string {
		return e.providerConfig() + tplConfig("tpl1", name, "true", tplSingle(at), threeParams("hello")...)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   identityCLI,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: cfg("tpl_identity"),
				Check: func(s *terraform.State) error {
					ids = e.srv.ScheduleIDs()
					if len(ids) != 3 {
						return fmt.Errorf("emulator holds %v", ids)
					}
					return tplCheckMapsEmulator(e, "req-001", "req-002", "req-003")(s)
				},
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{Config: cfg("tpl_identity_renamed"), ConfigStateChecks: []statecheck.StateCheck{identity}},
			{
				Config:          cfg("tpl_identity_renamed"),
				ResourceName:    tplRes,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				// JPush returns neither template_id nor keys: the import's plan
				// records them from the configuration in place (issue 20).
				ExpectNonEmptyPlan: true,
				ImportPlanChecks:   resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate)}},
			},
		},
	})
}

// idListCheck checks a list of strings against ids known once a step ran.
type idListCheck struct{ want *[]string }

func (c idListCheck) CheckValue(v any) error {
	l, ok := v.([]any)
	if !ok {
		return fmt.Errorf("identity schedule_ids %T, want a list", v)
	}
	got := make([]string, len(l))
	for i, x := range l {
		got[i], _ = x.(string)
	}
	if strings.Join(got, ",") != strings.Join(*c.want, ",") {
		return fmt.Errorf("identity schedule_ids %v, want %v", got, *c.want)
	}
	return nil
}

func (c idListCheck) String() string { return strings.Join(*c.want, ",") }
