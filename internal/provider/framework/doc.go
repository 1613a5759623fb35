// Package framework holds small helpers over terraform-plugin-framework that
// every other package of the provider uses: value helpers (Known,
// AttrError, list conversions), the attribute validators, which call
// internal/rules for JPush's rules, generic plan modifiers, and the default
// time zone. It depends on no other package of the provider.
package framework
