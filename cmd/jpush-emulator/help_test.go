package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// TestHelpListsAdminRoutes: `jpush-emulator -help` documents every admin
// route the emulator serves, the msg_ids switch and the default address.
func TestHelpListsAdminRoutes(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-help"}, &stdout, &stderr)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("-help: %v", err)
	}
	help := stderr.String()
	routes := emulator.AdminRoutes()
	if len(routes) == 0 {
		t.Fatal("the emulator lists no admin routes")
	}
	for _, r := range routes {
		if !strings.Contains(help, r.Method+" "+r.Path) {
			t.Errorf("-help does not list %s %s:\n%s", r.Method, r.Path, help)
		}
	}
	for _, want := range append(configKeys(), "-msg-ids-visible", "-expired-visible", defaultListen, emulator.DefaultAppKey, emulator.DefaultMasterSecret) {
		if !strings.Contains(help, want) {
			t.Errorf("-help lacks %q:\n%s", want, help)
		}
	}
}

// TestEmulatorPortEverywhere: the README, the docs, the guide's template and
// the demo name the emulator's default address and no other port.
func TestEmulatorPortEverywhere(t *testing.T) {
	root := filepath.Join("..", "..")
	files := []string{"README.md", "scripts/demo.sh", "templates/index.md.tmpl", "templates/guides/testing-locally.md.tmpl", "docs/index.md", "docs/guides/testing-locally.md"}
	addr := regexp.MustCompile(`(?:127\.0\.0\.1|localhost):(\d+)`)
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		found := false
		for _, m := range addr.FindAllStringSubmatch(string(b), -1) {
			if m[0] == defaultListen || m[1] == "0" && f == "scripts/demo.sh" {
				found = found || m[0] == defaultListen
				continue
			}
			t.Errorf("%s names %s; the emulator's default address is %s", f, m[0], defaultListen)
		}
		if !found {
			t.Errorf("%s never names the emulator's default address %s", f, defaultListen)
		}
	}
}

// TestGuideDocumentsAdminAPI: the "Testing locally" guide (its template
// and the generated page) documents every admin route the emulator serves,
// every mode PUT /_emulator/config accepts, every fault kind and route key,
// and every flag.
func TestGuideDocumentsAdminAPI(t *testing.T) {
	var help bytes.Buffer
	_ = run(context.Background(), []string{"-help"}, io.Discard, &help)
	flags := regexp.MustCompile(`(?m)^\s+(-[a-z-]+)`).FindAllStringSubmatch(help.String(), -1)
	if len(flags) < 9 {
		t.Fatalf("found %d flags in -help", len(flags))
	}
	var want []string
	for _, r := range emulator.AdminRoutes() {
		want = append(want, "`"+r.Method+" "+r.Path+"`")
	}
	for _, k := range configKeys() {
		want = append(want, "`"+k+"`")
	}
	for _, k := range emulator.FaultKinds() {
		want = append(want, "`"+k+"`")
	}
	for _, k := range jsonKeys(reflect.TypeOf(emulator.FaultRule{})) {
		want = append(want, "`"+k+"`")
	}
	for _, k := range jsonKeys(reflect.TypeOf(emulator.Stats{})) {
		want = append(want, "`"+k+"`")
	}
	for _, k := range emulator.RouteKeys() {
		want = append(want, "`"+k+"`")
	}
	for _, f := range flags {
		want = append(want, "`"+f[1]+"`")
	}
	for _, f := range []string{"templates/guides/testing-locally.md.tmpl", "docs/guides/testing-locally.md"} {
		b, err := os.ReadFile(filepath.Join("..", "..", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s does not document %s", f, w)
			}
		}
	}
}

// TestHelpShowsListenAddress: the export line of -help names the address the
// emulator would listen on with the other flags given, before or after -help.
func TestHelpShowsListenAddress(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-help"}, "export JPUSH_ENDPOINT=http://" + defaultListen + "\n"},
		{[]string{"-listen", "127.0.0.1:9999", "-help"}, "export JPUSH_ENDPOINT=http://127.0.0.1:9999\n"},
		{[]string{"-listen=127.0.0.1:9998", "-help"}, "export JPUSH_ENDPOINT=http://127.0.0.1:9998\n"},
		{[]string{"-help", "--listen", "[::1]:9997"}, "export JPUSH_ENDPOINT=http://[::1]:9997\n"},
		{[]string{"-h", "-listen", "127.0.0.1:0"}, "export JPUSH_ENDPOINT=http://127.0.0.1:<the port printed at start>\n"},
	} {
		var stderr bytes.Buffer
		if err := run(context.Background(), tc.args, io.Discard, &stderr); !errors.Is(err, flag.ErrHelp) {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: -help lacks %q:\n%s", tc.args, tc.want, stderr.String())
		}
		if strings.Count(stderr.String(), "Usage:") != 1 {
			t.Errorf("%v: usage printed %d times", tc.args, strings.Count(stderr.String(), "Usage:"))
		}
	}
}
