package provider

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// secretsMaster is a distinctive master secret (24 alphanumerics) that
// must never show up anywhere.
const secretsMaster = "S3cr3tZ9q8w7e6r5t4y3u2i1"

// TestSecrets_masterSecretSensitive: the provider schema, as Terraform
// receives it over the plugin protocol, marks master_secret sensitive.
func TestSecrets_masterSecretSensitive(t *testing.T) {
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("diagnostic: %s: %s", d.Summary, d.Detail)
	}
	found := false
	for _, a := range resp.Provider.Block.Attributes {
		switch a.Name {
		case "master_secret":
			found = true
			if !a.Sensitive {
				t.Error("master_secret is not marked sensitive")
			}
		case "app_key", "endpoint":
			// Not secrets; shown in plans on purpose.
		}
	}
	if !found {
		t.Fatal("no master_secret attribute in the provider schema")
	}
}

// TestAccSecrets_traceLogs runs the real Terraform CLI against a provider
// binary built for the test (dev_overrides, no terraform init) at
// TF_LOG=TRACE through plan, apply, a second plan and destroy, and greps
// the log file, the state, the saved plan (terraform show -json) and every
// command's output for the master secret and its Basic-auth encoding.
func TestAccSecrets_traceLogs(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	tf := terraformCLI(t)
	dir := t.TempDir()
	binDir := filepath.Join(dir, "bin")
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	buildProviderBinary(t, filepath.Join(binDir, "terraform-provider-jpush"))

	srv, err := emulator.Start(emulator.Options{MasterSecret: secretsMaster})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	off := 0
	srv.Configure(emulator.Config{RateLimitPerMinute: &off})

	cliConfig := filepath.Join(dir, "dev.tfrc")
	secretsWriteFile(t, cliConfig, fmt.Sprintf(`provider_installation {
  dev_overrides {
    "jpushtf/jpush" = %q
  }
  direct {}
}
`, binDir))
	at := srv.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)
	secretsWriteFile(t, filepath.Join(work, "main.tf"), fmt.Sprintf(`
terraform {
  required_providers {
    jpush = { source = "jpushtf/jpush" }
  }
}

provider "jpush" {
  app_key  = %q
  endpoint = %q
  # master_secret comes from JPUSH_MASTER_SECRET, as in CI.
}

resource "jpush_schedule" "s" {
  name    = "secrets_e2e"
  trigger = { single = { time = %q } }
  push = {
    audience     = { all = true }
    notification = { alert = "hello" }
  }
}

data "jpush_schedules" "all" {
  depends_on = [jpush_schedule.s]
}

output "count" {
  value = length(data.jpush_schedules.all.schedules)
}
`, emulator.DefaultAppKey, srv.URL, at))

	logFile := filepath.Join(dir, "terraform.log")
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_") || strings.HasPrefix(kv, "JPUSH_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_LOG=TRACE",
		"TF_LOG_PATH="+logFile,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"JPUSH_MASTER_SECRET="+secretsMaster,
	)

	var outputs bytes.Buffer
	run := func(wantCode int, args ...string) string {
		t.Helper()
		cmd := exec.Command(tf, args...)
		cmd.Dir = work
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("terraform %v: %v", args, err)
		}
		outputs.Write(stdout.Bytes())
		outputs.Write(stderr.Bytes())
		if code != wantCode {
			t.Fatalf("terraform %v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, code, wantCode, stdout.String(), stderr.String())
		}
		return stdout.String()
	}

	run(0, "plan", "-input=false", "-no-color", "-out=tfplan")
	planJSON := run(0, "show", "-json", "tfplan")
	run(0, "apply", "-input=false", "-no-color", "-auto-approve", "tfplan")
	if st := srv.Stats(); st.Schedules != 1 || st.Creates != 1 {
		t.Fatalf("after apply the emulator holds %d schedules (%d creates), want 1", st.Schedules, st.Creates)
	}
	stateJSON := run(0, "show", "-json")
	run(0, "plan", "-input=false", "-no-color", "-detailed-exitcode")
	state, err := os.ReadFile(filepath.Join(work, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	run(0, "destroy", "-input=false", "-no-color", "-auto-approve")
	if ids := srv.ScheduleIDs(); len(ids) != 0 {
		t.Errorf("%d schedules left after destroy", len(ids))
	}
	logs, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}

	// The log must really hold the provider's trace entries, or finding
	// nothing proves nothing.
	for _, want := range []string{"jpush: request", "jpush: response body", "[REDACTED]", "/v3/schedules"} {
		if !bytes.Contains(logs, []byte(want)) {
			t.Errorf("the TRACE log has no %q: provider logs did not reach it", want)
		}
	}

	token := base64.StdEncoding.EncodeToString([]byte(emulator.DefaultAppKey + ":" + secretsMaster))
	needles := map[string]string{
		"master secret":      secretsMaster,
		"basic-auth token":   token,
		"token, url-encoded": strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(token),
	}
	places := map[string][]byte{
		"TF_LOG_PATH log":           logs,
		"terraform.tfstate":         state,
		"terraform show -json plan": []byte(planJSON),
		"terraform show -json":      []byte(stateJSON),
		"stdout/stderr":             outputs.Bytes(),
	}
	total := 0
	for where, data := range places {
		for what, needle := range needles {
			if n := bytes.Count(data, []byte(needle)); n > 0 {
				total += n
				t.Errorf("%s holds the %s %d times", where, what, n)
			}
		}
	}
	t.Logf("secret occurrences in %d KiB of TRACE log, state, plan JSON and CLI output: %d", len(logs)/1024, total)
}

func secretsWriteFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// terraformCLI is the Terraform CLI of an end-to-end test: with TF_ACC set,
// a missing CLI fails the test rather than skipping it, so CI never passes
// without having run it.
func terraformCLI(t *testing.T) string {
	t.Helper()
	if tf := os.Getenv("TF_ACC_TERRAFORM_PATH"); tf != "" {
		return tf
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("TF_ACC is set but no Terraform CLI was found: set TF_ACC_TERRAFORM_PATH or put terraform on PATH")
	}
	return tf
}

// buildProviderBinary builds the provider into out (with -race when the
// test runs with it, to share the build cache).
func buildProviderBinary(t *testing.T, out string) {
	t.Helper()
	args := []string{"build", "-o", out}
	if secretsRaceEnabled {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, ".")...)
	build.Dir = filepath.Join("..", "..")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
}
