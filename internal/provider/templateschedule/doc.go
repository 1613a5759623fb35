// Package templateschedule is the jpush_template_schedule resource: one
// template and its params, which JPush turns into one schedule per param.
package templateschedule
