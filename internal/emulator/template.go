package emulator

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// POST /v3/push/template/schedule (development/jpush-api.md §5.8). Whole-request errors answer 400 with a
// top-level {"code","message"}; per-param failures answer 200 with non-zero item codes.

type templateItem struct {
	Code       int    `json:"code"`
	Message    string `json:"message"`
	ScheduleID string `json:"schedule_id"`
	TraceID    string `json:"trace_id"`
}

type templateResult struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    struct {
		ScheduleList []templateItem `json:"schedule_list"`
	} `json:"data"`
}

func templateErr(code int, msg string) reply {
	return jsonReply(http.StatusBadRequest, map[string]any{"code": code, "message": msg})
}

// audienceGroup names the audience type of a param; tag, tag_and and tag_not form one group.
func audienceGroup(ak *rules.AudienceKind) (string, bool) {
	if ak.All {
		return "all", true
	}
	group := ""
	for k := range ak.Kinds {
		g := k
		if strings.HasPrefix(k, "tag") {
			g = "tag"
		}
		if group != "" && group != g {
			return "", false
		}
		group = g
	}
	return group, true
}

// templateLocked serves POST /v3/push/template/schedule: it checks the
// request, then each param, then the params' audiences as a whole, and only
// then creates one schedule per accepted param.
func (e *Emulator) templateLocked(body []byte) reply {
	req, verr := e.parseTemplateLocked(body)
	if verr != nil {
		return templateErr(verr.code, verr.msg)
	}
	pc, verr := checkTemplateParams(req.params, req.keys)
	if verr != nil {
		return templateErr(verr.code, verr.msg)
	}
	if verr := pc.checkAudienceTotals(len(req.params)); verr != nil {
		return templateErr(verr.code, verr.msg)
	}
	e.createTemplateSchedulesLocked(req, pc)
	res := templateResult{Code: 0, Message: "success"}
	res.Data.ScheduleList = pc.items
	return jsonReply(http.StatusOK, res)
}

// templateRequest is a template request whose top-level fields are valid.
type templateRequest struct {
	id     string
	keys   []string // the template's variables, in template order
	name   string
	trig   *trigger
	params []any
}

// parseTemplateLocked checks the request's top-level fields. Its errors
// carry the top-level code to answer with (400 for the whole request).
func (e *Emulator) parseTemplateLocked(body []byte) (*templateRequest, *vErr) {
	m, ok := decodeObject(body)
	if !ok {
		return nil, &vErr{code: 1003, msg: "request data is not json"}
	}
	if k, bad := unknownKey(m, "id", "params", "schedule_name", "trigger"); bad {
		return nil, &vErr{code: 1009, msg: k + " is not a supported key"}
	}
	id, _ := m["id"].(string)
	if id == "" {
		return nil, &vErr{code: 1002, msg: "id is required"}
	}
	keys, known := e.templates[id]
	if !known {
		return nil, &vErr{code: 1003, msg: fmt.Sprintf("template %s does not exist", id)}
	}
	if m["schedule_name"] == nil {
		return nil, &vErr{code: 1002, msg: "schedule_name is required"}
	}
	name, verr := validateName("schedule_name", m["schedule_name"], e.cfg.strictNameCharset)
	if verr != nil {
		return nil, &vErr{code: 1003, msg: verr.msg}
	}
	if m["trigger"] == nil {
		return nil, &vErr{code: 1002, msg: "trigger is required"}
	}
	tr, verr := e.validateTrigger(m["trigger"], e.nowLocked())
	if verr != nil {
		return nil, &vErr{code: 1003, msg: verr.msg}
	}
	params, ok := m["params"].([]any)
	if !ok || len(params) == 0 {
		return nil, &vErr{code: 1002, msg: "params must be a non-empty array"}
	}
	return &templateRequest{id: id, keys: keys, name: name, trig: tr, params: params}, nil
}

// paramCheck is the outcome of checking every param: one item per param
// (a failed param keeps its non-zero code), the accepted params, and their
// audience groups and value counts for the checks across params.
type paramCheck struct {
	items    []templateItem
	accepted []map[string]any // nil where the param failed
	groups   []string         // audience group of each accepted param
	sums     map[string]int   // audience key -> values over all accepted params
}

// checkTemplateParams checks each param on its own. A param that fails
// answers in its item; a param whose audience mixes types fails the whole
// request (the returned error).
func checkTemplateParams(params []any, keys []string) (*paramCheck, *vErr) {
	pc := &paramCheck{
		items:    make([]templateItem, len(params)),
		accepted: make([]map[string]any, len(params)),
		sums:     map[string]int{},
	}
	for i, raw := range params {
		p := fmt.Sprintf("params[%d]", i)
		pm, ok := raw.(map[string]any)
		if !ok {
			pc.items[i] = templateItem{Code: 1003, Message: p + " must be an object"}
			continue
		}
		if t, ok := pm["trace_id"].(string); ok {
			pc.items[i].TraceID = t
		}
		if err := checkParam(p, pm, keys); err != nil {
			pc.items[i].Code, pc.items[i].Message = err.code, err.msg
			continue
		}
		ak, err := validateAudience(p+".audience", pm["audience"])
		if err != nil {
			pc.items[i].Code, pc.items[i].Message = 1003, err.msg
			continue
		}
		g, ok := audienceGroup(ak)
		if !ok {
			return nil, &vErr{code: 1003, msg: p + ".audience mixes audience types"}
		}
		pc.groups = append(pc.groups, g)
		for k, n := range ak.Kinds {
			pc.sums[k] += n
		}
		pc.accepted[i] = pm
	}
	return pc, nil
}

// checkAudienceTotals applies the rules across params (nParams of them,
// failed ones included): one audience group for all, all/tag/segment only
// with a single param, and at most 1000 registration ids or aliases in all.
func (pc *paramCheck) checkAudienceTotals(nParams int) *vErr {
	if len(pc.groups) == 0 {
		return nil
	}
	for _, g := range pc.groups[1:] {
		if g != pc.groups[0] {
			return &vErr{code: 1003, msg: "params mix audience types (" + pc.groups[0] + " and " + g + ")"}
		}
	}
	switch g := pc.groups[0]; {
	case (g == "all" || g == "tag" || g == "segment") && nParams != 1:
		return &vErr{code: 1003, msg: fmt.Sprintf("audience %s allows exactly one param", g)}
	case pc.sums["registration_id"] > 1000:
		return &vErr{code: 1003, msg: "registration_id values over all params exceed 1000"}
	case pc.sums["alias"] > 1000:
		return &vErr{code: 1003, msg: "alias values over all params exceed 1000"}
	}
	return nil
}

// createTemplateSchedulesLocked creates one schedule per accepted param, in
// param order, until the quota is reached: the params after that fail with
// 8100 in their items.
func (e *Emulator) createTemplateSchedulesLocked(req *templateRequest, pc *paramCheck) {
	for i, pm := range pc.accepted {
		if pm == nil {
			continue
		}
		if e.validCountLocked() >= e.cfg.quota {
			pc.items[i].Code = 8100
			pc.items[i].Message = fmt.Sprintf("The schedule-task is invalid: quota exceeded (quota %d)", e.cfg.quota)
			continue
		}
		push := map[string]any{
			"platform": "all", "audience": pm["audience"],
			"notification": map[string]any{"alert": renderTemplate(req.id, req.keys, pm["keys"])},
		}
		if o, ok := pm["options"]; ok {
			push["options"] = o
		}
		t := *req.trig
		s := e.addLocked(req.name, &t, push)
		pc.items[i].Code, pc.items[i].Message, pc.items[i].ScheduleID = 0, "success", s.id
	}
}

// checkParam validates one param apart from its audience.
func checkParam(p string, pm map[string]any, keys []string) *vErr {
	if k, bad := unknownKey(pm, "keys", "audience", "options", "trace_id", "geofence"); bad {
		return &vErr{code: 1009, msg: p + "." + k + " is not a supported key"}
	}
	if v, ok := pm["trace_id"]; ok {
		if _, isStr := v.(string); !isStr {
			return &vErr{code: 1003, msg: p + ".trace_id must be a string"}
		}
	}
	var km map[string]any
	if v := pm["keys"]; v != nil {
		var ok bool
		if km, ok = v.(map[string]any); !ok {
			return &vErr{code: 1003, msg: p + ".keys must be an object of strings"}
		}
	}
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
		if _, ok := km[k]; !ok {
			return &vErr{code: 1003, msg: p + ".keys." + k + " is required by the template"}
		}
	}
	for k, v := range km {
		if !want[k] {
			return &vErr{code: 1003, msg: p + ".keys." + k + " is not a variable of the template"}
		}
		if _, ok := v.(string); !ok {
			return &vErr{code: 1003, msg: p + ".keys." + k + " must be a string"}
		}
	}
	if v, ok := pm["options"]; ok {
		if err := validateOptions(p+".options", v); err != nil {
			return &vErr{code: 1003, msg: err.msg}
		}
	}
	if err := optObject(p, pm, "geofence"); err != nil {
		return &vErr{code: 1003, msg: err.msg}
	}
	return nil
}

// renderTemplate stands in for the console template: the variable values in template order.
func renderTemplate(id string, keys []string, kv any) string {
	km, _ := kv.(map[string]any)
	var parts []string
	for _, k := range keys {
		s, _ := km[k].(string)
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "template " + id
	}
	return strings.Join(parts, " ")
}
