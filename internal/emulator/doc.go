// Package emulator is a strict in-memory stand-in for the JPush Schedule API v3. What it
// implements (endpoints, rules, error codes, limits, and a mode for each point JPush's
// sources leave open) is described in development/jpush-api.md, "the API reference"
// below. It is an http.Handler; Start runs it on loopback. Standard library only.
//
// JPush routes (optional trailing slash; the Beijing prefix /v3/push/schedules is accepted too):
//
//	POST   /v3/schedules                    create (cid idempotency, quota, full validation)
//	GET    /v3/schedules?page=N             list valid schedules, 50 per page, creation order
//	GET    /v3/schedules/{id}               one schedule (with schedule_id, without cid)
//	PUT    /v3/schedules/{id}               update whole sections; answers the schedule without schedule_id
//	                                        (or only the sections sent, with update_echo "submitted")
//	DELETE /v3/schedules/{id}               200, empty body (or {} with delete_body "json")
//	GET    /v3/schedules/{id}/msg_ids       {"count": n, "msgids": ["<JSON object as string>", ...]}
//	GET    /v3/push/cid?type=&count=        CID pool, cids valid 24 h of virtual time
//	POST   /v3/push/template/schedule       template schedules (templates defined over the admin API)
//	HEAD   /                                200 without auth (the Go SDK's protocol probe)
//
// Admin routes (no auth, no rate limit, not counted; errors are {"error": "message"}) are one
// table in admin.go; AdminRoutes lists them and `jpush-emulator -help` prints them.
//
// Decisions where JPush's sources are silent (API reference §10): expired schedules stay in
// memory; with expired_visible=false GET, PUT and DELETE answer 404/8104 for them, with true GET
// works, PUT answers 400/8100 "has been at term" and DELETE removes them. Their msg_ids have a
// switch of their own, msg_ids_visible, true by default (API reference §10 item 11). Disabled schedules
// skip their runs (a disabled single still expires at its time). Slots of a periodical schedule
// before its creation never fire. A rate limit of 0 switches limiting and its headers off.
// Whole-request template errors use codes 1002 (missing), 1003 (invalid) and 1009 (unknown key);
// per-param failures use 1003/1009, or 8100 for the quota.
package emulator
