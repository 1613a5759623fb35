#!/usr/bin/env bash
# Provider documentation with tfplugindocs (a `go tool` of this module).
#   docs.sh generate   regenerate docs/ from the schemas, templates/ and examples/
#   docs.sh check      fail if docs/ is stale, then `tfplugindocs validate`
# tfplugindocs reads the schemas from cmd/providers-schema; a Terraform CLI
# (the one find_terraform picks, first on PATH) is kept for `validate`.
source "$(dirname "$0")/lib.sh"
set -euo pipefail

usage() { echo "usage: $0 generate|check" >&2; exit 2; }
[[ $# -eq 1 ]] || usage

terraform="$(find_terraform)"
PATH="$(dirname "${terraform}"):${PATH}"
export PATH
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
# A private, empty CLI config: no ~/.terraformrc, no credentials, no plugin cache.
export TF_CLI_CONFIG_FILE="${work}/terraformrc"
private_tf_cli_config "${TF_CLI_CONFIG_FILE}"
unset TF_PLUGIN_CACHE_DIR

# The schemas come from the provider itself (cmd/providers-schema, in the
# format of `terraform providers schema -json`): the Terraform CLI here
# predates list resources (1.14) and resource identity (1.12) and would leave
# the jpush_schedule list resource and the identity schemas out of docs/.
generate() { # DIR
  log "tfplugindocs generate in ${1} (schemas from cmd/providers-schema)"
  (cd "$1" && go run ./cmd/providers-schema >"${work}/providers-schema.json" &&
    go tool tfplugindocs generate --provider-name jpush --providers-schema "${work}/providers-schema.json")
}

case "$1" in
generate)
  generate "${REPO_ROOT}"
  ;;
check)
  # Regenerate in a copy of the tree (without bin/, dist/, .git), then compare
  # the copy's docs/ with the committed one: the working tree is never touched.
  copy="${work}/repo"
  mkdir -p "${copy}"
  tar -C "${REPO_ROOT}" --exclude=./bin --exclude=./dist --exclude=./.git --exclude=./.tmp \
    --exclude='.terraform' --exclude='*.tfstate*' -cf - . | tar -C "${copy}" -xf -
  generate "${copy}"
  if ! diff -ruN "${REPO_ROOT}/docs" "${copy}/docs" >"${work}/docs.diff"; then
    echo "docs/ is stale: it differs from what tfplugindocs generates:" >&2
    head -n 200 "${work}/docs.diff" >&2
    echo >&2
    echo "Run 'make docs' (scripts/docs.sh generate) and commit docs/." >&2
    echo "Edit templates/ or examples/, or the schema descriptions, never docs/ by hand." >&2
    exit 1
  fi
  log "docs/ is up to date"
  log "tfplugindocs validate"
  (cd "${REPO_ROOT}" && go tool tfplugindocs validate --provider-name jpush)
  echo "docs-check: OK"
  ;;
*)
  usage
  ;;
esac
