// Command jpush-emulator serves the in-memory JPush emulator on a loopback address.
//
//	go run ./cmd/jpush-emulator    # listens on 127.0.0.1:18080
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"reflect"
	"strings"
	"syscall"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// defaultListen is the emulator's address in the README, the docs and the
// demo (a test checks they agree). 18080 rather than 8080, which local web
// servers often hold.
const defaultListen = "127.0.0.1:18080"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return // -help printed the usage
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "jpush-emulator:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done. It prints the listening line on stdout and logs requests on stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("jpush-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// The usage shows the address given by -listen, wherever it stands
	// among the arguments (flag stops parsing at -help).
	fs.Usage = func() { usage(fs, endpointFor(listenArg(args))) }
	listen := fs.String("listen", defaultListen, "address to listen on (port 0: a free port, printed on stdout)")
	appKey := fs.String("app-key", emulator.DefaultAppKey, "JPush app key accepted by the emulator")
	secret := fs.String("master-secret", emulator.DefaultMasterSecret, "JPush master secret accepted by the emulator")
	zone := fs.String("time-zone", "Asia/Shanghai", "IANA zone of JPush wall-clock times")
	expiredVisible := fs.Bool("expired-visible", false, "GET of a fired/ended schedule answers it instead of 404/8104")
	msgIDsVisible := fs.Bool("msg-ids-visible", true, "msg_ids of a fired/ended schedule stay readable (false: 404/8104)")
	normalize := fs.Bool("normalize", false, "echo schedules the way a real server may (upper-case time_unit, option defaults)")
	rateLimit := fs.Int("rate-limit", 100, "calls per minute per app key (0 = off)")
	quota := fs.Int("quota", 100, "maximum number of valid schedules")
	latency := fs.Duration("latency", 0, "latency added before handling each JPush request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	loc, err := time.LoadLocation(*zone)
	if err != nil {
		return fmt.Errorf("-time-zone: %w", err)
	}
	if *rateLimit < 0 || *quota < 0 || *latency < 0 {
		return errors.New("-rate-limit, -quota and -latency must not be negative")
	}
	emu := emulator.New(emulator.Options{AppKey: *appKey, MasterSecret: *secret, Location: loc})
	lat := latency.String()
	emu.Configure(emulator.Config{
		ExpiredVisible: expiredVisible, MsgIDsVisible: msgIDsVisible, Normalize: normalize,
		RateLimitPerMinute: rateLimit, ScheduleQuota: quota, Latency: &lat,
	})

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	logger := log.New(stderr, "jpush-emulator: ", log.LstdFlags)
	srv := &http.Server{
		Handler: logRequests(emu, logger), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: logger,
	}
	fmt.Fprintf(stdout, "jpush-emulator listening on http://%s\n", ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		_ = srv.Close()
	}
	logger.Print("stopped")
	return nil
}

// usage prints the flags and the admin API: the emulator's whole manual
// fits one screen, and `-help` is where a user looks first.
func usage(fs *flag.FlagSet, endpoint string) {
	w := fs.Output()
	fmt.Fprintf(w, `Usage: jpush-emulator [flags]

A strict in-memory JPush Schedule API v3 on a loopback address, with a virtual
clock. Point the provider at it:

  export JPUSH_ENDPOINT=%s
  export JPUSH_APP_KEY=%s
  export JPUSH_MASTER_SECRET=%s

Flags:
`, endpoint, emulator.DefaultAppKey, emulator.DefaultMasterSecret)
	fs.PrintDefaults()
	fmt.Fprint(w, "\nAdmin API (no auth, not rate limited, not counted in stats; errors are {\"error\": \"...\"}):\n")
	for _, r := range emulator.AdminRoutes() {
		fmt.Fprintf(w, "\n  %s %s\n      %s\n", r.Method, r.Path, r.Summary)
		if r.Body != "" {
			fmt.Fprintf(w, "      body: %s\n", r.Body)
		}
	}
	fmt.Fprintf(w, "\nPUT /_emulator/config keys: %s.\nThe provider's \"Testing locally\" guide describes each.\n",
		strings.Join(configKeys(), ", "))
}

// listenArg is the value of the last -listen among args (flag's forms:
// -listen X, -listen=X, with one or two dashes), or defaultListen.
func listenArg(args []string) string {
	addr := defaultListen
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "listen" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		addr = value
	}
	return addr
}

// endpointFor is the JPUSH_ENDPOINT of an address to listen on; with port
// 0 the port is only known once the emulator listens.
func endpointFor(addr string) string {
	if host, port, err := net.SplitHostPort(addr); err == nil && port == "0" {
		return "http://" + net.JoinHostPort(host, "<the port printed at start>")
	}
	return "http://" + addr
}

// configKeys are the JSON keys PUT /_emulator/config accepts, read from
// emulator.Config so that a new mode cannot be missing here.
func configKeys() []string { return jsonKeys(reflect.TypeOf(emulator.Config{})) }

// jsonKeys are the JSON names of a struct's fields.
func jsonKeys(t reflect.Type) []string {
	keys := make([]string, 0, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		keys = append(keys, strings.Split(t.Field(i).Tag.Get("json"), ",")[0])
	}
	return keys
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Hijack lets fault injection close connections through the logging wrapper.
func (s *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := s.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("hijack not supported")
	}
	s.status = -1
	return hj.Hijack()
}

// logRequests logs method, path, status and duration; never headers (so never Authorization).
func logRequests(h http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			status := fmt.Sprint(rec.status)
			if rec.status == -1 {
				status = "connection closed"
			}
			logger.Printf("%s %s -> %s (%s)", r.Method, r.URL.RequestURI(), status, time.Since(start).Round(time.Microsecond))
		}()
		h.ServeHTTP(rec, r)
	})
}
