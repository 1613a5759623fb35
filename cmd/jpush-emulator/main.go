// Command jpush-emulator serves the in-memory JPush emulator on a loopback address.
//
//	go run ./cmd/jpush-emulator -listen 127.0.0.1:8080
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
	"syscall"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "jpush-emulator:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done. It prints the listening line on stdout and logs requests on stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("jpush-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on")
	appKey := fs.String("app-key", emulator.DefaultAppKey, "JPush app key accepted by the emulator")
	secret := fs.String("master-secret", emulator.DefaultMasterSecret, "JPush master secret accepted by the emulator")
	zone := fs.String("time-zone", "Asia/Shanghai", "IANA zone of JPush wall-clock times")
	expiredVisible := fs.Bool("expired-visible", false, "GET returns fired/ended schedules instead of 404/8104")
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
		ExpiredVisible: expiredVisible, Normalize: normalize,
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
