// Package exampletest holds the test that runs the documentation's examples:
// every HCL configuration in README.md, in the "Testing locally" guide and in
// examples/ is applied with the real Terraform CLI against the emulator, with
// a freshly built provider behind the README's own dev_overrides CLI
// configuration, and must plan empty afterwards and destroy cleanly, as
// shipped. The emulator is prepared only by the setup commands the README
// and the guide give (its clock, the console templates), run as pasted, and
// holds other people's schedules too, several with the examples' names; an
// example that needs any other setup fails. It also walks the docs' claims
// that the CLI can show (plan warnings and the README's CI gate, a failed
// disable, a fired schedule's replacement, moved blocks), runs the README's
// shell blocks (the local emulator, the install directory), keeps docs/ to
// what the registries publish, and checks the promises the README makes
// about the build: make test installs nothing, and the Terraform and
// OpenTofu versions the docs state are the ones CI tests. It has no
// non-test code.
package exampletest
