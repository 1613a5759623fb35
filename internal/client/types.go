package client

import (
	"encoding/json"
	"time"
)

// Schedule is a JPush schedule as it travels on the wire (development/jpush-api.md §3).
//
// Push holds the complete Push API v3 payload verbatim; use DecodePush and
// EncodePush to convert it to and from the typed Push.
type Schedule struct {
	// ID is the schedule_id assigned by JPush. It is empty on create.
	ID string `json:"schedule_id,omitempty"`
	// CID is the idempotency key of a create. CreateSchedule fills it in
	// from the CID pool when it is empty.
	CID     string          `json:"cid,omitempty"`
	Name    string          `json:"name"`
	Enabled bool            `json:"enabled"`
	Trigger Trigger         `json:"trigger"`
	Push    json.RawMessage `json:"push,omitempty"`
}

// ScheduleUpdate is the body of PUT /v3/schedules/{id}. Only the sections
// that are set are sent, and each sent section replaces the stored one
// wholesale (development/jpush-api.md §5.5).
type ScheduleUpdate struct {
	Name    *string         `json:"name,omitempty"`
	Enabled *bool           `json:"enabled,omitempty"`
	Trigger *Trigger        `json:"trigger,omitempty"`
	Push    json.RawMessage `json:"push,omitempty"`
}

// Trigger holds exactly one of Single and Periodical.
type Trigger struct {
	Single     *SingleTrigger     `json:"single,omitempty"`
	Periodical *PeriodicalTrigger `json:"periodical,omitempty"`
}

// SingleTrigger fires once. Time is a wire time, "YYYY-MM-DD HH:MM:SS"
// (see FormatWireTime).
type SingleTrigger struct {
	Time string `json:"time"`
}

// PeriodicalTrigger fires every Frequency TimeUnits at the wall-clock Time
// ("HH:MM:SS") between Start and End (wire times). Point lists week days
// ("MON".."SUN") or month days ("01".."31"); it is unused for "day".
type PeriodicalTrigger struct {
	Start     string   `json:"start"`
	End       string   `json:"end"`
	Time      string   `json:"time"`
	TimeUnit  string   `json:"time_unit"`
	Frequency int      `json:"frequency"`
	Point     []string `json:"point,omitempty"`
}

// CreateResult is the answer to a create.
type CreateResult struct {
	ScheduleID string `json:"schedule_id"`
	Name       string `json:"name"`
	// CID is the idempotency key the create was sent with (not on the wire
	// of the response).
	CID string `json:"-"`
}

// ScheduleList is one page of GET /v3/schedules.
type ScheduleList struct {
	TotalCount int        `json:"total_count"`
	TotalPages int        `json:"total_pages"`
	Page       int        `json:"page"`
	Schedules  []Schedule `json:"schedules"`
}

// MsgIDs is the answer of GET /v3/schedules/{id}/msg_ids, with both wire
// formats (development/jpush-api.md §5.4) parsed into Items.
type MsgIDs struct {
	// Count is the count reported by the server, or len(Items) when the
	// server sent none (null or absent).
	Count int
	Items []MsgID
}

// MsgID is one run of a schedule.
type MsgID struct {
	MsgID        string
	ErrorCode    int
	ErrorMessage string
	NeedRetry    bool
	// RunAt is the time of the successful execution ("ts"), nil when the
	// server did not say (schedules created before 2022-03-17, or legacy).
	RunAt *time.Time
	// Legacy is true for the old format: a bare msg_id string.
	Legacy bool
}

// TemplateScheduleRequest is the body of POST /v3/push/template/schedule
// (development/jpush-api.md §5.8).
type TemplateScheduleRequest struct {
	ID           string          `json:"id"`
	Params       []TemplateParam `json:"params"`
	ScheduleName string          `json:"schedule_name"`
	Trigger      Trigger         `json:"trigger"`
}

// TemplateParam is one push of a template schedule. Audience is "all" or
// an audience object (marshal an Audience into it); Options is an options
// object (marshal an Options into it).
type TemplateParam struct {
	Keys     map[string]string `json:"keys,omitempty"`
	Audience json.RawMessage   `json:"audience"`
	Options  json.RawMessage   `json:"options,omitempty"`
	TraceID  string            `json:"trace_id,omitempty"`
	Geofence json.RawMessage   `json:"geofence,omitempty"`
}

// TemplateScheduleResult is the answer to a template schedule: one item per
// param, each with its own code (0 = created).
type TemplateScheduleResult struct {
	Code    int                    `json:"code"`
	Message string                 `json:"message"`
	Items   []TemplateScheduleItem `json:"-"`
}

// TemplateScheduleItem is the outcome of one TemplateParam.
type TemplateScheduleItem struct {
	Code       int    `json:"code"`
	Message    string `json:"message"`
	ScheduleID string `json:"schedule_id"`
	TraceID    string `json:"trace_id"`
}

// RateLimitState is the client's view of the X-Rate-Limit-* window.
type RateLimitState struct {
	// Known is false until a response carried the headers.
	Known bool
	// Limit is the quota per window (X-Rate-Limit-Limit).
	Limit int
	// Remaining is the local estimate of calls left in the window: the
	// last X-Rate-Limit-Remaining minus calls sent since.
	Remaining int
	// Reset is when the current window ends.
	Reset time.Time
	// InFlight is the number of requests sent and not yet answered.
	InFlight int
}

// ClientStats are cumulative counters, mainly for tests and benchmarks.
type ClientStats struct {
	// Requests is the number of HTTP attempts sent.
	Requests int64
	// Retries is the number of attempts after the first, over all calls.
	Retries int64
	// RateLimited is the number of 429 responses received.
	RateLimited int64
	// RateLimitWaits is how many times a caller waited for the window.
	RateLimitWaits int64
	// RateLimitWaited is the total time spent in those waits.
	RateLimitWaited time.Duration
	// BackoffWaited is the total time spent sleeping between retries.
	BackoffWaited time.Duration
	// CIDsFetched is the number of CIDs obtained from the pool endpoint.
	CIDsFetched int64
}
