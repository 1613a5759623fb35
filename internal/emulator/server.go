package emulator

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// family tells which error vocabulary a route speaks.
type family int

const (
	famSchedule family = iota // {"error":{...}}, 8xxx codes
	famCID                    // {"error":{...}}, 1xxx codes
	famTemplate               // top-level {"code","message"}, 1xxx codes
)

// route is a matched JPush request.
type route struct {
	key string
	fam family
	id  string // schedule id for {id} routes
}

// reply is a buffered response produced by a handler under the lock.
type reply struct {
	status int
	body   []byte // nil = empty body
}

func jsonReply(status int, v any) reply { return reply{status: status, body: mustJSON(v)} }

func errReply(status, code int, msg string) reply {
	return jsonReply(status, map[string]any{"error": map[string]any{"code": code, "message": msg}})
}

func mustJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// match maps a method and path to a route. ok=false with a known path means 405.
func match(method, path string) (rt route, knownPath, ok bool) {
	p := path
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	if strings.HasPrefix(p, "/v3/push/schedules") {
		p = "/v3/schedules" + strings.TrimPrefix(p, "/v3/push/schedules")
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	switch {
	case p == "/v3/schedules":
		switch method {
		case http.MethodPost:
			return route{key: RouteCreate}, true, true
		case http.MethodGet:
			return route{key: RouteList}, true, true
		}
		return rt, true, false
	case len(segs) == 3 && segs[0] == "v3" && segs[1] == "schedules" && segs[2] != "":
		id := segs[2]
		switch method {
		case http.MethodGet:
			return route{key: RouteGet, id: id}, true, true
		case http.MethodPut:
			return route{key: RouteUpdate, id: id}, true, true
		case http.MethodDelete:
			return route{key: RouteDelete, id: id}, true, true
		}
		return rt, true, false
	case len(segs) == 4 && segs[0] == "v3" && segs[1] == "schedules" && segs[2] != "" && segs[3] == "msg_ids":
		if method == http.MethodGet {
			return route{key: RouteMsgIDs, id: segs[2]}, true, true
		}
		return rt, true, false
	case p == "/v3/push/cid":
		if method == http.MethodGet {
			return route{key: RouteCID, fam: famCID}, true, true
		}
		return route{fam: famCID}, true, false
	case p == "/v3/push/template/schedule":
		if method == http.MethodPost {
			return route{key: RouteTemplate, fam: famTemplate}, true, true
		}
		return route{fam: famTemplate}, true, false
	}
	return rt, false, false
}

// ServeHTTP serves the JPush routes and the /_emulator/ admin API. A JPush
// request goes through these steps in order: routing, latency, the gate
// (authentication, rate limit, injected fault), then the handler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		e.serveAdmin(w, r)
		return
	}
	rt, ok := e.routeOrAnswer(w, r)
	if !ok {
		return
	}
	latency := e.countRequest(rt)
	// Read the body first: the server then notices a client that goes away during latency.
	body, readErr := readBody(r)
	if latency > 0 && !sleepCtx(r.Context(), latency) {
		return
	}
	g := e.gate(r, rt)
	setCommonHeaders(w, g.now)
	g.rate.set(w.Header())
	if e.refused(w, r, rt, g) {
		return
	}

	e.mu.Lock()
	e.fireDueLocked()
	var rep reply
	if readErr != nil {
		rep = e.invalid(rt, "request data is not json")
	} else {
		rep = e.handleLocked(rt, r, body)
	}
	e.mu.Unlock()

	if g.fault == faultDropAfterCommit {
		abortConn(w)
		return
	}
	writeReply(w, r, rep)
}

// routeOrAnswer matches r to a JPush route. When there is none it answers
// itself (the HEAD/GET / probe, 405 or 404) and returns ok=false.
func (e *Emulator) routeOrAnswer(w http.ResponseWriter, r *http.Request) (rt route, ok bool) {
	if r.URL.Path == "/" && (r.Method == http.MethodHead || r.Method == http.MethodGet) {
		e.setUnroutedHeaders(w, r)
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			_, _ = w.Write([]byte(`{"service":"jpush-emulator"}`))
		}
		return rt, false
	}
	rt, known, ok := match(r.Method, r.URL.Path)
	if !ok {
		e.setUnroutedHeaders(w, r)
		if known {
			writeReply(w, r, errReply(http.StatusMethodNotAllowed, 1001, "Method not allowed"))
		} else {
			writeReply(w, r, errReply(http.StatusNotFound, 404, "Not found: "+r.URL.Path))
		}
		return rt, false
	}
	return rt, true
}

// countRequest counts a routed request in the stats and returns the
// configured latency, both under the lock.
func (e *Emulator) countRequest(rt route) time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stats.requests[rt.key]++
	return e.cfg.latency
}

// gateResult is what the gate decided about a request, before any handler runs.
type gateResult struct {
	now    time.Time // virtual now, for the Date header
	rate   rateState
	authOK bool
	fault  string // injected fault to act out; "" for none
}

// gate fires due schedules, checks the credentials, counts the call against
// the rate limit and picks an injected fault. Only authenticated calls are
// counted as rate limited, and only those within the limit can draw a fault.
func (e *Emulator) gate(r *http.Request, rt route) gateResult {
	e.mu.Lock()
	defer e.mu.Unlock()
	g := gateResult{now: e.nowLocked()}
	e.fireDueLocked()
	user, pass, _ := basicAuth(r)
	g.rate = e.consumeRateLocked(user)
	g.authOK = user == e.appKey && pass == e.secret
	if g.authOK && g.rate.limited {
		e.stats.rateLimited++
	}
	if g.authOK && !g.rate.limited {
		g.fault = e.pickFaultLocked(rt.key)
	}
	return g
}

// refused answers a request the gate turned away (bad credentials, rate
// limited) or whose injected fault strikes before the handler runs, and
// reports whether it did. drop_after_commit is acted out after the handler.
func (e *Emulator) refused(w http.ResponseWriter, r *http.Request, rt route, g gateResult) bool {
	switch {
	case !g.authOK:
		writeReply(w, r, authError(rt.fam))
		return true
	case g.rate.limited:
		writeReply(w, r, rateLimitedReply())
		return true
	}
	switch g.fault {
	case faultStall:
		e.stall(r, rt.key)
	case faultReset:
		abortConn(w)
	case faultStatus500:
		writeReply(w, r, errReply(http.StatusInternalServerError, 8200, "Server internal error."))
	case faultStatus503:
		writeReply(w, r, errReply(http.StatusServiceUnavailable, 8203, "Execute action timeout, please try later again"))
	case faultStatus429:
		writeReply(w, r, rateLimitedReply())
	default:
		return false
	}
	return true
}

func (e *Emulator) handleLocked(rt route, r *http.Request, body []byte) reply {
	switch rt.key {
	case RouteCreate:
		return e.createLocked(body)
	case RouteList:
		return e.listLocked(r.URL.Query().Get("page"))
	case RouteGet:
		return e.getLocked(rt.id)
	case RouteMsgIDs:
		return e.msgIDsLocked(rt.id)
	case RouteUpdate:
		return e.updateLocked(rt.id, body)
	case RouteDelete:
		return e.deleteLocked(rt.id)
	case RouteCID:
		return e.cidLocked(r.URL.Query())
	case RouteTemplate:
		return e.templateLocked(body)
	}
	return errReply(http.StatusNotFound, 404, "Not found")
}

func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(http.MaxBytesReader(nil, r.Body, 1<<20))
	return buf.Bytes(), err
}

func basicAuth(r *http.Request) (user, pass string, ok bool) {
	h := r.Header.Get("Authorization")
	const prefix = "Basic "
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(h[len(prefix):]))
	if err != nil {
		return "", "", false
	}
	user, pass, ok = strings.Cut(string(raw), ":")
	return user, pass, ok
}

func authError(f family) reply {
	switch f {
	case famSchedule:
		return errReply(http.StatusUnauthorized, 8101, "Basic authentication failed.")
	case famTemplate:
		return jsonReply(http.StatusUnauthorized, map[string]any{"code": 1004, "message": "Authen failed"})
	}
	return errReply(http.StatusUnauthorized, 1004, "Authen failed")
}

func rateLimitedReply() reply {
	return errReply(http.StatusTooManyRequests, 2002, "Rate limit exceeded")
}

func setCommonHeaders(w http.ResponseWriter, now time.Time) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Date", now.UTC().Format(http.TimeFormat))
}

func writeReply(w http.ResponseWriter, r *http.Request, rep reply) {
	w.Header().Set("Content-Length", strconv.Itoa(len(rep.body)))
	w.WriteHeader(rep.status)
	if r.Method != http.MethodHead && len(rep.body) > 0 {
		_, _ = w.Write(rep.body)
	}
}

// abortConn closes the client connection without writing a response.
func abortConn(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			if tc, ok := conn.(interface{ SetLinger(int) error }); ok {
				_ = tc.SetLinger(0) // RST rather than FIN
			}
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// rateState is what the X-Rate-Limit-* headers report.
type rateState struct {
	on                      bool
	limit, remaining, reset int
	limited                 bool
}

func (s rateState) set(h http.Header) {
	if !s.on {
		return
	}
	h.Set("X-Rate-Limit-Limit", strconv.Itoa(s.limit))
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(s.remaining))
	h.Set("X-Rate-Limit-Reset", strconv.Itoa(s.reset))
}

// setUnroutedHeaders sets Date, Content-Type and the rate-limit headers (without counting a call)
// for answers that never reach a JPush route (HEAD /, unknown paths, wrong methods).
func (e *Emulator) setUnroutedHeaders(w http.ResponseWriter, r *http.Request) {
	user, _, _ := basicAuth(r)
	e.mu.Lock()
	now := e.nowLocked()
	st := e.peekRateLocked(user)
	e.mu.Unlock()
	setCommonHeaders(w, now)
	st.set(w.Header())
}

func (e *Emulator) peekRateLocked(appKey string) rateState {
	limit := e.cfg.rateLimit
	if limit <= 0 {
		return rateState{}
	}
	now := e.realNow()
	st := rateState{on: true, limit: limit, remaining: limit, reset: int(math.Ceil(e.cfg.rateWindow.Seconds()))}
	if w := e.rate[appKey]; w != nil && now.Before(w.start.Add(e.cfg.rateWindow)) {
		st.remaining = max(0, limit-w.used)
		st.reset = max(1, int(math.Ceil(w.start.Add(e.cfg.rateWindow).Sub(now).Seconds())))
	}
	return st
}

// consumeRateLocked counts one call against the app key's window (real time).
func (e *Emulator) consumeRateLocked(appKey string) rateState {
	limit := e.cfg.rateLimit
	if limit <= 0 {
		return rateState{}
	}
	now := e.realNow()
	w := e.rate[appKey]
	if w == nil || !now.Before(w.start.Add(e.cfg.rateWindow)) {
		w = &rateWindow{start: now}
		e.rate[appKey] = w
	}
	st := rateState{on: true, limit: limit}
	left := w.start.Add(e.cfg.rateWindow).Sub(now)
	st.reset = int(math.Ceil(left.Seconds()))
	if st.reset < 1 {
		st.reset = 1
	}
	if w.used >= limit {
		st.limited = true
		return st
	}
	w.used++
	st.remaining = limit - w.used
	return st
}
