package provider

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// TestAccLogging_quietUnlessAsked runs the real CLI against the provider
// binary wrapped by a script that appends the plugin's stderr (where
// go-plugin's log lines travel to Terraform) to a file. With a TF_LOG
// variable set, the plugin writes the SDK's and its own log lines as
// today; with none, it writes nothing for Terraform to parse and drop.
func TestAccLogging_quietUnlessAsked(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	tf := terraformCLI(t)
	dir := t.TempDir()
	binDir, work := filepath.Join(dir, "bin"), filepath.Join(dir, "work")
	for _, d := range []string{binDir, work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	providerBin := filepath.Join(dir, "real-provider")
	buildProviderBinary(t, providerBin)
	stderrLog := filepath.Join(dir, "plugin-stderr.log")
	secretsWriteFile(t, filepath.Join(binDir, "terraform-provider-jpush"),
		fmt.Sprintf("#!/bin/sh\nexec %q \"$@\" 2>>%q\n", providerBin, stderrLog))
	if err := os.Chmod(filepath.Join(binDir, "terraform-provider-jpush"), 0o755); err != nil {
		t.Fatal(err)
	}

	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cliConfig := filepath.Join(dir, "dev.tfrc")
	secretsWriteFile(t, cliConfig, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"jpushtf/jpush\" = %q\n  }\n  direct {}\n}\n", binDir))
	secretsWriteFile(t, filepath.Join(work, "main.tf"), fmt.Sprintf(`
terraform {
  required_providers {
    jpush = { source = "jpushtf/jpush" }
  }
}

provider "jpush" {
  app_key       = %q
  master_secret = %q
  endpoint      = %q
}

resource "jpush_schedule" "s" {
  name    = "logging_e2e"
  trigger = { single = { time = %q } }
  push = {
    audience     = { all = true }
    notification = { alert = "hello" }
  }
}
`, emulator.DefaultAppKey, emulator.DefaultMasterSecret, srv.URL, srv.Now().Add(72*time.Hour).UTC().Format(time.RFC3339)))

	var base []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") {
			base = append(base, kv)
		}
	}
	base = append(base, "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	run := func(extraEnv []string, args ...string) []byte {
		t.Helper()
		if err := os.WriteFile(stderrLog, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(tf, args...)
		cmd.Dir = work
		cmd.Env = append(append([]string{}, base...), extraEnv...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform %v: %v\n%s", args, err, out)
		}
		got, err := os.ReadFile(stderrLog)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	// Asked for: exactly as before, the SDK's trace lines and the
	// provider's own (a refresh request logged by the client).
	traced := run([]string{"TF_LOG=TRACE", "TF_LOG_PATH=" + filepath.Join(dir, "tf.log")},
		"apply", "-input=false", "-no-color", "-auto-approve")
	for _, want := range []string{`"@module":"sdk.framework"`, `"@module":"sdk.proto"`, "jpush: request"} {
		if !bytes.Contains(traced, []byte(want)) {
			t.Errorf("with TF_LOG=TRACE the plugin's stderr has no %s line", want)
		}
	}
	providerOnly := run([]string{"TF_LOG_PROVIDER=DEBUG"}, "plan", "-input=false", "-no-color")
	if !bytes.Contains(providerOnly, []byte("jpush: request")) {
		t.Errorf("with TF_LOG_PROVIDER=DEBUG the plugin's stderr has no provider line:\n%s", providerOnly)
	}

	// Not asked for: a plan that refreshes the schedule writes no SDK or
	// provider line. (go-plugin's own two start-up lines per process,
	// which carry no @module, are beyond the provider's reach.)
	quiet := run(nil, "plan", "-input=false", "-no-color", "-detailed-exitcode")
	module := []byte(`"@module"`)
	if n := bytes.Count(quiet, module); n != 0 {
		t.Errorf("with no TF_LOG variable the plugin wrote %d SDK or provider log lines (traced run: %d):\n%.2000s",
			n, bytes.Count(traced, module), quiet)
	}
	run(nil, "destroy", "-input=false", "-no-color", "-auto-approve")
	if ids := srv.ScheduleIDs(); len(ids) != 0 {
		t.Errorf("%d schedules left after destroy", len(ids))
	}
}
