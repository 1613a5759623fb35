package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// functionsCLI is the TerraformVersionChecks of every test that calls a
// provider function: they need Terraform 1.8 (OpenTofu 1.7); an older CLI,
// such as the Terraform 1.5.7 of make test-matrix, skips them saying so.
var functionsCLI = []tfversion.TerraformVersionCheck{functionsCLICheck{}}

type functionsCLICheck struct{}

func (functionsCLICheck) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	cli, least := "Terraform", "1.8.0"
	if strings.Contains(filepath.Base(os.Getenv("TF_ACC_TERRAFORM_PATH")), "tofu") {
		cli, least = "OpenTofu", "1.7.0"
	}
	if req.TerraformVersion != nil && req.TerraformVersion.LessThan(version.Must(version.NewVersion(least))) {
		resp.Skip = fmt.Sprintf("%s %s lacks provider-defined functions (provider::jpush::next_pushes), "+
			"which need %s %s or later", cli, req.TerraformVersion, cli, least)
	}
}

// issueTrigger is the trigger of issue 22's example.
const issueTrigger = `{ periodical = { start = "2027-01-01 00:00:00", end = "2027-02-28 23:59:59", time = "08:30:00",
    time_unit = "week", frequency = 1, point = ["MON", "FRI"] } }`

var issuePushes = []string{"2027-01-01T08:30:00+08:00", "2027-01-04T08:30:00+08:00", "2027-01-08T08:30:00+08:00"}

func stringsExact(ss []string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ss))
	for i, s := range ss {
		checks[i] = knownvalue.StringExact(s)
	}
	return knownvalue.ListExact(checks)
}

// TestAccFunctions_values evaluates the functions in outputs with the real
// CLI (the issue's example among them), and a bad trigger fails the plan
// with the resource's words.
func TestAccFunctions_values(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   functionsCLI,
		Steps: []resource.TestStep{{
			Config: testTerraformBlock + fmt.Sprintf(`
output "issue" {
  value = provider::jpush::next_pushes(%s, "Asia/Shanghai", "2027-01-01T00:00:00+08:00", 3)
}
output "single_passed" {
  value = provider::jpush::next_pushes({ single = { time = "2027-01-01T09:00:00Z" } }, "Asia/Shanghai", "2027-01-01T09:00:00Z", 5)
}
output "gap" {
  value = provider::jpush::next_pushes({ periodical = { start = "2027-03-13 00:00:00", end = "2027-03-15 00:00:00",
    time = "02:30:00", time_unit = "day", frequency = 1, point = null } }, "America/New_York", "2027-03-13T00:00:00-05:00", 5)
}
output "wall_clock" {
  value = provider::jpush::wall_clock("2027-01-01T00:30:00Z", "Asia/Shanghai")
}
`, issueTrigger),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("issue", stringsExact(issuePushes)),
				statecheck.ExpectKnownOutputValue("single_passed", knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownOutputValue("gap", stringsExact([]string{"2027-03-13T02:30:00-05:00", "2027-03-14T03:30:00-04:00"})),
				statecheck.ExpectKnownOutputValue("wall_clock", knownvalue.StringExact("2027-01-01 08:30:00")),
			},
		}, {
			Config: testTerraformBlock + `
output "bad" {
  value = provider::jpush::next_pushes({ periodical = { start = "2027-01-01 00:00:00", end = "2027-02-28 23:59:59",
    time = "08:30:00", time_unit = "week", frequency = 1, point = ["MON", "MOON"] } }, "Asia/Shanghai", "2027-01-01T00:00:00Z", 3)
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid value for "trigger" parameter.*trigger\.periodical\.point\[1\]:\s+"MOON"\s+is\s+not\s+a\s+week\s+day`),
		}},
	})
}

// TestAccFunctions_ofResource passes a schedule's trigger attribute (where
// the kind not used and an omitted point are null) to next_pushes, in an
// output and in a check block, and then lets the emulator fire the
// schedule: it pushes at exactly the instants next_pushes gave.
func TestAccFunctions_ofResource(t *testing.T) {
	e := newAccEnv(t, nil)
	epoch, _ := time.Parse(time.RFC3339, "2026-12-01T00:00:00+08:00")
	e.srv.SetNow(epoch)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   functionsCLI,
		Steps: []resource.TestStep{{
			Config: e.providerConfig() + fmt.Sprintf(`
resource "jpush_schedule" "weekly" {
  name      = "functions_acc"
  trigger   = %s
  push_json = jsonencode({ platform = "all", audience = "all", notification = { alert = "hi" } })
}
output "next" {
  value = provider::jpush::next_pushes(jpush_schedule.weekly.trigger, "Asia/Shanghai", "2027-01-01T00:00:00+08:00", 3)
}
check "no_push_at_night" {
  assert {
    condition = alltrue([
      for at in provider::jpush::next_pushes(jpush_schedule.weekly.trigger, "Asia/Shanghai", "2027-01-01T00:00:00+08:00", 10) :
      tonumber(formatdate("hh", at)) >= 8 && tonumber(formatdate("hh", at)) < 22
    ])
    error_message = "a push falls in quiet hours"
  }
}
`, issueTrigger),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("next", stringsExact(issuePushes))},
			Check: func(s *terraform.State) error {
				id, err := idOf(s, "jpush_schedule.weekly")
				if err != nil {
					return err
				}
				last, _ := time.Parse(time.RFC3339, issuePushes[2])
				e.srv.SetNow(last)
				if fired := firedAt(t, e, id); !slices.Equal(fired, issuePushes) {
					return fmt.Errorf("the emulator fired the schedule at %v; next_pushes said %v", fired, issuePushes)
				}
				return nil
			},
		}},
	})
}

// firedAt lists the instants a schedule fired at, from its msg_ids.
func firedAt(t *testing.T, e *accEnv, id string) []string {
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/v3/schedules/"+id+"/msg_ids", nil)
	req.SetBasicAuth(emulator.DefaultAppKey, emulator.DefaultMasterSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		MsgIDs []string `json:"msgids"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range body.MsgIDs {
		var entry struct {
			TS int64 `json:"ts"`
		}
		if err := json.Unmarshal([]byte(m), &entry); err != nil {
			t.Fatal(err)
		}
		out = append(out, time.UnixMilli(entry.TS).In(e.loc).Format(time.RFC3339))
	}
	return out
}

// TestAccFunctions_schema: `terraform providers schema -json` lists the
// functions with their parameters.
func TestAccFunctions_schema(t *testing.T) {
	h := newCLIHarness(t)
	h.write(testTerraformBlock)
	h.must("init")
	out, _ := h.run("version", "-json")
	var v struct {
		Version string `json:"terraform_version"`
	}
	_ = json.Unmarshal([]byte(out), &v)
	var resp tfversion.CheckTerraformVersionResponse
	functionsCLICheck{}.CheckTerraformVersion(t.Context(),
		tfversion.CheckTerraformVersionRequest{TerraformVersion: version.Must(version.NewVersion(v.Version))}, &resp)
	if resp.Skip != "" {
		t.Skip(resp.Skip)
	}
	var schema struct {
		ProviderSchemas map[string]struct {
			Functions map[string]struct {
				Parameters []struct {
					Name string `json:"name"`
				} `json:"parameters"`
			} `json:"functions"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal([]byte(h.must("providers", "schema", "-json")), &schema); err != nil {
		t.Fatal(err)
	}
	fns := schema.ProviderSchemas["registry.terraform.io/hashicorp/jpush"].Functions
	for name, params := range map[string]string{"next_pushes": "trigger time_zone after count", "wall_clock": "time time_zone"} {
		var got []string
		for _, p := range fns[name].Parameters {
			got = append(got, p.Name)
		}
		if strings.Join(got, " ") != params {
			t.Errorf("providers schema -json: function %s has parameters %v, want %s", name, got, params)
		}
	}
}
