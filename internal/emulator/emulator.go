package emulator

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"

	_ "time/tzdata" // Asia/Shanghai must resolve on any machine
)

// Default credentials (24 alphanumerics, like real ones).
const (
	DefaultAppKey       = "jpushemulatorappkey00001"
	DefaultMasterSecret = "jpushemulatorsecret00001"
)

// Options configure a new Emulator.
type Options struct {
	AppKey, MasterSecret string           // defaults DefaultAppKey / DefaultMasterSecret
	Now                  func() time.Time // real clock source; nil = time.Now. Virtual time = real + offset.
	Location             *time.Location   // zone of wall-clock strings; nil = Asia/Shanghai
}

// Config mirrors the body of PUT /_emulator/config. Nil fields are left unchanged.
type Config struct {
	ExpiredVisible     *bool   `json:"expired_visible,omitempty"` // GET of a fired/ended schedule answers it instead of 404/8104
	MsgIDsVisible      *bool   `json:"msg_ids_visible,omitempty"` // msg_ids of a fired/ended schedule stay readable (default true)
	Normalize          *bool   `json:"normalize,omitempty"`
	RateLimitPerMinute *int    `json:"rate_limit_per_minute,omitempty"` // 0 = no rate limiting (and no X-Rate-Limit headers)
	RateLimitWindow    *string `json:"rate_limit_window,omitempty"`     // Go duration, default "1m" (real time)
	ScheduleQuota      *int    `json:"schedule_quota,omitempty"`
	Latency            *string `json:"latency,omitempty"`            // Go duration slept before handling
	ErrorCodeVariant   *string `json:"error_code_variant,omitempty"` // "table" (8100/8104) or "doc" (8400/8404)
	StrictNameCharset  *bool   `json:"strict_name_charset,omitempty"`
	DeleteBody         *string `json:"delete_body,omitempty"` // "empty" or "json" ({})
	UpdateEcho         *string `json:"update_echo,omitempty"` // "full" (the stored schedule) or "submitted" (only the sections sent)
}

// FaultRule injects a failure on a route key ("POST /v3/schedules", "GET /v3/schedules/{id}", ... or "*").
// Kinds: status_500, status_503, status_429, reset, drop_after_commit, and
// stall (hold the request unhandled until the client goes away: a server
// that never answers; see Stalls).
// Probability 0 means 1 (always); Count > 0 limits how many times the rule fires;
// After > 0 lets that many matching requests through before the rule may fire
// (e.g. fail the second list call of an operation, not the first).
type FaultRule struct {
	Route       string  `json:"route"`
	Kind        string  `json:"kind"`
	Probability float64 `json:"probability"`
	Count       int     `json:"count"`
	After       int     `json:"after,omitempty"`
}

// Stats are the emulator counters (GET /_emulator/stats).
type Stats struct {
	Requests       map[string]int `json:"requests"`
	Schedules      int            `json:"schedules"`    // valid (non-expired) schedules now
	FaultsFired    int            `json:"faults_fired"` // injected faults
	RateLimited    int            `json:"rate_limited"` // 429s sent by the rate limiter
	CIDReplays     int            `json:"cid_replays"`  // creates answered from an already used cid
	Creates        int            `json:"creates"`      // schedules actually created (incl. template ones)
	DuplicateNames int            `json:"duplicate_names"`
}

// Route keys used by stats and fault rules.
const (
	RouteCreate   = "POST /v3/schedules"
	RouteList     = "GET /v3/schedules"
	RouteGet      = "GET /v3/schedules/{id}"
	RouteMsgIDs   = "GET /v3/schedules/{id}/msg_ids"
	RouteUpdate   = "PUT /v3/schedules/{id}"
	RouteDelete   = "DELETE /v3/schedules/{id}"
	RouteCID      = "GET /v3/push/cid"
	RouteTemplate = "POST /v3/push/template/schedule"
)

var allRoutes = []string{RouteCreate, RouteList, RouteGet, RouteMsgIDs, RouteUpdate, RouteDelete, RouteCID, RouteTemplate}

type settings struct {
	expiredVisible    bool
	msgIDsVisible     bool
	normalize         bool
	rateLimit         int
	rateWindow        time.Duration
	quota             int
	latency           time.Duration
	docCodes          bool
	strictNameCharset bool
	deleteJSON        bool
	echoSubmitted     bool
}

func defaultSettings() settings {
	// msg_ids stay readable after firing by default: the endpoint exists to
	// report what a schedule sent (development/jpush-api.md §10, msg_ids of a fired schedule).
	return settings{msgIDsVisible: true, rateLimit: 100, rateWindow: time.Minute, quota: 100, strictNameCharset: true}
}

type cidEntry struct {
	issued     time.Time // virtual
	typ        string
	scheduleID string // set once used successfully
	name       string
}

type rateWindow struct {
	start time.Time // real
	used  int
}

type counters struct {
	requests                                                      map[string]int
	faultsFired, rateLimited, cidReplays, creates, duplicateNames int
}

// Emulator is an in-memory JPush. It implements http.Handler and is safe for concurrent use.
type Emulator struct {
	appKey, secret string
	realNow        func() time.Time
	loc            *time.Location

	mu        sync.Mutex
	offset    time.Duration
	cfg       settings
	schedules map[string]*schedule
	seq       int
	msgSeq    int64
	pushed    []Pushed // every push sent, for Pushes
	cids      map[string]*cidEntry
	templates map[string][]string
	faults    []*faultState
	stalls    chan string // route keys of stalled requests; see Stalls
	rng       *rand.Rand
	stats     counters
	rate      map[string]*rateWindow
}

// New returns an emulator with default settings, its virtual clock at the real time.
func New(opts Options) *Emulator {
	e := &Emulator{appKey: opts.AppKey, secret: opts.MasterSecret, realNow: opts.Now, loc: opts.Location}
	if e.appKey == "" {
		e.appKey = DefaultAppKey
	}
	if e.secret == "" {
		e.secret = DefaultMasterSecret
	}
	if e.realNow == nil {
		e.realNow = time.Now
	}
	if e.loc == nil {
		loc, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			loc = time.FixedZone("CST", 8*3600)
		}
		e.loc = loc
	}
	e.stalls = make(chan string, 64)
	e.resetLocked()
	return e
}

func (e *Emulator) resetLocked() {
	e.offset = 0
	e.cfg = defaultSettings()
	e.schedules = map[string]*schedule{}
	e.pushed = nil
	e.seq = 0
	e.cids = map[string]*cidEntry{}
	e.templates = map[string][]string{}
	e.faults = nil
	e.rng = rand.New(rand.NewSource(1))
	e.stats = counters{requests: map[string]int{}}
	e.rate = map[string]*rateWindow{}
}

// Reset forgets all state, faults and config; the clock returns to the real time.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.resetLocked()
}

// Now returns the virtual time.
func (e *Emulator) Now() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.nowLocked()
}

func (e *Emulator) nowLocked() time.Time { return e.realNow().Add(e.offset) }

// Advance moves the virtual clock forward by d (negative d moves it back) and fires due schedules.
func (e *Emulator) Advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.offset += d
	e.fireDueLocked()
}

// SetNow sets the virtual clock to t and fires due schedules.
func (e *Emulator) SetNow(t time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.offset = t.Sub(e.realNow())
	e.fireDueLocked()
}

// Configure applies the non-nil fields of c. Invalid values are ignored (the admin route reports them).
func (e *Emulator) Configure(c Config) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if s, err := applyConfig(e.cfg, c); err == nil {
		e.cfg = s
	} else {
		// Apply field by field so that valid fields still take effect.
		for _, one := range splitConfig(c) {
			if s, err := applyConfig(e.cfg, one); err == nil {
				e.cfg = s
			}
		}
	}
}

func splitConfig(c Config) []Config {
	return []Config{
		{ExpiredVisible: c.ExpiredVisible},
		{MsgIDsVisible: c.MsgIDsVisible},
		{Normalize: c.Normalize},
		{RateLimitPerMinute: c.RateLimitPerMinute},
		{RateLimitWindow: c.RateLimitWindow},
		{ScheduleQuota: c.ScheduleQuota},
		{Latency: c.Latency},
		{ErrorCodeVariant: c.ErrorCodeVariant},
		{StrictNameCharset: c.StrictNameCharset},
		{DeleteBody: c.DeleteBody},
		{UpdateEcho: c.UpdateEcho},
	}
}

func applyConfig(s settings, c Config) (settings, error) {
	if c.ExpiredVisible != nil {
		s.expiredVisible = *c.ExpiredVisible
	}
	if c.MsgIDsVisible != nil {
		s.msgIDsVisible = *c.MsgIDsVisible
	}
	if c.Normalize != nil {
		s.normalize = *c.Normalize
	}
	if c.RateLimitPerMinute != nil {
		if *c.RateLimitPerMinute < 0 {
			return s, fmt.Errorf("rate_limit_per_minute must be >= 0")
		}
		s.rateLimit = *c.RateLimitPerMinute
	}
	if c.RateLimitWindow != nil {
		d, err := time.ParseDuration(*c.RateLimitWindow)
		if err != nil || d <= 0 {
			return s, fmt.Errorf("rate_limit_window must be a positive Go duration")
		}
		s.rateWindow = d
	}
	if c.ScheduleQuota != nil {
		if *c.ScheduleQuota < 0 {
			return s, fmt.Errorf("schedule_quota must be >= 0")
		}
		s.quota = *c.ScheduleQuota
	}
	if c.Latency != nil {
		d, err := time.ParseDuration(*c.Latency)
		if err != nil || d < 0 {
			return s, fmt.Errorf("latency must be a non-negative Go duration")
		}
		s.latency = d
	}
	if c.ErrorCodeVariant != nil {
		switch *c.ErrorCodeVariant {
		case "table", "":
			s.docCodes = false
		case "doc":
			s.docCodes = true
		default:
			return s, fmt.Errorf(`error_code_variant must be "table" or "doc"`)
		}
	}
	if c.StrictNameCharset != nil {
		s.strictNameCharset = *c.StrictNameCharset
	}
	if c.DeleteBody != nil {
		switch *c.DeleteBody {
		case "empty", "":
			s.deleteJSON = false
		case "json":
			s.deleteJSON = true
		default:
			return s, fmt.Errorf(`delete_body must be "empty" or "json"`)
		}
	}
	if c.UpdateEcho != nil {
		switch *c.UpdateEcho {
		case "full", "":
			s.echoSubmitted = false
		case "submitted":
			s.echoSubmitted = true
		default:
			return s, fmt.Errorf(`update_echo must be "full" or "submitted"`)
		}
	}
	return s, nil
}

// Stats returns a snapshot of the counters.
func (e *Emulator) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fireDueLocked()
	st := Stats{
		Requests:    map[string]int{},
		Schedules:   e.validCountLocked(),
		FaultsFired: e.stats.faultsFired, RateLimited: e.stats.rateLimited,
		CIDReplays: e.stats.cidReplays, Creates: e.stats.creates, DuplicateNames: e.stats.duplicateNames,
	}
	for _, r := range allRoutes {
		st.Requests[r] = e.stats.requests[r]
	}
	return st
}

// DefineTemplate defines (or replaces) a console template with the given variable keys.
func (e *Emulator) DefineTemplate(id string, keys []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.templates[id] = append([]string(nil), keys...)
}

// SetLegacyMsgIDs replaces a schedule's msg_ids with old-format bare msg_id strings.
func (e *Emulator) SetLegacyMsgIDs(scheduleID string, msgIDs []string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, ok := e.schedules[scheduleID]
	if !ok {
		return fmt.Errorf("emulator: unknown schedule %q", scheduleID)
	}
	s.msgIDs = append([]string(nil), msgIDs...)
	return nil
}

// Schedule returns a stored schedule (expired ones included) in its GET wire form.
func (e *Emulator) Schedule(id string) (json.RawMessage, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fireDueLocked()
	s, ok := e.schedules[id]
	if !ok {
		return nil, false
	}
	return mustJSON(e.wireLocked(s, true)), true
}

// ScheduleIDs returns the ids of valid (non-expired) schedules in creation order.
func (e *Emulator) ScheduleIDs() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fireDueLocked()
	var ids []string
	for _, s := range e.orderedLocked(false) {
		ids = append(ids, s.id)
	}
	return ids
}

func (e *Emulator) orderedLocked(includeExpired bool) []*schedule {
	out := make([]*schedule, 0, len(e.schedules))
	for _, s := range e.schedules {
		if includeExpired || !s.expired {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

func (e *Emulator) validCountLocked() int {
	n := 0
	for _, s := range e.schedules {
		if !s.expired {
			n++
		}
	}
	return n
}

// Server is an emulator listening on a loopback address.
type Server struct {
	URL string
	*Emulator
	srv *http.Server
	ln  net.Listener
}

// Start runs a new emulator on 127.0.0.1 with a free port.
func Start(opts Options) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	e := New(opts)
	s := &Server{
		URL: "http://" + ln.Addr().String(), Emulator: e, ln: ln,
		srv: &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second},
	}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server and closes its connections.
func (s *Server) Close() { _ = s.srv.Close() }
