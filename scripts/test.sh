#!/usr/bin/env bash
# make test: every unit and acceptance test, with the race detector, against
# the in-process emulator (internal/exampletest applies the docs' examples
# too), then a short fuzz pass. Needs Go, a C compiler for -race, and a
# Terraform CLI (the one on PATH, or built from source into bin/). Installs
# nothing outside the repository: checks that need other runtimes (JPush's
# Node.js client: make sdk-compat) have targets of their own.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${REPO_ROOT}"

# -race needs cgo and a C compiler: say so plainly instead of a cgo error.
cc="$(go env CC)"
if [[ "$(go env CGO_ENABLED)" != 1 ]] || ! command -v "${cc%% *}" >/dev/null 2>&1; then
  echo "make test needs a C compiler for -race: install gcc or clang (or set CC), with CGO_ENABLED=1" >&2
  exit 1
fi

mkdir -p .tmp
: > .tmp/terraform-test.tfrc   # a private, empty CLI config: no ~/.terraformrc surprises

export TF_ACC=1
TF_ACC_TERRAFORM_PATH="$(find_terraform)"
export TF_ACC_TERRAFORM_PATH
export TF_CLI_CONFIG_FILE="${REPO_ROOT}/.tmp/terraform-test.tfrc"
export CHECKPOINT_DISABLE=1
unset TF_ACC_TERRAFORM_VERSION

log "go test -race ./... (TF_ACC=1, terraform: ${TF_ACC_TERRAFORM_PATH})"
go test -race -count=1 -timeout 30m ./...

if [[ -x scripts/fuzz.sh ]]; then
  log "short fuzz pass"
  FUZZTIME="${FUZZTIME:-10s}" ./scripts/fuzz.sh
fi
