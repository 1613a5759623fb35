// Package conn is what every resource and data source keeps of the
// provider: the data handed to Configure (the API client, the time zone,
// the app), the zone holder the plan modifiers read before that, the
// once-per-provider credentials check, and the diagnostics of API errors.
package conn
