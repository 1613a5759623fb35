package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultEndpoint       = "https://api.jpush.cn"
	DefaultUserAgent      = "terraform-provider-jpush (+https://registry.terraform.io/providers/jpushtf/jpush)"
	DefaultMaxRetries     = 4
	DefaultRequestTimeout = 30 * time.Second
	DefaultCIDBatchSize   = 100
	DefaultMinBackoff     = 200 * time.Millisecond
	DefaultMaxBackoff     = 10 * time.Second
	// CIDMaxAge is how long a pooled CID is used; JPush keeps them 24h.
	CIDMaxAge = 23 * time.Hour
	// PageSize is the number of schedules on a full list page.
	PageSize = 50
)

// beijingHost serves the schedule API under /v3/push/schedules.
const beijingHost = "bjapi.push.jiguang.cn"

// Config configures a Client. Only AppKey and MasterSecret are required.
type Config struct {
	// Endpoint is the base URL, default https://api.jpush.cn.
	Endpoint string
	// AppKey and MasterSecret are the Basic-auth credentials.
	AppKey, MasterSecret string
	// UserAgent is sent on every request.
	UserAgent string
	// MaxRetries bounds the attempts after the first. The value is used as
	// given: 0 (or a negative value) means no retries, so set it
	// explicitly (DefaultMaxRetries is the recommended value).
	MaxRetries int
	// RequestTimeout bounds each attempt (default 30s).
	RequestTimeout time.Duration
	// HTTPClient sends the requests (default: a client with no overall
	// timeout, since RequestTimeout bounds each attempt).
	HTTPClient *http.Client
	// Logger receives request logs; nil is silent.
	Logger Logger
	// CIDBatchSize is how many CIDs one pool refill asks for (1..1000,
	// default 100).
	CIDBatchSize int
	// MinBackoff and MaxBackoff bound the retry backoff.
	MinBackoff, MaxBackoff time.Duration
	// RateLimitReserve is how many calls of each rate window are left
	// unused, for other clients of the same app key (default 2, negative
	// for none).
	RateLimitReserve int
	// Sleep waits d or until ctx is done (default: a timer). A caller that
	// must not spend real time waiting, such as a test against the
	// emulator, may shorten the waits with its own.
	Sleep func(ctx context.Context, d time.Duration) error
	// ListCacheTTL is how long a schedule list snapshot serves
	// LookupSchedule, measured from the start of the list (default 5s;
	// negative disables the snapshot: LookupSchedule is GetSchedule).
	ListCacheTTL time.Duration
}

// Client is a JPush Schedule API v3 client. It is safe for concurrent use;
// the rate limiter, the CID pool and the server clock are shared by every
// goroutine using it.
type Client struct {
	base          *url.URL
	schedulesPath string
	authHeader    string
	userAgent     string
	maxRetries    int
	timeout       time.Duration
	hc            *http.Client
	cidBatch      int
	minBackoff    time.Duration
	maxBackoff    time.Duration
	sleep         func(ctx context.Context, d time.Duration) error
	log           *redactingLogger

	limiter *rateLimiter
	cids    cidPool
	reads   scheduleCache // LookupSchedule's list snapshot (reader.go)

	clockMu    sync.Mutex
	serverDate time.Time // Date of the last response seen
	seenAt     time.Time // local (monotonic) time it was seen

	stats struct {
		requests, retries, rateLimited, waits, cidsFetched atomic.Int64
		waited, backoff                                    atomic.Int64 // nanoseconds
	}
}

// New validates cfg, applies defaults and returns a Client.
func New(cfg Config) (*Client, error) {
	if err := validateCredentials(cfg); err != nil {
		return nil, err
	}
	u, err := parseEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	c := &Client{
		base:          u,
		schedulesPath: schedulesPathFor(u),
		userAgent:     cfg.UserAgent,
		maxRetries:    cfg.MaxRetries,
		timeout:       cfg.RequestTimeout,
		hc:            cfg.HTTPClient,
		cidBatch:      cfg.CIDBatchSize,
		minBackoff:    cfg.MinBackoff,
		maxBackoff:    cfg.MaxBackoff,
		sleep:         cfg.Sleep,
	}
	token := base64.StdEncoding.EncodeToString([]byte(cfg.AppKey + ":" + cfg.MasterSecret))
	c.authHeader = "Basic " + token
	c.log = newRedactingLogger(cfg.Logger, cfg.MasterSecret, token)
	c.applyDefaults()
	c.limiter = newRateLimiter(rateLimitReserve(cfg.RateLimitReserve))
	c.reads.init(cfg.ListCacheTTL)
	return c, nil
}

// validateCredentials refuses a Config without usable Basic-auth
// credentials: a colon or a line break in the app key would corrupt the
// Authorization header.
func validateCredentials(cfg Config) error {
	if cfg.AppKey == "" {
		return errors.New("jpush: app key is required")
	}
	if cfg.MasterSecret == "" {
		return errors.New("jpush: master secret is required")
	}
	if strings.ContainsAny(cfg.AppKey, ":\r\n") {
		return errors.New("jpush: app key contains an invalid character")
	}
	return nil
}

// parseEndpoint turns the configured endpoint (DefaultEndpoint when empty)
// into the base URL of every request: http(s), a host, no credentials, no
// query or fragment, no trailing slash.
func parseEndpoint(endpoint string) (*url.URL, error) {
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	// These errors never quote the endpoint: it may hold credentials, and
	// url.Parse's own error quotes it whole.
	u, err := url.Parse(strings.TrimRight(endpoint, "/"))
	if err != nil {
		return nil, errors.New("jpush: invalid endpoint: not a URL")
	}
	if u.User != nil {
		return nil, errors.New("jpush: invalid endpoint: it must not contain credentials (user info)")
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("jpush: invalid endpoint: want http(s)://host[:port]")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("jpush: invalid endpoint: no query or fragment allowed")
	}
	return u, nil
}

// schedulesPathFor is the path of the schedule API on the host of u: the
// Beijing host serves it under /v3/push/schedules.
func schedulesPathFor(u *url.URL) string {
	if strings.EqualFold(u.Hostname(), beijingHost) {
		return "/v3/push/schedules"
	}
	return "/v3/schedules"
}

// applyDefaults replaces the zero (or out-of-range) settings copied from
// Config with the defaults documented there. MaxRetries is used as given,
// only a negative value becomes 0.
func (c *Client) applyDefaults() {
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	if c.maxRetries < 0 {
		c.maxRetries = 0
	}
	if c.timeout <= 0 {
		c.timeout = DefaultRequestTimeout
	}
	if c.hc == nil {
		c.hc = &http.Client{}
	}
	switch {
	case c.cidBatch <= 0:
		c.cidBatch = DefaultCIDBatchSize
	case c.cidBatch > 1000:
		c.cidBatch = 1000
	}
	c.applyBackoffDefaults()
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
}

// applyBackoffDefaults fills in the backoff bounds and keeps the ceiling
// at or above the floor, so that backoff's jitter span is never negative.
func (c *Client) applyBackoffDefaults() {
	if c.minBackoff <= 0 {
		c.minBackoff = DefaultMinBackoff
	}
	if c.maxBackoff <= 0 {
		c.maxBackoff = DefaultMaxBackoff
	}
	if c.maxBackoff < c.minBackoff {
		c.maxBackoff = c.minBackoff
	}
}

// rateLimitReserve is the effective Config.RateLimitReserve: 0 means the
// default of 2, a negative value means none.
func rateLimitReserve(reserve int) int {
	switch {
	case reserve == 0:
		return 2
	case reserve < 0:
		return 0
	}
	return reserve
}

// CreateSchedule creates s. It takes a CID from the pool unless s.CID is
// set, and re-sends the same CID on every retry, so a lost response never
// makes a second schedule. s is not modified.
//
// Once a CID was taken, a failure is a *CreateError carrying that CID, so
// the caller can resolve a create whose outcome is unknown (see
// CreateMayHaveSucceeded) by sending the same body with the same CID again:
// JPush answers a used CID with the schedule it created and creates nothing.
func (c *Client) CreateSchedule(ctx context.Context, s *Schedule) (*CreateResult, error) {
	if s == nil {
		return nil, errors.New("jpush: nil schedule")
	}
	body := *s
	body.ID = ""
	var fetched time.Time
	if body.CID == "" {
		it, err := c.takeCID(ctx)
		if err != nil {
			return nil, err // nothing was sent
		}
		body.CID, fetched = it.cid, it.fetched
	}
	var res CreateResult
	req := &request{
		method:   http.MethodPost,
		path:     c.schedulesPath,
		body:     &body,
		out:      &res,
		idempote: true, // the CID makes a repeat harmless
	}
	err := c.do(ctx, req)
	if err == nil && res.ScheduleID == "" {
		req.mayHaveActed = true // a 2xx answer, but not the one expected
		err = &APIError{HTTPStatus: http.StatusOK, Method: http.MethodPost, Path: c.schedulesPath, Message: "response carries no schedule_id"}
	}
	if err != nil {
		return nil, &CreateError{CID: body.CID, CIDFetched: fetched, MayHaveSucceeded: req.mayHaveActed, Err: err}
	}
	res.CID = body.CID
	c.noteCreated(res.ScheduleID)
	return &res, nil
}

// CreateError is the error of a CreateSchedule that failed after it took
// its CID, or of a CreateTemplateSchedule that may have created schedules.
// It wraps the underlying error (errors.As finds the *APIError).
type CreateError struct {
	// CID is the idempotency key every attempt carried ("" for a template
	// schedule, which has none).
	CID string
	// CIDFetched is the server time at which the CID was fetched from the
	// pool (JPush keeps a CID for 24h from then); zero when the caller
	// supplied the CID.
	CIDFetched time.Time
	// MayHaveSucceeded is true when some attempt may have created the
	// schedule although no answer said so: it was sent and its response
	// was lost or cut off (reset, timeout, dropped connection), or JPush
	// answered 5xx, or a 2xx answer could not be understood. It is false
	// when every attempt was refused with a 4xx answer (400/8100, 401,
	// 429, ...) or never reached JPush: then nothing was created.
	MayHaveSucceeded bool
	// Err is the failure the caller would otherwise have got.
	Err error
}

func (e *CreateError) Error() string { return e.Err.Error() }

func (e *CreateError) Unwrap() error { return e.Err }

// CreateMayHaveSucceeded reports whether a failed CreateSchedule may
// nonetheless have created the schedule, and returns the CID it used (""
// when err is not a *CreateError: no CID was taken, nothing was sent).
func CreateMayHaveSucceeded(err error) (cid string, maybe bool) {
	var ce *CreateError
	if !errors.As(err, &ce) {
		return "", false
	}
	return ce.CID, ce.MayHaveSucceeded
}

// GetSchedule returns one schedule. A missing one is an error for which
// IsNotFound is true.
func (c *Client) GetSchedule(ctx context.Context, id string) (*Schedule, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	var s Schedule
	if err := c.do(ctx, &request{method: http.MethodGet, path: c.schedulePath(id), out: &s, idempote: true}); err != nil {
		return nil, err
	}
	if s.ID == "" {
		s.ID = id
	}
	return &s, nil
}

// ListSchedules returns one page (1-based; values below 1 mean 1) of the
// app's valid schedules.
func (c *Client) ListSchedules(ctx context.Context, page int) (*ScheduleList, error) {
	if page < 1 {
		page = 1
	}
	var l ScheduleList
	err := c.do(ctx, &request{
		method:   http.MethodGet,
		path:     c.schedulesPath,
		query:    url.Values{"page": {strconv.Itoa(page)}},
		out:      &l,
		idempote: true,
	})
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// maxListPages guards ListAllSchedules against a server that never stops.
const maxListPages = 1000

// ListAllSchedules returns every valid schedule across all pages, in server
// order, without duplicates (a schedule created while paging may shift
// another onto a page already read).
func (c *Client) ListAllSchedules(ctx context.Context) ([]Schedule, error) {
	var all []Schedule
	seen := make(map[string]bool)
	for page := 1; page <= maxListPages; page++ {
		l, err := c.ListSchedules(ctx, page)
		if err != nil {
			return nil, err
		}
		for _, s := range l.Schedules {
			if s.ID != "" {
				if seen[s.ID] {
					continue
				}
				seen[s.ID] = true
			}
			all = append(all, s)
		}
		if len(l.Schedules) == 0 || page >= l.TotalPages {
			return all, nil
		}
	}
	return nil, fmt.Errorf("jpush: GET %s: more than %d pages", c.schedulesPath, maxListPages)
}

// UpdateSchedule sends the set sections of u and returns the schedule as
// the server echoes it (its ID is id).
func (c *Client) UpdateSchedule(ctx context.Context, id string, u *ScheduleUpdate) (*Schedule, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	if u == nil || (u.Name == nil && u.Enabled == nil && u.Trigger == nil && len(u.Push) == 0) {
		return nil, errors.New("jpush: update has no section to send")
	}
	var raw json.RawMessage
	path := c.schedulePath(id)
	err := c.do(ctx, &request{
		method:     http.MethodPut,
		path:       path,
		body:       u,
		out:        &raw,
		idempote:   true,
		emptyOK:    true,
		notFoundOK: false,
	})
	if err != nil {
		c.noteWrite(id) // the outcome may be unknown
		return nil, err
	}
	var s Schedule
	complete := false
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			c.noteWrite(id)
			return nil, &APIError{HTTPStatus: http.StatusOK, Method: http.MethodPut, Path: path, Message: "cannot decode response: " + err.Error(), Body: excerpt(raw)}
		}
		complete = echoesWholeSchedule(raw)
	}
	s.ID = id
	if complete {
		c.noteUpdate(id, &s)
	} else {
		c.noteWrite(id)
	}
	return &s, nil
}

// echoesWholeSchedule reports whether an update's answer carries every
// section of the schedule (JPush may echo only the sections sent).
func echoesWholeSchedule(raw json.RawMessage) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return false
	}
	for _, k := range []string{"name", "enabled", "trigger", "push"} {
		if v, ok := m[k]; !ok || len(v) == 0 || string(v) == "null" {
			return false
		}
	}
	return true
}

// DeleteSchedule deletes a schedule. A 404 on the first attempt is an error
// (IsNotFound), so callers can tell a schedule that was already gone; a 404
// after a retried attempt means an earlier attempt deleted it: success.
func (c *Client) DeleteSchedule(ctx context.Context, id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	defer c.noteWrite(id) // gone, or in an unknown state: look it up again
	return c.do(ctx, &request{
		method:     http.MethodDelete,
		path:       c.schedulePath(id),
		idempote:   true,
		emptyOK:    true,
		notFoundOK: true,
	})
}

// GetMsgIDs returns the message ids a schedule produced, both wire formats
// parsed.
func (c *Client) GetMsgIDs(ctx context.Context, id string) (*MsgIDs, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	path := c.schedulePath(id) + "/msg_ids"
	if err := c.do(ctx, &request{method: http.MethodGet, path: path, out: &raw, idempote: true}); err != nil {
		return nil, err
	}
	m, err := DecodeMsgIDs(raw)
	if err != nil {
		return nil, &APIError{HTTPStatus: http.StatusOK, Method: http.MethodGet, Path: path, Message: err.Error(), Body: excerpt(raw)}
	}
	return m, nil
}

// CreateTemplateSchedule creates one schedule per param from a console
// template. The call is not idempotent, so it is retried only when the
// server said it did nothing (429); per-param failures are reported in the
// result's items, not as an error. A failure after which JPush may have
// created the schedules anyway is a *CreateError with no CID.
func (c *Client) CreateTemplateSchedule(ctx context.Context, t *TemplateScheduleRequest) (*TemplateScheduleResult, error) {
	if t == nil {
		return nil, errors.New("jpush: nil template schedule request")
	}
	switch {
	case t.ID == "":
		return nil, errors.New("jpush: template id is required")
	case len(t.Params) == 0:
		return nil, errors.New("jpush: template schedule needs at least one param")
	case t.ScheduleName == "":
		return nil, errors.New("jpush: template schedule name is required")
	case t.Trigger.Single == nil && t.Trigger.Periodical == nil:
		return nil, errors.New("jpush: template schedule trigger is required")
	}
	var raw json.RawMessage
	const path = "/v3/push/template/schedule"
	req := &request{method: http.MethodPost, path: path, body: t, out: &raw}
	if err := c.do(ctx, req); err != nil {
		if req.mayHaveActed {
			return nil, &CreateError{MayHaveSucceeded: true, Err: err}
		}
		return nil, err
	}
	res, err := decodeTemplateResult(raw)
	if err != nil {
		return nil, &APIError{HTTPStatus: http.StatusOK, Method: http.MethodPost, Path: path, Message: err.Error(), Body: excerpt(raw)}
	}
	for _, it := range res.Items {
		c.noteCreated(it.ScheduleID)
	}
	if res.Code != 0 {
		return nil, &APIError{HTTPStatus: http.StatusOK, Method: http.MethodPost, Path: path, Code: res.Code, Message: res.Message}
	}
	return res, nil
}

// GetCIDs fetches count (1..1000) schedule CIDs from the pool endpoint.
func (c *Client) GetCIDs(ctx context.Context, count int) ([]string, error) {
	if count < 1 || count > 1000 {
		return nil, fmt.Errorf("jpush: cid count %d out of range 1..1000", count)
	}
	var out struct {
		CIDList []string `json:"cidlist"`
	}
	err := c.do(ctx, &request{
		method:   http.MethodGet,
		path:     "/v3/push/cid",
		query:    url.Values{"type": {"schedule"}, "count": {strconv.Itoa(count)}},
		out:      &out,
		idempote: true,
	})
	if err != nil {
		return nil, err
	}
	if len(out.CIDList) == 0 {
		return nil, &APIError{HTTPStatus: http.StatusOK, Method: http.MethodGet, Path: "/v3/push/cid", Message: "response carries no cidlist"}
	}
	c.stats.cidsFetched.Add(int64(len(out.CIDList)))
	return out.CIDList, nil
}

// ServerTime returns the server's clock: the Date header of the last
// response seen, advanced by the local time elapsed since. ok is false, and
// the local clock is returned, when no response carried a Date yet.
func (c *Client) ServerTime() (t time.Time, ok bool) {
	c.clockMu.Lock()
	defer c.clockMu.Unlock()
	if c.serverDate.IsZero() {
		return time.Now(), false
	}
	return c.serverDate.Add(time.Since(c.seenAt)), true
}

// RateLimit returns the limiter's current view of the rate window.
func (c *Client) RateLimit() RateLimitState { return c.limiter.state() }

// Stats returns cumulative counters.
func (c *Client) Stats() ClientStats {
	return ClientStats{
		Requests:        c.stats.requests.Load(),
		Retries:         c.stats.retries.Load(),
		RateLimited:     c.stats.rateLimited.Load(),
		RateLimitWaits:  c.stats.waits.Load(),
		RateLimitWaited: time.Duration(c.stats.waited.Load()),
		BackoffWaited:   time.Duration(c.stats.backoff.Load()),
		CIDsFetched:     c.stats.cidsFetched.Load(),
	}
}

func (c *Client) schedulePath(id string) string {
	return c.schedulesPath + "/" + url.PathEscape(id)
}

func (c *Client) recordDate(h http.Header) {
	d := h.Get("Date")
	if d == "" {
		return
	}
	t, err := http.ParseTime(d)
	if err != nil {
		return
	}
	c.clockMu.Lock()
	c.serverDate, c.seenAt = t, time.Now()
	c.clockMu.Unlock()
}

func checkID(id string) error {
	if strings.TrimSpace(id) == "" {
		return errors.New("jpush: schedule id is required")
	}
	return nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
