#!/usr/bin/env bash
# The acceptance suite under every CLI the provider claims to support:
#   - Terraform 1.5.7, the oldest supported (built from the Go module proxy
#     into bin/terraform-v1.5.7/ the first time, a few minutes);
#   - the Terraform on PATH (1.11.4 here);
#   - OpenTofu 1.12.6 (pinned in tools/opentofu/go.mod, built into bin/tofu).
# Tests that need a newer CLI skip themselves (tfversion guards). Every CLI
# runs even when one fails; the summary says which failed. Extra arguments go
# to `go test` (e.g. -run TestAccSchedule). TEST_MATRIX_SKIP_PATH=1 leaves out
# the Terraform on PATH: .ci/run sets it because `make test` runs the same
# suite under that CLI (with -race) anyway. The same runs happen in CI
# (.github/workflows/test.yml), with setup-terraform / setup-opentofu.
source "$(dirname "$0")/lib.sh"
set -euo pipefail

# The acceptance suite and the docs' examples.
export TESTACC_PACKAGES="./internal/provider/... ./internal/exampletest/..."

cd "${REPO_ROOT}"
# `version` of each CLI without ~/.terraformrc warnings.
export TF_CLI_CONFIG_FILE="${REPO_ROOT}/.tmp/test-matrix.rc"
mkdir -p "${REPO_ROOT}/.tmp"
: >"${TF_CLI_CONFIG_FILE}"
clis=("$(build_terraform "${TERRAFORM_FALLBACK_VERSION}")")
if [[ "${TEST_MATRIX_SKIP_PATH:-}" == 1 ]]; then
  log "TEST_MATRIX_SKIP_PATH=1: the Terraform on PATH is left to make test"
elif path_tf="$(command -v terraform)"; then
  clis+=("${path_tf}")
else
  log "no terraform on PATH: only ${TERRAFORM_FALLBACK_VERSION} and OpenTofu run"
fi
clis+=("$(build_tofu)")

failed=()
summary=()
for cli in "${clis[@]}"; do
  version="$("${cli}" version | sed -n 1p)" # sed, not head: no SIGPIPE under pipefail
  start=${SECONDS}
  if ./scripts/testacc-cli.sh "${cli}" "$@"; then
    summary+=("PASS  ${version} ($((SECONDS - start))s)")
  else
    summary+=("FAIL  ${version} ($((SECONDS - start))s)")
    failed+=("${version}")
  fi
done

printf '\ntest-matrix:\n' >&2
printf '  %s\n' "${summary[@]}" >&2
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "test-matrix: FAIL under: ${failed[*]}" >&2
  exit 1
fi
echo "test-matrix: OK (${#clis[@]} CLIs)"
