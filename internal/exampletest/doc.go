// Package exampletest holds the test that runs the documentation's examples:
// every HCL configuration in README.md, in the "Testing locally" guide and in
// examples/ is applied with the real Terraform CLI against the emulator, with
// a freshly built provider behind the README's own dev_overrides CLI
// configuration, and must plan empty afterwards. It has no non-test code.
package exampletest
