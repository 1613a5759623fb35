package exampletest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// readmeShellBlock returns the README's shell block that contains marker.
func readmeShellBlock(t *testing.T, root, marker string) markdownBlock {
	blocks, err := fencedBlocks(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var found []markdownBlock
	for _, b := range blocks {
		if (b.lang == "sh" || b.lang == "shell") && strings.Contains(b.body, marker) {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("README.md has %d shell blocks with %q, want 1", len(found), marker)
	}
	return found[0]
}

// freeAddr is a loopback address with a port nobody listens on now.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestReadmeEmulatorBlockAsPasted: the README's "Trying it locally" block,
// pasted into a shell, starts the emulator and leaves the shell with the
// JPUSH_* variables set and the emulator answering. Only the address is
// changed (another test or a reader's emulator may hold 18080).
func TestReadmeEmulatorBlockAsPasted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the emulator")
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	b := readmeShellBlock(t, root, "go run ./cmd/jpush-emulator")
	addr := freeAddr(t)
	block := strings.ReplaceAll(b.body, documentedAddr, addr)
	block = strings.Replace(block, "go run ./cmd/jpush-emulator", "go run ./cmd/jpush-emulator -listen "+addr, 1)
	script := block + `
echo "endpoint=$JPUSH_ENDPOINT key=$JPUSH_APP_KEY secret=$JPUSH_MASTER_SECRET"
curl -s "$JPUSH_ENDPOINT/_emulator/clock"
`
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", script)
	cmd.Dir = root
	cmd.Env = cleanEnv()
	// The emulator is left running in the background, as in a reader's
	// shell: end the whole process group this test started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	// A file, not a pipe: the emulator left in the background keeps its
	// standard output open, and Wait would wait for a pipe's end.
	outFile, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer outFile.Close()
	cmd.Stdout, cmd.Stderr = outFile, outFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pgid := cmd.Process.Pid
	t.Cleanup(func() { _ = syscall.Kill(-pgid, syscall.SIGTERM) })
	err = cmd.Wait()
	outBytes, _ := os.ReadFile(outFile.Name())
	out := string(outBytes)
	if err != nil {
		t.Fatalf("README.md:%d, pasted into bash, did not finish (%v): a command of it runs in the foreground?\n%s", b.line, err, out)
	}
	want := fmt.Sprintf("endpoint=http://%s key=%s secret=%s", addr, emulator.DefaultAppKey, emulator.DefaultMasterSecret)
	if !strings.Contains(out, want) || !strings.Contains(out, `{"now":`) {
		t.Fatalf("README.md:%d, pasted into bash, did not leave %q set with the emulator answering:\n%s", b.line, want, out)
	}
}
