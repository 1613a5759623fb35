// Package client is a Go client for the JPush (极光推送) Schedule API v3.
//
// It covers every endpoint of the API — create, list, get, msg_ids, update
// and delete of schedules, the template schedule and the CID pool — with
// typed requests and responses, a single retry loop with exponential backoff
// and full jitter, idempotent creates through the CID pool, a client-side
// rate limiter fed by the X-Rate-Limit-* response headers, and a logging hook
// that never sees the master secret.
//
// Wire-time conversion lives in exactly one place (wiretime.go): JPush reads
// its offset-free "YYYY-MM-DD HH:MM:SS" strings in a fixed zone (by default
// Asia/Shanghai), never in the machine's local zone.
//
// The package imports nothing outside the standard library.
package client
