// Package datasources holds the data sources: jpush_schedules (the app's
// schedules, filtered) and jpush_schedule_msg_ids (the messages a schedule
// sent).
package datasources
