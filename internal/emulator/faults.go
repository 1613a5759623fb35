package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Fault kinds.
const (
	faultStatus500       = "status_500"
	faultStatus503       = "status_503"
	faultStatus429       = "status_429"
	faultReset           = "reset"
	faultDropAfterCommit = "drop_after_commit"
	faultStall           = "stall"
)

// faultKinds is every kind a rule may name: validateFault accepts exactly
// these, and FaultKinds (documented in the Testing locally guide) lists them.
var faultKinds = []string{faultStatus500, faultStatus503, faultStatus429, faultReset, faultDropAfterCommit, faultStall}

// FaultKinds lists the fault kinds POST /_emulator/faults accepts.
func FaultKinds() []string { return append([]string(nil), faultKinds...) }

// RouteKeys lists the JPush route keys of stats and fault rules.
func RouteKeys() []string { return append([]string(nil), allRoutes...) }

type faultState struct {
	rule  FaultRule
	fired int
	seen  int // matching requests let through under rule.After
}

func normalizeRoute(route string) string {
	route = strings.TrimSpace(route)
	if route == "*" {
		return route
	}
	method, path, ok := strings.Cut(route, " ")
	if !ok {
		return route
	}
	path = strings.TrimSpace(path)
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}
	if strings.HasPrefix(path, "/v3/push/schedules") {
		path = "/v3/schedules" + strings.TrimPrefix(path, "/v3/push/schedules")
	}
	return strings.ToUpper(method) + " " + path
}

func validateFault(r FaultRule) error {
	if !slices.Contains(faultKinds, r.Kind) {
		return fmt.Errorf("unknown fault kind %q", r.Kind)
	}
	if r.Probability < 0 || r.Probability > 1 {
		return fmt.Errorf("probability must be within 0..1")
	}
	if r.Count < 0 {
		return fmt.Errorf("count must be >= 0")
	}
	if r.After < 0 {
		return fmt.Errorf("after must be >= 0")
	}
	route := normalizeRoute(r.Route)
	if route == "*" {
		return nil
	}
	for _, k := range allRoutes {
		if k == route {
			return nil
		}
	}
	return fmt.Errorf("unknown route %q (use one of the stats route keys or \"*\")", r.Route)
}

// SetFaults replaces the fault rules. Rules with an unknown kind or route are dropped
// (the admin route rejects them with 400).
func (e *Emulator) SetFaults(rules []FaultRule) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = nil
	for _, r := range rules {
		if validateFault(r) != nil {
			continue
		}
		r.Route = normalizeRoute(r.Route)
		e.faults = append(e.faults, &faultState{rule: r})
	}
}

// ClearFaults removes every fault rule.
func (e *Emulator) ClearFaults() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = nil
}

// pickFaultLocked returns the kind of the first rule that fires for routeKey, or "".
func (e *Emulator) pickFaultLocked(routeKey string) string {
	for _, f := range e.faults {
		if f.rule.Route != "*" && f.rule.Route != routeKey {
			continue
		}
		if f.rule.Count > 0 && f.fired >= f.rule.Count {
			continue
		}
		if f.seen < f.rule.After {
			f.seen++
			continue
		}
		p := f.rule.Probability
		if p == 0 {
			p = 1
		}
		if p < 1 && e.rng.Float64() >= p {
			continue
		}
		f.fired++
		e.stats.faultsFired++
		return f.rule.Kind
	}
	return ""
}

// Stalls delivers the route key of each request a stall fault holds, once
// the request is held: a test waits on it, then acts (cancels the client,
// interrupts Terraform) while the request is in flight. Notifications
// beyond the buffer (64) are dropped rather than block the server.
func (e *Emulator) Stalls() <-chan string { return e.stalls }

// stall holds a request until its client goes away (or the server closes),
// without handling it: nothing is committed.
func (e *Emulator) stall(r *http.Request, routeKey string) {
	select {
	case e.stalls <- routeKey:
	default:
	}
	<-r.Context().Done()
}
