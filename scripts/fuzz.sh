#!/usr/bin/env bash
# Runs every Go fuzz target of the module for a short, bounded time each.
#   FUZZTIME   time (or Nx iterations) per target, default 10s
#   FUZZ_PKGS  optional package patterns to limit the search (default ./...)
# Go allows one fuzz target per `go test -fuzz` run, so targets run one at a time.
# Among them, internal/provider's FuzzRulesDifferential is the long run of the
# differential test (each input seeds 20 schedules judged by the provider's
# plan and by the emulator; make test runs a fixed 5,000).
# New failing inputs land in the package's testdata/fuzz/<Target>/: commit them
# as regression cases once the bug is fixed. Exits 0 when there are no targets.
source "$(dirname "$0")/lib.sh"
set -euo pipefail

FUZZTIME="${FUZZTIME:-10s}"
cd "${REPO_ROOT}"

# Only packages with a test file declaring a Fuzz function need `go test -list`.
read -r -a patterns <<<"${FUZZ_PKGS:-./...}"
mapfile -t pkgs < <(go list -e -f '{{.Dir}}' "${patterns[@]}" | while read -r dir; do
  if grep -qs '^func Fuzz[A-Z_0-9]' "${dir}"/*_test.go; then
    echo "./${dir#"${REPO_ROOT}"/}"
  fi
done)

if [[ ${#pkgs[@]} -eq 0 ]]; then
  echo "fuzz: no fuzz targets found"
  exit 0
fi

# count_inputs counts the saved inputs of one target (0 without a folder).
count_inputs() {
  if [[ -d "$1" ]]; then find "$1" -type f | wc -l; else echo 0; fi
}

total=0
failed=()
for pkg in "${pkgs[@]}"; do
  mapfile -t targets < <(go test -list '^Fuzz' "${pkg}" | grep -E '^Fuzz' || true)
  for target in "${targets[@]}"; do
    total=$((total + 1))
    log "fuzz ${pkg} ${target} for ${FUZZTIME}"
    corpus="${pkg}/testdata/fuzz/${target}"
    before="$(count_inputs "${corpus}")"
    if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "${FUZZTIME}" "${pkg}"; then
      # A failure that wrote no failing input is the fuzz engine's own (a
      # worker that missed the deadline on a loaded machine, "context
      # deadline exceeded"), not a finding: run the target once more.
      # A real finding always leaves its input under testdata/fuzz/.
      if [[ "$(count_inputs "${corpus}")" == "${before}" ]]; then
        log "fuzz ${pkg} ${target}: failed without a failing input; once more"
        if go test -run '^$' -fuzz "^${target}\$" -fuzztime "${FUZZTIME}" "${pkg}"; then
          continue
        fi
      fi
      failed+=("${pkg}:${target}")
    fi
  done
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: ${#failed[@]} of ${total} targets failed: ${failed[*]}" >&2
  echo "fuzz: failing inputs were written under testdata/fuzz/ of each package" >&2
  exit 1
fi
echo "fuzz: ${total} targets ran for ${FUZZTIME} each, no failures"
