package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	emu "github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// The test binary stands in for the programs run drives: started under
// the name terraform it records each command, under the name
// jpush-emulator it serves the emulator in process.
func TestMain(m *testing.M) {
	switch filepath.Base(os.Args[0]) {
	case "terraform":
		os.Exit(fakeTerraform(os.Args[1:]))
	case "jpush-emulator":
		os.Exit(fakeEmulator())
	}
	os.Exit(m.Run())
}

// fakeTerraformLog is the file the fake terraform appends its commands to.
const fakeTerraformLog = "BENCH_FAKE_TERRAFORM_LOG"

// fakeTerraform writes one line per command: the folder, the arguments,
// the emulator it was pointed at and that emulator's settings and clock
// then, the logging asked for, and the resource type of main.tf.
func fakeTerraform(args []string) int {
	if len(args) == 1 && args[0] == "version" {
		fmt.Println("Terraform v0.0.0-fake")
		return 0
	}
	wd, _ := os.Getwd()
	endpoint := os.Getenv("JPUSH_ENDPOINT")
	var cfg map[string]any
	var clock struct {
		Now time.Time `json:"now"`
	}
	for path, v := range map[string]any{"/_emulator/config": &cfg, "/_emulator/clock": &clock} {
		resp, err := http.Get(endpoint + path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 3
		}
		_ = json.NewDecoder(resp.Body).Decode(v)
		resp.Body.Close()
	}
	tf, _ := os.ReadFile(filepath.Join(wd, "main.tf"))
	kind := regexp.MustCompile(`resource "(\w+)"`).FindStringSubmatch(string(tf))
	if strings.Contains(string(tf), "push_json") {
		kind[1] += "+push_json"
	}
	line := fmt.Sprintf("dir=%s args=%q emu=%s latency=%v limit=%v quota=%v clock+%dd TF_LOG_PROVIDER=%q TF_LOG=%q resource=%s cli=%s work=%s\n",
		filepath.Base(wd), args, endpoint, cfg["latency"], cfg["rate_limit_per_minute"], cfg["schedule_quota"],
		int(time.Until(clock.Now).Round(24*time.Hour).Hours()/24), os.Getenv("TF_LOG_PROVIDER"), os.Getenv("TF_LOG"), kind[1],
		filepath.Base(os.Getenv("TF_CLI_CONFIG_FILE")), filepath.Dir(wd))
	f, err := os.OpenFile(os.Getenv(fakeTerraformLog), os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return 3
	}
	defer f.Close()
	_, _ = f.WriteString(line)
	return 0
}

// fakeEmulator serves a fresh emulator on a free loopback port, announced
// as jpush-emulator does, until it is interrupted.
func fakeEmulator() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 3
	}
	srv := &http.Server{Handler: emu.New(emu.Options{AppKey: appKey, MasterSecret: masterSecret}), ReadHeaderTimeout: time.Minute}
	fmt.Printf("jpush-emulator listening on http://%s\n", ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { _ = srv.Serve(ln) }()
	<-ctx.Done()
	_ = srv.Close()
	return 0
}

// run drives every pass it is asked for in order, against the right
// emulator with the right settings, writes the report, removes its work
// folder (unless -keep) and stops its emulators. The commands it ran are
// compared with testdata/run-commands-*.txt (-update rewrites them).
func TestRunDrivesEveryPass(t *testing.T) {
	for _, tc := range []struct {
		name  string
		emus  int
		setup func(o *options)
	}{
		{"all", 3, func(o *options) { o.split, o.cpuRounds = true, 1 }},
		{"minimal", 1, func(o *options) { o.skipLimited, o.keep = true, true }},
	} {
		t.Run(tc.name, func(t *testing.T) { testRun(t, tc.name, tc.emus, tc.setup) })
	}
}

func testRun(t *testing.T, name string, wantEmus int, setup func(o *options)) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(filepath.Join(dir, "tf"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{filepath.Join(bin, "jpush-emulator"), filepath.Join(dir, "tf", "terraform")} {
		if err := os.Symlink(self, link); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"terraform-provider-jpush", "terraform-provider-benchfloor"} {
		if err := os.WriteFile(filepath.Join(bin, f), nil, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	logPath := filepath.Join(dir, "commands.log")
	t.Setenv(fakeTerraformLog, logPath)
	out := filepath.Join(dir, "BENCH.md")
	o := options{
		n: 150, latency: 7 * time.Millisecond, rateLimit: 90, terraform: filepath.Join(dir, "tf", "terraform"),
		binDir: bin, out: out,
	}
	setup(&o)
	if err := run(o); err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	got, emus, work := anonymize(t, string(data))
	if len(emus) != wantEmus {
		t.Errorf("%d emulators used, want %d", len(emus), wantEmus)
	}
	for _, u := range emus {
		if resp, err := http.Get(u + "/_emulator/clock"); err == nil {
			resp.Body.Close()
			t.Errorf("emulator %s still answers after run", u)
		}
	}
	if _, err := os.Stat(work); o.keep != (err == nil) {
		t.Errorf("work folder %s with -keep=%v: %v", work, o.keep, err)
	}
	if o.keep {
		_ = os.RemoveAll(work)
	}
	md, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(md), "Terraform v0.0.0-fake") ||
		strings.Contains(string(md), "## Emulator rate limit 90 calls a minute") == o.skipLimited {
		t.Errorf("report %s: %v\n%.300s", out, err, md)
	}
	golden := filepath.Join("testdata", "run-commands-"+name+".txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("commands differ from %s (rerun with -update if intended):\n%s", golden, firstDiff(string(want), got))
	}
}

// anonymize names the emulators emu1, emu2, ... in the order they first
// appear and drops the work folder's random name, which it returns with
// the emulators' URLs.
func anonymize(t *testing.T, log string) (string, []string, string) {
	t.Helper()
	var emus []string
	names := map[string]string{}
	work := ""
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		fields := strings.Split(line, " ")
		w := strings.TrimPrefix(fields[len(fields)-1], "work=")
		if work == "" {
			work = w
		} else if w != work {
			t.Errorf("command outside the work folder %s: %s", work, line)
		}
		line = strings.Join(fields[:len(fields)-1], " ")
		u := regexp.MustCompile(`emu=(\S+)`).FindStringSubmatch(line)[1]
		if names[u] == "" {
			emus = append(emus, u)
			names[u] = fmt.Sprintf("emu%d", len(emus))
		}
		b.WriteString(strings.Replace(line, "emu="+u, "emu="+names[u], 1) + "\n")
	}
	return b.String(), emus, work
}
