package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Admin API under /_emulator/ (development/jpush-api.md §9; the Testing
// locally guide). No auth, no rate limit, not counted in stats. Errors answer
// {"error":"message"} with 400, 404 or 405.
//
// The routes are one table (adminTable): the dispatcher, AdminRoutes (which
// `jpush-emulator -help` prints) and the test that checks the "Testing
// locally" guide documents every route all read it, so none can drift.

// AdminRoute documents one admin route.
type AdminRoute struct {
	Method  string // GET, POST, PUT or DELETE
	Path    string // e.g. /_emulator/clock; {id} stands for a schedule id
	Body    string // an example request body; "" when the route takes none
	Summary string // what it does
}

type adminHandler func(e *Emulator, body []byte, params []string) (int, any)

type adminEntry struct {
	AdminRoute
	handle adminHandler
}

// adminTable is initialised in init: its handlers refer back to the table's
// users, which Go forbids in a package-level initialiser.
var adminTable []adminEntry

func init() {
	adminTable = []adminEntry{
		{AdminRoute{"POST", "/_emulator/reset", "", "forget every schedule, CID, template, fault rule and config change; the clock returns to the real time"}, adminReset},
		{AdminRoute{"GET", "/_emulator/clock", "", `the virtual time: {"now": RFC 3339}`}, adminGetClock},
		{AdminRoute{"POST", "/_emulator/clock", `{"advance": "25h"}`, `move the virtual clock by a Go duration, or set it with {"now": "2027-01-01T00:00:00+08:00"}; due schedules fire`}, adminSetClock},
		{AdminRoute{"GET", "/_emulator/config", "", "the effective modes"}, adminGetConfig},
		{AdminRoute{"PUT", "/_emulator/config", `{"msg_ids_visible": true}`, "change any modes; answers the effective modes"}, adminPutConfig},
		{AdminRoute{"POST", "/_emulator/faults", `{"rules": [{"route": "POST /v3/schedules", "kind": "status_503", "probability": 0.3, "count": 0}]}`, "replace the fault rules"}, adminSetFaults},
		{AdminRoute{"DELETE", "/_emulator/faults", "", "clear the fault rules"}, adminClearFaults},
		{AdminRoute{"GET", "/_emulator/stats", "", "request counters by route, valid schedules, faults fired, 429s sent, CID replays, creates, duplicate names"}, adminStats},
		{AdminRoute{"POST", "/_emulator/templates", `{"id": "tpl1", "keys": ["title", "content"]}`, "define (or replace) a console template and its variable keys, for jpush_template_schedule"}, adminDefineTemplate},
		{AdminRoute{"POST", "/_emulator/schedules/{id}/legacy_msg_ids", `{"msgids": ["123"]}`, "replace a schedule's msg_ids with JPush's pre-2018 format (bare msg_id strings)"}, adminLegacyMsgIDs},
	}
}

// AdminRoutes lists every route the admin API serves, in a stable order.
func AdminRoutes() []AdminRoute {
	out := make([]AdminRoute, len(adminTable))
	for i, r := range adminTable {
		out[i] = r.AdminRoute
	}
	return out
}

func (e *Emulator) serveAdmin(w http.ResponseWriter, r *http.Request) {
	body, _ := readBody(r)
	status, out := e.admin(r.Method, r.URL.Path, body)
	e.mu.Lock()
	now := e.nowLocked()
	e.mu.Unlock()
	setCommonHeaders(w, now)
	writeReply(w, r, reply{status: status, body: mustJSON(out)})
}

type adminErr struct {
	Error string `json:"error"`
}

func badRequest(msg string) (int, any) { return http.StatusBadRequest, adminErr{msg} }

func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// admin dispatches one admin request. A path that matches a route under
// another method answers 405, one that matches none 404.
func (e *Emulator) admin(method, urlPath string, body []byte) (int, any) {
	path := strings.TrimSuffix(urlPath, "/")
	pathKnown := false
	for _, r := range adminTable {
		params, ok := matchAdminPath(r.Path, path)
		if !ok {
			continue
		}
		if r.Method == method {
			return r.handle(e, body, params)
		}
		pathKnown = true
	}
	if pathKnown {
		return http.StatusMethodNotAllowed, adminErr{"method " + method + " not allowed on " + path}
	}
	return http.StatusNotFound, adminErr{"unknown admin route " + method + " " + path + " (jpush-emulator -help lists the routes)"}
}

// matchAdminPath matches path against pattern, where a {name} segment
// matches any non-empty segment; it returns those segments.
func matchAdminPath(pattern, path string) ([]string, bool) {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return nil, false
	}
	var params []string
	for i, p := range ps {
		switch {
		case strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") && xs[i] != "":
			params = append(params, xs[i])
		case p != xs[i]:
			return nil, false
		}
	}
	return params, true
}

func adminReset(e *Emulator, _ []byte, _ []string) (int, any) {
	e.Reset()
	return http.StatusOK, map[string]any{}
}

func adminGetClock(e *Emulator, _ []byte, _ []string) (int, any) {
	return http.StatusOK, e.clockView()
}

func adminSetClock(e *Emulator, body []byte, _ []string) (int, any) {
	var req struct {
		Advance string `json:"advance"`
		Now     string `json:"now"`
	}
	if err := decodeStrict(body, &req); err != nil {
		return badRequest("body must be {\"advance\": \"25h\"} or {\"now\": RFC3339}: " + err.Error())
	}
	switch {
	case req.Advance != "" && req.Now != "":
		return badRequest("give either advance or now, not both")
	case req.Advance != "":
		d, err := time.ParseDuration(req.Advance)
		if err != nil {
			return badRequest("advance must be a Go duration: " + err.Error())
		}
		e.Advance(d)
	case req.Now != "":
		t, err := time.Parse(time.RFC3339, req.Now)
		if err != nil {
			return badRequest("now must be RFC 3339: " + err.Error())
		}
		e.SetNow(t)
	default:
		return badRequest("give advance or now")
	}
	return http.StatusOK, e.clockView()
}

func adminGetConfig(e *Emulator, _ []byte, _ []string) (int, any) {
	return http.StatusOK, e.configView()
}

func adminPutConfig(e *Emulator, body []byte, _ []string) (int, any) {
	var c Config
	if err := decodeStrict(body, &c); err != nil {
		return badRequest("invalid config: " + err.Error())
	}
	e.mu.Lock()
	s, err := applyConfig(e.cfg, c)
	if err == nil {
		e.cfg = s
	}
	e.mu.Unlock()
	if err != nil {
		return badRequest(err.Error())
	}
	return http.StatusOK, e.configView()
}

func adminSetFaults(e *Emulator, body []byte, _ []string) (int, any) {
	var req struct {
		Rules []FaultRule `json:"rules"`
	}
	if err := decodeStrict(body, &req); err != nil {
		return badRequest("body must be {\"rules\": [...]}: " + err.Error())
	}
	for _, rule := range req.Rules {
		if err := validateFault(rule); err != nil {
			return badRequest(err.Error())
		}
	}
	e.SetFaults(req.Rules)
	return http.StatusOK, map[string]any{"rules": len(req.Rules)}
}

func adminClearFaults(e *Emulator, _ []byte, _ []string) (int, any) {
	e.ClearFaults()
	return http.StatusOK, map[string]any{}
}

func adminStats(e *Emulator, _ []byte, _ []string) (int, any) {
	return http.StatusOK, e.Stats()
}

func adminDefineTemplate(e *Emulator, body []byte, _ []string) (int, any) {
	var req struct {
		ID   string   `json:"id"`
		Keys []string `json:"keys"`
	}
	if err := decodeStrict(body, &req); err != nil || req.ID == "" {
		return badRequest("body must be {\"id\": \"tpl1\", \"keys\": [\"title\"]}")
	}
	e.DefineTemplate(req.ID, req.Keys)
	return http.StatusOK, map[string]any{}
}

func adminLegacyMsgIDs(e *Emulator, body []byte, params []string) (int, any) {
	var req struct {
		MsgIDs []string `json:"msgids"`
	}
	if err := decodeStrict(body, &req); err != nil {
		return badRequest("body must be {\"msgids\": [\"123\"]}")
	}
	if err := e.SetLegacyMsgIDs(params[0], req.MsgIDs); err != nil {
		return http.StatusNotFound, adminErr{err.Error()}
	}
	return http.StatusOK, map[string]any{}
}

func (e *Emulator) clockView() map[string]string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fireDueLocked()
	return map[string]string{"now": e.nowLocked().In(e.loc).Format(time.RFC3339)}
}

func (e *Emulator) configView() map[string]any {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.cfg
	variant, del, echo := "table", "empty", "full"
	if c.docCodes {
		variant = "doc"
	}
	if c.deleteJSON {
		del = "json"
	}
	if c.echoSubmitted {
		echo = "submitted"
	}
	return map[string]any{
		"expired_visible": c.expiredVisible, "msg_ids_visible": c.msgIDsVisible, "normalize": c.normalize,
		"rate_limit_per_minute": c.rateLimit, "rate_limit_window": c.rateWindow.String(),
		"schedule_quota": c.quota, "latency": c.latency.String(), "error_code_variant": variant,
		"strict_name_charset": c.strictNameCharset, "delete_body": del, "update_echo": echo,
	}
}
