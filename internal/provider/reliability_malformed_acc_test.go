package provider

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// Malformed answers: a handler in front of the emulator replaces the answer
// of chosen routes with an HTML page, truncated JSON, JSON of the wrong
// types or an empty body. Every one gives a clear error naming the HTTP
// status and what was wrong with the body, never a panic.

// relMangle is what the wrapper answers on its routes.
type relMangle struct {
	routes      []string // route keys, e.g. "GET /v3/schedules/{id}"
	status      int
	contentType string
	body        string
	commit      bool // let the emulator handle the request first
}

type relMangler struct {
	em  *emulator.Emulator
	cur atomic.Pointer[relMangle]
}

func relRouteKey(r *http.Request) string {
	p := strings.TrimSuffix(r.URL.Path, "/")
	if rest, ok := strings.CutPrefix(p, "/v3/schedules/"); ok && !strings.Contains(rest, "/") {
		return r.Method + " /v3/schedules/{id}"
	}
	return r.Method + " " + p
}

func (m *relMangler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mg := m.cur.Load()
	if mg != nil {
		key := relRouteKey(r)
		for _, rt := range mg.routes {
			if rt != key {
				continue
			}
			if mg.commit {
				m.em.ServeHTTP(httptest.NewRecorder(), r)
			}
			w.Header().Set("Content-Type", mg.contentType)
			w.Header().Set("Content-Length", strconv.Itoa(len(mg.body)))
			w.WriteHeader(mg.status)
			_, _ = w.Write([]byte(mg.body))
			return
		}
	}
	m.em.ServeHTTP(w, r)
}

// newMalformedEnv is an accEnv whose URL is the mangling wrapper.
func newMalformedEnv(t *testing.T) (*accEnv, *relMangler) {
	em := emulator.New(emulator.Options{Location: framework.DefaultLocation})
	off := 0
	em.Configure(emulator.Config{RateLimitPerMinute: &off})
	m := &relMangler{em: em}
	ts := httptest.NewServer(m)
	t.Cleanup(ts.Close)
	e := &accEnv{t: t, srv: &emulator.Server{URL: ts.URL, Emulator: em}, loc: framework.DefaultLocation}
	e.fastRetries(true)
	return e, m
}

// The bodies, and what the diagnostic must say about each.
var (
	relHTML = relMangle{
		status: 200, contentType: "text/html",
		body: "<html><head><title>Gateway</title></head><body><h1>Upstream unavailable</h1></body></html>",
	}
	relTruncated  = relMangle{status: 200, contentType: "application/json", body: `{"schedule_id": "6f1c9a2e-3b7d", "name": "x`}
	relWrongTypes = relMangle{
		status: 200, contentType: "application/json",
		body: `{"schedule_id": 12345, "name": ["x"], "enabled": "yes", "trigger": 7, "push": "p", "page": "one", "total_pages": "x", "schedules": {"a": 1}}`,
	}
	relEmpty   = relMangle{status: 200, contentType: "application/json", body: ""}
	relHTML502 = relMangle{status: 502, contentType: "text/html", body: "<html><body>502 Bad Gateway</body></html>"}

	relWantHTML      = `HTTP\s+200:\s+unexpected\s+HTML\s+response.*Upstream\s+unavailable`
	relWantTruncated = `HTTP\s+200:\s+response\s+body\s+is\s+not\s+JSON`
	relWantWrong     = `HTTP\s+200:\s+cannot\s+decode\s+response`
	relWantEmpty     = `HTTP\s+200:\s+empty\s+response\s+body`
	relWant502       = `giving\s+up\s+after\s+2\s+attempts:.*HTTP\s+502:\s+unexpected\s+HTML\s+response`
)

func (m *relMangler) set(mg relMangle, commit bool, routes ...string) func() {
	return func() {
		mg.routes, mg.commit = routes, commit
		m.cur.Store(&mg)
	}
}

func (m *relMangler) clear() { m.cur.Store(nil) }

// TestAccMalformed_create: the emulator commits each create, but the answer
// is mangled. The apply fails with a clear error and, since JPush may have
// created the schedule, keeps the resource as tainted with its CID; the next
// apply (answers intact) resolves it by the CID and ends with exactly the
// one schedule in the state.
func TestAccMalformed_create(t *testing.T) {
	for _, c := range []struct {
		name string
		mg   relMangle
		want string
	}{
		{"html", relHTML, `POST\s+/v3/schedules:\s+` + relWantHTML},
		{"truncated", relTruncated, `POST\s+/v3/schedules:\s+` + relWantTruncated},
		{"wrong types", relWrongTypes, `POST\s+/v3/schedules:\s+` + relWantWrong},
		{"empty", relEmpty, `POST\s+/v3/schedules:\s+` + relWantEmpty},
		{"html 502", relHTML502, relWant502},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, m := newMalformedEnv(t)
			p := e.providerConfig()
			at := rfc(e.now().Add(48 * time.Hour))
			cfg := p + singleConfig("malformed", at, "true", typedPush2)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps: []resource.TestStep{
					{
						PreConfig:   m.set(c.mg, true, emulator.RouteCreate),
						Config:      cfg,
						ExpectError: regexp.MustCompile(`(?s)Cannot create the JPush schedule.*` + c.want),
					},
					{
						PreConfig: m.clear,
						Config:    cfg,
						Check:     pendingResolved(e),
					},
				},
			})
		})
	}
}

func TestAccMalformed_read(t *testing.T) {
	e, m := newMalformedEnv(t)
	cfg := e.providerConfig() + singleConfig("malformed", rfc(e.now().Add(48*time.Hour)), "true", typedPush2)
	reads := []string{emulator.RouteList, emulator.RouteGet}
	step := func(mg relMangle, want string) resource.TestStep {
		return resource.TestStep{
			PreConfig:   m.set(mg, true, reads...),
			Config:      cfg,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Cannot read the JPush schedule.*GET\s+/v3/schedules/[0-9a-f-]+:\s+` + want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			step(relHTML, relWantHTML),
			step(relTruncated, relWantTruncated),
			step(relWrongTypes, relWantWrong),
			step(relEmpty, relWantEmpty),
			{
				PreConfig:   m.set(relHTML502, true, reads...),
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cannot read the JPush schedule.*` + relWant502),
			},
			{PreConfig: m.clear, Config: cfg, PlanOnly: true},
		},
	})
}

func TestAccMalformed_update(t *testing.T) {
	e, m := newMalformedEnv(t)
	p := e.providerConfig()
	at := rfc(e.now().Add(48 * time.Hour))
	cfg := func(name string) string { return p + singleConfig(name, at, "true", typedPush2) }
	step := func(mg relMangle, name, want string) resource.TestStep {
		return resource.TestStep{
			PreConfig:   m.set(mg, true, emulator.RouteUpdate),
			Config:      cfg(name),
			ExpectError: regexp.MustCompile(`(?s)Cannot update the JPush schedule.*PUT\s+/v3/schedules/[0-9a-f-]+:\s+` + want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg("v0")},
			step(relHTML, "v1", relWantHTML),
			step(relTruncated, "v2", relWantTruncated),
			step(relWrongTypes, "v3", relWantWrong),
			{
				PreConfig:   m.set(relHTML502, true, emulator.RouteUpdate),
				Config:      cfg("v4"),
				ExpectError: regexp.MustCompile(`(?s)Cannot update the JPush schedule.*` + relWant502),
			},
			{
				// An empty 200 is a valid answer to PUT (JPush may echo
				// nothing): the update succeeds.
				PreConfig: m.set(relEmpty, true, emulator.RouteUpdate),
				Config:    cfg("v5"),
				Check: func(s *terraform.State) error {
					id, err := idOf(s, res)
					if err != nil {
						return err
					}
					if got := e.stored(id)["name"]; got != "v5" {
						t.Errorf("emulator name %v, want v5", got)
					}
					return nil
				},
			},
			{PreConfig: m.clear, Config: cfg("v5"), PlanOnly: true},
		},
	})
}

func TestAccMalformed_delete(t *testing.T) {
	e, m := newMalformedEnv(t)
	p := e.providerConfig()
	cfg := p + singleConfig("malformed", rfc(e.now().Add(48*time.Hour)), "true", typedPush2)
	step := func(mg relMangle, want string) resource.TestStep {
		// commit=false: a proxy answers and the schedule stays, so each
		// step deletes it anew.
		return resource.TestStep{
			PreConfig:   m.set(mg, false, emulator.RouteDelete),
			Config:      p,
			ExpectError: regexp.MustCompile(`(?s)Cannot delete the JPush schedule.*DELETE\s+/v3/schedules/[0-9a-f-]+:\s+` + want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(*terraform.State) error {
			if ids := e.srv.ScheduleIDs(); len(ids) != 0 {
				t.Errorf("%d schedules left after destroy", len(ids))
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: cfg},
			step(relHTML, relWantHTML),
			step(relTruncated, relWantTruncated),
			{
				PreConfig:   m.set(relHTML502, false, emulator.RouteDelete),
				Config:      p,
				ExpectError: regexp.MustCompile(`(?s)Cannot delete the JPush schedule.*` + relWant502),
			},
			{PreConfig: m.clear, Config: cfg, PlanOnly: true},
		},
	})
}
