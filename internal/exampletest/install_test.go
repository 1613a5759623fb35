package exampletest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMakeInstallDirectory: the directory the README tells readers to put
// in dev.tfrc is where make install puts the provider, and make install
// says so, with GOBIN set and without it.
func TestMakeInstallDirectory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider twice")
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	block := readmeShellBlock(t, root, "go env GOBIN")
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	gobin, gopath := t.TempDir(), t.TempDir()
	for _, tc := range []struct {
		name string
		env  []string
		want string
	}{
		{"GOBIN set", []string{"GOBIN=" + gobin}, gobin},
		{"GOBIN unset", []string{"GOBIN=", "GOPATH=" + gopath + string(os.PathListSeparator) + t.TempDir()}, filepath.Join(gopath, "bin")},
	} {
		env := append(cleanEnv(), "GOMODCACHE="+strings.TrimSpace(string(modcache)))
		env = append(env, tc.env...)
		install := exec.Command("make", "-s", "install")
		install.Dir, install.Env = root, env
		out, err := install.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: make install: %v\n%s", tc.name, err, out)
		}
		if !strings.Contains(string(out), "into "+tc.want+"\n") {
			t.Errorf("%s: make install does not say it installed into %s:\n%s", tc.name, tc.want, out)
		}
		if _, err := os.Stat(filepath.Join(tc.want, "terraform-provider-jpush"+exeSuffix())); err != nil {
			t.Errorf("%s: make install did not install into %s: %v", tc.name, tc.want, err)
		}
		readme := exec.Command("bash", "-c", block.body)
		readme.Dir, readme.Env = root, env
		got, err := readme.Output()
		if err != nil || strings.TrimSpace(string(got)) != tc.want {
			t.Errorf("%s: README.md:%d prints %q (%v), but make install installs into %s", tc.name, block.line, got, err, tc.want)
		}
	}
}
