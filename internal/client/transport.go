package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"
)

// maxBodySize bounds how much of a response is read.
const maxBodySize = 16 << 20

// request is one API call as seen by the retry loop.
type request struct {
	method string
	path   string
	query  url.Values
	body   any // marshalled once; nil sends no body
	out    any // decoded from a 2xx body; nil ignores the body

	// idempote marks a call that may be repeated after an ambiguous
	// failure (no response, 5xx): GET, PUT, DELETE and a create with a
	// CID. Any call is retried after a 429 or a failure to connect, which
	// mean the server did nothing.
	idempote bool
	// emptyOK accepts an empty 2xx body (DELETE, PUT).
	emptyOK bool
	// notFoundOK turns a 404 after a retried attempt into success.
	notFoundOK bool

	// mayHaveActed is set by do when some attempt may have been carried
	// out by the server although no definite answer said so: sent with no
	// (complete) response, answered 5xx, or answered 2xx with a body that
	// could not be understood. A 4xx answer proves nothing was done.
	mayHaveActed bool
}

// attemptResult is what one attempt produced.
type attemptResult struct {
	status int
	header http.Header
	body   []byte
	err    error // transport error; nil when a response arrived
	sent   bool  // false when the request surely never reached the server
}

// do runs req with retries. It is the only place that retries.
func (c *Client) do(ctx context.Context, req *request) error {
	fullURL, payload, err := c.encodeRequest(req)
	if err != nil {
		return err
	}
	var lastErr error
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return c.ctxErr(req, err, lastErr)
		}
		if attempt > 0 {
			c.stats.retries.Add(1)
		}
		res := c.attempt(ctx, req, fullURL, payload, attempt)
		if res.err != nil && res.sent || res.status >= 500 {
			req.mayHaveActed = true
		}
		if ctxErr := ctx.Err(); ctxErr != nil && res.err != nil {
			return c.ctxErr(req, ctxErr, lastErr)
		}
		v := c.judge(req, res, attempt)
		if v.final {
			return v.err
		}
		lastErr = v.err
		if !v.retry {
			return lastErr
		}
		if attempt >= c.maxRetries {
			return outOfRetries(req, attempt, lastErr)
		}
		if err := c.waitBeforeRetry(ctx, req, fullURL, attempt, v.wait, lastErr); err != nil {
			return c.ctxErr(req, err, lastErr)
		}
	}
}

// encodeRequest builds the URL of req and marshals its body once, so that
// every attempt sends the same bytes.
func (c *Client) encodeRequest(req *request) (string, []byte, error) {
	var payload []byte
	if req.body != nil {
		b, err := json.Marshal(req.body)
		if err != nil {
			return "", nil, fmt.Errorf("jpush: %s %s: encode request: %w", req.method, req.path, err)
		}
		payload = b
	}
	u := *c.base
	u.Path = c.base.Path + req.path
	if req.query != nil {
		u.RawQuery = req.query.Encode()
	}
	return u.String(), payload, nil
}

// verdict is what do makes of one attempt.
type verdict struct {
	// err is the attempt's failure, or do's result when final is set.
	err error
	// final ends do with err, whatever the retry budget: an answer (2xx,
	// or the 404 of a call that allows it) was reached.
	final bool
	// retry says the failure may go away on another attempt.
	retry bool
	// wait is the wait the server asked for (429); 0 means the backoff.
	wait time.Duration
}

// judge decides whether an attempt answered the call, failed for good or
// may be retried. A 2xx that is not a clear JPush refusal marks req as
// possibly acted on.
func (c *Client) judge(req *request, res attemptResult, attempt int) verdict {
	switch {
	case res.err != nil:
		return verdict{
			err:   fmt.Errorf("jpush: %s %s: %w", req.method, req.path, res.err),
			retry: isTransient(res.err) && (req.idempote || !res.sent),
		}
	case res.status >= 200 && res.status < 300:
		err := c.decodeSuccess(req, res)
		if e, ok := asAPIError(err); ok && (e.Code == 0 || IsRetryable(e)) {
			req.mayHaveActed = true // a 2xx that is not a clear JPush refusal
		}
		return verdict{err: err, final: true}
	}
	apiErr := decodeError(req.method, req.path, res.status, res.header.Get("Content-Type"), res.body)
	if req.notFoundOK && attempt > 0 && IsNotFound(apiErr) {
		return verdict{final: true}
	}
	switch {
	case IsRateLimited(apiErr):
		return verdict{err: apiErr, retry: true, wait: resetWait(res.header)}
	case IsRetryable(apiErr):
		return verdict{err: apiErr, retry: req.idempote}
	}
	return verdict{err: apiErr}
}

// outOfRetries is do's error when the retry budget is spent: the bare
// error when there was a single attempt, otherwise one that counts them.
func outOfRetries(req *request, attempt int, lastErr error) error {
	if attempt == 0 {
		return lastErr
	}
	return &attemptsError{method: req.method, path: req.path, attempts: attempt + 1, last: lastErr}
}

// waitBeforeRetry sleeps before retry number attempt+1: wait when the
// server set one, else the backoff. It fails only when ctx ends the wait.
func (c *Client) waitBeforeRetry(ctx context.Context, req *request, fullURL string, attempt int, wait time.Duration, lastErr error) error {
	if wait == 0 {
		wait = c.backoff(attempt)
	}
	c.log.log(ctx, LevelDebug, "jpush: retrying", map[string]any{
		"method": req.method, "url": fullURL, "attempt": attempt + 1, "wait": wait.String(), "error": lastErr.Error(),
	})
	start := time.Now()
	err := c.sleep(ctx, wait)
	c.stats.backoff.Add(int64(time.Since(start)))
	return err
}

func (c *Client) ctxErr(req *request, err, last error) error {
	if last != nil {
		// Only the context's error is the cause; the last attempt's is context for the reader.
		return fmt.Errorf("jpush: %s %s: %w (last error: %v)", req.method, req.path, err, last) //nolint:errorlint
	}
	return fmt.Errorf("jpush: %s %s: %w", req.method, req.path, err)
}

// attempt sends one request, after the rate limiter grants a slot.
func (c *Client) attempt(ctx context.Context, req *request, fullURL string, payload []byte, attempt int) attemptResult {
	if err := c.acquireSlot(ctx); err != nil {
		return attemptResult{err: err}
	}
	// The limiter learns the window from the response's headers, or that
	// there was none.
	var hdr http.Header
	status := 0
	defer func() { c.limiter.release(hdr, status) }()

	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	hreq, err := c.newHTTPRequest(actx, req.method, fullURL, payload)
	if err != nil {
		return attemptResult{err: err}
	}
	if c.log.enabled(LevelTrace) {
		c.log.log(ctx, LevelTrace, "jpush: request", map[string]any{
			"method": req.method, "url": fullURL, "attempt": attempt + 1,
			"headers": redactHeaders(hreq.Header), "body": string(payload),
		})
	}

	c.stats.requests.Add(1)
	start := time.Now()
	resp, err := c.hc.Do(hreq)
	if err != nil {
		return c.sendFailed(ctx, actx, req, fullURL, attempt, start, err)
	}
	defer resp.Body.Close()
	data, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBodySize))
	hdr, status = resp.Header, resp.StatusCode
	c.recordResponse(ctx, req, fullURL, attempt, start, resp, data)
	if rerr != nil {
		// A cut-off body is an ambiguous failure like no response at all.
		return attemptResult{err: fmt.Errorf("reading response (HTTP %d): %w", resp.StatusCode, rerr), sent: true}
	}
	return attemptResult{status: resp.StatusCode, header: resp.Header, body: data, sent: true}
}

// acquireSlot waits for the rate limiter to grant a slot, and counts and
// logs the wait if there was one.
func (c *Client) acquireSlot(ctx context.Context) error {
	waited, err := c.limiter.acquire(ctx)
	if waited > 0 {
		c.stats.waits.Add(1)
		c.stats.waited.Add(int64(waited))
		c.logRateLimitWait(ctx, waited)
	}
	return err
}

// newHTTPRequest builds one attempt's HTTP request with the credentials,
// the user agent and, when there is a body, its content type.
func (c *Client) newHTTPRequest(actx context.Context, method, fullURL string, payload []byte) (*http.Request, error) {
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	hreq, err := http.NewRequestWithContext(actx, method, fullURL, body)
	if err != nil {
		return nil, err
	}
	hreq.Header.Set("Authorization", c.authHeader)
	hreq.Header.Set("User-Agent", c.userAgent)
	hreq.Header.Set("Accept", "application/json")
	if payload != nil {
		hreq.Header.Set("Content-Type", "application/json")
	}
	return hreq, nil
}

// sendFailed is the result of an attempt that got no response: it names
// the per-attempt timeout when that is what fired, logs the failure, and
// tells whether the request may have reached the server.
func (c *Client) sendFailed(ctx, actx context.Context, req *request, fullURL string, attempt int, start time.Time, err error) attemptResult {
	if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
		// Say plainly that the per-attempt timeout fired (the bare error
		// reads "context deadline exceeded").
		err = fmt.Errorf("timeout: no response within the request timeout of %s: %w", c.timeout, err)
	}
	c.log.log(ctx, LevelDebug, "jpush: request failed", map[string]any{
		"method": req.method, "url": fullURL, "attempt": attempt + 1,
		"latency": time.Since(start).String(), "error": err.Error(),
	})
	return attemptResult{err: err, sent: !isDialError(err)}
}

// recordResponse takes note of a response: the server's clock, the 429
// count, and the debug (and trace) log lines.
func (c *Client) recordResponse(ctx context.Context, req *request, fullURL string, attempt int, start time.Time, resp *http.Response, data []byte) {
	c.recordDate(resp.Header)
	if resp.StatusCode == http.StatusTooManyRequests {
		c.stats.rateLimited.Add(1)
	}
	fields := map[string]any{
		"method": req.method, "url": fullURL, "status": resp.StatusCode, "attempt": attempt + 1,
		"latency":                time.Since(start).String(),
		"x_rate_limit_limit":     resp.Header.Get("X-Rate-Limit-Limit"),
		"x_rate_limit_remaining": resp.Header.Get("X-Rate-Limit-Remaining"),
		"x_rate_limit_reset":     resp.Header.Get("X-Rate-Limit-Reset"),
	}
	c.log.log(ctx, LevelDebug, "jpush: response", fields)
	if c.log.enabled(LevelTrace) {
		c.log.log(ctx, LevelTrace, "jpush: response body", map[string]any{
			"method": req.method, "url": fullURL, "status": resp.StatusCode,
			"headers": redactHeaders(resp.Header), "body": string(data),
		})
	}
}

// decodeSuccess decodes a 2xx body into req.out. An unparseable body is an
// error, except an empty one where the call allows it.
func (c *Client) decodeSuccess(req *request, res attemptResult) error {
	body := bytes.TrimSpace(res.body)
	if len(body) == 0 {
		if req.emptyOK || req.out == nil {
			return nil
		}
		return &APIError{HTTPStatus: res.status, Method: req.method, Path: req.path, Message: "empty response body"}
	}
	if !json.Valid(body) {
		// Even where the body is of no interest (DELETE), junk means that
		// something which is not JPush answered.
		return decodeError(req.method, req.path, res.status, res.header.Get("Content-Type"), body)
	}
	// A 2xx answer may still carry a business error.
	var env errorEnvelope
	if body[0] == '{' && json.Unmarshal(body, &env) == nil && env.Error != nil && numberToInt(env.Error.Code) != 0 {
		return &APIError{HTTPStatus: res.status, Method: req.method, Path: req.path, Code: numberToInt(env.Error.Code), Message: env.Error.Message}
	}
	if req.out == nil {
		return nil
	}
	if err := json.Unmarshal(body, req.out); err != nil {
		return &APIError{HTTPStatus: res.status, Method: req.method, Path: req.path, Message: "cannot decode response: " + err.Error(), Body: excerpt(body)}
	}
	return nil
}

// backoff returns the wait before retry number attempt+1: full jitter over
// [MinBackoff, min(MaxBackoff, MinBackoff·2^attempt)].
func (c *Client) backoff(attempt int) time.Duration {
	ceil := c.maxBackoff
	if attempt < 30 {
		if d := c.minBackoff << uint(attempt); d > 0 && d < ceil {
			ceil = d
		}
	}
	span := ceil - c.minBackoff
	if span <= 0 {
		return c.minBackoff
	}
	return c.minBackoff + rand.N(span+1)
}

// maxResetWait bounds a wait taken from X-Rate-Limit-Reset.
const maxResetWait = 65 * time.Second

// resetWait is the wait after a 429: X-Rate-Limit-Reset seconds plus a
// little jitter (at least a short pause when the header is missing).
func resetWait(h http.Header) time.Duration {
	jitter := time.Duration(rand.N(int64(100*time.Millisecond))) + 50*time.Millisecond
	secs, err := strconv.Atoi(h.Get("X-Rate-Limit-Reset"))
	if err != nil || secs < 0 {
		return time.Second + jitter
	}
	d := time.Duration(secs)*time.Second + jitter
	if d > maxResetWait {
		d = maxResetWait
	}
	return d
}

// isTransient reports whether a transport error may go away on retry:
// timeouts, resets, EOFs, refused connections.
func isTransient(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	// A certificate the client refuses will be refused again.
	var certErr *tls.CertificateVerificationError
	var authErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invErr x509.CertificateInvalidError
	if errors.As(err, &certErr) || errors.As(err, &authErr) || errors.As(err, &hostErr) || errors.As(err, &invErr) {
		return false
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), // the per-attempt timeout
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.As(err, &ne):
		return true
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		// Whatever else net/http reports (e.g. "server closed idle
		// connection") is a transport hiccup, not a verdict.
		return true
	}
	return false
}

// isDialError reports whether the request failed before a connection was
// made, so the server cannot have seen it.
func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}
