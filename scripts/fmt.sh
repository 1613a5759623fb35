#!/usr/bin/env bash
# Formats the tree: gofumpt (a stricter gofmt, pinned to the version golangci-lint
# v2.15.0 uses, installed into bin/) on
# all Go files, then `terraform fmt -recursive` on examples/.
# With --check, changes nothing and fails if anything would be reformatted.
source "$(dirname "$0")/lib.sh"
set -euo pipefail

GOFUMPT_VERSION="${GOFUMPT_VERSION:-v0.12.0}"
check=false
if [[ "${1:-}" == "--check" ]]; then check=true; fi

gofumpt="$(go_tool_bin gofumpt "mvdan.cc/gofumpt@${GOFUMPT_VERSION}")"
cd "${REPO_ROOT}"

# Tracked and new (not ignored) Go files: never bin/, dist/ or .tmp/.
mapfile -t gofiles < <(git ls-files --cached --others --exclude-standard -- '*.go' | sort -u | while read -r f; do [[ -f "${f}" ]] && echo "${f}"; done)

status=0
if [[ ${#gofiles[@]} -gt 0 ]]; then
  if ${check}; then
    unformatted="$("${gofumpt}" -l "${gofiles[@]}")"
    if [[ -n "${unformatted}" ]]; then
      printf 'not gofumpt-formatted (run make fmt):\n%s\n' "${unformatted}" >&2
      status=1
    fi
  else
    log "gofumpt -w (${#gofiles[@]} files)"
    "${gofumpt}" -w "${gofiles[@]}"
  fi
fi

if [[ -d examples ]]; then
  terraform="$(find_terraform)"
  cfg="$(mktemp)"
  trap 'rm -f "${cfg}"' EXIT
  export TF_CLI_CONFIG_FILE="${cfg}"
  if ${check}; then
    "${terraform}" fmt -check -recursive -diff examples/ || status=1
  else
    log "terraform fmt -recursive examples/"
    "${terraform}" fmt -recursive examples/
  fi
fi
exit "${status}"
