package emulator

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// POST /v3/push/template/schedule (docs/development/jpush-api.md §5.8). Whole-request errors answer 400 with a
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

func (e *Emulator) templateLocked(body []byte) reply {
	m, ok := decodeObject(body)
	if !ok {
		return templateErr(1003, "request data is not json")
	}
	for k := range m {
		switch k {
		case "id", "params", "schedule_name", "trigger":
		default:
			return templateErr(1009, k+" is not a supported key")
		}
	}
	id, _ := m["id"].(string)
	if id == "" {
		return templateErr(1002, "id is required")
	}
	keys, known := e.templates[id]
	if !known {
		return templateErr(1003, fmt.Sprintf("template %s does not exist", id))
	}
	if m["schedule_name"] == nil {
		return templateErr(1002, "schedule_name is required")
	}
	name, verr := validateName("schedule_name", m["schedule_name"], e.cfg.strictNameCharset)
	if verr != nil {
		return templateErr(1003, verr.msg)
	}
	if m["trigger"] == nil {
		return templateErr(1002, "trigger is required")
	}
	tr, verr := e.validateTrigger(m["trigger"], e.nowLocked())
	if verr != nil {
		return templateErr(1003, verr.msg)
	}
	params, ok := m["params"].([]any)
	if !ok || len(params) == 0 {
		return templateErr(1002, "params must be a non-empty array")
	}

	items := make([]templateItem, len(params))
	auds := make([]map[string]any, len(params))
	audVals := make([]any, len(params))
	var groups []string
	sums := map[string]int{}
	for i, raw := range params {
		p := fmt.Sprintf("params[%d]", i)
		pm, ok := raw.(map[string]any)
		if !ok {
			items[i] = templateItem{Code: 1003, Message: p + " must be an object"}
			continue
		}
		if t, ok := pm["trace_id"].(string); ok {
			items[i].TraceID = t
		}
		if err := checkParam(p, pm, keys); err != nil {
			items[i].Code, items[i].Message = err.code, err.msg
			continue
		}
		ak, err := validateAudience(p+".audience", pm["audience"])
		if err != nil {
			items[i].Code, items[i].Message = 1003, err.msg
			continue
		}
		g, ok := audienceGroup(ak)
		if !ok {
			return templateErr(1003, p+".audience mixes audience types")
		}
		groups = append(groups, g)
		for k, n := range ak.Kinds {
			sums[k] += n
		}
		auds[i], audVals[i] = pm, pm["audience"]
	}
	if len(groups) > 0 {
		for _, g := range groups[1:] {
			if g != groups[0] {
				return templateErr(1003, "params mix audience types ("+groups[0]+" and "+g+")")
			}
		}
		switch g := groups[0]; {
		case (g == "all" || g == "tag" || g == "segment") && len(params) != 1:
			return templateErr(1003, fmt.Sprintf("audience %s allows exactly one param", g))
		case sums["registration_id"] > 1000:
			return templateErr(1003, "registration_id values over all params exceed 1000")
		case sums["alias"] > 1000:
			return templateErr(1003, "alias values over all params exceed 1000")
		}
	}
	for i := range params {
		if auds[i] == nil {
			continue
		}
		if e.validCountLocked() >= e.cfg.quota {
			items[i].Code = 8100
			items[i].Message = fmt.Sprintf("The schedule-task is invalid: quota exceeded (quota %d)", e.cfg.quota)
			continue
		}
		push := map[string]any{
			"platform": "all", "audience": audVals[i],
			"notification": map[string]any{"alert": renderTemplate(id, keys, auds[i]["keys"])},
		}
		if o, ok := auds[i]["options"]; ok {
			push["options"] = o
		}
		t := *tr
		s := e.addLocked(name, &t, push)
		items[i].Code, items[i].Message, items[i].ScheduleID = 0, "success", s.id
	}
	res := templateResult{Code: 0, Message: "success"}
	res.Data.ScheduleList = items
	return jsonReply(http.StatusOK, res)
}

// checkParam validates one param apart from its audience.
func checkParam(p string, pm map[string]any, keys []string) *vErr {
	for k := range pm {
		switch k {
		case "keys", "audience", "options", "trace_id", "geofence":
		default:
			return &vErr{code: 1009, msg: p + "." + k + " is not a supported key"}
		}
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
