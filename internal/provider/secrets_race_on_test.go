//go:build race

package provider

// secretsRaceEnabled tells the end-to-end secrets test to build the provider
// binary with -race too, so that it reuses the test binary's build cache.
const secretsRaceEnabled = true
