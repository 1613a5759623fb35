package provider

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"time"
)

// A seeded generator of schedules near every limit of JPush's rules and
// just past it, rendered twice: as a jpush_schedule configuration (for the
// provider's plan) and as the create body the provider sends for it (for
// the emulator's verdict). See rules_differential_test.go.

type genCase struct {
	desc   string
	config map[string]any // the resource configuration, as Terraform sends it
	body   map[string]any // the create body JPush receives
}

type gen struct {
	r    *rand.Rand
	now  time.Time // JPush's now
	loc  *time.Location
	edgy bool // this case may step past limits (half the cases stay at them)
}

func (g *gen) pick(xs ...string) string { return xs[g.r.Intn(len(xs))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// bad reports whether this choice steps past a limit.
func (g *gen) bad() bool { return g.edgy && g.chance(0.12) }

// choose picks a value at a limit, or (in an edgy case, now and then) one
// just past it.
func (g *gen) choose(good, bad []string) string {
	if g.bad() {
		return bad[g.r.Intn(len(bad))]
	}
	return good[g.r.Intn(len(good))]
}

func num(n int64) json.Number { return json.Number(fmt.Sprint(n)) }

// name is a schedule name around the charset and the 255-byte limit.
func (g *gen) name() string {
	return g.choose([]string{"daily_news", "推送_1", strings.Repeat("a", 255), strings.Repeat("推", 85), "名" + strings.Repeat("_", 252)},
		[]string{"", "a b", "bad-name", "café", "Жук", "ひらがな", "x.y", strings.Repeat("a", 256), strings.Repeat("推", 86), "名" + strings.Repeat("_", 253)})
}

// tag is a tag or alias around the charset and the 40-byte limit.
func (g *gen) tag() string {
	return g.choose([]string{"vip", "news_cn", "标签", "a@b#c", "x$&*+=.|￥", strings.Repeat("t", 40), strings.Repeat("标", 13)},
		[]string{"", "a b", "café", "Жук", "ひらがな", "한국", "tag-1", "Ａ", strings.Repeat("t", 41), strings.Repeat("标", 14), "٣"})
}

// strs is a list of n values from f.
func strs(n int, f func() string) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = f()
	}
	return out
}

// audience returns the wire audience; typed pushes never get an empty
// list (the typed schema refuses [], JPush reads it as absent: a
// deliberate difference, since state would flip between [] and null).
func (g *gen) audience(typed bool) any {
	if g.chance(0.2) {
		return "all"
	}
	m := map[string]any{}
	sizes := []int{1, 2, 20}
	if g.bad() {
		sizes = []int{21}
		if !typed {
			sizes = append(sizes, 0)
		}
	}
	for _, k := range []string{"tag", "tag_and", "tag_not", "alias"} {
		if g.chance(0.3) {
			m[k] = strs(sizes[g.r.Intn(len(sizes))], g.tag)
		}
	}
	if g.chance(0.15) {
		m["registration_id"] = strs(1+g.r.Intn(2), func() string { return g.choose([]string{"1a0018970a9b4"}, []string{""}) })
	}
	for _, k := range []string{"segment", "abtest"} {
		if g.chance(0.08) {
			n := 1
			if g.bad() {
				n = 2
			}
			m[k] = strs(n, func() string { return "seg1" })
		}
	}
	if g.chance(0.05) && (len(m) == 0 || g.bad()) {
		m["live_activity_id"] = g.choose([]string{"la1"}, []string{""})
	}
	if g.chance(0.05) {
		m["file"] = map[string]any{"file_id": g.choose([]string{"f1"}, []string{""})}
	}
	if len(m) == 0 && !g.bad() {
		m["tag"] = []any{g.tag()}
	}
	if !typed && g.bad() {
		m["all"] = true // JPush spells a broadcast "all", never {all = true}
	}
	return m
}

func (g *gen) platform(typed bool) any {
	if g.chance(0.3) {
		return "all"
	}
	names := []string{"android", "ios", "hmos", "quickapp"}
	n := 1 + g.r.Intn(3)
	out := make([]any, 0, n)
	for _, i := range g.r.Perm(len(names))[:n] {
		out = append(out, names[i])
	}
	if g.bad() {
		out = append(out, out[0]) // a duplicate
	}
	if g.bad() {
		out = append(out, g.pick("all", "windows", "Android"))
	}
	if !typed && g.bad() {
		out = []any{}
	}
	return out
}

// text is a notification text; sometimes large enough to reach the payload size limit (development/jpush-api.md §6.6)
// limits (4000 bytes Android, 2000 bytes the iOS section).
func (g *gen) text() string {
	if g.bad() {
		switch g.r.Intn(4) {
		case 0:
			return ""
		case 1:
			return strings.Repeat("x", 1950+g.r.Intn(100))
		case 2:
			return strings.Repeat("x", 3950+g.r.Intn(100))
		default:
			return strings.Repeat("推", 1300+g.r.Intn(50)) // 3 bytes each
		}
	}
	return g.pick("hello", "你好", "sale today", strings.Repeat("x", 1800))
}

func (g *gen) intIn(lo, hi int64) json.Number {
	if g.bad() {
		if g.chance(0.5) {
			return num(lo - 1)
		}
		return num(hi + 1)
	}
	if g.chance(0.5) {
		return num(lo)
	}
	return num(hi)
}

func (g *gen) notification(typed bool) map[string]any {
	n := map[string]any{}
	if g.chance(0.7) {
		n["alert"] = g.text()
	}
	if g.chance(0.4) {
		a := map[string]any{}
		if g.chance(0.7) || typed {
			if g.chance(0.8) {
				a["alert"] = g.text()
			}
		}
		if g.chance(0.3) {
			a["title"] = "t"
		}
		if g.chance(0.2) {
			a["priority"] = g.intIn(-2, 2)
		}
		if g.chance(0.1) {
			a["badge_add_num"] = g.intIn(1, 99)
		}
		if g.chance(0.1) {
			a["badge_set_num"] = g.intIn(0, 99)
		}
		if g.chance(0.1) {
			a["channel_id"] = g.choose([]string{"c1", strings.Repeat("c", 1000)}, []string{"", strings.Repeat("c", 1001)})
		}
		if g.chance(0.1) {
			a["style"] = g.intIn(0, 3)
		}
		if g.chance(0.1) {
			a["alert_type"] = g.intIn(-1, 7)
		}
		n["android"] = a
	}
	if g.chance(0.3) {
		i := map[string]any{}
		if g.chance(0.7) {
			i["alert"] = g.text()
		}
		if g.chance(0.3) {
			i["badge"] = g.choose([]string{"0", "+1", "-1", "99", ""}, []string{"100", "+100", "x"})
		}
		if g.chance(0.2) {
			i["interruption-level"] = g.choose([]string{"active", "critical", "passive", "time-sensitive"}, []string{"loud"})
		}
		if g.chance(0.2) {
			i["sound"] = "default"
		}
		n["ios"] = i
	}
	if g.chance(0.15) {
		h := map[string]any{}
		if g.chance(0.6) || !g.bad() {
			h["alert"] = g.choose([]string{"hm"}, []string{""})
		}
		if g.chance(0.3) {
			h["category"] = "IM"
		}
		if g.chance(0.1) {
			h["badge_add_num"] = g.intIn(1, 99)
		}
		n["hmos"] = h
	}
	if g.chance(0.1) {
		q := map[string]any{}
		for _, k := range []string{"alert", "title", "page"} {
			if !g.bad() {
				q[k] = g.choose([]string{"q"}, []string{""})
			}
		}
		n["quickapp"] = q
	}
	return n
}

func (g *gen) options() map[string]any {
	o := map[string]any{}
	if g.chance(0.3) {
		o["time_to_live"] = g.intIn(0, 864000)
	}
	if g.chance(0.2) {
		o["big_push_duration"] = g.intIn(0, 1400)
	}
	if g.chance(0.2) {
		o["classification"] = g.intIn(0, 1)
	}
	if g.chance(0.2) {
		o["sendno"] = g.intIn(0, 1<<31-1)
	}
	if g.chance(0.1) {
		o["override_msg_id"] = g.intIn(1, 1<<62)
	}
	if g.chance(0.2) {
		o["apns_collapse_id"] = g.choose([]string{"c", strings.Repeat("c", 64)}, []string{"", strings.Repeat("c", 65)})
	}
	if g.chance(0.2) {
		o["apns_production"] = g.chance(0.5)
	}
	return o
}

// push is a wire push (numbers as json.Number).
func (g *gen) push(typed bool) map[string]any {
	p := map[string]any{"platform": g.platform(typed), "audience": g.audience(typed)}
	msg := g.chance(0.3)
	if !msg || g.chance(0.5) || g.bad() {
		p["notification"] = g.notification(typed)
	}
	if msg {
		p["message"] = map[string]any{"msg_content": g.choose([]string{"m", strings.Repeat("m", 1000)}, []string{"", strings.Repeat("m", 3990+g.r.Intn(20))})}
	}
	if g.chance(0.3) {
		p["options"] = g.options()
	}
	if !typed && g.bad() {
		p["bogus"] = 1 // an unknown top-level key
	}
	return p
}

// single is a one-off trigger, always well inside JPush's clock limits
// (between one hour and 300 days ahead): those checks depend on the clock
// and are plan warnings (issue 10), not part of this comparison.
func (g *gen) single() (tf, wire map[string]any) {
	at := g.now.Add(time.Hour + time.Duration(g.r.Int63n(int64(300*24*time.Hour)))).Truncate(time.Second)
	return map[string]any{"single": map[string]any{"time": g.tfTime(at)}},
		map[string]any{"single": map[string]any{"time": at.In(g.loc).Format("2006-01-02 15:04:05")}}
}

// tfTime writes t as RFC 3339 (in the zone or UTC) or as a wall clock.
func (g *gen) tfTime(t time.Time) string {
	switch g.r.Intn(3) {
	case 0:
		return t.In(g.loc).Format(time.RFC3339)
	case 1:
		return t.UTC().Format(time.RFC3339)
	}
	return t.In(g.loc).Format("2006-01-02 15:04:05")
}

// periodical is a recurring trigger around the one-year span, the
// frequency, the clock format and the point rules.
func (g *gen) periodical() (tf, wire map[string]any) {
	start := g.now.Add(2*time.Hour + time.Duration(g.r.Int63n(int64(30*24*time.Hour)))).Truncate(time.Second)
	var end time.Time
	switch {
	case g.bad():
		end = g.pickTime(start.AddDate(1, 0, 0).Add(time.Second), start.Add(-time.Hour), start.Add(time.Duration(1+g.r.Intn(48))*time.Hour))
	case g.chance(0.3):
		end = start.AddDate(1, 0, 0)
	default:
		end = start.AddDate(0, 1+g.r.Intn(11), 0)
	}
	unit := g.choose([]string{"day", "week", "month", "WEEK", "Month"}, []string{"hour"})
	clock := g.choose([]string{"08:00:00", "23:59:59", "00:00:00"}, []string{"24:00:00", "8:00:00", "12:60:00"})
	freq := []int64{1, 2, 100}[g.r.Intn(3)]
	if g.bad() {
		freq = []int64{0, 101}[g.r.Intn(2)]
	}
	var points []any
	n := 1 + g.r.Intn(3)
	if g.bad() {
		n = 0
	}
	switch strings.ToLower(unit) {
	case "week":
		days := []string{"MON", "tue", "Sun", "FRI", "sat"}
		for _, i := range g.r.Perm(len(days))[:n] {
			points = append(points, days[i])
		}
		if g.bad() {
			points = append(points, g.pick("MONDAY", "mon", "x"))
		}
	case "month":
		days := []string{"01", "15", "31", "28", "02"}
		for _, i := range g.r.Perm(len(days))[:n] {
			points = append(points, days[i])
		}
		if g.bad() {
			points = append(points, g.pick("1", "32", "00", "01"))
		}
	default:
		if g.bad() {
			points = []any{"01"}
		}
	}
	tfP := map[string]any{
		"start": g.tfTime(start), "end": g.tfTime(end), "time": clock, "time_unit": unit, "frequency": freq,
	}
	wire = map[string]any{
		"start": start.In(g.loc).Format("2006-01-02 15:04:05"), "end": end.In(g.loc).Format("2006-01-02 15:04:05"),
		"time": clock, "time_unit": unit, "frequency": num(freq),
	}
	if len(points) > 0 {
		tfP["point"], wire["point"] = points, points
	}
	return map[string]any{"periodical": tfP}, map[string]any{"periodical": wire}
}

func (g *gen) pickTime(ts ...time.Time) time.Time { return ts[g.r.Intn(len(ts))] }

// next makes one case: a name, a trigger and a push, typed or as JSON.
func (g *gen) next() genCase {
	g.edgy = g.chance(0.5)
	typed := g.chance(0.5)
	push := g.push(typed)
	var tfTrig, wireTrig map[string]any
	if g.chance(0.5) {
		tfTrig, wireTrig = g.single()
	} else {
		tfTrig, wireTrig = g.periodical()
	}
	name := g.name()
	cfg := map[string]any{"name": name, "trigger": tfTrig}
	form := "push_json"
	if typed {
		form = "push"
		cfg["push"] = typedConfig(push)
		push = typedWire(push)
	} else {
		raw, err := json.Marshal(push)
		if err != nil {
			panic(err)
		}
		cfg["push_json"] = string(raw)
	}
	return genCase{
		desc:   fmt.Sprintf("%s, trigger %v", form, wireTrig),
		config: cfg,
		body:   map[string]any{"name": name, "enabled": true, "trigger": wireTrig, "push": push},
	}
}

// typedConfig writes a wire push (made of keys the typed push models) as
// the typed push attribute: "all" is written by omission or all = true,
// JPush's hyphenated keys with underscores.
func typedConfig(p map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		switch {
		case k == "platform" && v == "all":
		case k == "audience" && v == "all":
			out[k] = map[string]any{"all": true}
		default:
			out[k] = underscoreKeys(v)
		}
	}
	return out
}

func underscoreKeys(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := make(map[string]any, len(m))
	for k, x := range m {
		out[strings.ReplaceAll(k, "-", "_")] = underscoreKeys(x)
	}
	return out
}

// typedWire is the wire push the provider sends for a typed push: an
// omitted android alert is sent as "" (JPush requires the key), an omitted
// hmos alert takes notification.alert.
func typedWire(p map[string]any) map[string]any {
	n, ok := p["notification"].(map[string]any)
	if !ok {
		return p
	}
	if a, ok := n["android"].(map[string]any); ok {
		if _, has := a["alert"]; !has {
			a["alert"] = ""
		}
	}
	if h, ok := n["hmos"].(map[string]any); ok {
		if _, has := h["alert"]; !has && n["alert"] != nil {
			h["alert"] = n["alert"]
		}
	}
	return p
}
