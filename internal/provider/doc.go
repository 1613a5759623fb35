// Package provider is the JPush provider itself: the provider block, its
// Configure (the API client, the time zone, the app), logging, and the
// lists of resources, data sources, list resources and functions. The
// resources and everything they share live in the packages below it; see
// CONTRIBUTING.md, "How the packages depend on each other".
package provider
