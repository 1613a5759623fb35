package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-quota", "5", "-normalize", "-rate-limit", "50"}, outW, stderr)
		outW.Close()
	}()
	lineC := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(outR).ReadString('\n')
		lineC <- line
		_, _ = io.Copy(io.Discard, outR)
	}()
	var line string
	select {
	case line = <-lineC:
	case err := <-done:
		t.Fatalf("run returned early: %v", err)
	case <-time.After(time.Minute): // a hang guard, generous for a loaded machine
		t.Fatal("no listening line")
	}
	m := regexp.MustCompile(`^jpush-emulator listening on (http://127\.0\.0\.1:\d+)\n$`).FindStringSubmatch(line)
	if len(m) != 2 || strings.HasSuffix(m[1], ":0") {
		t.Fatalf("line %q", line)
	}
	req, _ := http.NewRequest("GET", m[1]+"/v3/schedules", nil)
	req.SetBasicAuth("jpushemulatorappkey00001", "jpushemulatorsecret00001")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("X-Rate-Limit-Limit") != "50" {
		t.Fatalf("%d %v", res.StatusCode, res.Header)
	}
	cfg, err := http.Get(m[1] + "/_emulator/config")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	_, _ = body.ReadFrom(cfg.Body)
	cfg.Body.Close()
	if !strings.Contains(body.String(), `"schedule_quota":5`) || !strings.Contains(body.String(), `"normalize":true`) {
		t.Fatalf("flags not applied: %s", body.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // a hang guard; run's own shutdown timeout is 5s
		t.Fatal("no clean shutdown")
	}
	logs := stderr.String()
	if !strings.Contains(logs, "GET /v3/schedules -> 200") || strings.Contains(logs, "Basic") || strings.Contains(logs, "jpushemulatorsecret00001") {
		t.Fatalf("logs %q", logs)
	}
}

func TestRunBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-time-zone", "Mars/Olympus"}, {"-nope"}, {"-quota", "-1"}, {"-listen", "256.0.0.1:1"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Fatalf("%v accepted", args)
		}
	}
}
