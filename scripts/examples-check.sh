#!/usr/bin/env bash
# make examples-check: the examples, applied. No network, no credentials.
#   1. `terraform fmt -check -recursive examples/`
#   2. internal/exampletest (TestExamples): every HCL configuration of
#      README.md, of the Testing locally guide and of examples/ is applied
#      with the real Terraform CLI against the emulator, through the README's
#      own dev_overrides CLI configuration pointing at a fresh provider build
#      (no `terraform init`), and must plan empty afterwards and destroy as
#      shipped; import blocks, moved blocks and a commented prevent_destroy
#      are walked as a reader would. The emulator gets only the setup the
#      docs give (clock, console templates), and holds other people's
#      schedules with the examples' names.
# Nothing is ever skipped: an example that cannot run fails the check, and
# so does a test run that skipped anything.
source "$(dirname "$0")/lib.sh"
set -euo pipefail

cd "${REPO_ROOT}"
terraform="$(find_terraform)"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
export TF_CLI_CONFIG_FILE="${work}/terraformrc"
private_tf_cli_config "${TF_CLI_CONFIG_FILE}"

log "terraform fmt -check -recursive examples/"
if ! "${terraform}" fmt -check -recursive -diff examples/; then
  echo "examples-check: examples/ is not terraform-fmt formatted: run make fmt" >&2
  exit 1
fi

log "applying every example against the emulator (terraform: ${terraform})"
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_ACC_TERRAFORM_VERSION
out="${work}/go-test.out"
set +e
TF_ACC=1 TF_ACC_TERRAFORM_PATH="${terraform}" \
  go test -count=1 -v -run '^TestExamples$' ./internal/exampletest/ 2>&1 | tee "${out}" | grep -E '^\s*(--- |ok|FAIL|PASS)'
rc=${PIPESTATUS[0]}
set -e
if [[ ${rc} -ne 0 ]]; then
  echo "examples-check: an example failed (full output above in the FAIL lines; rerun with go test -v ./internal/exampletest)" >&2
  grep -v -E '^\s*(=== RUN|--- PASS)' "${out}" | tail -n 80 >&2
  exit 1
fi
if grep -q -- '--- SKIP' "${out}" || ! grep -q -- '--- PASS: TestExamples ' "${out}"; then
  echo "examples-check: examples were skipped:" >&2
  grep -- '--- SKIP' -A2 "${out}" >&2
  exit 1
fi
passed="$(grep -c -- '    --- PASS: TestExamples/' "${out}")"
echo "examples-check: ${passed} examples applied, planned empty and destroyed"
