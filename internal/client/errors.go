package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// APIError is a failed JPush call: a non-2xx answer, a business error in a
// 2xx answer, or an answer whose body could not be understood.
type APIError struct {
	// HTTPStatus is the response status code.
	HTTPStatus int
	// Code is JPush's error code (8100, 8104, 2002, ...); 0 when the body
	// carried none.
	Code int
	// Message is JPush's error message, or a description of what was wrong
	// with the body.
	Message string
	// Method and Path identify the call ("POST", "/v3/schedules").
	Method, Path string
	// Body is a short, sanitized excerpt of a body that was not a JPush
	// error envelope (an HTML page from a proxy, a truncated body).
	Body string
}

// Error formats as
// "jpush: POST /v3/schedules: HTTP 400, code 8100: The schedule-task is invalid: ...".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("jpush: ")
	if e.Method != "" || e.Path != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString("HTTP ")
	b.WriteString(strconv.Itoa(e.HTTPStatus))
	if e.Code != 0 {
		b.WriteString(", code ")
		b.WriteString(strconv.Itoa(e.Code))
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	} else if t := http.StatusText(e.HTTPStatus); t != "" {
		b.WriteString(": ")
		b.WriteString(t)
	}
	if e.Body != "" {
		b.WriteString(": body: ")
		b.WriteString(e.Body)
	}
	return b.String()
}

// Error codes of the Schedule API and of the gateway (development/jpush-api.md §7).
const (
	CodeScheduleInvalid      = 8100
	CodeScheduleAuth         = 8101
	CodeScheduleNotFound     = 8104
	CodeScheduleInternal     = 8200
	CodeScheduleTimeout      = 8203
	CodeScheduleCreateFailed = 8400 // doc variant of 8100
	CodeScheduleNotFoundDoc  = 8404 // doc variant of 8104
	CodePushInternal         = 1000
	CodePushAuth             = 1004
	CodePushTimeout          = 1030
	CodeRateLimited          = 2002
)

func asAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

// IsNotFound reports whether err says the schedule does not exist
// (HTTP 404, or code 8104/8404).
func IsNotFound(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.HTTPStatus == http.StatusNotFound || e.Code == CodeScheduleNotFound || e.Code == CodeScheduleNotFoundDoc)
}

// IsRateLimited reports whether err is a rate-limit rejection (429/2002).
func IsRateLimited(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.HTTPStatus == http.StatusTooManyRequests || e.Code == CodeRateLimited)
}

// IsRetryable reports whether the server said the call may be repeated
// later: 429, 500/8200, 502, 503/8203, 504, 1000, 1030.
func IsRetryable(err error) bool {
	e, ok := asAPIError(err)
	if !ok {
		return false
	}
	switch e.HTTPStatus {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	switch e.Code {
	case CodeRateLimited, CodeScheduleInternal, CodeScheduleTimeout, CodePushInternal, CodePushTimeout:
		return true
	}
	return false
}

// IsAuth reports whether err is an authentication failure (401, 8101, 1004).
func IsAuth(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.HTTPStatus == http.StatusUnauthorized || e.Code == CodeScheduleAuth || e.Code == CodePushAuth)
}

// IsUnreachable reports whether err is a failure to reach the server at
// all (connection refused, DNS, TLS), as opposed to an answer JPush gave.
// A timeout is not: the server may only be slow.
func IsUnreachable(err error) bool {
	if _, ok := asAPIError(err); ok {
		return false
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return false
	}
	var ue *url.Error
	return errors.As(err, &ue) || errors.As(err, &ne)
}

// IsValidation reports whether the server rejected the request as invalid
// (HTTP 400).
func IsValidation(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.HTTPStatus == http.StatusBadRequest
}

// errorEnvelope reads both error envelopes: {"error":{"code","message"}}
// and the template endpoints' top-level {"code","message"}.
type errorEnvelope struct {
	Error *struct {
		Code    json.Number `json:"code"`
		Message string      `json:"message"`
	} `json:"error"`
	Code    json.Number `json:"code"`
	Message string      `json:"message"`
}

// decodeError turns a response into an *APIError. It never panics and
// never returns nil.
func decodeError(method, path string, status int, contentType string, body []byte) *APIError {
	e := &APIError{HTTPStatus: status, Method: method, Path: path}
	trimmed := bytes.TrimSpace(body)
	var env errorEnvelope
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(trimmed, &env) == nil {
		switch {
		case env.Error != nil:
			e.Code = numberToInt(env.Error.Code)
			e.Message = env.Error.Message
			return e
		case env.Code != "" || env.Message != "":
			e.Code = numberToInt(env.Code)
			e.Message = env.Message
			return e
		}
		e.Message = "response carries no error code"
		e.Body = excerpt(trimmed)
		return e
	}
	switch {
	case len(trimmed) == 0:
		e.Message = "empty response body"
	case strings.Contains(strings.ToLower(contentType), "html") || bytes.HasPrefix(trimmed, []byte("<")):
		e.Message = "unexpected HTML response (a proxy or gateway page?)"
		e.Body = excerpt(stripTags(trimmed))
	default:
		e.Message = "response body is not JSON"
		e.Body = excerpt(trimmed)
	}
	return e
}

func numberToInt(n json.Number) int {
	if n == "" {
		return 0
	}
	if i, err := n.Int64(); err == nil {
		return int(i)
	}
	if f, err := n.Float64(); err == nil {
		return int(f)
	}
	return 0
}

// excerptLen bounds body excerpts in errors.
const excerptLen = 200

// excerpt returns at most excerptLen printable runes of b on one line.
func excerpt(b []byte) string {
	var sb strings.Builder
	n := 0
	space := false
	for len(b) > 0 && n < excerptLen {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r == utf8.RuneError && size <= 1 {
			r = '?'
		}
		if unicode.IsSpace(r) || !unicode.IsPrint(r) {
			if !space && n > 0 {
				sb.WriteByte(' ')
				n++
			}
			space = true
			continue
		}
		space = false
		sb.WriteRune(r)
		n++
	}
	s := strings.TrimSpace(sb.String())
	if len(b) > 0 {
		s += "…"
	}
	return s
}

// stripTags removes HTML tags (and script/style bodies, roughly) so the
// excerpt of a proxy page shows its text.
func stripTags(b []byte) []byte {
	out := make([]byte, 0, len(b))
	in := false
	for _, c := range b {
		switch {
		case c == '<':
			in = true
			out = append(out, ' ')
		case c == '>':
			in = false
		case !in:
			out = append(out, c)
		}
	}
	return out
}

// attemptsError is returned when the retry budget ran out.
type attemptsError struct {
	method, path string
	attempts     int
	last         error
}

func (e *attemptsError) Error() string {
	return fmt.Sprintf("jpush: %s %s: giving up after %d attempts: %v", e.method, e.path, e.attempts, strings.TrimPrefix(e.last.Error(), "jpush: "))
}

func (e *attemptsError) Unwrap() error { return e.last }
