package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// cliHarness runs the real Terraform CLI, command by command, in one working
// directory against the provider served in-process (TF_REATTACH_PROVIDERS),
// for what terraform-plugin-testing cannot do: read the warnings a plan
// prints, apply a saved plan after the emulator's clock has moved, or
// interrupt a running apply.
type cliHarness struct {
	t   *testing.T
	tf  string
	dir string
	env []string

	// newClient builds the provider's client: client.New unless
	// withClients set e's adjusted constructor.
	newClient func(client.Config) (*client.Client, error)

	mu   sync.Mutex
	proc *os.Process // the running terraform command, if any
}

// withClients serves the provider with e's client adjustments
// (e.adjustClients, e.g. stableListCache), as e.factories() does for
// terraform-plugin-testing.
func (h *cliHarness) withClients(e *accEnv) *cliHarness {
	e.factoriesUsed = true
	h.newClient = e.newClient
	return h
}

// newCLIHarness prepares a working directory; it skips the test without
// TF_ACC, like terraform-plugin-testing.
func newCLIHarness(t *testing.T) *cliHarness {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Fatal("no terraform CLI: set TF_ACC_TERRAFORM_PATH")
		}
	}
	h := &cliHarness{t: t, tf: tf, dir: t.TempDir()}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") || strings.HasPrefix(kv, "TF_REATTACH_PROVIDERS=") || strings.HasPrefix(kv, "JPUSH_") {
			continue
		}
		h.env = append(h.env, kv)
	}
	h.env = append(h.env, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	return h
}

// write replaces the configuration.
func (h *cliHarness) write(config string) {
	h.t.Helper()
	if err := os.WriteFile(filepath.Join(h.dir, "main.tf"), []byte(config), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// serve starts a provider server in debug mode and returns the
// TF_REATTACH_PROVIDERS value for it and a function that stops it.
func (h *cliHarness) serve() (string, func()) {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cfgCh := make(chan *plugin.ReattachConfig)
	closeCh := make(chan struct{})
	factory := func() tfprotov6.ProviderServer {
		var p provider.Provider
		if h.newClient != nil {
			p = newProvider("test", h.newClient)
		} else {
			p = New("test")()
		}
		s, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			panic(err)
		}
		return s
	}
	go func() {
		_ = tf6server.Serve("registry.terraform.io/hashicorp/jpush", factory,
			tf6server.WithDebug(ctx, cfgCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithoutLogStderrOverride())
	}()
	cfg := <-cfgCh
	reattach, _ := json.Marshal(map[string]any{
		"registry.terraform.io/hashicorp/jpush": map[string]any{
			"Protocol": string(cfg.Protocol), "ProtocolVersion": cfg.ProtocolVersion,
			"Pid": cfg.Pid, "Test": cfg.Test,
			"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
		},
	})
	return string(reattach), func() { cancel(); <-closeCh }
}

// run runs one terraform command (-no-color and -input=false are added
// where they apply) and returns its combined output and exit code.
func (h *cliHarness) run(args ...string) (string, int) {
	h.t.Helper()
	reattach, stop := h.serve()
	defer stop()
	switch args[0] {
	case "init", "plan", "apply", "destroy":
		args = append(args[:1:1], append([]string{"-no-color", "-input=false"}, args[1:]...)...)
	}
	cmd := exec.Command(h.tf, args...)
	cmd.Dir = h.dir
	cmd.Env = append(append([]string{}, h.env...), "TF_REATTACH_PROVIDERS="+reattach)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		h.t.Fatalf("terraform %v: %v", args, err)
	}
	h.mu.Lock()
	h.proc = cmd.Process
	h.mu.Unlock()
	err := cmd.Wait()
	h.mu.Lock()
	h.proc = nil
	h.mu.Unlock()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		h.t.Fatalf("terraform %v: %v", args, err)
	}
	return out.String(), code
}

// must runs a command that must succeed and returns its output.
func (h *cliHarness) must(args ...string) string {
	h.t.Helper()
	out, code := h.run(args...)
	if code != 0 {
		h.t.Fatalf("terraform %v: exit %d\n%s", args, code, out)
	}
	return out
}

// warnings returns the text of every "Warning:" block of a command's
// output (-no-color: a block runs to the next Warning or Error), each on
// one line.
func warnings(out string) []string {
	var ws []string
	for _, block := range strings.Split(out, "\nWarning: ")[1:] {
		if i := strings.Index(block, "\nError: "); i >= 0 {
			block = block[:i]
		}
		ws = append(ws, oneLine("Warning: "+block))
	}
	return ws
}

// oneLine joins the lines of a diagnostic (any box drawing removed), so
// that a wrapped message can be matched as one sentence.
func oneLine(s string) string {
	s = strings.NewReplacer("│", " ", "╷", " ", "╵", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// cliDiag is one diagnostic of a command run with -json.
type cliDiag struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

// jsonDiagnostics returns every diagnostic of a command's -json output
// (unlike the human output, never consolidated).
func jsonDiagnostics(out string) []cliDiag {
	var ds []cliDiag
	for _, line := range strings.Split(out, "\n") {
		var msg struct {
			Type       string   `json:"type"`
			Diagnostic *cliDiag `json:"diagnostic"`
		}
		if json.Unmarshal([]byte(line), &msg) == nil && msg.Type == "diagnostic" && msg.Diagnostic != nil {
			ds = append(ds, *msg.Diagnostic)
		}
	}
	return ds
}
