// Package schedule is the jpush_schedule resource (one JPush schedule) and
// its list resource, for terraform query.
package schedule
