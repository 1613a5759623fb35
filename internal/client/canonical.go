package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Server defaults that a server may add to push.options when echoing a
// schedule; CanonicalPush removes them.
const (
	DefaultTimeToLive     = 86400
	DefaultAPNSProduction = true
)

// CanonicalPush returns the canonical form of a push payload. Two payloads
// are equivalent, as far as JPush is concerned, iff their canonical forms
// are byte-equal. The canonical form:
//
//   - has object keys sorted and no insignificant white space;
//   - writes numbers in their shortest form (86400.0 is 86400);
//   - drops null members of objects (null is the same as absent);
//   - drops options.time_to_live when it is 86400 and
//     options.apns_production when it is true (the string "true" too) —
//     the server defaults — and then an empty options object;
//   - writes platform "all" as "all" (an empty list too) and a platform
//     list lower-cased, de-duplicated and sorted; the full list of
//     platforms stays a list;
//   - writes every broadcast audience ("all" in any case, {"all": true})
//     as "all", and drops empty lists from an audience object (JPush treats
//     them as absent).
func CanonicalPush(raw json.RawMessage) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("jpush: canonical push: %w", err)
	}
	if dec.More() {
		return nil, errors.New("jpush: canonical push: trailing data after the JSON object")
	}
	if _, err := dec.Token(); err == nil {
		return nil, errors.New("jpush: canonical push: trailing data after the JSON object")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("jpush: canonical push: not a JSON object")
	}
	v = canonicalValue(obj)
	obj = v.(map[string]any)

	if p, ok := obj["platform"]; ok {
		obj["platform"] = canonicalPlatform(p)
	}
	if a, ok := obj["audience"]; ok {
		obj["audience"] = canonicalAudience(a)
	}
	if o, ok := obj["options"].(map[string]any); ok {
		if n, ok := o["time_to_live"].(json.Number); ok && n.String() == strconv.Itoa(DefaultTimeToLive) {
			delete(o, "time_to_live")
		}
		switch ap := o["apns_production"].(type) {
		case bool:
			if ap == DefaultAPNSProduction { //nolint:staticcheck // compared with the named default on purpose
				delete(o, "apns_production")
			}
		case string:
			switch strings.ToLower(ap) {
			case "true":
				delete(o, "apns_production")
			case "false":
				o["apns_production"] = false
			}
		}
		if len(o) == 0 {
			delete(obj, "options")
		}
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		return nil, fmt.Errorf("jpush: canonical push: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// EquivalentPush reports whether two push payloads are equivalent (see
// CanonicalPush).
func EquivalentPush(a, b json.RawMessage) (bool, error) {
	ca, err := CanonicalPush(a)
	if err != nil {
		return false, err
	}
	cb, err := CanonicalPush(b)
	if err != nil {
		return false, err
	}
	return bytes.Equal(ca, cb), nil
}

// canonicalValue drops null object members and normalises numbers,
// recursively.
func canonicalValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if e == nil {
				delete(v, k)
				continue
			}
			v[k] = canonicalValue(e)
		}
		return v
	case []any:
		for i, e := range v {
			v[i] = canonicalValue(e)
		}
		return v
	case json.Number:
		return canonicalNumber(v)
	}
	return v
}

func canonicalNumber(n json.Number) json.Number {
	if i, err := strconv.ParseInt(n.String(), 10, 64); err == nil {
		return json.Number(strconv.FormatInt(i, 10))
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return n
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return json.Number(strconv.FormatInt(int64(f), 10))
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
}

func canonicalPlatform(p any) any {
	switch p := p.(type) {
	case string:
		if strings.EqualFold(strings.TrimSpace(p), PlatformAll) {
			return PlatformAll
		}
		return strings.ToLower(strings.TrimSpace(p))
	case []any:
		seen := make(map[string]bool, len(p))
		out := make([]string, 0, len(p))
		for _, e := range p {
			s, ok := e.(string)
			if !ok {
				return p // not a platform list; leave it for the server to reject
			}
			s = strings.ToLower(strings.TrimSpace(s))
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			return PlatformAll
		}
		sort.Strings(out)
		l := make([]any, len(out))
		for i, s := range out {
			l[i] = s
		}
		return l
	}
	return p
}

func canonicalAudience(a any) any {
	switch a := a.(type) {
	case string:
		if strings.EqualFold(strings.TrimSpace(a), "all") {
			return "all"
		}
		return a
	case map[string]any:
		for k, e := range a {
			if l, ok := e.([]any); ok && len(l) == 0 {
				delete(a, k)
			}
		}
		if all, ok := a["all"]; ok && len(a) == 1 {
			switch all := all.(type) {
			case bool:
				if all {
					return "all"
				}
			case string:
				if strings.EqualFold(all, "all") || strings.EqualFold(all, "true") {
					return "all"
				}
			}
		}
		return a
	}
	return a
}
