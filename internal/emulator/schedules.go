package emulator

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

type schedule struct {
	id      string
	seq     int
	name    string
	enabled bool
	trig    *trigger
	push    map[string]any
	msgIDs  []string
	expired bool
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Wire forms (field order as JPush documents it).
type scheduleWire struct {
	ScheduleID string         `json:"schedule_id,omitempty"`
	Name       string         `json:"name"`
	Enabled    bool           `json:"enabled"`
	Trigger    triggerWire    `json:"trigger"`
	Push       map[string]any `json:"push"`
}

type triggerWire struct {
	Single     *singleWire     `json:"single,omitempty"`
	Periodical *periodicalWire `json:"periodical,omitempty"`
}

type singleWire struct {
	Time string `json:"time"`
}

type periodicalWire struct {
	Start     string   `json:"start"`
	End       string   `json:"end"`
	Time      string   `json:"time"`
	TimeUnit  string   `json:"time_unit"`
	Frequency int      `json:"frequency"`
	Point     []string `json:"point,omitempty"`
}

type createWire struct {
	ScheduleID string `json:"schedule_id"`
	Name       string `json:"name"`
}

func (e *Emulator) wireLocked(s *schedule, withID bool) scheduleWire {
	w := scheduleWire{Name: s.name, Enabled: s.enabled, Push: s.push}
	if withID {
		w.ScheduleID = s.id
	}
	tr := s.trig
	if tr.single {
		w.Trigger.Single = &singleWire{Time: tr.at.In(e.loc).Format(wireLayout)}
	} else {
		p := &periodicalWire{
			Start: tr.start.In(e.loc).Format(wireLayout), End: tr.end.In(e.loc).Format(wireLayout),
			Time: tr.todStr, TimeUnit: tr.unitRaw, Frequency: tr.freq, Point: append([]string(nil), tr.points...),
		}
		if e.cfg.normalize {
			p.TimeUnit = strings.ToUpper(p.TimeUnit)
			if tr.unit == "week" {
				for i := range p.Point {
					p.Point[i] = strings.ToUpper(p.Point[i])
				}
			}
		}
		w.Trigger.Periodical = p
	}
	if e.cfg.normalize {
		w.Push = normalizePush(s.push)
	}
	return w
}

// normalizePush adds the server-side option defaults a real server may echo.
func normalizePush(push map[string]any) map[string]any {
	out := make(map[string]any, len(push)+1)
	for k, v := range push {
		out[k] = v
	}
	opts := map[string]any{}
	if o, ok := push["options"].(map[string]any); ok {
		for k, v := range o {
			opts[k] = v
		}
	}
	if _, ok := opts["time_to_live"]; !ok {
		opts["time_to_live"] = json.Number("86400")
	}
	if _, ok := opts["apns_production"]; !ok {
		opts["apns_production"] = true
	}
	out["options"] = opts
	return out
}

// visibleLocked finds a schedule the API may show (expired ones only when expired_visible).
func (e *Emulator) visibleLocked(id string) *schedule {
	s := e.schedules[id]
	if s == nil || (s.expired && !e.cfg.expiredVisible) {
		return nil
	}
	return s
}

// validateCreate applies the create rules to the name, enabled, trigger and
// push of a create body.
func (e *Emulator) validateCreate(m map[string]any, now time.Time) (string, *trigger, map[string]any, *vErr) {
	if _, ok := m["name"]; !ok {
		return "", nil, nil, invalidf("name is required")
	}
	name, verr := validateName("name", m["name"], e.cfg.strictNameCharset)
	if verr != nil {
		return "", nil, nil, verr
	}
	enabled, present := m["enabled"]
	if !present {
		return "", nil, nil, invalidf("enabled is required")
	}
	if b, ok := enabled.(bool); !ok {
		return "", nil, nil, invalidf("enabled must be a boolean")
	} else if !b {
		return "", nil, nil, invalidf("enabled must be true on create")
	}
	if m["trigger"] == nil {
		return "", nil, nil, invalidf("trigger is required")
	}
	tr, verr := e.validateTrigger(m["trigger"], now)
	if verr != nil {
		return "", nil, nil, verr
	}
	if m["push"] == nil {
		return "", nil, nil, invalidf("push is required")
	}
	push, verr := validatePush(m["push"])
	if verr != nil {
		return "", nil, nil, verr
	}
	return name, tr, push, nil
}

// CheckCreate answers whether JPush would accept body as a create
// (POST /v3/schedules) now, without creating anything or counting a
// request: the error code (0 when accepted) and message. The differential
// test compares it with the provider's plan-time verdict.
func (e *Emulator) CheckCreate(body []byte) (code int, message string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	m, ok := decodeObject(body)
	if !ok {
		return 8100, "request data is not json"
	}
	if _, _, _, verr := e.validateCreate(m, e.nowLocked()); verr != nil {
		return verr.code, verr.msg
	}
	return 0, ""
}

func (e *Emulator) createLocked(body []byte) reply {
	rt := route{key: RouteCreate}
	m, ok := decodeObject(body)
	if !ok {
		return e.invalid(rt, "request data is not json")
	}
	if k, bad := unknownKey(m, "cid", "name", "enabled", "trigger", "push"); bad {
		return e.invalid(rt, k+" is not a supported field")
	}
	now := e.nowLocked()
	var cid string
	if v := m["cid"]; v != nil {
		s, ok := v.(string)
		if !ok {
			return e.invalid(rt, "cid must be a string")
		}
		cid = s
	}
	var ent *cidEntry
	if cid != "" {
		ent = e.cids[cid]
		if ent == nil || ent.typ != "schedule" {
			return e.invalid(rt, "cid was not issued by /v3/push/cid?type=schedule for this app")
		}
		if now.Sub(ent.issued) > 24*time.Hour {
			return e.invalid(rt, "cid has expired (valid for 1 day)")
		}
		if ent.scheduleID != "" {
			e.stats.cidReplays++
			return jsonReply(http.StatusOK, createWire{ScheduleID: ent.scheduleID, Name: ent.name})
		}
	}
	name, tr, push, verr := e.validateCreate(m, now)
	if verr != nil {
		return e.vErrReply(rt, verr)
	}
	if e.validCountLocked() >= e.cfg.quota {
		return e.invalid(rt, fmt.Sprintf("quota exceeded: the app already has %d valid schedules (quota %d)", e.validCountLocked(), e.cfg.quota))
	}
	s := e.addLocked(name, tr, push)
	if ent != nil {
		ent.scheduleID, ent.name = s.id, s.name
	}
	return jsonReply(http.StatusOK, createWire{ScheduleID: s.id, Name: s.name})
}

func (e *Emulator) addLocked(name string, tr *trigger, push map[string]any) *schedule {
	for _, o := range e.schedules {
		if !o.expired && o.name == name {
			e.stats.duplicateNames++
			break
		}
	}
	e.seq++
	s := &schedule{id: newUUID(), seq: e.seq, name: name, enabled: true, trig: tr, push: push}
	e.schedules[s.id] = s
	e.stats.creates++
	return s
}

const pageSize = 50

type listWire struct {
	TotalCount int            `json:"total_count"`
	TotalPages int            `json:"total_pages"`
	Page       int            `json:"page"`
	Schedules  []scheduleWire `json:"schedules"`
}

func (e *Emulator) listLocked(pageParam string) reply {
	page, err := strconv.Atoi(strings.TrimSpace(pageParam))
	if err != nil || page < 1 {
		page = 1
	}
	all := e.orderedLocked(false)
	out := listWire{TotalCount: len(all), TotalPages: (len(all) + pageSize - 1) / pageSize, Page: page, Schedules: []scheduleWire{}}
	if from := (page - 1) * pageSize; page <= out.TotalPages {
		to := min(from+pageSize, len(all))
		for _, s := range all[from:to] {
			out.Schedules = append(out.Schedules, e.wireLocked(s, true))
		}
	}
	return jsonReply(http.StatusOK, out)
}

func (e *Emulator) getLocked(id string) reply {
	s := e.visibleLocked(id)
	if s == nil {
		return e.notFound()
	}
	return jsonReply(http.StatusOK, e.wireLocked(s, true))
}

type msgIDsWire struct {
	Count  int      `json:"count"`
	MsgIDs []string `json:"msgids"`
}

func (e *Emulator) msgIDsLocked(id string) reply {
	// msg_ids have their own switch: by default they outlive the schedule's
	// own GET, so a one-off push can be traced after it went out.
	s := e.schedules[id]
	if s == nil || (s.expired && !e.cfg.msgIDsVisible) {
		return e.notFound()
	}
	return jsonReply(http.StatusOK, msgIDsWire{Count: len(s.msgIDs), MsgIDs: append([]string{}, s.msgIDs...)})
}

func (e *Emulator) updateLocked(id string, body []byte) reply {
	rt := route{key: RouteUpdate}
	s := e.visibleLocked(id)
	if s == nil {
		return e.notFound()
	}
	if s.expired {
		return e.invalid(rt, "has been at term (expired schedules cannot be updated)")
	}
	m, ok := decodeObject(body)
	if !ok {
		return e.invalid(rt, "request data is not json")
	}
	if len(m) == 0 {
		return e.invalid(rt, "update target task: at least one of name, enabled, trigger, push is required")
	}
	if k, bad := unknownKey(m, "name", "enabled", "trigger", "push"); bad {
		return e.invalid(rt, k+" is not a supported field (update accepts name, enabled, trigger, push)")
	}
	name, enabled, tr, push := s.name, s.enabled, s.trig, s.push
	var verr *vErr
	if v, ok := m["name"]; ok {
		if name, verr = validateName("name", v, e.cfg.strictNameCharset); verr != nil {
			return e.vErrReply(rt, verr)
		}
	}
	if v, ok := m["enabled"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return e.invalid(rt, "enabled must be a boolean")
		}
		enabled = b
	}
	if v, ok := m["trigger"]; ok {
		if tr, verr = e.validateTrigger(v, e.nowLocked()); verr != nil {
			return e.vErrReply(rt, verr)
		}
		if tr.single != s.trig.single {
			return e.invalid(rt, "trigger cannot change between single and periodical")
		}
	}
	if v, ok := m["push"]; ok {
		if push, verr = validatePush(v); verr != nil {
			return e.vErrReply(rt, verr)
		}
	}
	s.name, s.enabled, s.trig, s.push = name, enabled, tr, push
	full := e.wireLocked(s, false)
	if !e.cfg.echoSubmitted {
		return jsonReply(http.StatusOK, full)
	}
	// Whether JPush echoes the whole schedule or only what was sent is
	// unconfirmed (development/jpush-api.md §5.5): this mode answers the latter.
	echo := map[string]any{}
	for k, v := range map[string]any{"name": full.Name, "enabled": full.Enabled, "trigger": full.Trigger, "push": full.Push} {
		if _, sent := m[k]; sent {
			echo[k] = v
		}
	}
	return jsonReply(http.StatusOK, echo)
}

func (e *Emulator) deleteLocked(id string) reply {
	s := e.visibleLocked(id)
	if s == nil {
		return e.notFound()
	}
	delete(e.schedules, s.id)
	if e.cfg.deleteJSON {
		return reply{status: http.StatusOK, body: []byte("{}")}
	}
	return reply{status: http.StatusOK}
}

func pushErr(status, code int, msg string) reply { return errReply(status, code, msg) }

func (e *Emulator) cidLocked(q url.Values) reply {
	typ := q.Get("type")
	if typ == "" {
		typ = "push"
	}
	if typ != "push" && typ != "schedule" {
		return pushErr(http.StatusBadRequest, 1003, "type must be push or schedule")
	}
	count := 1
	if c := q.Get("count"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil {
			return pushErr(http.StatusBadRequest, 1003, "count must be an integer")
		}
		count = n
	}
	if count < 1 || count > 1000 {
		return pushErr(http.StatusBadRequest, 1003, "count must be 1..1000")
	}
	now := e.nowLocked()
	list := make([]string, count)
	for i := range list {
		list[i] = e.appKey + "-" + newUUID()
		e.cids[list[i]] = &cidEntry{issued: now, typ: typ}
	}
	return jsonReply(http.StatusOK, map[string]any{"cidlist": list})
}
