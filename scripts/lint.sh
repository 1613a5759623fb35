#!/usr/bin/env bash
# Runs golangci-lint (pinned, installed into bin/) with .golangci.yml, and
# actionlint (pinned, installed into bin/) on .github/workflows/.
# Extra arguments go to `golangci-lint run` (e.g. ./internal/client/... or --fix).
source "$(dirname "$0")/lib.sh"
set -euo pipefail

GOLANGCI_LINT_VERSION="${GOLANGCI_LINT_VERSION:-v2.15.0}"
ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
lint="$(go_tool_bin golangci-lint "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@${GOLANGCI_LINT_VERSION}")"
cd "${REPO_ROOT}"

"${lint}" config verify
if [[ $# -eq 0 ]]; then
  set -- ./...
fi
log "golangci-lint run $*"
"${lint}" run "$@"

actionlint="$(go_tool_bin actionlint "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}")"
log "actionlint (.github/workflows)"
"${actionlint}"
