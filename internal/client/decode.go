package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DecodeSchedule parses one schedule as GET /v3/schedules/{id} returns it.
func DecodeSchedule(raw []byte) (*Schedule, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, errors.New("jpush: decode schedule: not a JSON object")
	}
	var s Schedule
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("jpush: decode schedule: %w", err)
	}
	return &s, nil
}

// DecodeScheduleList parses a page of GET /v3/schedules.
func DecodeScheduleList(raw []byte) (*ScheduleList, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, errors.New("jpush: decode schedule list: not a JSON object")
	}
	var l ScheduleList
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, fmt.Errorf("jpush: decode schedule list: %w", err)
	}
	return &l, nil
}

// DecodeMsgIDs parses the msg_ids answer in both wire formats
// (development/jpush-api.md §5.4): bare msg_id strings (Legacy) and string-encoded
// objects {"msg_id","error":{"code","message"},"needRetry","ts"}. It also
// tolerates objects that are not string-encoded, a null or missing count,
// and ts in seconds instead of milliseconds.
func DecodeMsgIDs(raw []byte) (*MsgIDs, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, errors.New("jpush: decode msg_ids: not a JSON object")
	}
	var wire struct {
		Count  json.RawMessage   `json:"count"`
		MsgIDs []json.RawMessage `json:"msgids"`
	}
	if err := json.Unmarshal(raw, &wire); err != nil {
		return nil, fmt.Errorf("jpush: decode msg_ids: %w", err)
	}
	out := &MsgIDs{Items: make([]MsgID, 0, len(wire.MsgIDs))}
	for i, el := range wire.MsgIDs {
		m, err := decodeMsgID(el)
		if err != nil {
			return nil, fmt.Errorf("jpush: decode msg_ids: item %d: %w", i, err)
		}
		out.Items = append(out.Items, m)
	}
	out.Count = len(out.Items)
	if n, ok := looseInt(wire.Count); ok {
		out.Count = int(n)
	}
	return out, nil
}

func decodeMsgID(el json.RawMessage) (MsgID, error) {
	el = bytes.TrimSpace(el)
	if len(el) == 0 {
		return MsgID{}, errors.New("empty element")
	}
	switch el[0] {
	case '"':
		var s string
		if err := json.Unmarshal(el, &s); err != nil {
			return MsgID{}, err
		}
		t := strings.TrimSpace(s)
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			if m, err := decodeMsgIDObject([]byte(t)); err == nil {
				return m, nil
			}
		}
		return MsgID{MsgID: s, Legacy: true}, nil
	case '{':
		return decodeMsgIDObject(el)
	default:
		// A bare number: an old id sent unquoted.
		if n, ok := looseInt(el); ok {
			return MsgID{MsgID: strconv.FormatInt(n, 10), Legacy: true}, nil
		}
		return MsgID{}, fmt.Errorf("unexpected element %s", excerpt(el))
	}
}

func decodeMsgIDObject(b []byte) (MsgID, error) {
	var o struct {
		MsgID json.RawMessage `json:"msg_id"`
		Error *struct {
			Code    json.RawMessage `json:"code"`
			Message string          `json:"message"`
		} `json:"error"`
		NeedRetry bool            `json:"needRetry"`
		TS        json.RawMessage `json:"ts"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return MsgID{}, err
	}
	var m MsgID
	if s, ok := looseString(o.MsgID); ok {
		m.MsgID = s
	}
	if o.Error != nil {
		if n, ok := looseInt(o.Error.Code); ok {
			m.ErrorCode = int(n)
		}
		m.ErrorMessage = o.Error.Message
	}
	m.NeedRetry = o.NeedRetry
	if ts, ok := looseInt(o.TS); ok && ts > 0 {
		t := epochToTime(ts)
		m.RunAt = &t
	}
	return m, nil
}

// epochToTime reads ts as seconds, or as milliseconds when seconds would
// land after the year 3000.
func epochToTime(ts int64) time.Time {
	const maxSeconds = 32503680000 // 3000-01-01T00:00:00Z
	if ts > maxSeconds {
		return time.UnixMilli(ts).UTC()
	}
	return time.Unix(ts, 0).UTC()
}

// looseInt reads a JSON number or a string holding one.
func looseInt(raw json.RawMessage) (int64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return 0, false
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return 0, false
		}
		raw = []byte(strings.TrimSpace(s))
	}
	if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		return n, true
	}
	if f, err := strconv.ParseFloat(string(raw), 64); err == nil && f >= -9e18 && f <= 9e18 {
		return int64(f), true
	}
	return 0, false
}

// looseString reads a JSON string or the literal of a number.
func looseString(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return "", false
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	return "", false
}

// decodeTemplateResult parses {code, message, data:{schedule_list:[...]}}.
func decodeTemplateResult(raw []byte) (*TemplateScheduleResult, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, errors.New("template schedule answer is not a JSON object")
	}
	var wire struct {
		Code    json.RawMessage `json:"code"`
		Message string          `json:"message"`
		Data    *struct {
			ScheduleList []struct {
				Code       json.RawMessage `json:"code"`
				Message    string          `json:"message"`
				ScheduleID string          `json:"schedule_id"`
				TraceID    string          `json:"trace_id"`
			} `json:"schedule_list"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &wire); err != nil {
		return nil, fmt.Errorf("cannot decode template schedule answer: %w", err)
	}
	res := &TemplateScheduleResult{Message: wire.Message}
	if n, ok := looseInt(wire.Code); ok {
		res.Code = int(n)
	}
	if wire.Data != nil {
		for _, it := range wire.Data.ScheduleList {
			item := TemplateScheduleItem{Message: it.Message, ScheduleID: it.ScheduleID, TraceID: it.TraceID}
			if n, ok := looseInt(it.Code); ok {
				item.Code = int(n)
			}
			res.Items = append(res.Items, item)
		}
	}
	return res, nil
}
