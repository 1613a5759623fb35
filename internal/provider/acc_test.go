package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// Shared helpers of the acceptance tests. Every test runs its own emulator
// in-process on loopback and the provider in-process; TF_ACC (set by
// scripts/test.sh) turns them on.

// protoV6Factories serves a fresh provider instance for every Terraform
// command, so parallel tests never share a configured provider.
var protoV6Factories = map[string]func() (tfprotov6.ProviderServer, error){
	"jpush": func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(New("test")())()
	},
}

// importBlockCLI is the TerraformVersionChecks of every test case with an
// ImportBlock* import step: import blocks need Terraform 1.5 (OpenTofu has
// them from its first release, 1.6). The CI's CLIs are newer, so the check
// only ever skips on an old local CLI, where the test could not run.
var importBlockCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)}

type accEnv struct {
	t   *testing.T
	srv *emulator.Server
	loc *time.Location

	// clientOpts adjust the client of every provider e.factories serves.
	clientOpts    []func(*client.Config)
	factoriesUsed bool
}

// adjustClients adds an adjustment to the client configuration of the
// providers e.factories serves: settings the provider block has no
// attribute for, such as the retry backoff or the list cache's lifetime.
// The test case must then use e.factories(); the test fails if it does not,
// since the adjustment would silently never reach the provider.
func (e *accEnv) adjustClients(opt func(*client.Config)) {
	e.t.Helper()
	if len(e.clientOpts) == 0 {
		e.t.Cleanup(func() {
			if !e.factoriesUsed && !e.t.Failed() && !e.t.Skipped() {
				e.t.Error("the test adjusted its provider clients but its TestCase does not use e.factories()")
			}
		})
	}
	e.clientOpts = append(e.clientOpts, opt)
}

// factories serves, like protoV6Factories, a fresh provider for every
// Terraform command; each builds its client from the provider block and
// then applies e's adjustments (adjustClients).
func (e *accEnv) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	e.factoriesUsed = true
	return map[string]func() (tfprotov6.ProviderServer, error){
		"jpush": func() (tfprotov6.ProviderServer, error) {
			return providerserver.NewProtocol6WithError(newProvider("test", e.newClient))()
		},
	}
}

// newClient is client.New after e's adjustments.
func (e *accEnv) newClient(cfg client.Config) (*client.Client, error) {
	for _, opt := range e.clientOpts {
		opt(&cfg)
	}
	return client.New(cfg)
}

// newAccEnv starts an emulator (Asia/Shanghai unless loc says otherwise)
// with rate limiting off, closed at the end of the test.
func newAccEnv(t *testing.T, loc *time.Location) *accEnv {
	t.Helper()
	if loc == nil {
		loc = framework.DefaultLocation
	}
	srv, err := emulator.Start(emulator.Options{Location: loc})
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(srv.Close)
	off := 0
	srv.Configure(emulator.Config{RateLimitPerMinute: &off})
	return &accEnv{t: t, srv: srv, loc: loc}
}

// testTerraformBlock names the provider's source in full, as the in-process
// server is registered, so that every step (import steps included) reaches
// it under Terraform and OpenTofu alike: OpenTofu reads a bare "jpush" as
// registry.opentofu.org/hashicorp/jpush and would try to download it.
const testTerraformBlock = `
terraform {
  required_providers {
    jpush = { source = "registry.terraform.io/hashicorp/jpush" }
  }
}
`

// providerConfig is the provider block for this emulator, after
// testTerraformBlock; extra lines go inside it.
func (e *accEnv) providerConfig(extra ...string) string {
	return testTerraformBlock + fmt.Sprintf(`
provider "jpush" {
  app_key       = %q
  master_secret = %q
  endpoint      = %q
  max_retries   = 1
  %s
}
`, emulator.DefaultAppKey, emulator.DefaultMasterSecret, e.srv.URL, strings.Join(extra, "\n  "))
}

// requests is the total number of API requests the emulator has seen.
func (e *accEnv) requests() int {
	n := 0
	for _, v := range e.srv.Stats().Requests {
		n += v
	}
	return n
}

func (e *accEnv) route(key string) int { return e.srv.Stats().Requests[key] }

func (e *accEnv) setMode(expiredVisible, normalize bool) {
	e.srv.Configure(emulator.Config{ExpiredVisible: &expiredVisible, Normalize: &normalize})
}

// wire formats t as JPush's wall clock in the test's zone.
func (e *accEnv) wire(t time.Time) string { return t.In(e.loc).Format("2006-01-02 15:04:05") }

// rfc formats t as RFC 3339 in UTC.
func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// now is the emulator's virtual now, truncated to the second.
func (e *accEnv) now() time.Time { return e.srv.Now().Truncate(time.Second) }

// stored returns the emulator's copy of a schedule, decoded.
func (e *accEnv) stored(id string) map[string]any {
	raw, ok := e.srv.Schedule(id)
	if !ok {
		e.t.Fatalf("schedule %s not in the emulator", id)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		e.t.Fatalf("decode schedule: %v", err)
	}
	return m
}

// deleteOutOfBand deletes a schedule behind Terraform's back.
func (e *accEnv) deleteOutOfBand(id string) error {
	req, _ := http.NewRequest(http.MethodDelete, e.srv.URL+"/v3/schedules/"+id, nil)
	req.SetBasicAuth(emulator.DefaultAppKey, emulator.DefaultMasterSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("delete %s: HTTP %d", id, resp.StatusCode)
	}
	return nil
}

// idOf reads a resource's id from the state.
func idOf(s *terraform.State, name string) (string, error) {
	rs, ok := s.RootModule().Resources[name]
	if !ok {
		return "", fmt.Errorf("%s not in state", name)
	}
	return rs.Primary.ID, nil
}

// counter remembers a route count so that a step can check its delta.
type counter struct {
	e    *accEnv
	last map[string]int
}

func (e *accEnv) counter() *counter {
	return &counter{e: e, last: e.srv.Stats().Requests}
}

// delta returns how many requests each route got since the last call.
func (c *counter) delta() map[string]int {
	now := c.e.srv.Stats().Requests
	d := map[string]int{}
	for k, v := range now {
		d[k] = v - c.last[k]
	}
	c.last = now
	return d
}

// checkDelta is a TestCheckFunc asserting the requests made since the
// previous checkDelta (nil want values are not checked).
func (c *counter) checkDelta(want map[string]int) func(*terraform.State) error {
	return func(*terraform.State) error {
		d := c.delta()
		for k, v := range want {
			if d[k] != v {
				return fmt.Errorf("%s: got %d requests in this step, want %d (all: %v)", k, d[k], v, d)
			}
		}
		return nil
	}
}
