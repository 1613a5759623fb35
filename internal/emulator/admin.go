package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Admin API under /_emulator/ (routes in doc.go; docs/development/jpush-api.md §9).
// No auth, no rate limit, not counted in stats. Errors answer {"error":"message"} with 400, 404 or 405.

func (e *Emulator) serveAdmin(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/_emulator/"), "/")
	body, _ := readBody(r)
	status, out := e.admin(r.Method, path, body)
	e.mu.Lock()
	now := e.nowLocked()
	e.mu.Unlock()
	setCommonHeaders(w, now)
	writeReply(w, r, reply{status: status, body: mustJSON(out)})
}

type adminErr struct {
	Error string `json:"error"`
}

func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func (e *Emulator) admin(method, path string, body []byte) (int, any) {
	bad := func(msg string) (int, any) { return http.StatusBadRequest, adminErr{msg} }
	route := method + " " + path
	switch route {
	case "POST reset":
		e.Reset()
		return http.StatusOK, map[string]any{}
	case "GET clock":
		return http.StatusOK, e.clockView()
	case "POST clock":
		var req struct {
			Advance string `json:"advance"`
			Now     string `json:"now"`
		}
		if err := decodeStrict(body, &req); err != nil {
			return bad("body must be {\"advance\": \"25h\"} or {\"now\": RFC3339}: " + err.Error())
		}
		switch {
		case req.Advance != "" && req.Now != "":
			return bad("give either advance or now, not both")
		case req.Advance != "":
			d, err := time.ParseDuration(req.Advance)
			if err != nil {
				return bad("advance must be a Go duration: " + err.Error())
			}
			e.Advance(d)
		case req.Now != "":
			t, err := time.Parse(time.RFC3339, req.Now)
			if err != nil {
				return bad("now must be RFC 3339: " + err.Error())
			}
			e.SetNow(t)
		default:
			return bad("give advance or now")
		}
		return http.StatusOK, e.clockView()
	case "GET config":
		return http.StatusOK, e.configView()
	case "PUT config", "POST config":
		var c Config
		if err := decodeStrict(body, &c); err != nil {
			return bad("invalid config: " + err.Error())
		}
		e.mu.Lock()
		s, err := applyConfig(e.cfg, c)
		if err == nil {
			e.cfg = s
		}
		e.mu.Unlock()
		if err != nil {
			return bad(err.Error())
		}
		return http.StatusOK, e.configView()
	case "POST faults":
		var req struct {
			Rules []FaultRule `json:"rules"`
		}
		if err := decodeStrict(body, &req); err != nil {
			return bad("body must be {\"rules\": [...]}: " + err.Error())
		}
		for _, rule := range req.Rules {
			if err := validateFault(rule); err != nil {
				return bad(err.Error())
			}
		}
		e.SetFaults(req.Rules)
		return http.StatusOK, map[string]any{"rules": len(req.Rules)}
	case "DELETE faults":
		e.ClearFaults()
		return http.StatusOK, map[string]any{}
	case "GET stats":
		return http.StatusOK, e.Stats()
	case "POST templates":
		var req struct {
			ID   string   `json:"id"`
			Keys []string `json:"keys"`
		}
		if err := decodeStrict(body, &req); err != nil || req.ID == "" {
			return bad("body must be {\"id\": \"tpl1\", \"keys\": [\"title\"]}")
		}
		e.DefineTemplate(req.ID, req.Keys)
		return http.StatusOK, map[string]any{}
	}
	// POST schedules/{id}/legacy_msg_ids
	if parts := strings.Split(path, "/"); len(parts) == 3 && parts[0] == "schedules" && parts[2] == "legacy_msg_ids" {
		if method != http.MethodPost {
			return http.StatusMethodNotAllowed, adminErr{"use POST"}
		}
		var req struct {
			MsgIDs []string `json:"msgids"`
		}
		if err := decodeStrict(body, &req); err != nil {
			return bad("body must be {\"msgids\": [\"123\"]}")
		}
		if err := e.SetLegacyMsgIDs(parts[1], req.MsgIDs); err != nil {
			return http.StatusNotFound, adminErr{err.Error()}
		}
		return http.StatusOK, map[string]any{}
	}
	return http.StatusNotFound, adminErr{"unknown admin route " + route}
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
		"expired_visible": c.expiredVisible, "normalize": c.normalize,
		"rate_limit_per_minute": c.rateLimit, "rate_limit_window": c.rateWindow.String(),
		"schedule_quota": c.quota, "latency": c.latency.String(), "error_code_variant": variant,
		"strict_name_charset": c.strictNameCharset, "delete_body": del, "update_echo": echo,
	}
}
