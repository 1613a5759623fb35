// Package exampletest holds the test that runs the documentation's examples:
// every HCL configuration in README.md, in the "Testing locally" guide and in
// examples/ is applied with the real Terraform CLI against the emulator, with
// a freshly built provider behind the README's own dev_overrides CLI
// configuration, and must plan empty afterwards. It also checks the promises
// the README makes about the build: make test installs nothing, and the
// Terraform and OpenTofu versions the docs state are the ones CI tests. It
// has no non-test code.
package exampletest
